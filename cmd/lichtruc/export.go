package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lichtruc/roster/store"
)

// runExport writes the whole database to FILE (lichtruc export FILE): JSON
// lines, gzip'd when FILE ends in .gz; "-" writes to standard output. The
// file appears only when complete, and an existing file is never
// overwritten.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	tc, pos, err := parseToolFlags("export", "export FILE [--db DB]", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	path, err := onePath("export", pos)
	if err != nil {
		return err
	}
	st, err := openToolStore(ctx, tc, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	report := stdout
	if path == "-" {
		report = stderr
		if _, err := exportTo(ctx, st, stdout, false); err != nil {
			return err
		}
		fmt.Fprintln(report, "export written to standard output")
		return nil
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; export does not overwrite a file", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; a partial file otherwise
	counts, err := exportTo(ctx, st, tmp, strings.HasSuffix(path, ".gz"))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// A link fails, unlike a rename, when path appeared meanwhile; where
	// the file system has no links, rename.
	if err := os.Link(tmp.Name(), path); errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; export does not overwrite a file", path)
	} else if err != nil {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return err
		}
	}
	var rows int64
	for _, c := range counts {
		rows += c.Rows
	}
	fmt.Fprintf(report, "exported %d tables, %d rows from the %s database to %s\n", len(counts), rows, st.Dialect(), path)
	return nil
}

func exportTo(ctx context.Context, st *store.Store, w io.Writer, compress bool) ([]store.TableCount, error) {
	if !compress {
		return st.Export(ctx, w)
	}
	zw := gzip.NewWriter(w)
	counts, err := st.Export(ctx, zw)
	if err != nil {
		return nil, err
	}
	return counts, zw.Close()
}

// runImport reads FILE, made by lichtruc export from either database
// (gzip'd or not), into an empty database (lichtruc import FILE).
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	tc, pos, err := parseToolFlags("import", "import FILE [--db DB]", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	path, err := onePath("import", pos)
	if err != nil {
		return err
	}
	if path == "-" {
		return errors.New("import reads a file: give its path")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	st, err := openToolStore(ctx, tc, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	counts, err := st.Import(ctx, r)
	if err != nil {
		return err
	}
	var rows int64
	for _, c := range counts {
		rows += c.Rows
	}
	fmt.Fprintf(stdout, "imported %d tables, %d rows from %s into the %s database\n", len(counts), rows, path, st.Dialect())
	for _, c := range counts {
		if c.Rows > 0 {
			fmt.Fprintf(stdout, "  %-24s %d\n", c.Table, c.Rows)
		}
	}
	return nil
}
