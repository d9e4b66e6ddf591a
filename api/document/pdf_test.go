package document

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"lichtruc/roster"
)

// vietnameseLetters returns every letter of Vietnamese, precomposed: the
// twelve vowels with each of the six tones (none and five marks), the
// consonants with đ, in lower and upper case.
func vietnameseLetters() []rune {
	vowels := []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
	tones := []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"} // huyền, sắc, ngã, hỏi, nặng
	var out []rune
	for _, v := range vowels {
		for _, t := range tones {
			s := norm.NFC.String(v + t)
			if r := []rune(s); len(r) != 1 {
				panic("not precomposed: " + s)
			}
			out = append(out, []rune(s)[0], []rune(strings.ToUpper(s))[0])
		}
	}
	for _, c := range "bcdđghklmnpqrstvx" {
		out = append(out, c, []rune(strings.ToUpper(string(c)))[0])
	}
	return out
}

func TestVietnameseLetters(t *testing.T) {
	l := vietnameseLetters()
	if len(l) != 12*6*2+17*2 || !slices.Contains(l, 'Ỷ') || !slices.Contains(l, 'ợ') || !slices.Contains(l, 'Đ') || !slices.Contains(l, 'ẵ') {
		t.Fatalf("%d letters: %q", len(l), string(l))
	}
}

// TestFontCoversVietnamese checks glyph by glyph that each embedded face
// has every Vietnamese letter and every character the documents print.
func TestFontCoversVietnamese(t *testing.T) {
	extra := "0123456789 ,.;:-–…/()" + vi.NationalHeading + vi.Motto + vi.TitleCourt + vi.TitlePhone + vi.TitleOutreach
	runes := append(vietnameseLetters(), []rune(extra)...)
	for style, ttf := range fontFaces() {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("style %q: %v", style, err)
		}
		var buf sfnt.Buffer
		var missing []rune
		for _, r := range runes {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			t.Errorf("style %q lacks %q", style, string(missing))
		}
		name, _ := f.Name(&buf, sfnt.NameIDFull)
		if !strings.HasPrefix(name, "Liberation Serif") {
			t.Errorf("style %q is %q", style, name)
		}
	}
}

// TestPDFRoundTripsEveryLetter sets every Vietnamese letter in each style
// and reads the text back through pdftotext.
func TestPDFRoundTripsEveryLetter(t *testing.T) {
	tool := needTool(t, "pdftotext", "-v")
	letters := string(vietnameseLetters())
	set := DefaultSettings()
	set.SignerName = letters
	set.Recipients = []string{letters}
	s := Schedule{From: roster.NewDate(2027, 1, 4), To: roster.NewDate(2027, 1, 4), Loc: testLoc(t),
		Sections: []Section{{Site: roster.Site{Name: letters, Kind: roster.SiteCourt}}}}
	b, err := SchedulePDF(s, set)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, tool, b, 0)), "")
	if n := strings.Count(text, letters); n != 3 { // site line (bold), recipient (regular), signer (bold)
		t.Errorf("letters found %d times, want 3, in %q", n, text)
	}
}

