package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"lichtruc/api/metrics"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Defaults of SchedulerConfig.
const (
	DefaultReminderSchedule = "@every 1m" // LICHTRUC_REMINDER_SCHEDULE
	DefaultDailySchedule    = "0 7 * * *" // LICHTRUC_DAILY_SCHEDULE: 07:00 in the service's zone
	DefaultDigestDays       = 14          // days ahead the digest looks for uncovered slots
	DefaultChangeWindow     = 48 * time.Hour
	DefaultPublishNotice    = 5 // working days before a period its schedule must be sent
	DefaultBatch            = 100
	DefaultWorkers          = 4
)

// ValidateSchedule checks a robfig/cron spec as the scheduler reads it:
// five fields (minute hour day-of-month month day-of-week) or a descriptor
// such as "@every 1m", "@hourly", "@daily".
func ValidateSchedule(spec string) error {
	if _, err := cron.ParseStandard(spec); err != nil {
		return fmt.Errorf("cron spec %q: %w", spec, err)
	}
	return nil
}

// Senders are the senders of each channel. A nil Email or Webhook sender
// means that channel is not configured: its messages are given up with that
// reason (main passes a LogSender as Email when LICHTRUC_SMTP_URL is unset);
// a nil Log sender logs to the scheduler's logger.
type Senders struct {
	Email   Sender
	Webhook Sender
	Log     Sender
}

// SchedulerConfig configures a Scheduler; zero fields take the defaults.
type SchedulerConfig struct {
	// Leads are the default reminder leads (LICHTRUC_REMINDER_LEADS, as
	// parsed by roster.ParseLeads); nil means roster.DefaultLeads. An officer's own
	// leads (officer_preferences) replace them.
	Leads []time.Duration
	// ReminderSchedule is the cron spec of the reminder scan, which also
	// writes change notices and dispatches the outbox.
	ReminderSchedule string
	// DailySchedule is the cron spec of the uncovered-slots digest and the
	// unpublished-period warning, in Loc.
	DailySchedule string
	// BaseURL is the service's absolute URL, for links in messages.
	BaseURL string
	// Loc is the service's time zone; nil means the store's.
	Loc *time.Location
	// ManagerEmails receive the digest and the warnings, besides every
	// manager user whose officer record has an e-mail address.
	ManagerEmails []string
	// DigestDays is how many days ahead (today included) the digest looks.
	DigestDays int
	// ChangeWindow is how far back the scan looks for changed duties.
	ChangeWindow time.Duration
	// PublishNotice is how many working days before a period its schedule
	// must be published; the warning starts that day.
	PublishNotice int
	// Batch is how many messages a dispatcher claims at once; Workers how
	// many dispatchers run side by side in this process.
	Batch, Workers int
	// Lease is how long claimed messages stay reserved (DefaultLease).
	Lease time.Duration
	// Metrics records job runs and message outcomes; nil records nothing.
	Metrics *metrics.Metrics
}

// Scheduler runs lichtruc's notification jobs: the reminder scan (with the
// change notices), the daily digest and publication check, and the outbox
// dispatch. Each job can be run once by its Run method (tests, with an
// injected clock) or on cron by Start. It keeps no state that matters
// between runs: everything is in the database, so it may be restarted at any
// time, and several replicas may run it on one PostgreSQL database; a
// database lock keeps two replicas from running the same job at once, and
// the outbox's unique keys and row claims deliver each message once anyway.
type Scheduler struct {
	st      *store.Store
	outbox  *Outbox
	disp    *dispatcher
	cfg     SchedulerConfig
	log     *slog.Logger
	now     func() time.Time
	cron    *cron.Cron
	ctx     context.Context // cancelled by Stop
	cancel  context.CancelFunc
	running sync.WaitGroup
	mu      sync.Mutex // guards cron, ctx, cancel
}

