package api

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"lichtruc/roster"
)

func TestHealthz(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		m := h.must(200, "GET", "/healthz", "", nil)
		if m["status"] != "ok" {
			t.Fatalf("healthz: %v", m)
		}
		h.store.Close()
		h.problem(h.do("GET", "/healthz", "", nil), 503, "")
	})
}

func TestAuthAndRoles(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.problem(h.do("GET", "/api/v1/sites", "", nil), 401, "")
		h.problem(h.do("GET", "/api/v1/sites", "nope", nil), 401, "")
		r := h.do("GET", "/api/v1/sites", "", nil, "Authorization", "Basic Zm9vOmJhcg==")
		h.problem(r, 401, "")
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		binh := h.officer("Trần Thị Bình")
		officerTok := h.user("an", "officer", an)
		receptionTok := h.user("letan", "reception", 0)

		if r := h.do("GET", "/api/v1/me", "", nil, "Authorization", "bearer "+officerTok); r.Code != 200 {
			t.Fatalf("the auth scheme is case-insensitive: %d", r.Code)
		}
		me := h.must(200, "GET", "/api/v1/me", officerTok, nil)
		if me["role"] != "officer" || int64(me["officer_id"].(float64)) != an {
			t.Fatalf("me: %v", me)
		}
		// Everyone reads.
		for _, tok := range []string{officerTok, receptionTok} {
			h.must(200, "GET", "/api/v1/sites/TAND-HP", tok, nil)
			h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), tok, nil)
			h.must(200, "GET", "/api/v1/assignments", tok, nil)
			h.must(200, "GET", "/api/v1/duty?site=TAND-HP", tok, nil)
		}
		// Only managers write the roster.
		for _, tok := range []string{officerTok, receptionTok} {
			h.problem(h.do("POST", "/api/v1/sites", tok, map[string]any{"code": "X", "name": "X", "kind": "court"}), 403, "")
			h.problem(h.do("POST", "/api/v1/officers", tok, map[string]any{"full_name": "X", "kind": "staff"}), 403, "")
			h.problem(h.do("POST", "/api/v1/users", tok, map[string]any{"name": "x", "role": "manager"}), 403, "")
			h.problem(h.do("POST", "/api/v1/assignments", tok, map[string]any{"site": "TAND-HP", "officer_id": an,
				"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"}), 403, "")
			h.problem(h.do("GET", "/api/v1/audit", tok, nil), 403, "")
		}
		// Reception may not record leave; an officer only their own.
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), receptionTok, map[string]any{"from": "2027-02-01", "to": "2027-02-02"}), 403, "")
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), officerTok, map[string]any{"from": "2027-02-01", "to": "2027-02-02"}), 403, "")
		l := h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), officerTok, map[string]any{"from": "2027-02-01", "to": "2027-02-02", "reason": "việc gia đình"})
		if aff, ok := l["affected"].([]any); !ok || len(aff) != 0 {
			t.Fatalf("a leave that cancels nothing still answers \"affected\": []: %v", l)
		}
		// Feed URLs are credentials: the officer sees their own, not a colleague's.
		if m := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), officerTok, nil); m["feed_url"] == nil {
			t.Error("officer does not see their own feed_url")
		}
		if m := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", binh), officerTok, nil); m["feed_url"] != nil {
			t.Error("officer sees a colleague's feed_url")
		}
		// An officer changes their own preferences, nothing else.
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", an), officerTok, map[string]any{"language": "en", "channels": []string{"email", "webhook"}})
		h.problem(h.do("PATCH", fmt.Sprintf("/api/v1/officers/%d", an), officerTok, map[string]any{"monthly_limit": 3}), 403, "")
		h.problem(h.do("PATCH", fmt.Sprintf("/api/v1/officers/%d", binh), officerTok, map[string]any{"language": "en"}), 403, "")
		h.problem(h.do("DELETE", fmt.Sprintf("/api/v1/leaves/%d", id(l)), receptionTok, nil), 403, "")
		if r := h.do("DELETE", fmt.Sprintf("/api/v1/leaves/%d", id(l)), officerTok, nil); r.Code != 204 {
			t.Fatalf("officer withdraws own leave: %d %s", r.Code, r.Body)
		}
		// Rotating a token cuts the old one off.
		users := h.must(200, "GET", "/api/v1/users", h.manager, nil)["users"].([]any)
		var anUser int64
		for _, u := range users {
			if u.(map[string]any)["name"] == "an" {
				anUser = id(u.(map[string]any))
			}
		}
		newTok := h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/token", anUser), h.manager, nil)["token"].(string)
		h.problem(h.do("GET", "/api/v1/me", officerTok, nil), 401, "")
		h.must(200, "GET", "/api/v1/me", newTok, nil)
	})
}

func TestUsersValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.problem(h.do("POST", "/api/v1/users", h.manager, `{"name":`), 400, "body")
		h.problem(h.do("POST", "/api/v1/users", h.manager, `{"name": 5}`), 400, "name")
		h.problem(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "x", "role": "boss"}), 422, "role")
		h.problem(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "x", "role": "officer"}), 422, "officer_id")
		h.problem(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "x", "role": "officer", "officer_id": 999}), 422, "officer_id")
		m := h.must(201, "POST", "/api/v1/users", h.manager, map[string]any{"name": "ketoan", "role": "reception"})
		if tok, _ := m["token"].(string); len(tok) < 30 {
			t.Fatalf("token %q too short", tok)
		}
		h.problem(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "ketoan", "role": "reception"}), 409, "name")
		// The token is shown once: listing does not show it.
		if strings.Contains(string(h.do("GET", "/api/v1/users", h.manager, nil).Body), m["token"].(string)) {
			t.Fatal("token shown again in the user list")
		}
	})
}

func TestSites(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		m := h.courtSite()
		feed, _ := m["feed_url"].(string)
		board, _ := m["board_url"].(string)
		if !strings.HasPrefix(feed, testBase+"/ical/s/") || !strings.HasPrefix(board, testBase+"/board/") || len(feed) > 120 {
			t.Fatalf("feed_url %q board_url %q", feed, board)
		}
		got := h.must(200, "GET", "/api/v1/sites/TAND-HP", h.manager, nil)
		slots := got["slots"].([]any)
		if len(slots) != 2 || slots[0].(map[string]any)["start"] != "07:30" || slots[0].(map[string]any)["days"] != "workdays" {
			t.Fatalf("slots: %v", slots)
		}
		h.problem(h.do("GET", "/api/v1/sites/NOPE", h.manager, nil), 404, "")
		h.problemCode(h.do("POST", "/api/v1/sites", h.manager, map[string]any{"code": "TAND-HP", "name": "again", "kind": "court"}), 409, "code", roster.RuleDuplicate)
		bad := []struct {
			body  map[string]any
			field string
			code  string
		}{
			{map[string]any{"name": "x", "kind": "court"}, "code", roster.RuleRequired},
			{map[string]any{"code": "A B", "name": "x", "kind": "court"}, "code", roster.RuleFormat},
			{map[string]any{"code": "A", "kind": "court"}, "name", roster.RuleRequired},
			{map[string]any{"code": "A", "name": "x", "kind": "castle"}, "kind", roster.RuleOneOf},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "slots": []map[string]any{{"name": "S", "start": "7:30", "end": "11:30"}}}, "slots[0].start", roster.RuleFormat},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "slots": []map[string]any{{"name": "S", "start": "07:30", "end": "25:00"}}}, "slots[0].end", roster.RuleFormat},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "slots": []map[string]any{{"name": "S", "start": "07:30", "end": "11:30", "officers": 0}}}, "slots[0].officers", roster.RuleRange},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "slots": []map[string]any{{"name": "S", "start": "07:30", "end": "11:30", "days": "weekends"}}}, "slots[0].days", roster.RuleOneOf},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "slots": []map[string]any{{"name": "S", "start": "07:30", "end": "11:30"}, {"name": "s", "start": "12:00", "end": "13:00"}}}, "slots[1].name", roster.RuleDuplicate},
			{map[string]any{"code": "A", "name": "x", "kind": "court", "valid_from": "2025-07-01", "valid_to": "2025-06-30"}, "valid_to", roster.RuleRange},
		}
		for _, b := range bad {
			h.problemCode(h.do("POST", "/api/v1/sites", h.manager, b.body), 422, b.field, b.code)
		}
		h.problem(h.do("POST", "/api/v1/sites", h.manager, `{"code":"A","name":"x","kind":"court","slots":[{"name":"S","start":"07:30","end":"11:30","officers":"one"}]}`), 400, "slots.officers")
		h.problem(h.do("POST", "/api/v1/sites", h.manager, `{"code":"A","name":"x","kind":"court","colour":"red"}`), 400, "colour")
		// Phone duty: daily, past midnight, with a backup.
		phone := h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
			"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "officers": 1, "backups": 1, "days": "daily"}}})
		if s := phone["slots"].([]any)[0].(map[string]any); s["backups"] != float64(1) || s["days"] != "daily" {
			t.Fatalf("phone slot: %v", s)
		}
		// A court that closes keeps its history: valid_to.
		upd := h.must(200, "PUT", "/api/v1/sites/TAND-HP", h.manager, map[string]any{"name": "Tòa án nhân dân thành phố Hải Phòng", "kind": "court",
			"valid_to": "2027-06-30", "slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}}, "If-Match", `"1"`)
		if upd["valid_to"] != "2027-06-30" || upd["version"] != float64(2) || upd["feed_url"] != feed {
			t.Fatalf("update: %v", upd)
		}
		h.problem(h.do("PUT", "/api/v1/sites/TAND-HP", h.manager, map[string]any{"name": "x", "kind": "court"}, "If-Match", `"1"`), 412, "")
		open := h.must(200, "GET", "/api/v1/sites?open_on=2027-07-01", h.manager, nil)["sites"].([]any)
		if len(open) != 1 || open[0].(map[string]any)["code"] != "TRUC-DT" {
			t.Fatalf("sites open on 2027-07-01: %v", open)
		}
		rot := h.must(200, "POST", "/api/v1/sites/TAND-HP/secrets", h.manager, map[string]any{"feed": true})
		if rot["feed_url"] == feed || rot["board_url"] != board {
			t.Fatalf("rotation: feed %v board %v", rot["feed_url"], rot["board_url"])
		}
	})
}

