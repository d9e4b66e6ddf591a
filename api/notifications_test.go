package api

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lichtruc/notify"
)

// queueSchedules runs the notify job that e-mails published schedules, as
// the service's next reminder scan does; it writes the outbox rows
// without sending them.
func queueSchedules(h *harness) int {
	h.t.Helper()
	sch, err := notify.NewScheduler(h.store, notify.Senders{}, notify.SchedulerConfig{BaseURL: testBase, Loc: testLoc}, nil,
		func() time.Time { return h.now })
	if err != nil {
		h.t.Fatal(err)
	}
	n, err := sch.QueueSchedules(context.Background())
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// publishingSite makes a court site with a contact e-mail and one duty of
// officer on Monday 4 January 2027.
func publishingSite(h *harness, code, email string) int64 {
	h.t.Helper()
	h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{
		"code": code, "name": "Tòa án nhân dân khu vực 1", "kind": "court", "contact_email": email,
		"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30", "officers": 1}},
	})
	o := h.officer("Nguyễn Thị Hương")
	h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{
		"site": code, "slot": "Sáng", "officer_id": o, "start": "2027-01-04T07:30:00+07:00", "end": "2027-01-04T11:30:00+07:00",
	})
	return o
}

func TestPublishSite(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		officer := publishingSite(h, "TAND-KV1", "tiepdan@toaan.example")
		m := h.must(201, "POST", "/api/v1/sites/TAND-KV1/publish", h.manager, map[string]any{"from": "2027-01-04", "to": "2027-01-31"})
		if m["site"] != "TAND-KV1" || m["from"] != "2027-01-04" || m["to"] != "2027-01-31" || m["published_by"] != "admin" ||
			m["emailed_to"] != "tiepdan@toaan.example" || m["duties"] != 1.0 || m["id"] == nil {
			t.Fatalf("publication: %v", m)
		}
		email, _ := m["email"].(map[string]any)
		key := fmt.Sprintf("publish:TAND-KV1:2027-01-04:2027-01-31:%d", id(m))
		if email == nil || email["notification_key"] != key || email["status"] != "pending" {
			t.Fatalf("email: %v", m["email"])
		}
		// The request writes no e-mail; the job does, and it waits in the
		// outbox.
		if got := h.must(200, "GET", "/api/v1/notifications?kind=publish", h.manager, nil)["notifications"].([]any); len(got) != 0 {
			t.Fatalf("e-mailed inside the request: %v", got)
		}
		if n := queueSchedules(h); n != 1 {
			t.Fatalf("the job queued %d e-mails, want 1", n)
		}
		list := h.must(200, "GET", "/api/v1/notifications?kind=publish", h.manager, nil)["notifications"].([]any)
		if len(list) != 1 {
			t.Fatalf("publish notifications: %v", list)
		}
		n := list[0].(map[string]any)
		if n["key"] != key || n["channel"] != "email" || n["recipient"] != "tiepdan@toaan.example" || n["status"] != "pending" ||
			!strings.HasPrefix(n["subject"].(string), "Lịch trực Tòa án nhân dân khu vực 1 từ ngày 04/01/2027 đến ngày 31/01/2027") {
			t.Errorf("notification: %v", n)
		}

		// A site without a contact e-mail is published all the same.
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
			"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "officers": 1, "days": "daily"}}})
		m = h.must(201, "POST", "/api/v1/sites/TRUC-DT/publish", h.manager, map[string]any{"from": "2027-02-01", "to": "2027-02-28"})
		if m["email"] != nil || m["emailed_to"] != nil || !strings.Contains(m["detail"].(string), "no e-mail was sent") {
			t.Errorf("publication without e-mail: %v", m)
		}
		if n := queueSchedules(h); n != 0 {
			t.Errorf("the job queued %d e-mails, want none", n)
		}
		if got := h.must(200, "GET", "/api/v1/notifications?kind=publish", h.manager, nil)["notifications"].([]any); len(got) != 1 {
			t.Errorf("%d publish notifications, want still 1", len(got))
		}
		pubs := h.must(200, "GET", "/api/v1/sites/TAND-KV1/publications", h.manager, nil)["publications"].([]any)
		if len(pubs) != 1 || pubs[0].(map[string]any)["from"] != "2027-01-04" {
			t.Errorf("publications: %v", pubs)
		}

		// Errors.
		h.problem(h.do("POST", "/api/v1/sites/TAND-KV1/publish", h.manager, map[string]any{"from": "2027-01-31", "to": "2027-01-04"}), 422, "to")
		h.problem(h.do("POST", "/api/v1/sites/TAND-KV1/publish", h.manager, map[string]any{"from": "31/01/2027", "to": "2027-02-04"}), 422, "from")
		h.problem(h.do("POST", "/api/v1/sites/TAND-KV1/publish", h.manager, map[string]any{"from": "2027-01-01", "to": "2028-12-31"}), 422, "to")
		h.problem(h.do("POST", "/api/v1/sites/TAND-KV1/publish", h.manager, `{"from":"2027-01-01","to":`), 400, "")
		h.problem(h.do("POST", "/api/v1/sites/NOPE/publish", h.manager, map[string]any{"from": "2027-01-04", "to": "2027-01-31"}), 404, "")
		tok := h.user("huong", "officer", officer)
		h.problem(h.do("POST", "/api/v1/sites/TAND-KV1/publish", tok, map[string]any{"from": "2027-01-04", "to": "2027-01-31"}), 403, "")
		h.must(200, "GET", "/api/v1/sites/TAND-KV1/publications", tok, nil)
	})
}

