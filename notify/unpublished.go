package notify

import (
	"lichtruc/roster"
)

// EventUnpublished is the event of UnpublishedMessage.
const EventUnpublished = "schedule.unpublished"

// UnpublishedMessage builds the warning managers get when a site's coming
// period, from through until (inclusive), has no published schedule though
// it must be sent by deadline, 5 working days before from. It is in
// Vietnamese, or in English when lang is "en"; planURL, if set, is where the
// schedule is planned and published.
func UnpublishedMessage(to []string, site roster.Site, from, until, deadline roster.Date, planURL, lang string) Message {
	l := languageFor(lang)
	fields := []field{
		{Label: l.T("common.site"), Value: site.Name + " (" + site.Code + ")"},
		{Label: l.T("mail.unpublished.period"), Value: l.DaySpan(from, until)},
		{Label: l.T("mail.unpublished.deadline"), Value: l.LongDay(deadline)},
	}
	v := &mailView{Lang: l.Code(), Intro: []string{l.T("mail.unpublished.intro")}, Fields: fields,
		Outro: []string{l.Tf("mail.unpublished.outro", site.Code)}, Footer: footer(l)}
	subject := l.Tf("mail.unpublished.subject", site.Name, l.Day(from))
	if planURL != "" {
		v.Links = []link{{Label: l.T("mail.unpublished.link"), URL: planURL}}
	}
	data := map[string]any{"site": site.Code, "site_name": site.Name, "from": from.String(), "to": until.String(),
		"deadline": deadline.String()}
	return build(v, to, subject, EventUnpublished, "", data)
}
