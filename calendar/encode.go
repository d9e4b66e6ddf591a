package calendar

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxLineOctets is the longest physical content line RFC 5545 §3.1 allows,
// not counting the CRLF. A folded continuation starts with one space, which
// counts.
const maxLineOctets = 75

// encoder builds an iCalendar stream in memory, one content line at a time,
// folding as it writes: a value is cut between whole tokens (an ASCII byte,
// an escape pair such as `\,`, or a complete UTF-8 character), never inside
// one, so every physical line is valid UTF-8 on its own.
//
// It copies into a buffer by index rather than appending, so that the hot
// path writes no pointer (no GC write barrier while a collection runs).
type encoder struct {
	buf []byte // written: buf[:pos]
	pos int
	n   int // octets on the current physical line
}

// newEncoder returns an encoder with room for about size bytes.
func newEncoder(size int) encoder { return encoder{buf: make([]byte, size)} }

// bytes returns what was written.
func (e *encoder) bytes() []byte { return e.buf[:e.pos] }

// room makes room for k more bytes.
func (e *encoder) room(k int) {
	if e.pos+k <= len(e.buf) {
		return
	}
	nb := make([]byte, max(2*len(e.buf), e.pos+k+4096))
	copy(nb, e.buf[:e.pos])
	e.buf = nb
}

// write copies s, with no folding.
func (e *encoder) write(s string) {
	e.room(len(s))
	e.pos += copy(e.buf[e.pos:], s)
}

// fold starts a continuation line.
func (e *encoder) fold() {
	e.room(3)
	e.buf[e.pos], e.buf[e.pos+1], e.buf[e.pos+2] = '\r', '\n', ' '
	e.pos += 3
	e.n = 1
}

// tok appends one unsplittable token, folding first if it would not fit.
func (e *encoder) tok(s string) {
	if e.n+len(s) > maxLineOctets {
		e.fold()
	}
	e.write(s)
	e.n += len(s)
}

// byte1 appends one ASCII byte as a token.
func (e *encoder) byte1(c byte) {
	if e.n+1 > maxLineOctets {
		e.fold()
	}
	e.room(1)
	e.buf[e.pos] = c
	e.pos++
	e.n++
}

// byte2 appends a two-byte escape such as `\n` as one token.
func (e *encoder) byte2(a, c byte) {
	if e.n+2 > maxLineOctets {
		e.fold()
	}
	e.room(2)
	e.buf[e.pos], e.buf[e.pos+1] = a, c
	e.pos += 2
	e.n += 2
}

// ascii appends s, which ought to be printable ASCII (names, numbers,
// dates, enumerated values, checked URIs), folding anywhere; should it
// hold anything else, put sees to it.
func ascii[T string | []byte](e *encoder, s T) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			e.put(string(s), false)
			return
		}
	}
	for {
		room := maxLineOctets - e.n
		if len(s) <= room {
			e.room(len(s))
			e.pos += copy(e.buf[e.pos:], s)
			e.n += len(s)
			return
		}
		e.room(room)
		e.pos += copy(e.buf[e.pos:], s[:room])
		e.fold()
		s = s[room:]
	}
}

// end closes the current content line.
func (e *encoder) end() {
	e.room(2)
	e.buf[e.pos], e.buf[e.pos+1] = '\r', '\n'
	e.pos += 2
	e.n = 0
}

// special marks the bytes put must look at one by one: in TEXT values the
// escaped ones, in any value the control characters other than TAB.
var special = func() (t [2][256]bool) {
	for c := range 256 {
		ctl := (c < 0x20 && c != '\t') || c == 0x7f
		t[0][c] = ctl
		t[1][c] = ctl || c == '\\' || c == ';' || c == ','
	}
	return t
}()

// put appends s. With text set it is escaped as an RFC 5545 TEXT value
// (backslash, semicolon, comma, and line breaks as \n; CRLF and a lone CR
// count as one line break). Either way control characters other than TAB,
// which RFC 5545 forbids in values, are dropped, and invalid UTF-8 becomes
// U+FFFD, so no input can break the structure of the stream.
func (e *encoder) put(s string, text bool) { e.escape(s, text, true) }

// putClean is put for s known to be valid UTF-8, as clean returns it.
func (e *encoder) putClean(s string, text bool) { e.escape(s, text, false) }

// escape is put, checking UTF-8 only if validate is set.
func (e *encoder) escape(s string, text, validate bool) {
	sp := &special[0]
	if text {
		sp = &special[1]
	}
	for i := 0; i < len(s); {
		j := i
		var hi byte // any byte >= 0x80 sets the top bit
		for j < len(s) && !sp[s[j]] {
			hi |= s[j]
			j++
		}
		if j > i {
			e.run(s[i:j], validate && hi >= utf8.RuneSelf)
		}
		if j == len(s) {
			return
		}
		switch c := s[j]; {
		case c == '\r':
			if text && (j+1 == len(s) || s[j+1] != '\n') {
				e.byte2('\\', 'n')
			}
		case c == '\n':
			if text {
				e.byte2('\\', 'n')
			}
		case c == '\\' || c == ';' || c == ',':
			e.byte2('\\', c)
		default:
			// other control characters are dropped
		}
		i = j + 1
	}
}

