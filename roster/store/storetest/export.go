package storetest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"slices"
	"testing"
)

// ExportRows reads an export file (store.Export, gzip'd or not) into its
// header line and, per table, its rows as JSON text in sorted order, so
// that two exports of the same data compare equal whatever order rows came
// in.
func ExportRows(t testing.TB, file []byte) (header map[string]any, tables map[string][]string) {
	t.Helper()
	var r io.Reader = bytes.NewReader(file)
	if len(file) > 2 && file[0] == 0x1f && file[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	tables = map[string][]string{}
	var current string
	var ended bool
	for sc.Scan() {
		line := sc.Bytes()
		if header == nil {
			if err := json.Unmarshal(line, &header); err != nil {
				t.Fatalf("export header: %v", err)
			}
			continue
		}
		if line[0] == '[' {
			tables[current] = append(tables[current], string(line))
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		if m["end"] == true {
			ended = true
			continue
		}
		current, _ = m["table"].(string)
		tables[current] = []string{}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if !ended {
		t.Fatal("export has no end line")
	}
	for _, rows := range tables {
		slices.Sort(rows)
	}
	return header, tables
}
