package api

import (
	"fmt"
	"testing"

	"lichtruc/roster"
)

// TestSafeRulesEveryPath checks the safe-plan rules (rest, length, area,
// travel, weekly rest, unavailability) on booking, reassigning, swaps and
// outreach staffing: each a 409 naming its rule and the other duty, none
// given way by an override; their settings live in the Center's settings.
func TestSafeRulesEveryPath(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		slots := []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}, {"name": "Chiều", "start": "13:30", "end": "17:00"}}
		hp := h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court",
			"area": "Hải Phòng", "slots": slots})
		if hp["area"] != "Hải Phòng" {
			t.Fatalf("site area: %v", hp["area"])
		}
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HD-1", "name": "TAND khu vực Hải Dương", "kind": "court",
			"area": "Hải Dương", "slots": slots})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "PHONE", "name": "Trực điện thoại", "kind": "office",
			"area": "Hải Phòng", "slots": []map[string]any{{"name": "Ngày", "start": "07:30", "end": "17:00", "days": "daily"},
				{"name": "Đêm", "start": "17:00", "end": "07:30", "days": "daily"}}})
		a, b := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		bTok := h.user("binh", "officer", b)
		at := func(day, clock string) string { return day + "T" + clock + ":00+07:00" }
		duty := func(officer int64, site, slot, day, start, endDay, end string) map[string]any {
			m := map[string]any{"site": site, "officer_id": officer, "start": at(day, start), "end": at(endDay, end)}
			if slot != "" {
				m["slot"] = slot
			}
			return m
		}
		names := func(r response, other map[string]any) {
			t.Helper()
			if args, _ := r.json(t)["args"].(map[string]any); args["assignment_id"] != float64(id(other)) {
				t.Fatalf("does not name duty %d: %s", id(other), r.Body)
			}
		}

		// Rest: a night on the phone line, then a court afternoon the next day.
		night := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(a, "PHONE", "Đêm", "2027-02-01", "17:00", "2027-02-02", "07:30"))
		afternoon := duty(a, "HP-1", "Chiều", "2027-02-02", "13:30", "2027-02-02", "17:00")
		r := h.do("POST", "/api/v1/assignments", h.manager, afternoon)
		h.problemCode(r, 409, "officer_id", roster.RuleRest)
		names(r, night)
		afternoon["override"] = "short of staff"
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, afternoon), 409, "officer_id", roster.RuleRest)
		// Reassigning Bình's afternoon to An: the same rule.
		theirs := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(b, "HP-1", "Chiều", "2027-02-02", "13:30", "2027-02-02", "17:00"))
		path := fmt.Sprintf("/api/v1/assignments/%d", id(theirs))
		r = h.do("PATCH", path, h.manager, map[string]any{"officer_id": a})
		h.problemCode(r, 409, "officer_id", roster.RuleRest)
		names(r, night)
		h.problemCode(h.do("PATCH", path, h.manager, map[string]any{"officer_id": a, "override": "please"}), 409, "officer_id", roster.RuleRest)
		// A swap to An: the same rule.
		h.problemCode(h.do("POST", path+"/swap-requests", bTok, map[string]any{"to_officer_id": a}), 409, "to_officer_id", roster.RuleRest)
		// Outreach staffing: the same rule.
		r = h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("TGPL lưu động", "Hội Nông dân", at("2027-02-02", "14:00"), at("2027-02-02", "16:00"), a))
		h.problemCode(r, 409, "officer_ids[0]", roster.RuleRest)
		names(r, night)

		// One area a day: Bình holds Hải Phòng's afternoon; Hải Dương's morning is refused.
		r = h.do("POST", "/api/v1/assignments", h.manager, duty(b, "HD-1", "Sáng", "2027-02-02", "07:30", "2027-02-02", "11:30"))
		h.problemCode(r, 409, "officer_id", roster.RuleArea)
		names(r, theirs)
		hd := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(a, "HD-1", "Sáng", "2027-02-04", "07:30", "2027-02-04", "11:30"))
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(hd)), h.manager, map[string]any{"officer_id": b,
			"start": at("2027-02-02", "07:30"), "end": at("2027-02-02", "11:30")}), 409, "officer_id", roster.RuleArea)

		// Length: three seven-hour duties in a row (none needs the rest).
		for _, span := range [][2]string{{"00:00", "07:00"}, {"07:00", "14:00"}} {
			h.must(201, "POST", "/api/v1/assignments", h.manager, duty(b, "PHONE", "", "2027-02-10", span[0], "2027-02-10", span[1]))
		}
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, duty(b, "PHONE", "", "2027-02-10", "14:00", "2027-02-10", "21:00")),
			409, "officer_id", roster.RuleLength)

		// Weekly rest: five mornings, then a sixth day in a row.
		var first map[string]any
		for d := 15; d <= 19; d++ {
			m := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(b, "HP-1", "Sáng", fmt.Sprintf("2027-02-%02d", d), "07:30", fmt.Sprintf("2027-02-%02d", d), "11:30"))
			if first == nil {
				first = m
			}
		}
		r = h.do("POST", "/api/v1/assignments", h.manager, duty(b, "HP-1", "", "2027-02-20", "07:30", "2027-02-20", "11:30"))
		h.problemCode(r, 409, "officer_id", roster.RuleWeeklyRest)
		names(r, first)

		// Unavailability: Bình pleads elsewhere on Tuesdays (set by PATCH).
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/officers/%d", b), h.manager, map[string]any{"unavailability": []map[string]any{{"weekdays": []string{"mardi"}}}}),
			422, "unavailability[0].weekdays[0]", roster.RuleOneOf)
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/officers/%d", b), bTok, map[string]any{"unavailability": []map[string]any{}}), 403, "", roster.RuleForbidden)
		o := h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", b), h.manager, map[string]any{
			"unavailability": []map[string]any{{"weekdays": []string{"tuesday"}, "start": "07:00", "end": "12:00"}}, "preferred_sites": []string{"HP-1"}})
		if fmt.Sprint(o["unavailability"]) != "[map[end:12:00 start:07:00 weekdays:[tuesday]]]" || fmt.Sprint(o["preferred_sites"]) != "[HP-1]" {
			t.Fatalf("officer: %v %v", o["unavailability"], o["preferred_sites"])
		}
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, duty(b, "HP-1", "Sáng", "2027-02-23", "07:30", "2027-02-23", "11:30")),
			409, "officer_id", roster.RuleUnavailable)
		h.must(201, "POST", "/api/v1/assignments", h.manager, duty(b, "HP-1", "Chiều", "2027-02-23", "13:30", "2027-02-23", "17:00"))
		h.problemCode(h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("TGPL lưu động", "Hội Phụ nữ", at("2027-03-02", "08:00"), at("2027-03-02", "10:00"), a, b)),
			409, "officer_ids[1]", roster.RuleUnavailable)

		// The settings: the defaults are shown; rest off lets travel decide.
		set := h.must(200, "GET", "/api/v1/settings", h.manager, nil)
		if rules, _ := set["rules"].(map[string]any); rules["rest_minutes"] != 720.0 || rules["travel_between_areas_minutes"] != 60.0 || rules["rest_after"] != "22:00" {
			t.Fatalf("rule settings: %v", set["rules"])
		}
		h.problemCode(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"rules": map[string]any{"max_duty_minutes_per_24h": 2000}}),
			422, "rules.max_duty_minutes_per_24h", roster.RuleRange)
		h.must(200, "PUT", "/api/v1/settings", h.manager, map[string]any{"rules": map[string]any{"rest_minutes": 0}})
		late := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(a, "HP-1", "", "2027-03-08", "18:00", "2027-03-08", "23:30"))
		r = h.do("POST", "/api/v1/assignments", h.manager, duty(a, "HD-1", "", "2027-03-09", "00:00", "2027-03-09", "03:00"))
		h.problemCode(r, 409, "officer_id", roster.RuleTravel)
		names(r, late)
		h.must(201, "POST", "/api/v1/assignments", h.manager, duty(a, "HD-1", "", "2027-03-09", "00:30", "2027-03-09", "03:00"))
	})
}

