package document

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lichtruc/roster"
)

// Rule keys an import reports (the shared keys of roster's errors; the
// catalog has their texts).
const (
	ruleRequired     = "required"
	ruleMalformed    = "malformed"
	ruleUnknownField = "unknown_field"
	ruleFormat       = "format"
	ruleRange        = "range"
	ruleTooLong      = "too_long"
	ruleOneOf        = "one_of"
	ruleDuplicate    = "duplicate"
	ruleNotFound     = "not_found"
	ruleInvalid      = "invalid"
)

// ImportIssue is one bad cell of an import file: the row as the manager sees
// it in Excel (the header is row 1), the column's header as written in the
// file (or the template's header of a missing column), the cell's name
// ("B150", "" for a missing column), the API's name of the field, and the
// rule key of what is wrong.
type ImportIssue struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Cell   string `json:"cell,omitempty"`
	Field  string `json:"field"`
	Code   string `json:"code"`
	Value  string `json:"value,omitempty"`
}

// ImportOptions is what an import is checked against.
type ImportOptions struct {
	Loc       *time.Location   // the Center's time zone, for outreach times
	SiteCodes []string         // an officer's sites must be among these; nil: not checked
	Officers  []roster.Officer // outreach staff are matched among these by e-mail, phone or name
}

// OfficerRow is one good row of an officers' file.
type OfficerRow struct {
	Row     int
	Officer roster.Officer // FullName, Kind, Email, Phone, Specialties, MonthlyLimit; Active
	Sites   []string       // site codes, upper case
}

// OfficerImport is a parsed officers' file: the good rows and every issue.
// The import is all or nothing: any issue, and nothing is written.
type OfficerImport struct {
	Rows   []OfficerRow
	Issues []ImportIssue
}

// OutreachRow is one good row of an outreach plan.
type OutreachRow struct {
	Row     int
	Session roster.OutreachSession // Title, Venue, Start, End, Partners (by name), OfficerIDs
}

// OutreachImport is a parsed outreach plan: the good rows and every issue.
type OutreachImport struct {
	Rows   []OutreachRow
	Issues []ImportIssue
}

// The fields of each kind of import, in the template's order, with their
// template headers and whether a row must fill them.
type importField struct {
	name, header string
	required     bool
}

func officerFields() []importField {
	return []importField{
		{"full_name", vi.ColFullName, true}, {"kind", vi.ColKind, true}, {"email", vi.ColEmail, false},
		{"phone", vi.ColPhone, false}, {"specialties", vi.ColSpecialties, false}, {"sites", vi.ColSites, false},
		{"monthly_limit", vi.ColMonthlyLimit, false},
	}
}

// OfficerColumn is the template's header of an officers' import field
// ("email" → "Thư điện tử"); the field itself for an unknown one.
func OfficerColumn(field string) string { return columnOf(officerFields(), field) }

// OutreachColumn is the template's header of an outreach plan's field.
func OutreachColumn(field string) string { return columnOf(outreachFields(), field) }

func columnOf(fields []importField, field string) string {
	for _, f := range fields {
		if f.name == field {
			return f.header
		}
	}
	return field
}

func outreachFields() []importField {
	return []importField{
		{"title", vi.ColTitle, true}, {"venue", vi.ColVenue, true}, {"partner", vi.ColPartner, true},
		{"date", vi.ColSessionDate, true}, {"start", vi.ColSessionStart, true}, {"end", vi.ColSessionEnd, true},
		{"officers", vi.ColStaff, false},
	}
}

// sheet is a file's first sheet as text cells, row 1 the header.
type sheet [][]string

// readSheet reads an .xlsx (by its zip signature) or a CSV file (UTF-8, with
// or without a byte order mark, separated by commas or semicolons). An .xlsx
// gives raw values: dates and times as serial numbers.
func readSheet(data []byte) (sheet, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, roster.Errorf(roster.EMalformed, "the file is not a readable .xlsx workbook")
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, roster.Errorf(roster.EMalformed, "the workbook's first sheet cannot be read")
		}
		return rows, nil
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, roster.Errorf(roster.EMalformed, "the CSV file is not UTF-8 text")
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	// A row is numbered as a spreadsheet shows it: blank lines count, line
	// ends inside a quoted cell do not.
	var rows sheet
	embedded := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, roster.Errorf(roster.EMalformed, "the CSV file cannot be read: %v", err)
		}
		line, _ := r.FieldPos(0)
		for len(rows) < line-embedded-1 {
			rows = append(rows, nil)
		}
		rows = append(rows, rec)
		for _, f := range rec {
			embedded += strings.Count(f, "\n")
		}
	}
}

