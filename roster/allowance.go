package roster

import (
	"maps"
	"slices"
	"time"
)

// The duty allowance (bồi dưỡng trực): the Center pays officers monthly by the
// number and kind of the duties they held. This file works out, per officer
// and month, the duties and hours by kind of day and the night hours; the
// amounts per kind are the Center's business and are not computed here.
//
// The rules chosen:
//
//   - A duty belongs to the month it starts in, with all its hours (a duty is
//     paid once, whole), so the parts of a month add up to the total hours of
//     the duties that start in it.
//   - Its hours are split by calendar day (in the Center's time zone), and
//     each day is a working day, a weekend day or a holiday by the
//     working-day calendar: a holiday is any day the calendar marks as a day
//     off (a public holiday, also one that falls on a Saturday or Sunday, a
//     compensatory day off, a weekday off swapped for a Saturday worked, a
//     manager's override); a weekend day is a Saturday or Sunday that is no
//     working day and no such day off; every other day is a working day
//     (including a Saturday made a working day, làm bù).
//   - Night hours are the hours between 22:00 and 06:00, as the Labour Code
//     2019 (art. 106) defines night work. They are counted on top of the day
//     kinds, not as a fourth part: an hour at 23:00 on a holiday is both a
//     holiday hour and a night hour.
//   - A duty counts as a night duty when it holds at least 4 night hours.
//   - A duty is counted (in number) as a working-day, weekend or holiday duty
//     by the kind of day that holds most of its hours; a tie goes to the
//     better-paid kind (holiday, then weekend, then working day).
//   - Cancelled duties do not count. Backups are counted apart from
//     primaries: a backup on phone duty is on call for the whole slot.

// Night work bounds (Labour Code 2019, art. 106): 22:00 to 06:00.
const (
	NightStart Clock = 22 * 60
	NightEnd   Clock = 6 * 60
	// NightDutyHours is the least number of night hours that makes a duty a
	// night duty.
	NightDutyHours = 4 * time.Hour
)

// AllowanceDayKind is the kind of a calendar day for the allowance.
type AllowanceDayKind int

// Kinds of day, from the worst to the best paid.
const (
	AllowanceWorkday AllowanceDayKind = iota // ngày làm việc
	AllowanceWeekend                         // ngày nghỉ hằng tuần
	AllowanceHoliday                         // ngày lễ, tết, nghỉ bù, nghỉ hoán đổi
)

// AllowanceParts counts duties and hours of one officer, month and role.
// Workday+Weekend+Holiday = Duties and WorkdayHours+WeekendHours+HolidayHours
// = Hours; Night and NightHours are counted on top of them.
type AllowanceParts struct {
	Duties        int
	WorkdayDuties int
	WeekendDuties int
	HolidayDuties int
	NightDuties   int

	Hours        time.Duration
	WorkdayHours time.Duration
	WeekendHours time.Duration
	HolidayHours time.Duration
	NightHours   time.Duration
}

// Add returns the sum of p and q.
func (p AllowanceParts) Add(q AllowanceParts) AllowanceParts {
	return AllowanceParts{
		Duties:        p.Duties + q.Duties,
		WorkdayDuties: p.WorkdayDuties + q.WorkdayDuties,
		WeekendDuties: p.WeekendDuties + q.WeekendDuties,
		HolidayDuties: p.HolidayDuties + q.HolidayDuties,
		NightDuties:   p.NightDuties + q.NightDuties,
		Hours:         p.Hours + q.Hours,
		WorkdayHours:  p.WorkdayHours + q.WorkdayHours,
		WeekendHours:  p.WeekendHours + q.WeekendHours,
		HolidayHours:  p.HolidayHours + q.HolidayHours,
		NightHours:    p.NightHours + q.NightHours,
	}
}

// AllowanceRow is one officer's month: as primary, as backup, and both.
type AllowanceRow struct {
	OfficerID int64
	Primary   AllowanceParts
	Backup    AllowanceParts
	Total     AllowanceParts
}

// Allowance is the allowance report of a month.
type Allowance struct {
	Year  int
	Month time.Month
	Rows  []AllowanceRow // by officer ID; only officers with a counted duty
	Total AllowanceRow   // the sum of the rows (OfficerID 0)
}

