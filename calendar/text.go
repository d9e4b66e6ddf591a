package calendar

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lichtruc/roster"
)

// words are the texts of a feed in one language.
type words struct {
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
	noName        string
	weekdays      [7]string
	months        [12]string // empty: dates as dd/mm/yyyy
}

var vi = words{
	defaultName:   "Lịch trực trợ giúp pháp lý",
	duty:          "Trực TGPL",
	backupTag:     " (dự phòng)",
	cancelledTag:  "[Đã hủy] ",
	cancelledOwn:  "Ca trực này đã bị hủy hoặc đã chuyển cho người khác: bạn không phải trực.",
	cancelledSite: "Ca trực này đã bị hủy.",
	role:          "Vai trò",
	rolePrimary:   "trực chính",
	roleBackup:    "trực dự phòng",
	site:          "Điểm trực",
	slot:          "Ca trực",
	when:          "Thời gian",
	venue:         "Địa điểm",
	address:       "Địa chỉ",
	reception:     "Điện thoại tiếp nhận",
	backups:       "Người trực dự phòng",
	primaries:     "Người trực chính",
	swap:          "Đổi ca trực",
	phone:         "Điện thoại",
	noName:        "cán bộ #",
	weekdays:      [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"},
}

var en = words{
	defaultName:   "Legal aid duty roster",
	duty:          "Legal aid duty",
	backupTag:     " (backup)",
	cancelledTag:  "[Cancelled] ",
	cancelledOwn:  "This duty was cancelled or given to someone else: you are not on duty.",
	cancelledSite: "This duty was cancelled.",
	role:          "Role",
	rolePrimary:   "primary",
	roleBackup:    "backup",
	site:          "Site",
	slot:          "Slot",
	when:          "Time",
	venue:         "Venue",
	address:       "Address",
	reception:     "Reception phone",
	backups:       "Backup",
	primaries:     "Primary",
	swap:          "Swap this duty",
	phone:         "Phone",
	noName:        "officer #",
	weekdays:      [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	months:        [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

// wordsFor returns the texts for lang: English for "en" (and "en-…"),
// Vietnamese otherwise.
func wordsFor(lang string) *words {
	l := strings.ToLower(clean(lang))
	if l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_") {
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
	return w.noName + strconv.FormatInt(o.ID, 10)
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

// span formats when a duty runs, in the zone of start and end:
// "07:30–11:30, Thứ Hai 04/01/2027", "13:30–24:00, …", or across days
// "17:00 Thứ Hai 04/01/2027 – 07:30 Thứ Ba 05/01/2027".
func (w *words) span(start, end time.Time) string {
	b := make([]byte, 0, 64)
	sy, sm, sd := start.Date()
	ey, em, ed := end.Date()
	sameDay := sy == ey && sm == em && sd == ed
	// An end at midnight closes the start's day: 13:30–24:00.
	nextMidnight := end.Hour() == 0 && end.Minute() == 0 && end.Second() == 0 &&
		time.Date(sy, sm, sd+1, 0, 0, 0, 0, start.Location()).Equal(end)
	if sameDay || nextMidnight {
		b = appendClock(b, start)
		b = append(b, "–"...)
		if nextMidnight {
			b = append(b, "24:00"...)
		} else {
			b = appendClock(b, end)
		}
		b = append(b, ", "...)
		b = w.appendDay(b, start)
		return string(b)
	}
	b = appendClock(b, start)
	b = append(b, ' ')
	b = w.appendDay(b, start)
	b = append(b, " – "...)
	b = appendClock(b, end)
	b = append(b, ' ')
	b = w.appendDay(b, end)
	return string(b)
}

// appendClock appends HH:MM.
func appendClock(b []byte, t time.Time) []byte {
	b = appendDigits(b, t.Hour(), 2)
	b = append(b, ':')
	return appendDigits(b, t.Minute(), 2)
}

// appendDay appends the weekday and date: "Thứ Hai 04/01/2027" or
// "Mon 4 Jan 2027".
func (w *words) appendDay(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	b = append(b, w.weekdays[t.Weekday()]...)
	b = append(b, ' ')
	if w.months[0] != "" {
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ' ')
		b = append(b, w.months[m-1]...)
		b = append(b, ' ')
		return strconv.AppendInt(b, int64(y), 10)
	}
	b = appendDigits(b, d, 2)
	b = append(b, '/')
	b = appendDigits(b, int(m), 2)
	b = append(b, '/')
	return appendDigits(b, y, 4)
}
