package main

import (
	"bytes"
	"strings"
	"testing"
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