func TestOfficers(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		m := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": "Nguyễn Văn An", "kind": "legal_aid_officer",
			"email": "an@trogiup.vn", "phone": "+84 912 345 601", "specialties": []string{"criminal", "land"}})
		if m["active"] != true || m["language"] != "vi" || !strings.HasPrefix(m["feed_url"].(string), testBase+"/ical/o/") ||
			!strings.HasPrefix(m["webcal_url"].(string), "webcal://lichtruc.example/ical/o/") {
			t.Fatalf("officer: %v", m)
		}
		bad := []struct {
			body  map[string]any
			field string
			code  string
		}{
			{map[string]any{"kind": "lawyer"}, "full_name", roster.RuleRequired},
			{map[string]any{"full_name": "X", "kind": "judge"}, "kind", roster.RuleOneOf},
			{map[string]any{"full_name": "X", "kind": "lawyer", "email": "not-mail"}, "email", roster.RuleFormat},
			{map[string]any{"full_name": "X", "kind": "lawyer", "phone": "call me"}, "phone", roster.RuleFormat},
			{map[string]any{"full_name": "X", "kind": "lawyer", "specialties": []string{"astrology"}}, "specialties[0]", roster.RuleOneOf},
			{map[string]any{"full_name": "X", "kind": "lawyer", "monthly_limit": -1}, "monthly_limit", roster.RuleRange},
		}
		for _, b := range bad {
			h.problemCode(h.do("POST", "/api/v1/officers", h.manager, b.body), 422, b.field, b.code)
		}
		h.problem(h.do("GET", "/api/v1/officers/abc", h.manager, nil), 404, "")
		h.problem(h.do("GET", "/api/v1/officers/999", h.manager, nil), 404, "")
		for i := range 5 {
			h.officer(fmt.Sprintf("Cán bộ %d", i), "civil")
		}
		page := h.must(200, "GET", "/api/v1/officers?limit=4", h.manager, nil)
		if len(page["officers"].([]any)) != 4 || page["next_offset"] != float64(4) {
			t.Fatalf("page 1: %v", page)
		}
		page2 := h.must(200, "GET", "/api/v1/officers?limit=4&offset=4", h.manager, nil)
		if len(page2["officers"].([]any)) != 2 || page2["next_offset"] != nil {
			t.Fatalf("page 2: %v", page2)
		}
		civil := h.must(200, "GET", "/api/v1/officers?specialty=civil", h.manager, nil)["officers"].([]any)
		if len(civil) != 5 {
			t.Fatalf("civil officers: %d", len(civil))
		}
		h.problem(h.do("GET", "/api/v1/officers?limit=0", h.manager, nil), 422, "limit")
		if got := h.must(200, "GET", "/api/v1/officers?q=%25", h.manager, nil)["officers"].([]any); len(got) != 0 {
			t.Fatalf("q=%% must match a literal %%, not everyone: %d officers", len(got))
		}
		if got := h.must(200, "GET", "/api/v1/officers?q=b%E1%BB%99+3", h.manager, nil)["officers"].([]any); len(got) != 1 {
			t.Fatalf("q=bộ 3: %d officers", len(got))
		}
		upd := h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", id(m)), h.manager, map[string]any{"active": false, "monthly_limit": 6})
		if upd["active"] != false || upd["monthly_limit"] != float64(6) || upd["full_name"] != "Nguyễn Văn An" || upd["version"] != float64(2) {
			t.Fatalf("patch: %v", upd)
		}
		inactive := h.must(200, "GET", "/api/v1/officers?active=false", h.manager, nil)["officers"].([]any)
		if len(inactive) != 1 {
			t.Fatalf("inactive: %v", inactive)
		}
		rot := h.must(200, "POST", fmt.Sprintf("/api/v1/officers/%d/feed-secret", id(m)), h.manager, nil)
		if rot["feed_url"] == m["feed_url"] {
			t.Fatal("feed secret not rotated")
		}
	})
}

