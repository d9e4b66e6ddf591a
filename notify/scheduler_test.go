package notify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Leads of 24 h and 1 h: the day-before reminder at the right scan, the
// hour-before one at its own, nothing twice.
func TestReminderScanSends24hAnd1h(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		duc := f.officer("Trần Văn Đức", "duc@tgpl.example")
		a := f.duty(huong, 4, "Sáng", roster.Primary) // Monday 07:30
		f.duty(duc, 4, "Sáng", roster.Backup)
		s := f.scheduler(nil, Senders{}, SchedulerConfig{})

		steps := []struct {
			at   time.Time
			want int // messages accepted by the server so far
		}{
			{f.at(2, 12, 0), 0},
			{f.at(3, 7, 29), 0},
			{f.at(3, 7, 30), 2}, // the day-before reminders of both
			{f.at(3, 7, 31), 2},
			{f.at(3, 20, 0), 2},
			{f.at(4, 6, 29), 2},
			{f.at(4, 6, 30), 4}, // the hour-before ones
			{f.at(4, 7, 0), 4},
			{f.at(4, 7, 30), 4}, // the duty has started
		}
		for _, st := range steps {
			f.clock.Set(st.at)
			f.scan(s)
			if got := len(f.mails()); got != st.want {
				t.Fatalf("at %s: %d messages delivered, want %d", st.at.Format(time.RFC3339), got, st.want)
			}
		}
		byID := map[string]delivery{}
		for _, m := range f.mails() {
			if _, dup := byID[m.id]; dup {
				t.Fatalf("message %s delivered twice", m.id)
			}
			byID[m.id] = m
		}
		day := byID[f.idOf("reminder:"+itoa(a.ID)+":86400:v1")]
		hour := byID[f.idOf("reminder:"+itoa(a.ID)+":3600:v1")]
		if day.to != "huong@tgpl.example" || !strings.HasPrefix(day.subject, "Nhắc lịch trực: Thứ Hai, 04/01/2027, 07:30–11:30") {
			t.Errorf("day-before reminder: %+v", day)
		}
		if !strings.Contains(day.text, "nhắc trước 24 giờ") || !strings.Contains(hour.text, "nhắc trước 1 giờ") {
			t.Errorf("reminder texts:\n%s\n%s", day.text, hour.text)
		}
		// The primary's reminder names the backup, with phone.
		if !strings.Contains(day.text, "Dự bị:") || !strings.Contains(day.text, "Trần Văn Đức – 0904 111 222") {
			t.Errorf("reminder does not name the backup:\n%s", day.text)
		}
		if !strings.Contains(day.text, "https://lichtruc.example/ical/o/") {
			t.Errorf("reminder has no feed link:\n%s", day.text)
		}
		row := f.row("reminder:"+itoa(a.ID)+":86400:v1", ChannelEmail)
		if row.Status != StatusSent || row.Attempts != 1 || row.SentAt == nil || row.LastError != "" ||
			!row.DueAt.Equal(f.at(3, 7, 30)) || row.GiveUpAt == nil || !row.GiveUpAt.Equal(a.Start) ||
			row.OfficerID == nil || *row.OfficerID != huong.ID || row.Recipient != "huong@tgpl.example" {
			t.Errorf("outbox row: %+v", row)
		}
	})
}