func TestNotificationsListShapeAndRoles(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		officer := publishingSite(h, "TAND-KV1", "tiepdan@toaan.example")
		for _, r := range []string{"2027-01-04", "2027-01-11", "2027-01-18"} {
			h.must(201, "POST", "/api/v1/sites/TAND-KV1/publish", h.manager, map[string]any{"from": r, "to": r})
		}
		queueSchedules(h)
		m := h.must(200, "GET", "/api/v1/notifications", h.manager, nil)
		list := m["notifications"].([]any)
		if len(list) != 3 || m["next_cursor"] != nil {
			t.Fatalf("list: %v", m)
		}
		if counts := m["counts"].(map[string]any); counts["pending"] != 3.0 {
			t.Errorf("counts: %v", counts)
		}
		n := list[0].(map[string]any)
		for _, k := range []string{"id", "key", "kind", "event", "channel", "recipient", "officer_id", "assignment_id", "site_id",
			"subject", "status", "attempts", "last_error", "due_at", "next_attempt_at", "give_up_at", "created_at", "sent_at"} {
			if _, ok := n[k]; !ok {
				t.Errorf("notification lacks %q: %v", k, n)
			}
		}
		if n["key"] != fmt.Sprintf("publish:TAND-KV1:2027-01-18:2027-01-18:%d", 3) || n["attempts"] != 0.0 || n["event"] != "schedule.published" ||
			n["due_at"] != "2027-01-04T09:00:00+07:00" || n["next_attempt_at"] != "2027-01-04T09:00:00+07:00" || n["sent_at"] != nil {
			t.Errorf("newest notification: %v", n)
		}
		// Paging, newest first.
		p1 := h.must(200, "GET", "/api/v1/notifications?limit=2", h.manager, nil)
		if len(p1["notifications"].([]any)) != 2 || p1["next_cursor"] == nil {
			t.Fatalf("page 1: %v", p1)
		}
		p2 := h.must(200, "GET", fmt.Sprintf("/api/v1/notifications?limit=2&cursor=%v", p1["next_cursor"]), h.manager, nil)
		if got := p2["notifications"].([]any); len(got) != 1 || got[0].(map[string]any)["key"] != list[2].(map[string]any)["key"] {
			t.Fatalf("page 2: %v", p2)
		}
		// Filters.
		if got := h.must(200, "GET", "/api/v1/notifications?status=sent", h.manager, nil)["notifications"].([]any); len(got) != 0 {
			t.Errorf("status=sent: %v", got)
		}
		if got := h.must(200, "GET", fmt.Sprintf("/api/v1/notifications?officer_id=%d", officer), h.manager, nil)["notifications"].([]any); len(got) != 0 {
			t.Errorf("officer_id: %v", got)
		}
		h.problem(h.do("GET", "/api/v1/notifications?status=lost", h.manager, nil), 422, "status")
		h.problem(h.do("GET", "/api/v1/notifications?kind=sms", h.manager, nil), 422, "kind")
		h.problem(h.do("GET", "/api/v1/notifications?limit=0", h.manager, nil), 422, "limit")
		// Managers only.
		h.problem(h.do("GET", "/api/v1/notifications", h.user("huong", "officer", officer), nil), 403, "")
		h.problem(h.do("GET", "/api/v1/notifications", h.user("letan", "reception", 0), nil), 403, "")
		h.problem(h.do("GET", "/api/v1/notifications", "", nil), 401, "")
	})
}