func TestAssignments(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		body := map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an, "start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"}
		r := h.do("POST", "/api/v1/assignments", h.manager, body)
		if r.Code != 201 {
			t.Fatalf("create: %d %s", r.Code, r.Body)
		}
		a := r.json(t)
		if a["site"] != "TAND-HP" || a["slot"] != "Sáng" || a["role"] != "primary" || a["status"] != "scheduled" || a["version"] != float64(1) ||
			a["start"] != "2027-01-05T07:30:00+07:00" || a["end"] != "2027-01-05T11:30:00+07:00" {
			t.Fatalf("assignment: %v", a)
		}
		path := fmt.Sprintf("/api/v1/assignments/%d", id(a))
		// Overlap with the same officer's duty: 409, naming the officer.
		clash := map[string]any{"site": "TAND-HP", "officer_id": an, "start": "2027-01-05T11:00:00+07:00", "end": "2027-01-05T12:00:00+07:00"}
		h.problem(h.do("POST", "/api/v1/assignments", h.manager, clash), 409, "officer_id")
		// Same instant written in UTC is still a clash.
		clash["start"], clash["end"] = "2027-01-05T01:00:00Z", "2027-01-05T02:00:00Z"
		h.problem(h.do("POST", "/api/v1/assignments", h.manager, clash), 409, "officer_id")
		bad := []struct {
			body  map[string]any
			field string
			code  string
		}{
			{map[string]any{"officer_id": an, "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "site", roster.RuleRequired},
			{map[string]any{"site": "NOPE", "officer_id": an, "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "site", roster.RuleNotFound},
			{map[string]any{"site": "TAND-HP", "slot": "Tối", "officer_id": an, "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "slot", roster.RuleNotFound},
			{map[string]any{"site": "TAND-HP", "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "officer_id", roster.RuleRequired},
			{map[string]any{"site": "TAND-HP", "officer_id": 999, "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "officer_id", roster.RuleNotFound},
			{map[string]any{"site": "TAND-HP", "officer_id": an, "start": "2027-01-06 07:30", "end": "2027-01-06T11:30:00+07:00"}, "start", roster.RuleFormat},
			{map[string]any{"site": "TAND-HP", "officer_id": an, "start": "2027-01-06T07:30:00", "end": "2027-01-06T11:30:00+07:00"}, "start", roster.RuleFormat},
			{map[string]any{"site": "TAND-HP", "officer_id": an, "start": "2027-01-06T11:30:00+07:00", "end": "2027-01-06T07:30:00+07:00"}, "end", roster.RuleRange},
			{map[string]any{"site": "TAND-HP", "officer_id": an, "role": "chief", "start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"}, "role", roster.RuleOneOf},
		}
		for _, b := range bad {
			h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, b.body), 422, b.field, b.code)
		}
		// GET with ETag; PATCH with a stale If-Match is 412, a fresh one 200.
		g := h.do("GET", path, h.manager, nil)
		if g.Code != 200 || g.Header.Get("ETag") != `"1"` {
			t.Fatalf("get: %d etag %q", g.Code, g.Header.Get("ETag"))
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"officer_id": binh}, "If-Match", `"7"`), 412, "")
		p := h.must(200, "PATCH", path, h.manager, map[string]any{"officer_id": binh}, "If-Match", `"1"`)
		if int64(p["officer_id"].(float64)) != binh || p["version"] != float64(2) || p["updated_by"] != "admin" {
			t.Fatalf("patch: %v", p)
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"officer_id": an}, "If-Match", `"1"`), 412, "")
		h.problem(h.do("PATCH", path, h.manager, map[string]any{}), 422, "officer_id")
		h.problem(h.do("PATCH", "/api/v1/assignments/999", h.manager, map[string]any{"officer_id": an}), 404, "")
		// Reassigning onto a busy officer is a clash.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an, "start": "2027-01-05T08:00:00+07:00", "end": "2027-01-05T09:00:00+07:00"})
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"officer_id": an}), 409, "officer_id")
		// DELETE cancels and keeps the row.
		d := h.must(200, "DELETE", path, h.manager, nil)
		if d["status"] != "cancelled" || d["version"] != float64(3) {
			t.Fatalf("delete: %v", d)
		}
		if g := h.must(200, "GET", path, h.manager, nil); g["status"] != "cancelled" {
			t.Fatalf("after delete: %v", g)
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"officer_id": an}), 409, "")
		// The slot is free again for Bình.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": binh, "start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
	})
}

