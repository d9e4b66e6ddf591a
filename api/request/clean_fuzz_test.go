package request

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"lichtruc/roster"
)

// FuzzCleanText: whatever the field and text, the cleaner either refuses
// with a rule key or lets through only text — valid UTF-8, no control
// character but LF in a multi-line field, no bidirectional override,
// within the field's length — and what it lets through passes again
// unchanged. Decoding any JSON object and walking it never panics, and
// every string it accepts passes CleanText. The seed corpus is in
// testdata/fuzz/FuzzCleanText; CI runs it for 10 s.
func FuzzCleanText(f *testing.F) {
	for _, s := range [][2]string{
		{"name", "Đặng Quốc Hùng"}, {"reason", "ốm\r\nnằm viện"}, {"q", "a\x00b"}, {"code", "TAND-HP"},
		{"slots[0].name", "Sáng\u202e"}, {"from", "0001-01-01"}, {"notes", "\xff\xfe"}, {"x", strings.Repeat("đ", 301)},
		{"start", "2027-01-04T07:30:00+07:00"}, {"", "\u2028"}, {"message", "a\tb"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, field, s string) {
		out, fe := CleanText(field, s)
		if fe != nil {
			if fe.Field != field || (fe.Code != roster.RuleFormat && fe.Code != roster.RuleTooLong && fe.Code != roster.RuleRange) {
				t.Fatalf("refusal %+v of field %q", fe, field)
			}
		} else {
			max, multi := fieldMax(field)
			if !utf8.ValidString(out) || utf8.RuneCountInString(out) > max {
				t.Fatalf("accepted %q (max %d)", out, max)
			}
			for _, r := range out {
				if (unicode.IsControl(r) && !(multi && r == '\n')) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029 {
					t.Fatalf("accepted %q with %U", out, r)
				}
			}
			if again, fe := CleanText(field, out); fe != nil || again != out {
				t.Fatalf("cleaning %q again: %q %+v", out, again, fe)
			}
		}
		// The same text as a JSON field, walked by CleanValue.
		raw, _ := json.Marshal(map[string]string{field: s})
		var v map[string]any
		if json.Unmarshal(raw, &v) == nil {
			err := CleanValue(&v)
			if err == nil {
				for k, x := range v {
					if str, ok := x.(string); ok {
						if _, fe := CleanText(k, str); fe != nil {
							t.Fatalf("CleanValue let %q: %q through: %+v", k, str, fe)
						}
					}
				}
			}
		}
	})
}
