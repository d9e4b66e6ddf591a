package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// yrSeedSessions are 38 outreach sessions of 2022 with 2,050 attendees and
// 268 cases advised (civil, land, criminal, administrative, social
// insurance, labour), as in the Center's report.
func yrSeedSessions(h *harness, officer int64) {
	fields := []string{"civil", "land", "criminal", "administrative", "social_insurance", "labour"}
	advised, attendees := 0, 0
	for i := range 38 {
		day := time.Date(2022, time.Month(2+i%10), 3+i/10*6, 0, 0, 0, 0, testLoc)
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		n := 7 // 38 × 7 = 266, and two more
		if i < 2 {
			n = 8
		}
		people := 54 // 38 × 54 = 2,052, less two
		if i == 0 {
			people = 52
		}
		advised, attendees = advised+n, attendees+people
		cons := map[string]any{fields[i%len(fields)]: n - 2, fields[(i+1)%len(fields)]: 2}
		body := otBody(fmt.Sprintf("Trợ giúp pháp lý lưu động %d", i+1), "Hội Nông dân", day.Format("2006-01-02")+"T08:00:00+07:00",
			day.Format("2006-01-02")+"T11:00:00+07:00", officer)
		body["attendees"], body["consultations"] = people, cons
		h.otSession(201, body)
	}
	if advised != 268 || attendees != 2050 {
		h.t.Fatalf("seed sessions: %d advised, %d attendees", advised, attendees)
	}
}

// yrCase registers a case through the API.
func yrCase(h *harness, handler int64, form, field, accepted, outcome, closed string) {
	body := map[string]any{"form": form, "field": field, "beneficiary_group": "poor_household", "origin": "office",
		"handler_id": handler, "accepted_on": accepted}
	if outcome != "" {
		body["outcome"], body["closed_on"] = outcome, closed
	}
	h.must(201, "POST", "/api/v1/cases", h.manager, body)
}

// yrSeedCases registers, through the API, 238 cases in proceedings accepted
// in 2021 (108 closed in it, 130 carried over into 2022) and 586 accepted
// in 2022: 716 in 2022, 348 more new ones than the year before; 246
// successful in 2022 (221 criminal, 24 civil, 1 administrative), 200
// completed otherwise, 10 stopped; 12 cases of advice.
func yrSeedCases(h *harness, officer int64) {
	day := func(year, i int) string { return fmt.Sprintf("%d-%02d-%02d", year, 1+i%12, 1+i%28) }
	for i := range 238 {
		if i < 108 {
			yrCase(h, officer, "proceedings", "civil", day(2021, i%6), "completed", "2021-12-20")
		} else {
			yrCase(h, officer, "proceedings", "criminal", day(2021, i), "", "")
		}
	}
	// 130 carried over: 40 of them succeed in 2022 (criminal ones).
	// 586 new: 181 criminal, 24 civil and 1 administrative succeed.
	for i := range 586 {
		field, outcome, closed := "land", "", ""
		switch {
		case i < 181:
			field, outcome, closed = "criminal", "successful", "2022-12-15"
		case i < 181+24:
			field, outcome, closed = "civil", "successful", "2022-12-15"
		case i < 205+1:
			field, outcome, closed = "administrative", "successful", "2022-12-15"
		case i < 206+200:
			outcome, closed = "completed", "2022-12-16"
		case i < 406+10:
			outcome, closed = "stopped", "2022-12-16"
		}
		yrCase(h, officer, "proceedings", field, day(2022, i%11), outcome, closed)
	}
	for i := range 12 {
		yrCase(h, officer, "advice", "land", day(2022, i), "", "")
	}
}

