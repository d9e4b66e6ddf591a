package notify

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"lichtruc/api/metrics"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// batchSender is a Sender that sends several messages over one connection
// (SMTPSender).
type batchSender interface {
	SendMany(ctx context.Context, msgs []Message) []error
}

// DispatchStats counts what a dispatch did.
type DispatchStats struct {
	Sent     int // accepted by their channel
	Failed   int // failed, to be tried again
	GivenUp  int // not to be tried again
	Released int // claimed but not tried (the job was stopped); back in the queue
	Lost     int // their lease ran out before they were done; another dispatcher took them over
}

func (s *DispatchStats) add(o DispatchStats) {
	s.Sent += o.Sent
	s.Failed += o.Failed
	s.GivenUp += o.GivenUp
	s.Released += o.Released
	s.Lost += o.Lost
}

// dispatcher sends what the outbox holds through the channels' senders.
type dispatcher struct {
	outbox  *Outbox
	senders map[string]Sender
	batch   int
	workers int
	lease   time.Duration
	now     func() time.Time
	log     *slog.Logger
	// assignments returns the current state of duties, to give up
	// reminders of duties that changed since they were written.
	assignments func(ctx context.Context, ids []int64) (map[int64]roster.Assignment, error)
	metrics     *metrics.Metrics // message outcomes; nil records nothing
}

