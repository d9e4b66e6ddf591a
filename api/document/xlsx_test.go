package document

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// xlsxSheet is one sheet as testdata/xlsx_dump.py (openpyxl) reads it.
type xlsxSheet struct {
	Name   string             `json:"name"`
	Cells  map[string]any     `json:"cells"`
	Merged []string           `json:"merged"`
	Freeze *string            `json:"freeze"`
	Widths map[string]float64 `json:"widths"`
	Bold   []string           `json:"bold"`
}

// readXLSX reads a workbook back with python3-openpyxl.
func readXLSX(t *testing.T, data []byte) []xlsxSheet {
	t.Helper()
	py := "/usr/bin/python3" // Debian's, which has python3-openpyxl
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	py = needTool(t, py, "-c", "import openpyxl")
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(py, "testdata/xlsx_dump.py", p)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("xlsx_dump.py: %v\n%s", err, stderr.String())
	}
	var book struct {
		Sheets []xlsxSheet `json:"sheets"`
	}
	if err := json.Unmarshal(out, &book); err != nil {
		t.Fatal(err)
	}
	return book.Sheets
}

// col is the letter of column i (from 0), A–Z.
func col(i int) string { return string(rune('A' + i)) }

// wantCell is what openpyxl must read for a cell given as v.
func wantCell(v any) any {
	switch x := v.(type) {
	case roster.Date:
		return "date:" + x.String()
	case int:
		return float64(x)
	case string:
		if x == "" {
			return nil
		}
		return x
	}
	return v
}

// checkTable compares a sheet's table from row top with the header and rows.
func checkTable(t *testing.T, sh xlsxSheet, top int, header []string, rows [][]any) {
	t.Helper()
	for i, h := range header {
		if got := sh.Cells[fmt.Sprintf("%s%d", col(i), top)]; got != h {
			t.Errorf("%s header %s%d = %v, want %q", sh.Name, col(i), top, got, h)
		}
		if !slices.Contains(sh.Bold, fmt.Sprintf("%s%d", col(i), top)) {
			t.Errorf("%s header %s%d not bold", sh.Name, col(i), top)
		}
	}
	for r, row := range rows {
		for i, v := range row {
			ref := fmt.Sprintf("%s%d", col(i), top+1+r)
			if got, want := sh.Cells[ref], wantCell(v); got != want {
				t.Errorf("%s %s = %#v, want %#v", sh.Name, ref, got, want)
			}
		}
	}
	if n := fmt.Sprintf("A%d", top+1); sh.Freeze == nil || *sh.Freeze != n {
		t.Errorf("%s frozen at %v, want %s", sh.Name, sh.Freeze, n)
	}
}

