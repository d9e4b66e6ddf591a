package calendar

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"lichtruc/roster"
)

// pieces are what random texts are made of: Vietnamese in precomposed and
// decomposed (combining marks) form, the characters TEXT must escape, line
// breaks of every kind, control characters, broken UTF-8, 4-byte
// characters, and long words with no space to fold at.
var pieces = []string{
	"Nguyễn", "Trần", "Thị", "Hoàng", "Cường", "Đặng", "phường", "Ngô Quyền", "Thủy Nguyên",
	"ủy ban", "Hội Nạn nhân chất độc da cam", "Tòa án nhân dân khu vực", "Trợ giúp pháp lý",
	"Nguye\u0302\u0303n", "Vie\u0323\u0302t", "ươ", "ỹ", "Ầ", "đ", "Đ",
	" ", " ", " ", ",", ";", "\\", "\\n", "\\,", ":", "\"", "'", "<b>", "&amp;", "=",
	"\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x7f",
	"\xff", "\xe1\xba", "\xc3", "\x80",
	"⚖️", "𝔸𝔹", "😀", "中文", "\u00a0", "\u200b", "\ufeff",
	"0225 3842 123", "+84 912 345 678",
	strings.Repeat("ư", 40), strings.Repeat("a", 90), strings.Repeat("\\", 50), strings.Repeat(",", 40),
}

// randText returns a random text of up to about max bytes.
func randText(r *rand.Rand, max int) string {
	n := r.IntN(max + 1)
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// refClean is the test's own idea of what a one-line text field becomes:
// controls (line breaks, tabs) are spaces, every invalid byte is U+FFFD,
// surrounding space trimmed.
func refClean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20, r == 0x7f:
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func randOfficer(r *rand.Rand, id int64) roster.Officer {
	return roster.Officer{ID: id, FullName: randText(r, 60), Phone: randText(r, 20),
		UpdatedAt: time.Unix(1_780_000_000+r.Int64N(10_000_000), 0).UTC()}
}

// randFeed builds a random feed and returns, for each assignment ID, the
// duty that must show (the highest version of duplicates).
func randFeed(r *rand.Rand) (Feed, map[int64]Duty) {
	locs := []*time.Location{nil, hcm, time.UTC, mustLoad("Asia/Kolkata"), mustLoad("Europe/Berlin")}
	f := Feed{
		Kind:      []string{KindOfficer, KindSite}[r.IntN(2)],
		Name:      randText(r, 120),
		URL:       []string{"", "https://lichtruc.example.vn/feeds/x.ics", "ftp://nope", randText(r, 30)}[r.IntN(4)],
		OfficerID: []int64{0, 7}[r.IntN(2)],
		Loc:       locs[r.IntN(len(locs))],
		Refresh:   []time.Duration{0, time.Hour, 90 * time.Minute, 24 * time.Hour, 61 * time.Second}[r.IntN(5)],
		Alarm:     []time.Duration{0, time.Hour, 90 * time.Minute, 24 * time.Hour, 3601 * time.Second}[r.IntN(5)],
		Lang:      []string{"", "vi", "en", "en-US", "fr"}[r.IntN(5)],
	}
	want := map[int64]Duty{}
	n := r.IntN(25)
	base := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		id := int64(1 + i)
		start := base.Add(time.Duration(r.Int64N(400*24*3600)) * time.Second)
		end := start.Add(time.Duration(1+r.Int64N(30*3600)) * time.Second)
		if r.IntN(8) == 0 { // some end exactly at midnight, some run overnight
			end = time.Date(start.Year(), start.Month(), start.Day()+1, 0, 0, 0, 0, hcm)
			if !end.After(start) {
				end = start.Add(time.Hour)
			}
		}
		status := roster.Scheduled
		if r.IntN(4) == 0 {
			status = roster.Cancelled
		}
		role := roster.Primary
		if r.IntN(3) == 0 {
			role = roster.Backup
		}
		officer := []int64{7, 7, 7, 9}[r.IntN(4)]
		site := roster.Site{ID: 1, Code: randText(r, 10), Name: randText(r, 80), Address: randText(r, 120),
			ReceptionPhone: randText(r, 20), UpdatedAt: time.Unix(1_780_000_000+r.Int64N(10_000_000), 0).UTC()}
		d := Duty{
			Assignment: roster.Assignment{ID: id, SiteID: 1, SiteCode: site.Code, SlotName: randText(r, 20),
				Role: role, OfficerID: officer, Start: start, End: end, Status: status, Version: r.IntN(5),
				CreatedAt: time.Unix(1_770_000_000+r.Int64N(10_000_000), 0).UTC(),
				UpdatedAt: time.Unix(1_780_000_000+r.Int64N(10_000_000), 0).UTC()},
			Site:    site,
			Officer: randOfficer(r, officer),
			SwapURL: []string{"", "https://lichtruc.example.vn/doi-ca?a=1&b=2", randText(r, 40)}[r.IntN(3)],
		}
		for range r.IntN(3) {
			d.Backups = append(d.Backups, randOfficer(r, 20+r.Int64N(5)))
		}
		if r.IntN(3) == 0 {
			d.Title = randText(r, 100)
		}
		if r.IntN(3) == 0 {
			d.Location = randText(r, 100)
		}
		f.Duties = append(f.Duties, d)
		want[id] = d
		if r.IntN(6) == 0 { // an older copy of the same duty, before or after it
			old := d
			old.Assignment.Version = d.Assignment.Version - 1 - r.IntN(3)
			old.Assignment.Start = d.Assignment.Start.Add(-time.Hour)
			old.Title = "STALE"
			if r.IntN(2) == 0 {
				f.Duties = append(f.Duties, old)
			} else {
				f.Duties = append(f.Duties[:len(f.Duties)-1], old, d)
			}
		}
	}
	return f, want
}

