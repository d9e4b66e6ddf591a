package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"lichtruc/roster/store"
)

// TestLoggerRedacts: whatever logs through the service's logger (an e-mail
// body logged without SMTP, a notice, an error) keeps feed and board
// secrets out, in both formats.
func TestLoggerRedacts(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		log := newLogger(Config{LogFormat: format}, &buf)
		log.Info("e-mail not sent (no SMTP)", "body", "Lịch của bạn: https://lichtruc.example/ical/o/7-Zm9vYmFyYmF6cXV4.ics", "board", "/board/3-c2VjcmV0")
		if out := buf.String(); strings.Contains(out, "Zm9vYmFyYmF6cXV4") || strings.Contains(out, "c2VjcmV0") || !strings.Contains(out, "/ical/o/7-<redacted>.ics") {
			t.Errorf("%s log: %s", format, out)
		}
	}
}

// TestBootstrapTokenWarns: the bootstrap token logs a warning when it
// restores the admin token over one rotated since, and only then.
func TestBootstrapTokenWarns(t *testing.T) {
	ctx := t.Context()
	db := filepath.Join(t.TempDir(), "l.db")
	env := map[string]string{"LICHTRUC_DB": db, "LICHTRUC_BOOTSTRAP_TOKEN": "boot-token"}
	getenv := func(k string) string { return env[k] }
	migrate := func() string {
		var out, errOut bytes.Buffer
		if err := run(ctx, []string{"migrate"}, getenv, &out, &errOut); err != nil {
			t.Fatal(err)
		}
		return errOut.String()
	}
	for i := range 2 {
		if log := migrate(); strings.Contains(log, "restored") {
			t.Fatalf("start %d warns: %s", i, log)
		}
	}
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	admin, _, err := st.UserByName(ctx, "admin")
	if err == nil {
		err = st.RotateUserToken(ctx, "admin", admin.ID, store.HashToken("rotated"))
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if log := migrate(); !strings.Contains(log, "level=WARN") || !strings.Contains(log, "restored the token of user admin") {
		t.Fatalf("no warning after a rotation: %s", log)
	}
}
