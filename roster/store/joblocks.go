package store

import (
	"context"
	"sync"
)

// jobLocks are the SQLite job locks: one mutex per job name, in this
// process, which is the only one a SQLite file serves.
type jobLocks struct {
	mu   sync.Mutex
	jobs map[string]*sync.Mutex
}

func (l *jobLocks) get(job string) *sync.Mutex {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.jobs == nil {
		l.jobs = map[string]*sync.Mutex{}
	}
	m, ok := l.jobs[job]
	if !ok {
		m = &sync.Mutex{}
		l.jobs[job] = m
	}
	return m
}

// RunExclusive runs fn unless another run of job holds its lock, and
// reports whether it ran. On PostgreSQL the lock is a transaction-level
// advisory lock, per schema, held by a transaction open for the run (so a
// process that dies releases it), and it keeps replicas sharing the
// database from running the same job at once; on SQLite, which one process
// owns, it is a mutex of this Store. fn's error is returned as it is.
func (s *Store) RunExclusive(ctx context.Context, job string, fn func(context.Context) error) (bool, error) {
	if s.dialect != "postgres" {
		mu := s.jobLocks.get(job)
		if !mu.TryLock() {
			return false, nil
		}
		defer mu.Unlock()
		return true, fn(ctx)
	}
	tx := s.db.WithContext(ctx).Begin()
	if tx.Error != nil {
		return false, mapErr(tx.Error)
	}
	defer tx.Rollback()
	var ok bool
	if err := tx.Raw("SELECT pg_try_advisory_xact_lock(7154831, hashtext(current_schema() || ':' || ?))", job).Scan(&ok).Error; err != nil {
		return false, mapErr(err)
	}
	if !ok {
		return false, nil
	}
	return true, fn(ctx)
}
