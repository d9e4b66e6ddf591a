package api

import (
	"fmt"
	"testing"
	"time"

	"lichtruc/roster"
)

// csPhoneSite makes the phone duty line's day slot, 07:00 to 19:00 every day
// (a 24-hour slot would break the rule of at most 16 hours in 24).
func (h *harness) csPhoneSite() {
	h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
		"slots": []map[string]any{{"name": "Ngày", "start": "07:00", "end": "19:00", "officers": 1, "days": "daily"}}})
}

func TestCustodyRequests(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.csPhoneSite()
		an, binh, chi := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Văn Chi")
		anTok, binhTok, chiTok := h.user("an", roster.RoleOfficer, an), h.user("binh", roster.RoleOfficer, binh), h.user("chi", roster.RoleOfficer, chi)
		duty := id(h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TRUC-DT", "slot": "Ngày", "officer_id": an,
			"start": "2027-01-04T07:00:00+07:00", "end": "2027-01-04T19:00:00+07:00"}))
		call := map[string]any{"received_at": "2027-01-04T07:40:00+07:00", "source": "police", "source_name": "Công an phường Lê Chân",
			"person_status": "detained", "person_age": 17, "field": "criminal", "assignment_id": duty}

		// Validation with rule keys; another officer may not log An's call.
		bad := map[string]any{"received_at": "2027-01-04T07:40:00+07:00", "source": "mafia", "person_status": "detained"}
		h.problemCode(h.do("POST", "/api/v1/custody-requests", anTok, bad), 422, "source", "one_of")
		h.problemCode(h.do("POST", "/api/v1/custody-requests", anTok, map[string]any{"source": "police", "person_status": "detained"}), 422, "received_at", "required")
		h.problemCode(h.do("POST", "/api/v1/custody-requests", binhTok, map[string]any{"taken_by": an, "received_at": "2027-01-04T07:40:00+07:00",
			"source": "police", "person_status": "detained"}), 403, "", "forbidden")
		wrong := map[string]any{"received_at": "2027-01-04T07:40:00+07:00", "source": "court", "person_status": "accused", "assignment_id": duty}
		h.problemCode(h.do("POST", "/api/v1/custody-requests", binhTok, wrong), 422, "assignment_id", "invalid")

		// An logs the call at 07:40 (taken_by is An); at 09:00 nobody has been sent: not late yet (2 h).
		m := h.must(201, "POST", "/api/v1/custody-requests", anTok, call)
		first := id(m)
		if m["taken_by"].(float64) != float64(an) || m["late"] != false || m["response_minutes"] != nil || m["target_minutes"].(float64) != 120 {
			t.Fatalf("logged: %v", m)
		}
		// A second call at 06:30, nobody sent by 09:00: late.
		m = h.must(201, "POST", "/api/v1/custody-requests", h.manager, map[string]any{"taken_by": chi, "received_at": "2027-01-04T06:30:00+07:00",
			"source": "procuracy", "person_status": "accused"})
		second := id(m)
		if m["late"] != true {
			t.Fatalf("second: %v", m)
		}
		// An sends Bình at 08:55 (75 minutes); Chi may not change An's call.
		path := fmt.Sprintf("/api/v1/custody-requests/%d", first)
		h.problemCode(h.do("PATCH", path, chiTok, map[string]any{"sent_officer_id": binh}), 403, "", "forbidden")
		h.problemCode(h.do("PATCH", path, anTok, map[string]any{"sent_officer_id": binh, "assigned_at": "2027-01-04T07:00:00+07:00"}), 422, "assigned_at", "range")
		h.problemCode(h.do("PATCH", path, anTok, map[string]any{"sent_officer_id": binh}, "If-Match", `"5"`), 412, "", "version")
		m = h.must(200, "PATCH", path, anTok, map[string]any{"sent_officer_id": binh, "assigned_at": "2027-01-04T08:55:00+07:00"}, "If-Match", `"1"`)
		if m["response_minutes"].(float64) != 75 || m["late"] != false || m["sent_officer_id"].(float64) != float64(binh) {
			t.Fatalf("assigned: %v", m)
		}
		// Bình, sent, sees it; Chi sees only its own; reception nothing.
		h.must(200, "GET", path, binhTok, nil)
		h.problemCode(h.do("GET", path, chiTok, nil), 403, "", "forbidden")
		h.problemCode(h.do("GET", "/api/v1/custody-requests", h.user("toa", roster.RoleReception, 0), nil), 403, "", "forbidden")
		m = h.must(200, "GET", "/api/v1/custody-requests", chiTok, nil)
		if got := otIDs(pluck(m["custody_requests"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{second}) {
			t.Fatalf("chi's list %v", got)
		}
		m = h.must(200, "GET", "/api/v1/custody-requests?late=true", h.manager, nil)
		if got := otIDs(pluck(m["custody_requests"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{second}) {
			t.Fatalf("late list %v", got)
		}
		// Sent at 10:00, 3 h 30 after the call: late for good.
		h.now = testNow.Add(time.Hour)
		m = h.must(200, "PATCH", fmt.Sprintf("/api/v1/custody-requests/%d", second), h.manager, map[string]any{"sent_officer_id": an})
		if m["response_minutes"].(float64) != 210 || m["late"] != true {
			t.Fatalf("late assignment: %v", m)
		}
		// The target is the Center's setting: at 1 hour, An's 75 minutes are late too.
		h.problemCode(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"custody": map[string]any{"target_minutes": 1}}), 422, "custody.target_minutes", "range")
		h.must(200, "PUT", "/api/v1/settings", h.manager, map[string]any{"custody": map[string]any{"target_minutes": 60}})
		m = h.must(200, "GET", "/api/v1/custody-requests?late=true", h.manager, nil)
		if got := otIDs(pluck(m["custody_requests"], "id")); fmt.Sprint(got) != fmt.Sprint([]int64{second, first}) || m["target_minutes"].(float64) != 60 {
			t.Fatalf("late list at 1 hour: %v", m)
		}
	})
}

