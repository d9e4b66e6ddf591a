package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// runBackup copies a live SQLite database to FILE (lichtruc backup FILE).
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	tc, pos, err := parseToolFlags("backup", "backup FILE [--db PATH]", args, getenv, stderr, nil)
	if err != nil {
		return err
	}
	path, err := onePath("backup", pos)
	if err != nil {
		return err
	}
	st, err := openToolStore(ctx, tc, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, path); err != nil {
		return err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup of %s written to %s (%d bytes)\n", tc.DB, path, fi.Size())
	return nil
}
