package calendar

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// checkStructure checks the RFC 5545 §3.1 line rules on a whole stream:
// CRLF after every line and nowhere else, no physical line over 75 octets,
// each physical line valid UTF-8 on its own (so folding never split a
// character), continuation lines starting with one space, no empty line,
// and the stream framed by BEGIN:VCALENDAR … END:VCALENDAR.
func checkStructure(t testing.TB, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(b, []byte("\r\nEND:VCALENDAR\r\n")) {
		t.Fatalf("stream is not framed by BEGIN:VCALENDAR/END:VCALENDAR with CRLF:\n%q…%q",
			b[:min(len(b), 40)], b[max(0, len(b)-40):])
	}
	lines := bytes.Split(b[:len(b)-2], []byte("\r\n"))
	for i, l := range lines {
		switch {
		case len(l) > 75: // RFC 5545 §3.1, not the package's constant
			t.Fatalf("line %d has %d octets (> 75): %q", i+1, len(l), l)
		case !utf8.Valid(l):
			t.Fatalf("line %d is not valid UTF-8 on its own: %q", i+1, l)
		case len(l) == 0:
			t.Fatalf("line %d is empty", i+1)
		case bytes.ContainsAny(l, "\r\n"):
			t.Fatalf("line %d holds a bare CR or LF: %q", i+1, l)
		case l[0] == '\t' || (l[0] == ' ' && i == 0):
			t.Fatalf("line %d starts with a tab, or the stream starts with a continuation: %q", i+1, l)
		}
		for _, c := range l {
			if (c < 0x20 && c != '\t') || c == 0x7f {
				t.Fatalf("line %d holds control character %#x: %q", i+1, c, l)
			}
		}
	}
}
