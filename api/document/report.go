package document

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"lichtruc/roster"
)

// Report is a report of the Center as an official document: the heading of
// Decree 30, a title and subtitle, paragraphs of text, then tables, then
// "Nơi nhận" and the signer. Every word comes from the caller (the catalog).
type Report struct {
	Number     string      // "" before it is numbered
	Date       roster.Date // the date it bears
	Title      string      // "BÁO CÁO"
	Subtitle   string      // "Kết quả công tác trợ giúp pháp lý năm 2022"
	Paragraphs []string
	Tables     []Table // each with its title above it; Widths in mm (scaled to the page when they do not add up)
	Loc        *time.Location
}

// ReportPDF renders r as an official document on A4 portrait.
func ReportPDF(r Report, set Settings) ([]byte, error) {
	if r.Loc == nil {
		r.Loc = time.UTC
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	for style, ttf := range fontFaces() {
		f.AddUTF8FontFromBytes(fontFamily, style, ttf)
	}
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom)
	f.SetCellMargin(1)
	f.SetCreationDate(r.Date.In(r.Loc))
	f.SetModificationDate(r.Date.In(r.Loc))
	f.SetTitle(nfc(r.Title+" "+r.Subtitle), true)
	f.SetAuthor(nfc(strings.ReplaceAll(set.Authority+" - "+set.Issuer, "\n", " ")), true)
	f.SetLang("vi-VN")
	f.SetHeaderFunc(func() {
		if n := f.PageNo(); n > 1 {
			f.SetFont(fontFamily, "", sizeBody)
			f.SetXY(marginLeft, 10)
			f.CellFormat(contentW, 6, strconv.Itoa(n), "", 0, "C", false, 0, "")
			f.SetXY(marginLeft, marginTop)
		}
	})
	d := &pdfDoc{f: f, s: Schedule{Number: r.Number, Date: r.Date, From: r.Date, Loc: r.Loc}, set: set}
	f.AddPage()
	d.heading()
	y, _ := d.block(marginLeft, f.GetY(), contentW, "B", sizeTitle, "C", r.Title)
	if r.Subtitle != "" {
		y, _ = d.block(marginLeft, y, contentW, "B", sizeBody, "C", r.Subtitle)
	}
	f.SetY(y + 4)
	for _, p := range r.Paragraphs {
		d.paragraph(p)
	}
	for _, t := range r.Tables {
		d.reportTable(t)
	}
	d.closing()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("render report PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// paragraph writes a paragraph of body text, justified, its first line
// indented, breaking pages between lines.
func (d *pdfDoc) paragraph(text string) {
	f := d.f
	f.SetFont(fontFamily, "", sizeBody)
	lh := sizeBody * lineSpacing * mmPerPt
	const indent = 10.0
	lines := f.SplitText(nfc(text), contentW-indent)
	if len(lines) > 1 {
		// The first line is indented; the rest take the whole width.
		rest := strings.Join(lines[1:], " ")
		lines = append(lines[:1], f.SplitText(rest, contentW)...)
	}
	y := f.GetY()
	for i, l := range lines {
		if y+lh > pageBottom {
			f.AddPage()
			y = marginTop
		}
		x, w, align := marginLeft, contentW, "J"
		if i == 0 {
			x, w = marginLeft+indent, contentW-indent
		}
		if i == len(lines)-1 {
			align = "L"
		}
		f.SetXY(x, y)
		f.CellFormat(w, lh, l, "", 0, align, false, 0, "")
		y += lh
	}
	f.SetY(y + 2)
}

// reportTable writes a table under its title, the header row repeated on
// every page, the total row bold.
func (d *pdfDoc) reportTable(t Table) {
	f := d.f
	cols := make([]column, len(t.Header))
	sum := 0.0
	for i := range t.Header {
		w := 30.0
		if i < len(t.Widths) {
			w = t.Widths[i]
		}
		sum += w
		cols[i] = column{title: t.Header[i], width: w, align: "L"}
	}
	for i := range cols {
		cols[i].width *= contentW / sum
	}
	index := map[string]int{}
	for i, c := range cols {
		index[c.title] = i
	}
	cell := func(row []any) func(column) string {
		return func(c column) string {
			if i := index[c.title]; i < len(row) {
				return cellText(row[i])
			}
			return ""
		}
	}
	head := func(c column) string { return c.title }
	y := f.GetY() + 3
	if y+30 > pageBottom {
		f.AddPage()
		y = marginTop
	}
	if t.Title != "" {
		y, _ = d.block(marginLeft, y, contentW, "B", sizeBody, "L", t.Title)
	}
	f.SetY(y + 1)
	d.row(cols, d.cellsHeight(cols, "B", head), "B", head)
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], t.Total)
	}
	for i, r := range rows {
		style := ""
		if t.Total != nil && i == len(rows)-1 {
			style = "B"
		}
		h := d.cellsHeight(cols, style, cell(r))
		if f.GetY()+h > pageBottom {
			f.AddPage()
			d.row(cols, d.cellsHeight(cols, "B", head), "B", head)
		}
		d.row(cols, h, style, cell(r))
	}
}

// cellText writes a table cell as the CSV does, dates as 04/01/2027.
func cellText(c any) string {
	if d, ok := c.(roster.Date); ok {
		return dayDate(d)
	}
	s := csvCell(c)
	return strings.TrimPrefix(s, "'")
}