// pdfText runs pdftotext on the PDF, on page n only when n > 0.
func pdfText(t *testing.T, tool string, pdf []byte, n int, args ...string) string {
	t.Helper()
	p := pdfFile(t, pdf)
	if n > 0 {
		args = append(args, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
	}
	out, err := exec.Command(tool, append(args, p, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfFile writes the PDF to a temporary file and returns its path.
func pdfFile(t *testing.T, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfWord is a word pdftotext -bbox found, in points from the top left.
type pdfWord struct {
	page           int
	x0, y0, x1, y1 float64
	text           string
	centreX, midY  float64
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// pdfWords reads every word with its box, page by page.
func pdfWords(t *testing.T, tool string, pdf []byte) []pdfWord {
	out := pdfText(t, tool, pdf, 0, "-bbox")
	var words []pdfWord
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if bboxPage.MatchString(line) {
			page++
			continue
		}
		m := bboxWord.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
		w := pdfWord{page: page, x0: f(1), y0: f(2), x1: f(3), y1: f(4), text: html.UnescapeString(m[5])}
		w.centreX, w.midY = (w.x0+w.x1)/2, (w.y0+w.y1)/2
		words = append(words, w)
	}
	return words
}

// readTable rebuilds the schedule's table rows from the words: a row is
// anchored on its number in the first column, every other word in the table
// belongs to the row whose number is nearest vertically (cells are centred
// vertically), and to the column its centre falls in. Column bounds are the
// document's geometry: the left margin and the column widths.
func readTable(words []pdfWord, widths []float64) [][]string {
	const ptPerMM = 72 / 25.4
	bounds := []float64{marginLeft * ptPerMM}
	for _, w := range widths {
		bounds = append(bounds, bounds[len(bounds)-1]+w*ptPerMM)
	}
	col := func(x float64) int {
		for i := 0; i+1 < len(bounds); i++ {
			if x >= bounds[i] && x < bounds[i+1] {
				return i
			}
		}
		return -1
	}
	type anchor struct {
		page int
		y    float64
		no   int
	}
	var anchors []anchor
	for _, w := range words {
		if col(w.centreX) != 0 {
			continue
		}
		if n, err := strconv.Atoi(w.text); err == nil {
			anchors = append(anchors, anchor{w.page, w.midY, n})
		} else if w.text == "STT" { // the header row: its words snap to it and are dropped
			anchors = append(anchors, anchor{w.page, w.midY, -1})
		}
	}
	sort.SliceStable(anchors, func(i, j int) bool {
		if anchors[i].page != anchors[j].page {
			return anchors[i].page < anchors[j].page
		}
		return anchors[i].y < anchors[j].y
	})
	cells := make([][][]pdfWord, len(anchors))
	for i := range cells {
		cells[i] = make([][]pdfWord, len(widths))
	}
	for _, w := range words {
		c := col(w.centreX)
		if c <= 0 {
			continue
		}
		best, dist := -1, 1e9
		for i, a := range anchors {
			if a.page == w.page && abs(a.y-w.midY) < dist {
				best, dist = i, abs(a.y-w.midY)
			}
		}
		if best >= 0 && dist < 30 { // a row is never taller than 60 pt
			cells[best][c] = append(cells[best][c], w)
		}
	}
	var rows [][]string
	for i, a := range anchors {
		if a.no < 0 {
			continue
		}
		row := []string{strconv.Itoa(a.no)}
		for c := 1; c < len(widths); c++ {
			ws := cells[i][c]
			sort.SliceStable(ws, func(p, q int) bool {
				if abs(ws[p].midY-ws[q].midY) > 2 {
					return ws[p].midY < ws[q].midY
				}
				return ws[p].x0 < ws[q].x0
			})
			var parts []string
			for _, w := range ws {
				parts = append(parts, w.text)
			}
			row = append(row, strings.Join(parts, " "))
		}
		rows = append(rows, row)
	}
	return rows
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// wantRows is what each row must read, worked out from the duties alone:
// number, weekday and date, slot and hours, primaries, their phones,
// backups, their phones.
func wantRows(sec Section, officers map[int64]roster.Officer, loc *time.Location, backups bool) [][]string {
	weekdays := map[time.Weekday]string{time.Monday: "Thứ Hai", time.Tuesday: "Thứ Ba", time.Wednesday: "Thứ Tư",
		time.Thursday: "Thứ Năm", time.Friday: "Thứ Sáu", time.Saturday: "Thứ Bảy", time.Sunday: "Chủ nhật"}
	type occ struct {
		start, end time.Time
		slot       string
		p, b       []roster.Officer
	}
	var occs []*occ
	for _, a := range sec.Duties {
		if a.Status == roster.Cancelled {
			continue
		}
		var o *occ
		for _, x := range occs {
			if x.start.Equal(a.Start) && x.slot == a.SlotName {
				o = x
			}
		}
		if o == nil {
			o = &occ{start: a.Start.In(loc), end: a.End.In(loc), slot: a.SlotName}
			occs = append(occs, o)
		}
		if a.Role == roster.Backup {
			o.b = append(o.b, officers[a.OfficerID])
		} else {
			o.p = append(o.p, officers[a.OfficerID])
		}
	}
	join := func(os []roster.Officer, phone bool) string {
		var s []string
		for _, o := range os {
			if phone {
				s = append(s, o.Phone)
			} else {
				s = append(s, o.FullName)
			}
		}
		return strings.Join(s, " ")
	}
	var rows [][]string
	for i, o := range occs {
		hours := o.start.Format("15:04") + " – " + o.end.Format("15:04")
		if o.end.Day() != o.start.Day() {
			hours += " hôm sau"
		}
		row := []string{strconv.Itoa(i + 1), weekdays[o.start.Weekday()] + " " + o.start.Format("02/01/2006"),
			o.slot + " " + hours, join(o.p, false), join(o.p, true)}
		if backups {
			row = append(row, join(o.b, false), join(o.b, true))
		}
		rows = append(rows, row)
	}
	return rows
}

// TestSchedulePDF renders a week of court duty and a month of 24/7 phone
// duty with backups (62 rows) and reads it back through poppler: the page
// size, every row of both tables, the header row on every page, the page
// numbers, the heading, "Nơi nhận" and the signer.
func TestSchedulePDF(t *testing.T) {
	tool := needTool(t, "pdftotext", "-v")
	info := needTool(t, "pdfinfo", "-v")
	loc, officers := testLoc(t), testOfficers()
	from, to := roster.NewDate(2027, 1, 1), roster.NewDate(2027, 1, 31)
	court := planSection(courtSite(), roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 8), officers, loc)
	phone := planSection(phoneSite(), from, to, officers, loc)
	// A cancelled duty is not printed.
	court.Duties = append(court.Duties, roster.Assignment{ID: 99, SlotName: "Sáng", OfficerID: 15, Role: roster.Primary,
		Start: time.Date(2027, 1, 11, 7, 30, 0, 0, loc), End: time.Date(2027, 1, 11, 11, 30, 0, 0, loc), Status: roster.Cancelled})
	set := DefaultSettings()
	set.SignerName = "Nguyễn Thị Hằng"
	s := Schedule{Number: "12", Date: roster.NewDate(2027, 1, 5), From: from, To: to, Officers: officers, Loc: loc,
		Sections: []Section{court, phone}}
	b, err := SchedulePDF(s, set)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		os.WriteFile(filepath.Join(os.TempDir(), "lichtruc-schedule.pdf"), b, 0o644)
	}

	out, err := exec.Command(info, pdfFile(t, b)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	if !strings.Contains(string(out), "Page size:       595.28 x 841.89 pts (A4)") {
		t.Errorf("not A4 portrait:\n%s", out)
	}
	pages := 0
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(out)); m != nil {
		pages, _ = strconv.Atoi(m[1])
	}
	if pages < 3 {
		t.Fatalf("%d pages for 72 rows", pages)
	}

	words := pdfWords(t, tool, b)
	courtCols, phoneCols := []float64{11, 30, 38, 53, 33}, []float64{10, 23, 26, 31, 22.5, 30, 22.5}
	var courtWords, phoneWords []pdfWord
	// The court's table ends where the phone section's title starts.
	split := -1.0
	for _, w := range words {
		if w.page == 1 && w.text == "DANH" {
			split = w.y0
		}
	}
	if split < 0 {
		t.Fatal("no phone title on page 1")
	}
	for _, w := range words {
		if w.page == 1 && w.y0 < split {
			courtWords = append(courtWords, w)
		} else {
			phoneWords = append(phoneWords, w)
		}
	}
	for _, tc := range []struct {
		name  string
		words []pdfWord
		cols  []float64
		want  [][]string
	}{
		{"court", courtWords, courtCols, wantRows(court, officers, loc, false)},
		{"phone", phoneWords, phoneCols, wantRows(phone, officers, loc, true)},
	} {
		got := readTable(tc.words, tc.cols)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d rows, want %d", tc.name, len(got), len(tc.want))
		}
		for i := range min(len(got), len(tc.want)) {
			if !slices.Equal(got[i], tc.want[i]) {
				t.Errorf("%s row %d:\n got %q\nwant %q", tc.name, i+1, got[i], tc.want[i])
			}
		}
	}
	if len(wantRows(phone, officers, loc, true)) != 62 {
		t.Fatal("fixture: the phone month must have 62 rows")
	}

	// Every page repeats the header row; pages after the first are numbered
	// at the top, the first is not.
	for n := 1; n <= pages; n++ {
		text := pdfText(t, tool, b, n, "-layout")
		lines := strings.Fields(text)
		if n > 1 && (len(lines) == 0 || lines[0] != strconv.Itoa(n)) {
			t.Errorf("page %d does not start with its number: %.80q", n, text)
		}
		if n == 1 && lines[0] == "1" {
			t.Errorf("page 1 is numbered")
		}
		if !strings.Contains(text, "Thứ") && !strings.Contains(text, "Chủ nhật") {
			continue // no table row on this page
		}
		for _, h := range []string{"STT", "Ngày", "Ca trực", "Người trực", "Số điện", "Người trực dự bị"} {
			if !strings.Contains(text, h) {
				t.Errorf("page %d lacks header %q", n, h)
			}
		}
	}
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if text := pdfText(t, tool, b, 0); strings.Contains(text, d.String()) || strings.Contains(text, d.String()[:3]+" ") {
			t.Errorf("English weekday %s in the document", d)
		}
	}

	all := strings.Join(strings.Fields(pdfText(t, tool, b, 0)), " ")
	for _, want := range []string{
		"LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN", "Điểm trực: Tòa án nhân dân khu vực 1 - Hải Phòng",
		"DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ", "Điểm trực: Trực điện thoại 24/7",
		"Từ ngày 01/01/2027 đến ngày 31/01/2027", "Nơi nhận:", "- Tòa án nhân dân thành phố Hải Phòng;", "- Lưu: VT, NV.",
		"KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Nguyễn Thị Hằng",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("document lacks %q", want)
		}
	}
	// (The cancelled duty of 11/01 is absent: the court's rows are exactly
	// those of wantRows, which leaves cancelled duties out.)

	// The heading's two columns, read by position: the issuing body and the
	// number on the left, the national heading, motto, place and date on
	// the right.
	left, right := headingColumns(words)
	if want := "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG TRUNG TÂM TRỢ GIÚP PHÁP LÝ NHÀ NƯỚC Số: 12/LT-TTTGPL"; left != want {
		t.Errorf("heading left %q, want %q", left, want)
	}
	if want := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hải Phòng, ngày 05 tháng 01 năm 2027"; right != want {
		t.Errorf("heading right %q, want %q", right, want)
	}
	// The signer and recipients close the document: on the last page.
	if last := pdfText(t, tool, b, pages); !strings.Contains(last, "Nơi nhận:") || !strings.Contains(last, "Nguyễn Thị Hằng") {
		t.Errorf("last page lacks the closing:\n%s", last)
	}
}