func TestListAssignments(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("An"), h.officer("Bình")
		for day := 4; day <= 8; day++ {
			for _, sl := range []struct {
				name, start, end string
				who              int64
			}{{"Sáng", "07:30", "11:30", an}, {"Chiều", "13:30", "17:00", binh}} {
				h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": sl.name, "officer_id": sl.who,
					"start": fmt.Sprintf("2027-01-%02dT%s:00+07:00", day, sl.start), "end": fmt.Sprintf("2027-01-%02dT%s:00+07:00", day, sl.end)})
			}
		}
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an,
			"start": "2027-03-01T07:30:00+07:00", "end": "2027-03-01T11:30:00+07:00"})
		all := h.must(200, "GET", "/api/v1/assignments", h.manager, nil)
		list := all["assignments"].([]any)
		if all["from"] != "2027-01-04" || all["to"] != "2027-02-03" || len(list) != 10 {
			t.Fatalf("default range: from %v to %v, %d assignments", all["from"], all["to"], len(list))
		}
		prev := ""
		for _, a := range list {
			s := a.(map[string]any)["start"].(string)
			if s < prev {
				t.Fatalf("not ordered by start: %s after %s", s, prev)
			}
			prev = s
		}
		mine := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments?officer_id=%d&from=2027-01-05&to=2027-01-06", an), h.manager, nil)["assignments"].([]any)
		if len(mine) != 2 {
			t.Fatalf("An's duties 5–6 Jan: %d", len(mine))
		}
		year := h.must(200, "GET", "/api/v1/assignments?site=TAND-HP&from=2027-01-01&to=2027-12-31", h.manager, nil)["assignments"].([]any)
		if len(year) != 11 {
			t.Fatalf("a year comes whole: %d", len(year))
		}
		h.problem(h.do("GET", "/api/v1/assignments?from=2027-01-01&to=2028-01-02", h.manager, nil), 422, "to")
		h.problem(h.do("GET", "/api/v1/assignments?from=2027-02-01&to=2027-01-01", h.manager, nil), 422, "to")
		h.problem(h.do("GET", "/api/v1/assignments?from=01/02/2027", h.manager, nil), 422, "from")
		h.problem(h.do("GET", "/api/v1/assignments?site=NOPE", h.manager, nil), 422, "site")
		h.problem(h.do("GET", "/api/v1/assignments?officer_id=x", h.manager, nil), 422, "officer_id")
	})
}

