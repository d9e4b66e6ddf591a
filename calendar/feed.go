package calendar

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"

	"lichtruc/roster"
)

// Feed kinds: what a Feed lists.
const (
	KindOfficer = "officer" // one officer's duties, for the officer's own phone
	KindSite    = "site"    // every duty at one site, for court reception
)

// ProdID is the PRODID of every feed.
const ProdID = "-//Trung tam TGPL Hai Phong//lichtruc//VI"

// ContentType is the media type to serve a feed with.
const ContentType = "text/calendar; charset=utf-8"

// DefaultRefresh is how often calendar apps are asked to fetch a feed again
// when Feed.Refresh is not set.
const DefaultRefresh = time.Hour

// DefaultTZID is the zone of a Feed with no Loc.
const DefaultTZID = "Asia/Ho_Chi_Minh"

// defaultLoc is Asia/Ho_Chi_Minh as a fixed zone: UTC+7 has held since 1975
// and has no daylight saving, and a fixed zone works without tzdata.
var defaultLoc = time.FixedZone(DefaultTZID, 7*60*60)

// Duty is one duty as a calendar shows it. The caller builds it from roster
// types; nothing here reads a database.
type Duty struct {
	// Assignment is the duty itself. Its ID gives the UID (stable for the
	// duty's life), Version the SEQUENCE, Status the STATUS, and UpdatedAt
	// (with the UpdatedAt of Site, Officer and Backups, whichever is latest)
	// LAST-MODIFIED and DTSTAMP.
	Assignment roster.Assignment
	// Site is where the duty is held: its name, address and reception phone.
	Site roster.Site
	// Officer is who holds the duty. The site feed shows the name and phone.
	Officer roster.Officer
	// Backups are the backup officers of the same slot occurrence, for a
	// primary's duty, or the primaries, for a backup's duty. Their names and
	// phones go into the description.
	Backups []roster.Officer
	// Title, if set, replaces the generic "Trực TGPL" wording of the
	// summary, as for an outreach session's title.
	Title string
	// Location, if set, replaces the site's name and address as LOCATION,
	// as for an outreach session's venue.
	Location string
	// SwapURL is the link where the officer can ask to swap this duty. It is
	// shown in an officer feed only, in the description and as URL.
	SwapURL string
}

// Feed is one calendar: an officer's duties or a site's.
type Feed struct {
	// Kind is KindOfficer or KindSite.
	Kind string
	// Name is the calendar's name (NAME and X-WR-CALNAME); a generic name
	// is used if it is empty.
	Name string
	// URL is the feed's own absolute https URL (URL and SOURCE); omitted if
	// empty or not an absolute http(s) URL.
	URL string
	// Duties are the scheduled duties and the recently cancelled or
	// reassigned ones: a cancelled duty is rendered with STATUS:CANCELLED so
	// that apps which cached it remove it. Their order does not matter. Two
	// duties with the same assignment ID are one event: the one with the
	// higher Version (then the later UpdatedAt) is kept.
	Duties []Duty
	// OfficerID, for an officer feed, is the feed's officer. A duty whose
	// Assignment.OfficerID is another officer was reassigned away and is
	// rendered as cancelled. 0 skips the check.
	OfficerID int64
	// Loc is the zone times are written in; nil means Asia/Ho_Chi_Minh. It
	// must be a named zone (not time.Local), as its name is the TZID.
	Loc *time.Location
	// Refresh is how often apps should fetch the feed again
	// (REFRESH-INTERVAL and X-PUBLISHED-TTL); 0 means DefaultRefresh.
	Refresh time.Duration
	// Alarm, if positive, adds a display alarm that long before each
	// scheduled duty (never on a cancelled one); 0 means no alarm.
	Alarm time.Duration
	// Lang is "vi" (the default) or "en", the language of the texts.
	Lang string
}

