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

// The page of Decree 30/2020/NĐ-CP, Appendix I: A4 portrait, top and bottom
// margins 20–25 mm, left 30–35 mm, right 15–20 mm. The schedule's table fits
// a portrait page (seven columns at 11 pt), so landscape is not needed.
const (
	pageW, pageH  = 210.0, 297.0
	marginLeft    = 30.0
	marginRight   = 15.0
	marginTop     = 20.0
	marginBottom  = 20.0
	contentW      = pageW - marginLeft - marginRight
	pageBottom    = pageH - marginBottom
	mmPerPt       = 25.4 / 72
	lineSpacing   = 1.2 // line height as a multiple of the font size
	cellPadding   = 1.2 // mm above and below a table cell's text
	signatureRoom = 28  // mm left blank for the signature and seal
)

// Font sizes (pt) within the Decree's ranges.
const (
	sizeHeading = 12   // issuing body and national heading: 12–13
	sizeMotto   = 13.5 // motto: 13–14
	sizeBody    = 13.5 // number, place and date, subtitle, signer: 13–14
	sizeTitle   = 14   // title: 13–14
	sizeTable   = 11   // tables may be set smaller than the body
	sizeRecv    = 12   // "Nơi nhận:" 12, its entries 11
	sizeRecvRow = 11
)

// column is one column of a schedule's table.
type column struct {
	title string
	width float64 // mm
	align string  // "L", "C"
	cell  func(no int, r scheduleRow) string
}

