package store_test

import (
	"context"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestHealthyProvesWrites: a database that answers but takes no writes is
// unhealthy — a SQLite file opened read-only (as a file whose permissions
// or disk no longer allow writing), a PostgreSQL session in read-only mode.
func TestHealthyProvesWrites(t *testing.T) {
	ctx := context.Background()
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			clock := storetest.NewClock(time.Date(2027, 1, 4, 8, 0, 0, 0, loc))
			rw, err := store.Open(ctx, dsn, store.Options{Loc: loc, Now: clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			defer rw.Close()
			if err := rw.Healthy(ctx); err != nil {
				t.Fatalf("a writable database is unhealthy: %v", err)
			}
			ro := readOnlyStore(t, dialect, dsn, clock.Now)
			if err := ro.Ping(ctx); err != nil {
				t.Fatalf("the read-only database must still answer: %v", err)
			}
			if err := ro.Healthy(ctx); roster.ErrorCode(err) != roster.EUnavailable {
				t.Fatalf("read-only database: Healthy = %v, want unavailable", err)
			}
			// A failure is never cached: the next call checks again, and
			// still fails.
			if err := ro.Healthy(ctx); roster.ErrorCode(err) != roster.EUnavailable {
				t.Fatalf("second call: Healthy = %v, want unavailable", err)
			}
			// A success stands for a second (no write), then the check
			// writes again.
			sentinel := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			if err := storetest.SQLOn(t, dsn).Exec("UPDATE health_heartbeat SET beat_at = ?", sentinel).Error; err != nil {
				t.Fatal(err)
			}
			beat := func() time.Time {
				var at time.Time
				if err := storetest.SQLOn(t, dsn).Raw("SELECT beat_at FROM health_heartbeat").Row().Scan(&at); err != nil {
					t.Fatal(err)
				}
				return at.UTC()
			}
			clock.Add(900 * time.Millisecond)
			if err := rw.Healthy(ctx); err != nil || !beat().Equal(sentinel) {
				t.Fatalf("within the second: %v, heartbeat %v (want no write)", err, beat())
			}
			clock.Add(2 * time.Second)
			if err := rw.Healthy(ctx); err != nil || !beat().Equal(clock.Now().UTC().Truncate(time.Second)) {
				t.Fatalf("after the second: %v, heartbeat %v (want a write at %v)", err, beat(), clock.Now())
			}
			rw.Close()
			if err := rw.Healthy(ctx); roster.ErrorCode(err) != roster.EUnavailable {
				t.Fatalf("closed store: Healthy = %v, want unavailable", err)
			}
		})
	}
}

// readOnlyStore opens dsn, already migrated, so that it reads but cannot
// write: SQLite with mode=ro (the tests run as root in CI, whom file
// permissions do not stop); on PostgreSQL one pooled connection in
// read-only mode (a server in recovery or made read-only answers the same).
func readOnlyStore(t *testing.T, dialect, dsn string, now func() time.Time) *store.Store {
	t.Helper()
	if dialect == "sqlite" {
		dsn = "file:" + dsn + "?mode=ro&_pragma=busy_timeout(1000)"
	}
	s, err := store.Open(context.Background(), dsn, store.Options{Loc: loc, Now: now})
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if dialect == "postgres" {
		sqlDB := s.SQLForTest()
		sqlDB.SetMaxOpenConns(1)
		sqlDB.SetMaxIdleConns(1)
		if _, err := sqlDB.Exec("SET SESSION default_transaction_read_only = on"); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// BenchmarkHealthy: /healthz's cost, throttled (Ping plus a cached
// success) and the write check itself, on each dialect.
func BenchmarkHealthy(b *testing.B) {
	ctx := context.Background()
	for _, dialect := range storetest.Dialects() {
		s := storetest.Open(b, dialect, store.Options{})
		b.Run(dialect+"/throttled", func(b *testing.B) {
			for b.Loop() {
				if err := s.Healthy(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(dialect+"/write", func(b *testing.B) {
			for b.Loop() {
				if err := s.CheckWritable(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestHealthyDoesNotQueueBehindLongWrites: while a long write transaction
// (a plan) runs, /healthz answers at once from a success of the last ten
// seconds instead of waiting for the writer's turn.
func TestHealthyDoesNotQueueBehindLongWrites(t *testing.T) {
	ctx := context.Background()
	clock := storetest.NewClock(time.Date(2027, 1, 4, 8, 0, 0, 0, loc))
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		if err := s.Healthy(ctx); err != nil {
			t.Fatal(err)
		}
		started, release := make(chan struct{}), make(chan struct{})
		done := make(chan error, 1)
		go func() {
			done <- s.HoldWrite(ctx, func() error {
				close(started)
				<-release
				return nil
			})
		}()
		<-started
		clock.Add(3 * time.Second)
		answered := make(chan error, 1)
		go func() { answered <- s.Healthy(ctx) }()
		select {
		case err := <-answered:
			if err != nil {
				t.Errorf("during a long write: %v", err)
			}
		case <-time.After(2 * time.Second):
			t.Error("Healthy waited for the long write transaction")
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := s.Healthy(ctx); err != nil {
			t.Fatalf("after the long write: %v", err)
		}
	})
}
