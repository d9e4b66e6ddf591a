package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"

	"lichtruc/roster"
)

// Store is the roster's persistence. It is safe for concurrent use, and
// several processes may share one PostgreSQL database.
type Store struct {
	db      *gorm.DB
	sqlDB   *sql.DB
	dialect string // "sqlite" or "postgres"
	loc     *time.Location
	log     *slog.Logger
	now     func() time.Time
	// writeMu serialises write transactions of this process on SQLite, which
	// allows one writer at a time; PostgreSQL relies on row locks instead.
	writeMu sync.Mutex
	// jobLocks are RunExclusive's locks on SQLite.
	jobLocks jobLocks
	health   healthState // throttles the write check of Healthy (health.go)
	// markStmt reads the change mark, prepared once: the pure-Go SQLite
	// driver would otherwise parse it on every request (hotcache.go).
	markStmt    *sql.Stmt
	hot         hotCache
	onStatement func(string)
}

// Options configure Open.
type Options struct {
	Loc    *time.Location   // the service's time zone (days → instants)
	Logger *slog.Logger     // nil: discard
	Now    func() time.Time // nil: time.Now
	// OnStatement, when set, is called after each SQL statement the store
	// runs, with its text: tests count the round trips of a request.
	OnStatement func(sql string)
}

// Open connects to dsn — a postgres:// URL selects PostgreSQL, anything else
// is a SQLite file path — and applies missing migrations.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	s := &Store{loc: opt.Loc, log: opt.Logger, now: opt.Now, onStatement: opt.OnStatement}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	cfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return ts(s.now()) }}
	var dial gorm.Dialector
	if IsPostgres(dsn) {
		s.dialect = "postgres"
		dial = postgres.Open(dsn)
	} else {
		s.dialect = "sqlite"
		dial = sqlite.Open(sqliteDSN(dsn))
	}
	db, err := gorm.Open(dial, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", s.dialect, err)
	}
	s.db = db
	if opt.OnStatement != nil {
		if err := watchStatements(db, opt.OnStatement); err != nil {
			return nil, err
		}
	}
	if s.sqlDB, err = db.DB(); err != nil {
		return nil, err
	}
	// Keep the pool's connections open between requests: database/sql
	// keeps only 2 idle by default, so under load PostgreSQL would start a
	// new session (a process) for most requests. Idle connections are
	// closed after a quiet spell, and renewed now and then.
	if s.dialect == "sqlite" {
		s.sqlDB.SetMaxOpenConns(8)
		s.sqlDB.SetMaxIdleConns(8)
	} else {
		s.sqlDB.SetMaxOpenConns(20)
		s.sqlDB.SetMaxIdleConns(20)
		s.sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		s.sqlDB.SetConnMaxLifetime(time.Hour)
	}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.markStmt, err = s.sqlDB.PrepareContext(ctx, markQuery); err != nil {
		s.Close()
		return nil, fmt.Errorf("prepare the change mark query: %w", err)
	}
	return s, nil
}

// watchStatements calls fn after every statement gorm runs.
func watchStatements(db *gorm.DB, fn func(string)) error {
	after := func(tx *gorm.DB) { fn(tx.Statement.SQL.String()) }
	cb := db.Callback()
	return errors.Join(
		cb.Query().After("gorm:query").Register("lichtruc:statement", after),
		cb.Row().After("gorm:row").Register("lichtruc:statement", after),
		cb.Raw().After("gorm:raw").Register("lichtruc:statement", after),
		cb.Create().After("gorm:create").Register("lichtruc:statement", after),
		cb.Update().After("gorm:update").Register("lichtruc:statement", after),
		cb.Delete().After("gorm:delete").Register("lichtruc:statement", after),
	)
}