// run appends a stretch of s with nothing to escape, cutting it at
// character boundaries to fold; with validate set, it first checks s is
// valid UTF-8.
func (e *encoder) run(s string, validate bool) {
	if validate && !utf8.ValidString(s) {
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				e.tok("\uFFFD")
			} else {
				e.tok(s[i : i+size])
			}
			i += size
		}
		return
	}
	for {
		room := maxLineOctets - e.n
		if len(s) <= room {
			e.write(s)
			e.n += len(s)
			return
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		e.write(s[:cut])
		e.fold()
		s = s[cut:]
	}
}

// text writes a whole property NAME:VALUE with a TEXT value.
func (e *encoder) text(name, value string) {
	e.put(name, false)
	e.byte1(':')
	e.put(value, true)
	e.end()
}

// cleanText is text for a value known to be valid UTF-8.
func (e *encoder) cleanText(name, value string) {
	e.put(name, false)
	e.byte1(':')
	e.putClean(value, true)
	e.end()
}

// raw writes a whole property NAME:VALUE whose value needs no escaping
// (numbers, dates, enumerated values, URIs).
func (e *encoder) raw(name, value string) {
	ascii(e, name)
	e.byte1(':')
	ascii(e, value)
	e.end()
}

// param writes ";NAME=value", quoting the value when RFC 5545 requires it.
func (e *encoder) param(name, value string) {
	e.byte1(';')
	e.put(name, false)
	e.byte1('=')
	e.put(paramValue(value), false)
}

// paramValue is value as a parameter value: quoted if it holds ";:,", and
// without DQUOTE, which a parameter value cannot hold.
func paramValue(value string) string {
	value = strings.ReplaceAll(value, `"`, "")
	if strings.ContainsAny(value, ";:,") {
		return `"` + value + `"`
	}
	return value
}

// dateTime writes a DATE-TIME property: prefix is its name and parameters
// up to the colon, t is written as its wall clock in its location, with a
// Z if utc is set (t must then be in UTC).
func (e *encoder) dateTime(prefix string, t time.Time, utc bool) {
	ascii(e, prefix)
	var buf [16]byte
	b := appendDateTime(buf[:0], t)
	if utc {
		b = append(b, 'Z')
	}
	ascii(e, b)
	e.end()
}

// appendDateTime appends t's wall clock in t's location as YYYYMMDDTHHMMSS.
func appendDateTime(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = appendDigits(b, y, 4)
	b = appendDigits(b, int(mo), 2)
	b = appendDigits(b, d, 2)
	b = append(b, 'T')
	b = appendDigits(b, h, 2)
	b = appendDigits(b, mi, 2)
	b = appendDigits(b, s, 2)
	return b
}

// appendDigits appends n (0 <= n) zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	switch {
	case width == 2 && n < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	case width == 4 && n < 10000:
		hi, lo := n/100, n%100
		return append(b, byte('0'+hi/10), byte('0'+hi%10), byte('0'+lo/10), byte('0'+lo%10))
	}
	var tmp [20]byte
	i := len(tmp)
	for n > 0 || width > 0 {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	return append(b, tmp[i:]...)
}

// formatDuration formats d (rounded to the second) as an RFC 5545 DURATION
// in exact hours, minutes and seconds: PT1H, PT24H, -PT1H30M, PT1H0M5S.
// Nominal days (P1D) are avoided: a Go duration is exact.
func formatDuration(d time.Duration) string {
	sec := int64(d.Round(time.Second) / time.Second)
	var b []byte
	if sec < 0 {
		b = append(b, '-')
		sec = -sec
	}
	b = append(b, "PT"...)
	h, m, s := sec/3600, sec/60%60, sec%60
	// dur-time = dur-hour / dur-minute / dur-second, where an hour may only
	// be followed by minutes and minutes by seconds: PT1H5S is invalid.
	switch {
	case sec == 0:
		b = append(b, "0S"...)
	case h > 0:
		b = strconv.AppendInt(b, h, 10)
		b = append(b, 'H')
		if m > 0 || s > 0 {
			b = strconv.AppendInt(b, m, 10)
			b = append(b, 'M')
		}
		if s > 0 {
			b = strconv.AppendInt(b, s, 10)
			b = append(b, 'S')
		}
	case m > 0:
		b = strconv.AppendInt(b, m, 10)
		b = append(b, 'M')
		if s > 0 {
			b = strconv.AppendInt(b, s, 10)
			b = append(b, 'S')
		}
	default:
		b = strconv.AppendInt(b, s, 10)
		b = append(b, 'S')
	}
	return string(b)
}

// formatOffset formats a UTC offset in seconds as RFC 5545 UTC-OFFSET:
// +0700, -0330, +064640 (seconds only when present).
func formatOffset(off int) string {
	b := []byte{'+'}
	if off < 0 {
		b[0] = '-'
		off = -off
	}
	b = appendDigits(b, off/3600, 2)
	b = appendDigits(b, off/60%60, 2)
	if off%60 != 0 {
		b = appendDigits(b, off%60, 2)
	}
	return string(b)
}
