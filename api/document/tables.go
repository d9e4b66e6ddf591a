package document

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lichtruc/roster"
)

// Table is a report table: a title, a header row, rows and an optional
// total row. Cells are strings, integers, floats or roster.Date values; the
// spreadsheet keeps numbers as numbers and dates as dates. Every report of
// the API can be written with ReportXLSX and ReportCSV.
type Table struct {
	Title  string
	Header []string
	Rows   [][]any
	Total  []any // nil: no total row
	Widths []float64
}

// DutyList is the list of duties of a range, for the spreadsheet and CSV of
// GET /api/v1/assignments.
type DutyList struct {
	Title    string
	Duties   []roster.Assignment // in the order given
	Officers map[int64]roster.Officer
	Sites    map[string]roster.Site // by code; a missing site prints its code
	Loc      *time.Location
}

// Table returns the list as a table: date, weekday, start, end, site, slot,
// role, officer, kind, phone, status.
func (l DutyList) Table() Table {
	loc := l.Loc
	if loc == nil {
		loc = time.UTC
	}
	t := Table{
		Title:  l.Title,
		Header: []string{vi.ColDate, vi.ColWeekday, vi.ColStart, vi.ColEnd, vi.ColSite, vi.ColSlot, vi.ColRole, vi.ColOfficer, vi.ColKind, vi.ColPhone, vi.ColStatus},
		Widths: []float64{12, 10, 8, 14, 32, 12, 12, 26, 22, 14, 13},
	}
	for _, a := range l.Duties {
		start, end := a.Start.In(loc), a.End.In(loc)
		d := roster.DateOf(start)
		site := a.SiteCode
		if s, ok := l.Sites[a.SiteCode]; ok && s.Name != "" {
			site = s.Name
		}
		o := l.Officers[a.OfficerID]
		endText := end.Format("15:04")
		if ed := roster.DateOf(end); ed != d {
			endText += " " + dayDate(ed)
		}
		t.Rows = append(t.Rows, []any{d, weekday(d), start.Format("15:04"), endText, nfc(site), nfc(a.SlotName),
			vi.Roles[a.Role], nfc(o.FullName), vi.Kinds[o.Kind], o.Phone, vi.Statuses[a.Status]})
	}
	return t
}

// Table returns the schedule's table of one section, as the PDF prints it.
func (s Schedule) Table(sec Section) Table {
	t := Table{
		Title:  sectionTitle(sec.Site),
		Header: []string{vi.ColNo, vi.ColDate, vi.ColSlot, vi.ColOfficer, vi.ColPhone, vi.ColBackup, vi.ColBackupPhone},
		Widths: []float64{6, 20, 24, 28, 16, 28, 16},
	}
	if sec.Site.Kind == roster.SiteOutreach {
		t.Header[2], t.Widths[2] = vi.ColSession, 40
	}
	for i, r := range s.rows(sec) {
		slot := r.Hours
		if r.Slot != "" {
			slot = nfc(r.Slot) + " " + r.Hours
		}
		t.Rows = append(t.Rows, []any{i + 1, weekday(r.Date) + " " + dayDate(r.Date), slot,
			names(r.Primaries), phones(r.Primaries), names(r.Backups), phones(r.Backups)})
	}
	return t
}

// ReportCSV writes the table as CSV that Excel opens right: UTF-8 with a byte
// order mark, CRLF line ends, the header row first, the total row last, and
// text a spreadsheet would take for a formula prefixed with an apostrophe.
// sep is ',' or ';'.
func ReportCSV(t Table, sep rune) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = sep, true
	write := func(cells []any) {
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = csvCell(c)
		}
		w.Write(rec)
	}
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
	}
	write(header)
	for _, r := range t.Rows {
		write(r)
	}
	if t.Total != nil {
		write(t.Total)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write CSV: %w", err)
	}
	return buf.Bytes(), nil
}

// DutiesCSV writes the list of duties as CSV.
func DutiesCSV(l DutyList, sep rune) ([]byte, error) { return ReportCSV(l.Table(), sep) }

// ScheduleCSV writes the schedule's tables as CSV, one after the other, each
// row led by the site's code when the schedule has several sites.
func ScheduleCSV(s Schedule, sep rune) ([]byte, error) {
	t := Table{}
	for _, sec := range s.Sections {
		st := s.Table(sec)
		if t.Header == nil {
			t.Header = append([]string{vi.ColSite}, st.Header...)
		}
		for _, r := range st.Rows {
			t.Rows = append(t.Rows, append([]any{nfc(sec.Site.Name)}, r...))
		}
	}
	if t.Header == nil {
		t.Header = append([]string{vi.ColSite}, s.Table(Section{}).Header...)
	}
	return ReportCSV(t, sep)
}

// csvCell formats one cell for CSV.
func csvCell(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		v = nfc(v)
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			return "'" + v
		}
		return v
	case roster.Date:
		return dayDate(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case time.Duration:
		return strconv.FormatFloat(v.Hours(), 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}

// AllowanceTable returns the allowance of a month as a report table: per
// officer three rows (primary, backup, both) with duties and hours by kind of
// day and at night, and the month's total row. Hours are decimal numbers.
func AllowanceTable(a roster.Allowance, officers map[int64]roster.Officer) Table {
	t := Table{
		Title: fmt.Sprintf(vi.AllowanceTitle, int(a.Month), a.Year),
		Header: []string{vi.ColNo, vi.ColOfficer, vi.ColKind, vi.AllowanceRole, vi.ColDuties, vi.ColWorkday, vi.ColWeekend, vi.ColHoliday,
			vi.ColNight, vi.ColHours, vi.ColWorkdayH, vi.ColWeekendH, vi.ColHolidayH, vi.ColNightH},
		Widths: []float64{6, 26, 20, 12, 8, 10, 10, 10, 8, 9, 10, 10, 10, 10},
	}
	parts := func(p roster.AllowanceParts) []any {
		return []any{p.Duties, p.WorkdayDuties, p.WeekendDuties, p.HolidayDuties, p.NightDuties,
			p.Hours, p.WorkdayHours, p.WeekendHours, p.HolidayHours, p.NightHours}
	}
	for i, r := range a.Rows {
		o := officers[r.OfficerID]
		for _, x := range []struct {
			role string
			p    roster.AllowanceParts
		}{{vi.Roles[roster.Primary], r.Primary}, {vi.Roles[roster.Backup], r.Backup}, {vi.RoleBoth, r.Total}} {
			t.Rows = append(t.Rows, append([]any{i + 1, nfc(o.FullName), vi.Kinds[o.Kind], x.role}, parts(x.p)...))
		}
	}
	t.Total = append([]any{vi.Total, "", "", ""}, parts(a.Total.Total)...)
	return t
}