// NewScheduler returns a scheduler on st that sends through senders. log
// nil discards; now nil is time.Now. It fails on an invalid cron spec.
func NewScheduler(st *store.Store, senders Senders, cfg SchedulerConfig, log *slog.Logger, now func() time.Time) (*Scheduler, error) {
	if st == nil {
		return nil, errors.New("notify: scheduler needs a store")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	if cfg.Leads == nil {
		cfg.Leads, _ = roster.ParseLeads(roster.DefaultLeads)
	}
	if cfg.ReminderSchedule == "" {
		cfg.ReminderSchedule = DefaultReminderSchedule
	}
	if cfg.DailySchedule == "" {
		cfg.DailySchedule = DefaultDailySchedule
	}
	if err := ValidateSchedule(cfg.ReminderSchedule); err != nil {
		return nil, fmt.Errorf("reminder schedule: %w", err)
	}
	if err := ValidateSchedule(cfg.DailySchedule); err != nil {
		return nil, fmt.Errorf("daily schedule: %w", err)
	}
	if cfg.Loc == nil {
		cfg.Loc = st.Loc()
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	for _, e := range cfg.ManagerEmails {
		if _, err := mail.ParseAddress(e); err != nil {
			return nil, fmt.Errorf("manager e-mail %q: %v", e, err)
		}
	}
	if cfg.DigestDays <= 0 {
		cfg.DigestDays = DefaultDigestDays
	}
	if cfg.ChangeWindow <= 0 {
		cfg.ChangeWindow = DefaultChangeWindow
	}
	if cfg.PublishNotice <= 0 {
		cfg.PublishNotice = DefaultPublishNotice
	}
	if cfg.Batch <= 0 {
		cfg.Batch = DefaultBatch
	}
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if senders.Log == nil {
		senders.Log = LogSender{Logger: log}
	}
	ob := NewOutbox(st, OutboxOptions{Now: now, Logger: log, Lease: cfg.Lease})
	bySender := map[string]Sender{ChannelLog: senders.Log}
	if senders.Email != nil {
		bySender[ChannelEmail] = senders.Email
	}
	if senders.Webhook != nil {
		bySender[ChannelWebhook] = senders.Webhook
	}
	s := &Scheduler{st: st, outbox: ob, cfg: cfg, log: log, now: now}
	s.disp = &dispatcher{outbox: ob, senders: bySender, batch: cfg.Batch, workers: cfg.Workers, lease: cfg.Lease,
		now: now, log: log, assignments: st.AssignmentsByID, metrics: cfg.Metrics}
	return s, nil
}

// Outbox returns the scheduler's outbox.
func (s *Scheduler) Outbox() *Outbox { return s.outbox }

// Names of the jobs, for locks and logs.
const (
	jobReminders    = "reminders"
	jobDigest       = "digest"
	jobPublications = "publications"
	jobCustody      = "custody"
	jobDispatch     = "dispatch" // metrics only: dispatch takes no job lock
)

// ScanStats says what a reminder scan did.
type ScanStats struct {
	// Skipped is true when another process held the job's lock: it
	// wrote nothing but still dispatched.
	Skipped   bool
	Reminders int // reminders written to the outbox
	Changes   int // change notices written
	Schedules int // e-mails of published schedules written
	// CustodyLate is how many alerts of custody requests answered late
	// were written (notify/custody.go).
	CustodyLate int
	Dispatch    DispatchStats
}

// RunReminderScan runs the reminder job once at s.now(): it writes the due
// reminders (DueReminders with each officer's leads) and the notices of
// duties changed in the last ChangeWindow to the outbox, one message per
// channel the officer chose, and the e-mails of schedules published since
// the last scan (QueueSchedules), then dispatches the outbox.
func (s *Scheduler) RunReminderScan(ctx context.Context) (ScanStats, error) {
	var st ScanStats
	ran, err := s.locked(ctx, jobReminders, func(ctx context.Context) error {
		var err1, err2, err3 error
		st.Reminders, err1 = s.enqueueReminders(ctx)
		st.Changes, err2 = s.enqueueChanges(ctx)
		st.Schedules, err3 = s.QueueSchedules(ctx)
		return errors.Join(err1, err2, err3)
	})
	st.Skipped = !ran
	_, cerr := s.locked(ctx, jobCustody, func(ctx context.Context) (err error) {
		st.CustodyLate, err = s.enqueueCustodyLate(ctx)
		return err
	})
	err = errors.Join(err, cerr)
	if err != nil {
		s.log.Error("notify: reminder scan failed", "err", err)
	}
	// Dispatch even if the scan failed: what is queued can still go.
	d, derr := s.Dispatch(ctx)
	st.Dispatch = d
	return st, errors.Join(err, derr)
}

// DailyStats says what the daily jobs did.
type DailyStats struct {
	Digests     int // digest messages written
	Unpublished int // unpublished-period warnings written
	Dispatch    DispatchStats
}

// RunDaily runs the daily jobs once at s.now(): the digest of uncovered
// slots and the unpublished-period check, then dispatches the outbox.
func (s *Scheduler) RunDaily(ctx context.Context) (DailyStats, error) {
	var st DailyStats
	_, err1 := s.locked(ctx, jobDigest, func(ctx context.Context) (err error) {
		st.Digests, err = s.enqueueDigest(ctx)
		return err
	})
	_, err2 := s.locked(ctx, jobPublications, func(ctx context.Context) (err error) {
		st.Unpublished, err = s.enqueueUnpublished(ctx)
		return err
	})
	err := errors.Join(err1, err2)
	if err != nil {
		s.log.Error("notify: daily job failed", "err", err)
	}
	d, derr := s.Dispatch(ctx)
	st.Dispatch = d
	return st, errors.Join(err, derr)
}

// Dispatch sends what is due in the outbox until nothing due is left or
// ctx is done. Any number of dispatchers may run at once, in this process
// and others: each message is claimed by one.
func (s *Scheduler) Dispatch(ctx context.Context) (DispatchStats, error) {
	start := time.Now()
	st, err := s.disp.run(ctx)
	s.cfg.Metrics.JobRun(jobDispatch, jobResult(true, err), time.Since(start))
	if st != (DispatchStats{}) {
		s.log.Info("notify: outbox dispatched", "sent", st.Sent, "failed", st.Failed, "given_up", st.GivenUp,
			"released", st.Released, "lost", st.Lost)
	}
	if err != nil && ctx.Err() == nil {
		s.log.Error("notify: dispatch failed", "err", err)
	}
	return st, err
}

// locked runs fn unless another run of the job holds its lock (the
// store's job lock, shared by every replica), and reports whether it ran.
func (s *Scheduler) locked(ctx context.Context, job string, fn func(context.Context) error) (bool, error) {
	start := time.Now()
	ran, err := s.st.RunExclusive(ctx, job, fn)
	s.cfg.Metrics.JobRun(job, jobResult(ran, err), time.Since(start))
	if !ran && err == nil {
		s.log.Debug("notify: job is running elsewhere; skipped", "job", job)
	}
	return ran, err
}

// jobResult names a job run's result for the metrics.
func jobResult(ran bool, err error) string {
	switch {
	case err != nil:
		return "error"
	case !ran:
		return "skipped"
	}
	return "ok"
}

// Start runs the jobs on their cron schedules in the service's zone until
// Stop, and one reminder scan at once, so that what fell due while the
// service was down goes out without waiting for the first tick.
func (s *Scheduler) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return errors.New("notify: scheduler already started")
	}
	cl := cronLogger{s.log}
	c := cron.New(cron.WithLocation(s.cfg.Loc), cron.WithLogger(cl),
		cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)))
	s.ctx, s.cancel = context.WithCancel(context.Background())
	ctx := s.ctx
	if _, err := c.AddFunc(s.cfg.ReminderSchedule, func() { s.track(ctx, jobReminders) }); err != nil {
		return fmt.Errorf("reminder schedule %q: %w", s.cfg.ReminderSchedule, err)
	}
	if _, err := c.AddFunc(s.cfg.DailySchedule, func() { s.track(ctx, jobDigest) }); err != nil {
		return fmt.Errorf("daily schedule %q: %w", s.cfg.DailySchedule, err)
	}
	s.cron = c
	c.Start()
	s.running.Add(1)
	go func() {
		defer s.running.Done()
		s.run(ctx, jobReminders)
	}()
	s.log.Info("notify: scheduler started", "reminder_schedule", s.cfg.ReminderSchedule, "daily_schedule", s.cfg.DailySchedule,
		"leads", roster.FormatLeads(s.cfg.Leads), "zone", s.cfg.Loc.String())
	return nil
}

