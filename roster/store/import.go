package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"lichtruc/roster"
)

// Import reads an export file (Export) into this database, which must be
// migrated to the same schema version and empty: every table but the
// migration history and the health heartbeat without rows. Everything is
// written in one transaction, so a bad file leaves the database as it was.
// Rows keep their ids; on PostgreSQL the id sequences are then moved past
// the highest id, so new rows do not collide with imported ones.
func (s *Store) Import(ctx context.Context, r io.Reader) ([]TableCount, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	dec.UseNumber()
	var h ExportHeader
	if err := dec.Decode(&h); err != nil {
		return nil, importErr("the file does not start with an export header: %v", err)
	}
	if h.Format != exportFormat {
		return nil, importErr("not a lichtruc export file (format %q)", h.Format)
	}
	if h.FormatVersion != exportFormatVersion {
		return nil, importErr("export format version %d; this lichtruc reads version %d", h.FormatVersion, exportFormatVersion)
	}
	have, err := queryInts(ctx, s.sqlDB, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		return nil, fmt.Errorf("import: schema version: %w", err)
	}
	if !slices.Equal(have, h.Migrations) {
		return nil, importErr("the file is at schema version %d (migrations %v), this database at %d (migrations %v): export and import with the same lichtruc version",
			h.SchemaVersion, h.Migrations, lastOr0(have), have)
	}

	if s.dialect == "sqlite" {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	tx, err := s.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer tx.Rollback()
	if s.dialect == "sqlite" {
		// Foreign keys are checked at commit, so tables caught in a cycle
		// of references load too.
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	tables, err := s.tables(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	target := map[string]tableInfo{}
	for _, t := range tables {
		if seededTables[t.Name] {
			// Its migration wrote default rows; the file's rows take their place.
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+quoteIdent(t.Name)); err != nil {
				return nil, fmt.Errorf("import: %w", err)
			}
		}
		var n int64
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t.Name)).Scan(&n); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if n > 0 {
			return nil, importErr("the database is not empty (table %s has %d rows): import into a new database", t.Name, n)
		}
		target[t.Name] = t
	}

	var counts []TableCount
	var total int64
	seen := map[string]bool{}
	for {
		var line map[string]json.RawMessage
		if err := dec.Decode(&line); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, importErr("the file ends before its end line: it was cut short")
			}
			return nil, importErr("after %d tables: %v", len(counts), err)
		}
		if _, ok := line["end"]; ok {
			var end exportEndLine
			if err := remarshal(line, &end); err != nil {
				return nil, importErr("end line: %v", err)
			}
			if end.Tables != len(counts) || end.Rows != total {
				return nil, importErr("the end line counts %d tables and %d rows, the file held %d and %d", end.Tables, end.Rows, len(counts), total)
			}
			if dec.More() {
				return nil, importErr("data after the end line")
			}
			break
		}
		var tl exportTableLine
		if err := remarshal(line, &tl); err != nil || tl.Table == "" {
			return nil, importErr("after %d tables: a line that is neither a table nor the end", len(counts))
		}
		t, ok := target[tl.Table]
		if !ok {
			return nil, importErr("table %s of the file does not exist in this database", tl.Table)
		}
		if seen[tl.Table] {
			return nil, importErr("table %s appears twice", tl.Table)
		}
		seen[tl.Table] = true
		n, err := s.importTable(ctx, tx, dec, t, tl)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", tl.Table, err)
		}
		counts = append(counts, TableCount{Table: tl.Table, Rows: n})
		total += n
	}
	for _, t := range tables {
		if !seen[t.Name] {
			return nil, importErr("the file has no table %s", t.Name)
		}
	}
	if s.dialect == "postgres" {
		if err := resetSequences(ctx, tx, tables); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	// Every replica's cached reads (hotcache.go) must see the imported data.
	if _, err := tx.ExecContext(ctx, "UPDATE change_counter SET n = n + 1 WHERE id = 1"); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("import: %w", mapErr(err))
	}
	return counts, nil
}

