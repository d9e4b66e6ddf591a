package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Reading the schema from the database itself, so that export and import
// move every table — those of later migrations too — without a
// hand-written list.

// querier is what reading the schema and the rows needs: a *sql.Conn, a
// *sql.Tx or the *sql.DB.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// columnKind says how a column's values are written in an export file, so
// that the same value reads back from either database.
type columnKind string

const (
	kindInt   columnKind = "int"   // a JSON integer
	kindFloat columnKind = "float" // a JSON number
	kindBool  columnKind = "bool"  // true or false
	kindTime  columnKind = "time"  // an instant, RFC 3339 in UTC, microseconds at most
	kindText  columnKind = "text"  // a string
)

type columnInfo struct {
	Name string
	Kind columnKind
}

type tableInfo struct {
	Name    string
	Columns []columnInfo
	PK      []string // primary-key columns; empty: order by every column
	Refs    []string // tables its foreign keys point to
}

// notMoved are tables export and import leave alone: the migration history
// (the file names the schema version instead) and the heartbeat /healthz
// writes, which a database has from the moment a server answers, and the
// change counter feed caches key on, which every database has from its
// first migration.
var notMoved = map[string]bool{"schema_migrations": true, "health_heartbeat": true, "change_counter": true}

// tables reads every table of the database with its columns, primary key
// and foreign keys, in an order in which each table comes after the tables
// it refers to.
func (s *Store) tables(ctx context.Context, q querier) ([]tableInfo, error) {
	var names []string
	var err error
	if s.dialect == "sqlite" {
		names, err = queryStrings(ctx, q, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	} else {
		names, err = queryStrings(ctx, q, `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	}
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var out []tableInfo
	for _, n := range names {
		if notMoved[n] {
			continue
		}
		t, err := s.tableInfo(ctx, q, n)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", n, err)
		}
		out = append(out, t)
	}
	return dependencyOrder(out), nil
}

func (s *Store) tableInfo(ctx context.Context, q querier, name string) (tableInfo, error) {
	t := tableInfo{Name: name}
	var rows *sql.Rows
	var err error
	if s.dialect == "sqlite" {
		rows, err = q.QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", name)
	} else {
		rows, err = q.QueryContext(ctx, `SELECT c.column_name, c.data_type, COALESCE((
				SELECT k.ordinal_position FROM information_schema.table_constraints tc
				JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name
					AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
				WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema
					AND tc.table_name = c.table_name AND k.column_name = c.column_name), 0)
			FROM information_schema.columns c
			WHERE c.table_schema = current_schema() AND c.table_name = $1 ORDER BY c.ordinal_position`, name)
	}
	if err != nil {
		return t, err
	}
	defer rows.Close()
	type pkCol struct {
		pos  int
		name string
	}
	var pk []pkCol
	for rows.Next() {
		var col, typ string
		var pos int
		if err := rows.Scan(&col, &typ, &pos); err != nil {
			return t, err
		}
		t.Columns = append(t.Columns, columnInfo{Name: col, Kind: kindOf(s.dialect, typ)})
		if pos > 0 {
			pk = append(pk, pkCol{pos, col})
		}
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	slices.SortFunc(pk, func(a, b pkCol) int { return cmp.Compare(a.pos, b.pos) })
	for _, c := range pk {
		t.PK = append(t.PK, c.name)
	}
	if s.dialect == "sqlite" {
		t.Refs, err = queryStrings(ctx, q, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, name)
	} else {
		t.Refs, err = queryStrings(ctx, q, `SELECT DISTINCT cf.relname FROM pg_constraint con
			JOIN pg_class ct ON ct.oid = con.conrelid
			JOIN pg_class cf ON cf.oid = con.confrelid
			JOIN pg_namespace n ON n.oid = ct.relnamespace
			WHERE con.contype = 'f' AND n.nspname = current_schema() AND ct.relname = $1`, name)
	}
	return t, err
}

// kindOf maps a column's declared type to how its values travel.
func kindOf(dialect, typ string) columnKind {
	t := strings.ToUpper(strings.TrimSpace(typ))
	if dialect == "postgres" {
		switch {
		case t == "BIGINT" || t == "INTEGER" || t == "SMALLINT":
			return kindInt
		case t == "BOOLEAN":
			return kindBool
		case strings.HasPrefix(t, "TIMESTAMP") || t == "DATE":
			return kindTime
		case t == "DOUBLE PRECISION" || t == "REAL" || t == "NUMERIC":
			return kindFloat
		}
		return kindText
	}
	// SQLite's affinity rules, with the declared types the migrations use.
	switch {
	case strings.Contains(t, "INT"):
		return kindInt
	case strings.Contains(t, "BOOL"):
		return kindBool
	case t == "DATETIME" || t == "TIMESTAMP" || t == "DATE":
		return kindTime
	case strings.Contains(t, "REAL") || strings.Contains(t, "FLOA") || strings.Contains(t, "DOUB") || strings.Contains(t, "NUMERIC"):
		return kindFloat
	}
	return kindText
}

// dependencyOrder sorts tables so that each comes after those it refers
// to (Kahn's algorithm, ties by name); tables caught in a cycle come last,
// by name.
func dependencyOrder(ts []tableInfo) []tableInfo {
	byName := map[string]tableInfo{}
	for _, t := range ts {
		byName[t.Name] = t
	}
	placed := map[string]bool{}
	var out []tableInfo
	for len(out) < len(ts) {
		progress := false
		for _, t := range ts { // ts is in name order
			if placed[t.Name] {
				continue
			}
			ready := true
			for _, r := range t.Refs {
				if _, known := byName[r]; known && r != t.Name && !placed[r] {
					ready = false
					break
				}
			}
			if ready {
				placed[t.Name] = true
				out = append(out, t)
				progress = true
				break // restart from the first name, for a stable order
			}
		}
		if !progress {
			for _, t := range ts {
				if !placed[t.Name] {
					placed[t.Name] = true
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// quoteIdent quotes a table or column name for both dialects.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