// TestDutiesXLSXAndCSV writes a list of duties with every Vietnamese letter
// in a name and reads it back through openpyxl and encoding/csv.
func TestDutiesXLSXAndCSV(t *testing.T) {
	loc, officers := testLoc(t), testOfficers()
	officers[16] = roster.Officer{ID: 16, FullName: string(vietnameseLetters()), Kind: roster.KindLawyer, Phone: "+84912000016"}
	court := planSection(courtSite(), roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 5), officers, loc)
	phone := planSection(phoneSite(), roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 4), officers, loc)
	duties := append(court.Duties, phone.Duties...)
	duties = append(duties, roster.Assignment{SiteCode: "TAND-KV1", SlotName: "Sáng", Role: roster.Primary, OfficerID: 16,
		Start: time.Date(2027, 1, 6, 7, 30, 0, 0, loc), End: time.Date(2027, 1, 6, 11, 30, 0, 0, loc), Status: roster.Cancelled})
	l := DutyList{Title: "Danh sách ca trực", Duties: duties, Officers: officers, Loc: loc,
		Sites: map[string]roster.Site{"TAND-KV1": courtSite(), "TRUC-DT": phoneSite()}}

	header := []string{"Ngày", "Thứ", "Bắt đầu", "Kết thúc", "Điểm trực", "Ca trực", "Vai trò", "Người trực", "Loại", "Số điện thoại", "Trạng thái"}
	var rows [][]any
	for _, a := range duties {
		o := officers[a.OfficerID]
		site := map[string]string{"TAND-KV1": "Tòa án nhân dân khu vực 1 - Hải Phòng", "TRUC-DT": "Trực điện thoại 24/7"}[a.SiteCode]
		end := a.End.In(loc).Format("15:04")
		if a.End.In(loc).Day() != a.Start.In(loc).Day() {
			end += a.End.In(loc).Format(" 02/01/2006")
		}
		rows = append(rows, []any{roster.DateOf(a.Start.In(loc)),
			map[time.Weekday]string{time.Monday: "Thứ Hai", time.Tuesday: "Thứ Ba", time.Wednesday: "Thứ Tư"}[a.Start.In(loc).Weekday()],
			a.Start.In(loc).Format("15:04"), end, site, a.SlotName,
			map[roster.AssignmentRole]string{roster.Primary: "Trực chính", roster.Backup: "Dự bị"}[a.Role], o.FullName,
			map[roster.OfficerKind]string{roster.KindLegalAidOfficer: "Trợ giúp viên pháp lý", roster.KindLawyer: "Luật sư ký hợp đồng"}[o.Kind],
			o.Phone, map[roster.AssignmentStatus]string{roster.Scheduled: "Đã xếp lịch", roster.Cancelled: "Đã hủy"}[a.Status]})
	}
	if len(rows) != 4+4+1 {
		t.Fatalf("fixture has %d duties", len(rows))
	}

	b, err := DutiesXLSX(l)
	if err != nil {
		t.Fatal(err)
	}
	sheets := readXLSX(t, b)
	if len(sheets) != 1 {
		t.Fatalf("%d sheets", len(sheets))
	}
	sh := sheets[0]
	if sh.Cells["A1"] != "Danh sách ca trực" || !slices.Contains(sh.Merged, "A1:K1") {
		t.Errorf("title %v merged %v", sh.Cells["A1"], sh.Merged)
	}
	checkTable(t, sh, 3, header, rows)
	if sh.Widths["H"] < 20 {
		t.Errorf("officer column width %v", sh.Widths["H"])
	}

	c, err := DutiesCSV(l, ';')
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(c, []byte("\xEF\xBB\xBF"))
	if !ok || !bytes.Contains(body, []byte("\r\n")) {
		t.Fatal("CSV without BOM or CRLF")
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], header) || len(recs) != len(rows)+1 {
		t.Fatalf("CSV header %q, %d records", recs[0], len(recs))
	}
	for i, row := range rows {
		for j, v := range row {
			want := fmt.Sprint(v)
			if d, ok := v.(roster.Date); ok {
				want = d.In(time.UTC).Format("02/01/2006")
			}
			if strings.HasPrefix(want, "+") {
				want = "'" + want // a formula-like cell is guarded
			}
			if recs[i+1][j] != want {
				t.Errorf("CSV row %d col %d = %q, want %q", i+1, j, recs[i+1][j], want)
			}
		}
	}
}

// TestReportXLSX writes a generic report with numbers and a total row.
func TestReportXLSX(t *testing.T) {
	tb := Table{
		Title:  "Bồi dưỡng trực tháng 04/2027",
		Header: []string{"Họ và tên", "Số ca", "Số giờ", "Giờ đêm"},
		Rows: [][]any{
			{"Nguyễn Văn An", 3, 48.5, 8 * time.Hour},
			{"Đỗ Thị Ngọc Ẩn", 1, 4.0, time.Duration(0)},
			{"=cmd|' /C calc'!A0", 0, 0.0, 90 * time.Minute},
		},
		Total: []any{"Tổng cộng", 4, 52.5, 9*time.Hour + 30*time.Minute},
	}
	b, err := ReportXLSX(tb)
	if err != nil {
		t.Fatal(err)
	}
	sh := readXLSX(t, b)[0]
	rows := [][]any{
		{"Nguyễn Văn An", 3, 48.5, 8.0},
		{"Đỗ Thị Ngọc Ẩn", 1, 4.0, nil},
		{"=cmd|' /C calc'!A0", nil, nil, 1.5},
		{"Tổng cộng", 4, 52.5, 9.5},
	}
	// openpyxl leaves zero-valued cells in: only "" is empty.
	rows[1][3], rows[2][1], rows[2][2] = 0.0, 0.0, 0.0
	checkTable(t, sh, 3, tb.Header, rows)
	if !slices.Contains(sh.Bold, "A7") || !slices.Contains(sh.Bold, "B7") || slices.Contains(sh.Bold, "A4") {
		t.Errorf("total row not bold, or a row bold: %v", sh.Bold)
	}
	c, err := ReportCSV(tb, ',')
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFHọ và tên,Số ca,Số giờ,Giờ đêm\r\nNguyễn Văn An,3,48.5,8\r\nĐỗ Thị Ngọc Ẩn,1,4,0\r\n'=cmd|' /C calc'!A0,0,0,1.5\r\nTổng cộng,4,52.5,9.5\r\n"
	if string(c) != want {
		t.Errorf("CSV\n%q\nwant\n%q", c, want)
	}
}

