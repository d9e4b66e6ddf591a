package calendar

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// maxLineOctets is the longest physical content line RFC 5545 §3.1 allows,
// not counting the CRLF. A folded continuation starts with one space, which
// counts.
const maxLineOctets = 75

// encode writes cal with go-ical's encoder through a foldWriter and returns
// the stream; size is a guess of its length.
//
// go-ical's encoder writes each content line whole and unfolded (and sorts
// the properties of a component, and the parameters of a property, by
// name, which keeps the output a function of the data); the values it is
// given are already escaped (textValue, rawValue), as it writes
// Prop.Value as it is.
func encode(cal *ical.Calendar, size int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(size)
	fw := newFoldWriter(&buf)
	if err := ical.NewEncoder(fw).Encode(cal); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// foldWriter folds the content lines written to it at 75 octets (RFC 5545
// §3.1) and passes them on to w. A line is cut between whole tokens (an
// ASCII byte, an escape pair such as `\,`, or a complete UTF-8 character),
// never inside one, so every physical line is valid UTF-8 on its own;
// go-ical's encoder does not fold at all. Lines end in CRLF; a line may
// arrive in any number of writes.
type foldWriter struct {
	w    io.Writer
	line []byte // the current content line, unfolded, without its CRLF
	out  []byte // scratch for a folded line
	err  error
}

func newFoldWriter(w io.Writer) *foldWriter { return &foldWriter{w: w} }

// Write buffers p and writes out each line it completes.
func (f *foldWriter) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			f.line = append(f.line, p...)
			break
		}
		f.line = append(f.line, p[:i]...)
		p = p[i+1:]
		if len(f.line) == 0 || f.line[len(f.line)-1] != '\r' {
			f.err = errors.New("calendar: content line not ended by CRLF")
			return 0, f.err
		}
		f.line = f.line[:len(f.line)-1]
		f.out = fold(f.out[:0], f.line)
		f.line = f.line[:0]
		if _, err := f.w.Write(f.out); err != nil {
			f.err = err
			return 0, err
		}
	}
	return n, nil
}

// Close reports an error if the last line was left without its CRLF.
func (f *foldWriter) Close() error {
	if f.err == nil && len(f.line) > 0 {
		f.err = errors.New("calendar: last content line not ended by CRLF")
	}
	return f.err
}

// fold appends line to b, folded, with its CRLF.
func fold(b, line []byte) []byte {
	if len(line) <= maxLineOctets {
		b = append(b, line...)
		return append(b, '\r', '\n')
	}
	n := 0 // octets on the current physical line
	for i := 0; i < len(line); {
		k := 1
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			k = 2
		case c >= utf8.RuneSelf:
			_, k = utf8.DecodeRune(line[i:])
		}
		if n+k > maxLineOctets {
			b = append(b, '\r', '\n', ' ')
			n = 1
		}
		b = append(b, line[i:i+k]...)
		n += k
		i += k
	}
	return append(b, '\r', '\n')
}

// textValue is s escaped as an RFC 5545 TEXT value: backslash, semicolon,
// comma, and line breaks as \n (CRLF and a lone CR count as one line
// break). Control characters other than TAB, which RFC 5545 forbids in
// values, are dropped, and each invalid UTF-8 byte becomes U+FFFD, so no
// input can break the structure of the stream.
func textValue(s string) string { return sanitize(s, true) }

// rawValue is s as a value that needs no escaping (numbers, dates,
// enumerated values, checked URIs) or as a parameter value: control
// characters, line breaks included, are dropped and invalid UTF-8 becomes
// U+FFFD.
func rawValue(s string) string { return sanitize(s, false) }

// special marks the bytes sanitize must change: in TEXT values the
// escaped ones, in any value the control characters other than TAB.
var special = func() (t [2][256]bool) {
	for c := range 256 {
		ctl := (c < 0x20 && c != '\t') || c == 0x7f
		t[0][c] = ctl
		t[1][c] = ctl || c == '\\' || c == ';' || c == ','
	}
	return t
}()