// headingColumns reads the words of page 1 above the first title, split at
// the left edge of "CỘNG", each column in reading order.
func headingColumns(words []pdfWord) (left, right string) {
	split, bottom := 0.0, 1e9
	for _, w := range words {
		if w.page == 1 && w.text == "CỘNG" {
			split = w.x0
		}
		if w.page == 1 && (w.text == "LỊCH" || w.text == "DANH") {
			bottom = min(bottom, w.y0)
		}
	}
	var l, r []pdfWord
	for _, w := range words {
		if w.page != 1 || w.y0 >= bottom {
			continue
		}
		if w.x1 <= split {
			l = append(l, w)
		} else {
			r = append(r, w)
		}
	}
	join := func(ws []pdfWord) string {
		sort.SliceStable(ws, func(p, q int) bool {
			if abs(ws[p].midY-ws[q].midY) > 2 {
				return ws[p].midY < ws[q].midY
			}
			return ws[p].x0 < ws[q].x0
		})
		var parts []string
		for _, w := range ws {
			parts = append(parts, w.text)
		}
		return strings.Join(parts, " ")
	}
	return join(l), join(r)
}

// TestScheduleTitles checks the title each kind of site gets, the blank
// number and date before publication, and a site without duties.
func TestScheduleTitles(t *testing.T) {
	tool := needTool(t, "pdftotext", "-v")
	loc := testLoc(t)
	office := roster.Site{Name: "Trụ sở Trung tâm", Kind: roster.SiteOffice, Slots: []roster.Slot{{Name: "Sáng", Start: 450, End: 690, Days: roster.Workdays}}}
	for _, tc := range []struct {
		site  roster.Site
		title string
	}{
		{courtSite(), "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN"},
		{phoneSite(), "DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ"},
		{outreachSite(), "LỊCH TRỢ GIÚP PHÁP LÝ LƯU ĐỘNG"},
		{office, "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TRỤ SỞ"},
	} {
		s := Schedule{From: roster.NewDate(2027, 3, 1), To: roster.NewDate(2027, 3, 7), Loc: loc, Sections: []Section{{Site: tc.site}}}
		b, err := SchedulePDF(s, DefaultSettings())
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join(strings.Fields(pdfText(t, tool, b, 0)), " ")
		for _, want := range []string{tc.title, "Điểm trực: " + tc.site.Name, "Số: ……/LT-TTTGPL",
			"Hải Phòng, ngày …… tháng …… năm 2027", "Không có ca trực nào trong thời gian này."} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: lacks %q in %q", tc.site.Name, want, all)
			}
		}
		for _, other := range []string{"TẠI TÒA ÁN", "ĐIỆN THOẠI", "LƯU ĐỘNG", "TẠI TRỤ SỞ"} {
			if !strings.Contains(tc.title, other) && strings.Contains(all, other) {
				t.Errorf("%s: has %q", tc.site.Name, other)
			}
		}
	}
}

