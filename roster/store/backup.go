package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"lichtruc/roster"
)

// Backup writes a consistent copy of a SQLite database to path, which must
// not exist yet. It runs VACUUM INTO: one read transaction, so the copy is
// the database as of one instant, committed WAL frames included, while
// other connections and processes (a running server) go on writing. The
// copy is a compact, self-contained database file (no -wal or -shm beside
// it) that lichtruc opens as it is.
//
// PostgreSQL has its own tools (pg_dump, or Export for a portable file);
// Backup refuses with EInvalid.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return roster.Errorf(roster.EInvalid,
			"backup copies SQLite files; on PostgreSQL use pg_dump (pg_dump -Fc -f lichtruc.dump DBURL), or lichtruc export for a portable file")
	}
	if path == "" {
		return roster.Errorf(roster.EInvalid, "backup needs the path of the copy")
	}
	if _, err := os.Stat(path); err == nil {
		return roster.Errorf(roster.EInvalid, "%s already exists; the backup does not overwrite a file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := s.sqlDB.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		if !strings.Contains(err.Error(), "exists") {
			os.Remove(path) // a partial copy is no backup
		}
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