// fold is the form headers and words are compared in: precomposed, lower
// case, single spaces, without a trailing "*" (the template marks required
// columns so).
func fold(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(nfc(s)), " "))
	return strings.TrimSpace(strings.TrimSuffix(s, "*"))
}

// columns maps the header row to fields: column index → field. Headers may
// be API names, template headers or their aliases.
func mapColumns(header []string, fields []importField) (map[int]importField, []ImportIssue) {
	by := map[string]importField{}
	for _, f := range fields {
		by[f.name] = f
		by[fold(f.header)] = f
		for _, a := range vi.Aliases[f.name] {
			by[fold(a)] = f
		}
	}
	cols := map[int]importField{}
	seen := map[string]bool{}
	var issues []ImportIssue
	for i, h := range header {
		if fold(h) == "" {
			continue
		}
		f, ok := by[fold(h)]
		switch {
		case !ok:
			issues = append(issues, ImportIssue{Row: 1, Column: strings.TrimSpace(h), Cell: cellName(i+1, 1), Code: ruleUnknownField})
		case seen[f.name]:
			issues = append(issues, ImportIssue{Row: 1, Column: strings.TrimSpace(h), Cell: cellName(i+1, 1), Field: f.name, Code: ruleDuplicate})
		default:
			cols[i], seen[f.name] = f, true
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			issues = append(issues, ImportIssue{Row: 1, Column: f.header, Field: f.name, Code: ruleRequired})
		}
	}
	return cols, issues
}

// record is one data row being checked.
type record struct {
	row    int
	header []string
	cells  map[string]string // by field name, trimmed
	col    map[string]int
	issues []ImportIssue
}

// records splits a sheet into its data rows, skipping empty ones.
func records(sh sheet, fields []importField) ([]*record, []ImportIssue) {
	if len(sh) == 0 {
		return nil, []ImportIssue{{Row: 1, Column: fields[0].header, Field: fields[0].name, Code: ruleRequired}}
	}
	cols, issues := mapColumns(sh[0], fields)
	var out []*record
	for i, cells := range sh[1:] {
		r := &record{row: i + 2, header: sh[0], cells: map[string]string{}, col: map[string]int{}}
		empty := true
		for j, f := range cols {
			r.col[f.name] = j
			if j < len(cells) {
				r.cells[f.name] = strings.TrimSpace(nfc(cells[j]))
				empty = empty && r.cells[f.name] == ""
			}
		}
		for j := range cells {
			if _, ok := cols[j]; !ok && strings.TrimSpace(cells[j]) != "" {
				empty = false
			}
		}
		if !empty {
			out = append(out, r)
		}
	}
	return out, issues
}

// fail records an issue with field. A required field without a column is
// reported once, on the header row, not on every row.
func (r *record) fail(field, code string) {
	j, ok := r.col[field]
	if !ok {
		if code == ruleRequired {
			return
		}
		r.issues = append(r.issues, ImportIssue{Row: r.row, Field: field, Code: code})
		return
	}
	r.issues = append(r.issues, ImportIssue{Row: r.row, Column: strings.TrimSpace(r.header[j]), Cell: cellName(j+1, r.row),
		Field: field, Code: code, Value: r.cells[field]})
}

// text returns a field's text, checking it is given when required and at
// most max characters long.
func (r *record) text(field string, required bool, max int) string {
	s := r.cells[field]
	switch {
	case s == "" && required:
		r.fail(field, ruleRequired)
	case utf8.RuneCountInString(s) > max:
		r.fail(field, ruleTooLong)
	default:
		// A cell is input like any other: text without control
		// characters or bidirectional overrides (roster's one rule).
		if rule, _ := roster.CheckTextInput(s, false, max); rule != "" {
			r.fail(field, rule)
		}
	}
	return s
}