// The mail server is down when a reminder falls due: it is retried with
// back-off and delivered once when the server is back.
func TestReminderRetriedWhileSMTPDown(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		a := f.duty(f.officer("Nguyễn Thị Hương", "huong@tgpl.example"), 4, "Sáng", roster.Primary)
		s := f.scheduler(nil, Senders{}, SchedulerConfig{})
		key := "reminder:" + itoa(a.ID) + ":86400:v1"
		f.stop()

		f.clock.Set(f.at(3, 7, 30))
		st := f.scan(s)
		if st.Reminders != 1 || st.Dispatch.Failed != 1 {
			t.Fatalf("scan with the server down: %+v", st)
		}
		row := f.row(key, ChannelEmail)
		if row.Status != StatusFailed || row.Attempts != 1 || row.LastError == "" ||
			!row.NextAttemptAt.Equal(f.at(3, 7, 30).Add(FirstRetryDelay)) {
			t.Fatalf("after the first failure: %+v", row)
		}
		// Not due again yet: nothing is tried.
		f.clock.Add(10 * time.Second)
		if st := f.scan(s); st.Dispatch != (DispatchStats{}) {
			t.Fatalf("scan before the retry time: %+v", st)
		}
		f.clock.Add(25 * time.Second) // 35 s after
		if st := f.scan(s); st.Dispatch.Failed != 1 {
			t.Fatalf("second attempt: %+v", st)
		}
		if row := f.row(key, ChannelEmail); row.Attempts != 2 || !row.NextAttemptAt.Equal(f.clock.Now().Add(RetryDelay(2))) {
			t.Fatalf("after the second failure: %+v", row)
		}

		// The server comes back on the same address.
		be := &testBackend{}
		startSMTP(t, be, serverOptions{addr: f.smtp})
		f.be = be
		f.clock.Add(RetryDelay(2))
		if st := f.scan(s); st.Dispatch.Sent != 1 {
			t.Fatalf("scan with the server back: %+v", st)
		}
		for range 3 {
			f.clock.Add(time.Hour)
			f.scan(s)
		}
		ms := f.mails()
		if len(ms) != 1 || ms[0].id != f.idOf(key) {
			t.Fatalf("delivered %+v, want the day-before reminder once", ms)
		}
		if row := f.row(key, ChannelEmail); row.Status != StatusSent || row.Attempts != 3 || row.LastError != "" {
			t.Fatalf("after delivery: %+v", row)
		}
	})
}

// A reminder is given up, with its reason visible, when the duty starts
// before it could go out, when the server refuses it for good, and when
// the officer has no address.
func TestReminderGivenUp(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		refused := f.officer("Lê Văn Bị Từ Chối", "refused@tgpl.example")
		nomail := f.officer("Phạm Thị Không Thư", "")
		a := f.duty(huong, 4, "Sáng", roster.Primary)
		b := f.duty(refused, 4, "Chiều", roster.Primary)
		c := f.duty(nomail, 5, "Sáng", roster.Primary)
		f.be.rcptErr = func(to string) error {
			if to == "refused@tgpl.example" {
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			}
			return nil
		}
		s := f.scheduler(nil, Senders{}, SchedulerConfig{Leads: []time.Duration{time.Hour}})

		f.clock.Set(f.at(4, 6, 30)) // hour before a
		f.scan(s)
		f.clock.Set(f.at(4, 12, 30)) // hour before b
		f.scan(s)
		f.clock.Set(f.at(5, 6, 30)) // hour before c
		f.scan(s)
		if got := f.row("reminder:"+itoa(a.ID)+":3600:v1", ChannelEmail); got.Status != StatusSent {
			t.Fatalf("a: %+v", got)
		}
		rb := f.row("reminder:"+itoa(b.ID)+":3600:v1", ChannelEmail)
		if rb.Status != StatusGivenUp || !strings.Contains(rb.LastError, "permanent failure") || !strings.Contains(rb.LastError, "550") {
			t.Errorf("refused recipient: %+v", rb)
		}
		rc := f.row("reminder:"+itoa(c.ID)+":3600:v1", ChannelEmail)
		if rc.Status != StatusGivenUp || !strings.Contains(rc.LastError, "has no e-mail address") || rc.Attempts != 0 {
			t.Errorf("officer without address: %+v", rc)
		}

		// The server goes down until the duty has started.
		d := f.duty(huong, 6, "Sáng", roster.Primary)
		key := "reminder:" + itoa(d.ID) + ":3600:v1"
		f.stop()
		f.clock.Set(f.at(6, 6, 30))
		for f.clock.Now().Before(f.at(6, 7, 35)) {
			f.scan(s)
			f.clock.Add(time.Minute)
		}
		rd := f.row(key, ChannelEmail)
		if rd.Status != StatusGivenUp || !strings.Contains(rd.LastError, "before the next try") && !strings.Contains(rd.LastError, "duty started") {
			t.Errorf("duty started while the server was down: %+v", rd)
		}
		if rd.Attempts < 2 || rd.Attempts > MaxAttempts {
			t.Errorf("attempts = %d", rd.Attempts)
		}
	})
}