// TestPlanSeveralSites plans sites of two areas together: no officer is
// in two areas a day or short of rest, and each uncovered position names
// its site and reason.
func TestPlanSeveralSites(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		slots := []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}, {"name": "Chiều", "start": "13:30", "end": "17:00"}}
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court", "area": "Hải Phòng", "slots": slots})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HD-1", "name": "TAND khu vực Hải Dương", "kind": "court", "area": "Hải Dương", "slots": slots})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "PHONE", "name": "Trực điện thoại", "kind": "office", "area": "Hải Phòng",
			"slots": []map[string]any{{"name": "Ngày", "start": "07:30", "end": "17:00", "days": "daily"}, {"name": "Đêm", "start": "17:00", "end": "07:30", "days": "daily"}}})
		var ids []int64
		for _, n := range []string{"An", "Bình", "Chi", "Dũng"} {
			ids = append(ids, h.officer("Cán bộ "+n))
		}
		body := map[string]any{"sites": []string{"HP-1", "HD-1", "PHONE"}, "from": "2027-04-05", "to": "2027-04-11", "officer_ids": ids}
		h.problemCode(h.do("POST", "/api/v1/plan", h.manager, map[string]any{"sites": []string{"HP-1", "NOPE"}, "from": "2027-04-05", "to": "2027-04-11"}),
			422, "sites[1]", roster.RuleNotFound)
		h.problemCode(h.do("POST", "/api/v1/plan", h.manager, map[string]any{"from": "2027-04-05", "to": "2027-04-11"}), 422, "sites", roster.RuleRequired)
		p := h.must(201, "POST", "/api/v1/plan", h.manager, body)
		if fmt.Sprint(p["sites"]) != "[HP-1 HD-1 PHONE]" {
			t.Fatalf("sites: %v", p["sites"])
		}
		un, _ := p["uncovered"].([]any)
		if len(un) == 0 {
			t.Fatalf("four officers cannot cover three sites around the clock, yet nothing is uncovered")
		}
		for _, x := range un {
			u := x.(map[string]any)
			if u["site"] == "" || u["reason"] == "" || u["detail"] == "" {
				t.Fatalf("uncovered without site or reason: %v", u)
			}
		}
		type key struct {
			officer float64
			day     string
		}
		areas := map[key]string{}
		list := h.must(200, "GET", "/api/v1/assignments?from=2027-04-04&to=2027-04-13", h.manager, nil)["assignments"].([]any)
		if len(list) == 0 {
			t.Fatal("the plan added nothing")
		}
		for _, x := range list {
			a := x.(map[string]any)
			area := "Hải Phòng"
			if a["site"] == "HD-1" {
				area = "Hải Dương"
			}
			k := key{a["officer_id"].(float64), a["start"].(string)[:10]}
			if prev, ok := areas[k]; ok && prev != area {
				t.Fatalf("officer %v serves %s and %s on %s", k.officer, prev, area, k.day)
			}
			areas[k] = area
		}
		// Planning again changes nothing: the plan's duties keep the rules.
		body["dry_run"] = true
		again := h.must(200, "POST", "/api/v1/plan", h.manager, body)
		if again["added"] != 0.0 || len(again["cancelled"].([]any)) != 0 {
			t.Fatalf("re-plan added %v, cancelled %v", again["added"], again["cancelled"])
		}
	})
}

