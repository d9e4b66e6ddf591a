package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type auditRow struct {
	ID       int64 `gorm:"primaryKey"`
	At       time.Time
	Actor    string
	Action   string
	Entity   string
	EntityID string
	Detail   string
}

func (auditRow) TableName() string { return "audit_log" }

// AuditFilter selects audit entries; zero fields select all.
type AuditFilter struct {
	Entity   string
	EntityID string
	BeforeID int64 // keyset paging: entries with a smaller id
	Limit    int
}

// ListAudit returns audit entries, newest first.
func (s *Store) ListAudit(ctx context.Context, f AuditFilter) ([]roster.AuditEntry, error) {
	q := s.db.WithContext(ctx).Order("id DESC")
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	var rows []auditRow
	if err := q.Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = roster.AuditEntry{ID: r.ID, At: r.At.In(s.loc), Actor: r.Actor, Action: r.Action, Entity: r.Entity, EntityID: r.EntityID, Detail: r.Detail}
	}
	return out, nil
}

// ChangeMark returns a value that changes whenever roster data is
// written: the change counter, a single row that every audited write bumps
// in its own transaction (audit). Caches of rendered data (feeds) key on it.
// Because the bump commits with the change, a replica that reads the new
// mark also sees the change, whichever replica made it; a reader that
// reads the mark before the data at worst renders new data under an old
// mark, which only costs one more render.
func (s *Store) ChangeMark(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Raw("SELECT n FROM change_counter WHERE id = 1").Scan(&n).Error; err != nil {
		return 0, mapErr(err)
	}
	return n, nil
}

// bumpChanges advances the change counter inside tx. On PostgreSQL the
// row stays locked until tx ends, so writers queue on it only between
// their audit entry (as a rule their last statement) and their commit.
func bumpChanges(tx *gorm.DB) error {
	return tx.Exec("UPDATE change_counter SET n = n + 1 WHERE id = 1").Error
}
