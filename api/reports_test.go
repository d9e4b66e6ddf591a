package api

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestReportOutreachAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		for _, b := range []map[string]any{
			{"start": "2026-03-10T08:00:00+07:00", "end": "2026-03-10T11:00:00+07:00", "attendees": 50, "consultations": map[string]any{"land": 4, "civil": 1}},
			{"start": "2026-03-20T08:00:00+07:00", "end": "2026-03-20T11:00:00+07:00", "attendees": 30, "consultations": map[string]any{"criminal": 2}},
			{"start": "2026-11-05T08:00:00+07:00", "end": "2026-11-05T11:00:00+07:00"}, // no results yet
			{"start": "2027-03-20T08:00:00+07:00", "end": "2027-03-20T11:00:00+07:00"}, // another year
		} {
			body := otBody("Đợt", "Hội Nông dân", b["start"].(string), b["end"].(string), an)
			for _, k := range []string{"attendees", "consultations"} {
				if v, ok := b[k]; ok {
					body[k] = v
				}
			}
			h.otSession(201, body)
		}
		cancelled := h.otSession(201, otBody("Hủy", "Hội Nông dân", "2026-06-01T08:00:00+07:00", "2026-06-01T11:00:00+07:00", an))
		h.must(200, "DELETE", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(cancelled)), h.manager, nil)

		receptionTok := h.user("letan", "reception", 0)
		r := h.do("GET", "/api/v1/reports/outreach?year=2026", receptionTok, nil)
		if r.Code != 200 {
			t.Fatalf("report: %d %s", r.Code, r.Body)
		}
		// The contract's keys come first and as written.
		if !bytes.HasPrefix(r.Body, []byte(`{"year":2026,"sessions":3,"attendees":80,"consultations":7,`)) {
			t.Fatalf("report starts %s", r.Body[:min(len(r.Body), 120)])
		}
		m := r.json(t)
		byField := m["by_field"].(map[string]any)
		if len(byField) != 8 || byField["land"] != float64(4) || byField["civil"] != float64(1) || byField["criminal"] != float64(2) || byField["labour"] != float64(0) {
			t.Fatalf("by_field: %v", byField)
		}
		if m["without_results"] != float64(1) || m["cancelled"] != float64(1) || m["planned"] != float64(0) || m["officers"] != float64(1) {
			t.Fatalf("report: %v", m)
		}
		months := m["by_month"].([]any)
		if len(months) != 12 || months[2].(map[string]any)["sessions"] != float64(2) || months[2].(map[string]any)["attendees"] != float64(80) ||
			months[10].(map[string]any)["sessions"] != float64(1) || months[5].(map[string]any)["sessions"] != float64(0) {
			t.Fatalf("by_month: %v", months)
		}
		if bp := m["by_partner"].([]any); len(bp) != 1 || bp[0].(map[string]any)["name"] != "Hội Nông dân" || bp[0].(map[string]any)["sessions"] != float64(3) {
			t.Fatalf("by_partner: %v", bp)
		}
		wantSummary := "Năm 2026, Trung tâm đã phối hợp với Hội Nông dân tổ chức được 3 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 80 lượt người tham dự;" +
			" tiếp nhận và tư vấn 7 vụ việc về dân sự, đất đai và hình sự. Còn 1 đợt chưa cập nhật kết quả."
		if m["summary"] != wantSummary {
			t.Fatalf("summary\n got %q\nwant %q", m["summary"], wantSummary)
		}
		// 2027 (the current year) has one session, not started yet.
		if y := h.must(200, "GET", "/api/v1/reports/outreach", h.manager, nil); y["year"] != float64(2027) || y["sessions"] != float64(0) || y["planned"] != float64(1) {
			t.Fatalf("this year: %v", y)
		}
		h.problem(h.do("GET", "/api/v1/reports/outreach?year=twenty", h.manager, nil), 422, "year")
		h.problem(h.do("GET", "/api/v1/reports/outreach?year=2026&format=pdf", h.manager, nil), 422, "format") // xlsx is a format since issue 13

		// CSV by month, asked for with ?format=csv or Accept.
		for _, req := range []response{
			h.do("GET", "/api/v1/reports/outreach?year=2026&format=csv", h.manager, nil),
			h.do("GET", "/api/v1/reports/outreach?year=2026", h.manager, nil, "Accept", "text/csv"),
		} {
			rows := otCSV(t, req, "tgpl-ngoai-tru-so-2026.csv")
			if len(rows) != 14 {
				t.Fatalf("%d rows", len(rows))
			}
			if got := strings.Join(rows[0][:4], ","); got != "Tháng,Số đợt,Số lượt người tham dự,Số vụ việc tư vấn" {
				t.Fatalf("header %q", got)
			}
			if got := strings.Join(rows[0][4:], ","); got != "Dân sự,Đất đai,Hình sự,Hành chính,Bảo hiểm xã hội,Lao động,Hôn nhân gia đình,Lĩnh vực khác,Số yêu cầu trợ giúp pháp lý" {
				t.Fatalf("field headers %q", got)
			}
			if got := strings.Join(rows[3], ","); got != "Tháng 3,2,80,7,1,4,2,0,0,0,0,0,0" {
				t.Fatalf("March %q", got)
			}
			if got := strings.Join(rows[13], ","); got != "Cả năm 2026,3,80,7,1,4,2,0,0,0,0,0,0" {
				t.Fatalf("total %q", got)
			}
		}
		rows := otCSV(t, h.do("GET", "/api/v1/reports/outreach?year=2026&format=csv&by=partner&sep=%3B", h.manager, nil), "tgpl-ngoai-tru-so-2026-theo-doi-tac.csv", ';')
		if len(rows) != 3 || strings.Join(rows[0][:3], "|") != "Đối tác|Loại|Số đợt" || strings.Join(rows[1], "|") != "Hội Nông dân|Hội Nông dân|3|80|7|1|4|2|0|0|0|0|0|0" {
			t.Fatalf("partner CSV with ';': %q", rows)
		}
		h.problem(h.do("GET", "/api/v1/reports/outreach?year=2026&format=csv&sep=tab", h.manager, nil), 422, "sep")
		// JSON on demand even with Accept: text/csv.
		if r := h.do("GET", "/api/v1/reports/outreach?year=2026&format=json", h.manager, nil, "Accept", "text/csv"); !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("format=json: %s", r.Header.Get("Content-Type"))
		}
	})
}

func TestReportDutiesAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("=Trần Thị Bình") // a name a spreadsheet would run
		idle := h.officer("Phạm Minh Châu")
		mk := func(officer int64, start, end string) map[string]any {
			return h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": officer, "start": start, "end": end})
		}
		mk(an, "2027-01-05T07:30:00+07:00", "2027-01-05T11:30:00+07:00")
		mk(binh, "2027-01-05T13:30:00+07:00", "2027-01-05T17:00:00+07:00")
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an, "role": "backup",
			"start": "2027-01-05T13:30:00+07:00", "end": "2027-01-05T17:00:00+07:00"})
		gone := mk(an, "2027-01-06T07:30:00+07:00", "2027-01-06T11:30:00+07:00")
		h.must(200, "DELETE", fmt.Sprintf("/api/v1/assignments/%d", id(gone)), h.manager, nil)
		swapped := mk(an, "2027-01-07T07:30:00+07:00", "2027-01-07T11:30:00+07:00")
		sw := h.must(201, "POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(swapped)), h.manager, map[string]any{"to_officer_id": binh})
		h.must(200, "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id(sw)), h.manager, nil)
		h.otSession(201, otBody("TGPL lưu động", "Hội Nông dân", "2027-01-08T08:00:00+07:00", "2027-01-08T11:00:00+07:00", an))
		mk(an, "2027-02-01T07:30:00+07:00", "2027-02-01T11:30:00+07:00") // outside January

		m := h.must(200, "GET", "/api/v1/reports/duties?from=2027-01-01&to=2027-01-31", h.manager, nil)
		if m["from"] != "2027-01-01" || m["to"] != "2027-01-31" || m["year"] != nil {
			t.Fatalf("period: %v", m)
		}
		// Held: an 4h + 3.5h backup + 3h outreach; binh 3.5h + 4h (swapped in).
		if m["scheduled"] != float64(5) || m["primary"] != float64(4) || m["backup"] != float64(1) || m["hours"] != float64(18) ||
			m["backup_hours"] != float64(3.5) || m["outreach"] != float64(1) || m["cancelled"] != float64(1) {
			t.Fatalf("totals: %v", m)
		}
		sites := m["by_site"].([]any)
		if len(sites) != 2 || sites[0].(map[string]any)["site"] != "LUU-DONG" || sites[1].(map[string]any)["scheduled"] != float64(4) ||
			sites[1].(map[string]any)["name"] != "Tòa án nhân dân thành phố Hải Phòng" {
			t.Fatalf("by_site: %v", sites)
		}
		officers := m["by_officer"].([]any)
		if len(officers) != 3 {
			t.Fatalf("by_officer: %v", officers)
		}
		o0, o1, o2 := officers[0].(map[string]any), officers[1].(map[string]any), officers[2].(map[string]any)
		if o0["officer_id"] != float64(an) || o0["scheduled"] != float64(3) || o0["primary"] != float64(2) || o0["backup"] != float64(1) ||
			o0["hours"] != float64(10.5) || o0["cancelled"] != float64(1) || o0["swaps_given"] != float64(1) || o0["outreach"] != float64(1) {
			t.Fatalf("an: %v", o0)
		}
		if o1["officer_id"] != float64(binh) || o1["scheduled"] != float64(2) || o1["hours"] != float64(7.5) || o1["swaps_taken"] != float64(1) {
			t.Fatalf("binh: %v", o1)
		}
		if o2["officer_id"] != float64(idle) || o2["scheduled"] != float64(0) {
			t.Fatalf("idle officer: %v", o2)
		}
		if sw := m["swaps"].(map[string]any); sw["requested"] != float64(1) || sw["applied"] != float64(1) {
			t.Fatalf("swaps: %v", sw)
		}
		y := h.must(200, "GET", "/api/v1/reports/duties?year=2027", h.manager, nil)
		if y["year"] != float64(2027) || y["from"] != "2027-01-01" || y["to"] != "2027-12-31" || y["scheduled"] != float64(6) {
			t.Fatalf("year: %v", y)
		}
		h.problem(h.do("GET", "/api/v1/reports/duties?year=2027&from=2027-01-01&to=2027-01-31", h.manager, nil), 422, "year")
		h.problem(h.do("GET", "/api/v1/reports/duties?from=2027-01-01", h.manager, nil), 422, "from")
		h.problem(h.do("GET", "/api/v1/reports/duties?from=2027-01-01&to=2028-01-31", h.manager, nil), 422, "to")
		h.problem(h.do("GET", "/api/v1/reports/duties?from=2027-01-31&to=2027-01-01", h.manager, nil), 422, "to")

		rows := otCSV(t, h.do("GET", "/api/v1/reports/duties?from=2027-01-01&to=2027-01-31", h.manager, nil, "Accept", "text/csv"), "truc-tgpl-2027-01-01-2027-01-31.csv")
		if got := strings.Join(rows[0][:7], ","); got != "Nhóm,Mã,Tên,Số ca trực,Trực chính,Dự bị,Số giờ trực" {
			t.Fatalf("header %q", got)
		}
		if len(rows) != 1+2+3+1 {
			t.Fatalf("%d rows: %q", len(rows), rows)
		}
		if got := strings.Join(rows[3], ","); got != fmt.Sprintf("Người trực,%d,Nguyễn Văn An,3,2,1,10.5,7,3.5,1,1,1,0", an) {
			t.Fatalf("an's row %q", got)
		}
		if rows[4][2] != "'=Trần Thị Bình" {
			t.Fatalf("a name starting with = must not become a formula: %q", rows[4][2])
		}
		if got := strings.Join(rows[6], ","); got != "Tổng cộng,,từ ngày 01/01/2027 đến ngày 31/01/2027,5,4,1,18,14.5,3.5,1,1,1,1" {
			t.Fatalf("total %q", got)
		}
		rows = otCSV(t, h.do("GET", "/api/v1/reports/duties?year=2027&format=csv&sep=semicolon", h.manager, nil), "truc-tgpl-2027.csv", ';')
		if got := strings.Join(rows[3], "|"); got != fmt.Sprintf("Người trực|%d|Nguyễn Văn An|4|3|1|14,5|11|3,5|1|1|1|0", an) {
			t.Fatalf("with ';' the hours have a decimal comma: %q", got)
		}
	})
}
