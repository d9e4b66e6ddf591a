package notify

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
)

// Message is one notification, ready for any Sender: an e-mail's recipients,
// subject and bodies, plus what a webhook receiver needs to act on it.
type Message struct {
	// To are the recipients' e-mail addresses ("an@example.vn" or
	// "Nguyễn Văn An <an@example.vn>").
	To []string
	// Subject is the subject line, in plain UTF-8 (senders encode it).
	Subject string
	// Text is the plain-text body; HTML the HTML alternative. Either may
	// be empty, not both.
	Text, HTML string
	// Headers are extra e-mail headers, such as "Auto-Submitted"; a
	// "Message-ID" here replaces the one the SMTP sender makes. Headers
	// the sender sets itself (From, To, Subject, Date, MIME ones) are
	// refused.
	Headers map[string]string
	// Event names what the message is about, for webhook receivers and
	// logs: "duty.reminder", "duty.assigned", "digest.uncovered", …
	Event string
	// Key identifies the message for idempotent delivery: the outbox's
	// key, sent as the webhook's "id" and used for the e-mail's
	// Message-ID, so a retried message is recognisably the same.
	Key string
	// Data is the structured content for webhook receivers; it must
	// encode as JSON.
	Data map[string]any
}

// Events of the messages this package builds.
const (
	EventReminder  = "duty.reminder"
	EventDigest    = "digest.uncovered"
	EventSchedule  = "schedule.published"
	eventChangePfx = "duty." // + the change kind
)

// Kinds of duty change for ChangeMessage.
const (
	ChangeAssigned   = "assigned"   // the officer has a new duty
	ChangeReassigned = "reassigned" // the duty went to another officer
	ChangeMoved      = "moved"      // the duty's time or place changed
	ChangeCancelled  = "cancelled"  // the duty no longer takes place
)

// DutyInfo is a duty with everything a message about it shows.
type DutyInfo struct {
	Assignment roster.Assignment // the duty
	Site       roster.Site       // where it is held
	Officer    roster.Officer    // the officer the message is for
	Others     []roster.Officer  // the backups of a primary, or the primaries of a backup
	FeedURL    string            // the officer's personal calendar feed
	SwapURL    string            // where the officer asks for a swap of this duty
	// Previous is the duty as it was before a "moved" change, if known;
	// the notice then shows the old time too.
	Previous *roster.Assignment
}

// UncoveredSlot is a slot occurrence that lacks officers, for a manager
// digest.
type UncoveredSlot struct {
	SiteCode   string                // the site's code, as "TAND-KV1"
	SiteName   string                // the site's name
	Date       roster.Date           // the day the slot occurs
	Slot       string                // the slot's name, as "Sáng"
	Start, End time.Time             // zero when only the day is known
	Role       roster.AssignmentRole // the role missing; "" means primary
	Missing    int                   // officers still needed; 0 counts as 1
	Reason     string                // optional, e.g. "leave of Nguyễn Văn An"
}

