package catalog

import (
	"unicode"
	"unicode/utf8"

	"lichtruc/roster"
)

// Document is the vocabulary of the Center's official documents,
// spreadsheets and import templates. Official documents are always in
// Vietnamese, whatever language the reader's pages use, so it has one
// language; the terms the other surfaces share (weekdays, roles, officer
// kinds, statuses, fields of law, the national heading, spans of days) are
// the catalog's own, taken from its table.
type Document struct {
	NationalHeading string
	Motto           string
	NumberLabel     string // "Số: " + number + "/" + suffix
	NumberBlank     string // the number's place before publication
	DateLine        string // place, day, month, year
	DateBlank       string // place, year: the date's place when not given

	TitleCourt, TitlePhone, TitleOutreach, TitleOffice string

	SiteLine   string // "Điểm trực: %s"
	VenueSep   string // between an outreach session's title and venue
	ColSession string // the slot column's header for outreach
	NoDuties   string
	NextDay    string // after an end time on the next day
	Recipient  string // "Nơi nhận:"

	// The table of the schedule.
	ColNo, ColDate, ColSlot, ColOfficer, ColPhone, ColBackup, ColBackupPhone string

	// The list of duties.
	ColWeekday, ColStart, ColEnd, ColSite, ColRole, ColKind, ColStatus string

	Roles    map[roster.AssignmentRole]string
	Statuses map[roster.AssignmentStatus]string
	Kinds    map[roster.OfficerKind]string
	Fields   map[string]string // fields of law, by code
	Total    string

	// Imports.
	ColFullName, ColEmail, ColSpecialties, ColSites, ColMonthlyLimit                         string
	ColTitle, ColVenue, ColPartner, ColSessionDate, ColSessionStart, ColSessionEnd, ColStaff string
	SheetOfficers, SheetOutreach, SheetHelp                                                  string
	HelpColumn, HelpValues                                                                   string
	HelpKinds, HelpFields, HelpSites, HelpLimit, HelpDate, HelpTime, HelpStaff, HelpList     string
	HelpRequired, HelpField, HelpEmail, HelpPhone                                            string

	// The allowance report.
	AllowanceTitle                                                       string // "Bồi dưỡng trực tháng %02d/%d"
	AllowanceRole, ColDuties, ColWorkday, ColWeekend, ColHoliday         string
	ColNight, ColHours, ColWorkdayH, ColWeekendH, ColHolidayH, ColNightH string
	RoleBoth                                                             string

	// The example rows of the import templates.
	ExampleOfficer []string // full name, e-mail, phone, sites
	ExampleSession []string // title, venue, partner, start, end, officers

	// Aliases are the other headers imports accept for a field, besides its
	// API name and its template header (lower case).
	Aliases map[string][]string
	// KindAliases and FieldAliases are other words accepted for a kind or a
	// specialty, besides the code and the label (lower case).
	KindAliases  map[string]roster.OfficerKind
	FieldAliases map[string]string
}

// Title is the title of a site's schedule by the site's kind: court duty,
// phone duty (an office site with a slot that runs every day or into the
// next day), outreach, or duty at the office.
func (d Document) Title(s roster.Site) string {
	switch s.Kind {
	case roster.SiteCourt:
		return d.TitleCourt
	case roster.SiteOutreach:
		return d.TitleOutreach
	}
	for _, sl := range s.Slots {
		if sl.Days == roster.Daily || sl.End <= sl.Start {
			return d.TitlePhone
		}
	}
	return d.TitleOffice
}

// Weekday names d's day of the week in a document: "Thứ Hai".
func (Document) Weekday(d roster.Date) string { return VI.Weekday(d) }

