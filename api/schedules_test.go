package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"
)

// lineNames are the officers of the phone line: every letter family of
// Vietnamese, no name inside another.
var lineNames = []string{"Lê Thị Ánh", "Đặng Văn Đức", "Phạm Thu Hà", "Trần Quốc Việt", "Vũ Ngọc Ẩn", "Hoàng Yến Nhi", "Bùi Đình Lộc", "Ngô Ỷ Lan"}

// phoneLine makes a 24/7 phone line with a primary and a backup per slot
// (two slots a day), eight officers, and plans January 2027: 62 rows of
// the schedule. It returns the officers' names by ID.
func phoneLine(t *testing.T, h *harness) map[int64]string {
	t.Helper()
	h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Đường dây nóng trợ giúp pháp lý", "kind": "office",
		"slots": []map[string]any{
			{"name": "Ngày", "start": "07:00", "end": "19:00", "officers": 1, "backups": 1, "days": "daily"},
			{"name": "Đêm", "start": "19:00", "end": "07:00", "officers": 1, "backups": 1, "days": "daily"},
		}})
	names := map[int64]string{}
	var ids []int64
	for i, n := range lineNames {
		m := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": n, "kind": "legal_aid_officer",
			"email": fmt.Sprintf("o%d@tgpl.example.vn", i), "phone": fmt.Sprintf("09120001%02d", i), "specialties": []string{}})
		names[id(m)] = n
		ids = append(ids, id(m))
	}
	p := h.must(201, "POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"from": "2027-01-01", "to": "2027-01-31", "officer_ids": ids})
	if n := len(p["assignments"].([]any)); n != 124 || len(p["uncovered"].([]any)) != 0 {
		t.Fatalf("plan: %d duties, uncovered %v", n, p["uncovered"])
	}
	return names
}

// dutiesOf lists the duties of the JSON listing at path.
func dutiesOf(h *harness, path string) []map[string]any {
	var out []map[string]any
	for _, a := range h.must(200, "GET", path, h.manager, nil)["assignments"].([]any) {
		out = append(out, a.(map[string]any))
	}
	return out
}

