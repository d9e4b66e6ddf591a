package notify

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
	"lichtruc/roster/store/storetest"
)

// EnvDrain names the environment variable that runs TestDrain10k:
//
//	LICHTRUC_DRAIN10K=1 go test ./notify/ -run Drain10k -v
//
// Its value, if a number, is the number of reminders (default 10000).
const EnvDrain = "LICHTRUC_DRAIN10K"

// TestDrain10k measures how long 10,000 due reminders take from the scan to
// the local SMTP server: the scan that writes them to the outbox, then the
// dispatch that sends them, for each dialect and a few batch sizes. It is
// skipped unless LICHTRUC_DRAIN10K is set, so the normal suite stays fast.
func TestDrain10k(t *testing.T) {
	t.Parallel()
	if testing.Short() || os.Getenv(EnvDrain) == "" {
		t.Skip("set " + EnvDrain + "=1 to measure the drain of 10,000 reminders")
	}
	n := 10000
	if v, err := strconv.Atoi(os.Getenv(EnvDrain)); err == nil && v > 1 {
		n = v
	}
	for _, d := range []string{"sqlite", "postgres"} {
		for _, cfg := range []SchedulerConfig{{Batch: 20, Workers: 1}, {Batch: DefaultBatch, Workers: DefaultWorkers}, {Batch: 250, Workers: 4}} {
			t.Run(fmt.Sprintf("%s/batch%d-workers%d", d, cfg.Batch, cfg.Workers), func(t *testing.T) {
				f := newFixture(t, d)
				f.be.discard = true
				now := time.Date(2027, 1, 4, 6, 0, 0, 0, f.loc)
				f.clock.Set(now)
				seedDuties(t, f, n, max(n/10, 1), now)
				cfg.Leads = []time.Duration{time.Hour}
				s := f.scheduler(nil, Senders{}, cfg)

				start := time.Now()
				added, err := s.enqueueReminders(f.ctx)
				if err != nil || added != n {
					t.Fatalf("enqueue: %d, %v", added, err)
				}
				scanned := time.Since(start)
				st, err := s.Dispatch(f.ctx)
				if err != nil {
					t.Fatal(err)
				}
				total := time.Since(start)
				if st.Sent != n || int(f.be.accepted.Load()) != n {
					t.Fatalf("sent %+v, server accepted %d, want %d", st, f.be.accepted.Load(), n)
				}
				// A scan after the drain finds everything written and sent.
				again := time.Now()
				if sc := f.scan(s); sc.Reminders != 0 || sc.Dispatch.Sent != 0 {
					t.Fatalf("scan after the drain: %+v", sc)
				}
				t.Logf("%d reminders on %s, batch %d × %d workers: scan+enqueue %s, dispatch %s, total %s (%.0f/s); idle rescan %s; %d SMTP connections",
					n, d, cfg.Batch, cfg.Workers, scanned.Round(time.Millisecond), (total - scanned).Round(time.Millisecond),
					total.Round(time.Millisecond), float64(n)/total.Seconds(), time.Since(again).Round(time.Millisecond), f.be.conns.Load())
			})
		}
	}
}

// seedDuties writes n duties starting within the hour after now, for
// nOfficers officers, straight into the tables (the store's checks one by
// one would take longer than the measurement).
func seedDuties(t *testing.T, f *fixture, n, nOfficers int, now time.Time) {
	t.Helper()
	type officerRow struct {
		ID         int64 `gorm:"primaryKey"`
		FullName   string
		Kind       string
		Email      string
		Phone      string
		Channels   string
		Language   string
		FeedSecret string
		Active     bool
		Version    int
		CreatedAt  time.Time
		UpdatedAt  time.Time
	}
	type assignmentRow struct {
		ID        int64 `gorm:"primaryKey"`
		SiteID    int64
		SlotName  string
		Role      string
		OfficerID int64
		StartsAt  time.Time
		EndsAt    time.Time
		Status    string
		Version   int
		UpdatedBy string
		CreatedAt time.Time
		UpdatedAt time.Time
	}
	at := now.UTC().Truncate(time.Second)
	officers := make([]officerRow, nOfficers)
	for i := range officers {
		officers[i] = officerRow{FullName: fmt.Sprintf("Cán bộ %04d", i), Kind: string(roster.KindLegalAidOfficer),
			Email: fmt.Sprintf("canbo%04d@tgpl.example", i), Phone: "0904 111 222", Channels: ChannelEmail, Language: "vi",
			FeedSecret: fmt.Sprintf("secret-%d", i), Active: true, Version: 1, CreatedAt: at, UpdatedAt: at}
	}
	err := storetest.SQLOn(t, f.dsn).WithContext(f.ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Table("officers").CreateInBatches(&officers, 500).Error; err != nil {
			return err
		}
		duties := make([]assignmentRow, n)
		for i := range duties {
			start := at.Add(10*time.Minute + time.Duration(i%3000)*time.Second)
			duties[i] = assignmentRow{SiteID: f.site.ID, SlotName: "", Role: string(roster.Primary),
				OfficerID: officers[i%nOfficers].ID, StartsAt: start, EndsAt: start.Add(time.Hour), Status: string(roster.Scheduled),
				Version: 1, UpdatedBy: "seed", CreatedAt: at, UpdatedAt: at}
		}
		return tx.Table("assignments").CreateInBatches(&duties, 500).Error
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A scan loads officers in chunks; every duty of a large roster gets its
// reminder.
func TestScanManyOfficers(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	now := time.Date(2027, 1, 4, 6, 0, 0, 0, f.loc)
	f.clock.Set(now)
	seedDuties(t, f, 1100, 1100, now)
	s := f.scheduler(nil, Senders{Email: LogSender{}}, SchedulerConfig{Leads: []time.Duration{time.Hour}})
	st := f.scan(s)
	if st.Reminders != 1100 || st.Dispatch.Sent != 1100 {
		t.Fatalf("scan: %+v", st)
	}
}