func TestYearReportThroughTheAPI(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.now = time.Date(2023, 1, 9, 9, 0, 0, 0, testLoc)
		h.courtSite()
		h.csPhoneSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		anTok := h.user("an", roster.RoleOfficer, an)
		yrSeedSessions(h, binh)
		yrSeedCases(h, an)
		// The 40 carried-over criminal cases that succeed in 2022.
		open := h.must(200, "GET", "/api/v1/cases?year=2021&open=true", h.manager, nil)["cases"].([]any)
		for _, k := range open[:40] {
			h.must(200, "PATCH", fmt.Sprintf("/api/v1/cases/%d", int64(k.(map[string]any)["id"].(float64))), h.manager,
				map[string]any{"outcome": "successful", "closed_on": "2022-06-30"})
		}
		// Three court duties: one held with two requests, one held by a stand-in, one missed; a custody call.
		d1, d2, d3 := h.rsDuty(an, "2022-03-01"), h.rsDuty(an, "2022-03-02"), h.rsDuty(an, "2022-03-03")
		h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", d1), anTok,
			rsResult(true, 2, rsRequest("criminal", "accused_minor", "accepted"), rsRequest("land", "poor_household", "advised")))
		h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", d2), h.manager, map[string]any{"held": true, "held_by": binh, "people_received": 1})
		h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", d3), anTok, rsResult(false, 0))
		h.must(201, "POST", "/api/v1/custody-requests", h.manager, map[string]any{"taken_by": an, "received_at": "2022-05-01T22:10:00+07:00",
			"source": "police", "person_status": "detained", "field": "criminal", "sent_officer_id": binh, "assigned_at": "2022-05-01T23:25:00+07:00"})

		h.problemCode(h.do("GET", "/api/v1/reports/year?year=2022", anTok, nil), 403, "", "forbidden")
		h.problemCode(h.do("GET", "/api/v1/reports/year?year=2022&format=doc", h.manager, nil), 422, "format", "one_of")
		h.problemCode(h.do("GET", "/api/v1/reports/year?year=2022&figure=cases.lost", h.manager, nil), 422, "figure", "one_of")
		began := time.Now()
		m := h.must(200, "GET", "/api/v1/reports/year?year=2022", h.manager, nil)
		t.Logf("GET /api/v1/reports/year (38 sessions, 836 cases, 3 duties): %v", time.Since(began).Round(time.Millisecond))
		values := m["values"].(map[string]any)
		want := map[string]int{"outreach.sessions": 38, "outreach.attendees": 2050, "outreach.advised": 268, "cases.total": 716, "cases.new": 586,
			"cases.carried_over": 130, "cases.previous_new": 238, "cases.change": 348, "cases.successful": 246, "cases.successful.criminal": 221,
			"cases.successful.civil": 24, "cases.successful.administrative": 1, "cases.stopped": 10, "cases.new.advice": 12,
			"duties.duties": 3, "duties.held": 2, "duties.missed": 1, "duties.stand_ins": 1, "duties.people_received": 3, "duties.requests": 2,
			"duties.requests.group.accused_minor": 1, "custody.requests": 1, "custody.late": 0, "custody.max_minutes": 75}
		for k, v := range want {
			if got, ok := values[k].(float64); !ok || int(got) != v {
				t.Errorf("%s: %v, want %d", k, values[k], v)
			}
		}
		summary := m["summary"].(string)
		seedPhrases := []string{"716 vụ việc tham gia tố tụng", "thụ lý mới 586 vụ việc, tăng 348 vụ việc so với năm trước",
			"246 vụ việc thành công, hiệu quả theo tiêu chí của Bộ Tư pháp (221 hình sự, 24 dân sự, 1 hành chính)",
			"38 đợt trợ giúp pháp lý ngoài trụ sở", "2.050 lượt người tham dự", "tư vấn 268 vụ việc", "1 ca do người khác trực thay"}
		for _, s := range seedPhrases {
			if !strings.Contains(summary, s) {
				t.Errorf("summary lacks %q:\n%s", s, summary)
			}
		}
		if en := m["summary_en"].(string); !strings.Contains(en, "716 cases, of which 586 were newly accepted, 348 more") {
			t.Errorf("English summary: %s", en)
		}
		// Each figure opens to its rows.
		var rowsURL string
		for _, f := range m["figures"].([]any) {
			f := f.(map[string]any)
			if f["key"] == "cases.successful.criminal" {
				rowsURL = f["rows_url"].(string)
				if len(f["ids"].([]any)) != 221 || f["label"] != "Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp — Hình sự" {
					t.Errorf("figure: %v", f["label"])
				}
			}
		}
		rows := h.must(200, "GET", strings.TrimPrefix(rowsURL, testBase), h.manager, nil)
		for _, r := range rows["rows"].([]any) {
			k := r.(map[string]any)
			if k["outcome"] != "successful" || k["field"] != "criminal" || k["form"] != "proceedings" || !strings.HasPrefix(k["closed_on"].(string), "2022-") {
				t.Fatalf("behind cases.successful.criminal: %v", k)
			}
		}
		if n := len(rows["rows"].([]any)); n != 221 {
			t.Errorf("%d rows behind cases.successful.criminal", n)
		}
		for key, n := range map[string]int{"duties.stand_ins": 1, "duties.requests.field.criminal": 1, "outreach.sessions": 38, "custody.requests": 1,
			"cases.carried_over": 130, "duties.people_received": 2} {
			r := h.must(200, "GET", "/api/v1/reports/year?year=2022&figure="+key, h.manager, nil)
			if got := len(r["rows"].([]any)); got != n {
				t.Errorf("%s: %d rows, want %d", key, got, n)
			}
		}

		// The same figures in the CSV, the workbook and the PDF.
		wantCells := [][2]string{{"Tổng số vụ việc tham gia tố tụng", "716"}, {"Thụ lý mới", "586"}, {"Chuyển tiếp từ năm trước", "130"},
			{"Tăng, giảm so với năm trước", "348"}, {"Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp", "246"},
			{"Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp — Hình sự", "221"}, {"Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp — Dân sự", "24"},
			{"Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp — Hành chính", "1"}, {"Số đợt trợ giúp pháp lý ngoài trụ sở", "38"},
			{"Số lượt người tham dự", "2050"}, {"Số vụ việc tư vấn", "268"}}
		r := h.do("GET", "/api/v1/reports/year?year=2022&format=csv", h.manager, nil)
		if r.Code != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %s", r.Code, r.Header)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		checkYearCells(t, "csv", recs, wantCells, seedPhrases)
		if strings.Join(recs[0], ",") != "Nội dung,Chỉ tiêu,Số liệu" || bytes.Contains(r.Body, []byte("⟦")) {
			t.Errorf("csv header %v, or a missing word", recs[0])
		}
		r = h.do("GET", "/api/v1/reports/year?year=2022&format=xlsx", h.manager, nil)
		if r.Code != 200 {
			t.Fatalf("xlsx: %d", r.Code)
		}
		checkYearCells(t, "xlsx", xlsxRows(t, r.Body), wantCells, seedPhrases)
		began = time.Now()
		r = h.do("GET", "/api/v1/reports/year?year=2022&format=pdf", h.manager, nil)
		t.Logf("the PDF: %v, %d bytes", time.Since(began).Round(time.Millisecond), len(r.Body))
		if r.Code != 200 || r.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d %s", r.Code, r.Header)
		}
		text := pdfToText(t, r.Body)
		if dir := os.Getenv("LICHTRUC_YEAR_PDF"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "year-"+h.store.Dialect()+".pdf"), r.Body, 0o644)
		}
		for _, s := range append([]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO", "Kết quả công tác trợ giúp pháp lý năm 2022"}, seedPhrases...) {
			if !strings.Contains(text, s) {
				t.Errorf("pdf lacks %q", s)
			}
		}
		if strings.Contains(text, "⟦") {
			t.Errorf("pdf has a missing word: %s", text)
		}
		for _, c := range wantCells { // each cell's text is a block of its own: the label, then its value
			if !strings.Contains(text, c[0]+" "+c[1]+" ") {
				t.Errorf("pdf lacks %q with %s", c[0], c[1])
			}
		}
	})
}

