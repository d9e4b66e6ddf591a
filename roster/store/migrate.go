package store

// The migration runner: dialect placeholders, applying the versions of
// migrations.go in order under a lock, and reading the schema version.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// dialect placeholders.
var placeholders = map[string]map[string]string{
	"sqlite": {
		"{{ID}}":     "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{TS}}":     "DATETIME",
		"{{BOOL}}":   "BOOLEAN",
		"{{BIGINT}}": "INTEGER",
		"{{STRAGG}}": "group_concat", // in the order of its (ordered) subquery
		"{{BYID}}":   "",
	},
	"postgres": {
		"{{ID}}":     "BIGSERIAL PRIMARY KEY",
		"{{TS}}":     "TIMESTAMPTZ",
		"{{BOOL}}":   "BOOLEAN",
		"{{BIGINT}}": "BIGINT",
		"{{STRAGG}}": "string_agg",
		"{{BYID}}":   " ORDER BY old.id",
	},
}

func renderSQL(dialect, sql string) string {
	for k, v := range placeholders[dialect] {
		sql = strings.ReplaceAll(sql, k, v)
	}
	return sql
}

// Migrate brings the schema up to date, applying each missing migration in
// its own transaction. On PostgreSQL an advisory lock keeps two replicas
// starting together from migrating at once.
func (s *Store) Migrate(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	if s.dialect == "postgres" {
		// Session-level advisory locks need one connection throughout.
		conn, err := s.sqlDB.Conn(ctx)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7154830)"); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7154830)")
	}
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ` + placeholders[s.dialect]["{{TS}}"] + ` NOT NULL)`).Error; err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var applied []int
	if err := db.Raw("SELECT version FROM schema_migrations").Scan(&applied).Error; err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	ordered := slices.SortedFunc(slices.Values(migrations), func(a, b migration) int { return a.Version - b.Version })
	for _, m := range ordered {
		if done[m.Version] {
			continue
		}
		err := s.writeTx(ctx, func(tx *gorm.DB) error {
			for _, stmt := range splitSQL(renderSQL(s.dialect, m.SQL)) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%.60s…: %w", stmt, err)
				}
			}
			return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, ts(time.Now())).Error
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		s.log.Info("schema migrated", "version", m.Version, "name", m.Name)
	}
	return s.foldOfficerNames(ctx)
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	err := s.db.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error
	if err != nil || v == nil {
		return 0, err
	}
	return *v, nil
}

// splitSQL splits a script on semicolons that end a line.
func splitSQL(script string) []string {
	var out []string
	for _, part := range strings.Split(script, ";\n") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, strings.TrimSuffix(p, ";"))
		}
	}
	return out
}
