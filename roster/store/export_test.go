package store

import (
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
