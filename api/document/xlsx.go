package document

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"lichtruc/roster"
)

// The spreadsheets are set in Times New Roman, as the Center's documents
// are (a spreadsheet names its font; Excel and LibreOffice substitute a
// metric-compatible one where it is missing).
const xlsxFont = "Times New Roman"

// book is a workbook being written, with its styles.
type book struct {
	f                                          *excelize.File
	title, bold, italic, header, cell, centred int
	plain, boldItalic                          int
	total, number, date, totalNumber           int
}

func newBook() (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: xlsxFont, Size: size, Bold: bold, Italic: italic, Color: "000000"}
	}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Vertical: "center", WrapText: true}
	dateFmt := "dd/mm/yyyy"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.title, excelize.Style{Font: font(true, false, 14), Alignment: centre}},
		{&b.bold, excelize.Style{Font: font(true, false, 12), Alignment: centre}},
		{&b.italic, excelize.Style{Font: font(false, true, 12), Alignment: centre}},
		{&b.centred, excelize.Style{Font: font(false, false, 12), Alignment: centre}},
		{&b.plain, excelize.Style{Font: font(false, false, 11), Alignment: left}},
		{&b.boldItalic, excelize.Style{Font: font(true, true, 12), Alignment: left}},
		{&b.header, excelize.Style{Font: font(true, false, 11), Alignment: centre, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EBEBEB"}}}},
		{&b.cell, excelize.Style{Font: font(false, false, 11), Alignment: left, Border: border}},
		{&b.number, excelize.Style{Font: font(false, false, 11), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border}},
		{&b.date, excelize.Style{Font: font(false, false, 11), Alignment: centre, Border: border, CustomNumFmt: &dateFmt}},
		{&b.total, excelize.Style{Font: font(true, false, 11), Alignment: left, Border: border}},
		{&b.totalNumber, excelize.Style{Font: font(true, false, 11), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Border: border}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, fmt.Errorf("xlsx style: %w", err)
		}
		*s.id = id
	}
	return b, nil
}

// cellName is the name of the cell at column col and row row, both from 1.
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// put writes a value with a style.
func (b *book) put(sheet string, col, row int, v any, style int) error {
	c := cellName(col, row)
	switch x := v.(type) {
	case roster.Date:
		v = time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC)
	case string:
		v = nfc(x)
	case time.Duration:
		v = x.Hours()
	}
	if err := b.f.SetCellValue(sheet, c, v); err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, c, c, style)
}

// merged writes a value across columns from..to of a row.
func (b *book) merged(sheet string, row, from, to int, v string, style int) error {
	if err := b.put(sheet, from, row, v, style); err != nil {
		return err
	}
	if to > from {
		if err := b.f.SetCellStyle(sheet, cellName(from, row), cellName(to, row), style); err != nil {
			return err
		}
		return b.f.MergeCell(sheet, cellName(from, row), cellName(to, row))
	}
	return nil
}