// decoded is an event as go-ical reads it back.
type decoded struct {
	uid, summary, description, location, status, url string
	start, end                                       time.Time
	sequence                                         int
	alarms                                           []string
	startTZID                                        string
}

// decode parses b with go-ical and returns the calendar and its events.
func decode(t testing.TB, b []byte) (*ical.Calendar, []decoded) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the feed: %v", err)
	}
	var evs []decoded
	for _, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		var d decoded
		var err error
		text := func(name string) string {
			p := c.Props.Get(name)
			if p == nil {
				return ""
			}
			if len(p.Params) != 0 {
				t.Errorf("%s has parameters %v", name, p.Params)
			}
			s, e := p.Text()
			if e != nil {
				t.Errorf("%s: %v", name, e)
			}
			if l, _ := p.TextList(); len(l) != 1 {
				t.Errorf("%s splits into %d at unescaped commas: %q", name, len(l), p.Value)
			}
			return s
		}
		d.uid = text(ical.PropUID)
		d.summary = text(ical.PropSummary)
		d.description = text(ical.PropDescription)
		d.location = text(ical.PropLocation)
		d.status = text(ical.PropStatus)
		if p := c.Props.Get(ical.PropURL); p != nil {
			d.url = p.Value
		}
		if d.start, err = c.Props.DateTime(ical.PropDateTimeStart, nil); err != nil {
			t.Fatalf("%s DTSTART: %v", d.uid, err)
		}
		d.startTZID = c.Props.Get(ical.PropDateTimeStart).Params.Get("TZID")
		if d.end, err = c.Props.DateTime(ical.PropDateTimeEnd, nil); err != nil {
			t.Fatalf("%s DTEND: %v", d.uid, err)
		}
		seq := c.Props.Get(ical.PropSequence)
		if seq == nil {
			t.Fatalf("%s has no SEQUENCE", d.uid)
		}
		if len(seq.Params) != 0 {
			t.Errorf("%s SEQUENCE has parameters %v: strict parsers reject them", d.uid, seq.Params)
		}
		if d.sequence, err = seq.Int(); err != nil {
			t.Fatalf("%s SEQUENCE: %v", d.uid, err)
		}
		for _, name := range []string{ical.PropDateTimeStamp, ical.PropLastModified} {
			if _, err := c.Props.DateTime(name, nil); err != nil || !strings.HasSuffix(c.Props.Get(name).Value, "Z") {
				t.Errorf("%s %s is not a UTC date-time: %v %v", d.uid, name, c.Props.Get(name), err)
			}
		}
		for _, a := range c.Children {
			if a.Name != ical.CompAlarm {
				t.Errorf("%s has a nested %s", d.uid, a.Name)
				continue
			}
			d.alarms = append(d.alarms, a.Props.Get(ical.PropTrigger).Value)
		}
		evs = append(evs, d)
	}
	return cal, evs
}

// TestRandomFeeds renders random feeds full of hostile Vietnamese text and
// checks the line rules, then reads them back with go-ical and compares
// every event with the duty it came from.
func TestRandomFeeds(t *testing.T) {
	iterations := 400
	if testing.Short() {
		iterations = 50
	}
	for seed := range uint64(iterations) {
		r := rand.New(rand.NewPCG(seed, 0x11c7))
		f, want := randFeed(r)
		got, err := RenderBytes(f)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			checkStructure(t, got)
			checkRoundTrip(t, f, want, got)

			// Input order does not matter.
			shuffled := f
			shuffled.Duties = slices.Clone(f.Duties)
			r.Shuffle(len(shuffled.Duties), func(i, j int) {
				shuffled.Duties[i], shuffled.Duties[j] = shuffled.Duties[j], shuffled.Duties[i]
			})
			again, err := RenderBytes(shuffled)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Fatalf("shuffling the duties changed the output:\n%s", firstDiff(string(got), string(again)))
			}
		})
	}
}