// run sends due messages until none is left, with d.workers claimers side
// by side, or until ctx is done.
func (d *dispatcher) run(ctx context.Context) (DispatchStats, error) {
	var (
		mu    sync.Mutex
		total DispatchStats
		errs  []error
		wg    sync.WaitGroup
	)
	for range max(d.workers, 1) {
		wg.Go(func() {
			for ctx.Err() == nil {
				st, n, err := d.once(ctx)
				mu.Lock()
				total.add(st)
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
				if err != nil || n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	return total, errors.Join(errs...)
}

// once claims one batch, sends it and records the outcomes; n is how many
// messages it claimed.
func (d *dispatcher) once(ctx context.Context) (DispatchStats, int, error) {
	rows, token, err := d.outbox.claim(ctx, d.batch)
	if err != nil || len(rows) == 0 {
		return DispatchStats{}, 0, err
	}
	outs := d.deliver(ctx, rows)
	var st DispatchStats
	for i, oc := range outs {
		switch oc.Status {
		case StatusSent:
			st.Sent++
		case StatusFailed:
			st.Failed++
		case StatusGivenUp:
			st.GivenUp++
		default:
			st.Released++
			continue
		}
		d.metrics.Message(rows[i].Channel, rows[i].Kind, oc.Status) // outs[i] is rows[i]'s outcome (deliver)
	}
	lost, err := d.outbox.complete(ctx, token, outs)
	st.Lost = lost
	if lost > 0 {
		d.log.Warn("notify: lease ran out before the outcome was recorded; another dispatcher took the messages over", "messages", lost)
	}
	return st, len(rows), err
}

// deliver sends the claimed rows and says what became of each.
func (d *dispatcher) deliver(ctx context.Context, rows []store.OutboxMessage) []outcome {
	now := d.now()
	outs := make([]outcome, len(rows))
	for i, r := range rows {
		outs[i].ID = r.ID
	}
	// Reminders of duties that changed since they were written are stale:
	// the new version has its own reminder.
	var dutyIDs []int64
	for _, r := range rows {
		if r.Kind == KindReminder && r.AssignmentID != nil {
			dutyIDs = append(dutyIDs, *r.AssignmentID)
		}
	}
	var duties map[int64]roster.Assignment
	if len(dutyIDs) > 0 && d.assignments != nil {
		var err error
		if duties, err = d.assignments(ctx, dutyIDs); err != nil {
			// Without the duties' state nothing is sent: release all.
			d.log.Error("notify: cannot check the duties of reminders", "err", err)
			return outs
		}
	}
	type item struct {
		i int
		m Message
	}
	groups := map[string][]item{}
	var order []string
	for i, r := range rows {
		if reason := d.pointless(r, now, duties); reason != "" {
			outs[i] = d.giveUp(r, reason)
			continue
		}
		if d.senders[r.Channel] == nil {
			outs[i] = d.giveUp(r, fmt.Sprintf("no %s sender is configured", r.Channel)+channelHint(r.Channel))
			continue
		}
		m, err := message(r)
		if err != nil {
			outs[i] = d.giveUp(r, err.Error())
			continue
		}
		if _, ok := groups[r.Channel]; !ok {
			order = append(order, r.Channel)
		}
		groups[r.Channel] = append(groups[r.Channel], item{i, m})
	}
	// Sends start only within half the lease, so the lease outlasts the
	// last send begun; what is left is released untried.
	sendCtx, cancel := context.WithTimeout(ctx, d.lease/2)
	defer cancel()
	for _, ch := range order {
		items := groups[ch]
		errs := make([]error, len(items))
		sender := d.senders[ch]
		if bs, ok := sender.(batchSender); ok {
			msgs := make([]Message, len(items))
			for j, it := range items {
				msgs[j] = it.m
			}
			errs = bs.SendMany(sendCtx, msgs)
		} else {
			for j, it := range items {
				if err := sendCtx.Err(); err != nil {
					errs[j] = &DeliveryError{Channel: ch, Err: err}
					continue
				}
				// A send under way finishes even if the job is stopped:
				// cutting it off could deliver it without recording so.
				errs[j] = sender.Send(context.WithoutCancel(sendCtx), it.m)
			}
		}
		after := d.now()
		for j, it := range items {
			outs[it.i] = d.result(rows[it.i], errs[j], after, sendCtx)
		}
	}
	return outs
}

// channelHint tells how to configure a missing sender.
func channelHint(ch string) string {
	switch ch {
	case ChannelWebhook:
		return " (LICHTRUC_WEBHOOK_URL)"
	case ChannelEmail:
		return " (LICHTRUC_SMTP_URL)"
	}
	return ""
}

// pointless says why a claimed message should not be sent any more, or "".
func (d *dispatcher) pointless(r store.OutboxMessage, now time.Time, duties map[int64]roster.Assignment) string {
	if r.GiveUpAt != nil && !now.Before(*r.GiveUpAt) {
		if r.AssignmentID != nil {
			return fmt.Sprintf("too late: the duty started at %s before the message could be sent",
				r.GiveUpAt.In(d.outbox.st.Loc()).Format(time.RFC3339))
		}
		return fmt.Sprintf("too late: not sent by %s", r.GiveUpAt.In(d.outbox.st.Loc()).Format(time.RFC3339))
	}
	if r.Kind == KindReminder && r.AssignmentID != nil && duties != nil {
		a, ok := duties[*r.AssignmentID]
		switch {
		case !ok:
			return "superseded: the duty no longer exists"
		case a.Status == roster.Cancelled:
			return "superseded: the duty was cancelled"
		case a.Version != r.AssignmentVersion:
			return fmt.Sprintf("superseded: the duty changed (version %d, reminder written for version %d)", a.Version, r.AssignmentVersion)
		}
	}
	return ""
}

// result turns a send's error into an outcome.
func (d *dispatcher) result(r store.OutboxMessage, err error, now time.Time, sendCtx context.Context) outcome {
	if err == nil {
		return outcome{ID: r.ID, Status: StatusSent}
	}
	if sendCtx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return outcome{ID: r.ID} // not tried: released
	}
	var giveUpAt time.Time
	if r.GiveUpAt != nil {
		giveUpAt = *r.GiveUpAt
	}
	if next, ok := NextRetry(now, r.Attempts, giveUpAt, err); ok {
		d.log.Warn("notify: send failed; will retry", "key", r.Key, "channel", r.Channel, "attempt", r.Attempts,
			"next", next.Format(time.RFC3339), "err", err)
		return outcome{ID: r.ID, Status: StatusFailed, Next: next, LastError: err.Error()}
	}
	var reason string
	switch {
	case IsPermanent(err):
		reason = "permanent failure: " + err.Error()
	case r.Attempts >= MaxAttempts:
		reason = fmt.Sprintf("gave up after %d attempts: %v", r.Attempts, err)
	default:
		reason = fmt.Sprintf("the duty starts at %s, before the next try: %v", giveUpAt.In(d.outbox.st.Loc()).Format(time.RFC3339), err)
	}
	return d.giveUp(r, reason)
}

// giveUp logs and returns a given-up outcome.
func (d *dispatcher) giveUp(r store.OutboxMessage, reason string) outcome {
	d.log.Warn("notify: message given up", "key", r.Key, "channel", r.Channel, "recipient", r.Recipient,
		"attempts", r.Attempts, "reason", reason)
	return outcome{ID: r.ID, Status: StatusGivenUp, LastError: reason}
}

// sortRows orders rows by due time, then id.
func sortRows(rows []store.OutboxMessage) {
	slices.SortFunc(rows, func(a, b store.OutboxMessage) int {
		return cmp.Or(a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
}