// IsPostgres reports whether dsn selects PostgreSQL.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN adds the pragmas lichtruc needs: WAL so readers never block the
// writer, a busy timeout so nobody sees "database is locked", foreign keys,
// and immediate write transactions so a transaction never has to upgrade
// its lock half-way.
func sqliteDSN(path string) string {
	if strings.Contains(path, "?") {
		return path
	}
	path = strings.NewReplacer("%", "%25", "#", "%23").Replace(path) // a URI: "#" would end the path
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(15000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Loc returns the service's time zone.
func (s *Store) Loc() *time.Location { return s.loc }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := s.sqlDB.PingContext(ctx); err != nil {
		return &roster.Error{Code: roster.EUnavailable, Message: "database unavailable", Err: err}
	}
	return nil
}

// PoolStats returns the figures of the connection pool, for metrics.
func (s *Store) PoolStats() sql.DBStats { return s.sqlDB.Stats() }

// Close closes the database.
func (s *Store) Close() error {
	if s.markStmt != nil {
		s.markStmt.Close()
	}
	return s.sqlDB.Close()
}

func (s *Store) writeTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.dialect == "sqlite" {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	defer forgetMark(ctx) // the request now reads what it wrote (hotcache.go)
	return mapErr(s.db.WithContext(ctx).Transaction(fn))
}

// lockOfficers takes row locks on officers (PostgreSQL), in id order so two
// transactions never deadlock; it also checks they exist. SQLite's
// immediate transactions already exclude other writers.
func (s *Store) lockOfficers(tx *gorm.DB, ids ...int64) error {
	ids = uniqueSorted(ids)
	q := "SELECT id FROM officers WHERE id IN ? ORDER BY id"
	if s.dialect == "postgres" {
		q += " FOR UPDATE"
	}
	var found []int64
	if err := tx.Raw(q, ids).Scan(&found).Error; err != nil {
		return err
	}
	if len(found) != len(ids) {
		have := map[int64]bool{}
		for _, id := range found {
			have[id] = true
		}
		for _, id := range ids {
			if !have[id] {
				return &roster.Error{Code: roster.EInvalid, Message: fmt.Sprintf("officer %d does not exist", id),
					Fields: []roster.FieldError{{Field: "officer_id", Code: roster.RuleNotFound, Message: fmt.Sprintf("officer %d does not exist", id)}}}
			}
		}
	}
	return nil
}

// forUpdate makes the next read lock the rows it returns until the
// transaction ends (PostgreSQL); SQLite's write transactions already
// exclude other writers.
func (s *Store) forUpdate(tx *gorm.DB) *gorm.DB {
	if s.dialect == "postgres" {
		return tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return tx
}

// likeEscape makes s match itself in a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ts normalises an instant for storage: UTC, whole seconds.
func ts(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// mapErr turns database errors into roster errors: unique violations are
// conflicts, foreign-key violations invalid input.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var re *roster.Error
	if errors.As(err, &re) {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return &roster.Error{Code: roster.ENotFound, Message: "not found", Err: err}
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleDuplicate, Message: "already exists: " + pg.ConstraintName, Err: err}
		case "23503":
			return &roster.Error{Code: roster.EInvalid, Message: "refers to something that does not exist", Err: err}
		case "23514":
			return &roster.Error{Code: roster.EInvalid, Message: "violates " + pg.ConstraintName, Err: err}
		case "40P01", "40001":
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleVersion, Message: "a concurrent change got in the way; try again", Err: err}
		}
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleDuplicate, Message: "already exists", Err: err}
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		return &roster.Error{Code: roster.EInvalid, Message: "refers to something that does not exist", Err: err}
	case strings.Contains(msg, "CHECK constraint failed"):
		return &roster.Error{Code: roster.EInvalid, Message: "invalid value", Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &roster.Error{Code: roster.EUnavailable, Message: "request cancelled or timed out", Err: err}
	}
	return err
}

// audit records a change inside tx, and bumps the change counter (see
// ChangeMark) in the same transaction.
func (s *Store) audit(tx *gorm.DB, actor, action, entity string, id any, detail string) error {
	if err := tx.Exec("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
		ts(s.now()), actor, action, entity, fmt.Sprint(id), detail).Error; err != nil {
		return err
	}
	return bumpChanges(tx)
}

// orNone returns ids for an SQL "IN ?" with an id no row has appended, so
// an empty list selects nothing instead of being a syntax error. It never
// writes into the caller's slice.
func orNone(ids []int64) []int64 {
	return append(slices.Clip(ids), -1)
}

func uniqueSorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