func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		d    roster.Date
		want string
	}{
		{roster.NewDate(2027, 1, 5), "Hải Phòng, ngày 05 tháng 01 năm 2027"},
		{roster.NewDate(2027, 2, 28), "Hải Phòng, ngày 28 tháng 02 năm 2027"},
		{roster.NewDate(2027, 3, 9), "Hải Phòng, ngày 09 tháng 3 năm 2027"},
		{roster.NewDate(2027, 12, 10), "Hải Phòng, ngày 10 tháng 12 năm 2027"},
		{roster.Date{}, "Hải Phòng, ngày …… tháng …… năm 2028"},
	} {
		if got := (Schedule{Date: tc.d, From: roster.NewDate(2028, 1, 1)}).dateLine("Hải Phòng"); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.d, got, tc.want)
		}
	}
	if got := (Schedule{Number: " 7 "}).numberLine("LT-TTTGPL"); got != "Số: 7/LT-TTTGPL" {
		t.Errorf("number %q", got)
	}
}

// TestScheduleOutreachPDF renders outreach sessions staffed by several
// officers (ad-hoc duties, no slot): every officer's name and phone is in
// its row, and the hours stand for the slot.
func TestScheduleOutreachPDF(t *testing.T) {
	tool := needTool(t, "pdftotext", "-v")
	loc, officers := testLoc(t), testOfficers()
	site := outreachSite()
	sec := Section{Site: site}
	at := func(d, h, m int) time.Time { return time.Date(2027, 3, d, h, m, 0, 0, loc) }
	id := int64(0)
	sessions := map[int64]roster.OutreachSession{
		1: {ID: 1, Title: "Lưu động xã An Lư", Venue: "Nhà văn hóa thôn 3"},
		2: {ID: 2, Title: "Lưu động phường Lê Chân", Venue: "Hội trường Ủy ban nhân dân phường"},
	}
	for i, s := range []struct{ start, end time.Time }{{at(15, 8, 0), at(15, 11, 30)}, {at(16, 13, 30), at(16, 17, 0)}, {at(20, 22, 0), at(21, 2, 0)}} {
		for k := range 3 {
			id++
			var session *int64
			if i < 2 {
				session = new(int64(i + 1))
			}
			sec.Duties = append(sec.Duties, roster.Assignment{ID: id, SiteID: site.ID, Role: roster.Primary, SessionID: session,
				OfficerID: int64(1 + (i*3+k)%len(officers)), Start: s.start, End: s.end, Status: roster.Scheduled})
		}
	}
	s := Schedule{From: roster.NewDate(2027, 3, 1), To: roster.NewDate(2027, 3, 31), Officers: officers, Loc: loc, Sections: []Section{sec},
		Sessions: sessions}
	b, err := SchedulePDF(s, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		os.WriteFile(filepath.Join(os.TempDir(), "lichtruc-outreach.pdf"), b, 0o644)
	}
	got := readTable(pdfWords(t, tool, b), []float64{11, 25, 56, 46, 27})
	want := [][]string{
		{"1", "Thứ Hai 15/03/2027", "Lưu động xã An Lư - Nhà văn hóa thôn 3 08:00 – 11:30", "Nguyễn Văn An Trần Thị Bình Lê Minh Châu", "0912100000 0912111111 0912122222"},
		{"2", "Thứ Ba 16/03/2027", "Lưu động phường Lê Chân - Hội trường Ủy ban nhân dân phường 13:30 – 17:00", "Phạm Đức Dũng Hoàng Thị Ánh Tuyết Đặng Quốc Huy", "0912133333 0912144444 0912155555"},
		{"3", "Thứ Bảy 20/03/2027", "22:00 – 02:00 hôm sau", "Vũ Thị Hương Bùi Xuân Trường Đỗ Thị Ngọc Ẩn", "0912166666 0912177777 0912188888"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	all := strings.Join(strings.Fields(pdfText(t, tool, b, 0)), " ")
	if !strings.Contains(all, "LỊCH TRỢ GIÚP PHÁP LÝ LƯU ĐỘNG") || !strings.Contains(all, "Đợt trợ giúp, địa điểm") || strings.Contains(all, "dự bị") {
		t.Errorf("outreach document: %q", all)
	}
}

func TestHours(t *testing.T) {
	loc := testLoc(t)
	at := func(d, h, m int) time.Time { return time.Date(2027, 1, d, h, m, 0, 0, loc) }
	for _, tc := range []struct {
		start, end time.Time
		want       string
	}{
		{at(4, 7, 30), at(4, 11, 30), "07:30 – 11:30"},
		{at(4, 19, 0), at(5, 7, 0), "19:00 – 07:00 hôm sau"},
		{at(4, 7, 0), at(5, 7, 0), "07:00 – 07:00 hôm sau"},
		{at(4, 16, 0), at(5, 0, 0), "16:00 – 24:00"},
		{at(4, 8, 0), at(6, 12, 0), "08:00 – 12:00 06/01/2027"},
	} {
		if got := hours(tc.start, tc.end); got != tc.want {
			t.Errorf("%v–%v: %q, want %q", tc.start, tc.end, got, tc.want)
		}
	}
}

// BenchmarkSchedulePDF renders three months of 24/7 phone duty with backups
// (180 rows) and a quarter of court mornings and afternoons.
func BenchmarkSchedulePDF(b *testing.B) {
	loc, officers := testLoc(b), testOfficers()
	from, to := roster.NewDate(2027, 1, 1), roster.NewDate(2027, 3, 31)
	s := Schedule{From: from, To: to, Officers: officers, Loc: loc, Sections: []Section{
		planSection(courtSite(), from, to, officers, loc), planSection(phoneSite(), from, to, officers, loc)}}
	var size int
	for b.Loop() {
		out, err := SchedulePDF(s, DefaultSettings())
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
