package api

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lichtruc/roster/store"
)

// nodeParser returns the node binary and the ical.js harness, or skips
// (fails under CI=true, where .ci/run installs them).
func nodeParser(t *testing.T) (string, string) {
	t.Helper()
	script, _ := filepath.Abs("../testdata/node/parse.mjs")
	node, err := exec.LookPath("node")
	_, modErr := os.Stat("../testdata/node/node_modules/ical.js")
	if err != nil || modErr != nil {
		msg := "ical.js check skipped: needs node and `npm ci --prefix testdata/node`"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return node, script
}

// TestFeedsWithICalJS plans a month, fetches every officer's feed over
// HTTP, parses it with Mozilla's ical.js and compares each event's start
// and end with the duties in the database.
func TestFeedsWithICalJS(t *testing.T) {
	t.Parallel()
	node, script := nodeParser(t)
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại 24/7", "kind": "office",
			"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "backups": 1, "days": "daily"}}})
		var ids []int64
		for _, n := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thị Dung", "Hoàng Văn Đức"} {
			ids = append(ids, h.officer(n))
		}
		for _, site := range []string{"TAND-HP", "TRUC-DT"} {
			h.must(201, "POST", "/api/v1/sites/"+site+"/plan", h.manager, map[string]any{"from": "2027-01-04", "to": "2027-01-31", "officer_ids": ids})
		}
		dir := t.TempDir()
		var files []string
		for _, oid := range ids {
			feed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", oid), h.manager, nil)["feed_url"].(string), testBase)
			r := h.do("GET", feed, "", nil)
			if r.Code != 200 {
				t.Fatalf("feed %d: %d", oid, r.Code)
			}
			f := filepath.Join(dir, fmt.Sprintf("o%d.ics", oid))
			os.WriteFile(f, r.Body, 0o600)
			files = append(files, f)
		}
		out, err := exec.Command(node, append([]string{script}, files...)...).Output()
		if err != nil {
			t.Fatalf("ical.js: %v", err)
		}
		var parsed []struct {
			File   string
			Events []struct{ UID, Start, End, Status string }
		}
		if err := json.Unmarshal(out, &parsed); err != nil {
			t.Fatal(err)
		}
		total := 0
		for i, oid := range ids {
			as, err := h.store.ListAssignments(t.Context(), store.AssignmentFilter{OfficerID: oid, From: testNow.Add(-60 * 24 * time.Hour), To: testNow.Add(400 * 24 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			events := parsed[i].Events
			if len(events) != len(as) || len(as) == 0 {
				t.Fatalf("officer %d: ical.js sees %d events, the database has %d duties", oid, len(events), len(as))
			}
			byUID := map[string]int{}
			for j, e := range events {
				byUID[e.UID] = j
			}
			for _, a := range as {
				j, ok := byUID[fmt.Sprintf("assignment-%d@lichtruc", a.ID)]
				if !ok {
					t.Fatalf("duty %d missing from the feed", a.ID)
				}
				e := events[j]
				if e.Start != a.Start.UTC().Format("2006-01-02T15:04:05.000Z") || e.End != a.End.UTC().Format("2006-01-02T15:04:05.000Z") || e.Status != "CONFIRMED" {
					t.Fatalf("duty %d: ical.js %s–%s %s, database %s–%s", a.ID, e.Start, e.End, e.Status, a.Start.UTC(), a.End.UTC())
				}
				total++
			}
		}
		t.Logf("%d events checked against the database", total)
	})
}
