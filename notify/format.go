package notify

import (
	"strings"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
)

// The words of the messages and their formats of days, times and spans
// are the catalog's; this file only adapts them to a message's zone.

// languageFor returns the language for a code: English for "en" (and
// "en-…"), Vietnamese otherwise.
func languageFor(code string) catalog.Lang { return catalog.Parse(code) }

// span formats a duty's start and end in loc with the catalog's one format
// of a span of time: "Thứ Hai, 04/01/2027, 07:30–11:30".
func span(l catalog.Lang, start, end time.Time, loc *time.Location) string {
	return l.TimeSpan(start.In(loc), end.In(loc))
}

// clockSpan formats a duty's times without its date, as in a schedule
// grouped by day: "07:30–11:30", "22:00–07:00 (hôm sau)".
func clockSpan(l catalog.Lang, start, end time.Time, loc *time.Location) string {
	return l.ClockSpan(start.In(loc), end.In(loc))
}

// dayOf formats the day of t in loc: "Thứ Hai, 04/01/2027".
func dayOf(l catalog.Lang, t time.Time, loc *time.Location) string {
	return l.LongDay(roster.DateOf(t.In(loc)))
}

// footer is the footer every message ends with.
func footer(l catalog.Lang) []string {
	return []string{l.T("org.center"), l.T("mail.footer_notice")}
}

// locOr returns loc, or the location of t when loc is nil.
func locOr(loc *time.Location, t time.Time) *time.Location {
	if loc != nil {
		return loc
	}
	return t.Location()
}

// oneLine makes s safe and tidy for a subject: control characters and runs
// of blanks become one space.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r < 0x20 || r == 0x7f
	}), " ")
}
