package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// The outbox keeps each (key, channel) once, lets one claimer take a due
// message, and records what became of it.
func TestOutboxRoundTrip(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2027, 1, 4, 9, 0, 0, 0, loc)
		e := store.OutboxEntry{Key: "digest:2027-01-04:a@example.org", Kind: roster.KindDigest, Channel: roster.ChannelEmail,
			Recipient: "a@example.org", Subject: "Tóm tắt", Text: "nội dung", Headers: `{"X-A":"1"}`}
		n, err := s.EnqueueOutbox(ctx, now, []store.OutboxEntry{e, e})
		if err != nil || n != 1 {
			t.Fatalf("enqueue: %d %v", n, err)
		}
		if n, err := s.EnqueueOutbox(ctx, now, []store.OutboxEntry{e}); err != nil || n != 0 {
			t.Fatalf("enqueue again: %d %v", n, err)
		}
		have, err := s.OutboxHas(ctx, []string{e.Key, "other"})
		if err != nil || !have[store.OutboxKey{Key: e.Key, Channel: roster.ChannelEmail}] || len(have) != 1 {
			t.Fatalf("has: %v %v", have, err)
		}
		rows, token, err := s.ClaimOutbox(ctx, now, time.Minute, 10)
		if err != nil || len(rows) != 1 || rows[0].Text != "nội dung" || rows[0].Headers != `{"X-A":"1"}` || rows[0].Attempts != 1 ||
			rows[0].Status != roster.StatusSending {
			t.Fatalf("claim: %+v %v", rows, err)
		}
		if again, _, err := s.ClaimOutbox(ctx, now, time.Minute, 10); err != nil || len(again) != 0 {
			t.Fatalf("second claim took a leased message: %+v %v", again, err)
		}
		lost, err := s.CompleteOutbox(ctx, now, "another token", []store.OutboxOutcome{{ID: rows[0].ID, Status: roster.StatusSent}})
		if err != nil || lost != 1 {
			t.Fatalf("complete with a wrong token: lost %d, %v", lost, err)
		}
		if lost, err := s.CompleteOutbox(ctx, now, token, []store.OutboxOutcome{{ID: rows[0].ID, Status: roster.StatusSent}}); err != nil || lost != 0 {
			t.Fatalf("complete: lost %d, %v", lost, err)
		}
		counts, err := s.OutboxCounts(ctx)
		if err != nil || counts[roster.StatusSent] != 1 || len(counts) != 1 {
			t.Fatalf("counts: %v %v", counts, err)
		}
		list, err := s.ListNotifications(ctx, store.NotificationFilter{Kind: roster.KindDigest})
		if err != nil || len(list) != 1 || list[0].SentAt == nil || list[0].Status != roster.StatusSent {
			t.Fatalf("list: %+v %v", list, err)
		}
	})
}

// Every outbox error goes through the store's error mapping: a deadlock or
// a serialization failure is a conflict (409) to try again, not an
// internal error (500).
func TestOutboxErrorsMapped(t *testing.T) {
	t.Parallel()
	for _, code := range []string{"40P01", "40001"} {
		storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
			ctx := context.Background()
			now := time.Date(2027, 1, 4, 9, 0, 0, 0, loc)
			s.FailTable("notifications", &pgconn.PgError{Code: code, Message: "deadlock detected"})
			calls := map[string]func() error{
				"enqueue": func() error {
					_, err := s.EnqueueOutbox(ctx, now, []store.OutboxEntry{{Key: "k", Kind: roster.KindDigest, Channel: roster.ChannelLog}})
					return err
				},
				"claim": func() error { _, _, err := s.ClaimOutbox(ctx, now, time.Minute, 5); return err },
				"complete": func() error {
					_, err := s.CompleteOutbox(ctx, now, "t", []store.OutboxOutcome{{ID: 1, Status: roster.StatusSent}})
					return err
				},
				"list":   func() error { _, err := s.ListNotifications(ctx, store.NotificationFilter{}); return err },
				"counts": func() error { _, err := s.OutboxCounts(ctx); return err },
				"has":    func() error { _, err := s.OutboxHas(ctx, []string{"k"}); return err },
				"told":   func() error { _, err := s.ToldSince(ctx, 1, 1, 1); return err },
			}
			for name, call := range calls {
				if err := call(); roster.ErrorCode(err) != roster.EConflict {
					t.Errorf("%s with error %s: %v (code %q), want a conflict", name, code, err, roster.ErrorCode(err))
				}
			}
		})
	}
}