// AllowanceDay returns the kind of day d by cal.
func AllowanceDay(cal *WorkCalendar, d Date) AllowanceDayKind {
	if sd, ok := cal.Special(d); ok && sd.Kind == DayOff {
		return AllowanceHoliday
	}
	if cal.IsWorkday(d) {
		return AllowanceWorkday
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return AllowanceWeekend
	}
	return AllowanceHoliday // a weekday that is no working day: a day off
}

// DutyAllowance returns the parts of one duty: 1 duty of its kind and its
// hours by kind of day and at night. A cancelled duty or one that does not
// end after it starts gives zero parts.
func DutyAllowance(a Assignment, cal *WorkCalendar, loc *time.Location) AllowanceParts {
	var p AllowanceParts
	if a.Status == Cancelled || !a.End.After(a.Start) {
		return p
	}
	var byKind [3]time.Duration
	for d := DateOf(a.Start.In(loc)); d.In(loc).Before(a.End); d = d.AddDays(1) {
		dayStart, dayEnd := d.In(loc), d.AddDays(1).In(loc)
		in := overlap(a.Start, a.End, dayStart, dayEnd)
		byKind[AllowanceDay(cal, d)] += in
		p.NightHours += overlap(a.Start, a.End, dayStart, dayStart.Add(time.Duration(NightEnd)*time.Minute))
		p.NightHours += overlap(a.Start, a.End, dayStart.Add(time.Duration(NightStart)*time.Minute), dayEnd)
	}
	p.Duties = 1
	p.WorkdayHours, p.WeekendHours, p.HolidayHours = byKind[AllowanceWorkday], byKind[AllowanceWeekend], byKind[AllowanceHoliday]
	p.Hours = p.WorkdayHours + p.WeekendHours + p.HolidayHours
	best := AllowanceHoliday
	for k := AllowanceHoliday - 1; k >= AllowanceWorkday; k-- {
		if byKind[k] > byKind[best] {
			best = k
		}
	}
	switch best {
	case AllowanceWorkday:
		p.WorkdayDuties = 1
	case AllowanceWeekend:
		p.WeekendDuties = 1
	default:
		p.HolidayDuties = 1
	}
	if p.NightHours >= NightDutyHours {
		p.NightDuties = 1
	}
	return p
}

// ComputeAllowance returns the allowance of the month: every duty that starts
// in it (in loc) and is not cancelled, counted per officer and role.
func ComputeAllowance(year int, month time.Month, duties []Assignment, cal *WorkCalendar, loc *time.Location) Allowance {
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	rows := map[int64]*AllowanceRow{}
	for _, a := range duties {
		if a.Status == Cancelled || a.Start.Before(from) || !a.Start.Before(to) {
			continue
		}
		p := DutyAllowance(a, cal, loc)
		if p.Duties == 0 {
			continue
		}
		r := rows[a.OfficerID]
		if r == nil {
			r = &AllowanceRow{OfficerID: a.OfficerID}
			rows[a.OfficerID] = r
		}
		if a.Role == Backup {
			r.Backup = r.Backup.Add(p)
		} else {
			r.Primary = r.Primary.Add(p)
		}
		r.Total = r.Total.Add(p)
	}
	out := Allowance{Year: year, Month: month}
	for _, id := range slices.Sorted(maps.Keys(rows)) {
		r := *rows[id]
		out.Rows = append(out.Rows, r)
		out.Total.Primary = out.Total.Primary.Add(r.Primary)
		out.Total.Backup = out.Total.Backup.Add(r.Backup)
		out.Total.Total = out.Total.Total.Add(r.Total)
	}
	return out
}

// overlap returns how long [aStart,aEnd) and [bStart,bEnd) share.
func overlap(aStart, aEnd, bStart, bEnd time.Time) time.Duration {
	s, e := aStart, aEnd
	if bStart.After(s) {
		s = bStart
	}
	if bEnd.Before(e) {
		e = bEnd
	}
	if !e.After(s) {
		return 0
	}
	return e.Sub(s)
}