// Span is the span of days a document covers: "Từ ngày 04/01/2027 đến
// ngày 10/01/2027" (the catalog's DaySpan, capitalised as a line).
func (Document) Span(from, to roster.Date) string { return capitalise(VI.DaySpan(from, to)) }

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Doc returns the vocabulary of the documents. Its maps are fresh copies.
func Doc() Document {
	d := documentWords
	d.NationalHeading = VI.T("doc.nation")
	d.Motto = VI.T("doc.motto")
	d.Recipient = VI.T("doc.recipients")
	d.Total = VI.T("csv.total")
	d.ColOfficer = VI.T("csv.officer")
	d.Roles = map[roster.AssignmentRole]string{roster.Primary: VI.Role(roster.Primary), roster.Backup: VI.Role(roster.Backup)}
	d.Statuses = map[roster.AssignmentStatus]string{roster.Scheduled: VI.Status(roster.Scheduled), roster.Cancelled: VI.Status(roster.Cancelled)}
	d.Kinds = map[roster.OfficerKind]string{}
	for _, k := range []roster.OfficerKind{roster.KindLegalAidOfficer, roster.KindLawyer, roster.KindStaff} {
		d.Kinds[k] = VI.OfficerKind(k)
	}
	d.Fields = map[string]string{}
	for _, f := range roster.Specialties {
		d.Fields[f] = VI.Field(f)
	}
	d.ExampleOfficer = append([]string(nil), documentWords.ExampleOfficer...)
	d.ExampleSession = append([]string(nil), documentWords.ExampleSession...)
	d.Aliases = map[string][]string{}
	for k, v := range documentWords.Aliases {
		d.Aliases[k] = append([]string(nil), v...)
	}
	d.KindAliases = map[string]roster.OfficerKind{}
	for k, v := range documentWords.KindAliases {
		d.KindAliases[k] = v
	}
	d.FieldAliases = map[string]string{}
	for k, v := range documentWords.FieldAliases {
		d.FieldAliases[k] = v
	}
	return d
}

// fileWords name the files lichtruc sends and title its spreadsheets of
// reports (documents are in Vietnamese: the files take VI).
var fileWords = map[string][2]string{
	"file.schedule":          {"Lịch trực", "Duty schedule"},
	"file.duties":            {"Danh sách ca trực", "Duties"},
	"file.allowance":         {"Bồi dưỡng trực", "Duty allowance"},
	"file.outreach":          {"Trợ giúp pháp lý ngoài trụ sở", "Outreach"},
	"file.duty_report":       {"Thống kê ca trực", "Duty report"},
	"file.template_officers": {"Mẫu nhập cán bộ", "Officers import template"},
	"file.template_outreach": {"Mẫu nhập kế hoạch lưu động", "Outreach plan import template"},
	"file.outreach_title":    {"TRỢ GIÚP PHÁP LÝ NGOÀI TRỤ SỞ NĂM %d", "OUTREACH IN %d"},
	"file.duties_title":      {"THỐNG KÊ CA TRỰC %s", "DUTIES %s"},
	"file.list_title":        {"DANH SÁCH CA TRỰC %s", "DUTIES %s"},
}