// sanitize is textValue with text set, rawValue without.
func sanitize(s string, text bool) string {
	sp := &special[0]
	if text {
		sp = &special[1]
	}
	var hi byte // any byte >= 0x80 sets the top bit
	i := 0
	for i < len(s) && !sp[s[i]] {
		hi |= s[i]
		i++
	}
	if i == len(s) && (hi < utf8.RuneSelf || utf8.ValidString(s)) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i = 0; i < len(s); {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteString("\uFFFD")
			} else {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		case c == '\r':
			if text && (i+1 == len(s) || s[i+1] != '\n') {
				b.WriteString(`\n`)
			}
		case c == '\n':
			if text {
				b.WriteString(`\n`)
			}
		case text && (c == '\\' || c == ';' || c == ','):
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\t' || (c >= 0x20 && c != 0x7f):
			b.WriteByte(c)
		default:
			// other control characters are dropped
		}
		i++
	}
	return b.String()
}

// paramValue is value as a parameter value, without DQUOTE, which a
// parameter value cannot hold; go-ical quotes it if it holds ";:,".
func paramValue(value string) string {
	return rawValue(strings.ReplaceAll(value, `"`, ""))
}

// props builds the properties of one component in go-ical's form. The
// properties of a component share one backing array, and parameters are
// maps the caller may share between properties (go-ical only reads them),
// which saves most of the allocations of building a feed.
type props struct {
	m   ical.Props
	buf []ical.Prop
}

// component returns a go-ical component named name, with room for about n
// properties.
func component(name string, n int) (*ical.Component, *props) {
	c := &ical.Component{Name: name, Props: make(ical.Props, n)}
	return c, &props{m: c.Props, buf: make([]ical.Prop, 0, n)}
}

// params returns the parameters NAME=value of one property; value is
// stripped of what a parameter value cannot hold.
func params(name, value string) ical.Params {
	return ical.Params{name: {paramValue(value)}}
}

// add adds a property with a value ready to write and params, which may be
// nil.
func (p *props) add(name, value string, params ical.Params) {
	prop := ical.Prop{Name: name, Value: value, Params: params}
	if old, ok := p.m[name]; ok {
		p.m[name] = append(old, prop)
		return
	}
	p.buf = append(p.buf, prop)
	n := len(p.buf)
	p.m[name] = p.buf[n-1 : n : n]
}

// text adds a property with a TEXT value.
func (p *props) text(name, value string) { p.add(name, textValue(value), nil) }

// raw adds a property whose value needs no escaping.
func (p *props) raw(name, value string) { p.add(name, rawValue(value), nil) }

// dateTime adds a DATE-TIME property: t is written as its wall clock in its
// location, with a Z if utc is set (t must then be in UTC), and with
// params (a TZID, or nil).
func (p *props) dateTime(name string, t time.Time, utc bool, params ical.Params) {
	var buf [16]byte
	b := appendDateTime(buf[:0], t)
	if utc {
		b = append(b, 'Z')
	}
	p.add(name, string(b), params)
}

// vtimezone returns the VTIMEZONE of a zone that keeps one UTC offset (in
// seconds) with abbreviation abbr: one STANDARD observance from 1970, as
// for Asia/Ho_Chi_Minh (UTC+7 since 1975, no daylight saving).
func vtimezone(tzid string, offset int, abbr string) *ical.Component {
	tz, p := component(ical.CompTimezone, 2)
	p.text(ical.PropTimezoneID, tzid)
	p.text("X-LIC-LOCATION", tzid)
	std, sp := component(ical.CompTimezoneStandard, 4)
	sp.add(ical.PropDateTimeStart, "19700101T000000", nil)
	sp.add(ical.PropTimezoneOffsetFrom, formatOffset(offset), nil)
	sp.add(ical.PropTimezoneOffsetTo, formatOffset(offset), nil)
	sp.text(ical.PropTimezoneName, tzname(abbr, offset))
	tz.Children = append(tz.Children, std)
	return tz
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
// Nominal days (P1D) are avoided: a Go duration is exact. (go-ical's
// SetDuration writes seconds only, PT3600S.)
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
// +0700, -0330, +064640 (seconds only when present). go-ical has no
// UTC-OFFSET writer.
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