func (s *Store) importTable(ctx context.Context, tx *sql.Tx, dec *json.Decoder, t tableInfo, tl exportTableLine) (int64, error) {
	if len(tl.Kinds) != len(tl.Columns) {
		return 0, importErr("%d columns but %d kinds", len(tl.Columns), len(tl.Kinds))
	}
	kinds := make([]columnKind, len(tl.Columns))
	for i, name := range tl.Columns {
		j := slices.IndexFunc(t.Columns, func(c columnInfo) bool { return c.Name == name })
		if j < 0 {
			return 0, importErr("column %s of the file does not exist in this database", name)
		}
		kinds[i] = t.Columns[j].Kind
	}
	for _, c := range t.Columns {
		if !slices.Contains(tl.Columns, c.Name) {
			return 0, importErr("the file has no column %s", c.Name)
		}
	}
	quoted := make([]string, len(tl.Columns))
	for i, c := range tl.Columns {
		quoted[i] = quoteIdent(c)
	}
	prefix := "INSERT INTO " + quoteIdent(t.Name) + " (" + strings.Join(quoted, ", ") + ") VALUES "
	perBatch := max(1, min(500, 30000/len(tl.Columns)))
	var args []any
	var batchRows int
	flush := func() error {
		if batchRows == 0 {
			return nil
		}
		var b strings.Builder
		b.WriteString(prefix)
		p := 0
		for r := range batchRows {
			if r > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c := range tl.Columns {
				if c > 0 {
					b.WriteString(", ")
				}
				p++
				if s.dialect == "postgres" {
					b.WriteString("$" + strconv.Itoa(p))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return mapErr(err)
		}
		args, batchRows = args[:0], 0
		return nil
	}
	var n int64
	for n < tl.Rows {
		var row []json.RawMessage
		if err := dec.Decode(&row); err != nil {
			return n, importErr("row %d of %d: %v", n+1, tl.Rows, err)
		}
		if len(row) != len(tl.Columns) {
			return n, importErr("row %d has %d values for %d columns", n+1, len(row), len(tl.Columns))
		}
		for i, raw := range row {
			v, err := importValue(kinds[i], raw)
			if err != nil {
				return n, importErr("row %d, column %s: %v", n+1, tl.Columns[i], err)
			}
			args = append(args, v)
		}
		n++
		if batchRows++; batchRows == perBatch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	return n, flush()
}

// importValue turns a value of the file into an argument for a column of
// kind.
func importValue(kind columnKind, raw json.RawMessage) (any, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch kind {
	case kindInt:
		if n, ok := v.(json.Number); ok {
			return n.Int64()
		}
	case kindFloat:
		if n, ok := v.(json.Number); ok {
			return n.Float64()
		}
	case kindBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case kindTime:
		if s, ok := v.(string); ok {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, err
			}
			return t.UTC(), nil
		}
	case kindText:
		if s, ok := v.(string); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("%s is not a %s value", raw, kind)
}

// resetSequences moves each PostgreSQL sequence that feeds a column past
// the column's highest value, after rows came in with explicit ids.
func resetSequences(ctx context.Context, tx *sql.Tx, tables []tableInfo) error {
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.Kind != kindInt {
				continue
			}
			var seq sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT pg_get_serial_sequence(quote_ident($1), $2)", t.Name, c.Name).Scan(&seq); err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", t.Name, c.Name, err)
			}
			if !seq.Valid {
				continue
			}
			q := "SELECT setval($1, COALESCE((SELECT MAX(" + quoteIdent(c.Name) + ") FROM " + quoteIdent(t.Name) + "), 0) + 1, false)"
			if _, err := tx.ExecContext(ctx, q, seq.String); err != nil {
				return fmt.Errorf("reset %s: %w", seq.String, err)
			}
		}
	}
	return nil
}

func remarshal(line map[string]json.RawMessage, dst any) error {
	b, err := json.Marshal(line)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}

func importErr(format string, args ...any) error {
	return &roster.Error{Code: roster.EInvalid, Message: "import: " + fmt.Sprintf(format, args...)}
}

func lastOr0(v []int) int {
	if len(v) == 0 {
		return 0
	}
	return v[len(v)-1]
}
