package api

import (
	"fmt"
	"testing"
)

func TestPlan(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		ids := []int64{h.officer("An"), h.officer("Bình"), h.officer("Châu"), h.officer("Dung")}
		body := map[string]any{"from": "2027-02-01", "to": "2027-02-28", "officer_ids": ids}

		// Dry run: 200, nothing saved.
		body["dry_run"] = true
		dry := h.must(200, "POST", "/api/v1/sites/TAND-HP/plan", h.manager, body)
		if dry["dry_run"] != true || dry["added"].(float64) == 0 {
			t.Fatalf("dry run: %v", dry)
		}
		if n := len(h.must(200, "GET", "/api/v1/assignments?site=TAND-HP&from=2027-02-01&to=2027-02-28", h.manager, nil)["assignments"].([]any)); n != 0 {
			t.Fatalf("dry run saved %d duties", n)
		}
		delete(body, "dry_run")
		p := h.must(201, "POST", "/api/v1/sites/TAND-HP/plan", h.manager, body)
		// February 2027: 20 weekdays, minus Tết (5–11 Feb: 5 weekdays off per the statutory rule) → count from the holiday API.
		hol := h.must(200, "GET", "/api/v1/holidays?year=2027", h.manager, nil)
		off := map[string]bool{}
		for _, d := range hol["days"].([]any) {
			d := d.(map[string]any)
			off[d["date"].(string)] = d["kind"] == "holiday"
		}
		workdays := 0
		for day := 1; day <= 28; day++ {
			date := fmt.Sprintf("2027-02-%02d", day)
			wd := (day + 0) % 7 // 1 Feb 2027 is a Monday: day%7 in {6,0} is Sat/Sun
			weekend := wd == 6 || wd == 0
			if isOff, listed := off[date]; listed {
				if !isOff {
					workdays++
				}
				continue
			}
			if !weekend {
				workdays++
			}
		}
		as := p["assignments"].([]any)
		if len(as) != 2*workdays || p["added"] != float64(2*workdays) || len(p["uncovered"].([]any)) != 0 {
			t.Fatalf("plan: %d assignments (%v added, %d uncovered), want %d", len(as), p["added"], len(p["uncovered"].([]any)), 2*workdays)
		}
		counts := map[int64]int{}
		perDay := map[string]map[int64]bool{}
		for _, a := range as {
			a := a.(map[string]any)
			o := int64(a["officer_id"].(float64))
			counts[o]++
			day := a["start"].(string)[:10]
			if off[day] {
				t.Errorf("duty on a day off: %v", a)
			}
			if perDay[day] == nil {
				perDay[day] = map[int64]bool{}
			}
			if perDay[day][o] {
				t.Errorf("officer %d holds two slots on %s", o, day)
			}
			perDay[day][o] = true
		}
		lo, hi := 1<<30, 0
		for _, id := range ids {
			lo, hi = min(lo, counts[id]), max(hi, counts[id])
		}
		if hi-lo > 1 {
			t.Fatalf("unfair: %v", counts)
		}
		// Re-planning changes nothing.
		again := h.must(201, "POST", "/api/v1/sites/TAND-HP/plan", h.manager, body)
		if again["added"] != float64(0) || len(again["cancelled"].([]any)) != 0 || again["kept"] != float64(2*workdays) {
			t.Fatalf("re-plan: added %v kept %v cancelled %v", again["added"], again["kept"], again["cancelled"])
		}
		// Leave over two of An's duties: they are cancelled and reported; the re-plan fills exactly those.
		var anDays []string
		for _, a := range as {
			a := a.(map[string]any)
			if int64(a["officer_id"].(float64)) == ids[0] {
				anDays = append(anDays, a["start"].(string)[:10])
			}
		}
		l := h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", ids[0]), h.manager, map[string]any{"from": anDays[0], "to": anDays[0], "reason": "ốm"})
		hit := len(l["affected"].([]any))
		if hit == 0 {
			t.Fatal("leave hit no duty")
		}
		repair := h.must(201, "POST", "/api/v1/sites/TAND-HP/plan", h.manager, body)
		if repair["added"] != float64(hit) || repair["kept"] != float64(2*workdays-hit) {
			t.Fatalf("repair: added %v kept %v, leave hit %d", repair["added"], repair["kept"], hit)
		}
		for _, a := range repair["assignments"].([]any) {
			a := a.(map[string]any)
			if a["start"].(string)[:10] == anDays[0] && int64(a["officer_id"].(float64)) == ids[0] {
				t.Fatalf("officer on leave planned: %v", a)
			}
		}
	})
}

func TestPlanUncoveredAndErrors(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
			"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "officers": 1, "backups": 1, "days": "daily"}}})
		an := h.officer("An")
		p := h.must(201, "POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"from": "2027-03-01", "to": "2027-03-07", "officer_ids": []int64{an}})
		unc := p["uncovered"].([]any)
		if len(unc) == 0 {
			t.Fatal("one officer cannot be primary and backup of nightly duty: expected uncovered positions")
		}
		u := unc[0].(map[string]any)
		if u["date"] == "" || u["slot"] != "Đêm" || u["reason"] == "" {
			t.Fatalf("uncovered entry: %v", u)
		}
		for _, a := range p["assignments"].([]any) {
			a := a.(map[string]any)
			if a["end"].(string) <= a["start"].(string) {
				t.Fatalf("night duty must end the next morning: %v", a)
			}
		}
		h.problem(h.do("POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"from": "2027-03-07", "to": "2027-03-01"}), 422, "to")
		h.problem(h.do("POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"from": "2027-01-01", "to": "2028-01-05"}), 422, "to")
		h.problem(h.do("POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"from": "2027-03-01", "to": "2027-03-02", "officer_ids": []int64{999}}), 422, "officer_ids[0]")
		h.problem(h.do("POST", "/api/v1/sites/TRUC-DT/plan", h.manager, map[string]any{"to": "2027-03-02"}), 422, "from")
		h.problem(h.do("POST", "/api/v1/sites/NOPE/plan", h.manager, map[string]any{"from": "2027-03-01", "to": "2027-03-02"}), 404, "")
		off := h.user("an", "officer", an)
		h.problem(h.do("POST", "/api/v1/sites/TRUC-DT/plan", off, map[string]any{"from": "2027-03-01", "to": "2027-03-02"}), 403, "")
	})
}
