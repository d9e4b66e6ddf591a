// Package calendar renders the iCalendar feeds (RFC 5545, with the calendar
// properties of RFC 7986) that officers and court reception subscribe to:
// an officer's personal duties, or every duty at one site.
//
// It works on roster types only: the caller loads the duties (the scheduled
// ones and the recently cancelled or reassigned ones) and hands them over as
// a Feed; Render writes the whole calendar. There is no database and no HTTP
// here.
//
// The output depends only on the Feed, never on the clock, so the same
// roster gives the same bytes and an ETag built on them changes only when a
// duty did. Events come sorted by start, then UID. Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character, TEXT values are
// escaped, and each duty keeps its UID (UID) for its whole life, so an app
// that caches the feed updates a duty in place, and removes it when it comes
// back with STATUS:CANCELLED.
//
// Times are written with TZID (Asia/Ho_Chi_Minh by default) and a matching
// VTIMEZONE of one fixed offset. Should the feed's zone change its offset
// within the span of the feed (a zone with daylight saving), DTSTART and
// DTEND are written in UTC instead, which every client reads exactly.
//
// The encoder is written here; github.com/emersion/go-ical serves the tests
// as a decoder. Its encoder does not fold lines, refuses a calendar with no
// component, cannot build a VTIMEZONE (nor write a UTC-OFFSET), writes
// VALUE=TEXT when SetText is used on a property whose type is not TEXT or
// not known to it (SEQUENCE;VALUE=TEXT:1, X-PUBLISHED-TTL;VALUE=TEXT:…),
// writes durations as seconds (PT3600S) and drops the VALUE=DURATION that
// RFC 7986 requires on REFRESH-INTERVAL, takes a TZID from
// time.Location.String (Local for time.Local), sorts properties by name,
// and costs a map and a buffer per component and property, some ten times
// the time this encoder takes.
package calendar
