package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"lichtruc/roster/store"
)

// The administration commands: backup, export, import and user. Each
// takes --db (and --tz) like serve, from the same LICHTRUC_* variables,
// and runs once against the database, which a server may be using at the
// same time.

// toolConfig is what the administration commands need.
type toolConfig struct {
	DB  string
	Loc *time.Location
}

// runTool runs an administration command. stdin is read by
// "user password" only.
func runTool(ctx context.Context, cmd string, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch cmd {
	case "backup":
		return runBackup(ctx, args, getenv, stdout, stderr)
	case "export":
		return runExport(ctx, args, getenv, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, stdout, stderr)
	case "user":
		return runUser(ctx, args, getenv, stdin, stdout, stderr)
	}
	return fmt.Errorf("unknown command %q", cmd)
}

// parseToolFlags parses args of a command: the shared --db and --tz, the
// flags define adds, and positional arguments, which may come before,
// between or after the flags. It returns the positional arguments.
func parseToolFlags(name, usage string, args []string, getenv func(string) string, stderr io.Writer, define func(fs *flag.FlagSet)) (toolConfig, []string, error) {
	var tc toolConfig
	var base Config
	var tz string
	fs := flag.NewFlagSet("lichtruc "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: lichtruc %s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	for _, s := range base.settings() {
		v := getenv(envName(s.name))
		if v == "" {
			v = s.def
		}
		switch s.name {
		case "db":
			fs.StringVar(&tc.DB, s.name, v, s.help+" ($"+envName(s.name)+")")
		case "tz":
			fs.StringVar(&tz, s.name, v, s.help+" ($"+envName(s.name)+")")
		}
	}
	if define != nil {
		define(fs)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return tc, nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return tc, nil, fmt.Errorf("LICHTRUC_TZ: %w", err)
	}
	tc.Loc = loc
	return tc, pos, nil
}

// openToolStore opens (and, if need be, migrates) the database of a
// command; messages go to stderr.
func openToolStore(ctx context.Context, tc toolConfig, stderr io.Writer) (*store.Store, error) {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return store.Open(ctx, tc.DB, store.Options{Loc: tc.Loc, Logger: log})
}

// onePath checks that a command got exactly one FILE argument.
func onePath(cmd string, pos []string) (string, error) {
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		return "", fmt.Errorf("usage: lichtruc %s FILE [--db DB]", cmd)
	}
	return pos[0], nil
}