func TestPreferences(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		huong := h.officer("Nguyễn Thị Hương")
		duc := h.officer("Trần Văn Đức")
		tok := h.user("huong", "officer", huong)
		path := fmt.Sprintf("/api/v1/officers/%d/preferences", huong)

		m := h.must(200, "GET", path, tok, nil)
		if m["reminder_leads"] != nil || m["default"] != true || m["officer_id"] != float64(huong) {
			t.Fatalf("defaults: %v", m)
		}
		m = h.must(200, "PUT", path, tok, map[string]any{"reminder_leads": []string{"1h", "24h", "90m"}})
		if fmt.Sprint(m["reminder_leads"]) != "[24h 1h30m 1h]" || m["default"] != false {
			t.Fatalf("after PUT: %v", m)
		}
		if m := h.must(200, "GET", path, h.manager, nil); fmt.Sprint(m["reminder_leads"]) != "[24h 1h30m 1h]" {
			t.Errorf("manager reads: %v", m)
		}
		if m := h.must(200, "PUT", path, h.manager, map[string]any{"reminder_leads": []string{}}); fmt.Sprint(m["reminder_leads"]) != "[]" {
			t.Errorf("no reminders: %v", m)
		}
		if m := h.must(200, "PUT", path, tok, map[string]any{"reminder_leads": nil}); m["default"] != true || m["reminder_leads"] != nil {
			t.Errorf("back to default: %v", m)
		}
		h.problem(h.do("PUT", path, tok, map[string]any{"reminder_leads": []string{"1d"}}), 422, "reminder_leads[0]")
		h.problem(h.do("PUT", path, tok, map[string]any{"reminder_leads": []string{"1h", "24h,2h"}}), 422, "reminder_leads[1]")
		h.problem(h.do("PUT", path, tok, map[string]any{"reminder_leads": []string{"1h", "60m"}}), 422, "reminder_leads")
		h.problem(h.do("PUT", path, tok, map[string]any{}), 422, "reminder_leads")
		h.problem(h.do("PUT", path, tok, map[string]any{"reminder_leads": "24h"}), 400, "reminder_leads")
		h.problem(h.do("PUT", path, tok, map[string]any{"leads": []string{"1h"}}), 400, "leads")
		// Only the officer or a manager.
		other := fmt.Sprintf("/api/v1/officers/%d/preferences", duc)
		h.problem(h.do("GET", other, tok, nil), 403, "")
		h.problem(h.do("PUT", other, tok, map[string]any{"reminder_leads": []string{"1h"}}), 403, "")
		h.problem(h.do("GET", path, h.user("letan", "reception", 0), nil), 403, "")
		h.problem(h.do("GET", "/api/v1/officers/99999/preferences", h.manager, nil), 404, "")
	})
}