// A scheduler started anew on the same database (a restart, or another
// replica later) sends nothing twice, and still sends what fell due while
// the service was down if the duty has not started.
func TestRestartSendsNothingTwice(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		a := f.duty(huong, 4, "Sáng", roster.Primary)
		b := f.duty(huong, 5, "Sáng", roster.Primary)
		first := f.scheduler(nil, Senders{}, SchedulerConfig{})
		f.clock.Set(f.at(3, 7, 30))
		f.scan(first)
		if n := len(f.mails()); n != 1 {
			t.Fatalf("first scheduler: %d messages", n)
		}

		// Restart: a new store and scheduler on the same database.
		second := f.scheduler(f.openStore(), Senders{}, SchedulerConfig{})
		f.scan(second)
		f.clock.Add(time.Minute)
		f.scan(second)
		if n := len(f.mails()); n != 1 {
			t.Fatalf("after the restart: %d messages, want still 1", n)
		}
		// Down from before a's hour-before reminder until 06:50: that one
		// is still sent, late.
		f.clock.Set(f.at(4, 6, 50))
		third := f.scheduler(f.openStore(), Senders{}, SchedulerConfig{})
		f.scan(third)
		// Down across both of b's reminders, until an hour before: only
		// the hour-before one goes.
		f.clock.Set(f.at(5, 6, 45))
		fourth := f.scheduler(f.openStore(), Senders{}, SchedulerConfig{})
		f.scan(fourth)
		f.scan(first)
		want := []string{
			f.idOf("reminder:" + itoa(a.ID) + ":86400:v1"),
			f.idOf("reminder:" + itoa(a.ID) + ":3600:v1"),
			f.idOf("reminder:" + itoa(b.ID) + ":3600:v1"),
		}
		var got []string
		for _, m := range f.mails() {
			got = append(got, m.id)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("delivered\n%v\nwant\n%v", got, want)
		}
	})
}

// Officers choose their leads (officer_preferences); an empty choice means
// none.
func TestPerOfficerLeads(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		duc := f.officer("Trần Văn Đức", "duc@tgpl.example")
		a := f.duty(huong, 4, "Sáng", roster.Primary)
		f.duty(duc, 4, "Chiều", roster.Primary)
		two := "2h"
		none := ""
		if err := f.st.SetReminderLeads(f.ctx, "test", huong.ID, &two); err != nil {
			t.Fatal(err)
		}
		if err := f.st.SetReminderLeads(f.ctx, "test", duc.ID, &none); err != nil {
			t.Fatal(err)
		}
		s := f.scheduler(nil, Senders{}, SchedulerConfig{})
		for at := f.at(3, 7, 0); at.Before(f.at(4, 18, 0)); at = at.Add(15 * time.Minute) {
			f.clock.Set(at)
			f.scan(s)
		}
		ms := f.mails()
		if len(ms) != 1 || ms[0].id != f.idOf("reminder:"+itoa(a.ID)+":7200:v1") {
			t.Fatalf("delivered %+v, want only Hương's 2-hour reminder", ms)
		}
	})
}

