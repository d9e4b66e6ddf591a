package api

import (
	"fmt"
	"testing"

	"lichtruc/roster"
)

// TestHolidaySourcesAndRecurring: official days name their decision, a
// year without one is projected, and a manager adds 24 November from 2027
// without a code change.
func TestHolidaySourcesAndRecurring(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		days := func(year int) map[string]map[string]any {
			out := map[string]map[string]any{}
			for _, x := range h.must(200, "GET", fmt.Sprintf("/api/v1/holidays?year=%d", year), h.manager, nil)["days"].([]any) {
				d := x.(map[string]any)
				out[d["date"].(string)] = d
			}
			return out
		}
		y26, y28 := days(2026), days(2028)
		if d := y26["2026-02-17"]; d["source"] != "official" || d["reference"] == nil {
			t.Fatalf("Tết 2026: %v", d)
		}
		if d := y28["2028-01-26"]; d["source"] != "projected" {
			t.Fatalf("Tết 2028: %v", d)
		}
		if d := y28["2028-01-01"]; d["source"] != "statutory" {
			t.Fatalf("1 January 2028: %v", d)
		}
		body := map[string]any{"month": 11, "day": 24, "name": "Ngày Văn hóa Việt Nam", "from_year": 2027}
		h.problemCode(h.do("POST", "/api/v1/recurring-holidays", h.user("viewer", "reception", 0), body), 403, "", roster.RuleForbidden)
		h.problemCode(h.do("POST", "/api/v1/recurring-holidays", h.manager, map[string]any{"month": 2, "day": 29, "name": "x", "from_year": 2027}), 422, "day", roster.RuleRange)
		r := h.must(201, "POST", "/api/v1/recurring-holidays", h.manager, body)
		h.problemCode(h.do("POST", "/api/v1/recurring-holidays", h.manager, body), 409, "day", roster.RuleDuplicate)
		if _, ok := days(2026)["2026-11-24"]; ok {
			t.Fatal("24 November 2026 is off before the first year")
		}
		if d := days(2027)["2027-11-24"]; d["kind"] != "holiday" || d["source"] != "statutory" {
			t.Fatalf("24 November 2027: %v", d)
		}
		// A Friday holiday leaves no working day for a court's Friday duty.
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		p := h.must(200, "POST", "/api/v1/sites/HP-1/plan", h.manager, map[string]any{"from": "2028-11-24", "to": "2028-11-24", "dry_run": true,
			"officer_ids": []int64{h.officer("Cán bộ A")}})
		if p["added"] != 0.0 {
			t.Fatalf("duty planned on the new holiday: %v", p["assignments"])
		}
		list := h.must(200, "GET", "/api/v1/recurring-holidays", h.manager, nil)["holidays"].([]any)
		if len(list) != 1 {
			t.Fatalf("recurring: %v", list)
		}
		h.must(204, "DELETE", fmt.Sprintf("/api/v1/recurring-holidays/%d", id(r)), h.manager, nil)
		if _, ok := days(2027)["2027-11-24"]; ok {
			t.Fatal("24 November 2027 still off after the delete")
		}
	})
}
