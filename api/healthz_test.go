package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"lichtruc/roster/store"
)

// TestHealthzReadOnlyDatabase: a SQLite file that answers reads but takes
// no writes makes /healthz 503, not 200.
func TestHealthzReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	rw, err := store.Open(ctx, path, store.Options{Loc: testLoc})
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	ro, err := store.Open(ctx, "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)", store.Options{Loc: testLoc})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	srv := NewServer(Config{BaseURL: testBase, Loc: testLoc, Version: "test"}, Deps{Store: ro})
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Fatalf("read-only database: /healthz = %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
