package api

import (
	"fmt"
	"testing"
	"time"

	"lichtruc/roster"
)

// TestSafeRulesMatrix asks each path (booking, reassigning, a swap,
// outreach staffing) to give an officer a duty that breaks each safe-plan
// rule, and expects the same 409 and rule key from all: the one rule. (Travel
// is subsumed by rest and area under the defaults, see TestSafeRulesEveryPath;
// outreach sessions have no area, so area does not apply to them.)
func TestSafeRulesMatrix(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court", "area": "Hải Phòng",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HD-1", "name": "TAND khu vực Hải Dương", "kind": "court", "area": "Hải Dương",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "PHONE", "name": "Trực điện thoại", "kind": "office", "area": "Hải Phòng",
			"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "days": "daily"}}})
		at := func(d time.Time, clock string) string { return d.Format("2006-01-02") + "T" + clock + ":00+07:00" }
		book := func(officer int64, site string, d time.Time, from, to string, days int) map[string]any {
			return h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": site, "officer_id": officer,
				"start": at(d, from), "end": at(d.AddDate(0, 0, days), to)})
		}
		// Each rule: what the officer already holds (from day d, a Monday),
		// and the duty asked for: site, day offset, times.
		type target struct {
			site     string
			day      int
			from, to string
		}
		rules := []struct {
			rule    string
			prepare func(x int64, d time.Time)
			want    target
		}{
			{roster.RuleRest, func(x int64, d time.Time) { book(x, "PHONE", d, "17:00", "07:30", 1) }, target{"HP-1", 1, "13:30", "17:00"}},
			{roster.RuleLength, func(x int64, d time.Time) {
				book(x, "PHONE", d, "00:00", "07:00", 0)
				book(x, "PHONE", d, "07:00", "14:00", 0)
			}, target{"PHONE", 0, "14:00", "21:00"}},
			{roster.RuleArea, func(x int64, d time.Time) { book(x, "HP-1", d, "07:30", "11:30", 0) }, target{"HD-1", 0, "13:30", "17:00"}},
			{roster.RuleWeeklyRest, func(x int64, d time.Time) {
				for i := range 5 {
					book(x, "HP-1", d.AddDate(0, 0, i), "07:30", "11:30", 0)
				}
			}, target{"HP-1", 5, "07:30", "11:30"}},
			{roster.RuleUnavailable, func(x int64, d time.Time) {
				h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", x), h.manager, map[string]any{"unavailability": []map[string]any{{"weekdays": []string{"tuesday"}}}})
			}, target{"HP-1", 1, "13:30", "17:00"}},
		}
		paths := []string{"booking", "reassign", "swap", "outreach"}
		week := time.Date(2027, 6, 7, 0, 0, 0, 0, time.UTC) // a Monday
		n := 0
		for _, r := range rules {
			for _, path := range paths {
				if path == "outreach" && r.rule == roster.RuleArea {
					continue
				}
				n++
				d := week.AddDate(0, 0, 14*n)
				x, helper := h.officer(fmt.Sprintf("Cán bộ %s %s", r.rule, path)), h.officer(fmt.Sprintf("Người thay %s %s", r.rule, path))
				r.prepare(x, d)
				day := d.AddDate(0, 0, r.want.day)
				start, end := at(day, r.want.from), at(day, r.want.to)
				var resp response
				field := "officer_id"
				switch path {
				case "booking":
					resp = h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": r.want.site, "officer_id": x, "start": start, "end": end})
				case "reassign":
					theirs := book(helper, r.want.site, day, r.want.from, r.want.to, 0)
					resp = h.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(theirs)), h.manager, map[string]any{"officer_id": x})
				case "swap":
					theirs := book(helper, r.want.site, day, r.want.from, r.want.to, 0)
					tok := h.user(fmt.Sprintf("u-%s-%d", r.rule, n), "officer", helper)
					resp, field = h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(theirs)), tok, map[string]any{"to_officer_id": x}), "to_officer_id"
				case "outreach":
					resp, field = h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("TGPL lưu động", "Hội Nông dân", start, end, x)), "officer_ids[0]"
				}
				m := resp.json(t)
				named := false
				errs, _ := m["errors"].([]any)
				for _, e := range errs {
					named = named || e.(map[string]any)["field"] == field
				}
				if resp.Code != 409 || m["code"] != r.rule || !named {
					t.Errorf("%s by %s: %d %s, want 409 %s on %s", r.rule, path, resp.Code, resp.Body, r.rule, field)
				}
			}
		}
	})
}