// checkRoundTrip decodes feed b of f and compares it with want, the duties
// that must show, one event each.
func checkRoundTrip(t *testing.T, f Feed, want map[int64]Duty, b []byte) {
	t.Helper()
	cal, evs := decode(t, b)
	w := wordsFor(f.Lang)
	loc := f.Loc
	if loc == nil {
		loc = defaultLoc
	}
	calName, err := cal.Props.Text("X-WR-CALNAME")
	if err != nil {
		t.Fatal(err)
	}
	if wantName := refClean(f.Name); wantName != "" && calName != wantName {
		t.Errorf("X-WR-CALNAME = %q, want %q", calName, wantName)
	}
	if n, _ := cal.Props.Text(ical.PropName); n != calName {
		t.Errorf("NAME %q differs from X-WR-CALNAME %q", n, calName)
	}
	if p := cal.Props.Get(ical.PropVersion); p == nil || p.Value != "2.0" {
		t.Errorf("VERSION = %v", p)
	}
	if len(evs) != len(want) {
		t.Fatalf("%d events, want %d (one per assignment)", len(evs), len(want))
	}
	seen := map[string]bool{}
	for i, ev := range evs {
		if seen[ev.uid] {
			t.Fatalf("UID %s appears twice", ev.uid)
		}
		seen[ev.uid] = true
		var id int64
		if _, err := fmt.Sscanf(ev.uid, "assignment-%d@lichtruc", &id); err != nil {
			t.Fatalf("UID %q: %v", ev.uid, err)
		}
		d, ok := want[id]
		if !ok {
			t.Fatalf("event %s matches no duty", ev.uid)
		}
		a := d.Assignment
		if i > 0 {
			prev := evs[i-1]
			if ev.start.Before(prev.start) || (ev.start.Equal(prev.start) && ev.uid < prev.uid) {
				t.Errorf("events not sorted by start then UID: %s after %s", ev.uid, prev.uid)
			}
		}
		if !ev.start.Equal(a.Start.Truncate(time.Second)) || !ev.end.Equal(a.End.Truncate(time.Second)) {
			t.Errorf("%s: %s–%s, want %s–%s", ev.uid, ev.start, ev.end, a.Start, a.End)
		}
		cancelled := a.Status == roster.Cancelled || (f.Kind == KindOfficer && f.OfficerID != 0 && a.OfficerID != f.OfficerID)
		wantStatus, wantAlarms := "CONFIRMED", 0
		if cancelled {
			wantStatus = "CANCELLED"
		} else if f.Alarm > 0 {
			wantAlarms = 1
		}
		if ev.status != wantStatus || ev.sequence != max(a.Version, 0) || len(ev.alarms) != wantAlarms {
			t.Errorf("%s: status %s sequence %d alarms %v; want %s %d %d", ev.uid, ev.status, ev.sequence,
				ev.alarms, wantStatus, a.Version, wantAlarms)
		}
		if wantSummary := w.summary(f.Kind, &d, cancelled); ev.summary != wantSummary {
			t.Errorf("%s: SUMMARY\n %q, want\n %q", ev.uid, ev.summary, wantSummary)
		}
		if wantDesc := w.description(f.Kind, &d, cancelled, loc); ev.description != wantDesc {
			t.Errorf("%s: DESCRIPTION\n %q, want\n %q", ev.uid, ev.description, wantDesc)
		}
		if strings.Contains(ev.summary, "STALE") {
			t.Errorf("%s: an older version of the duty shows", ev.uid)
		}

		// What a person needs, checked against the raw input rather than
		// the package's own wording.
		mustContain := func(field, got, raw string) {
			if s := refClean(raw); !strings.Contains(got, s) {
				t.Errorf("%s: %s %q lacks %q", ev.uid, field, got, s)
			}
		}
		if f.Kind == KindSite {
			mustContain("SUMMARY", ev.summary, d.Officer.FullName)
			mustContain("DESCRIPTION", ev.description, d.Officer.Phone)
		} else {
			if refClean(d.Title) != "" {
				mustContain("SUMMARY", ev.summary, d.Title)
			} else {
				mustContain("SUMMARY", ev.summary, d.Site.Name)
			}
			mustContain("DESCRIPTION", ev.description, d.Site.ReceptionPhone)
			if !cancelled {
				mustContain("DESCRIPTION", ev.description, d.SwapURL)
			}
		}
		for _, o := range d.Backups {
			mustContain("DESCRIPTION", ev.description, o.FullName)
			mustContain("DESCRIPTION", ev.description, o.Phone)
		}
		switch {
		case refClean(d.Location) != "":
			mustContain("LOCATION", ev.location, d.Location)
		case f.Kind == KindOfficer:
			mustContain("LOCATION", ev.location, d.Site.Address)
			mustContain("LOCATION", ev.location, d.Site.Name)
		case ev.location != "":
			t.Errorf("%s: site feed event has LOCATION %q but no venue", ev.uid, ev.location)
		}
	}
}
