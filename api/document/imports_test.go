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
	"strconv"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// writeXLSX writes a workbook with openpyxl, as a spreadsheet program
// would: rows of strings, numbers, nil, {"date": ...} or {"time": ...}.
func writeXLSX(t *testing.T, sheetName string, rows [][]any) []byte {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	py = needTool(t, py, "-c", "import openpyxl")
	in, err := json.Marshal(map[string]any{"sheets": []any{map[string]any{"name": sheetName, "rows": rows}}})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "in.xlsx")
	cmd := exec.Command(py, "testdata/xlsx_write.py", p)
	cmd.Stdin = bytes.NewReader(in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("xlsx_write.py: %v\n%s", err, out)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeCSV writes rows as a CSV file the way Excel saves one: BOM, CRLF.
func writeCSV(t *testing.T, sep rune, rows [][]string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = sep, true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// officerFixture is 300 officers with all kinds, specialties and sites, of
// which three rows are bad: row 57 (an e-mail without @), row 150 (a kind
// that does not exist) and row 243 (the phone of row 10 again).
func officerFixture() (rows [][]string, want []OfficerRow) {
	kinds := []struct {
		cell string
		kind roster.OfficerKind
	}{{"Trợ giúp viên pháp lý", roster.KindLegalAidOfficer}, {"lawyer", roster.KindLawyer}, {"NHÂN VIÊN", roster.KindStaff}, {"TGVPL", roster.KindLegalAidOfficer}}
	fields := []struct {
		cell string
		want []string
	}{{"Hình sự, Đất đai", []string{"criminal", "land"}}, {"civil;labour", []string{"civil", "labour"}}, {"", []string{}},
		{"Hôn nhân và gia đình\nBảo hiểm xã hội", []string{"marriage_family", "social_insurance"}}}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Vũ", "Bùi", "Đỗ", "Ngô"}
	given := []string{"Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thị Ánh Tuyết", "Quốc Huy", "Thuỳ Dương", "Ngọc Ẩn", "Mỹ Ỷ", "Khắc Ấp"}
	for i := 1; i <= 300; i++ {
		row := i + 1
		k, f := kinds[i%len(kinds)], fields[i%len(fields)]
		name := fmt.Sprintf("%s %s %d", family[i%10], given[(i/10)%10], i)
		email := fmt.Sprintf("canbo%03d@tgpl.example.vn", i)
		phone := fmt.Sprintf("09%08d", 12000000+i)
		sites, wantSites := "TAND-KV1, truc-dt", []string{"TAND-KV1", "TRUC-DT"}
		if i%3 == 0 {
			sites, wantSites = "", nil
		}
		limit := fmt.Sprint(i % 9)
		kindCell := k.cell
		switch row {
		case 57:
			email = "canbo057.tgpl.example.vn"
		case 150:
			kindCell = "Thẩm phán"
		case 243:
			phone = fmt.Sprintf("09%08d", 12000000+9) // the phone of officer 9, on row 10
		}
		rows = append(rows, []string{name, kindCell, email, phone, f.cell, sites, limit})
		if row == 57 || row == 150 || row == 243 {
			continue
		}
		want = append(want, OfficerRow{Row: row, Sites: wantSites, Officer: roster.Officer{FullName: name, Kind: k.kind, Email: email,
			Phone: phone, Specialties: f.want, Active: true, MonthlyLimit: i % 9}})
	}
	return rows, want
}

func wantIssues() []ImportIssue {
	return []ImportIssue{
		{Row: 57, Column: "Thư điện tử", Cell: "C57", Field: "email", Code: "format", Value: "canbo057.tgpl.example.vn"},
		{Row: 150, Column: "Loại*", Cell: "B150", Field: "kind", Code: "one_of", Value: "Thẩm phán"},
		{Row: 243, Column: "Số điện thoại", Cell: "D243", Field: "phone", Code: "duplicate", Value: "0912000009"},
	}
}

// Test300Officers imports 300 officers with 3 bad rows from an .xlsx
// written by openpyxl (Vietnamese headers, phones typed as numbers, which
// Excel stores without their leading 0) and from a CSV (API field names,
// semicolons): exactly those 3 rows are reported, with row, column and rule.
func Test300Officers(t *testing.T) {
	rows, want := officerFixture()
	opt := ImportOptions{SiteCodes: []string{"TAND-KV1", "TRUC-DT", "LUU-DONG"}}

	xrows := [][]any{{"Họ và tên*", "Loại*", "Thư điện tử", "Số điện thoại", "Lĩnh vực", "Điểm trực", "Số ca tối đa mỗi tháng"}}
	for i, r := range rows {
		x := make([]any, len(r))
		for j, c := range r {
			x[j] = c
		}
		if i%2 == 0 { // a phone typed as a number, and the limit too
			x[3], _ = strconv.Atoi(r[3])
			x[6], _ = strconv.Atoi(r[6])
		}
		xrows = append(xrows, x)
	}
	csvRows := append([][]string{{"full_name", "kind", "email", "phone", "specialties", "sites", "monthly_limit"}}, rows...)
	for _, tc := range []struct {
		name string
		data []byte
		col  map[string]string
	}{
		{"xlsx", writeXLSX(t, "Cán bộ", xrows), nil},
		{"csv", writeCSV(t, ';', csvRows), map[string]string{"email": "email", "kind": "kind", "phone": "phone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseOfficers(tc.data, opt)
			if err != nil {
				t.Fatal(err)
			}
			issues := wantIssues()
			for i := range issues {
				if tc.col != nil {
					issues[i].Column = tc.col[issues[i].Field]
				}
			}
			if !slices.Equal(got.Issues, issues) {
				t.Errorf("issues\n got %+v\nwant %+v", got.Issues, issues)
			}
			if len(got.Rows) != 297 {
				t.Fatalf("%d good rows", len(got.Rows))
			}
			for i, w := range want {
				g := got.Rows[i]
				if g.Row != w.Row || !slices.Equal(g.Sites, w.Sites) || g.Officer.FullName != w.Officer.FullName ||
					g.Officer.Kind != w.Officer.Kind || g.Officer.Email != w.Officer.Email || g.Officer.Phone != w.Officer.Phone ||
					!slices.Equal(g.Officer.Specialties, w.Officer.Specialties) || g.Officer.MonthlyLimit != w.Officer.MonthlyLimit || !g.Officer.Active {
					t.Fatalf("row %d\n got %+v\nwant %+v", w.Row, g, w)
				}
			}
		})
	}
}

// TestParseOfficersRules checks each rule on a one-row file.
func TestParseOfficersRules(t *testing.T) {
	header := []string{"full_name", "kind", "email", "phone", "specialties", "sites", "monthly_limit"}
	good := []string{"Nguyễn Văn An", "legal_aid_officer", "an@tgpl.example.vn", "0912000111", "land", "TAND-KV1", "4"}
	with := func(col int, v string) []string { r := slices.Clone(good); r[col] = v; return r }
	for _, tc := range []struct {
		name   string
		header []string
		rows   [][]string
		want   []ImportIssue // Value left out
	}{
		{"good", header, [][]string{good}, nil},
		{"name required", header, [][]string{with(0, " ")}, []ImportIssue{{Row: 2, Column: "full_name", Field: "full_name", Code: "required"}}},
		{"name too long", header, [][]string{with(0, strings.Repeat("ă", 201))}, []ImportIssue{{Row: 2, Column: "full_name", Field: "full_name", Code: "too_long"}}},
		{"kind required", header, [][]string{with(1, "")}, []ImportIssue{{Row: 2, Column: "kind", Field: "kind", Code: "required"}}},
		{"kind label, other case", header, [][]string{with(1, "luật sư KÝ HỢP ĐỒNG")}, nil},
		{"kind in decomposed form", header, [][]string{with(1, "Luật su\u031B ky\u0301 hợp đồng")}, nil},
		{"phone format", header, [][]string{with(3, "09x12")}, []ImportIssue{{Row: 2, Column: "phone", Field: "phone", Code: "format"}}},
		{"phone +84 duplicate", header, [][]string{good, with(2, "b@tgpl.example.vn")}, []ImportIssue{{Row: 3, Column: "phone", Field: "phone", Code: "duplicate"}}},
		{"phone +84 same number", header, [][]string{good, with(2, "b@x.vn")[:3:3]}, nil},
		{"e-mail duplicate, other case", header, [][]string{good, with(3, "0913000222"), with(2, "AN@tgpl.example.vn")},
			[]ImportIssue{{Row: 3, Column: "email", Field: "email", Code: "duplicate"}, {Row: 4, Column: "email", Field: "email", Code: "duplicate"},
				{Row: 4, Column: "phone", Field: "phone", Code: "duplicate"}}},
		{"specialty unknown", header, [][]string{with(4, "Hình sự, thuế")}, []ImportIssue{{Row: 2, Column: "specialties", Field: "specialties", Code: "one_of"}}},
		{"site unknown", header, [][]string{with(5, "TAND-KV1 TAND-KV9")}, []ImportIssue{{Row: 2, Column: "sites", Field: "sites", Code: "not_found"}}},
		{"limit format", header, [][]string{with(6, "bốn")}, []ImportIssue{{Row: 2, Column: "monthly_limit", Field: "monthly_limit", Code: "format"}}},
		{"limit fraction", header, [][]string{with(6, "2.5")}, []ImportIssue{{Row: 2, Column: "monthly_limit", Field: "monthly_limit", Code: "format"}}},
		{"limit range", header, [][]string{with(6, "63")}, []ImportIssue{{Row: 2, Column: "monthly_limit", Field: "monthly_limit", Code: "range"}}},
		{"empty rows skipped, numbers kept", header, [][]string{{"", "", ""}, good, {}}, nil},
		{"two bad cells in a row", header, [][]string{with(1, "judge")[:2], {"", "lawyer", "bad", "", "", "", ""}},
			[]ImportIssue{{Row: 2, Column: "kind", Field: "kind", Code: "one_of"}, {Row: 3, Column: "full_name", Field: "full_name", Code: "required"},
				{Row: 3, Column: "email", Field: "email", Code: "format"}}},
		{"unknown column", append(slices.Clone(header), "Ghi chú"), [][]string{good}, []ImportIssue{{Row: 1, Column: "Ghi chú", Code: "unknown_field"}}},
		{"column twice", []string{"full_name", "kind", "Họ và tên"}, [][]string{good[:3]}, []ImportIssue{{Row: 1, Column: "Họ và tên", Field: "full_name", Code: "duplicate"}}},
		{"required column missing", []string{"Họ tên", "email"}, [][]string{{"An", "a@b.vn"}}, []ImportIssue{{Row: 1, Column: "Loại", Field: "kind", Code: "required"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := tc.rows
			if tc.name == "phone +84 same number" {
				rows = [][]string{good, {"Trần Thị Bình", "staff", "b@x.vn", "+84 912 000 111"}}
				tc.want = []ImportIssue{{Row: 3, Column: "phone", Field: "phone", Code: "duplicate"}}
			}
			got, err := ParseOfficers(writeCSV(t, ',', append([][]string{tc.header}, rows...)), ImportOptions{SiteCodes: []string{"TAND-KV1"}})
			if err != nil {
				t.Fatal(err)
			}
			for i := range got.Issues {
				got.Issues[i].Value, got.Issues[i].Cell = "", ""
			}
			if !slices.Equal(got.Issues, tc.want) {
				t.Errorf("issues\n got %+v\nwant %+v", got.Issues, tc.want)
			}
			if tc.want == nil && len(got.Rows) == 0 {
				t.Error("no rows")
			}
			if tc.name == "empty rows skipped, numbers kept" && got.Rows[0].Row != 3 {
				t.Errorf("the good row is row %d, want 3", got.Rows[0].Row)
			}
		})
	}
	if _, err := ParseOfficers([]byte("PK\x03\x04 not a zip"), ImportOptions{}); roster.ErrorCode(err) != roster.EMalformed {
		t.Errorf("broken xlsx: %v", err)
	}
	if _, err := ParseOfficers([]byte("full_name\n\xff\xfe"), ImportOptions{}); roster.ErrorCode(err) != roster.EMalformed {
		t.Errorf("not UTF-8: %v", err)
	}
}

// TestParseOutreachPlan reads a plan written by openpyxl with date and time
// cells and text ones, officers by e-mail, phone and name.
func TestParseOutreachPlan(t *testing.T) {
	loc := testLoc(t)
	officers := []roster.Officer{
		{ID: 1, FullName: "Nguyễn Văn An", Email: "an@tgpl.example.vn", Phone: "0912000111"},
		{ID: 2, FullName: "Trần Thị Bình", Email: "binh@tgpl.example.vn", Phone: "0912000222"},
		{ID: 3, FullName: "Lê Minh Châu", Phone: "0912000333"},
		{ID: 4, FullName: "Lê Minh Châu", Phone: "0912000444"}, // the same name twice
	}
	rows := [][]any{
		{"Tên đợt", "Địa điểm", "Đơn vị phối hợp", "Ngày", "Bắt đầu", "Kết thúc", "Người thực hiện"},
		{"Lưu động xã An Lư", "Nhà văn hóa thôn 3", "Hội Nông dân thành phố; UBND xã An Lư", map[string]string{"date": "2027-03-15"},
			map[string]string{"time": "08:00"}, map[string]string{"time": "11:30"}, "an@tgpl.example.vn; 0912000222"},
		{"Lưu động phường Lê Chân", "Hội trường phường", "Hội Người khuyết tật", "16/03/2027", "13h30", "17:00", "nguyễn văn an\n0912000333"},
		{"Ngày 3", "Nhà văn hóa", "Hội Cựu chiến binh", "2027-03-17", "8:00", "7:30", ""},                             // row 4: end before start
		{"Ngày 4", "", "Hội Cựu chiến binh", "32/03/2027", "8:00", "11:00", "Lê Minh Châu"},                           // row 5: venue, date, ambiguous name
		{"Ngày 5", "Nhà văn hóa", "", "18/03/2027", "8 giờ", "11:00", "Phạm Văn Không; an@tgpl.example.vn"},           // row 6: partner, start, unknown officer
		{"Ngày 6", "Nhà văn hóa", "Hội Nông dân", "19/03/2027", "08:00", "11:00", "an@tgpl.example.vn; 0912 000 111"}, // row 7: the same officer twice
	}
	got, err := ParseOutreachPlan(writeXLSX(t, "Kế hoạch", rows), ImportOptions{Loc: loc, Officers: officers})
	if err != nil {
		t.Fatal(err)
	}
	want := []ImportIssue{
		{Row: 4, Column: "Kết thúc", Field: "end", Code: "range"},
		{Row: 5, Column: "Địa điểm", Field: "venue", Code: "required"},
		{Row: 5, Column: "Ngày", Field: "date", Code: "format"},
		{Row: 5, Column: "Người thực hiện", Field: "officers", Code: "invalid"},
		{Row: 6, Column: "Đơn vị phối hợp", Field: "partner", Code: "required"},
		{Row: 6, Column: "Bắt đầu", Field: "start", Code: "format"},
		{Row: 6, Column: "Người thực hiện", Field: "officers", Code: "not_found"},
		{Row: 7, Column: "Người thực hiện", Field: "officers", Code: "duplicate"},
	}
	for i := range got.Issues {
		if want := cellName(map[string]int{"venue": 2, "partner": 3, "date": 4, "start": 5, "end": 6, "officers": 7}[got.Issues[i].Field], got.Issues[i].Row); got.Issues[i].Cell != want {
			t.Errorf("issue %+v: cell, want %s", got.Issues[i], want)
		}
		got.Issues[i].Value, got.Issues[i].Cell = "", ""
	}
	if !slices.Equal(got.Issues, want) {
		t.Errorf("issues\n got %+v\nwant %+v", got.Issues, want)
	}
	if len(got.Rows) != 2 {
		t.Fatalf("%d rows", len(got.Rows))
	}
	s1, s2 := got.Rows[0].Session, got.Rows[1].Session
	if got.Rows[0].Row != 2 || s1.Title != "Lưu động xã An Lư" || s1.Venue != "Nhà văn hóa thôn 3" ||
		!s1.Start.Equal(time.Date(2027, 3, 15, 8, 0, 0, 0, loc)) || !s1.End.Equal(time.Date(2027, 3, 15, 11, 30, 0, 0, loc)) ||
		len(s1.Partners) != 2 || s1.Partners[1].Name != "UBND xã An Lư" || !slices.Equal(s1.OfficerIDs, []int64{1, 2}) {
		t.Errorf("row 2: %+v", s1)
	}
	if got.Rows[1].Row != 3 || !s2.Start.Equal(time.Date(2027, 3, 16, 13, 30, 0, 0, loc)) || !s2.End.Equal(time.Date(2027, 3, 16, 17, 0, 0, 0, loc)) ||
		!slices.Equal(s2.OfficerIDs, []int64{1, 3}) || s2.Partners[0].Name != "Hội Người khuyết tật" {
		t.Errorf("row 3: %+v", s2)
	}
}

// TestImportTemplates reads the templates back with openpyxl (headers,
// example, help sheet) and imports them: the example row is good.
func TestImportTemplates(t *testing.T) {
	ot, err := OfficerTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	sheets := readXLSX(t, ot)
	if len(sheets) != 2 || sheets[0].Name != "Cán bộ" || sheets[1].Name != "Hướng dẫn" {
		t.Fatalf("sheets %v", sheets)
	}
	for ref, want := range map[string]any{"A1": "Họ và tên*", "B1": "Loại*", "C1": "Thư điện tử", "D1": "Số điện thoại", "E1": "Lĩnh vực",
		"F1": "Điểm trực", "G1": "Số ca tối đa mỗi tháng", "A2": "Nguyễn Văn An", "D2": "0912345678", "G2": 8.0} {
		if sheets[0].Cells[ref] != want {
			t.Errorf("template %s = %#v, want %#v", ref, sheets[0].Cells[ref], want)
		}
	}
	help := sheets[1].Cells
	if help["A2"] != "Họ và tên" || help["B2"] != "full_name" || !strings.HasPrefix(help["C2"].(string), "Bắt buộc.") ||
		!strings.Contains(help["C3"].(string), "Luật sư ký hợp đồng (lawyer)") || !strings.Contains(help["C6"].(string), "Hôn nhân gia đình (marriage_family)") {
		t.Errorf("help sheet %v", help)
	}
	got, err := ParseOfficers(ot, ImportOptions{SiteCodes: []string{"TAND-KV1", "TRUC-DT"}})
	if err != nil || len(got.Issues) != 0 || len(got.Rows) != 1 {
		t.Fatalf("template import: %v %+v", err, got)
	}
	if o := got.Rows[0].Officer; o.FullName != "Nguyễn Văn An" || o.Kind != roster.KindLegalAidOfficer || o.Phone != "0912345678" ||
		!slices.Equal(o.Specialties, []string{"criminal", "land"}) || o.MonthlyLimit != 8 || !slices.Equal(got.Rows[0].Sites, []string{"TAND-KV1", "TRUC-DT"}) {
		t.Errorf("template row %+v", got.Rows[0])
	}

	pt, err := OutreachTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	if sh := readXLSX(t, pt)[0]; sh.Cells["D2"] != "date:2027-03-15" || sh.Cells["E2"] != "08:00" || sh.Cells["A1"] != "Tên đợt*" {
		t.Errorf("outreach template %v", sh.Cells)
	}
	loc := testLoc(t)
	plan, err := ParseOutreachPlan(pt, ImportOptions{Loc: loc, Officers: []roster.Officer{{ID: 7, FullName: "Nguyễn Văn An"}, {ID: 8, FullName: "X", Phone: "0912 000 111"}}})
	if err != nil || len(plan.Issues) != 0 || len(plan.Rows) != 1 {
		t.Fatalf("outreach template import: %v %+v", err, plan)
	}
	if s := plan.Rows[0].Session; !s.Start.Equal(time.Date(2027, 3, 15, 8, 0, 0, 0, loc)) || !slices.Equal(s.OfficerIDs, []int64{7, 8}) {
		t.Errorf("outreach template row %+v", s)
	}
}