// checkYearCells finds each label with its value in a row of rows, and the
// summary's phrases in its last row.
func checkYearCells(t *testing.T, what string, rows [][]string, cells [][2]string, phrases []string) {
	t.Helper()
	byLabel := map[string]string{}
	for _, r := range rows {
		if len(r) >= 3 {
			byLabel[r[1]] = r[2]
		}
	}
	for _, c := range cells {
		if got := byLabel[c[0]]; got != c[1] {
			t.Errorf("%s: %q is %q, want %s", what, c[0], got, c[1])
		}
	}
	last := strings.Join(rows[len(rows)-1], " ")
	for _, p := range phrases {
		if !strings.Contains(last, p) {
			t.Errorf("%s: the summary row lacks %q", what, p)
		}
	}
}

// xlsxRows reads a workbook's first sheet with openpyxl, cells as text.
func xlsxRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	py := "/usr/bin/python3" // Debian's, which has python3-openpyxl
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	file := filepath.Join(t.TempDir(), "year.xlsx")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	script := `import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps([["" if v is None else (str(int(v)) if isinstance(v, float) and v == int(v) else str(v)) for v in row] for row in ws.iter_rows(values_only=True)]))`
	out, err := exec.Command(py, "-c", script, file).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v %s", err, err.(*exec.ExitError).Stderr)
	}
	var rows [][]string
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// pdfToText extracts a PDF's text with pdftotext, lines joined by spaces
// so that wrapped sentences read whole.
func pdfToText(t *testing.T, data []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	file := filepath.Join(t.TempDir(), "year.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
