package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"lichtruc/roster"
)

// Weekday names the day of the week of d ("Thứ Hai", "Monday").
func (l Lang) Weekday(d roster.Date) string { return l.T("weekday." + strconv.Itoa(int(d.Weekday()))) }

// WeekdayShort is the short name of the day of the week ("T2", "Mon").
func (l Lang) WeekdayShort(d roster.Date) string {
	return l.T("weekday_short." + strconv.Itoa(int(d.Weekday())))
}

// Day formats d as 04/01/2027, the Vietnamese order, in both languages.
func (l Lang) Day(d roster.Date) string { return string(appendDay(make([]byte, 0, 10), d)) }

// DayMonth formats d as 04/01.
func (l Lang) DayMonth(d roster.Date) string { return fmt.Sprintf("%02d/%02d", d.Day, int(d.Month)) }

// LongDay formats d with its weekday: "Thứ Hai, 04/01/2027".
func (l Lang) LongDay(d roster.Date) string { return string(l.appendLongDay(make([]byte, 0, 24), d)) }

// appendLongDay appends LongDay(d) to b.
func (l Lang) appendLongDay(b []byte, d roster.Date) []byte {
	b = append(b, l.Weekday(d)...)
	b = append(b, ", "...)
	return appendDay(b, d)
}

// appendDay appends d as 04/01/2027.
func appendDay(b []byte, d roster.Date) []byte {
	b = append2(b, d.Day)
	b = append(b, '/')
	b = append2(b, int(d.Month))
	b = append(b, '/')
	return append2(append2(b, d.Year/100), d.Year%100)
}

// appendClock appends the time of day of t as 07:30.
func appendClock(b []byte, t time.Time) []byte {
	h, m, _ := t.Clock()
	return append2(append(append2(b, h), ':'), m)
}

// append2 appends n (0 <= n < 100) as two digits.
func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

// MonthName names a month alone: "Tháng 1", "January".
func (l Lang) MonthName(m time.Month) string { return l.T("month." + strconv.Itoa(int(m))) }

// Month names the month of d: "Tháng 1/2027", "January 2027".
func (l Lang) Month(d roster.Date) string {
	return l.Tf("month.year", l.MonthName(d.Month), d.Year)
}

// Clock formats the time of day of t: "07:30".
func (l Lang) Clock(t time.Time) string { return string(appendClock(make([]byte, 0, 5), t)) }

// When formats an instant, in its own zone: "Thứ Hai, 04/01/2027, 07:30".
func (l Lang) When(t time.Time) string { return l.LongDay(roster.DateOf(t)) + ", " + l.Clock(t) }

// TimeSpan is the one format of a span of time, in the zone of start:
// "Thứ Hai, 04/01/2027, 07:30–11:30"; an end at the next midnight is
// "24:00", an end the next morning before the start's time "22:00–07:00
// (hôm sau)", a later end has its own day: "…, 22:00 – Thứ Tư, 06/01/2027, 07:00". A zero or
// non-positive span shows the start only.
func (l Lang) TimeSpan(start, end time.Time) string {
	b := l.appendLongDay(make([]byte, 0, 48), roster.DateOf(start))
	return string(l.appendClockSpan(append(b, ", "...), start, end))
}

// ClockSpan is TimeSpan without the start's day, for lists grouped by day:
// "07:30–11:30", "13:30–24:00", "22:00–07:00 (hôm sau)".
func (l Lang) ClockSpan(start, end time.Time) string {
	return string(l.appendClockSpan(make([]byte, 0, 24), start, end))
}

// appendClockSpan appends ClockSpan(start, end) to b.
func (l Lang) appendClockSpan(b []byte, start, end time.Time) []byte {
	if end.IsZero() || !end.After(start) {
		return appendClock(b, start)
	}
	end = end.In(start.Location())
	sd, ed := roster.DateOf(start), roster.DateOf(end)
	next := ed == sd.AddDays(1)
	switch {
	case ed == sd:
		return appendClock(append(appendClock(b, start), "–"...), end)
	case next && isMidnight(end):
		return append(appendClock(b, start), "–24:00"...)
	case next && clockBefore(end, start):
		span := appendClock(append(appendClock(nil, start), "–"...), end)
		return append(b, l.Tf("span.next_day", string(span))...)
	}
	b = append(appendClock(b, start), " – "...)
	b = l.appendLongDay(b, ed)
	return appendClock(append(b, ", "...), end)
}

