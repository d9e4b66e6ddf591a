package notify

import (
	"context"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// maxSchedulesPerScan bounds how many publications one scan e-mails; the
// next scan takes the rest.
const maxSchedulesPerScan = 100

// QueueSchedules writes the e-mail of each published schedule not yet
// e-mailed (store.PublicationsAwaitingMail) to the outbox: the site's
// duties of the published days as they are now, to the contact e-mail the
// publication recorded. Each publication is marked in the same
// transaction, so that any number of replicas write each e-mail once. It
// returns how many e-mails it wrote.
func (s *Scheduler) QueueSchedules(ctx context.Context) (int, error) {
	pubs, err := s.st.PublicationsAwaitingMail(ctx, maxSchedulesPerScan)
	if err != nil || len(pubs) == 0 {
		return 0, err
	}
	loc := s.cfg.Loc
	queued := 0
	for _, p := range pubs {
		var entries []store.OutboxEntry
		if p.Recipient != "" {
			dc := s.newDutyContext()
			if err := dc.loadSite(ctx, p.SiteID); err != nil {
				return queued, err
			}
			duties, err := s.st.ListAssignments(ctx, store.AssignmentFilter{SiteID: p.SiteID,
				From: p.From.In(loc), To: p.To.AddDays(1).In(loc)})
			if err != nil {
				return queued, err
			}
			if err := dc.addDuties(ctx, duties); err != nil {
				return queued, err
			}
			site := dc.sites[p.SiteID]
			infos := make([]DutyInfo, 0, len(duties))
			for _, a := range duties {
				infos = append(infos, DutyInfo{Assignment: a, Site: site, Officer: dc.officers[a.OfficerID]})
			}
			m := ScheduleMessage([]string{p.Recipient}, site, p.From, p.To, infos, loc)
			m.Key = roster.PublishKey(site.Code, p)
			entries, err = s.outbox.Entries([]Entry{{Kind: KindPublish, Channel: ChannelEmail, Message: m,
				Recipient: p.Recipient, SiteID: site.ID, DueAt: s.now()}})
			if err != nil {
				return queued, err
			}
		}
		ok, err := s.st.QueuePublicationMail(ctx, s.now(), p.ID, entries)
		if err != nil {
			return queued, err
		}
		if ok {
			queued += len(entries)
		}
	}
	if queued > 0 {
		s.log.Info("notify: published schedules queued for e-mail", "messages", queued)
	}
	return queued, nil
}
