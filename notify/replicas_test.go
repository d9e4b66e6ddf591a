package notify

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// Two schedulers, each with its own store (as two replicas are), on one
// database, scan and dispatch side by side: every reminder reaches the SMTP
// server exactly once. On PostgreSQL this is the replica set-up; on SQLite
// two stores on one file stand for two processes.
func TestTwoSchedulersDeliverOnce(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		const officers, days = 20, 5
		var duties []roster.Assignment
		for i := range officers {
			o := f.officer(fmt.Sprintf("Cán bộ %02d", i), fmt.Sprintf("canbo%02d@tgpl.example", i))
			for d := range days {
				// Each officer holds one slot a day, Monday 4 to Friday 8
				// January; the site's two slots take primary and backup.
				slot, role := "Sáng", roster.Primary
				if i%4 == 1 {
					role = roster.Backup
				}
				if i%2 == 0 {
					slot = "Chiều"
				}
				duties = append(duties, f.duty(o, 4+d, slot, role))
			}
		}
		cfg := SchedulerConfig{Batch: 3, Workers: 3}
		a := f.scheduler(f.openStore(), Senders{}, cfg)
		b := f.scheduler(f.openStore(), Senders{}, cfg)

		run := func(fn func(s *Scheduler) error) {
			t.Helper()
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, s := range []*Scheduler{a, b} {
				wg.Go(func() { errs[i] = fn(s) })
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		// Scans from Sunday morning to Friday noon, on both at once. The
		// clock ticks hourly, not every minute as cron would: each reminder
		// (due 30 minutes before a tick) still has a tick before its duty
		// starts, and the test runs a third of the 20-minute ticks.
		for at := f.at(3, 7, 0); at.Before(f.at(8, 12, 0)); at = at.Add(time.Hour) {
			f.clock.Set(at)
			run(func(s *Scheduler) error { _, err := s.RunReminderScan(f.ctx); return err })
		}
		// The enqueue step itself, without the job lock, racing: the
		// unique key keeps one row per message.
		f.clock.Set(f.at(8, 12, 45))
		run(func(s *Scheduler) error { _, err := s.enqueueReminders(f.ctx); return err })
		run(func(s *Scheduler) error { _, err := s.Dispatch(f.ctx); return err })

		want := map[string]bool{}
		for _, d := range duties {
			if d.Start.After(f.at(3, 7, 0).Add(24 * time.Hour)) {
				want[f.idOf(fmt.Sprintf("reminder:%d:86400:v1", d.ID))] = true
			}
			want[f.idOf(fmt.Sprintf("reminder:%d:3600:v1", d.ID))] = true
		}
		got := map[string]int{}
		for _, m := range f.mails() {
			got[m.id]++
		}
		for id, n := range got {
			if n != 1 {
				t.Errorf("%s delivered %d times", id, n)
			}
			if !want[id] {
				t.Errorf("%s delivered but not expected", id)
			}
		}
		for id := range want {
			if got[id] == 0 {
				t.Errorf("%s never delivered", id)
			}
		}
		if len(f.mails()) != len(want) {
			t.Errorf("%d messages delivered, want %d", len(f.mails()), len(want))
		}
		counts, err := a.Outbox().Counts(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[StatusSent] != len(want) || len(counts) != 1 {
			t.Errorf("outbox statuses %v, want %d sent", counts, len(want))
		}
	})
}

// Dispatchers racing over one big queue each take their own messages.
func TestConcurrentDispatchersClaimDisjoint(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		o := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		const n = 300
		var entries []Entry
		for i := range n {
			entries = append(entries, Entry{Kind: KindDigest, Channel: ChannelEmail, Recipient: o.Email,
				Message: Message{Key: fmt.Sprintf("digest:test:%d", i), To: []string{o.Email}, Subject: "x", Text: "x"}})
		}
		stores := []*store.Store{f.openStore(), f.openStore(), f.openStore()}
		if _, err := NewOutbox(stores[0], OutboxOptions{Now: f.clock.Now}).Enqueue(f.ctx, entries); err != nil {
			t.Fatal(err)
		}
		// Entering again adds nothing.
		if k, err := NewOutbox(stores[1], OutboxOptions{Now: f.clock.Now}).Enqueue(f.ctx, entries); err != nil || k != 0 {
			t.Fatalf("second enqueue added %d, %v", k, err)
		}
		var wg sync.WaitGroup
		stats := make([]DispatchStats, len(stores))
		for i, st := range stores {
			s := f.scheduler(st, Senders{}, SchedulerConfig{Batch: 7, Workers: 4})
			wg.Go(func() {
				var err error
				if stats[i], err = s.Dispatch(f.ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		total := 0
		for _, s := range stats {
			total += s.Sent
		}
		seen := map[string]bool{}
		for _, m := range f.mails() {
			if seen[m.id] {
				t.Errorf("%s delivered twice", m.id)
			}
			seen[m.id] = true
		}
		if total != n || len(seen) != n {
			t.Fatalf("sent %d (per dispatcher %+v), server got %d distinct, want %d", total, stats, len(seen), n)
		}
		t.Logf("messages per dispatcher: %d, %d, %d", stats[0].Sent, stats[1].Sent, stats[2].Sent)
	})
}

// The digest goes to every manager with an address and to the configured
// list, once a day, listing the slots nobody covers in the next 14 days.
func TestDigest(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		boss := f.officer("Vũ Thị Giám Đốc", "giamdoc@tgpl.example")
		// A manager linked to an officer, as older versions allowed (the
		// store links only officer users now): the digest still reaches
		// the officer's address.
		if _, err := f.st.CreateUser(f.ctx, "test", roster.User{Name: "giamdoc", Role: roster.RoleManager}, "h1"); err != nil {
			t.Fatal(err)
		}
		if err := storetest.SQLOn(t, f.dsn).Exec("UPDATE users SET officer_id = ? WHERE name = 'giamdoc'", boss.ID).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.CreateUser(f.ctx, "test", roster.User{Name: "admin2", Role: roster.RoleManager}, "h2"); err != nil {
			t.Fatal(err)
		}
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		// Cover everything of the next 14 days but Tuesday 5 January's
		// morning backup and Wednesday 13 January's afternoon.
		for _, d := range []int{4, 5, 6, 7, 8, 11, 12, 13, 14, 15} {
			f.duty(huong, d, "Sáng", roster.Primary)
			if d != 5 {
				f.duty(boss, d, "Sáng", roster.Backup)
			}
			if d != 13 {
				f.duty(f.officer(fmt.Sprintf("Chiều %d", d), ""), d, "Chiều", roster.Primary)
			}
		}
		s := f.scheduler(nil, Senders{}, SchedulerConfig{ManagerEmails: []string{"Phòng Nghiệp vụ <nghiepvu@tgpl.example>", "GIAMDOC@tgpl.example"}})
		f.clock.Set(f.at(4, 7, 0))
		st, err := s.RunDaily(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Digests != 2 || st.Dispatch.Sent != 2 {
			t.Fatalf("daily run: %+v", st)
		}
		// Two dispatch workers may deliver in either order.
		ms := f.mails()
		slices.SortFunc(ms, func(a, b delivery) int { return strings.Compare(a.to, b.to) })
		to := []string{ms[0].to, ms[1].to}
		if strings.Join(to, " ") != "giamdoc@tgpl.example nghiepvu@tgpl.example" {
			t.Errorf("digest recipients %v", to)
		}
		d := ms[0]
		if d.id != f.idOf("digest:2027-01-04:giamdoc@tgpl.example") || !strings.Contains(d.subject, "2") {
			t.Errorf("digest: %+v", d)
		}
		for _, want := range []string{"Thứ Ba, 05/01/2027, 07:30–11:30", "Thứ Tư, 13/01/2027, 13:30–17:00", "TAND-KV1"} {
			if !strings.Contains(d.text, want) {
				t.Errorf("digest lacks %q:\n%s", want, d.text)
			}
		}
		if r := f.row("digest:2027-01-04:nghiepvu@tgpl.example", ChannelEmail); r.Recipient != "Phòng Nghiệp vụ <nghiepvu@tgpl.example>" || r.Status != StatusSent {
			t.Errorf("digest to the configured address: %+v", r)
		}
		// Again the same day: nothing new. Next day, a new digest.
		if st, _ := s.RunDaily(f.ctx); st.Digests != 0 {
			t.Errorf("second run the same day: %+v", st)
		}
		f.clock.Set(f.at(5, 7, 0))
		if st, _ := s.RunDaily(f.ctx); st.Digests != 2 {
			t.Errorf("next day: %+v", st)
		}
	})
}

// Managers are warned from 5 working days before the 1st of next month
// about each site whose schedule for that month is not published in full.
func TestUnpublishedWarning(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		phone, err := f.st.CreateSite(f.ctx, "test", roster.Site{Code: "TRUC-DT", Name: "Trực điện thoại", Kind: roster.SiteOffice,
			Slots: []roster.Slot{{Name: "Đêm", Start: 17 * 60, End: 7*60 + 30, Officers: 1, Days: roster.Daily}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.CreateSite(f.ctx, "test", roster.Site{Code: "NO-SLOTS", Name: "Không có ca", Kind: roster.SiteOutreach}); err != nil {
			t.Fatal(err)
		}
		// February 2027 starts on a Monday; 5 working days before it is
		// Monday 25 January.
		s := f.scheduler(nil, Senders{}, SchedulerConfig{ManagerEmails: []string{"nghiepvu@tgpl.example"}})
		f.clock.Set(time.Date(2027, 1, 22, 7, 0, 0, 0, f.loc))
		if _, err := s.RunDaily(f.ctx); err != nil {
			t.Fatal(err)
		}
		if rows := f.outbox(ListFilter{Kind: KindUnpublished}); len(rows) != 0 {
			t.Fatalf("warned before the deadline: %+v", rows)
		}
		// The court publishes February in two halves; the phone line does not.
		for _, p := range [][2]int{{1, 14}, {15, 28}} {
			_, err := f.st.CreatePublication(f.ctx, "manager", roster.Publication{SiteID: f.site.ID,
				From: roster.NewDate(2027, 2, p[0]), To: roster.NewDate(2027, 2, p[1])})
			if err != nil {
				t.Fatal(err)
			}
		}
		f.clock.Set(time.Date(2027, 1, 25, 7, 0, 0, 0, f.loc))
		st, err := s.RunDaily(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Unpublished != 1 {
			t.Fatalf("daily run on the deadline: %+v", st)
		}
		r := f.row("unpublished:TRUC-DT:2027-02-01:nghiepvu@tgpl.example", ChannelEmail)
		if r.Status != StatusSent || r.SiteID == nil || *r.SiteID != phone.ID || !strings.HasPrefix(r.Subject, "Chưa công bố lịch trực: Trực điện thoại") {
			t.Errorf("warning: %+v", r)
		}
		var text string
		for _, m := range f.mails() {
			if m.id == f.idOf(r.Key) {
				text = m.text
			}
		}
		if !strings.Contains(text, "Thứ Hai, 25/01/2027") || !strings.Contains(text, "01/02/2027") {
			t.Errorf("warning text:\n%s", text)
		}
		// Once per period: the next days add nothing.
		f.clock.Set(time.Date(2027, 1, 26, 7, 0, 0, 0, f.loc))
		if st, _ := s.RunDaily(f.ctx); st.Unpublished != 0 {
			t.Errorf("next day: %+v", st)
		}
	})
}

// A publication recorded as the API does is e-mailed by the next scan, to
// the site's contact address, once, whichever replica scans.
func TestPublishedScheduleIsSent(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		f.duty(huong, 4, "Sáng", roster.Primary)
		f.duty(huong, 5, "Chiều", roster.Primary)
		s := f.scheduler(nil, Senders{}, SchedulerConfig{Leads: []time.Duration{time.Hour}})
		other := f.scheduler(f.openStore(), Senders{}, SchedulerConfig{Leads: []time.Duration{time.Hour}})
		from, to := roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 8)
		p, err := f.st.CreatePublication(f.ctx, "manager", roster.Publication{SiteID: f.site.ID, From: from, To: to, Recipient: f.site.ContactEmail})
		if err != nil {
			t.Fatal(err)
		}
		// Without a recipient nothing is to be e-mailed.
		if _, err := f.st.CreatePublication(f.ctx, "manager", roster.Publication{SiteID: f.site.ID, From: from, To: to}); err != nil {
			t.Fatal(err)
		}
		if rows := f.outbox(ListFilter{Kind: KindPublish}); len(rows) != 0 {
			t.Fatalf("e-mailed by the request: %+v", rows)
		}
		f.clock.Set(f.at(1, 10, 0))
		if st := f.scan(s); st.Schedules != 1 || st.Dispatch.Sent != 1 {
			t.Fatalf("scan: %+v", st)
		}
		if n, err := other.QueueSchedules(f.ctx); err != nil || n != 0 {
			t.Fatalf("the other replica queued %d again: %v", n, err)
		}
		ms := f.mails()
		if len(ms) != 1 || ms[0].to != "tiepdan@toaan.example" || ms[0].subject != "Lịch trực Tòa án nhân dân khu vực 1 – Hải Phòng từ ngày 04/01/2027 đến ngày 08/01/2027" ||
			!strings.Contains(ms[0].text, "Nguyễn Thị Hương") || !strings.Contains(ms[0].text, "Thứ Ba, 05/01/2027") {
			t.Fatalf("schedule e-mail: %+v", ms)
		}
		rows := f.outbox(ListFilter{Kind: KindPublish})
		if len(rows) != 1 || rows[0].Key != roster.PublishKey(f.site.Code, p) || rows[0].Status != StatusSent {
			t.Fatalf("outbox: %+v", rows)
		}
		if st := f.scan(s); st.Schedules != 0 || st.Dispatch.Sent != 0 {
			t.Fatalf("second scan: %+v", st)
		}
	})
}
