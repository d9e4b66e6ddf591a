package notify

import (
	"fmt"
	"strings"
	"time"

	"lichtruc/roster"
)

// language holds the words of one language of the messages.
type language struct {
	code     string
	weekdays [7]string // Sunday first, as time.Weekday
	months   [12]string

	greeting     string // "%s" is the officer's name
	site         string
	address      string
	slot         string
	when         string
	role         string
	primary      string
	backup       string
	reception    string
	previously   string
	feedLink     string
	swapLink     string
	footerOrg    string
	footerNotice string

	reminderSubject string // "%s" is the duty's time and site
	reminderIntro   string // "%s" is the lead, as "24 giờ"

	changeSubject map[string]string // by kind; "" is the fallback
	changeIntro   map[string]string

	digestSubject     string // "%d" is the number of slots
	digestSubjectNone string
	digestIntro       string
	digestNone        string
	digestColumns     []string
	missing           func(n int, role roster.AssignmentRole) string

	hour, hours, minute, minutes, day, days string
	nextDay                                 string // after an end time on the following day
}

var vietnamese = &language{
	code:     "vi",
	weekdays: [7]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"},

	greeting:     "Kính gửi Anh/Chị %s,",
	site:         "Nơi trực",
	address:      "Địa chỉ",
	slot:         "Ca trực",
	when:         "Thời gian",
	role:         "Vai trò",
	primary:      "Trực chính",
	backup:       "Trực dự phòng",
	reception:    "Điện thoại tiếp nhận",
	previously:   "Lịch cũ",
	feedLink:     "Lịch trực của Anh/Chị (thêm một lần vào lịch trên điện thoại)",
	swapLink:     "Đề nghị đổi ca trực",
	footerOrg:    "Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng",
	footerNotice: "Thư được gửi tự động từ hệ thống lịch trực; xin vui lòng không trả lời thư này.",

	reminderSubject: "Nhắc lịch trực: %s",
	reminderIntro:   "Xin nhắc Anh/Chị ca trực sắp tới (nhắc trước %s):",

	changeSubject: map[string]string{
		ChangeAssigned:   "Lịch trực mới: %s",
		ChangeReassigned: "Ca trực đã chuyển cho người khác: %s",
		ChangeMoved:      "Ca trực đã đổi lịch: %s",
		ChangeCancelled:  "Ca trực đã hủy: %s",
		"":               "Ca trực có thay đổi: %s",
	},
	changeIntro: map[string]string{
		ChangeAssigned:   "Anh/Chị được phân công ca trực sau:",
		ChangeReassigned: "Ca trực sau đã được chuyển cho cán bộ khác; Anh/Chị không còn phải trực ca này:",
		ChangeMoved:      "Ca trực của Anh/Chị đã được đổi lịch. Lịch mới:",
		ChangeCancelled:  "Ca trực sau đã bị hủy; Anh/Chị không phải trực ca này:",
		"":               "Ca trực sau của Anh/Chị có thay đổi:",
	},

	digestSubject:     "Ca trực chưa đủ người: %d ca",
	digestSubjectNone: "Không có ca trực nào thiếu người",
	digestIntro:       "Các ca trực sau chưa đủ người trực. Xin phân công người trực thay.",
	digestNone:        "Tất cả các ca trực đã có người trực.",
	digestColumns:     []string{"Thời gian", "Ca trực", "Còn thiếu", "Ghi chú"},
	missing: func(n int, role roster.AssignmentRole) string {
		if role == roster.Backup {
			return fmt.Sprintf("%d trực dự phòng", n)
		}
		return fmt.Sprintf("%d trực chính", n)
	},

	hour: "giờ", hours: "giờ", minute: "phút", minutes: "phút", day: "ngày", days: "ngày",
	nextDay: "hôm sau",
}

var english = &language{
	code:     "en",
	weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},

	greeting:     "Dear %s,",
	site:         "Site",
	address:      "Address",
	slot:         "Slot",
	when:         "When",
	role:         "Role",
	primary:      "Primary",
	backup:       "Backup",
	reception:    "Reception phone",
	previously:   "Previously",
	feedLink:     "Your duty calendar (subscribe once on your phone)",
	swapLink:     "Ask a colleague to swap this duty",
	footerOrg:    "State Legal Aid Center of Hai Phong",
	footerNotice: "This message was sent automatically by the duty roster; please do not reply to it.",

	reminderSubject: "Duty reminder: %s",
	reminderIntro:   "A reminder of your coming duty (%s ahead):",

	changeSubject: map[string]string{
		ChangeAssigned:   "New duty: %s",
		ChangeReassigned: "Duty handed to another officer: %s",
		ChangeMoved:      "Duty rescheduled: %s",
		ChangeCancelled:  "Duty cancelled: %s",
		"":               "Duty changed: %s",
	},
	changeIntro: map[string]string{
		ChangeAssigned:   "You have been assigned the duty below:",
		ChangeReassigned: "The duty below has been handed to another officer; you no longer hold it:",
		ChangeMoved:      "Your duty has been rescheduled. It is now:",
		ChangeCancelled:  "The duty below has been cancelled; you need not attend:",
		"":               "Your duty below has changed:",
	},

	digestSubject:     "Uncovered duty slots: %d",
	digestSubjectNone: "No uncovered duty slots",
	digestIntro:       "These duty slots are not fully staffed. Please assign cover.",
	digestNone:        "Every duty slot is covered.",
	digestColumns:     []string{"When", "Slot", "Missing", "Note"},
	missing: func(n int, role roster.AssignmentRole) string {
		what := "primary officer"
		if role == roster.Backup {
			what = "backup officer"
		}
		if n != 1 {
			what += "s"
		}
		return fmt.Sprintf("%d %s", n, what)
	},

	hour: "hour", hours: "hours", minute: "minute", minutes: "minutes", day: "day", days: "days",
	nextDay: "next day",
}

