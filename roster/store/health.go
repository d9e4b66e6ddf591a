package store

import (
	"context"
	"sync"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// healthFresh is how long a successful write check stands for the next
// ones: /healthz is called often (load balancers, the load test's
// baseline), and one small committed write a second is plenty to notice a
// database that stopped taking writes. A failed check is never reused.
//
// healthStale bounds how old a success may be for a caller that finds a
// check already running (a slow write, waiting for a long transaction).
const (
	healthFresh = time.Second
	healthStale = 10 * time.Second
)

// healthState remembers the last successful write check.
type healthState struct {
	mu     sync.Mutex // held while a check runs
	seenMu sync.Mutex
	okAt   time.Time // when a write last succeeded (the store's clock)
	valid  bool
}

func (h *healthState) lastOK() (time.Time, bool) {
	h.seenMu.Lock()
	defer h.seenMu.Unlock()
	return h.okAt, h.valid
}

func (h *healthState) record(at time.Time, ok bool) {
	h.seenMu.Lock()
	defer h.seenMu.Unlock()
	h.okAt, h.valid = at, ok
}

// Healthy reports whether the database answers and takes writes: a SQLite
// file that became read-only, a full disk or a PostgreSQL server in
// read-only mode make it an EUnavailable error. The write is one committed
// upsert of a one-row table, made at most once per healthFresh. /healthz
// never queues behind other work while a recent check succeeded: callers
// that find a check under way, and on SQLite a check that finds another
// write transaction of this process under way (a long plan), take that
// success instead of waiting.
func (s *Store) Healthy(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	now := s.now()
	at, ok := s.health.lastOK()
	if ok && within(at, now, healthFresh) {
		return nil
	}
	recent := ok && within(at, now, healthStale)
	if !s.health.mu.TryLock() {
		if recent {
			return nil
		}
		s.health.mu.Lock()
	}
	defer s.health.mu.Unlock()
	if at, ok := s.health.lastOK(); ok && within(at, now, healthFresh) {
		return nil // another caller checked while this one waited
	}
	checked, err := s.heartbeat(ctx, recent)
	if checked {
		s.health.record(now, err == nil)
	}
	return err
}

// within reports whether at is less than d before now; a clock that went
// backwards makes at stale.
func within(at, now time.Time, d time.Duration) bool {
	age := now.Sub(at)
	return age >= 0 && age < d
}

// CheckWritable proves that the database takes writes now, with one small
// committed write (no throttling; Healthy is the throttled form).
func (s *Store) CheckWritable(ctx context.Context) error {
	_, err := s.heartbeat(ctx, false)
	return err
}

// heartbeat writes the heartbeat row in its own transaction. On SQLite,
// when another write transaction of this process holds the writer's turn
// and busyOK is set, it does not wait: checked is false and err nil.
func (s *Store) heartbeat(ctx context.Context, busyOK bool) (checked bool, err error) {
	if s.dialect == "sqlite" {
		if !s.writeMu.TryLock() {
			if busyOK {
				return false, nil
			}
			s.writeMu.Lock()
		}
		defer s.writeMu.Unlock()
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Exec(`INSERT INTO health_heartbeat (id, beat_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`, ts(s.now())).Error
	})
	if err != nil {
		return true, &roster.Error{Code: roster.EUnavailable, Message: "database does not take writes", Err: err}
	}
	return true, nil
}