func TestLeaveCancelsDuties(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("An")
		a := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-06T07:30:00+07:00", "end": "2027-01-06T11:30:00+07:00"})
		l := h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "2027-01-06", "to": "2027-01-07", "reason": "ốm"})
		aff := l["affected"].([]any)
		if len(aff) != 1 || id(aff[0].(map[string]any)) != id(a) || aff[0].(map[string]any)["status"] != "cancelled" {
			t.Fatalf("affected: %v", aff)
		}
		// A duty inside the leave is refused.
		h.problem(h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an,
			"start": "2027-01-07T13:30:00+07:00", "end": "2027-01-07T17:00:00+07:00"}), 409, "officer_id")
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "2027-01-07", "to": "2027-01-09"}), 409, "from")
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "2027-01-09", "to": "2027-01-08"}), 422, "to")
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "9 Jan", "to": "2027-01-08"}), 422, "from")
		h.problem(h.do("POST", "/api/v1/officers/999/leaves", h.manager, map[string]any{"from": "2027-01-09", "to": "2027-01-10"}), 404, "")
		leaves := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, nil)["leaves"].([]any)
		if len(leaves) != 1 || leaves[0].(map[string]any)["reason"] != "ốm" {
			t.Fatalf("leaves: %v", leaves)
		}
		h.must(200, "GET", fmt.Sprintf("/api/v1/leaves/%d", id(l)), h.manager, nil)
		if got := h.must(200, "GET", "/api/v1/leaves?from=2027-01-01&to=2027-01-31", h.manager, nil)["leaves"].([]any); len(got) != 1 {
			t.Fatalf("leaves in January: %v", got)
		}
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "2027-02-01", "to": "2027-02-02"})
		page := h.must(200, "GET", "/api/v1/leaves?limit=1", h.manager, nil)
		if len(page["leaves"].([]any)) != 1 || page["next_offset"] != float64(1) {
			t.Fatalf("first page of leaves: %v", page)
		}
		page = h.must(200, "GET", "/api/v1/leaves?limit=1&offset=1", h.manager, nil)
		if l := page["leaves"].([]any); len(l) != 1 || l[0].(map[string]any)["from"] != "2027-02-01" || page["next_offset"] != nil {
			t.Fatalf("second page of leaves: %v", page)
		}
		h.problem(h.do("GET", "/api/v1/leaves?limit=5000", h.manager, nil), 422, "limit")
	})
}

func TestDuty(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-04T07:30:00+07:00", "end": "2027-01-04T11:30:00+07:00"})
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "role": "backup", "officer_id": binh,
			"start": "2027-01-04T07:30:00+07:00", "end": "2027-01-04T11:30:00+07:00"})
		// at defaults to now (09:00 on the test clock).
		m := h.must(200, "GET", "/api/v1/duty?site=TAND-HP", h.manager, nil)
		on := m["on_duty"].([]any)
		if m["site"] != "TAND-HP" || m["at"] != "2027-01-04T09:00:00+07:00" || len(on) != 2 {
			t.Fatalf("duty now: %v", m)
		}
		first := on[0].(map[string]any)
		if first["full_name"] != "Nguyễn Văn An" || first["phone"] != "0912 000 111" || first["role"] != "primary" ||
			first["start"] != "2027-01-04T07:30:00+07:00" || first["end"] != "2027-01-04T11:30:00+07:00" {
			t.Fatalf("primary first: %v", first)
		}
		if on[1].(map[string]any)["role"] != "backup" {
			t.Fatalf("backup second: %v", on[1])
		}
		if m := h.must(200, "GET", "/api/v1/duty?site=TAND-HP&at=2027-01-04T12:00:00%2B07:00", h.manager, nil); len(m["on_duty"].([]any)) != 0 {
			t.Fatalf("nobody at noon: %v", m)
		}
		if m := h.must(200, "GET", "/api/v1/duty?site=TAND-HP&at=2027-01-04T11:00:00+07:00", h.manager, nil); len(m["on_duty"].([]any)) != 2 {
			t.Fatalf("an unencoded + in at: %v", m)
		}
		if m := h.must(200, "GET", "/api/v1/duty?site=TAND-HP&at=2027-01-04T04:00:00Z", h.manager, nil); len(m["on_duty"].([]any)) != 2 {
			t.Fatalf("11:00 local written in UTC: %v", m)
		}
		h.problem(h.do("GET", "/api/v1/duty", h.manager, nil), 422, "site")
		h.problem(h.do("GET", "/api/v1/duty?site=TAND-HP&at=tomorrow", h.manager, nil), 422, "at")
		h.problem(h.do("GET", "/api/v1/duty?site=NOPE", h.manager, nil), 404, "")
	})
}

