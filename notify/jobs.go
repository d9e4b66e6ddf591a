package notify

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"lichtruc/calendar"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// dutyContext holds what messages about duties show, loaded once per scan.
type dutyContext struct {
	s        *Scheduler
	sites    map[int64]roster.Site
	officers map[int64]roster.Officer
	// occurrences groups duties by slot occurrence, for "Others".
	occurrences map[roster.SlotOccurrence][]roster.Assignment
}

func (s *Scheduler) newDutyContext() *dutyContext {
	return &dutyContext{s: s, sites: map[int64]roster.Site{}, officers: map[int64]roster.Officer{},
		occurrences: map[roster.SlotOccurrence][]roster.Assignment{}}
}

// addDuties records duties (for Others) and loads their officers and sites.
func (dc *dutyContext) addDuties(ctx context.Context, duties []roster.Assignment) error {
	var ids []int64
	for _, a := range duties {
		if a.Status != roster.Cancelled {
			k := roster.OccurrenceOf(a)
			if !slices.ContainsFunc(dc.occurrences[k], func(b roster.Assignment) bool { return b.ID == a.ID }) {
				dc.occurrences[k] = append(dc.occurrences[k], a)
			}
		}
		ids = append(ids, a.OfficerID)
		if err := dc.loadSite(ctx, a.SiteID); err != nil {
			return err
		}
	}
	return dc.loadOfficers(ctx, ids)
}

func (dc *dutyContext) loadSite(ctx context.Context, id int64) error {
	if _, ok := dc.sites[id]; ok {
		return nil
	}
	site, err := dc.s.st.SiteByID(ctx, id)
	if err != nil {
		return err
	}
	dc.sites[id] = site
	return nil
}