// track runs a job from cron, counted for Stop.
func (s *Scheduler) track(ctx context.Context, job string) {
	if ctx.Err() != nil {
		return
	}
	s.running.Add(1)
	defer s.running.Done()
	s.run(ctx, job)
}

func (s *Scheduler) run(ctx context.Context, job string) {
	var err error
	switch job {
	case jobReminders:
		_, err = s.RunReminderScan(ctx)
	default:
		_, err = s.RunDaily(ctx)
	}
	if err != nil && ctx.Err() == nil {
		s.log.Error("notify: job failed", "job", job, "err", err)
	}
}

// Stop stops the cron schedules and the jobs under way: a dispatch starts
// no new send, puts back what it claimed but did not try, and records what
// it sent. It waits for that until ctx is done.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	c, cancel := s.cron, s.cancel
	s.mu.Unlock()
	if c == nil {
		return nil
	}
	stopped := c.Stop()
	cancel()
	done := make(chan struct{})
	go func() {
		<-stopped.Done()
		s.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		s.log.Info("notify: scheduler stopped")
		return nil
	case <-ctx.Done():
		return fmt.Errorf("notify: scheduler did not stop in time: %w", ctx.Err())
	}
}

// cronLogger sends cron's messages to slog: its routine ones at debug.
type cronLogger struct{ log *slog.Logger }