// RunExclusive runs one run of a job at a time, and each after the other.
func TestRunExclusive(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var inner bool
		ran, err := s.RunExclusive(ctx, "digest", func(ctx context.Context) error {
			var err error
			inner, err = s.RunExclusive(ctx, "digest", func(context.Context) error { return nil })
			if err != nil {
				return err
			}
			// Another job is not held up.
			other, err := s.RunExclusive(ctx, "reminders", func(context.Context) error { return nil })
			if !other {
				t.Error("another job did not run")
			}
			return err
		})
		if err != nil || !ran || inner {
			t.Fatalf("ran %v, inner ran %v, err %v", ran, inner, err)
		}
		if ran, err := s.RunExclusive(ctx, "digest", func(context.Context) error { return nil }); !ran || err != nil {
			t.Fatalf("after the first run: ran %v, %v", ran, err)
		}
	})
}

// A publication for a recipient awaits its e-mail until a job queues it;
// the mark and the outbox rows are written together, once.
func TestPublicationMailQueue(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, _, _ := seed(t, s)
		now := time.Date(2027, 1, 4, 9, 0, 0, 0, loc)
		from, to := roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 8)
		p, err := s.CreatePublication(ctx, "manager", roster.Publication{SiteID: site.ID, From: from, To: to, Recipient: "a@example.org"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreatePublication(ctx, "manager", roster.Publication{SiteID: site.ID, From: from, To: to}); err != nil {
			t.Fatal(err)
		}
		waiting, err := s.PublicationsAwaitingMail(ctx, 10)
		if err != nil || len(waiting) != 1 || waiting[0].ID != p.ID || waiting[0].SiteCode != site.Code || waiting[0].Recipient != "a@example.org" {
			t.Fatalf("awaiting: %+v %v", waiting, err)
		}
		// A broken entry rolls the mark back.
		if _, err := s.QueuePublicationMail(ctx, now, p.ID, []store.OutboxEntry{{Kind: roster.KindPublish, Channel: roster.ChannelEmail}}); err == nil {
			t.Fatal("an entry without a key was accepted")
		}
		if waiting, _ := s.PublicationsAwaitingMail(ctx, 10); len(waiting) != 1 {
			t.Fatalf("the failed queueing marked the publication: %+v", waiting)
		}
		e := store.OutboxEntry{Key: roster.PublishKey(site.Code, p), Kind: roster.KindPublish, Channel: roster.ChannelEmail, Recipient: "a@example.org"}
		if ok, err := s.QueuePublicationMail(ctx, now, p.ID, []store.OutboxEntry{e}); !ok || err != nil {
			t.Fatalf("queue: %v %v", ok, err)
		}
		if ok, err := s.QueuePublicationMail(ctx, now, p.ID, []store.OutboxEntry{e}); ok || err != nil {
			t.Fatalf("queue again: %v %v", ok, err)
		}
		if waiting, _ := s.PublicationsAwaitingMail(ctx, 10); len(waiting) != 0 {
			t.Fatalf("still awaiting: %+v", waiting)
		}
		list, err := s.ListNotifications(ctx, store.NotificationFilter{Kind: roster.KindPublish})
		if err != nil || len(list) != 1 || list[0].Key != "publish:TAND-HP:2027-01-04:2027-01-08:1" {
			t.Fatalf("outbox: %+v %v", list, err)
		}
	})
}
