package api

import (
	"fmt"
	"slices"
	"testing"

	"lichtruc/roster"
)

// strs is a JSON list of strings.
func strs(t *testing.T, v any) []string {
	t.Helper()
	list, ok := v.([]any)
	if !ok {
		t.Fatalf("not a list: %#v", v)
	}
	out := []string{}
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

// TestOfficerSitesAndAvailability checks that the officer JSON shows and
// takes the sites the officer may serve, the weekly unavailability and the
// preferred sites the same way on POST, GET, PATCH and the list; that an
// unknown or outreach site code is 422 naming the field; and that a duty at
// a site the officer does not serve is 422 not_eligible, through booking
// and reassigning.
func TestOfficerSitesAndAvailability(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TAND-KV1", "name": "Tòa án khu vực 1", "kind": "court",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "LD-TN", "name": "Lưu động Thủy Nguyên", "kind": "outreach"})

		// Every site by default: [] on every answer.
		anyone := h.officer("Trần Văn Mọi")
		if got := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", anyone), h.manager, nil); len(strs(t, got["sites"])) != 0 ||
			len(strs(t, got["preferred_sites"])) != 0 || len(got["unavailability"].([]any)) != 0 {
			t.Fatalf("a new officer: %v", got)
		}

		// POST takes sites (deduplicated, sorted by code).
		m := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": "Nguyễn Thị Hạn", "kind": "lawyer",
			"sites": []string{"TAND-KV1", "TAND-KV1"}, "preferred_sites": []string{"TAND-KV1"},
			"unavailability": []map[string]any{{"weekdays": []string{"friday"}}}})
		limited := id(m)
		if got := strs(t, m["sites"]); !slices.Equal(got, []string{"TAND-KV1"}) {
			t.Fatalf("POST sites: %v", got)
		}
		path := fmt.Sprintf("/api/v1/officers/%d", limited)
		got := h.must(200, "GET", path, h.manager, nil)
		if !slices.Equal(strs(t, got["sites"]), []string{"TAND-KV1"}) || !slices.Equal(strs(t, got["preferred_sites"]), []string{"TAND-KV1"}) ||
			fmt.Sprint(got["unavailability"]) != "[map[weekdays:[friday]]]" {
			t.Fatalf("GET: %v", got)
		}

		// Unknown and outreach codes name the field.
		bad := []struct {
			body  map[string]any
			field string
			code  string
		}{
			{map[string]any{"sites": []string{"TAND-KV1", "NO-SUCH"}}, "sites[1]", roster.RuleNotFound},
			{map[string]any{"sites": []string{"LD-TN"}}, "sites[0]", roster.RuleOneOf},
			{map[string]any{"sites": []string{""}}, "sites[0]", roster.RuleNotFound},
		}
		for _, b := range bad {
			h.problemCode(h.do("PATCH", path, h.manager, b.body), 422, b.field, b.code)
		}
		h.problemCode(h.do("POST", "/api/v1/officers", h.manager, map[string]any{"full_name": "X", "kind": "lawyer", "sites": []string{"NO-SUCH"}}),
			422, "sites[0]", roster.RuleNotFound)
		// An officer may not change where they serve.
		tok := h.user("han", "officer", limited)
		h.problemCode(h.do("PATCH", path, tok, map[string]any{"sites": []string{}}), 403, "", roster.RuleForbidden)

		// A duty at a site the officer does not serve: 422 not_eligible.
		duty := map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": limited,
			"start": "2027-02-01T07:30:00+07:00", "end": "2027-02-01T11:30:00+07:00"}
		r := h.do("POST", "/api/v1/assignments", h.manager, duty)
		h.problemCode(r, 422, "officer_id", roster.RuleNotEligible)
		if args, _ := r.json(t)["args"].(map[string]any); args["site"] != "TAND-HP" || args["officer_id"] != float64(limited) {
			t.Fatalf("not_eligible args: %s", r.Body)
		}
		// Reassigning someone else's duty there: the same rule.
		duty["officer_id"] = anyone
		other := h.must(201, "POST", "/api/v1/assignments", h.manager, duty)
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(other)), h.manager, map[string]any{"officer_id": limited}),
			422, "officer_id", roster.RuleNotEligible)
		// At the site they serve, fine.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-KV1", "slot": "Sáng", "officer_id": limited,
			"start": "2027-02-02T07:30:00+07:00", "end": "2027-02-02T11:30:00+07:00"})

		// PATCH without sites keeps them; [] opens every site again.
		got = h.must(200, "PATCH", path, h.manager, map[string]any{"monthly_limit": 4})
		if !slices.Equal(strs(t, got["sites"]), []string{"TAND-KV1"}) || fmt.Sprint(got["unavailability"]) != "[map[weekdays:[friday]]]" {
			t.Fatalf("PATCH without sites: %v", got)
		}
		got = h.must(200, "PATCH", path, h.manager, map[string]any{"sites": []string{"TAND-HP", "TAND-KV1"}, "preferred_sites": []string{},
			"unavailability": []map[string]any{{"weekdays": []string{"monday"}, "start": "13:00", "end": "17:00"}}})
		if !slices.Equal(strs(t, got["sites"]), []string{"TAND-HP", "TAND-KV1"}) || len(strs(t, got["preferred_sites"])) != 0 ||
			fmt.Sprint(got["unavailability"]) != "[map[end:17:00 start:13:00 weekdays:[monday]]]" {
			t.Fatalf("PATCH sites: %v", got)
		}
		list := h.must(200, "GET", "/api/v1/officers?q=H%E1%BA%A1n", h.manager, nil)["officers"].([]any)
		if len(list) != 1 || !slices.Equal(strs(t, list[0].(map[string]any)["sites"]), []string{"TAND-HP", "TAND-KV1"}) {
			t.Fatalf("list: %v", list)
		}
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": limited,
			"start": "2027-02-03T07:30:00+07:00", "end": "2027-02-03T11:30:00+07:00"})
		got = h.must(200, "PATCH", path, h.manager, map[string]any{"sites": []string{}})
		if len(strs(t, got["sites"])) != 0 {
			t.Fatalf("PATCH sites []: %v", got)
		}
	})
}
