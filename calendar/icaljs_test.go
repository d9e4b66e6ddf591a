package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"lichtruc/roster"
)

// nodeDir is the node harness: parse.mjs and its pinned ical.js.
const nodeDir = "../testdata/node"

// jsCalendar is what testdata/node/parse.mjs prints for one file.
type jsCalendar struct {
	File      string    `json:"file"`
	Version   string    `json:"version"`
	ProdID    string    `json:"prodid"`
	Method    string    `json:"method"`
	Name      string    `json:"name"`
	CalName   string    `json:"calname"`
	Refresh   string    `json:"refresh"`
	Timezones []string  `json:"timezones"`
	Events    []jsEvent `json:"events"`
}

type jsEvent struct {
	UID         string   `json:"uid"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	StartZone   string   `json:"start_zone"`
	EndZone     string   `json:"end_zone"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Location    *string  `json:"location"`
	Status      string   `json:"status"`
	Sequence    int      `json:"sequence"`
	Transp      string   `json:"transp"`
	Alarms      []string `json:"alarms"`
}

// wantDuties is the test's own merge of a feed's duties: one per
// assignment ID, the highest version.
func wantDuties(f Feed) map[int64]Duty {
	m := map[int64]Duty{}
	for _, d := range f.Duties {
		if old, ok := m[d.Assignment.ID]; !ok || d.Assignment.Version > old.Assignment.Version {
			m[d.Assignment.ID] = d
		}
	}
	return m
}

// feedCase is a feed the independent parsers read: the feed, the duties it
// must show, and its bytes.
type feedCase struct {
	f    Feed
	want map[int64]Duty
	b    []byte
}

