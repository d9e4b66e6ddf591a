package calendar

import (
	"bytes"
	"testing"
)

// line is one content line NAME:value, folded by a foldWriter, written in
// pieces of every size to show a line may arrive in any number of writes.
func line(name, value string) string {
	var b bytes.Buffer
	fw := newFoldWriter(&b)
	in := []byte(name + ":" + value + "\r\n")
	for k := 1; len(in) > 0; k++ {
		n := min(k, len(in))
		if _, err := fw.Write(in[:n]); err != nil {
			panic(err)
		}
		in = in[n:]
	}
	if err := fw.Close(); err != nil {
		panic(err)
	}
	return b.String()
}

// TestFoldWriterNeedsCRLF: a line go-ical ended without CR, or a stream cut
// in the middle of a line, is an error, not a silently broken feed.
func TestFoldWriterNeedsCRLF(t *testing.T) {
	var b bytes.Buffer
	fw := newFoldWriter(&b)
	if _, err := fw.Write([]byte("A:1\nB:2\r\n")); err == nil {
		t.Error("bare LF accepted")
	}
	fw = newFoldWriter(&b)
	if _, err := fw.Write([]byte("A:1\r\nB:2")); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err == nil {
		t.Error("unfinished last line accepted")
	}
	fw = newFoldWriter(failWriter{})
	if _, err := fw.Write([]byte("A:1\r\n")); err == nil {
		t.Error("write error lost")
	}
}
