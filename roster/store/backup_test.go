package store_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestBackupWhileWriting copies a live SQLite database while another
// store on the same file (a running server) keeps committing rows. The
// copy opens, passes PRAGMA integrity_check, has every row committed
// before the backup began — including rows still only in the WAL — and
// is a snapshot: its rows are exactly the first n written, no holes.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	server, err := store.Open(ctx, path, store.Options{Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	cli, err := store.Open(ctx, path, store.Options{Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()

	var written atomic.Int64
	writer := storetest.SQLOn(t, path) // a second writer on the live file, as the server would be
	write := func() {
		err := writer.Transaction(func(tx *gorm.DB) error {
			return tx.Exec("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, 'test', 'write', 'row', ?, ?)",
				time.Now().UTC(), written.Load()+1, "a row written while the backup runs").Error
		})
		if err != nil {
			t.Error(err)
			return
		}
		written.Add(1)
	}
	for range 200 {
		write()
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the rows must sit in the WAL before the backup: %v", err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				write()
			}
		}
	}()
	for written.Load() < 250 { // the writer is under way
		runtime.Gosched()
	}
	before := written.Load()
	copyPath := filepath.Join(dir, "copy.db")
	if err := cli.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	after := written.Load()
	close(stop)
	wg.Wait()
	if err := cli.Backup(ctx, copyPath); roster.ErrorCode(err) != roster.EInvalid {
		t.Errorf("a backup over an existing file: %v, want invalid", err)
	}

	cp, err := store.Open(ctx, copyPath, store.Options{Loc: loc})
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer cp.Close()
	var check string
	if err := storetest.SQLOn(t, copyPath).Raw("PRAGMA integrity_check").Row().Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the copy: %q %v", check, err)
	}
	var n, maxID int64
	if err := storetest.SQLOn(t, copyPath).Raw("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit_log WHERE actor = 'test'").Row().Scan(&n, &maxID); err != nil {
		t.Fatal(err)
	}
	if n < before || n > after || n != maxID {
		t.Fatalf("copy has %d rows (max id %d); %d were committed before the backup and %d after", n, maxID, before, after)
	}
	if v, err := cp.SchemaVersion(ctx); err != nil || v == 0 {
		t.Fatalf("copy schema version %d %v", v, err)
	}
	t.Logf("copy holds %d rows: %d committed before the backup began, %d when it ended", n, before, after)
}

func TestBackupRefusesPostgres(t *testing.T) {
	s := storetest.Open(t, "postgres", store.Options{})
	err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if roster.ErrorCode(err) != roster.EInvalid || !containsAll(err.Error(), "pg_dump") {
		t.Fatalf("backup on PostgreSQL: %v", err)
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// TestSQLitePathWithHash: a '#' in the file's path (Go names the temporary
// directories of repeated subtests "name#01") stays part of the path
// instead of ending the file: URI, which opened another file.
func TestSQLitePathWithHash(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, name := range []string{"a#1.db", "a#2.db", "50%.db"} {
		s, err := store.Open(ctx, filepath.Join(dir, name), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error(`the path was cut at "#"`)
	}
}