// Change notices: reassigned (the old officer is told, the new one
// assigned), moved (with the old time), cancelled; a pending reminder of
// the old version is given up as superseded.
func TestChangeNotices(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		duc := f.officer("Trần Văn Đức", "duc@tgpl.example")
		a := f.duty(huong, 5, "Sáng", roster.Primary) // Tuesday
		s := f.scheduler(nil, Senders{}, SchedulerConfig{})

		// The day-before reminder falls due while the server is down.
		f.stop()
		f.clock.Set(f.at(4, 7, 30))
		f.scan(s)
		oldReminder := "reminder:" + itoa(a.ID) + ":86400:v1"
		if r := f.row(oldReminder, ChannelEmail); r.Status != StatusFailed {
			t.Fatalf("reminder with the server down: %+v", r)
		}
		// Hương falls ill: the duty goes to Đức (version 2).
		f.clock.Set(f.at(4, 8, 0))
		if _, err := f.st.UpdateAssignment(f.ctx, "manager", a.ID, storeChange(&duc.ID, nil, nil), 0); err != nil {
			t.Fatal(err)
		}
		be := &testBackend{}
		startSMTP(t, be, serverOptions{addr: f.smtp})
		f.be = be
		f.clock.Set(f.at(4, 8, 1))
		st := f.scan(s)
		if st.Changes != 2 || st.Reminders != 1 {
			t.Fatalf("scan after the reassignment: %+v", st)
		}
		if r := f.row(oldReminder, ChannelEmail); r.Status != StatusGivenUp || !strings.Contains(r.LastError, "superseded") {
			t.Errorf("stale reminder: %+v", r)
		}
		got := map[string]delivery{}
		for _, m := range f.mails() {
			got[m.id] = m
		}
		away := got[f.idOf(changeKey(a.ID, 2, huong.ID))]
		assigned := got[f.idOf(changeKey(a.ID, 2, duc.ID))]
		reminder := got[f.idOf("reminder:"+itoa(a.ID)+":86400:v2")]
		if away.to != "huong@tgpl.example" || !strings.HasPrefix(away.subject, "Ca trực đã chuyển cho người khác:") {
			t.Errorf("old officer's notice: %+v", away)
		}
		if assigned.to != "duc@tgpl.example" || !strings.HasPrefix(assigned.subject, "Lịch trực mới:") {
			t.Errorf("new officer's notice: %+v", assigned)
		}
		if reminder.to != "duc@tgpl.example" {
			t.Errorf("new officer's reminder: %+v", reminder)
		}
		if len(got) != 3 {
			t.Errorf("delivered %d messages, want 3", len(got))
		}

		// Moved to the afternoon (version 3).
		f.clock.Set(f.at(4, 9, 0))
		start, end := f.at(5, 13, 30), f.at(5, 17, 0)
		if _, err := f.st.UpdateAssignment(f.ctx, "manager", a.ID, storeChange(nil, &start, &end), 0); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(time.Minute)
		if st := f.scan(s); st.Changes != 1 {
			t.Fatalf("scan after the move: %+v", st)
		}
		moved := f.mails()[len(f.mails())-1]
		if moved.id != f.idOf(changeKey(a.ID, 3, duc.ID)) || !strings.HasPrefix(moved.subject, "Ca trực đã đổi lịch: Thứ Ba, 05/01/2027, 13:30–17:00") ||
			!strings.Contains(moved.text, "Lịch cũ:") || !strings.Contains(moved.text, "07:30–11:30") {
			t.Errorf("moved notice: %+v", moved)
		}

		// Cancelled (version 4).
		f.clock.Add(time.Hour)
		if _, err := f.st.CancelAssignment(f.ctx, "manager", a.ID, 0); err != nil {
			t.Fatal(err)
		}
		f.clock.Add(time.Minute)
		if st := f.scan(s); st.Changes != 1 {
			t.Fatalf("scan after the cancellation: %+v", st)
		}
		cancelled := f.mails()[len(f.mails())-1]
		if cancelled.id != f.idOf(changeKey(a.ID, 4, duc.ID)) || !strings.HasPrefix(cancelled.subject, "Ca trực đã hủy:") {
			t.Errorf("cancel notice: %+v", cancelled)
		}
		// Scanning again changes nothing; the cancelled duty gets no reminder.
		n := len(f.mails())
		for range 5 {
			f.clock.Add(3 * time.Hour)
			f.scan(s)
		}
		if len(f.mails()) != n {
			t.Errorf("later scans sent %d more messages", len(f.mails())-n)
		}
	})
}

// A reminder goes through every channel the officer chose; the webhook is
// signed with the secret.
func TestWebhookChannel(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		var mu sync.Mutex
		var bodies [][]byte
		var sigOK []bool
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			mu.Lock()
			bodies = append(bodies, body)
			sigOK = append(sigOK, VerifySignature("bí mật", body, r.Header.Get(HeaderSignature)))
			mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		}))
		t.Cleanup(srv.Close)
		both := f.officer("Nguyễn Thị Hương", "huong@tgpl.example", ChannelEmail, ChannelWebhook)
		hookOnly := f.officer("Trần Văn Đức", "", ChannelWebhook)
		a := f.duty(both, 4, "Sáng", roster.Primary)
		b := f.duty(hookOnly, 4, "Chiều", roster.Primary)
		s := f.scheduler(nil, Senders{Webhook: WebhookSender{URL: srv.URL + "/hook", Secret: "bí mật", Client: srv.Client()}},
			SchedulerConfig{Leads: []time.Duration{24 * time.Hour}})
		f.clock.Set(f.at(3, 14, 0))
		f.scan(s)
		f.scan(s)
		if n := len(f.mails()); n != 1 {
			t.Fatalf("%d e-mails, want 1", n)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(bodies) != 2 {
			t.Fatalf("%d webhook calls, want 2", len(bodies))
		}
		ids := map[string]bool{}
		for i, body := range bodies {
			if !sigOK[i] {
				t.Errorf("webhook call %d: signature does not verify", i)
			}
			var p WebhookPayload
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			if p.Event != EventReminder || p.Data["assignment_id"] == nil {
				t.Errorf("payload: %+v", p)
			}
			ids[p.ID] = true
		}
		if !ids["reminder:"+itoa(a.ID)+":86400:v1"] || !ids["reminder:"+itoa(b.ID)+":86400:v1"] {
			t.Errorf("webhook ids: %v", ids)
		}
		if r := f.row("reminder:"+itoa(b.ID)+":86400:v1", ChannelWebhook); r.Status != StatusSent {
			t.Errorf("webhook row: %+v", r)
		}
	})
}

