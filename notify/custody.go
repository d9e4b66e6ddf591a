package notify

import (
	"context"
	"strconv"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// EventCustodyLate is the event of CustodyLateMessage.
const EventCustodyLate = "custody.late"

// custodyLookback is how far back the scan looks for late custody
// requests: a request older than this is history, not an alert.
const custodyLookback = 7 * 24 * time.Hour

// custodyKey is the outbox key of the alert about request id to one
// manager: one alert per request and manager, however many replicas scan.
// It is a digest for managers, so its kind is KindDigest.
func custodyKey(id int64, bare string) string {
	return KindDigest + ":custody:" + strconv.FormatInt(id, 10) + ":" + bare
}

// CustodyLateMessage builds the alert managers get when a request from
// custody or a court missed the Center's target: nobody sent yet, or sent
// late. officers names the officers by id; listURL, if set, is the page of
// custody requests. Vietnamese, or English when lang is "en".
func CustodyLateMessage(to []string, r roster.CustodyRequest, officers map[int64]roster.Officer, target time.Duration, now time.Time,
	loc *time.Location, listURL, lang string) Message {
	l := languageFor(lang)
	name := func(id int64) string {
		if o, ok := officers[id]; ok && o.FullName != "" {
			return o.FullName
		}
		return l.Tf("org.no_name", id)
	}
	source := l.CustodySource(r.Source)
	if r.SourceName != "" {
		source += " — " + r.SourceName
	}
	person := l.PersonStatus(r.PersonStatus)
	if r.PersonName != "" {
		person = r.PersonName + " (" + person + ")"
	}
	if r.PersonAge != nil {
		person += " — " + l.Tf("custody.mail.age", *r.PersonAge)
	}
	fields := []field{
		{Label: l.T("custody.mail.received"), Value: l.When(r.ReceivedAt.In(locOr(loc, r.ReceivedAt)))},
		{Label: l.T("custody.mail.source"), Value: source},
		{Label: l.T("custody.mail.person"), Value: person},
		{Label: l.T("custody.mail.taken_by"), Value: name(r.TakenBy)},
	}
	intro, subjectKey := l.Tf("custody.mail.intro_waiting", l.Duration(target)), "custody.mail.subject_waiting"
	data := map[string]any{"custody_request_id": r.ID, "received_at": r.ReceivedAt.Format(time.RFC3339), "source": string(r.Source),
		"taken_by": r.TakenBy, "target_minutes": int(target / time.Minute)}
	if d, ok := r.ResponseTime(); ok {
		intro, subjectKey = l.Tf("custody.mail.intro_late", l.Duration(target)), "custody.mail.subject_late"
		fields = append(fields, field{Label: l.T("custody.mail.sent"), Value: name(*r.SentOfficer)},
			field{Label: l.T("custody.mail.response"), Value: l.Duration(d)})
		data["sent_officer_id"], data["response_minutes"] = *r.SentOfficer, int(d/time.Minute)
	} else {
		fields = append(fields, field{Label: l.T("custody.mail.waiting"), Value: l.Duration(now.Sub(r.ReceivedAt))})
	}
	v := &mailView{Lang: l.Code(), Intro: []string{intro}, Fields: fields, Footer: footer(l)}
	if listURL != "" {
		v.Links = []link{{Label: l.T("custody.mail.link"), URL: listURL}}
	}
	subject := l.Tf(subjectKey, l.CustodySource(r.Source), l.When(r.ReceivedAt.In(locOr(loc, r.ReceivedAt))))
	return build(v, to, subject, EventCustodyLate, "", data)
}

// enqueueCustodyLate flags to the managers each custody request of the
// last week that missed the Center's target (settings: custody), once per
// request and manager.
func (s *Scheduler) enqueueCustodyLate(ctx context.Context) (int, error) {
	now := s.now().In(s.cfg.Loc)
	set, err := s.st.Settings(ctx)
	if err != nil {
		return 0, err
	}
	target := set.Custody.Target()
	late, err := s.st.ListCustodyRequests(ctx, store.CustodyFilter{From: now.Add(-custodyLookback), Late: true, Target: target})
	if err != nil || len(late) == 0 {
		return 0, err
	}
	var ids []int64
	for _, r := range late {
		ids = append(ids, r.TakenBy)
		if r.SentOfficer != nil {
			ids = append(ids, *r.SentOfficer)
		}
	}
	officers, err := s.st.OfficersByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	to, err := s.managerRecipients(ctx)
	if err != nil {
		return 0, err
	}
	if len(to) == 0 {
		s.log.Warn("notify: custody requests answered late, but no manager recipient to warn", "requests", len(late))
		return 0, nil
	}
	listURL := ""
	if s.cfg.BaseURL != "" {
		listURL = s.cfg.BaseURL + "/manage/custody"
	}
	var entries []Entry
	for _, r := range late {
		for _, rc := range to {
			m := CustodyLateMessage([]string{rc.addr}, r, officers, target, now, s.cfg.Loc, listURL, rc.lang)
			m.Key = custodyKey(r.ID, rc.bare)
			entries = append(entries, Entry{Kind: KindDigest, Channel: ChannelEmail, Message: m, Recipient: rc.addr,
				DueAt: now, GiveUpAt: now.Add(24 * time.Hour)})
		}
	}
	n, err := s.outbox.Enqueue(ctx, entries)
	if n > 0 {
		s.log.Warn("notify: custody requests answered late flagged to managers", "messages", n)
	}
	return n, err
}