// renderParserCases renders the feeds the independent parsers (ical.js,
// libical) read: the golden ones, a year of an officer's duties and 40
// random feeds. It writes them to a temporary directory and returns the
// cases by name, the sorted file paths, and the case name of each path.
func renderParserCases(t *testing.T) (map[string]*feedCase, []string, map[string]string) {
	t.Helper()
	cases := map[string]*feedCase{}
	for name, f := range goldenCases() {
		cases[name] = &feedCase{f: f, want: wantDuties(f)}
	}
	cases["officer_year"] = &feedCase{f: officerYear(), want: wantDuties(officerYear())}
	for seed := range uint64(40) {
		f, want := randFeed(rand.New(rand.NewPCG(seed, 0x1ca1)))
		cases[fmt.Sprintf("random_%02d", seed)] = &feedCase{f: f, want: want}
	}
	dir := t.TempDir()
	var files []string
	byFile := map[string]string{}
	for name, c := range cases {
		var err error
		if c.b, err = RenderBytes(c.f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(dir, name+".ics")
		if err := os.WriteFile(path, c.b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		byFile[path] = name
	}
	sort.Strings(files)
	return cases, files, byFile
}

// TestICalJS has Mozilla's ical.js (the parser of Thunderbird), run by
// Node, read the golden feeds and random ones, and compares every event's
// start and end, as UTC instants, with the duties, and its texts with what
// go-ical reads. Without node or the npm packages it skips, unless CI=true.
func TestICalJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(nodeDir, "node_modules", "ical.js", "package.json"))
	}
	if err != nil {
		msg := "ical.js check needs node and testdata/node/node_modules (npm ci --prefix testdata/node): " + err.Error()
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}

	cases, files, byFile := renderParserCases(t)

	cmd := exec.Command(node, append([]string{filepath.Join(nodeDir, "parse.mjs")}, files...)...)
	// A zone far from +07 with daylight saving: a time ical.js failed to
	// place in its zone would fall back to this one and show.
	cmd.Env = append(os.Environ(), "TZ=America/New_York")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("ical.js failed: %v\n%s", err, stderr.String())
		}
		t.Fatal(err)
	}
	var cals []jsCalendar
	if err := json.Unmarshal(out, &cals); err != nil {
		t.Fatalf("parse.mjs printed no JSON: %v\n%s", err, out)
	}
	if len(cals) != len(files) {
		t.Fatalf("ical.js read %d calendars of %d", len(cals), len(files))
	}

	const iso = "2006-01-02T15:04:05.000Z"
	for _, cal := range cals {
		name := byFile[cal.File]
		c := cases[name]
		t.Run(name, func(t *testing.T) {
			if cal.Version != "2.0" || cal.ProdID != ProdID || cal.Method != "" || cal.Name != cal.CalName || cal.Name == "" {
				t.Errorf("calendar properties: %+v", cal)
			}
			refresh := c.f.Refresh.Round(time.Second)
			if refresh <= 0 {
				refresh = time.Hour
			}
			if cal.Refresh != formatDuration(refresh) {
				t.Errorf("REFRESH-INTERVAL %q, want %q", cal.Refresh, formatDuration(refresh))
			}
			loc := c.f.Loc
			if loc == nil {
				loc = defaultLoc
			}
			if len(cal.Events) != len(c.want) {
				t.Fatalf("ical.js sees %d events, want %d", len(cal.Events), len(c.want))
			}
			_, goEvents := decode(t, c.b)
			for i, ev := range cal.Events {
				g := goEvents[i]
				if ev.UID != g.uid {
					t.Fatalf("event %d: ical.js UID %s, go-ical %s", i, ev.UID, g.uid)
				}
				var d Duty
				for _, w := range c.want {
					if UID(w.Assignment.ID) == ev.UID {
						d = w
					}
				}
				a := d.Assignment
				if a.ID == 0 {
					t.Fatalf("event %s matches no duty", ev.UID)
				}
				if want := a.Start.UTC().Format(iso); ev.Start != want {
					t.Errorf("%s: ical.js start %s, want %s", ev.UID, ev.Start, want)
				}
				if want := a.End.UTC().Format(iso); ev.End != want {
					t.Errorf("%s: ical.js end %s, want %s", ev.UID, ev.End, want)
				}
				wantZone := "UTC"
				if len(cal.Timezones) > 0 {
					wantZone = loc.String()
				}
				if ev.StartZone != wantZone || ev.EndZone != wantZone {
					t.Errorf("%s: ical.js zones %s/%s, want %s", ev.UID, ev.StartZone, ev.EndZone, wantZone)
				}
				cancelled := a.Status == roster.Cancelled ||
					(c.f.Kind == KindOfficer && c.f.OfficerID != 0 && a.OfficerID != c.f.OfficerID)
				wantStatus, wantTransp, wantAlarms := "CONFIRMED", "OPAQUE", 0
				if cancelled {
					wantStatus, wantTransp = "CANCELLED", "TRANSPARENT"
				} else if c.f.Alarm.Round(time.Second) > 0 {
					wantAlarms = 1
				}
				if ev.Status != wantStatus || ev.Transp != wantTransp || ev.Sequence != max(a.Version, 0) || len(ev.Alarms) != wantAlarms {
					t.Errorf("%s: ical.js status %s transp %s sequence %d alarms %v; want %s %s %d %d alarm(s)",
						ev.UID, ev.Status, ev.Transp, ev.Sequence, ev.Alarms, wantStatus, wantTransp, a.Version, wantAlarms)
				}
				if wantAlarms == 1 {
					// ical.js writes durations its own way (-PT1H1S): compare values.
					p := ical.Prop{Name: ical.PropTrigger, Value: ev.Alarms[0]}
					got, err := p.Duration()
					if err != nil || got != -c.f.Alarm.Round(time.Second) {
						t.Errorf("%s: alarm %s (%v), want %v before the start", ev.UID, ev.Alarms[0], err, c.f.Alarm)
					}
				}
				loc := ""
				if ev.Location != nil {
					loc = *ev.Location
				}
				if ev.Summary != g.summary || ev.Description != g.description || loc != g.location {
					t.Errorf("%s: ical.js and go-ical read different texts:\n%q\n%q\n%q\n%q\n%q\n%q",
						ev.UID, ev.Summary, g.summary, ev.Description, g.description, loc, g.location)
				}
				if strings.ContainsRune(ev.Summary, '\n') {
					t.Errorf("%s: summary spans lines: %q", ev.UID, ev.Summary)
				}
			}
		})
	}
}
