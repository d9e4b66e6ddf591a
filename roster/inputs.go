package roster

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on every input, whatever path it takes in (API, pages, command
// line): the cleaner at the edge (api/request) applies them to every text
// field before a handler sees it, so no text that is not text reaches the
// store or a reminder body.
const (
	MaxNameLen   = 200  // names, titles, subjects: single-line text
	MaxLineLen   = 300  // any other single-line text (addresses, venues, e-mails)
	MaxCodeLen   = 40   // codes, kinds, roles, languages, channels, specialties
	MaxNoteLen   = 2000 // multi-line text: reasons, notes, messages
	MaxSearchLen = 200  // a search query
	MinYear      = 2000 // the first year of any date or instant
	MaxYear      = 2100 // the last year of any date or instant
	MinLead      = time.Minute
)

// InvalidUTF8 stands for bytes that are not UTF-8 when a decoder has to put
// something in their place (U+FFFE is a noncharacter, never text).
const InvalidUTF8 = "\uFFFE"

// YearInRange reports whether y is a year lichtruc deals with.
func YearInRange(y int) bool { return y >= MinYear && y <= MaxYear }

// CheckTextInput says what is wrong with a text input, if anything: the
// rule key (RuleFormat, RuleTooLong) and a message, or "" when s is fine.
// Every text must be valid UTF-8 without NUL, control characters or
// bidirectional overrides; a multi-line text may hold line feeds (LF), a
// single-line one no line break at all. max counts characters.
func CheckTextInput(s string, multiLine bool, max int) (rule, msg string) {
	if !utf8.ValidString(s) || strings.Contains(s, InvalidUTF8) {
		return RuleFormat, "must be valid UTF-8 text"
	}
	for _, r := range s {
		switch {
		case r == '\n' && multiLine:
		case r == 0:
			return RuleFormat, "must not contain NUL characters"
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u0085':
			if multiLine {
				return RuleFormat, "must not contain control characters other than line feeds"
			}
			return RuleFormat, "must be a single line without control characters (no tabs or line breaks)"
		case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			return RuleFormat, "must not contain bidirectional override characters"
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return RuleTooLong, "must be at most " + strconv.Itoa(max) + " characters"
	}
	return "", ""
}

// NormalizeNewlines turns CR LF (what browsers send from a textarea) and
// lone CR into LF.
func NormalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