// TestSitePlanRespectsDutiesElsewhere: a site's own plan keeps the rules
// against the officers' duties at other sites (a night on the phone line).
func TestSitePlanRespectsDutiesElsewhere(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court", "area": "Hải Phòng",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HD-1", "name": "TAND khu vực Hải Dương", "kind": "court", "area": "Hải Dương",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		a, b := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "HD-1", "officer_id": a,
			"start": "2027-05-03T18:00:00+07:00", "end": "2027-05-03T23:00:00+07:00"}) // a late evening in the other area
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "HD-1", "slot": "Sáng", "officer_id": b,
			"start": "2027-05-05T07:30:00+07:00", "end": "2027-05-05T11:30:00+07:00"})
		p := h.must(200, "POST", "/api/v1/sites/HP-1/plan", h.manager, map[string]any{"from": "2027-05-04", "to": "2027-05-05",
			"officer_ids": []int64{a, b}, "dry_run": true})
		got := map[string]float64{}
		for _, x := range p["assignments"].([]any) {
			d := x.(map[string]any)
			got[d["start"].(string)[:10]] = d["officer_id"].(float64)
		}
		// 4 May: An rests after the evening; 5 May: Bình is in Hải Dương.
		if got["2027-05-04"] != float64(b) || got["2027-05-05"] != float64(a) {
			t.Fatalf("plan: %v (An %d, Bình %d)", got, a, b)
		}
	})
}