// TestScheduleXLSX writes a schedule of two sites and reads every cell
// back: the heading in merged cells, the table, the frozen header row.
func TestScheduleXLSX(t *testing.T) {
	loc, officers := testLoc(t), testOfficers()
	court := planSection(courtSite(), roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 8), officers, loc)
	phone := planSection(phoneSite(), roster.NewDate(2027, 1, 1), roster.NewDate(2027, 1, 31), officers, loc)
	set := DefaultSettings()
	set.SignerName = "Nguyễn Thị Hằng"
	s := Schedule{Number: "12", Date: roster.NewDate(2027, 1, 5), From: roster.NewDate(2027, 1, 1), To: roster.NewDate(2027, 1, 31),
		Officers: officers, Loc: loc, Sections: []Section{court, phone}}
	b, err := ScheduleXLSX(s, set)
	if err != nil {
		t.Fatal(err)
	}
	sheets := readXLSX(t, b)
	if len(sheets) != 2 || sheets[0].Name != "TAND-KV1" || sheets[1].Name != "TRUC-DT" {
		t.Fatalf("sheets %v", sheets)
	}
	header := []string{"STT", "Ngày", "Ca trực", "Người trực", "Số điện thoại", "Người trực dự bị", "Số điện thoại dự bị"}
	for i, sec := range []Section{court, phone} {
		sh := sheets[i]
		for ref, want := range map[string]string{
			"A1": "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG", "D1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"A2": "TRUNG TÂM TRỢ GIÚP PHÁP LÝ NHÀ NƯỚC", "D2": "Độc lập - Tự do - Hạnh phúc",
			"A3": "Số: 12/LT-TTTGPL", "D3": "Hải Phòng, ngày 05 tháng 01 năm 2027",
			"A6": "Điểm trực: " + sec.Site.Name, "A7": "Từ ngày 01/01/2027 đến ngày 31/01/2027",
		} {
			if sh.Cells[ref] != want {
				t.Errorf("%s %s = %v, want %q", sh.Name, ref, sh.Cells[ref], want)
			}
		}
		for _, m := range []string{"A1:C1", "D1:G1", "A2:C2", "D2:G2", "A5:G5"} {
			if !slices.Contains(sh.Merged, m) {
				t.Errorf("%s: %s not merged (%v)", sh.Name, m, sh.Merged)
			}
		}
		var rows [][]any
		for _, r := range wantRows(sec, officers, loc, true) {
			row := []any{len(rows) + 1}
			for _, c := range r[1:] {
				row = append(row, c)
			}
			// names and phones of several officers are one a line in a cell
			rows = append(rows, row)
		}
		checkTable(t, sh, 9, header, rows)
		if sh.Widths["D"] < 20 || sh.Widths["B"] < 15 {
			t.Errorf("%s column widths %v", sh.Name, sh.Widths)
		}
		last := 9 + len(rows) + 2
		if sh.Cells[fmt.Sprintf("A%d", last)] != "Nơi nhận:" || sh.Cells[fmt.Sprintf("D%d", last)] != "KT. GIÁM ĐỐC" ||
			sh.Cells[fmt.Sprintf("D%d", last+1)] != "PHÓ GIÁM ĐỐC" || sh.Cells[fmt.Sprintf("D%d", last+6)] != "Nguyễn Thị Hằng" {
			t.Errorf("%s closing at row %d: %v %v %v", sh.Name, last, sh.Cells[fmt.Sprintf("A%d", last)], sh.Cells[fmt.Sprintf("D%d", last)], sh.Cells[fmt.Sprintf("D%d", last+6)])
		}
	}
	if sheets[0].Cells["A5"] != "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN" || sheets[1].Cells["A5"] != "DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ" {
		t.Errorf("titles %v / %v", sheets[0].Cells["A5"], sheets[1].Cells["A5"])
	}

	c, err := ScheduleCSV(s, ',')
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+10+62 || recs[0][0] != "Điểm trực" || recs[1][0] != court.Site.Name || recs[11][0] != phone.Site.Name ||
		recs[11][4] != "Nguyễn Văn An" || recs[11][6] != "Trần Thị Bình" {
		t.Errorf("schedule CSV: %d records, %q, %q", len(recs), recs[0], recs[11])
	}
}

