package logredact

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestSecrets(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/board/12-AbC_d-9xYz", "/board/12-<redacted>"},
		{"/board/12-AbCd/print?week=2027-01-04", "/board/12-<redacted>/print?week=2027-01-04"},
		{"https://x.example/ical/o/3-s3cr3t_-x.ics", "https://x.example/ical/o/3-<redacted>.ics"},
		{"webcal://x/ical/s/7-abc.ics and /ical/o/8-def.ics", "webcal://x/ical/s/7-<redacted>.ics and /ical/o/8-<redacted>.ics"},
		{"token lt_abcdefghijklmnop", "token lt_<redacted>"},
		{"/api/v1/officers/3", "/api/v1/officers/3"},
		{"/board/", "/board/"},
	} {
		if got := Secrets(tt.in); got != tt.want {
			t.Errorf("Secrets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(Handler(slog.NewJSONHandler(&buf, nil))).With("base", "/ical/o/1-aaaa.ics")
	log.Warn("feed https://h/ical/o/2-bbbb.ics", "path", "/board/3-cccc", "err", errors.New("get /ical/s/4-dddd.ics: boom"),
		slog.Group("g", "url", "/ical/o/5-eeee.ics"), "n", 5)
	out := buf.String()
	for _, secret := range []string{"aaaa", "bbbb", "cccc", "dddd", "eeee"} {
		if strings.Contains(out, secret) {
			t.Errorf("log line holds secret %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, `"n":5`) || !strings.Contains(out, "/board/3-<redacted>") {
		t.Errorf("log line lost its attributes: %s", out)
	}
}