func TestCaseRegister(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		anTok, binhTok := h.user("an", roster.RoleOfficer, an), h.user("binh", roster.RoleOfficer, binh)
		duty := h.rsDuty(an, "2026-12-31")
		res := id(h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", duty), anTok,
			rsResult(true, 1, rsRequest("criminal", "accused_minor", "accepted"))))

		// From the duty's result, by its officer: number 1/2027/TGPL.
		m := h.must(201, "POST", "/api/v1/cases", anTok, map[string]any{"form": "proceedings", "field": "criminal",
			"beneficiary_group": "accused_minor", "origin": "duty", "origin_id": res, "summary": "Bào chữa cho bị can 17 tuổi"})
		first := id(m)
		if m["number"] != "1/2027/TGPL" || m["handler_id"].(float64) != float64(an) || m["stage"] != "accepted" || m["accepted_on"] != "2027-01-04" {
			t.Fatalf("case: %v", m)
		}
		// Validation, and an officer may not register Bình's case.
		h.problemCode(h.do("POST", "/api/v1/cases", anTok, map[string]any{"form": "proceedings", "field": "criminal", "beneficiary_group": "child",
			"origin": "duty"}), 422, "origin_id", "required")
		h.problemCode(h.do("POST", "/api/v1/cases", anTok, map[string]any{"form": "trial", "field": "criminal", "beneficiary_group": "child",
			"origin": "office"}), 422, "form", "one_of")
		h.problemCode(h.do("POST", "/api/v1/cases", anTok, map[string]any{"form": "advice", "field": "civil", "beneficiary_group": "child",
			"origin": "office", "handler_id": binh}), 403, "", "forbidden")
		// A case carried over from 2026, registered by a manager for Bình.
		m = h.must(201, "POST", "/api/v1/cases", h.manager, map[string]any{"form": "proceedings", "field": "civil", "beneficiary_group": "poor_household",
			"origin": "office", "handler_id": binh, "accepted_on": "2026-11-20"})
		carried := id(m)
		if m["number"] != "1/2026/TGPL" || m["carried_over"] != true {
			t.Fatalf("carried: %v", m)
		}
		// Stage and outcome with versions.
		path := fmt.Sprintf("/api/v1/cases/%d", first)
		h.must(200, "PATCH", path, anTok, map[string]any{"stage": "handling"}, "If-Match", `"1"`)
		h.problemCode(h.do("PATCH", path, anTok, map[string]any{"outcome": "successful"}, "If-Match", `"1"`), 412, "", "version")
		h.problemCode(h.do("PATCH", path, anTok, map[string]any{"handler_id": binh}), 403, "", "forbidden")
		h.problemCode(h.do("PATCH", path, binhTok, map[string]any{"stage": "closed"}), 403, "", "forbidden")
		h.problemCode(h.do("PATCH", path, anTok, map[string]any{"stage": "closed"}), 422, "outcome", "one_of")
		m = h.must(200, "PATCH", path, anTok, map[string]any{"outcome": "successful", "version": 2})
		if m["stage"] != "closed" || m["closed_on"] != "2027-01-04" || m["version"].(float64) != 3 {
			t.Fatalf("closed: %v", m)
		}
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/cases/%d", carried), h.manager, map[string]any{"outcome": "successful", "form": "advice"}), 422, "outcome", "invalid")

		// Lists: officers their own, managers all, with filters and search.
		list := func(tok, q string) []int64 {
			t.Helper()
			return otIDs(pluck(h.must(200, "GET", "/api/v1/cases"+q, tok, nil)["cases"], "id"))
		}
		for _, tt := range []struct {
			tok, q string
			want   []int64
		}{
			{h.manager, "", []int64{carried, first}},
			{anTok, "", []int64{first}},
			{binhTok, "", []int64{carried}},
			{h.manager, "?handled_in=2027", []int64{carried, first}},
			{h.manager, "?year=2027", []int64{first}},
			{h.manager, "?open=true", []int64{carried}},
			{h.manager, "?stage=closed&form=proceedings", []int64{first}},
			{h.manager, "?q=b%C3%A0o+ch%E1%BB%AFa", []int64{first}},
			{h.manager, "?q=1/2026", []int64{carried}},
			{h.manager, fmt.Sprintf("?handler_id=%d", binh), []int64{carried}},
		} {
			if got := list(tt.tok, tt.q); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("cases%s: %v, want %v", tt.q, got, tt.want)
			}
		}
		h.problemCode(h.do("GET", fmt.Sprintf("/api/v1/cases?handler_id=%d", an), binhTok, nil), 403, "", "forbidden")
		h.problemCode(h.do("GET", "/api/v1/cases?stage=lost", h.manager, nil), 422, "stage", "one_of")
		h.problemCode(h.do("GET", "/api/v1/cases", h.user("toa", roster.RoleReception, 0), nil), 403, "", "forbidden")
	})
}
