package calendar

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
)

// words are the texts of a feed in one language, taken from the catalog
// once so that rendering a feed looks nothing up.
type words struct {
	lang          catalog.Lang
	defaultName   string
	duty          string // summary head
	backupTag     string // appended to the head of a backup's duty
	cancelledTag  string // prepended to a cancelled duty's summary
	cancelledOwn  string // first line of a cancelled duty in an officer feed
	cancelledSite string // first line of a cancelled duty in a site feed
	role          string
	rolePrimary   string
	roleBackup    string
	site          string
	slot          string
	when          string
	venue         string
	address       string
	reception     string
	backups       string // label of a primary's backup officers
	primaries     string // label of a backup's primary officers
	swap          string
	phone         string
	noName        string // "%d" is the officer's ID
}

// wordsOf takes the texts of a feed in l from the catalog.
func wordsOf(l catalog.Lang) words {
	return words{
		lang:          l,
		defaultName:   l.T("app.name"),
		duty:          l.T("feed.duty"),
		backupTag:     l.T("feed.backup_tag"),
		cancelledTag:  l.T("feed.cancelled_tag"),
		cancelledOwn:  l.T("feed.cancelled_own"),
		cancelledSite: l.T("feed.cancelled_site"),
		role:          l.T("common.role"),
		rolePrimary:   l.Role(roster.Primary),
		roleBackup:    l.Role(roster.Backup),
		site:          l.T("common.site"),
		slot:          l.T("common.slot"),
		when:          l.T("common.time"),
		venue:         l.T("common.venue"),
		address:       l.T("common.address"),
		reception:     l.T("common.reception"),
		backups:       l.Role(roster.Backup),
		primaries:     l.Role(roster.Primary),
		swap:          l.T("feed.swap"),
		phone:         l.T("common.phone"),
		noName:        l.T("org.no_name"),
	}
}

// The texts of the feeds in each language; read only.
var (
	vi = wordsOf(catalog.VI)
	en = wordsOf(catalog.EN)
)

// wordsFor returns the texts for lang: English for "en" (and "en-…"),
// Vietnamese otherwise.
func wordsFor(lang string) *words {
	if catalog.Parse(clean(lang)) == catalog.EN {
		return &en
	}
	return &vi
}

// cleaner is clean with a memory: a feed repeats the same site, slot and
// officers in every event, and looking them up costs less than cleaning
// (and validating the UTF-8 of) Vietnamese text again. A nil cleaner
// just cleans.
type cleaner map[string]string

// maxMemo bounds a cleaner's memory: random titles must not grow it.
const maxMemo = 1024

// clean is the package's clean, remembered.
func (c cleaner) clean(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := c[s]; ok {
		return v
	}
	v := clean(s)
	if c != nil && len(c) < maxMemo {
		c[s] = v
	}
	return v
}

// view is a duty with its texts cleaned, once.
type view struct {
	c         cleaner
	d         *Duty
	title     string // the summary override
	slot      string
	site      string // the site's name, or its code
	address   string
	reception string // the site's reception phone
	venue     string // the location override
}

// newView cleans d's texts, with c's memory.
func newView(c cleaner, d *Duty) view {
	return view{
		c:         c,
		d:         d,
		title:     clean(d.Title),
		slot:      c.clean(d.Assignment.SlotName),
		site:      siteName(c, d),
		address:   c.clean(d.Site.Address),
		reception: c.clean(d.Site.ReceptionPhone),
		venue:     c.clean(d.Location),
	}
}

// location is the LOCATION: the override, or in an officer feed the
// site's name and address. A site feed is the site's own calendar: its
// events name a place only when it is elsewhere (an outreach venue), which
// also keeps a year of a busy site well under 1 MB.
func (v *view) location(kind string) string {
	switch {
	case v.venue != "":
		return v.venue
	case kind == KindSite:
		return ""
	case v.site != "" && v.address != "":
		return v.site + ", " + v.address
	case v.address != "":
		return v.address
	default:
		return v.site
	}
}

// summary is the SUMMARY of d. An officer feed names the site, a site feed
// the officer: "Trực TGPL: Nguyễn Văn An (Sáng)".
func (w *words) summary(kind string, d *Duty, cancelled bool) string {
	v := newView(nil, d)
	return w.summaryOf(kind, &v, cancelled)
}