// table writes t's header at row top and its rows under it, freezes the
// rows above the first data row, and returns the row after the table.
func (b *book) table(sheet string, top int, t Table) (int, error) {
	for i, w := range t.Widths {
		c, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, c, c, w); err != nil {
			return 0, err
		}
	}
	for i, h := range t.Header {
		if err := b.put(sheet, i+1, top, h, b.header); err != nil {
			return 0, err
		}
	}
	if err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: cellName(1, top+1), ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	row := top + 1
	write := func(cells []any, text, number int) error {
		for i, v := range cells {
			style := text
			switch v.(type) {
			case int, int64, float64, time.Duration:
				style = number
			case roster.Date:
				style = b.date
			}
			if err := b.put(sheet, i+1, row, v, style); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	for _, r := range t.Rows {
		if err := write(r, b.cell, b.number); err != nil {
			return 0, err
		}
	}
	if t.Total != nil {
		if err := write(t.Total, b.total, b.totalNumber); err != nil {
			return 0, err
		}
	}
	return row, nil
}

// save returns the workbook's bytes.
func (b *book) save() ([]byte, error) {
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// sheetName makes a valid, unique sheet name (at most 31 characters, none
// of : \ / ? * [ ]).
func sheetName(name string, taken map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, nfc(name))
	if name == "" {
		name = "Sheet"
	}
	base := name
	for i := 2; ; i++ {
		if utf8.RuneCountInString(name) > 31 {
			name = string([]rune(name)[:31])
		}
		if !taken[strings.ToLower(name)] {
			taken[strings.ToLower(name)] = true
			return name
		}
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		name = string(r[:min(len(r), 31-len(suffix))]) + suffix
	}
}

// ReportXLSX writes a report table as a workbook of one sheet: the title
// merged across the table, the header row frozen, the total row in bold.
func ReportXLSX(t Table) ([]byte, error) {
	b, err := newBook()
	if err != nil {
		return nil, err
	}
	sheet := sheetName(t.Title, map[string]bool{})
	if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	top := 1
	if t.Title != "" {
		if err := b.merged(sheet, 1, 1, max(len(t.Header), 1), t.Title, b.title); err != nil {
			return nil, err
		}
		top = 3
	}
	if _, err := b.table(sheet, top, t); err != nil {
		return nil, err
	}
	return b.save()
}

// DutiesXLSX writes the list of duties as a workbook.
func DutiesXLSX(l DutyList) ([]byte, error) { return ReportXLSX(l.Table()) }

// ScheduleXLSX writes the schedule as a workbook, one sheet per site named
// by its code: the heading of the document in merged cells (issuing body
// and number on the left, national heading, motto, place and date on the
// right), the title, site and span, the table with its header row frozen,
// then "Nơi nhận" and the signer. Every cell is plain, editable text.
func ScheduleXLSX(s Schedule, set Settings) ([]byte, error) {
	b, err := newBook()
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for i, sec := range s.Sections {
		name := sheetName(cmpOr(sec.Site.Code, sec.Site.Name), taken)
		if i == 0 {
			err = b.f.SetSheetName("Sheet1", name)
		} else {
			_, err = b.f.NewSheet(name)
		}
		if err != nil {
			return nil, err
		}
		if err := b.scheduleSheet(name, s, set, sec); err != nil {
			return nil, err
		}
	}
	return b.save()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// scheduleSheet writes one site's sheet of a schedule. Columns A–C hold the
// left heading, D–G the right one, A–G the title and the table.
func (b *book) scheduleSheet(sheet string, s Schedule, set Settings, sec Section) error {
	line := func(x string) string { return strings.ReplaceAll(x, "\n", " ") }
	steps := []struct {
		row, from, to int
		text          string
		style         int
	}{
		{1, 1, 3, line(set.Authority), b.centred},
		{1, 4, 7, vi.NationalHeading, b.bold},
		{2, 1, 3, line(set.Issuer), b.bold},
		{2, 4, 7, vi.Motto, b.bold},
		{3, 1, 3, s.numberLine(set.NumberSuffix), b.centred},
		{3, 4, 7, s.dateLine(set.Place), b.italic},
		{5, 1, 7, sectionTitle(sec.Site), b.title},
		{6, 1, 7, fmt.Sprintf(vi.SiteLine, sec.Site.Name), b.bold},
		{7, 1, 7, vi.Span(s.From, s.To), b.italic},
	}
	for _, st := range steps {
		if err := b.merged(sheet, st.row, st.from, st.to, st.text, st.style); err != nil {
			return err
		}
	}
	for _, r := range []int{1, 2} {
		if err := b.f.SetRowHeight(sheet, r, 32); err != nil {
			return err
		}
	}
	row, err := b.table(sheet, 9, s.Table(sec))
	if err != nil {
		return err
	}
	row++
	recv := row
	if err := b.merged(sheet, row, 1, 3, vi.Recipient, b.boldItalic); err != nil {
		return err
	}
	for _, r := range set.Recipients {
		row++
		if err := b.merged(sheet, row, 1, 3, "- "+r, b.plain); err != nil {
			return err
		}
	}
	sr := recv
	for _, t := range set.SignerTitle {
		if err := b.merged(sheet, sr, 4, 7, t, b.bold); err != nil {
			return err
		}
		sr++
	}
	return b.merged(sheet, sr+4, 4, 7, set.SignerName, b.bold)
}
