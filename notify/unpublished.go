package notify

import (
	"fmt"

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
	var subject, intro, outro, deadlineLabel, periodLabel, linkLabel string
	if l.code == "en" {
		subject = fmt.Sprintf("Schedule not published: %s from %s", site.Name, l.civilDate(from))
		intro = "The duty schedule of the following site for the coming period has not been published yet. " +
			"It must be sent at least 5 working days before the period starts."
		outro = "Publish it (POST /api/v1/sites/" + site.Code + "/publish) once the roster is complete; this warning stops then."
		deadlineLabel, periodLabel, linkLabel = "Send by", "Period", "Plan and publish"
	} else {
		subject = fmt.Sprintf("Chưa công bố lịch trực: %s từ %s", site.Name, ddmmyyyy(from))
		intro = "Lịch phân công trực của nơi trực sau cho kỳ tới chưa được công bố. " +
			"Lịch phải được gửi chậm nhất 5 ngày làm việc trước khi kỳ trực bắt đầu."
		outro = "Xin hoàn thành lịch trực và công bố lịch (POST /api/v1/sites/" + site.Code + "/publish)."
		deadlineLabel, periodLabel, linkLabel = "Hạn gửi", "Kỳ trực", "Lập và công bố lịch"
	}
	fields := []field{
		{Label: l.site, Value: site.Name + " (" + site.Code + ")"},
		{Label: periodLabel, Value: l.civilDate(from) + " – " + l.civilDate(until)},
		{Label: deadlineLabel, Value: l.civilDate(deadline)},
	}
	v := &mailView{Lang: l.code, Intro: []string{intro}, Fields: fields, Outro: []string{outro},
		Footer: []string{l.footerOrg, l.footerNotice}}
	if planURL != "" {
		v.Links = []link{{Label: linkLabel, URL: planURL}}
	}
	data := map[string]any{"site": site.Code, "site_name": site.Name, "from": from.String(), "to": until.String(),
		"deadline": deadline.String()}
	return build(v, to, subject, EventUnpublished, "", data)
}
