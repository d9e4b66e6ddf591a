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
// The feed is built as go-ical values (github.com/emersion/go-ical: an
// ical.Calendar holding a VTIMEZONE and one VEVENT per duty) and written by
// go-ical's encoder through foldWriter, which folds each line at 75 octets
// without splitting a UTF-8 character or an escape pair: go-ical's encoder
// writes lines unfolded. go-ical sorts the properties of a component and
// the parameters of a property by name, so the bytes are a function of the
// data. Values are escaped here (textValue, rawValue) and set as Prop.Value,
// because go-ical's SetText writes VALUE=TEXT on properties whose type it
// does not know (SEQUENCE;VALUE=TEXT:1) and its SetDuration writes seconds
// (PT3600S); durations and UTC offsets are formatted here too, and the
// VTIMEZONE of a fixed-offset zone is built by vtimezone.
//
// There is no METHOD: a feed is a snapshot of calendar data (RFC 5545
// §3.7.2), not an iTIP message. METHOD:PUBLISH would require an ORGANIZER
// on every event (RFC 5546 §3.2.1, checked by libical, hence Evolution and
// many CalDAV servers), and an ORGANIZER makes Outlook and Thunderbird show
// each duty as a meeting to answer and CalDAV servers start scheduling on
// it. Subscribing apps (Google, Apple, Outlook, Thunderbird) read feeds
// without METHOD as published calendars.
package calendar