func TestSchedulePDFThroughHTTP(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		names := phoneLine(t, h)
		duties := dutiesOf(h, "/api/v1/assignments?site=TRUC-DT&from=2027-01-01&to=2027-01-31")
		const month = "/api/v1/sites/TRUC-DT/schedule.pdf?from=2027-01-01&to=2027-01-31"

		// Before publication: dots for the number and the day.
		r := h.do("GET", month, h.manager, nil)
		if r.Code != 200 || r.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("GET: %d %v %s", r.Code, r.Header, r.Body)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="Lich-truc-TRUC-DT-2027-01-01_2027-01-31.pdf"; `+
			`filename*=UTF-8''L%E1%BB%8Bch%20tr%E1%BB%B1c%20TRUC-DT%202027-01-01_2027-01-31.pdf` {
			t.Errorf("Content-Disposition %s", cd)
		}
		if text := pdfText(t, r.Body, 1); !strings.Contains(text, "Số: ……/LT-TTTGPL") || !strings.Contains(text, "ngày …… tháng …… năm 2027") {
			t.Fatalf("unpublished number and date:\n%s", text)
		}

		if pub := h.must(201, "POST", "/api/v1/sites/TRUC-DT/publish", h.manager, map[string]any{"from": "2027-01-01", "to": "2027-01-31"}); pub["number"] != "1/LT-TTTGPL" {
			t.Fatalf("publication %v", pub)
		}
		if list := h.must(200, "GET", "/api/v1/sites/TRUC-DT/publications", h.manager, nil)["publications"].([]any); list[0].(map[string]any)["number"] != "1/LT-TTTGPL" {
			t.Fatalf("publications %v", list)
		}
		pdf := h.do("GET", month, h.manager, nil).Body
		text := pdfText(t, pdf, 0)
		for _, want := range []string{"Số: 1/LT-TTTGPL", "Hải Phòng, ngày 04 tháng 01 năm 2027", "DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Từ ngày 01/01/2027 đến ngày 31/01/2027", "KT. GIÁM ĐỐC", "Nơi nhận:"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
		// Every duty is in it: each officer's name as many times as duties.
		count := map[string]int{}
		for _, a := range duties {
			count[names[int64(a["officer_id"].(float64))]]++
		}
		for _, n := range lineNames {
			if got := strings.Count(text, n); got != count[n] || got == 0 {
				t.Errorf("%s: %d times in the PDF, %d duties", n, got, count[n])
			}
		}
		for d := 1; d <= 31; d++ {
			if day := fmt.Sprintf("%02d/01/2027", d); strings.Count(text, day) < 2 {
				t.Errorf("day %s: %d times", day, strings.Count(text, day))
			}
		}
		// 62 rows break across pages, each page with the header row.
		pages := pdfPages(t, pdf)
		if pages < 3 {
			t.Fatalf("%d pages for 62 rows", pages)
		}
		tablePages := 0
		for p := 1; p <= pages; p++ {
			pt := pdfText(t, pdf, p)
			if !strings.Contains(pt, lineNames[0]) && !strings.Contains(pt, lineNames[1]) {
				continue // the signature's page
			}
			tablePages++
			if !strings.Contains(pt, "Người trực dự bị") || !strings.Contains(pt, "STT") {
				t.Errorf("page %d lacks the header row", p)
			}
		}
		if tablePages < 3 {
			t.Errorf("the table is on %d pages", tablePages)
		}

		// A week of the published month bears its number; a span not
		// wholly published dots.
		week := h.do("GET", "/api/v1/schedule.pdf?from=2027-01-04&to=2027-01-10&site=TRUC-DT", h.manager, nil)
		if week.Code != 200 || !strings.Contains(pdfText(t, week.Body, 1), "Số: 1/LT-TTTGPL") {
			t.Errorf("the week: %d", week.Code)
		}
		if wt := pdfText(t, week.Body, 0); strings.Contains(wt, "11/01/2027") || !strings.Contains(wt, "10/01/2027") {
			t.Errorf("the week holds other days")
		}
		late := h.do("GET", "/api/v1/sites/TRUC-DT/schedule.pdf?from=2027-01-25&to=2027-02-07", h.manager, nil)
		if late.Code != 200 || !strings.Contains(pdfText(t, late.Body, 1), "Số: ……/") {
			t.Errorf("a span past the publication: %d", late.Code)
		}

		// Several sites, by default those with duties; reception may read.
		h.courtSite()
		court := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng",
			"officer_id": duties[0]["officer_id"], "start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		_ = court
		reception := h.user("tiep-dan", "reception", 0)
		both := h.do("GET", "/api/v1/schedule.pdf?from=2027-01-04&to=2027-01-10", reception, nil)
		bt := pdfText(t, both.Body, 0)
		if both.Code != 200 || !strings.Contains(bt, "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN") || !strings.Contains(bt, "DANH SÁCH TRỰC ĐIỆN THOẠI") ||
			!strings.Contains(bt, "Tòa án nhân dân thành phố Hải Phòng") {
			t.Errorf("two sites: %d\n%s", both.Code, bt)
		}

		// The span: required, at most three months; sites must exist.
		h.problem(h.do("GET", "/api/v1/sites/TRUC-DT/schedule.pdf?to=2027-01-31", h.manager, nil), 422, "from")
		h.problem(h.do("GET", "/api/v1/sites/TRUC-DT/schedule.pdf?from=2027-01-01&to=2027-04-01", h.manager, nil), 422, "to")
		h.problem(h.do("GET", "/api/v1/schedule.xlsx?from=2027-01-01&to=2027-01-31&site=NOPE", h.manager, nil), 422, "site")
		if r := h.do("GET", "/api/v1/sites/TRUC-DT/schedule.pdf?from=2027-01-01&to=2027-03-31", h.manager, nil); r.Code != 200 {
			t.Errorf("three months: %d %s", r.Code, r.Body)
		}
		h.problem(h.do("GET", "/api/v1/sites/TRUC-DT/schedule.pdf?from=2027-01-01&to=2027-01-31", "", nil), 401, "")
	})
}

func TestScheduleXLSXThroughHTTP(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		names := phoneLine(t, h)
		duties := dutiesOf(h, "/api/v1/assignments?site=TRUC-DT&from=2027-01-01&to=2027-01-31")
		r := h.do("GET", "/api/v1/sites/TRUC-DT/schedule.xlsx?from=2027-01-01&to=2027-01-31", h.manager, nil)
		if r.Code != 200 || r.Header.Get("Content-Type") != mediaXLSX || !strings.Contains(r.Header.Get("Content-Disposition"), `.xlsx"`) {
			t.Fatalf("GET: %d %v", r.Code, r.Header)
		}
		sheets := xlsxRead(t, r.Body)
		if len(sheets) != 1 || len(sheets[0].Merged) == 0 {
			t.Fatalf("sheets %+v", sheets)
		}
		var all strings.Builder
		for _, v := range sheets[0].Cells {
			fmt.Fprintf(&all, "%v\n", v)
		}
		count := map[string]int{}
		for _, a := range duties {
			count[names[int64(a["officer_id"].(float64))]]++
		}
		for _, n := range lineNames {
			if got := strings.Count(all.String(), n); got != count[n] {
				t.Errorf("%s: %d times in the sheet, %d duties", n, got, count[n])
			}
		}
	})
}

