package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// fillSome writes rows of several kinds: text with Vietnamese, NULLs,
// booleans, instants, a text primary key.
func fillSome(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	site, a, b := seed(t, s)
	if _, err := s.CreateUser(ctx, "test", roster.User{Name: "an", Role: roster.RoleOfficer, OfficerID: &a.ID}, store.HashToken("an-token")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateLeave(ctx, "test", roster.Leave{OfficerID: b.ID, From: roster.NewDate(2027, 1, 4), To: roster.NewDate(2027, 1, 5), Reason: "ốm"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, SlotName: "Sáng", Role: roster.Primary, OfficerID: a.ID,
		Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30"), Status: roster.Scheduled}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutHolidayOverride(ctx, "test", roster.SpecialDay{Date: roster.NewDate(2027, 11, 24), Name: "Ngày Văn hóa Việt Nam", Kind: roster.DayOff}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.CountLoginAttempt(ctx, "an", 1, time.Hour); err != nil { // a lock-out: a NULL-able instant set
		t.Fatal(err)
	}
}

// TestExportImportRoundTrip exports a database, imports it into a new
// one of each dialect, exports that, and compares every row of every
// table; then checks new rows get fresh ids (sequences moved on).
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := storetest.Open(t, "sqlite", store.Options{})
	fillSome(t, src)
	var first bytes.Buffer
	counts, err := src.Export(ctx, &first)
	if err != nil {
		t.Fatal(err)
	}
	h1, rows1 := storetest.ExportRows(t, first.Bytes())
	if len(counts) != len(rows1) || len(rows1["officers"]) != 2 || len(rows1["audit_log"]) == 0 {
		t.Fatalf("export counts %v; tables %v", counts, slices.Sorted(maps.Keys(rows1)))
	}
	if _, ok := rows1["schema_migrations"]; ok {
		t.Error("the migration history is in the header, not a table")
	}
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dst := storetest.Open(t, dialect, store.Options{})
			if _, err := dst.Import(ctx, bytes.NewReader(first.Bytes())); err != nil {
				t.Fatal(err)
			}
			var second bytes.Buffer
			if _, err := dst.Export(ctx, &second); err != nil {
				t.Fatal(err)
			}
			h2, rows2 := storetest.ExportRows(t, second.Bytes())
			if h2["schema_version"] != h1["schema_version"] || h2["dialect"] != dialect {
				t.Errorf("headers: %v / %v", h1, h2)
			}
			compareTables(t, rows1, rows2)
			// Sequences moved past the imported ids.
			o, err := dst.CreateOfficer(ctx, "test", roster.Officer{FullName: "Phan Văn Quang", Kind: roster.KindLawyer, Active: true})
			if err != nil {
				t.Fatalf("a new officer after the import: %v", err)
			}
			if o.ID != 3 {
				t.Errorf("new officer id %d, want 3", o.ID)
			}
			// A second import is refused: the database is no longer empty.
			if _, err := dst.Import(ctx, bytes.NewReader(first.Bytes())); roster.ErrorCode(err) != roster.EInvalid || !strings.Contains(err.Error(), "not empty") {
				t.Errorf("import into a non-empty database: %v", err)
			}
		})
	}
}

// compareTables fails for every table or row that differs.
func compareTables(t *testing.T, want, got map[string][]string) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got))) {
		t.Fatalf("tables differ:\n%v\n%v", slices.Sorted(maps.Keys(want)), slices.Sorted(maps.Keys(got)))
	}
	for table, w := range want {
		g := got[table]
		if len(w) != len(g) {
			t.Errorf("%s: %d rows, then %d", table, len(w), len(g))
			continue
		}
		for i := range w {
			if w[i] != g[i] {
				t.Errorf("%s: row\n%s\nbecame\n%s", table, w[i], g[i])
			}
		}
	}
}

// TestImportRefusesBadFiles: a file cut short, of another schema version,
// or with a value of the wrong kind, leaves the database empty.
func TestImportRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	src := storetest.Open(t, "sqlite", store.Options{})
	fillSome(t, src)
	var file bytes.Buffer
	if _, err := src.Export(ctx, &file); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(file.String(), "\n")
	var header map[string]any
	json.Unmarshal([]byte(lines[0]), &header)
	header["migrations"] = []int{1, 2}
	otherVersion, _ := json.Marshal(header)
	badKind := strings.Replace(file.String(), `"Nguyễn Văn An"`, `17`, 1)
	cases := map[string]string{
		"cut short":        strings.Join(lines[:len(lines)-3], ""),
		"schema version":   string(otherVersion) + "\n" + strings.Join(lines[1:], ""),
		"value kind":       badKind,
		"not an export":    "{\"hello\": 1}\n",
		"unknown table":    strings.Replace(file.String(), `{"table":"officers"`, `{"table":"officerz"`, 1),
		"row count":        regexp.MustCompile(`("table":"officers".*"rows":)2`).ReplaceAllString(file.String(), "${1}3"),
		"trailing data":    strings.Replace(file.String(), `"end":true`, `"end":true,"x":0`, 1) + "[1]\n",
		"truncated header": lines[0][:10],
	}
	for name, body := range cases {
		// Files refused part-way, after rows went in, on PostgreSQL too
		// (the transaction rolls back); the others on SQLite only.
		dialects := []string{"sqlite"}
		if name == "value kind" || name == "row count" {
			dialects = append(dialects, "postgres")
		}
		for _, dialect := range dialects {
			dst := storetest.Open(t, dialect, store.Options{})
			_, err := dst.Import(ctx, strings.NewReader(body))
			if roster.ErrorCode(err) != roster.EInvalid {
				t.Fatalf("%s on %s: import = %v, want invalid", name, dialect, err)
			}
			var n int64
			if err := storetest.SQL(t, dst).Raw("SELECT COUNT(*) FROM officers").Row().Scan(&n); err != nil || n != 0 {
				t.Fatalf("%s: %d officers after a refused import (%v)", name, n, err)
			}
		}
	}
}
