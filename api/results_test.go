package api

import (
	"fmt"
	"testing"

	"lichtruc/roster"
)

// rsDuty books officer on the court's morning slot of day (YYYY-MM-DD) and
// returns the duty's id.
func (h *harness) rsDuty(officer int64, day string) int64 {
	h.t.Helper()
	m := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": officer,
		"start": day + "T07:30:00+07:00", "end": day + "T11:30:00+07:00"})
	return id(m)
}

func rsResult(held bool, people int, reqs ...map[string]any) map[string]any {
	if reqs == nil {
		reqs = []map[string]any{}
	}
	return map[string]any{"held": held, "people_received": people, "requests": reqs}
}

func rsRequest(field, group, action string) map[string]any {
	return map[string]any{"field": field, "beneficiary_group": group, "action": action}
}

func TestDutyResults(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		anTok, binhTok := h.user("an", roster.RoleOfficer, an), h.user("binh", roster.RoleOfficer, binh)
		recep := h.user("toa", roster.RoleReception, 0)
		past, today, later := h.rsDuty(an, "2026-12-31"), h.rsDuty(an, "2027-01-04"), h.rsDuty(an, "2027-01-05")
		other := h.rsDuty(binh, "2026-12-30")
		path := func(id int64) string { return fmt.Sprintf("/api/v1/assignments/%d/result", id) }

		// Managers see the ended duties without results; the officer its own.
		m := h.must(200, "GET", "/api/v1/duty-results/missing", h.manager, nil)
		if got := otIDs(pluck(m["assignments"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{other, past}) {
			t.Fatalf("missing %v, want [%d %d]", got, other, past)
		}
		m = h.must(200, "GET", "/api/v1/duty-results/missing", anTok, nil)
		if got := otIDs(pluck(m["assignments"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{past}) {
			t.Fatalf("an's missing %v", got)
		}

		// Roles: another officer and reception may not; a duty not started may not have a result.
		h.problemCode(h.do("PUT", path(past), binhTok, rsResult(true, 1)), 403, "", "forbidden")
		h.problemCode(h.do("GET", path(past), recep, nil), 403, "", "forbidden")
		h.problemCode(h.do("GET", "/api/v1/duty-results/missing", recep, nil), 403, "", "forbidden")
		h.problemCode(h.do("GET", "/api/v1/duty-results?officer_id="+fmt.Sprint(an), binhTok, nil), 403, "", "forbidden")
		h.problemCode(h.do("PUT", path(later), anTok, rsResult(true, 1)), 422, "assignment_id", "range")
		h.problemCode(h.do("PUT", path(past), anTok, map[string]any{"people_received": 1}), 422, "held", "required")
		h.problemCode(h.do("PUT", path(past), anTok, rsResult(true, 1, rsRequest("space", "child", "advised"))), 422, "requests[0].field", "one_of")
		h.problemCode(h.do("PUT", path(past), anTok, rsResult(true, 0, rsRequest("land", "child", "advised"))), 422, "people_received", "range")
		h.problemCode(h.do("PUT", path(past), anTok, rsResult(false, 2)), 422, "people_received", "invalid")
		h.problemCode(h.do("PUT", path(past), anTok, `{"held":true,"colour":1}`), 400, "colour", "unknown_field")

		// The officer records its own duty: 201, held by itself.
		r := h.do("PUT", path(past), anTok, rsResult(true, 3, rsRequest("criminal", "accused_minor", "accepted"), rsRequest("land", "poor_household", "advised")))
		if r.Code != 201 || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("record: %d %s", r.Code, r.Body)
		}
		m = r.json(t)
		if m["held_by"].(float64) != float64(an) || m["stand_in"] != false || len(m["requests"].([]any)) != 2 {
			t.Fatalf("result: %v", m)
		}
		// A stand-in: Bình held it, recorded by the manager; stale If-Match is 412.
		h.problemCode(h.do("PUT", path(past), h.manager, map[string]any{"held": true, "held_by": binh, "people_received": 1, "requests": []any{}}, "If-Match", `"7"`), 412, "", "version")
		m = h.must(200, "PUT", path(past), h.manager, map[string]any{"held": true, "held_by": binh, "people_received": 1, "requests": []any{}}, "If-Match", `"1"`)
		if m["stand_in"] != true || m["version"].(float64) != 2 || m["recorded_by"] != "admin" {
			t.Fatalf("stand-in: %v", m)
		}
		h.problemCode(h.do("PUT", path(past), h.manager, map[string]any{"held": true, "held_by": 999999, "people_received": 1}), 422, "held_by", "")
		// A no-show today, recorded while it runs.
		h.must(201, "PUT", path(today), anTok, rsResult(false, 0))
		m = h.must(200, "GET", path(past), anTok, nil)
		if m["people_received"].(float64) != 1 {
			t.Fatalf("get: %v", m)
		}
		// Lists: the officer's own; Bình sees the result it held.
		m = h.must(200, "GET", "/api/v1/duty-results?year=2026", anTok, nil)
		if n := len(m["duty_results"].([]any)); n != 1 {
			t.Fatalf("an's 2026 results: %d", n)
		}
		m = h.must(200, "GET", "/api/v1/duty-results?year=2026", binhTok, nil)
		if n := len(m["duty_results"].([]any)); n != 1 {
			t.Fatalf("binh's 2026 results (a stand-in): %d", n)
		}
		m = h.must(200, "GET", "/api/v1/duty-results/missing", h.manager, nil)
		if got := otIDs(pluck(m["assignments"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{other}) {
			t.Fatalf("missing after: %v", got)
		}
	})
}

// pluck takes key of every object of a JSON list.
func pluck(list any, key string) []any {
	var out []any
	for _, x := range list.([]any) {
		out = append(out, x.(map[string]any)[key])
	}
	return out
}