// SchedulePDF renders the schedule as an official document: heading, one
// section per site with its title, site and span and the table of duties
// (its header row repeated on every page), then "Nơi nhận" and the signer.
func SchedulePDF(s Schedule, set Settings) ([]byte, error) {
	if s.Loc == nil {
		s.Loc = time.UTC
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	for style, ttf := range fontFaces() {
		f.AddUTF8FontFromBytes(fontFamily, style, ttf)
	}
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom)
	f.SetCellMargin(1)
	stamp := s.Date
	if stamp.IsZero() {
		stamp = s.From
	}
	f.SetCreationDate(stamp.In(s.Loc))
	f.SetModificationDate(stamp.In(s.Loc))
	f.SetTitle(nfc(titleOf(s)), true)
	f.SetAuthor(nfc(strings.ReplaceAll(set.Authority+" - "+set.Issuer, "\n", " ")), true)
	f.SetLang("vi-VN")
	// Decree 30: page numbers from the second page, centred in the top margin.
	f.SetHeaderFunc(func() {
		if n := f.PageNo(); n > 1 {
			f.SetFont(fontFamily, "", sizeBody)
			f.SetXY(marginLeft, 10)
			f.CellFormat(contentW, 6, strconv.Itoa(n), "", 0, "C", false, 0, "")
			f.SetXY(marginLeft, marginTop)
		}
	})
	d := &pdfDoc{f: f, s: s, set: set}
	f.AddPage()
	d.heading()
	for i, sec := range s.Sections {
		d.section(i, sec)
	}
	d.closing()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("render schedule PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// titleOf is the document's title for its metadata: the first section's.
func titleOf(s Schedule) string {
	if len(s.Sections) == 0 {
		return vi.TitleCourt
	}
	return sectionTitle(s.Sections[0].Site)
}

// pdfDoc is a schedule being rendered.
type pdfDoc struct {
	f   *fpdf.Fpdf
	s   Schedule
	set Settings
	// the widths of the heading's two columns
	leftW, rightW float64
}

// lines splits text into the lines it takes in width w with the current font.
func (d *pdfDoc) lines(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(nfc(text), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, d.f.SplitText(para, w)...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// block writes text centred (or aligned by align) in width w at x, from y,
// wrapping it, and returns the y under it and the width of its widest line.
func (d *pdfDoc) block(x, y, w float64, style string, size float64, align, text string) (float64, float64) {
	d.f.SetFont(fontFamily, style, size)
	d.f.SetCellMargin(0)
	defer d.f.SetCellMargin(1)
	lh := size * lineSpacing * mmPerPt
	widest := 0.0
	for _, l := range d.lines(text, w) {
		d.f.SetXY(x, y)
		d.f.CellFormat(w, lh, l, "", 0, align, false, 0, "")
		widest = max(widest, d.f.GetStringWidth(l))
		y += lh
	}
	return y, widest
}

// rule draws a horizontal line of length l centred in [x, x+w] at y.
func (d *pdfDoc) rule(x, w, y, l float64) {
	d.f.SetLineWidth(0.3)
	d.f.Line(x+(w-l)/2, y, x+(w+l)/2, y)
}

// heading writes the issuing body and number on the left, the national
// heading, motto, place and date on the right.
func (d *pdfDoc) heading() {
	f := d.f
	f.SetFont(fontFamily, "B", sizeHeading)
	nat := f.GetStringWidth(vi.NationalHeading)
	f.SetFont(fontFamily, "B", sizeMotto)
	motto := f.GetStringWidth(vi.Motto)
	d.rightW = max(nat, motto) + 0.5
	// The left column is as wide as its longest line, so that the two
	// columns stand as far apart as the page allows.
	left := 0.0
	for _, x := range []struct{ style, text string }{{"", d.set.Authority}, {"B", d.set.Issuer}} {
		f.SetFont(fontFamily, x.style, sizeHeading)
		for _, l := range strings.Split(nfc(x.text), "\n") {
			left = max(left, f.GetStringWidth(l)+0.5)
		}
	}
	d.leftW = min(left, contentW-d.rightW-2)
	lx, rx := marginLeft, marginLeft+contentW-d.rightW

	y, _ := d.block(lx, marginTop, d.leftW, "", sizeHeading, "C", d.set.Authority)
	y, issuerW := d.block(lx, y, d.leftW, "B", sizeHeading, "C", d.set.Issuer)
	d.rule(lx, d.leftW, y+0.8, max(issuerW/3, 20))
	leftEnd := y + 0.8

	ry, _ := d.block(rx, marginTop, d.rightW, "B", sizeHeading, "C", vi.NationalHeading)
	ry, mottoW := d.block(rx, ry, d.rightW, "B", sizeMotto, "C", vi.Motto)
	d.rule(rx, d.rightW, ry+0.8, mottoW)
	rightEnd := ry + 0.8

	y = max(leftEnd, rightEnd) + 4
	yl, _ := d.block(lx, y, d.leftW, "", sizeBody, "C", d.s.numberLine(d.set.NumberSuffix))
	yr, _ := d.block(rx, y, d.rightW, "I", sizeBody, "C", d.s.dateLine(d.set.Place))
	f.SetY(max(yl, yr) + 8)
}

// columns chooses the table's columns: without backup columns when no row
// has a backup.
func columns(rows []scheduleRow, kind roster.SiteKind) []column {
	hasBackup := false
	for _, r := range rows {
		hasBackup = hasBackup || len(r.Backups) > 0
	}
	no := func(n int, _ scheduleRow) string { return strconv.Itoa(n) }
	date := func(_ int, r scheduleRow) string { return weekday(r.Date) + "\n" + dayDate(r.Date) }
	slot := func(_ int, r scheduleRow) string {
		if r.Slot == "" {
			return r.Hours
		}
		return r.Slot + "\n" + r.Hours
	}
	officer := func(_ int, r scheduleRow) string { return names(r.Primaries) }
	phone := func(_ int, r scheduleRow) string { return phones(r.Primaries) }
	if !hasBackup && kind == roster.SiteOutreach {
		return []column{
			{vi.ColNo, 11, "C", no}, {vi.ColDate, 25, "C", date}, {vi.ColSession, 56, "C", slot},
			{vi.ColOfficer, 46, "L", officer}, {vi.ColPhone, 27, "C", phone},
		}
	}
	if !hasBackup {
		return []column{
			{vi.ColNo, 11, "C", no}, {vi.ColDate, 30, "C", date}, {vi.ColSlot, 38, "C", slot},
			{vi.ColOfficer, 53, "L", officer}, {vi.ColPhone, 33, "C", phone},
		}
	}
	return []column{
		{vi.ColNo, 10, "C", no}, {vi.ColDate, 23, "C", date}, {vi.ColSlot, 26, "C", slot},
		{vi.ColOfficer, 31, "L", officer}, {vi.ColPhone, 22.5, "C", phone},
		{vi.ColBackup, 30, "L", func(_ int, r scheduleRow) string { return names(r.Backups) }},
		{vi.ColBackupPhone, 22.5, "C", func(_ int, r scheduleRow) string { return phones(r.Backups) }},
	}
}

// section writes one site's title, site, span and table.
func (d *pdfDoc) section(i int, sec Section) {
	f := d.f
	rows := d.s.rows(sec)
	cols := columns(rows, sec.Site.Kind)
	need := 35.0 + d.headerHeight(cols)
	if len(rows) > 0 {
		need += d.rowHeight(cols, 1, rows[0], "")
	}
	if i > 0 {
		f.SetY(f.GetY() + 6)
	}
	if f.GetY()+need > pageBottom {
		f.AddPage()
	}
	y, _ := d.block(marginLeft, f.GetY(), contentW, "B", sizeTitle, "C", sectionTitle(sec.Site))
	y, _ = d.block(marginLeft, y, contentW, "B", sizeBody, "C", fmt.Sprintf(vi.SiteLine, sec.Site.Name))
	y, _ = d.block(marginLeft, y, contentW, "I", sizeBody, "C",
		vi.Span(d.s.From, d.s.To))
	f.SetY(y + 4)
	if len(rows) == 0 {
		y, _ = d.block(marginLeft, f.GetY(), contentW, "I", sizeBody, "C", vi.NoDuties)
		f.SetY(y)
		return
	}
	d.headerRow(cols)
	for n, r := range rows {
		h := d.rowHeight(cols, n+1, r, "")
		if f.GetY()+h > pageBottom {
			f.AddPage()
			d.headerRow(cols)
		}
		d.row(cols, h, "", func(c column) string { return c.cell(n+1, r) })
	}
}

// headerHeight is the height of the table's header row.
func (d *pdfDoc) headerHeight(cols []column) float64 {
	return d.cellsHeight(cols, "B", func(c column) string { return c.title })
}

// rowHeight is the height of one row of the table.
func (d *pdfDoc) rowHeight(cols []column, no int, r scheduleRow, style string) float64 {
	return d.cellsHeight(cols, style, func(c column) string { return c.cell(no, r) })
}

func (d *pdfDoc) cellsHeight(cols []column, style string, text func(column) string) float64 {
	d.f.SetFont(fontFamily, style, sizeTable)
	n := 1
	for _, c := range cols {
		n = max(n, len(d.lines(text(c), c.width)))
	}
	return float64(n)*sizeTable*lineSpacing*mmPerPt + 2*cellPadding
}

// headerRow writes the table's header row, bold on a light grey.
func (d *pdfDoc) headerRow(cols []column) {
	h := d.headerHeight(cols)
	d.row(cols, h, "B", func(c column) string { return c.title })
}

// row writes one row of height h, each cell's text centred vertically.
func (d *pdfDoc) row(cols []column, h float64, style string, text func(column) string) {
	f := d.f
	f.SetFont(fontFamily, style, sizeTable)
	f.SetLineWidth(0.2)
	lh := sizeTable * lineSpacing * mmPerPt
	x, y := marginLeft, f.GetY()
	for _, c := range cols {
		if style == "B" {
			f.SetFillColor(235, 235, 235)
			f.Rect(x, y, c.width, h, "FD")
		} else {
			f.Rect(x, y, c.width, h, "D")
		}
		ls := d.lines(text(c), c.width)
		ty := y + (h-float64(len(ls))*lh)/2
		for _, l := range ls {
			f.SetXY(x, ty)
			f.CellFormat(c.width, lh, l, "", 0, c.align, false, 0, "")
			ty += lh
		}
		x += c.width
	}
	f.SetXY(marginLeft, y+h)
}

// closing writes "Nơi nhận" on the left and the signer on the right, on a
// new page when they do not fit on this one.
func (d *pdfDoc) closing() {
	f := d.f
	recvH := (sizeRecv + float64(len(d.set.Recipients))*sizeRecvRow) * lineSpacing * mmPerPt
	signH := float64(len(d.set.SignerTitle)+1)*sizeBody*lineSpacing*mmPerPt + signatureRoom
	y := f.GetY() + 6
	if y+max(recvH, signH) > pageBottom {
		f.AddPage()
		y = marginTop
	}
	lx, rx := marginLeft, marginLeft+contentW-d.rightW
	ly, _ := d.block(lx, y+1.5, d.leftW, "BI", sizeRecv, "L", vi.Recipient)
	for _, r := range d.set.Recipients {
		ly, _ = d.block(lx, ly, d.leftW, "", sizeRecvRow, "L", "- "+r)
	}
	ry := y
	for _, t := range d.set.SignerTitle {
		ry, _ = d.block(rx, ry, d.rightW, "B", sizeBody, "C", t)
	}
	ry, _ = d.block(rx, ry+signatureRoom, d.rightW, "B", sizeBody, "C", d.set.SignerName)
	f.SetY(max(ly, ry))
}
