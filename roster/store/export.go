package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// An export file moves a whole database between SQLite and PostgreSQL. It
// is JSON lines: a header naming the schema version, then for each table
// (in foreign-key order) a line with its name, columns and row count
// followed by one JSON array per row, then an end line. Values are written
// by column kind (schema.go), not as either driver returns them, so an
// export of a SQLite database and one of the same data in PostgreSQL are
// the same file but for the header. Instants are UTC with at most
// microseconds, the precision both databases keep.

const (
	exportFormat        = "lichtruc-export"
	exportFormatVersion = 1
)

// ExportHeader is the first line of an export file.
type ExportHeader struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	SchemaVersion int       `json:"schema_version"`
	Migrations    []int     `json:"migrations"`
	Dialect       string    `json:"dialect"`
	ExportedAt    time.Time `json:"exported_at"`
}

// exportTableLine starts a table's rows.
type exportTableLine struct {
	Table   string       `json:"table"`
	Columns []string     `json:"columns"`
	Kinds   []columnKind `json:"kinds"`
	Rows    int64        `json:"rows"`
}

// exportEndLine closes the file; a file without it was cut short.
type exportEndLine struct {
	End    bool  `json:"end"`
	Tables int   `json:"tables"`
	Rows   int64 `json:"rows"`
}

// TableCount is how many rows of a table an export or import moved.
type TableCount struct {
	Table string
	Rows  int64
}

// Export writes every table of the database to w as an export file, from
// one consistent snapshot (a read transaction), while the database stays
// in use. It returns the tables and their row counts.
func (s *Store) Export(ctx context.Context, w io.Writer) ([]TableCount, error) {
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var q querier
	if s.dialect == "sqlite" {
		// A deferred transaction: a snapshot for reading, without taking
		// the write lock as the DSN's immediate transactions would.
		if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		defer conn.ExecContext(context.Background(), "ROLLBACK")
		q = conn
	} else {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		defer tx.Rollback()
		q = tx
	}
	migrations, err := queryInts(ctx, q, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		return nil, fmt.Errorf("export: schema version: %w", err)
	}
	tables, err := s.tables(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	h := ExportHeader{Format: exportFormat, FormatVersion: exportFormatVersion, Migrations: migrations,
		Dialect: s.dialect, ExportedAt: s.now().UTC().Truncate(time.Second)}
	if len(migrations) > 0 {
		h.SchemaVersion = migrations[len(migrations)-1]
	}
	if err := enc.Encode(h); err != nil {
		return nil, err
	}
	var counts []TableCount
	var total int64
	for _, t := range tables {
		n, err := s.exportTable(ctx, q, enc, t)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
		counts = append(counts, TableCount{Table: t.Name, Rows: n})
		total += n
	}
	if err := enc.Encode(exportEndLine{End: true, Tables: len(tables), Rows: total}); err != nil {
		return nil, err
	}
	return counts, bw.Flush()
}

func (s *Store) exportTable(ctx context.Context, q querier, enc *json.Encoder, t tableInfo) (int64, error) {
	var count int64
	rows, err := q.QueryContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t.Name))
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		if err := rows.Scan(&count); err != nil {
			rows.Close()
			return 0, err
		}
	}
	rows.Close()
	line := exportTableLine{Table: t.Name, Rows: count}
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		line.Columns = append(line.Columns, c.Name)
		line.Kinds = append(line.Kinds, c.Kind)
		cols[i] = quoteIdent(c.Name)
	}
	if err := enc.Encode(line); err != nil {
		return 0, err
	}
	order := t.PK
	if len(order) == 0 {
		order = line.Columns
	}
	quoted := make([]string, len(order))
	for i, c := range order {
		quoted[i] = quoteIdent(c)
	}
	rows, err = q.QueryContext(ctx, "SELECT "+strings.Join(cols, ", ")+" FROM "+quoteIdent(t.Name)+" ORDER BY "+strings.Join(quoted, ", "))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	out := make([]any, len(cols))
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, c := range t.Columns {
			v, err := exportValue(c.Kind, raw[i])
			if err != nil {
				return n, fmt.Errorf("row %d, column %s: %w", n+1, c.Name, err)
			}
			out[i] = v
		}
		if err := enc.Encode(out); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if n != count {
		return n, fmt.Errorf("counted %d rows, read %d", count, n)
	}
	return n, nil
}

// exportValue turns what a driver returned into the file's form of kind.
func exportValue(kind columnKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	switch kind {
	case kindInt:
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == float64(int64(x)) {
				return int64(x), nil
			}
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(x, 10, 64)
		}
	case kindFloat:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			return strconv.ParseFloat(x, 64)
		}
	case kindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			if x == 0 || x == 1 {
				return x == 1, nil
			}
		case string:
			return strconv.ParseBool(x)
		}
	case kindTime:
		switch x := v.(type) {
		case time.Time:
			return exportTime(x), nil
		case string:
			t, err := parseStoredTime(x)
			if err != nil {
				return nil, err
			}
			return exportTime(t), nil
		}
	case kindText:
		switch x := v.(type) {
		case string:
			if !utf8.ValidString(x) {
				return nil, fmt.Errorf("text is not valid UTF-8 (%q)", x)
			}
			return x, nil
		case int64, float64, bool:
			return fmt.Sprint(x), nil
		case time.Time:
			return x.Format(time.RFC3339Nano), nil
		}
	}
	return nil, fmt.Errorf("a %T (%v) in a %s column", v, v, kind)
}

func exportTime(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
}

// parseStoredTime reads an instant SQLite holds as text, in the layouts
// its drivers write.
func parseStoredTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an instant", s)
}

func queryInts(ctx context.Context, q querier, query string, args ...any) ([]int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