// commonHeaders are the headers every built message carries: it is
// automatic mail, so vacation responders should stay quiet (RFC 3834).
func commonHeaders() map[string]string {
	return map[string]string{"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
}

// recipients returns the officer's address as a To list, or none.
func recipients(o roster.Officer) []string {
	if o.Email == "" {
		return nil
	}
	return []string{o.Email}
}

// dutyFields lists the details of a duty: site, address, slot, time, role,
// the other officers with their phones, the reception phone.
func dutyFields(l catalog.Lang, d DutyInfo, loc *time.Location, withOthers bool) []field {
	a := d.Assignment
	fs := []field{{Label: l.T("common.site"), Value: d.Site.Name}}
	if d.Site.Address != "" {
		fs = append(fs, field{Label: l.T("common.address"), Value: d.Site.Address})
	}
	if a.SlotName != "" {
		fs = append(fs, field{Label: l.T("common.slot"), Value: a.SlotName})
	}
	fs = append(fs,
		field{Label: l.T("common.time"), Value: span(l, a.Start, a.End, loc)},
		field{Label: l.T("common.role"), Value: l.Role(a.Role)},
	)
	if withOthers {
		label := l.Role(roster.Backup)
		if a.Role == roster.Backup {
			label = l.Role(roster.Primary)
		}
		for _, o := range d.Others {
			v := o.FullName
			if o.Phone != "" {
				v += " – " + o.Phone
			}
			fs = append(fs, field{Label: label, Value: v, Href: telURL(o.Phone)})
		}
	}
	if d.Site.ReceptionPhone != "" {
		fs = append(fs, field{Label: l.T("common.reception"), Value: d.Site.ReceptionPhone, Href: telURL(d.Site.ReceptionPhone)})
	}
	return fs
}

// dutyLinks lists the feed link and, if asked, the swap link.
func dutyLinks(l catalog.Lang, d DutyInfo, withSwap bool) []link {
	var ls []link
	if d.FeedURL != "" {
		ls = append(ls, link{Label: l.T("mail.feed_link"), URL: d.FeedURL})
	}
	if withSwap && d.SwapURL != "" {
		ls = append(ls, link{Label: l.T("mail.swap_link"), URL: d.SwapURL})
	}
	return ls
}

// dutyData is the structured form of a duty for webhook receivers, with the
// field names of the HTTP API.
func dutyData(d DutyInfo, loc *time.Location) map[string]any {
	a := d.Assignment
	others := make([]map[string]any, 0, len(d.Others))
	for _, o := range d.Others {
		others = append(others, map[string]any{"officer_id": o.ID, "full_name": o.FullName, "phone": o.Phone})
	}
	m := map[string]any{
		"assignment_id":   a.ID,
		"site":            cmp.Or(a.SiteCode, d.Site.Code),
		"site_name":       d.Site.Name,
		"address":         d.Site.Address,
		"reception_phone": d.Site.ReceptionPhone,
		"slot":            a.SlotName,
		"role":            string(cmp.Or(a.Role, roster.Primary)),
		"officer_id":      a.OfficerID,
		"full_name":       d.Officer.FullName,
		"start":           a.Start.In(loc).Format(time.RFC3339),
		"end":             a.End.In(loc).Format(time.RFC3339),
		"status":          string(cmp.Or(a.Status, roster.Scheduled)),
		"version":         a.Version,
		"others":          others,
	}
	if d.FeedURL != "" {
		m["feed_url"] = d.FeedURL
	}
	if d.SwapURL != "" {
		m["swap_url"] = d.SwapURL
	}
	return m
}

// build renders a view into a Message.
func build(v *mailView, to []string, subject, event, key string, data map[string]any) Message {
	v.Title = oneLine(subject)
	html, err := v.html()
	if err != nil { // the template only sees strings; keep the text body regardless
		html = ""
	}
	return Message{
		To:      to,
		Subject: oneLine(subject),
		Text:    v.text(),
		HTML:    html,
		Headers: commonHeaders(),
		Event:   event,
		Key:     key,
		Data:    data,
	}
}

// ReminderMessage builds the reminder an officer gets lead before a duty:
// site and address, slot, start and end in loc (nil: the zone of the
// duty's Start), role, the other officers with their phones, the reception
// phone, and the officer's feed and swap links. It is in Vietnamese, or in
// English when d.Officer.Language is "en". Its Key is the Reminder's.
func ReminderMessage(d DutyInfo, lead time.Duration, loc *time.Location) Message {
	loc = locOr(loc, d.Assignment.Start)
	l := languageFor(d.Officer.Language)
	a := d.Assignment
	v := &mailView{
		Lang:     l.Code(),
		Greeting: l.Tf("mail.greeting", d.Officer.FullName),
		Intro:    []string{l.Tf("mail.reminder.intro", l.Lead(lead))},
		Fields:   dutyFields(l, d, loc, true),
		Links:    dutyLinks(l, d, true),
		Footer:   footer(l),
	}
	subject := l.Tf("mail.reminder.subject", span(l, a.Start, a.End, loc)+" – "+d.Site.Name)
	data := dutyData(d, loc)
	data["lead"] = shortDuration(lead)
	key := Reminder{AssignmentID: a.ID, OfficerID: a.OfficerID, Lead: lead, Version: a.Version}.Key()
	return build(v, recipients(d.Officer), subject, EventReminder, key, data)
}

// ChangeMessage builds the notice an officer gets when a duty changes. kind
// is ChangeAssigned, ChangeReassigned (the duty went to someone else: d is
// the duty as the old officer held it), ChangeMoved (d is the new state;
// d.Previous, if set, the old one) or ChangeCancelled; any other kind gives
// a generic "changed" notice. Times are shown in loc (nil: the zone of the
// duty's Start), in the officer's language.
func ChangeMessage(kind string, d DutyInfo, loc *time.Location) Message {
	loc = locOr(loc, d.Assignment.Start)
	l := languageFor(d.Officer.Language)
	a := d.Assignment
	known := kind == ChangeAssigned || kind == ChangeReassigned || kind == ChangeMoved || kind == ChangeCancelled
	tkey := kind
	if !known {
		tkey = "changed"
	}
	// Someone who no longer holds the duty needs neither colleagues'
	// phones nor a swap link.
	holds := kind != ChangeReassigned && kind != ChangeCancelled
	fields := dutyFields(l, d, loc, holds)
	if kind == ChangeMoved && d.Previous != nil {
		prev := field{Label: l.T("mail.previously"), Value: span(l, d.Previous.Start, d.Previous.End, loc)}
		if d.Previous.SlotName != "" && d.Previous.SlotName != a.SlotName {
			prev.Value += " (" + d.Previous.SlotName + ")"
		}
		fields = slices.Insert(fields, whenIndex(fields, l)+1, prev)
	}
	v := &mailView{
		Lang:     l.Code(),
		Greeting: l.Tf("mail.greeting", d.Officer.FullName),
		Intro:    []string{l.T("mail.change.intro." + tkey)},
		Fields:   fields,
		Links:    dutyLinks(l, d, holds),
		Footer:   footer(l),
	}
	subject := l.Tf("mail.change.subject."+tkey, span(l, a.Start, a.End, loc)+" – "+d.Site.Name)
	data := dutyData(d, loc)
	data["change"] = kind
	if d.Previous != nil {
		data["previous_start"] = d.Previous.Start.In(loc).Format(time.RFC3339)
		data["previous_end"] = d.Previous.End.In(loc).Format(time.RFC3339)
	}
	event := eventChangePfx + kind
	if !known {
		event = eventChangePfx + "changed"
	}
	key := "change:" + tkey + ":" + strconv.FormatInt(a.ID, 10) + ":v" +
		strconv.Itoa(a.Version) + ":o" + strconv.FormatInt(d.Officer.ID, 10)
	return build(v, recipients(d.Officer), subject, event, key, data)
}

// whenIndex returns the index of the time field in fs.
func whenIndex(fs []field, l catalog.Lang) int {
	for i, f := range fs {
		if f.Label == l.T("common.time") {
			return i
		}
	}
	return len(fs) - 1
}

// DigestMessage builds the digest of uncovered slots for managers, grouped
// by site (the site with the earliest gap first) and ordered by time, in lang ("en" for English, Vietnamese
// otherwise), times in loc (nil: each slot's own zone). An empty list gives a short "all covered" message; the
// caller decides whether to send it.
func DigestMessage(to []string, uncovered []UncoveredSlot, loc *time.Location, lang string) Message {
	l := languageFor(lang)
	// Sites come in the order of their first uncovered slot, the most
	// urgent first; each site's slots in time order.
	slots := slices.Clone(uncovered)
	before := func(x, y UncoveredSlot) int {
		return cmp.Or(x.Date.Compare(y.Date), x.Start.Compare(y.Start), cmp.Compare(x.Slot, y.Slot))
	}
	first := map[string]UncoveredSlot{}
	for _, s := range slots {
		if f, ok := first[s.SiteCode]; !ok || before(s, f) < 0 {
			first[s.SiteCode] = s
		}
	}
	slices.SortStableFunc(slots, func(x, y UncoveredSlot) int {
		return cmp.Or(before(first[x.SiteCode], first[y.SiteCode]), cmp.Compare(x.SiteCode, y.SiteCode), before(x, y))
	})
	v := &mailView{Lang: l.Code(), Footer: footer(l)}
	columns := []string{l.T("common.time"), l.T("common.slot"), l.T("mail.digest.col.missing"), l.T("mail.digest.col.note")}
	items := make([]map[string]any, 0, len(slots))
	for _, s := range slots {
		title := s.SiteName
		switch {
		case title == "":
			title = s.SiteCode
		case s.SiteCode != "":
			title += " (" + s.SiteCode + ")"
		}
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].Title != title {
			v.Groups = append(v.Groups, group{Title: title, Columns: columns})
		}
		g := &v.Groups[len(v.Groups)-1]
		when := l.LongDay(s.Date)
		if !s.Start.IsZero() {
			when = span(l, s.Start, s.End, locOr(loc, s.Start))
		}
		n := max(s.Missing, 1)
		role := cmp.Or(s.Role, roster.Primary)
		g.Rows = append(g.Rows, []string{when, s.Slot, l.Missing(n, role), s.Reason})
		item := map[string]any{"site": s.SiteCode, "date": s.Date.String(), "slot": s.Slot, "role": string(role), "missing": n}
		if !s.Start.IsZero() {
			item["start"] = s.Start.In(locOr(loc, s.Start)).Format(time.RFC3339)
			item["end"] = s.End.In(locOr(loc, s.Start)).Format(time.RFC3339)
		}
		if s.Reason != "" {
			item["reason"] = s.Reason
		}
		items = append(items, item)
	}
	subject := l.Tf("mail.digest.subject", len(slots))
	if len(slots) == 0 {
		subject = l.T("mail.digest.subject_none")
		v.Intro = []string{l.T("mail.digest.none")}
	} else {
		v.Intro = []string{l.T("mail.digest.intro")}
	}
	return build(v, to, subject, EventDigest, "", map[string]any{"count": len(slots), "uncovered": items})
}