// Info logs cron's routine messages at debug level.
func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

// Error logs cron's errors (a job's panic).
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// managerRecipients returns the addresses the digest and warnings go to:
// every manager user whose officer has an e-mail address, then
// ManagerEmails, each once, with the language to write in.
func (s *Scheduler) managerRecipients(ctx context.Context) ([]recipient, error) {
	ms, err := s.st.Managers(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []recipient
	add := func(addr, lang string) {
		addr = strings.TrimSpace(addr)
		if addr == "" {
			return
		}
		bare := addr
		if a, err := mail.ParseAddress(addr); err == nil {
			bare = a.Address
		}
		bare = strings.ToLower(bare)
		if seen[bare] {
			return
		}
		seen[bare] = true
		out = append(out, recipient{addr: addr, bare: bare, lang: lang})
	}
	for _, m := range ms {
		add(m.Email, m.Language)
	}
	for _, e := range s.cfg.ManagerEmails {
		add(e, "vi")
	}
	return out, nil
}

// recipient is a manager's address ("Name <addr>" or "addr"), the bare
// address in lower case (for keys), and the language to write in.
type recipient struct{ addr, bare, lang string }

// officerLeads returns each officer's own reminder leads; stored values
// that no longer parse are logged and ignored (the defaults apply).
func (s *Scheduler) officerLeads(ctx context.Context) (map[int64][]time.Duration, error) {
	raw, err := s.st.AllReminderLeads(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]time.Duration, len(raw))
	for id, v := range raw {
		if strings.TrimSpace(v) == "" {
			out[id] = []time.Duration{} // no reminders
			continue
		}
		leads, err := roster.ParseLeads(v)
		if err != nil {
			s.log.Warn("notify: officer's reminder leads ignored", "officer_id", id, "leads", v, "err", err)
			continue
		}
		out[id] = leads
	}
	return out, nil
}

// channelsOf returns the known channels an officer chose, each once.
func channelsOf(o roster.Officer) []string {
	var out []string
	for _, ch := range o.Channels {
		switch ch {
		case ChannelEmail, ChannelWebhook, ChannelLog:
			if !slices.Contains(out, ch) {
				out = append(out, ch)
			}
		}
	}
	return out
}