// summaryOf is summary for a view.
func (w *words) summaryOf(kind string, v *view, cancelled bool) string {
	d := v.d
	var b strings.Builder
	b.Grow(len(v.title) + len(d.Officer.FullName) + len(v.site) + len(v.slot) + 48)
	if cancelled {
		b.WriteString(w.cancelledTag)
	}
	if v.title != "" {
		b.WriteString(v.title)
	} else {
		b.WriteString(w.duty)
	}
	if d.Assignment.Role == roster.Backup {
		b.WriteString(w.backupTag)
	}
	switch {
	case kind == KindSite:
		b.WriteString(": ")
		b.WriteString(w.name(v.c, d.Officer))
	case v.title == "" && v.site != "":
		b.WriteString(": ")
		b.WriteString(v.site)
	}
	if v.slot != "" {
		b.WriteString(" (")
		b.WriteString(v.slot)
		b.WriteString(")")
	}
	return b.String()
}

// descLine is one line of a description: "label: a", or "label: a<sep>b"
// when b is set too. a and b are clean; a line with neither is dropped.
type descLine struct{ label, a, sep, b string }

// appendTo appends the line as plain text.
func (l *descLine) appendTo(sb *strings.Builder) {
	if l.label != "" {
		sb.WriteString(l.label)
		sb.WriteString(": ")
	}
	sb.WriteString(l.a)
	if l.b != "" {
		if l.a != "" {
			sb.WriteString(l.sep)
		}
		sb.WriteString(l.b)
	}
}

// describe appends to out the lines of the DESCRIPTION: what the person on
// duty, or reception, needs to know, one item a line.
func (w *words) describe(out []descLine, kind string, v *view, cancelled bool, loc *time.Location) []descLine {
	add := func(label, a, sep, b string) {
		if a != "" || b != "" {
			out = append(out, descLine{label, a, sep, b})
		}
	}
	d := v.d
	a := &d.Assignment
	if cancelled {
		if kind == KindSite {
			add("", w.cancelledSite, "", "")
		} else {
			add("", w.cancelledOwn, "", "")
		}
	}
	if kind == KindSite {
		add(w.phone, v.c.clean(d.Officer.Phone), "", "")
	}
	role, others := w.rolePrimary, w.backups
	if a.Role == roster.Backup {
		role, others = w.roleBackup, w.primaries
	}
	add(w.role, role, "", "")
	if kind == KindOfficer {
		// The site feed leaves these to DTSTART, DTEND and LOCATION: its
		// reader is at the site, and a busy site's year stays under 1 MB.
		add(w.site, v.site, "", "")
		when := w.span(a.Start.In(loc), a.End.In(loc))
		if v.slot != "" {
			add(w.slot, v.slot, ", ", when)
		} else {
			add(w.when, when, "", "")
		}
		if v.venue != "" {
			add(w.venue, v.venue, "", "")
		} else {
			add(w.address, v.address, "", "")
		}
		add(w.reception, v.reception, "", "")
	}
	for i := range d.Backups {
		add(others, w.name(v.c, d.Backups[i]), " – ", v.c.clean(d.Backups[i].Phone))
	}
	if kind == KindOfficer && !cancelled {
		add(w.swap, clean(d.SwapURL), "", "")
	}
	return out
}

// description returns the DESCRIPTION of d as a string.
func (w *words) description(kind string, d *Duty, cancelled bool, loc *time.Location) string {
	v := newView(nil, d)
	var sb strings.Builder
	for i, l := range w.describe(nil, kind, &v, cancelled, loc) {
		if i > 0 {
			sb.WriteByte('\n')
		}
		l.appendTo(&sb)
	}
	return sb.String()
}

// clean makes s fit for one line of text: control characters (line breaks
// and tabs included) become spaces, invalid UTF-8 becomes U+FFFD, and the
// surrounding space is trimmed. The encoder would escape or drop them
// anyway; cleaning first keeps names on one line and lets an empty-looking
// value count as empty.
func clean(s string) string {
	plain, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			plain = false
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if plain && (ascii || utf8.ValidString(s)) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // an invalid byte comes as utf8.RuneError, U+FFFD
		if r < 0x20 || r == 0x7f {
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// name is an officer's full name, or a placeholder with the ID.
func (w *words) name(c cleaner, o roster.Officer) string {
	if n := c.clean(o.FullName); n != "" {
		return n
	}
	return fmt.Sprintf(w.noName, o.ID)
}

// siteName is the name of d's site, or its code.
func siteName(c cleaner, d *Duty) string {
	if n := c.clean(d.Site.Name); n != "" {
		return n
	}
	if code := c.clean(d.Site.Code); code != "" {
		return code
	}
	return c.clean(d.Assignment.SiteCode)
}

// span formats when a duty runs, in the zone of start, with the catalog's
// one format of a span of time: "Thứ Hai, 04/01/2027, 07:30–11:30".
func (w *words) span(start, end time.Time) string {
	return w.lang.TimeSpan(start, end)
}