// TestAllowanceXLSX writes a month's allowance (a 24/7 phone month with
// backups) and reads it back: every officer's figures, and the total row
// equals the sum of the duties' hours.
func TestAllowanceXLSX(t *testing.T) {
	loc, officers := testLoc(t), testOfficers()
	phone := planSection(phoneSite(), roster.NewDate(2027, 4, 1), roster.NewDate(2027, 4, 30), officers, loc)
	var want time.Duration
	for _, a := range phone.Duties {
		want += a.End.Sub(a.Start)
	}
	a := roster.ComputeAllowance(2027, time.April, phone.Duties, roster.NewWorkCalendar(nil), loc)
	tb := AllowanceTable(a, officers)
	b, err := ReportXLSX(tb)
	if err != nil {
		t.Fatal(err)
	}
	sh := readXLSX(t, b)[0]
	if sh.Cells["A1"] != "BẢNG TỔNG HỢP BỒI DƯỠNG TRỰC THÁNG 04/2027" {
		t.Errorf("title %v", sh.Cells["A1"])
	}
	for i, r := range a.Rows {
		row := 4 + 3*i
		o := officers[r.OfficerID]
		for j, p := range []roster.AllowanceParts{r.Primary, r.Backup, r.Total} {
			ref := func(c string) any { return sh.Cells[fmt.Sprintf("%s%d", c, row+j)] }
			if ref("B") != o.FullName || ref("E") != float64(p.Duties) || ref("J") != p.Hours.Hours() ||
				ref("M") != p.HolidayHours.Hours() || ref("N") != p.NightHours.Hours() {
				t.Errorf("row %d: %v %v %v %v %v, want %s %d %v", row+j, ref("B"), ref("E"), ref("J"), ref("M"), ref("N"), o.FullName, p.Duties, p.Hours.Hours())
			}
		}
	}
	total := 4 + 3*len(a.Rows)
	if sh.Cells[fmt.Sprintf("A%d", total)] != "Tổng cộng" || sh.Cells[fmt.Sprintf("J%d", total)] != want.Hours() ||
		sh.Cells[fmt.Sprintf("E%d", total)] != float64(len(phone.Duties)) {
		t.Errorf("total row: %v %v %v, want %v hours in %d duties", sh.Cells[fmt.Sprintf("A%d", total)], sh.Cells[fmt.Sprintf("J%d", total)],
			sh.Cells[fmt.Sprintf("E%d", total)], want.Hours(), len(phone.Duties))
	}
	// April 2027 holds two holidays (16 and 30 April): 24 h each, and the
	// night of 30 April runs 7 h into 1 May, a holiday too, yet counts in
	// April where it starts; for a primary and a backup each.
	if h := sh.Cells[fmt.Sprintf("M%d", total)]; h != float64((24+24+7)*2) {
		t.Errorf("holiday hours %v", h)
	}
}