// ScheduleMessage builds a site's published duty schedule (lịch phân công)
// for the days from through until (inclusive, in loc; nil: each duty's own
// zone), in Vietnamese, as the court
// receives it: site, address and reception phone, then day by day each
// duty's hours, slot, role, officer and phone. Cancelled duties and duties
// starting outside the range are left out.
func ScheduleMessage(to []string, site roster.Site, from, until roster.Date, duties []DutyInfo, loc *time.Location) Message {
	l := catalog.VI
	list := make([]DutyInfo, 0, len(duties))
	for _, d := range duties {
		if roster.OnSchedule(d.Assignment, from, until, loc) {
			list = append(list, d)
		}
	}
	slices.SortStableFunc(list, func(x, y DutyInfo) int {
		return cmp.Or(x.Assignment.Start.Compare(y.Assignment.Start), cmp.Compare(x.Assignment.SlotName, y.Assignment.SlotName),
			cmp.Compare(roleOrder(x.Assignment.Role), roleOrder(y.Assignment.Role)),
			cmp.Compare(x.Officer.FullName, y.Officer.FullName))
	})
	period := l.DaySpan(from, until)
	v := &mailView{
		Lang:   l.Code(),
		Intro:  []string{l.Tf("mail.schedule.intro", period)},
		Fields: []field{{Label: l.T("common.site"), Value: site.Name}},
		Footer: footer(l),
	}
	if site.Address != "" {
		v.Fields = append(v.Fields, field{Label: l.T("common.address"), Value: site.Address})
	}
	if site.ReceptionPhone != "" {
		v.Fields = append(v.Fields, field{Label: l.T("common.reception"), Value: site.ReceptionPhone, Href: telURL(site.ReceptionPhone)})
	}
	columns := []string{l.T("mail.schedule.col.hours"), l.T("common.slot"), l.T("common.role"), l.T("mail.schedule.col.officer"), l.T("common.phone")}
	items := make([]map[string]any, 0, len(list))
	for _, d := range list {
		a := d.Assignment
		zone := locOr(loc, a.Start)
		title := dayOf(l, a.Start, zone)
		if len(v.Groups) == 0 || v.Groups[len(v.Groups)-1].Title != title {
			v.Groups = append(v.Groups, group{Title: title, Columns: columns})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Rows = append(g.Rows, []string{clockSpan(l, a.Start, a.End, zone), a.SlotName, l.Role(a.Role), d.Officer.FullName, d.Officer.Phone})
		items = append(items, map[string]any{
			"id": a.ID, "slot": a.SlotName, "role": string(cmp.Or(a.Role, roster.Primary)),
			"officer_id": a.OfficerID, "full_name": d.Officer.FullName, "phone": d.Officer.Phone,
			"start": a.Start.In(zone).Format(time.RFC3339), "end": a.End.In(zone).Format(time.RFC3339),
		})
	}
	if len(list) == 0 {
		v.Outro = []string{l.T("mail.schedule.none")}
	}
	subject := l.Tf("mail.schedule.subject", site.Name, period)
	data := map[string]any{"site": site.Code, "site_name": site.Name, "from": from.String(), "to": until.String(), "assignments": items}
	return build(v, to, subject, EventSchedule, "", data)
}

// roleOrder puts primaries before backups.
func roleOrder(r roster.AssignmentRole) int {
	if r == roster.Backup {
		return 1
	}
	return 0
}