// list splits a cell into its entries, at commas, semicolons and line ends.
func list(s string, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParseOfficers reads an officers' file (.xlsx or .csv), checks every row
// and returns the good rows and every bad cell. Columns are named by the
// API's field names or the template's Vietnamese headers; kinds and
// specialties are given as codes or Vietnamese words; e-mail addresses and
// phone numbers must be unique within the file. An error is returned only
// for a file that cannot be read at all (EMalformed).
func ParseOfficers(data []byte, opt ImportOptions) (OfficerImport, error) {
	sh, err := readSheet(data)
	if err != nil {
		return OfficerImport{}, err
	}
	recs, issues := records(sh, officerFields())
	out := OfficerImport{Issues: issues}
	kinds := map[string]roster.OfficerKind{}
	for k, label := range vi.Kinds {
		kinds[string(k)], kinds[fold(label)] = k, k
	}
	for a, k := range vi.KindAliases {
		kinds[fold(a)] = k
	}
	fields := map[string]string{}
	for _, sp := range roster.Specialties {
		fields[sp], fields[fold(vi.Fields[sp])] = sp, sp
	}
	for a, sp := range vi.FieldAliases {
		fields[fold(a)] = sp
	}
	var sites map[string]bool
	if opt.SiteCodes != nil {
		sites = map[string]bool{}
		for _, c := range opt.SiteCodes {
			sites[strings.ToUpper(c)] = true
		}
	}
	emails, phones := map[string]int{}, map[string]int{}
	for _, r := range recs {
		o := roster.Officer{Active: true, Specialties: []string{}}
		o.FullName = r.text("full_name", true, 200)
		if k := r.cells["kind"]; k == "" {
			r.fail("kind", ruleRequired)
		} else if kind, ok := kinds[fold(k)]; ok {
			o.Kind = kind
		} else {
			r.fail("kind", ruleOneOf)
		}
		if o.Email = r.text("email", false, 254); o.Email != "" {
			if !roster.ValidEmail(o.Email) {
				r.fail("email", ruleFormat)
			} else if _, dup := emails[strings.ToLower(o.Email)]; dup {
				r.fail("email", ruleDuplicate)
			} else {
				emails[strings.ToLower(o.Email)] = r.row
			}
		}
		r.cells["phone"] = excelPhone(r.cells["phone"])
		if o.Phone = r.text("phone", false, 30); o.Phone != "" {
			if !roster.ValidPhone(o.Phone) {
				r.fail("phone", ruleFormat)
			} else if _, dup := phones[roster.PhoneKey(o.Phone)]; dup {
				r.fail("phone", ruleDuplicate)
			} else {
				phones[roster.PhoneKey(o.Phone)] = r.row
			}
		}
		for _, s := range list(r.cells["specialties"], ",;\n") {
			sp, ok := fields[fold(s)]
			if !ok {
				r.fail("specialties", ruleOneOf)
				break
			}
			if !slices.Contains(o.Specialties, sp) {
				o.Specialties = append(o.Specialties, sp)
			}
		}
		var codes []string
		for _, c := range list(r.cells["sites"], ",;\n ") {
			c = strings.ToUpper(c)
			if sites != nil && !sites[c] {
				r.fail("sites", ruleNotFound)
				break
			}
			if !slices.Contains(codes, c) {
				codes = append(codes, c)
			}
		}
		if s := r.cells["monthly_limit"]; s != "" {
			f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
			switch {
			case err != nil || f != math.Trunc(f):
				r.fail("monthly_limit", ruleFormat)
			case f < 0 || f > 62:
				r.fail("monthly_limit", ruleRange)
			default:
				o.MonthlyLimit = int(f)
			}
		}
		if len(r.issues) > 0 {
			out.Issues = append(out.Issues, r.issues...)
			continue
		}
		out.Rows = append(out.Rows, OfficerRow{Row: r.row, Officer: o, Sites: codes})
	}
	return out, nil
}

// ParseOutreachPlan reads a year's outreach plan (.xlsx or .csv): title,
// venue, partner (several separated by ";"), date, start, end and the
// officers who staff each session (separated by commas, semicolons or line ends, each
// named by e-mail, phone or full name among opt.Officers).
func ParseOutreachPlan(data []byte, opt ImportOptions) (OutreachImport, error) {
	sh, err := readSheet(data)
	if err != nil {
		return OutreachImport{}, err
	}
	loc := opt.Loc
	if loc == nil {
		loc = time.UTC
	}
	recs, issues := records(sh, outreachFields())
	out := OutreachImport{Issues: issues}
	byEmail, byPhone, byName := map[string][]int64{}, map[string][]int64{}, map[string][]int64{}
	for _, o := range opt.Officers {
		if o.Email != "" {
			byEmail[strings.ToLower(o.Email)] = append(byEmail[strings.ToLower(o.Email)], o.ID)
		}
		if o.Phone != "" {
			byPhone[roster.PhoneKey(o.Phone)] = append(byPhone[roster.PhoneKey(o.Phone)], o.ID)
		}
		byName[fold(o.FullName)] = append(byName[fold(o.FullName)], o.ID)
	}
	for _, r := range recs {
		s := roster.OutreachSession{}
		s.Title = r.text("title", true, 200)
		s.Venue = r.text("venue", true, 300)
		if r.cells["partner"] == "" {
			r.fail("partner", ruleRequired)
		}
		for _, p := range list(r.cells["partner"], ";\n") {
			if utf8.RuneCountInString(p) > 200 {
				r.fail("partner", ruleTooLong)
				break
			}
			s.Partners = append(s.Partners, roster.Partner{Name: p})
		}
		if len(s.Partners) > roster.MaxSessionPartners {
			r.fail("partner", ruleRange)
		}
		day, okDay := r.date("date")
		start, okStart := r.clock("start")
		end, okEnd := r.clock("end")
		if okDay && okStart && okEnd {
			s.Start = day.In(loc).Add(time.Duration(start) * time.Minute)
			s.End = day.In(loc).Add(time.Duration(end) * time.Minute)
			if end <= start {
				r.fail("end", ruleRange)
			}
		}
		for _, who := range list(r.cells["officers"], ",;\n") {
			ids := byName[fold(who)]
			switch {
			case strings.Contains(who, "@"):
				ids = byEmail[strings.ToLower(who)]
			case roster.ValidPhone(who):
				ids = byPhone[roster.PhoneKey(excelPhone(who))]
			}
			if len(ids) == 0 {
				r.fail("officers", ruleNotFound)
				break
			}
			if len(ids) > 1 {
				r.fail("officers", ruleInvalid) // a name two officers share
				break
			}
			if slices.Contains(s.OfficerIDs, ids[0]) {
				r.fail("officers", ruleDuplicate)
				break
			}
			s.OfficerIDs = append(s.OfficerIDs, ids[0])
		}
		if len(s.OfficerIDs) > roster.MaxSessionOfficers {
			r.fail("officers", ruleRange)
		}
		if len(r.issues) > 0 {
			out.Issues = append(out.Issues, r.issues...)
			continue
		}
		out.Rows = append(out.Rows, OutreachRow{Row: r.row, Session: s})
	}
	return out, nil
}

// date reads a date: 15/03/2027, 15-03-2027, 2027-03-15 or an Excel serial.
func (r *record) date(field string) (roster.Date, bool) {
	s := r.cells[field]
	if s == "" {
		r.fail(field, ruleRequired)
		return roster.Date{}, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 {
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f))
		return roster.DateOf(t), true
	}
	if d, err := roster.ParseDate(s); err == nil {
		return d, true
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return roster.DateOf(t), true
		}
	}
	r.fail(field, ruleFormat)
	return roster.Date{}, false
}

// clock reads a time of day: 08:00, 8:00, 8h00, 8h or an Excel fraction of
// a day.
func (r *record) clock(field string) (roster.Clock, bool) {
	s := strings.ToLower(r.cells[field])
	if s == "" {
		r.fail(field, ruleRequired)
		return 0, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1 && strings.Contains(s, ".") {
		return roster.Clock(math.Round(f * 24 * 60)), true
	}
	s = strings.Replace(s, "h", ":", 1)
	if strings.HasSuffix(s, ":") {
		s += "00"
	}
	if h, m, ok := strings.Cut(s, ":"); ok && len(h) == 1 {
		s = "0" + h + ":" + m
	}
	c, err := roster.ParseClock(s)
	if err != nil {
		r.fail(field, ruleFormat)
		return 0, false
	}
	return c, true
}

// excelPhone restores the leading zero Excel drops from a phone number typed
// as a number: nine digits not starting with 0 are a Vietnamese number
// without its 0.
func excelPhone(s string) string {
	if len(s) == 9 && s[0] != '0' && strings.Trim(s, "0123456789") == "" {
		return "0" + s
	}
	return s
}
