package api

import (
	"fmt"
	"strings"
	"testing"
)

func TestFeeds(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		a := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "role": "backup", "officer_id": binh,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		anFeed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)["feed_url"].(string), testBase)
		binhFeed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", binh), h.manager, nil)["feed_url"].(string), testBase)

		r := h.do("GET", anFeed, "", nil)
		if r.Code != 200 || r.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || r.Header.Get("ETag") == "" || r.Header.Get("Last-Modified") == "" {
			t.Fatalf("feed: %d %v", r.Code, r.Header)
		}
		body := string(r.Body)
		uid := fmt.Sprintf("UID:assignment-%d@lichtruc", id(a))
		for _, want := range []string{"BEGIN:VCALENDAR\r\n", uid, "STATUS:CONFIRMED", "Trần Thị Bình", "BEGIN:VTIMEZONE", "DTSTART;TZID=Asia/Ho_Chi_Minh:20270105T073000"} {
			if !strings.Contains(strings.ReplaceAll(body, "\r\n ", ""), want) {
				t.Errorf("officer feed lacks %q:\n%s", want, body)
			}
		}
		// Unchanged data: same bytes, 304 on If-None-Match and on If-Modified-Since; HEAD has no body.
		r2 := h.do("GET", anFeed, "", nil)
		if string(r2.Body) != body || r2.Header.Get("ETag") != r.Header.Get("ETag") {
			t.Fatal("feed bytes or ETag changed without a change in the data")
		}
		if nm := h.do("GET", anFeed, "", nil, "If-None-Match", r.Header.Get("ETag")); nm.Code != 304 || len(nm.Body) != 0 {
			t.Fatalf("If-None-Match: %d", nm.Code)
		}
		if ims := h.do("GET", anFeed, "", nil, "If-Modified-Since", r.Header.Get("Last-Modified")); ims.Code != 304 {
			t.Fatalf("If-Modified-Since: %d", ims.Code)
		}
		if hd := h.do("HEAD", anFeed, "", nil); hd.Code != 200 || len(hd.Body) != 0 || hd.Header.Get("ETag") != r.Header.Get("ETag") {
			t.Fatalf("HEAD: %d, %d bytes", hd.Code, len(hd.Body))
		}
		// Wrong secret, wrong id, garbage: 404.
		for _, bad := range []string{strings.Replace(anFeed, "-", "-x", 1), "/ical/o/999-abcdefabcdefabcdefabcd.ics", "/ical/o/nonsense.ics", strings.TrimSuffix(anFeed, ".ics")} {
			if r := h.do("GET", bad, "", nil); r.Code != 404 {
				t.Errorf("GET %s: %d, want 404", bad, r.Code)
			}
		}
		// Reassign the duty to Bình's colleague Châu: An's feed keeps it as CANCELLED with a higher SEQUENCE.
		chau := h.officer("Lê Minh Châu")
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, map[string]any{"officer_id": chau})
		r3 := h.do("GET", anFeed, "", nil)
		if r3.Header.Get("ETag") == r.Header.Get("ETag") {
			t.Fatal("ETag did not change after a reassignment")
		}
		unfolded := strings.ReplaceAll(string(r3.Body), "\r\n ", "")
		if !strings.Contains(unfolded, uid) || !strings.Contains(unfolded, "STATUS:CANCELLED") || !strings.Contains(unfolded, "SEQUENCE:2") {
			t.Fatalf("reassigned duty must stay in the old feed as cancelled:\n%s", unfolded)
		}
		if nm := h.do("GET", anFeed, "", nil, "If-None-Match", r.Header.Get("ETag")); nm.Code != 200 {
			t.Fatalf("stale ETag must get the new feed: %d", nm.Code)
		}
		// Alarm chosen by the subscriber; bad options are 422.
		if al := h.do("GET", binhFeed+"?alarm=60m", "", nil); !strings.Contains(string(al.Body), "BEGIN:VALARM") || !strings.Contains(string(al.Body), "TRIGGER:-PT1H") {
			t.Fatalf("alarm=60m:\n%s", al.Body)
		}
		h.problem(h.do("GET", binhFeed+"?alarm=forever", "", nil), 422, "alarm")
		// Site feed names the officer and phone.
		siteFeed := strings.TrimPrefix(site["feed_url"].(string), testBase)
		sf := strings.ReplaceAll(string(h.do("GET", siteFeed, "", nil).Body), "\r\n ", "")
		if !strings.Contains(sf, "Lê Minh Châu") || !strings.Contains(sf, "0912 000 111") {
			t.Fatalf("site feed:\n%s", sf)
		}
		// Rotation cuts the old URL off.
		rot := h.must(200, "POST", fmt.Sprintf("/api/v1/officers/%d/feed-secret", an), h.manager, nil)
		if r := h.do("GET", anFeed, "", nil); r.Code != 404 {
			t.Fatalf("old feed URL after rotation: %d", r.Code)
		}
		if r := h.do("GET", strings.TrimPrefix(rot["feed_url"].(string), testBase), "", nil); r.Code != 200 {
			t.Fatalf("new feed URL: %d", r.Code)
		}
	})
}

func TestFeedShowsOutreachSession(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		h.must(201, "POST", "/api/v1/outreach-sessions", h.manager, map[string]any{"title": "TGPL cho người khuyết tật xã An Lư",
			"venue": "Nhà văn hóa thôn 3", "partner": "Hội Người khuyết tật", "start": "2027-01-06T08:00:00+07:00",
			"end": "2027-01-06T11:30:00+07:00", "officer_ids": []int64{an}})
		feed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)["feed_url"].(string), testBase)
		body := strings.ReplaceAll(string(h.do("GET", feed, "", nil).Body), "\r\n ", "")
		if !strings.Contains(body, "TGPL cho người khuyết tật xã An Lư") || !strings.Contains(body, "Nhà văn hóa thôn 3") {
			t.Fatalf("the session's title and venue are not in the feed:\n%s", body)
		}
	})
}
