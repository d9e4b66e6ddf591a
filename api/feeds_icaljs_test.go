package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
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

// libicalParser returns a python3 that loads ICalGLib 3.0 and the libical
// harness, or skips (fails under CI=true, where .ci/run installs
// gir1.2-ical-3.0 and python3-gi). Debian's python3-gi serves Debian's
// /usr/bin/python3 only, so that one is tried after the python3 on PATH.
func libicalParser(t *testing.T) (string, string) {
	t.Helper()
	script, _ := filepath.Abs("../testdata/libical/check.py")
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(py); err == nil && exec.Command(path, script, "--probe").Run() == nil {
			return path, script
		}
	}
	msg := "libical check skipped: needs python3 with python3-gi and gir1.2-ical-3.0 (ICalGLib 3.0)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return "", ""
}

// servedFeed is a feed fetched over HTTP and the duties it must show.
type servedFeed struct {
	name   string
	path   string // where its bytes were saved
	duties []roster.Assignment
}

// parsedFeed is what a parser harness prints for one file (ical.js and
// libical print these fields alike, times as UTC instants).
type parsedFeed struct {
	File           string
	Errors         []struct{ Component, Error string }
	RestrictionsOK *bool `json:"restrictions_ok"` // libical only
	Events         []struct{ UID, Start, End, Status string }
}

// servedFeeds plans a month at a court and a 24/7 phone line for five
// officers, fetches every officer's feed and both sites' feeds over HTTP
// into a temporary directory, and returns them with the duties the
// database holds for each.
func servedFeeds(t *testing.T, h *harness) []servedFeed {
	t.Helper()
	h.courtSite()
	h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại 24/7", "kind": "office",
		"slots": []map[string]any{{"name": "Đêm", "start": "17:00", "end": "07:30", "backups": 1, "days": "daily"}}})
	var ids []int64
	for _, n := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thị Dung", "Hoàng Văn Đức"} {
		ids = append(ids, h.officer(n))
	}
	sites := []string{"TAND-HP", "TRUC-DT"}
	for _, site := range sites {
		h.must(201, "POST", "/api/v1/sites/"+site+"/plan", h.manager, map[string]any{"from": "2027-01-04", "to": "2027-01-31", "officer_ids": ids})
	}
	dir := t.TempDir()
	from, to := testNow.Add(-60*24*time.Hour), testNow.Add(400*24*time.Hour)
	var feeds []servedFeed
	fetch := func(name, url string, filter store.AssignmentFilter) {
		r := h.do("GET", strings.TrimPrefix(url, testBase), "", nil)
		if r.Code != 200 {
			t.Fatalf("feed %s: %d", name, r.Code)
		}
		f := servedFeed{name: name, path: filepath.Join(dir, name+".ics")}
		if err := os.WriteFile(f.path, r.Body, 0o600); err != nil {
			t.Fatal(err)
		}
		var err error
		filter.From, filter.To = from, to
		if f.duties, err = h.store.ListAssignments(t.Context(), filter); err != nil {
			t.Fatal(err)
		}
		if len(f.duties) == 0 {
			t.Fatalf("feed %s: no duties planned", name)
		}
		feeds = append(feeds, f)
	}
	for _, oid := range ids {
		o := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", oid), h.manager, nil)
		fetch(fmt.Sprintf("o%d", oid), o["feed_url"].(string), store.AssignmentFilter{OfficerID: oid})
	}
	for _, code := range sites {
		s := h.must(200, "GET", "/api/v1/sites/"+code, h.manager, nil)
		site, err := h.store.Site(t.Context(), code)
		if err != nil {
			t.Fatal(err)
		}
		fetch(code, s["feed_url"].(string), store.AssignmentFilter{SiteID: site.ID})
	}
	return feeds
}

// checkParsed runs a parser harness (bin script files…) on the served
// feeds and compares each event's UID, start, end and status with the
// duties in the database; any error the parser reports fails the test.
func checkParsed(t *testing.T, parser, bin, script string, feeds []servedFeed) {
	t.Helper()
	args := []string{script}
	for _, f := range feeds {
		args = append(args, f.path)
	}
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", parser, err, stderr.String())
	}
	var parsed []parsedFeed
	if err := json.Unmarshal(out, &parsed); err != nil {
		t.Fatal(err)
	}
	if len(parsed) != len(feeds) {
		t.Fatalf("%s read %d feeds of %d", parser, len(parsed), len(feeds))
	}
	total := 0
	for i, f := range feeds {
		for _, e := range parsed[i].Errors {
			t.Errorf("%s, feed %s: %s: %s", parser, f.name, e.Component, e.Error)
		}
		if ok := parsed[i].RestrictionsOK; ok != nil && !*ok {
			t.Errorf("%s, feed %s: the restriction check fails", parser, f.name)
		}
		events := parsed[i].Events
		if len(events) != len(f.duties) {
			t.Fatalf("feed %s: %s sees %d events, the database has %d duties", f.name, parser, len(events), len(f.duties))
		}
		byUID := map[string]int{}
		for j, e := range events {
			byUID[e.UID] = j
		}
		for _, a := range f.duties {
			j, ok := byUID[fmt.Sprintf("assignment-%d@lichtruc", a.ID)]
			if !ok {
				t.Fatalf("feed %s: duty %d missing", f.name, a.ID)
			}
			e := events[j]
			start, err1 := time.Parse(time.RFC3339, e.Start)
			end, err2 := time.Parse(time.RFC3339, e.End)
			if err1 != nil || err2 != nil || !start.Equal(a.Start) || !end.Equal(a.End) || e.Status != "CONFIRMED" {
				t.Fatalf("feed %s, duty %d: %s %s–%s %s, database %s–%s", f.name, a.ID, parser, e.Start, e.End, e.Status, a.Start.UTC(), a.End.UTC())
			}
			total++
		}
	}
	t.Logf("%s: %d events in %d feeds checked against the database", parser, total, len(feeds))
}

// TestFeedsWithICalJS plans a month, fetches every officer's and site's
// feed over HTTP, parses it with Mozilla's ical.js and compares each
// event's start and end with the duties in the database.
func TestFeedsWithICalJS(t *testing.T) {
	t.Parallel()
	node, script := nodeParser(t)
	forEachDB(t, func(t *testing.T, h *harness) {
		checkParsed(t, "ical.js", node, script, servedFeeds(t, h))
	})
}

// TestFeedsWithLibical does the same with libical (Evolution's parser),
// whose RFC 5545 and iTIP restriction check must pass on every feed.
func TestFeedsWithLibical(t *testing.T) {
	py, script := libicalParser(t)
	forEachDB(t, func(t *testing.T, h *harness) {
		checkParsed(t, "libical", py, script, servedFeeds(t, h))
	})
}