// TestConcurrentBookingHTTP sends many requests booking one officer for the
// same morning at once: exactly one wins, the rest are 409.
func TestConcurrentBookingHTTP(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("An")
		const n = 10
		codes := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an,
					"start": fmt.Sprintf("2027-01-05T07:%02d:00+07:00", 30+i), "end": "2027-01-05T11:30:00+07:00"}).Code
			}()
		}
		wg.Wait()
		won := 0
		for _, c := range codes {
			switch c {
			case 201:
				won++
			case 409:
			default:
				t.Errorf("unexpected status %d", c)
			}
		}
		if won != 1 {
			t.Fatalf("%d of %d concurrent bookings won, want 1 (%v)", won, n, codes)
		}
	})
}

func TestAuditAndErrors(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.officer("An")
		entries := h.must(200, "GET", "/api/v1/audit?limit=1", h.manager, nil)
		if len(entries["entries"].([]any)) != 1 || entries["next_cursor"] == nil {
			t.Fatalf("audit page: %v", entries)
		}
		e := entries["entries"].([]any)[0].(map[string]any)
		if e["actor"] != "admin" || e["entity"] != "officer" || e["action"] != "create" {
			t.Fatalf("latest audit entry: %v", e)
		}
		next := h.must(200, "GET", fmt.Sprintf("/api/v1/audit?limit=5&cursor=%v", entries["next_cursor"]), h.manager, nil)["entries"].([]any)
		if len(next) == 0 || next[0].(map[string]any)["entity"] != "site" {
			t.Fatalf("second page: %v", next)
		}
		h.problem(h.do("GET", "/api/v1/nothing", h.manager, nil), 404, "")
		h.problem(h.do("PUT", "/api/v1/assignments", h.manager, nil), 405, "")
		h.problem(h.do("POST", "/api/v1/officers", h.manager, ""), 400, "body")
		h.problem(h.do("POST", "/api/v1/officers", h.manager, `{"full_name":"A","kind":"staff"} {}`), 400, "body")
		h.problem(h.do("POST", "/api/v1/officers", h.manager, `[1,2]`), 400, "body")
		big := `{"full_name":"` + strings.Repeat("a", 2<<20) + `"}`
		h.problem(h.do("POST", "/api/v1/officers", h.manager, big), 400, "body")
	})
}

// TestConcurrentVersionedUpdates sends many updates carrying the same
// If-Match at once: exactly one wins, the others are 412, for officers,
// sites and assignments alike.
func TestConcurrentVersionedUpdates(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("An"), h.officer("Bình")
		a := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		cases := []struct {
			method, path string
			body         func(i int) map[string]any
		}{
			{"PATCH", fmt.Sprintf("/api/v1/officers/%d", an), func(i int) map[string]any { return map[string]any{"monthly_limit": i + 1} }},
			{"PUT", "/api/v1/sites/TAND-HP", func(i int) map[string]any {
				return map[string]any{"name": fmt.Sprintf("Tòa %d", i), "kind": "court", "slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}}
			}},
			{"PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(a)), func(i int) map[string]any {
				if i%2 == 0 {
					return map[string]any{"officer_id": binh}
				}
				return map[string]any{"start": "2027-01-05T08:00:00+07:00"}
			}},
		}
		for _, tc := range cases {
			const n = 6
			codes := make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i] = h.do(tc.method, tc.path, h.manager, tc.body(i), "If-Match", `"1"`).Code
				}()
			}
			wg.Wait()
			won := 0
			for _, c := range codes {
				switch c {
				case 200:
					won++
				case 412:
				default:
					t.Errorf("%s %s: unexpected status %d", tc.method, tc.path, c)
				}
			}
			if won != 1 {
				t.Fatalf("%s %s: %d of %d updates with If-Match \"1\" won (%v), want 1", tc.method, tc.path, won, n, codes)
			}
		}
	})
}