// languageFor returns the language for a code: English for "en" (and
// "en-…"), Vietnamese otherwise.
func languageFor(code string) *language {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "en" || strings.HasPrefix(code, "en-") || strings.HasPrefix(code, "en_") {
		return english
	}
	return vietnamese
}

// date formats a day: "Thứ Hai, 04/01/2027" or "Monday, 4 January 2027".
func (l *language) date(t time.Time) string {
	y, m, d := t.Date()
	if l.code == "en" {
		return fmt.Sprintf("%s, %d %s %d", l.weekdays[t.Weekday()], d, l.months[m-1], y)
	}
	return fmt.Sprintf("%s, %02d/%02d/%d", l.weekdays[t.Weekday()], d, int(m), y)
}

// civilDate formats a roster.Date like date.
func (l *language) civilDate(d roster.Date) string {
	return l.date(d.In(time.UTC))
}

// span formats a duty's start and end in loc: "Thứ Hai, 04/01/2027,
// 07:30–11:30"; an end at the next midnight is "24:00", and a later end
// gets its own date: "Thứ Hai, 04/01/2027, 22:00 – Thứ Ba, 05/01/2027, 07:00".
func (l *language) span(start, end time.Time, loc *time.Location) string {
	start, end = start.In(loc), end.In(loc)
	day := l.date(start)
	if end.IsZero() || !end.After(start) {
		return day + ", " + start.Format("15:04")
	}
	if roster.DateOf(end) == roster.DateOf(start) {
		return day + ", " + start.Format("15:04") + "–" + end.Format("15:04")
	}
	if isNextMidnight(start, end) {
		return day + ", " + start.Format("15:04") + "–24:00"
	}
	return day + ", " + start.Format("15:04") + " – " + l.date(end) + ", " + end.Format("15:04")
}

// clockSpan formats a duty's times without its date: "07:30–11:30",
// "22:00–07:00 hôm sau", as in a schedule grouped by day.
func (l *language) clockSpan(start, end time.Time, loc *time.Location) string {
	start, end = start.In(loc), end.In(loc)
	switch {
	case end.IsZero() || !end.After(start):
		return start.Format("15:04")
	case roster.DateOf(end) == roster.DateOf(start):
		return start.Format("15:04") + "–" + end.Format("15:04")
	case isNextMidnight(start, end):
		return start.Format("15:04") + "–24:00"
	case roster.DateOf(start).AddDays(1) == roster.DateOf(end):
		return start.Format("15:04") + "–" + end.Format("15:04") + " (" + l.nextDay + ")"
	default:
		return start.Format("15:04") + " – " + l.date(end) + ", " + end.Format("15:04")
	}
}

// isNextMidnight reports whether end is midnight at the end of start's day.
func isNextMidnight(start, end time.Time) bool {
	h, m, s := end.Clock()
	return h == 0 && m == 0 && s == 0 && end.Nanosecond() == 0 &&
		roster.DateOf(start).AddDays(1) == roster.DateOf(end)
}

// lead formats a reminder lead: "24 giờ", "1 giờ 30 phút", "2 days".
func (l *language) lead(d time.Duration) string {
	unit := func(n int64, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	if d >= 48*time.Hour && d%(24*time.Hour) == 0 {
		return unit(int64(d/(24*time.Hour)), l.day, l.days)
	}
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	switch {
	case h > 0 && m > 0:
		return unit(h, l.hour, l.hours) + " " + unit(m, l.minute, l.minutes)
	case h > 0:
		return unit(h, l.hour, l.hours)
	case m > 0:
		return unit(m, l.minute, l.minutes)
	}
	return shortDuration(d)
}

// roleName names a duty role in l.
func (l *language) roleName(r roster.AssignmentRole) string {
	if r == roster.Backup {
		return l.backup
	}
	return l.primary
}

// locOr returns loc, or the location of t when loc is nil.
func locOr(loc *time.Location, t time.Time) *time.Location {
	if loc != nil {
		return loc
	}
	return t.Location()
}

// oneLine makes s safe and tidy for a subject: control characters and runs
// of blanks become one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r < 0x20 || r == 0x7f
	}), " ")
}
