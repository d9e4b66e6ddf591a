// Package storetest gives tests a fresh store: a new SQLite file always,
// and a new PostgreSQL schema when LICHTRUC_TEST_POSTGRES names a server.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the tests' zone on machines without tzdata

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"lichtruc/roster/store"
)

// EnvPostgres names the environment variable with the PostgreSQL URL tests use.
const EnvPostgres = "LICHTRUC_TEST_POSTGRES"

// Loc is the time zone tests run in.
var Loc = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// Dialects returns the dialects to test: "sqlite", plus "postgres" when
// LICHTRUC_TEST_POSTGRES is set.
func Dialects() []string {
	if os.Getenv(EnvPostgres) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// ForEach runs fn as a subtest on a fresh store of each dialect. When
// LICHTRUC_TEST_POSTGRES is unset the PostgreSQL run is skipped with a
// message saying so.
func ForEach(t *testing.T, opt store.Options, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			fn(t, Open(t, d, opt))
		})
	}
}

// DSN returns a fresh database for dialect: a SQLite file in t.TempDir(),
// or a new schema on the PostgreSQL server (dropped when the test ends).
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return filepath.Join(t.TempDir(), "lichtruc.db")
	}
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvPostgres + "=postgres://user@host:5432/db?sslmode=disable to run them")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "lt_" + hex.EncodeToString(b)
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect %s: %v", EnvPostgres, err)
	}
	sqlDB, _ := admin.DB()
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		sqlDB.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a fresh, migrated store of dialect, closed when the test ends.
func Open(t testing.TB, dialect string, opt store.Options) *store.Store {
	t.Helper()
	if opt.Loc == nil {
		opt.Loc = Loc
	}
	dsn := DSN(t, dialect)
	s, err := store.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatalf("open %s store: %v", dialect, err)
	}
	opened.Store(s, dsn)
	t.Cleanup(func() {
		opened.Delete(s)
		s.Close()
	})
	return s
}

// opened maps the stores Open returned to their DSNs, for SQL. It is test
// support only: the service has no such registry.
var opened sync.Map // *store.Store → string

// SQL returns a second connection to the database of s (a store from
// Open), closed when the test ends, for tests that must look at or break
// tables behind the store's back. The service itself reaches the database
// only through the store's methods.
func SQL(t testing.TB, s *store.Store) *gorm.DB {
	t.Helper()
	dsn, ok := opened.Load(s)
	if !ok {
		t.Fatal("storetest.SQL: the store was not opened by storetest.Open")
	}
	return SQLOn(t, dsn.(string))
}

// SQLOn returns a connection to the database dsn names (from DSN), closed
// when the test ends.
func SQLOn(t testing.TB, dsn string) *gorm.DB {
	t.Helper()
	var dial gorm.Dialector
	if store.IsPostgres(dsn) {
		dial = postgres.Open(dsn)
	} else {
		dial = sqlite.Open("file:" + dsn + "?_pragma=busy_timeout(15000)&_pragma=foreign_keys(1)")
	}
	db, err := gorm.Open(dial, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sqlDB.Close() })
	return db
}
