package roster

import (
	"slices"
	"strings"
	"time"
)

// More sources of a SpecialDay. Source holds the reference of a Government
// decision for official days; SpecialDay.SourceKind names the kind.
const (
	// SourceProjected marks the days of a year with no shipped decision
	// that the Prime Minister still fixes (Tết, the National Day's second
	// day, and their compensatory days): computed from the Labour Code,
	// to be confirmed ("dự kiến").
	SourceProjected = "projected"
	// SourceOfficial is the kind of a day a Government decision fixed.
	SourceOfficial = "official"
)

// SourceKind is what the API calls the day's source: SourceStatutory,
// SourceOfficial, SourceProjected or SourceOverride.
func (s SpecialDay) SourceKind() string {
	switch s.Source {
	case SourceStatutory, SourceProjected, SourceOverride:
		return s.Source
	case "":
		return SourceStatutory
	}
	return SourceOfficial
}

// Reference is the reference of the Government decision an official day
// comes from, or "".
func (s SpecialDay) Reference() string {
	if s.SourceKind() == SourceOfficial {
		return s.Source
	}
	return ""
}

// RecurringHoliday is a public holiday on the same day every year from
// FromYear on, which a manager adds when the law gains one (for example
// 24 November, Ngày Văn hóa Việt Nam, once art. 112 of the Labour Code is
// amended). It counts as statutory: one that falls on a weekend, or on
// another holiday, gives a compensatory day on the next working day.
type RecurringHoliday struct {
	ID       int64
	Month    time.Month
	Day      int
	Name     string
	FromYear int
}

// Validate checks a recurring holiday: a real day of the year (29 February
// is refused: it would skip three years in four), a name and a first year.
func (r RecurringHoliday) Validate() error {
	var v Validator
	v.Check(r.Month >= time.January && r.Month <= time.December, "month", RuleRange, "must be from 1 to 12")
	ok := r.Month >= time.January && r.Month <= time.December && r.Day >= 1 && r.Day <= holidayMonthDays(r.Month)
	v.Check(ok, "day", RuleRange, "must be a day of that month (not 29 February)")
	v.CheckText("name", r.Name, 200)
	v.Check(r.FromYear >= 1900 && r.FromYear <= 2200, "from_year", RuleRange, "must be from 1900 to 2200")
	return v.Err()
}

func holidayMonthDays(m time.Month) int {
	if m == time.February {
		return 28
	}
	return holidayCumDays[m] - holidayCumDays[m-1]
}

// NewWorkCalendarWith is NewWorkCalendar with recurring holidays added to
// every year they apply to, under the overrides.
func NewWorkCalendarWith(overrides []SpecialDay, recurring []RecurringHoliday) *WorkCalendar {
	c := NewWorkCalendar(overrides)
	for _, r := range recurring {
		if r.Validate() == nil {
			c.recurring = append(c.recurring, r)
		}
	}
	return c
}

// holidayProjected marks the days of a year without a decision that a
// decision would fix.
func holidayProjected(days []SpecialDay) []SpecialDay {
	for i := range days {
		if strings.Contains(days[i].Name, holidayTet) || strings.Contains(days[i].Name, holidayNational) {
			days[i].Source = SourceProjected
		}
	}
	return days
}

// holidayAddRecurring adds the recurring holidays of year y to base (a
// year's days, sorted), with a compensatory day for each on a weekend or
// on another holiday.
func holidayAddRecurring(base []SpecialDay, y int, recurring []RecurringHoliday) []SpecialDay {
	if len(recurring) == 0 {
		return base
	}
	out := slices.Clone(base)
	taken := map[Date]int{}
	for i, s := range out {
		taken[s.Date] = i
	}
	for _, r := range recurring {
		if y < r.FromYear {
			continue
		}
		d := Date{Year: y, Month: r.Month, Day: r.Day}
		owed := holidayIsWeekend(d)
		if i, ok := taken[d]; ok && out[i].Kind == DayOff {
			out[i].Name += " và " + r.Name
			owed = true
		} else {
			taken[d] = len(out)
			out = append(out, SpecialDay{Date: d, Name: r.Name, Kind: DayOff, Source: SourceStatutory})
		}
		if !owed {
			continue
		}
		c := d.AddDays(1)
		for {
			if i, ok := taken[c]; !(ok && out[i].Kind == DayOff) && !holidayIsWeekend(c) {
				break
			}
			c = c.AddDays(1)
		}
		if c.Year != y {
			continue // the next year's calendar has no room for it; rare enough to leave to an override
		}
		taken[c] = len(out)
		out = append(out, SpecialDay{Date: c, Name: holidayCompPrefix + r.Name, Kind: DayOff, Source: SourceStatutory})
	}
	slices.SortStableFunc(out, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	return out
}