// UID returns the iCalendar UID of the duty with the given assignment ID:
// assignment-<id>@lichtruc. It is the same in every feed and for the
// duty's whole life, reassignments and cancellation included.
func UID(assignmentID int64) string {
	var buf [48]byte
	b := append(buf[:0], "assignment-"...)
	b = strconv.AppendInt(b, assignmentID, 10)
	return string(append(b, "@lichtruc"...))
}

// Render writes f as an iCalendar stream to w. Nothing is written if f is
// invalid.
func Render(w io.Writer, f Feed) error {
	b, err := RenderBytes(f)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// item is a duty ready to render.
type item struct {
	d         *Duty
	uid       string
	stamp     time.Time // DTSTAMP and LAST-MODIFIED
	cancelled bool
}

// RenderBytes returns f as an iCalendar stream. It fails, rendering nothing,
// on an unknown Kind, an unnamed Loc, or a duty with no assignment ID, no
// start or end, an end not after its start, or a year outside 1–9999: a
// client that fails to fetch keeps its last good copy, which is better than
// a feed that silently lacks a duty.
func RenderBytes(f Feed) ([]byte, error) {
	if f.Kind != KindOfficer && f.Kind != KindSite {
		return nil, fmt.Errorf("calendar: feed kind %q is neither %q nor %q", f.Kind, KindOfficer, KindSite)
	}
	loc := f.Loc
	if loc == nil {
		loc = defaultLoc
	}
	tzid := loc.String()
	if tzid == "" || tzid == "Local" {
		return nil, errors.New("calendar: Feed.Loc must be a named zone such as Asia/Ho_Chi_Minh, not time.Local")
	}
	items, err := prepare(f, loc)
	if err != nil {
		return nil, err
	}
	w := wordsFor(f.Lang)

	perEvent := 1300 // an officer's event, with its alarm, is about 1.1 KB
	if f.Kind == KindSite {
		perEvent = 560
	}
	root, p := component(ical.CompCalendar, 12)
	root.Children = make([]*ical.Component, 0, len(items)+1)
	p.add(ical.PropVersion, "2.0", nil)
	p.text(ical.PropProductID, ProdID)
	p.add(ical.PropCalendarScale, "GREGORIAN", nil)
	// No METHOD: a feed is a snapshot of calendar data, not an iTIP
	// message (RFC 5545 §3.7.2), and METHOD:PUBLISH would require an
	// ORGANIZER on every event (RFC 5546 §3.2.1), which turns duties into
	// meetings to answer in Outlook and Thunderbird and starts CalDAV
	// scheduling (RFC 6638) on servers that store them.
	name := clean(f.Name)
	if name == "" {
		name = w.defaultName
	}
	p.text(ical.PropName, name)
	p.text("X-WR-CALNAME", name)
	p.text("X-WR-TIMEZONE", tzid)
	if u, ok := webURL(f.URL); ok {
		p.raw(ical.PropURL, u)
		p.add(ical.PropSource, rawValue(u), params(ical.ParamValue, string(ical.ValueURI)))
	}
	refresh := f.Refresh.Round(time.Second)
	if refresh <= 0 {
		refresh = DefaultRefresh
	}
	p.add(ical.PropRefreshInterval, formatDuration(refresh), params(ical.ParamValue, string(ical.ValueDuration)))
	p.add("X-PUBLISHED-TTL", formatDuration(refresh), nil)

	fixed, offset, abbr := fixedOffset(loc, items)
	if fixed {
		root.Children = append(root.Children, vtimezone(tzid, offset, abbr))
	}
	tzParams := params(ical.ParamTimezoneID, tzid) // shared by every DTSTART and DTEND

	alarm := f.Alarm.Round(time.Second)
	trigger := "-" + formatDuration(alarm)
	var desc [16]descLine
	var sb strings.Builder
	memo := make(cleaner, 64)
	for i := range items {
		it := &items[i]
		d := it.d
		a := &d.Assignment
		ev, p := component(ical.CompEvent, 14)
		p.text(ical.PropUID, it.uid)
		p.dateTime(ical.PropDateTimeStamp, it.stamp, true, nil)
		if fixed {
			p.dateTime(ical.PropDateTimeStart, a.Start.In(loc), false, tzParams)
			p.dateTime(ical.PropDateTimeEnd, a.End.In(loc), false, tzParams)
		} else {
			p.dateTime(ical.PropDateTimeStart, a.Start.UTC(), true, nil)
			p.dateTime(ical.PropDateTimeEnd, a.End.UTC(), true, nil)
		}
		p.dateTime(ical.PropLastModified, it.stamp, true, nil)
		p.add(ical.PropSequence, strconv.Itoa(max(a.Version, 0)), nil)
		if it.cancelled {
			p.add(ical.PropStatus, string(ical.EventCancelled), nil)
			p.add(ical.PropTransparency, "TRANSPARENT", nil)
		} else {
			p.add(ical.PropStatus, string(ical.EventConfirmed), nil)
			p.add(ical.PropTransparency, "OPAQUE", nil)
		}
		v := newView(memo, d)
		summary := textValue(w.summaryOf(f.Kind, &v, it.cancelled))
		p.add(ical.PropSummary, summary, nil)
		if l := v.location(f.Kind); l != "" {
			p.text(ical.PropLocation, l)
		}
		sb.Reset()
		for i, l := range w.describe(desc[:0], f.Kind, &v, it.cancelled, loc) {
			if i > 0 {
				sb.WriteByte('\n')
			}
			l.appendTo(&sb)
		}
		p.text(ical.PropDescription, sb.String())
		if f.Kind == KindOfficer && !it.cancelled {
			if u, ok := webURL(d.SwapURL); ok {
				p.raw(ical.PropURL, u)
			}
		}
		if alarm > 0 && !it.cancelled {
			al, ap := component(ical.CompAlarm, 3)
			ap.add(ical.PropAction, "DISPLAY", nil)
			ap.add(ical.PropDescription, summary, nil)
			ap.add(ical.PropTrigger, trigger, nil)
			ev.Children = append(ev.Children, al)
		}
		root.Children = append(root.Children, ev)
	}
	return encode(&ical.Calendar{Component: root}, 1024+len(items)*perEvent)
}

// prepare validates the duties, merges those with the same UID and sorts
// them by start, then UID.
func prepare(f Feed, loc *time.Location) ([]item, error) {
	items := make([]item, 0, len(f.Duties))
	seen := make(map[int64]int, len(f.Duties))
	for i := range f.Duties {
		d := &f.Duties[i]
		a := &d.Assignment
		if a.ID <= 0 {
			return nil, fmt.Errorf("calendar: duty %d of the feed has no assignment ID", i)
		}
		if a.Start.IsZero() || a.End.IsZero() {
			return nil, fmt.Errorf("calendar: assignment %d has no start or end", a.ID)
		}
		if !a.End.After(a.Start) {
			return nil, fmt.Errorf("calendar: assignment %d does not end (%s) after it starts (%s)", a.ID,
				a.End.Format(time.RFC3339), a.Start.Format(time.RFC3339))
		}
		it := item{d: d, uid: UID(a.ID), stamp: stampOf(d)}
		for _, t := range []time.Time{a.Start.In(loc), a.End.In(loc), a.Start.UTC(), a.End.UTC(), it.stamp.UTC()} {
			if y := t.Year(); y < 1 || y > 9999 {
				return nil, fmt.Errorf("calendar: assignment %d has a time outside years 1-9999", a.ID)
			}
		}
		it.cancelled = a.Status == roster.Cancelled ||
			(f.Kind == KindOfficer && f.OfficerID != 0 && a.OfficerID != 0 && a.OfficerID != f.OfficerID)
		if j, ok := seen[a.ID]; ok {
			if newer(it, items[j]) {
				items[j] = it
			}
			continue
		}
		seen[a.ID] = len(items)
		items = append(items, it)
	}
	slices.SortFunc(items, func(x, y item) int {
		if c := x.d.Assignment.Start.Compare(y.d.Assignment.Start); c != 0 {
			return c
		}
		return strings.Compare(x.uid, y.uid)
	})
	return items, nil
}

// newer reports whether x is a later state of the same duty than y.
func newer(x, y item) bool {
	ax, ay := &x.d.Assignment, &y.d.Assignment
	if c := cmp.Compare(ax.Version, ay.Version); c != 0 {
		return c > 0
	}
	if c := x.stamp.Compare(y.stamp); c != 0 {
		return c > 0
	}
	if c := ax.UpdatedAt.Compare(ay.UpdatedAt); c != 0 {
		return c > 0
	}
	// Same version and time: a caller's inconsistency. Prefer the
	// cancellation, which is the safer thing to show, then the earlier
	// start, so that the choice does not depend on the input order.
	if (ax.Status == roster.Cancelled) != (ay.Status == roster.Cancelled) {
		return ax.Status == roster.Cancelled
	}
	if c := ax.Start.Compare(ay.Start); c != 0 {
		return c < 0
	}
	if c := ax.End.Compare(ay.End); c != 0 {
		return c < 0
	}
	return ax.OfficerID < ay.OfficerID
}

// stampOf is the DTSTAMP and LAST-MODIFIED of d: the latest change of
// anything the event shows (the assignment, the site, the officers), so the
// stamp moves whenever the event's text does. With no UpdatedAt at all it is
// the assignment's CreatedAt, else its Start: always from the data, never the
// clock, so unchanged data renders unchanged bytes.
func stampOf(d *Duty) time.Time {
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	later(d.Assignment.UpdatedAt)
	later(d.Site.UpdatedAt)
	later(d.Officer.UpdatedAt)
	for i := range d.Backups {
		later(d.Backups[i].UpdatedAt)
	}
	switch {
	case !t.IsZero():
	case !d.Assignment.CreatedAt.IsZero():
		t = d.Assignment.CreatedAt
	default:
		t = d.Assignment.Start
	}
	return t.UTC()
}

// fixedOffset reports whether loc keeps one UTC offset over the span of the
// items (over a fixed instant if there are none), with that offset and the
// zone's abbreviation. Only then are times written with TZID and a VTIMEZONE
// of one STANDARD observance; otherwise they are written in UTC.
func fixedOffset(loc *time.Location, items []item) (fixed bool, offset int, abbr string) {
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from
	for i, it := range items {
		a := &it.d.Assignment
		if i == 0 || a.Start.Before(from) {
			from = a.Start
		}
		if i == 0 || a.End.After(to) {
			to = a.End
		}
	}
	t := from.In(loc)
	abbr, offset = t.Zone()
	for range 10000 {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(to) {
			return true, offset, abbr
		}
		t = end.In(loc)
		if _, off := t.Zone(); off != offset {
			return false, 0, ""
		}
	}
	return false, 0, ""
}

// tzname is the TZNAME of a zone: its abbreviation, or, when it has none
// (a fixed zone named like Asia/Ho_Chi_Minh), the offset in the style of
// the tz database: +07, +0530.
func tzname(abbr string, offset int) string {
	if abbr != "" && !strings.ContainsAny(abbr, "/") {
		return abbr
	}
	s := formatOffset(offset)
	if strings.HasSuffix(s, "00") && len(s) == 5 {
		return s[:3]
	}
	return s
}

// webURL returns s, trimmed, if it is an absolute http or https URL made
// only of the characters a URI may hold (RFC 3986), so that it can be
// written as a URI value as it is.
func webURL(s string) (string, bool) {
	s = strings.TrimSpace(s)
	rest, ok := cutPrefixFold(s, "https://")
	if !ok {
		rest, ok = cutPrefixFold(s, "http://")
	}
	if !ok || rest == "" || strings.ContainsAny(rest[:1], "/?#") {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if !uriChar[s[i]] {
			return "", false
		}
	}
	return s, true
}

// cutPrefixFold is strings.CutPrefix, ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// uriChar marks the characters of RFC 3986: unreserved, reserved and '%'.
var uriChar = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%") {
		t[c] = true
	}
	return t
}()