func (dc *dutyContext) loadOfficers(ctx context.Context, ids []int64) error {
	var missing []int64
	for _, id := range ids {
		if _, ok := dc.officers[id]; !ok && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	found, err := dc.s.st.OfficersByID(ctx, missing)
	if err != nil {
		return err
	}
	maps.Copy(dc.officers, found)
	return nil
}

// info builds the DutyInfo of duty a for officer o; others says whether
// the colleagues of the same occurrence are shown.
func (dc *dutyContext) info(a roster.Assignment, o roster.Officer, others bool) DutyInfo {
	base := dc.s.cfg.BaseURL
	d := DutyInfo{Assignment: a, Site: dc.sites[a.SiteID], Officer: o}
	if o.FeedSecret != "" && base != "" {
		d.FeedURL = calendar.OfficerFeedURL(base, store.FeedToken(o.ID, o.FeedSecret))
	}
	if base != "" {
		d.SwapURL = base + "/me"
	}
	if others {
		role := cmp.Or(a.Role, roster.Primary)
		for _, b := range dc.occurrences[roster.OccurrenceOf(a)] {
			if b.ID == a.ID || cmp.Or(b.Role, roster.Primary) == role {
				continue
			}
			if ob, ok := dc.officers[b.OfficerID]; ok {
				d.Others = append(d.Others, ob)
			}
		}
	}
	return d
}

// entries turns one message for officer o into an outbox entry per channel
// o chose, leaving out those in have. A missing e-mail address is stored
// as given up, so that managers see why the officer got nothing.
func officerEntries(kind string, m Message, o roster.Officer, a roster.Assignment, version int, due, giveUp time.Time, have map[keyChannel]bool) []Entry {
	var out []Entry
	for _, ch := range channelsOf(o) {
		if have[keyChannel{Key: m.Key, Channel: ch}] {
			continue
		}
		e := Entry{Kind: kind, Channel: ch, Message: m, Recipient: o.Email, OfficerID: o.ID, AssignmentID: a.ID,
			AssignmentVersion: version, SiteID: a.SiteID, DueAt: due, GiveUpAt: giveUp}
		if ch == ChannelEmail && o.Email == "" {
			e.GiveUp = fmt.Sprintf("officer %s (%d) has no e-mail address", o.FullName, o.ID)
		}
		out = append(out, e)
	}
	return out
}

// enqueueReminders writes the reminders due at s.now() to the outbox and
// returns how many it added.
func (s *Scheduler) enqueueReminders(ctx context.Context) (int, error) {
	now := s.now()
	perOfficer, err := s.officerLeads(ctx)
	if err != nil {
		return 0, err
	}
	longest := time.Duration(0)
	for _, l := range s.cfg.Leads {
		longest = max(longest, l)
	}
	for _, ls := range perOfficer {
		for _, l := range ls {
			longest = max(longest, l)
		}
	}
	if longest <= 0 {
		return 0, nil
	}
	duties, err := s.st.ListAssignments(ctx, store.AssignmentFilter{From: now, To: now.Add(longest + time.Second)})
	if err != nil {
		return 0, err
	}
	due := DueReminders(now, duties, s.cfg.Leads, perOfficer)
	if len(due) == 0 {
		return 0, nil
	}
	keys := make([]string, len(due))
	for i, r := range due {
		keys[i] = r.Key()
	}
	have, err := s.outbox.existing(ctx, keys)
	if err != nil {
		return 0, err
	}
	byID := make(map[int64]roster.Assignment, len(duties))
	for _, a := range duties {
		byID[a.ID] = a
	}
	dc := s.newDutyContext()
	loaded := false
	var entries []Entry
	for _, r := range due {
		// Skip the rendering of what is written already.
		if haveAll(have, r.Key()) {
			continue
		}
		if !loaded {
			if err := dc.addDuties(ctx, duties); err != nil {
				return 0, err
			}
			loaded = true
		}
		a := byID[r.AssignmentID]
		o, ok := dc.officers[a.OfficerID]
		if !ok {
			continue
		}
		m := ReminderMessage(dc.info(a, o, true), r.Lead, s.cfg.Loc)
		m.Key = r.Key()
		entries = append(entries, officerEntries(KindReminder, m, o, a, a.Version, r.DueAt, a.Start, have)...)
	}
	n, err := s.outbox.Enqueue(ctx, entries)
	if n > 0 {
		s.log.Info("notify: reminders queued", "messages", n)
	}
	return n, err
}

// haveAll reports whether have holds key on some channel: the scan wrote
// the message's rows together, so one means all.
func haveAll(have map[keyChannel]bool, key string) bool {
	for _, ch := range []string{ChannelEmail, ChannelWebhook, ChannelLog} {
		if have[keyChannel{Key: key, Channel: ch}] {
			return true
		}
	}
	return false
}

// changeKey is the outbox key of the notice to officer about version of
// assignment: one notice per officer and version, whatever its kind.
func changeKey(assignment int64, version int, officer int64) string {
	return "change:" + strconv.FormatInt(assignment, 10) + ":v" + strconv.Itoa(version) + ":" + strconv.FormatInt(officer, 10)
}

// notice is a change notice to write.
type notice struct {
	kind    string
	duty    roster.Assignment // as the officer should see it
	officer int64
	version int
	at      time.Time // when the change happened
}

// enqueueChanges writes the notices of duties changed in the last
// ChangeWindow that have not started: the officer who was handed a duty
// ("assigned") and the one who gave it up ("reassigned"), the officer of a
// duty whose time changed ("moved") or that was cancelled ("cancelled").
func (s *Scheduler) enqueueChanges(ctx context.Context) (int, error) {
	now := s.now()
	since := now.Add(-s.cfg.ChangeWindow)
	changed, err := s.st.ChangedAssignments(ctx, since, now)
	if err != nil {
		return 0, err
	}
	releases, err := s.st.ReleasesSince(ctx, since, now)
	if err != nil {
		return 0, err
	}
	var notices []notice
	latestRelease := map[int64]int{}
	for _, rel := range releases {
		latestRelease[rel.Assignment.ID] = max(latestRelease[rel.Assignment.ID], rel.Version)
		if rel.Assignment.OfficerID == rel.OfficerID {
			continue // they hold it again
		}
		shown := rel.Assignment
		shown.OfficerID = rel.OfficerID
		notices = append(notices, notice{ChangeReassigned, shown, rel.OfficerID, rel.Version, rel.ReleasedAt})
	}
	for _, a := range changed {
		n := notice{duty: a, officer: a.OfficerID, version: a.Version, at: a.UpdatedAt}
		rv := latestRelease[a.ID]
		switch {
		case a.Status == roster.Cancelled:
			n.kind = ChangeCancelled
		case rv == a.Version:
			n.kind = ChangeAssigned
		case rv > 0:
			// Handed over, then changed again: "assigned" unless this
			// officer has had a notice since the hand-over.
			told, err := s.st.ToldSince(ctx, a.ID, a.OfficerID, rv)
			if err != nil {
				return 0, err
			}
			n.kind = ChangeMoved
			if !told {
				n.kind = ChangeAssigned
			}
		default:
			n.kind = ChangeMoved
		}
		notices = append(notices, n)
	}
	if len(notices) == 0 {
		return 0, nil
	}
	keys := make([]string, len(notices))
	for i, n := range notices {
		keys[i] = changeKey(n.duty.ID, n.version, n.officer)
	}
	have, err := s.outbox.existing(ctx, keys)
	if err != nil {
		return 0, err
	}
	dc := s.newDutyContext()
	var entries []Entry
	for i, n := range notices {
		if haveAll(have, keys[i]) {
			continue
		}
		a := n.duty
		// The colleagues of the occurrence, for those who hold the duty.
		same, err := s.st.ListAssignments(ctx, store.AssignmentFilter{SiteID: a.SiteID, From: a.Start, To: a.Start.Add(time.Second)})
		if err != nil {
			return 0, err
		}
		if err := dc.addDuties(ctx, append(same, a)); err != nil {
			return 0, err
		}
		o, ok := dc.officers[n.officer]
		if !ok {
			continue
		}
		d := dc.info(a, o, n.kind == ChangeAssigned || n.kind == ChangeMoved)
		if n.kind == ChangeMoved {
			start, end, found, err := s.st.PreviousTimes(ctx, a.ID)
			if err != nil {
				return 0, err
			}
			if found {
				if start.Equal(a.Start) && end.Equal(a.End) {
					continue // nothing this officer sees changed
				}
				prev := a
				prev.Start, prev.End = start, end
				d.Previous = &prev
			}
		}
		m := ChangeMessage(n.kind, d, s.cfg.Loc)
		m.Key = keys[i]
		entries = append(entries, officerEntries(KindChange, m, o, a, n.version, n.at, a.Start, have)...)
	}
	added, err := s.outbox.Enqueue(ctx, entries)
	if added > 0 {
		s.log.Info("notify: change notices queued", "messages", added)
	}
	return added, err
}

// enqueueDigest writes today's digest of the slots nobody covers in the
// next DigestDays days, one e-mail per manager recipient, when there are
// any. With nothing uncovered, nothing is sent.
func (s *Scheduler) enqueueDigest(ctx context.Context) (int, error) {
	now := s.now().In(s.cfg.Loc)
	today := roster.DateOf(now)
	last := today.AddDays(s.cfg.DigestDays - 1)
	sites, err := s.st.ListSites(ctx, nil)
	if err != nil {
		return 0, err
	}
	cal, err := s.st.WorkCalendar(ctx)
	if err != nil {
		return 0, err
	}
	duties, err := s.st.ListAssignments(ctx, store.AssignmentFilter{From: today.In(s.cfg.Loc), To: last.AddDays(1).In(s.cfg.Loc)})
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	for _, site := range sites {
		names[site.Code] = site.Name
	}
	var slots []UncoveredSlot
	for _, g := range roster.Gaps(sites, today, last, cal, s.cfg.Loc, duties) {
		if !g.Start.After(now) {
			continue
		}
		slots = append(slots, UncoveredSlot{SiteCode: g.Site, SiteName: names[g.Site], Date: g.Date, Slot: g.Slot,
			Start: g.Start, End: g.End, Role: g.Role, Missing: g.Missing})
	}
	if len(slots) == 0 {
		s.log.Info("notify: digest: every slot of the next days is covered; nothing sent", "days", s.cfg.DigestDays)
		return 0, nil
	}
	to, err := s.managerRecipients(ctx)
	if err != nil {
		return 0, err
	}
	if len(to) == 0 {
		s.log.Warn("notify: digest: no recipient (no manager user with an officer e-mail, LICHTRUC_MANAGER_EMAILS empty)",
			"uncovered", len(slots))
		return 0, nil
	}
	var entries []Entry
	for _, r := range to {
		m := DigestMessage([]string{r.addr}, slots, s.cfg.Loc, r.lang)
		m.Key = "digest:" + today.String() + ":" + r.bare
		entries = append(entries, Entry{Kind: KindDigest, Channel: ChannelEmail, Message: m, Recipient: r.addr,
			DueAt: now, GiveUpAt: today.AddDays(1).In(s.cfg.Loc)})
	}
	return s.outbox.Enqueue(ctx, entries)
}

// enqueueUnpublished warns the managers, from PublishNotice working days
// before the 1st of next month, about each site with slots whose schedule
// for that month is not published in full; once per site, period and
// recipient.
func (s *Scheduler) enqueueUnpublished(ctx context.Context) (int, error) {
	now := s.now().In(s.cfg.Loc)
	today := roster.DateOf(now)
	first := roster.NewDate(today.Year, today.Month+1, 1)
	last := roster.NewDate(first.Year, first.Month+1, 0)
	cal, err := s.st.WorkCalendar(ctx)
	if err != nil {
		return 0, err
	}
	deadline := cal.AddWorkdays(first, -s.cfg.PublishNotice)
	if today.Before(deadline) {
		s.cfg.Metrics.Unpublished(0)
		return 0, nil
	}
	sites, err := s.st.ListSites(ctx, &first)
	if err != nil {
		return 0, err
	}
	var missing []roster.Site
	for _, site := range sites {
		if len(site.Slots) == 0 {
			continue
		}
		pubs, err := s.st.ListPublications(ctx, store.PublicationFilter{SiteID: site.ID, From: &first, To: &last})
		if err != nil {
			return 0, err
		}
		if !roster.PublishedThrough(pubs, first, last) {
			missing = append(missing, site)
		}
	}
	s.cfg.Metrics.Unpublished(len(missing))
	if len(missing) == 0 {
		return 0, nil
	}
	to, err := s.managerRecipients(ctx)
	if err != nil {
		return 0, err
	}
	if len(to) == 0 {
		s.log.Warn("notify: schedules not published, but no manager recipient to warn", "sites", len(missing), "from", first.String())
		return 0, nil
	}
	var entries []Entry
	for _, site := range missing {
		for _, r := range to {
			planURL := ""
			if s.cfg.BaseURL != "" {
				planURL = s.cfg.BaseURL + "/manage/sites/" + site.Code + "/plan"
			}
			m := UnpublishedMessage([]string{r.addr}, site, first, last, deadline, planURL, r.lang)
			m.Key = "unpublished:" + site.Code + ":" + first.String() + ":" + r.bare
			entries = append(entries, Entry{Kind: KindUnpublished, Channel: ChannelEmail, Message: m, Recipient: r.addr,
				SiteID: site.ID, DueAt: now, GiveUpAt: first.In(s.cfg.Loc)})
		}
	}
	n, err := s.outbox.Enqueue(ctx, entries)
	if n > 0 {
		s.log.Warn("notify: schedules not yet published", "sites", len(missing), "from", first.String(), "deadline", deadline.String())
	}
	return n, err
}