// The assignments as CSV and as a spreadsheet are the JSON list, row for
// row; an unknown format is 422.
func TestAssignmentsCSVAndXLSX(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		names := phoneLine(t, h)
		const list = "/api/v1/assignments?site=TRUC-DT&from=2027-01-01&to=2027-01-15"
		duties := dutiesOf(h, list)
		want := make([][]string, len(duties)) // date, start, officer
		for i, a := range duties {
			start, _ := time.Parse(time.RFC3339, a["start"].(string))
			start = start.In(testLoc)
			want[i] = []string{start.Format("02/01/2006"), start.Format("15:04"), names[int64(a["officer_id"].(float64))]}
		}
		r := h.do("GET", list+"&format=csv", h.manager, nil)
		if r.Code != 200 || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("CSV: %d %v", r.Code, r.Header)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body, []byte("\uFEFF")))).ReadAll()
		if err != nil || len(recs) != len(duties)+1 {
			t.Fatalf("CSV: %d records for %d duties: %v", len(recs), len(duties), err)
		}
		for i, w := range want {
			if got := recs[i+1]; got[0] != w[0] || got[2] != w[1] || got[7] != w[2] {
				t.Errorf("CSV row %d: %v, want %v", i+1, got, w)
			}
		}
		x := h.do("GET", list+"&format=xlsx", h.manager, nil)
		if x.Code != 200 || x.Header.Get("Content-Type") != mediaXLSX {
			t.Fatalf("XLSX: %d %v", x.Code, x.Header)
		}
		rows := rowsOf(xlsxRead(t, x.Body)[0])
		header := 0
		for n, row := range rows {
			if row[1] == "Ngày" && (header == 0 || n < header) {
				header = n
			}
		}
		for i, w := range want {
			row := rows[header+1+i]
			if row[1] != "date:"+dayISO(w[0]) || row[3] != w[1] || row[8] != w[2] {
				t.Errorf("XLSX row %d: %v, want %v", header+1+i, row, w)
			}
		}
		last := 0
		for n := range rows {
			last = max(last, n)
		}
		if last != header+len(want) {
			t.Errorf("XLSX: last row %d, header at %d, %d duties", last, header, len(want))
		}
		h.problem(h.do("GET", list+"&format=yaml", h.manager, nil), 422, "format")
	})
}

// dayISO turns 02/01/2006 into 2006-01-02.
func dayISO(d string) string { return d[6:] + "-" + d[3:5] + "-" + d[:2] }