// Without a webhook sender, webhook messages are given up with the reason.
func TestWebhookNotConfigured(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	a := f.duty(f.officer("Trần Văn Đức", "", ChannelWebhook), 4, "Sáng", roster.Primary)
	s := f.scheduler(nil, Senders{}, SchedulerConfig{})
	f.clock.Set(f.at(3, 8, 0))
	f.scan(s)
	r := f.row("reminder:"+itoa(a.ID)+":86400:v1", ChannelWebhook)
	if r.Status != StatusGivenUp || !strings.Contains(r.LastError, "LICHTRUC_WEBHOOK_URL") {
		t.Fatalf("%+v", r)
	}
}

// Stop releases what was claimed but not tried, without counting an
// attempt.
func TestCancelledDispatchReleases(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	o := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
	a := f.duty(o, 4, "Sáng", roster.Primary)
	s := f.scheduler(nil, Senders{}, SchedulerConfig{})
	f.clock.Set(f.at(3, 8, 0))
	if _, err := s.enqueueReminders(f.ctx); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	rows, token, err := s.outbox.claim(ctx, 10)
	if err != nil || len(rows) != 1 {
		t.Fatalf("claim: %v %v", rows, err)
	}
	cancel()
	outs := s.disp.deliver(ctx, rows)
	if _, err := s.outbox.complete(ctx, token, outs); err != nil {
		t.Fatal(err)
	}
	r := f.row("reminder:"+itoa(a.ID)+":86400:v1", ChannelEmail)
	if r.Status != StatusPending || r.Attempts != 0 || r.LeaseUntil != nil {
		t.Fatalf("released row: %+v", r)
	}
	if len(f.mails()) != 0 {
		t.Fatal("a message was sent")
	}
	// A claim whose lease ran out is taken over by the next dispatcher;
	// the first one's late outcome is then ignored.
	rows, token, _ = s.outbox.claim(f.ctx, 10)
	f.clock.Add(DefaultLease + time.Second)
	if st, err := s.Dispatch(f.ctx); err != nil || st.Sent != 1 {
		t.Fatalf("dispatch after the lease ran out: %+v %v", st, err)
	}
	lost, err := s.outbox.complete(f.ctx, token, []outcome{{ID: rows[0].ID, Status: StatusFailed, Next: f.clock.Now(), LastError: "late"}})
	if err != nil || lost != 1 {
		t.Fatalf("late completion: lost %d, %v", lost, err)
	}
	if r := f.row("reminder:"+itoa(a.ID)+":86400:v1", ChannelEmail); r.Status != StatusSent || r.Attempts != 2 {
		t.Fatalf("row after take-over: %+v", r)
	}
}

func TestNewSchedulerChecksSpecs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	for _, cfg := range []SchedulerConfig{{ReminderSchedule: "every minute"}, {DailySchedule: "61 7 * * *"}, {ManagerEmails: []string{"not an address"}}} {
		if _, err := NewScheduler(f.st, Senders{}, cfg, nil, nil); err == nil {
			t.Errorf("NewScheduler(%+v): no error", cfg)
		}
	}
	if err := ValidateSchedule("@every 30s"); err != nil {
		t.Error(err)
	}
	if err := ValidateSchedule("*/5 * * * *"); err != nil {
		t.Error(err)
	}
}

// Start runs a scan at once and on the cron schedule; Stop waits for it.
func TestStartStop(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	a := f.duty(f.officer("Nguyễn Thị Hương", "huong@tgpl.example"), 4, "Sáng", roster.Primary)
	f.clock.Set(f.at(3, 8, 0))
	s := f.scheduler(nil, Senders{}, SchedulerConfig{ReminderSchedule: "@every 1h"})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err == nil {
		t.Error("second Start: no error")
	}
	// The first scan runs at once, on a goroutine: wait for its e-mail
	// (real network I/O), with a deadline.
	deadline := time.Now().Add(10 * time.Second)
	for len(f.be.messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if r := f.row("reminder:"+itoa(a.ID)+":86400:v1", ChannelEmail); r.Status != StatusSent {
		t.Fatalf("after Start and Stop: %+v", r)
	}
	if err := s.Stop(ctx); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// storeChange is a store.AssignmentChange.
func storeChange(officer *int64, start, end *time.Time) store.AssignmentChange {
	return store.AssignmentChange{OfficerID: officer, Start: start, End: end}
}
