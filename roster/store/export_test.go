package store

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// FailTable makes every statement of s on table fail with err, so that
// tests can see how the store maps errors it cannot easily provoke
// (deadlocks, serialization failures).
func (s *Store) FailTable(table string, err error) {
	fail := func(db *gorm.DB) {
		if db.Statement.Table == table || strings.Contains(db.Statement.SQL.String(), table) {
			_ = db.AddError(err)
		}
	}
	cb := s.db.Callback()
	_ = cb.Create().Before("gorm:create").Register("test:fail_create", fail)
	_ = cb.Query().Before("gorm:query").Register("test:fail_query", fail)
	_ = cb.Update().Before("gorm:update").Register("test:fail_update", fail)
	_ = cb.Raw().Before("gorm:raw").Register("test:fail_raw", fail)
	_ = cb.Row().Before("gorm:row").Register("test:fail_row", fail)
}

// HoldWrite runs fn inside one of s's write transactions, for tests that
// need a long writer (SQLite serialises writers in-process).
func (s *Store) HoldWrite(ctx context.Context, fn func() error) error {
	return s.writeTx(ctx, func(*gorm.DB) error { return fn() })
}

// SQLForTest returns s's connection pool, for tests that must change how
// its sessions behave (a read-only session).
func (s *Store) SQLForTest() *sql.DB { return s.sqlDB }