// documentWords are the words only documents use; Doc adds the shared ones.
var documentWords = Document{
	NumberLabel: "Số: %s/%s",
	NumberBlank: "……",
	DateLine:    "%s, ngày %s tháng %s năm %d",
	DateBlank:   "%s, ngày …… tháng …… năm %d",

	TitleCourt:    "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN",
	TitlePhone:    "DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ",
	TitleOutreach: "LỊCH TRỢ GIÚP PHÁP LÝ LƯU ĐỘNG",
	TitleOffice:   "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TRỤ SỞ",

	SiteLine:   "Điểm trực: %s",
	VenueSep:   " - ",
	ColSession: "Đợt trợ giúp, địa điểm",
	NoDuties:   "Không có ca trực nào trong thời gian này.",
	NextDay:    "hôm sau",

	ColNo:          "STT",
	ColDate:        "Ngày",
	ColSlot:        "Ca trực",
	ColPhone:       "Số điện thoại",
	ColBackup:      "Người trực dự bị",
	ColBackupPhone: "Số điện thoại dự bị",

	ColWeekday: "Thứ",
	ColStart:   "Bắt đầu",
	ColEnd:     "Kết thúc",
	ColSite:    "Điểm trực",
	ColRole:    "Vai trò",
	ColKind:    "Loại",
	ColStatus:  "Trạng thái",

	ColFullName:     "Họ và tên",
	ColEmail:        "Thư điện tử",
	ColSpecialties:  "Lĩnh vực",
	ColSites:        "Điểm trực",
	ColMonthlyLimit: "Số ca tối đa mỗi tháng",
	ColTitle:        "Tên đợt",
	ColVenue:        "Địa điểm",
	ColPartner:      "Đơn vị phối hợp",
	ColSessionDate:  "Ngày",
	ColSessionStart: "Bắt đầu",
	ColSessionEnd:   "Kết thúc",
	ColStaff:        "Người thực hiện",
	SheetOfficers:   "Cán bộ",
	SheetOutreach:   "Kế hoạch lưu động",
	SheetHelp:       "Hướng dẫn",
	HelpColumn:      "Cột",
	HelpValues:      "Giá trị được chấp nhận",
	HelpKinds:       "Một trong: ",
	HelpFields:      "Một hoặc nhiều lĩnh vực, cách nhau bởi dấu phẩy: ",
	HelpSites:       "Mã điểm trực, cách nhau bởi dấu phẩy (ví dụ TAND-KV1, TRUC-DT)",
	HelpLimit:       "Số nguyên từ 0 đến 62; để trống hoặc 0: không giới hạn",
	HelpDate:        "Ngày dạng 15/03/2027 hoặc 2027-03-15",
	HelpTime:        "Giờ dạng 08:00",
	HelpStaff:       "Họ và tên, thư điện tử hoặc số điện thoại của cán bộ, cách nhau bởi dấu chấm phẩy",
	HelpList:        "Văn bản, tối đa 200 ký tự",
	HelpRequired:    "Bắt buộc. ",
	HelpField:       "Tên trường (API)",
	HelpEmail:       "Địa chỉ thư điện tử, không trùng với dòng khác; dùng để nhận ra cán bộ khi nhập lại",
	HelpPhone:       "Số điện thoại, không trùng với dòng khác; nhập dạng văn bản để giữ số 0 ở đầu",

	AllowanceTitle: "BẢNG TỔNG HỢP BỒI DƯỠNG TRỰC THÁNG %02d/%d",
	AllowanceRole:  "Vai trò",
	ColDuties:      "Số ca",
	ColWorkday:     "Ca ngày làm việc",
	ColWeekend:     "Ca ngày nghỉ hằng tuần",
	ColHoliday:     "Ca ngày lễ, tết",
	ColNight:       "Ca đêm",
	ColHours:       "Số giờ",
	ColWorkdayH:    "Giờ ngày làm việc",
	ColWeekendH:    "Giờ ngày nghỉ hằng tuần",
	ColHolidayH:    "Giờ ngày lễ, tết",
	ColNightH:      "Giờ đêm (22:00–06:00)",
	RoleBoth:       "Cộng",

	ExampleOfficer: []string{"Nguyễn Văn An", "nguyenvanan@tgpl.example.vn", "0912345678", "TAND-KV1, TRUC-DT"},
	ExampleSession: []string{"Trợ giúp pháp lý lưu động tại xã An Lư", "Nhà văn hóa thôn 3, xã An Lư", "Hội Nông dân thành phố",
		"08:00", "11:30", "Nguyễn Văn An; 0912000111"},

	Aliases: map[string][]string{
		"full_name":     {"họ tên", "tên", "họ và tên cán bộ"},
		"kind":          {"loại cán bộ", "chức danh"},
		"email":         {"e-mail", "thư điện tử (email)"},
		"phone":         {"điện thoại", "sđt", "số đt"},
		"specialties":   {"lĩnh vực chuyên môn", "chuyên môn"},
		"sites":         {"các điểm trực"},
		"monthly_limit": {"giới hạn mỗi tháng", "số ca tối đa"},
		"title":         {"tiêu đề", "tên đợt trợ giúp"},
		"venue":         {"nơi tổ chức"},
		"partner":       {"đối tác", "đơn vị phối hợp tổ chức"},
		"date":          {"ngày tổ chức"},
		"start":         {"giờ bắt đầu", "từ"},
		"end":           {"giờ kết thúc", "đến"},
		"officers":      {"cán bộ", "người trực"},
	},
	KindAliases: map[string]roster.OfficerKind{
		"tgvpl":               roster.KindLegalAidOfficer,
		"trợ giúp viên":       roster.KindLegalAidOfficer,
		"luật sư":             roster.KindLawyer,
		"luật sư hợp đồng":    roster.KindLawyer,
		"nhân viên":           roster.KindStaff,
		"nhân viên trung tâm": roster.KindStaff,
	},
	FieldAliases: map[string]string{
		"hôn nhân và gia đình": "marriage_family",
		"hôn nhân":             "marriage_family",
		"bhxh":                 "social_insurance",
	},
}
