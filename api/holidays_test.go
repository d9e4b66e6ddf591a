package api

import "testing"

func TestHolidays(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		reception := h.user("letan", "reception", 0)
		m := h.must(200, "GET", "/api/v1/holidays?year=2026", reception, nil)
		days := map[string]map[string]any{}
		for _, d := range m["days"].([]any) {
			days[d.(map[string]any)["date"].(string)] = d.(map[string]any)
		}
		for _, want := range []struct{ date, kind string }{
			{"2026-01-01", "holiday"}, {"2026-02-16", "holiday"}, {"2026-02-20", "holiday"},
			{"2026-04-27", "holiday"}, {"2026-04-30", "holiday"}, {"2026-05-01", "holiday"}, {"2026-09-02", "holiday"},
		} {
			if d, ok := days[want.date]; !ok || d["kind"] != want.kind || d["name"] == "" {
				t.Errorf("2026: %s should be a %s, got %v", want.date, want.kind, d)
			}
		}
		if _, ok := days["2026-02-23"]; ok {
			t.Error("23 Feb 2026 (Monday after Tết) is a working day")
		}
		// A manager declares a day off and makes a Saturday a working day.
		h.problem(h.do("PUT", "/api/v1/holidays/2027-03-08", reception, map[string]any{"name": "x", "kind": "holiday"}), 403, "")
		h.must(200, "PUT", "/api/v1/holidays/2027-03-08", h.manager, map[string]any{"name": "Nghỉ Quốc tế Phụ nữ", "kind": "holiday"})
		h.must(200, "PUT", "/api/v1/holidays/2027-03-13", h.manager, map[string]any{"name": "Làm bù", "kind": "workday"})
		m = h.must(200, "GET", "/api/v1/holidays?year=2027", h.manager, nil)
		found := 0
		for _, d := range m["days"].([]any) {
			d := d.(map[string]any)
			if (d["date"] == "2027-03-08" && d["kind"] == "holiday") || (d["date"] == "2027-03-13" && d["kind"] == "workday") {
				if d["source"] != "override" {
					t.Errorf("override source: %v", d)
				}
				found++
			}
		}
		if found != 2 {
			t.Fatalf("overrides not listed: %v", m["days"])
		}
		h.problem(h.do("PUT", "/api/v1/holidays/2027-02-30x", h.manager, map[string]any{"name": "x", "kind": "holiday"}), 422, "date")
		h.problem(h.do("PUT", "/api/v1/holidays/2027-03-09", h.manager, map[string]any{"name": "x", "kind": "party"}), 422, "kind")
		h.problem(h.do("PUT", "/api/v1/holidays/2027-03-09", h.manager, map[string]any{"kind": "holiday"}), 422, "name")
		h.problem(h.do("GET", "/api/v1/holidays?year=abc", h.manager, nil), 422, "year")
		if r := h.do("DELETE", "/api/v1/holidays/2027-03-08", h.manager, nil); r.Code != 204 {
			t.Fatalf("delete override: %d", r.Code)
		}
		h.problem(h.do("DELETE", "/api/v1/holidays/2027-03-08", h.manager, nil), 404, "")
	})
}