// clockBefore reports whether the time of day of a is before that of b.
func clockBefore(a, b time.Time) bool {
	ah, am, as := a.Clock()
	bh, bm, bs := b.Clock()
	return ah*3600+am*60+as < bh*3600+bm*60+bs
}

// isMidnight reports whether t is 00:00:00 exactly.
func isMidnight(t time.Time) bool {
	h, m, s := t.Clock()
	return h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0
}

// DaySpan is the one format of a span of days, both included: "từ
// 04/01/2027 đến 10/01/2027", or "ngày 04/01/2027" for one day.
func (l Lang) DaySpan(from, to roster.Date) string {
	if from == to {
		return l.Tf("span.day", l.Day(from))
	}
	return l.Tf("span.days", l.Day(from), l.Day(to))
}

// Lead formats a reminder's lead time: "24 giờ", "1 giờ 30 phút",
// "2 days".
func (l Lang) Lead(d time.Duration) string {
	unit := func(n int64, u string) string {
		if n == 1 {
			return l.Tf("unit."+u+".one", n)
		}
		return l.Tf("unit."+u+".many", n)
	}
	if d >= 48*time.Hour && d%(24*time.Hour) == 0 {
		return unit(int64(d/(24*time.Hour)), "day")
	}
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, unit(h, "hour"))
	}
	if m > 0 {
		parts = append(parts, unit(m, "minute"))
	}
	if len(parts) == 0 {
		return unit(int64(d/time.Second), "second")
	}
	return strings.Join(parts, " ")
}

// Role names a duty role: "Trực chính", "Dự bị"; "" is primary.
func (l Lang) Role(r roster.AssignmentRole) string {
	if r == roster.Backup {
		return l.T("role.backup")
	}
	return l.T("role.primary")
}

// OfficerKind names a kind of officer: "Trợ giúp viên pháp lý", "Luật sư
// ký hợp đồng"; "" for an unknown kind.
func (l Lang) OfficerKind(k roster.OfficerKind) string {
	if !k.Valid() {
		return ""
	}
	return l.T("officer.kind." + string(k))
}

// Status names the status of a duty: "Đã xếp lịch", "Đã hủy".
func (l Lang) Status(s roster.AssignmentStatus) string {
	if s == roster.Cancelled {
		return l.T("status.cancelled")
	}
	return l.T("status.scheduled")
}

// SwapStatus names the state of a swap request.
func (l Lang) SwapStatus(s roster.SwapStatus) string { return l.T("swap.status." + string(s)) }

// NotifStatus names the state of an outbox message.
func (l Lang) NotifStatus(st string) string { return l.T("notif.status." + st) }

// NotifKind names the kind of an outbox message.
func (l Lang) NotifKind(k string) string { return l.T("notif.kind." + k) }

// NotifChannel names the channel of an outbox message.
func (l Lang) NotifChannel(ch string) string { return l.T("notif.channel." + ch) }

// Field names a field of law: "Đất đai", "Land".
func (l Lang) Field(f string) string { return l.T("field." + f) }

// Count writes a number as the language does: 2.050 or 2,050.
func (l Lang) Count(n int) string {
	s := roster.FormatCount(n)
	if l == EN {
		return strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// Span is TimeSpan, under the name the pages use.
func (l Lang) Span(start, end time.Time) string { return l.TimeSpan(start, end) }

// Missing says how many officers of a role a slot still needs: "2 dự bị",
// "1 primary officer".
func (l Lang) Missing(n int, r roster.AssignmentRole) string {
	key := "mail.digest.missing.primary"
	if r == roster.Backup {
		key = "mail.digest.missing.backup"
	}
	if n == 1 {
		return l.Tf(key+".one", n)
	}
	return l.Tf(key+".many", n)
}
