package roster

import (
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The Vietnamese working-day calendar.
//
// State agencies work Monday to Friday. The Labour Code 2019 (Bộ luật Lao
// động 45/2019/QH14), Art. 112(1), gives eleven paid public holidays:
//
//   - Tết Dương lịch: 1 January;
//   - Tết Nguyên đán: 5 days around the lunar new year;
//   - Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month;
//   - Ngày Chiến thắng: 30 April;
//   - Ngày Quốc tế Lao động: 1 May;
//   - Quốc khánh: 2 September and one day before or after it.
//
// Art. 111(3): a holiday that falls on the weekly rest day gives a day off
// (nghỉ bù) on the next working day. Art. 112(3): every year the Prime
// Minister fixes the exact Tết and National Day days, and the Government
// often swaps a weekday off for a Saturday worked (hoán đổi, làm bù).
//
// So the calendar has three layers, the first that knows a day wins:
//
//  1. overrides, entered by the Center's managers;
//  2. the Government's published decisions for a year (OfficialDays), shipped
//     as data in holidays_data.go; they replace layer 3 for the whole year;
//  3. the statutory defaults computed from the Labour Code (StatutoryDays);
//
// and under them the weekday rule: Monday–Friday work, Saturday and Sunday off.

// DayKind says whether a special day is a day off or a working day.
type DayKind string

// Day kinds.
const (
	DayOff     DayKind = "holiday" // no work: a holiday, a compensatory day, a swapped weekday
	WorkingDay DayKind = "workday" // work: a Saturday made a working day (làm bù), or a holiday cancelled
)

// Valid reports whether k is a known day kind.
func (k DayKind) Valid() bool { return k == DayOff || k == WorkingDay }

// Sources of a SpecialDay, besides the reference of a Government decision.
const (
	SourceStatutory = "statutory" // computed from the Labour Code 2019
	SourceOverride  = "override"  // entered by a manager of the Center
)

// SpecialDay is a day whose working status differs from the weekday rule
// (Monday–Friday work), or a public holiday that falls on a weekend.
//
// Source is SourceStatutory, the reference of a Government decision such as
// "Thông báo 6150/TB-LĐTBXH ngày 24/11/2023", or SourceOverride.
type SpecialDay struct {
	Date   Date    `json:"date"`
	Name   string  `json:"name"`
	Kind   DayKind `json:"kind"`
	Source string  `json:"source,omitempty"`
}

// Validate checks a special day entered as an override: a date, a known kind
// and a name of reasonable length (it may be empty).
func (s SpecialDay) Validate() error {
	var v Validator
	v.Check(!s.Date.IsZero(), "date", RuleRequired, "is required")
	v.Check(s.Kind.Valid(), "kind", RuleOneOf, "must be %q or %q", DayOff, WorkingDay)
	v.Check(len([]rune(s.Name)) <= 200, "name", RuleTooLong, "must be at most 200 characters")
	return v.Err()
}

// Names of the public holidays and of the days derived from them.
const (
	holidayNewYear  = "Tết Dương lịch"
	holidayTet      = "Tết Nguyên đán"
	holidayHung     = "Giỗ Tổ Hùng Vương"
	holidayVictory  = "Ngày Chiến thắng"
	holidayLabour   = "Ngày Quốc tế Lao động"
	holidayNational = "Quốc khánh"

	holidayCompPrefix = "Nghỉ bù " // + the name of the holiday that fell on a weekend
)

// holidayWeekdayNames are the Vietnamese names of the days of the week.
var holidayWeekdayNames = [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// holidayDateVN formats d as "thứ Bảy 04/05/2024".
func holidayDateVN(d Date) string {
	return fmt.Sprintf("%s %02d/%02d/%04d", holidayWeekdayNames[d.Weekday()], d.Day, int(d.Month), d.Year)
}

// StatutoryDays returns the public holidays of a year as the Labour Code 2019
// sets them, each holiday that falls on a Saturday or Sunday followed by a
// compensatory day off on the next working day, sorted by date.
//
// Where the Code leaves the Prime Minister a choice, it takes:
//
//   - Tết: the last day of the old lunar year and the 1st to 4th days of the
//     new one (the Government has also chosen two days before and three
//     after, as in 2024 and 2025; see OfficialDays);
//   - Quốc khánh: 2 September and the adjacent day that is a weekday and
//     joins the break to a weekend: 3 September when 2 September is a Sunday,
//     Monday or Thursday, else 1 September. This is the choice the Government
//     made every year from 2021 to 2026 (2021 3 Sep, 2022 1 Sep, 2023 1 Sep,
//     2024 3 Sep, 2025 1 Sep, 2026 1 Sep).
//
// When two holidays fall on the same day (Giỗ Tổ Hùng Vương can fall on
// 30 April, as in 1947), the day is listed once with both names and the
// second holiday gets a compensatory day as if it had fallen on a weekend.
func StatutoryDays(year int) []SpecialDay {
	return holidayWithCompensation(holidayStatutory(year), SourceStatutory)
}

// holidayStatutory returns the eleven public holidays of a year, sorted by
// date (stable: Giỗ Tổ Hùng Vương before a 30 April on the same day).
func holidayStatutory(year int) []SpecialDay {
	day := func(m time.Month, d int, name string) SpecialDay {
		return SpecialDay{Date: Date{Year: year, Month: m, Day: d}, Name: name, Kind: DayOff, Source: SourceStatutory}
	}
	days := make([]SpecialDay, 0, 11)
	days = append(days, day(time.January, 1, holidayNewYear))

	// Tết of lunar year year always falls in January or February of the
	// solar year year.
	if tet, ok := LunarToSolar(LunarDate{Year: year, Month: 1, Day: 1}); ok {
		for i := -1; i <= 3; i++ {
			d := tet.AddDays(i)
			days = append(days, SpecialDay{Date: d, Name: holidayTet, Kind: DayOff, Source: SourceStatutory})
		}
	}
	if hung, ok := LunarToSolar(LunarDate{Year: year, Month: 3, Day: 10}); ok {
		days = append(days, SpecialDay{Date: hung, Name: holidayHung, Kind: DayOff, Source: SourceStatutory})
	}
	days = append(days, day(time.April, 30, holidayVictory), day(time.May, 1, holidayLabour))

	adjacent := 1
	switch (Date{Year: year, Month: time.September, Day: 2}).Weekday() {
	case time.Sunday, time.Monday, time.Thursday:
		adjacent = 3
	}
	national := []SpecialDay{day(time.September, 2, holidayNational), day(time.September, adjacent, holidayNational)}
	slices.SortFunc(national, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	days = append(days, national...)

	slices.SortStableFunc(days, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	return days
}

// holidayWithCompensation adds to holidays (sorted by date) a compensatory
// day off for each one that falls on a Saturday or Sunday, or on a day
// another holiday already holds: the first weekday after it that is neither
// a holiday nor already a compensatory day. It returns the days sorted by
// date, one entry a date.
func holidayWithCompensation(holidays []SpecialDay, source string) []SpecialDay {
	taken := make(map[Date]int, len(holidays)+4) // date → index in out
	out := make([]SpecialDay, 0, len(holidays)+4)
	var owed []SpecialDay // holidays that need a compensatory day
	for _, h := range holidays {
		if i, ok := taken[h.Date]; ok {
			out[i].Name += " và " + h.Name
			owed = append(owed, h)
			continue
		}
		taken[h.Date] = len(out)
		out = append(out, h)
		if holidayIsWeekend(h.Date) {
			owed = append(owed, h)
		}
	}
	for _, h := range owed {
		d := h.Date.AddDays(1)
		for {
			if _, ok := taken[d]; !ok && !holidayIsWeekend(d) {
				break
			}
			d = d.AddDays(1)
		}
		taken[d] = len(out)
		out = append(out, SpecialDay{Date: d, Name: holidayCompPrefix + h.Name, Kind: DayOff, Source: source})
	}
	slices.SortFunc(out, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	return out
}

func holidayIsWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// OfficialDays returns the special days the Government published for a
// year, and false when none are shipped for it. They replace StatutoryDays
// for that whole year: the list holds every holiday of the year, not only
// the days a decision changed. Sorted by date; the caller owns the slice.
func OfficialDays(year int) ([]SpecialDay, bool) {
	days, ok := holidayOfficial[year]
	if !ok {
		return nil, false
	}
	return slices.Clone(days), true
}

// WorkCalendar answers whether a day is a working day, from overrides, then
// the Government's decisions (OfficialDays), then the Labour Code
// (StatutoryDays), then the weekday rule (Monday–Friday work).
//
// It is safe for concurrent use. Each year is worked out once, the first
// time it is asked for, into a bitmap; after that IsWorkday is a lookup that
// allocates nothing. The zero value is a calendar without overrides.
type WorkCalendar struct {
	overrides map[int][]SpecialDay // by year; read-only after NewWorkCalendar
	recurring []RecurringHoliday   // read-only after NewWorkCalendarWith

	mu    sync.Mutex                                // serialises building years
	years atomic.Pointer[map[int]*workCalendarYear] // copy-on-write: readers never lock
}

// workCalendarYear is one year of a WorkCalendar, immutable once built.
type workCalendarYear struct {
	jan1    int          // JDN of 1 January
	n       int          // 365 or 366 days
	work    [6]uint64    // bit i set: the day i (0 = 1 January) is a working day
	special [366]int16   // index+1 into days of the special day i, 0 if none
	days    []SpecialDay // sorted by date
}

// NewWorkCalendar returns a calendar with the managers' overrides applied on
// top of the Government's decisions and the statutory holidays. An override
// replaces whatever else is known of its day; of two overrides of the same
// day the later wins. An override without a date or with a kind other than
// DayOff or WorkingDay is ignored (check them with SpecialDay.Validate).
// An empty Source becomes SourceOverride.
func NewWorkCalendar(overrides []SpecialDay) *WorkCalendar {
	c := &WorkCalendar{overrides: make(map[int][]SpecialDay)}
	for _, o := range overrides {
		if o.Date.IsZero() || !o.Kind.Valid() {
			continue
		}
		o.Date = NewDate(o.Date.Year, o.Date.Month, o.Date.Day)
		if o.Source == "" {
			o.Source = SourceOverride
		}
		if o.Name == "" {
			o.Name = "Ngày làm việc"
			if o.Kind == DayOff {
				o.Name = "Ngày nghỉ"
			}
		}
		c.overrides[o.Date.Year] = append(c.overrides[o.Date.Year], o)
	}
	return c
}

// IsWorkday reports whether d is a working day.
func (c *WorkCalendar) IsWorkday(d Date) bool {
	i, ok := holidayDayOfYear(d)
	if !ok {
		d = NewDate(d.Year, d.Month, d.Day)
		i, _ = holidayDayOfYear(d)
	}
	return c.year(d.Year).isWork(i)
}

// Special returns the special day d is, and false if d follows the weekday
// rule.
func (c *WorkCalendar) Special(d Date) (SpecialDay, bool) {
	i, ok := holidayDayOfYear(d)
	if !ok {
		d = NewDate(d.Year, d.Month, d.Day)
		i, _ = holidayDayOfYear(d)
	}
	y := c.year(d.Year)
	if k := y.special[i]; k > 0 {
		return y.days[k-1], true
	}
	return SpecialDay{}, false
}

// Year returns the special days of year y, sorted by date: every day off
// (holidays, including those that fall on a weekend, compensatory and
// swapped days) and every weekend day made a working day, overrides applied.
// The caller owns the slice.
func (c *WorkCalendar) Year(y int) []SpecialDay {
	return slices.Clone(c.year(y).days)
}

// WorkdaysBetween returns the number of working days from from to to, both
// included; 0 if to is before from.
func (c *WorkCalendar) WorkdaysBetween(from, to Date) int {
	from = NewDate(from.Year, from.Month, from.Day)
	to = NewDate(to.Year, to.Month, to.Day)
	if to.Before(from) {
		return 0
	}
	n := 0
	for y := from.Year; y <= to.Year; y++ {
		cy := c.year(y)
		lo, hi := 0, cy.n-1
		if y == from.Year {
			lo, _ = holidayDayOfYear(from)
		}
		if y == to.Year {
			hi, _ = holidayDayOfYear(to)
		}
		n += cy.countWork(lo, hi)
	}
	return n
}

// AddWorkdays returns the n-th working day after d, or before d when n is
// negative; d itself when n is 0. AddWorkdays(start, -5) is the day a list
// must be sent by to be "5 working days before" start.
func (c *WorkCalendar) AddWorkdays(d Date, n int) Date {
	d = NewDate(d.Year, d.Month, d.Day)
	if n == 0 {
		return d
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	y := d.Year
	i, _ := holidayDayOfYear(d)
	cy := c.year(y)
	for n > 0 {
		i += step
		switch {
		case i < 0:
			y--
			cy = c.year(y)
			i = cy.n - 1
		case i >= cy.n:
			y++
			cy = c.year(y)
			i = 0
		}
		if cy.isWork(i) {
			n--
		}
	}
	return DateFromJulianDay(cy.jan1 + i)
}

// year returns year y of the calendar, building it on first use.
func (c *WorkCalendar) year(y int) *workCalendarYear {
	if m := c.years.Load(); m != nil {
		if cy, ok := (*m)[y]; ok {
			return cy
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var built map[int]*workCalendarYear
	if m := c.years.Load(); m != nil {
		built = *m
	}
	if cy, ok := built[y]; ok { // built while we waited for the lock
		return cy
	}
	cy := newWorkCalendarYear(y, c.overrides[y], c.recurring)
	next := make(map[int]*workCalendarYear, len(built)+1)
	maps.Copy(next, built)
	next[y] = cy
	c.years.Store(&next)
	return cy
}

// newWorkCalendarYear works out year y: the official days if shipped, else
// the statutory ones (those a decision would fix marked projected), then
// the recurring holidays, with the overrides of that year on top.
func newWorkCalendarYear(y int, overrides []SpecialDay, recurring []RecurringHoliday) *workCalendarYear {
	base, ok := holidayOfficial[y]
	if !ok {
		base = holidayProjected(StatutoryDays(y))
	}
	base = holidayAddRecurring(base, y, recurring)
	byDate := make(map[Date]SpecialDay, len(base)+len(overrides))
	for _, s := range base {
		if s.Date.Year == y {
			byDate[s.Date] = s
		}
	}
	for _, o := range overrides {
		byDate[o.Date] = o
	}

	jan1 := Date{Year: y, Month: time.January, Day: 1}.JulianDay()
	cy := &workCalendarYear{jan1: jan1, n: 365}
	if holidayIsLeapYear(y) {
		cy.n = 366
	}
	for i := 0; i < cy.n; i++ {
		if wd := ((jan1+i+1)%7 + 7) % 7; wd != int(time.Saturday) && wd != int(time.Sunday) {
			cy.work[i>>6] |= 1 << (i & 63)
		}
	}

	all := make([]SpecialDay, 0, len(byDate))
	for _, s := range byDate {
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b SpecialDay) int { return a.Date.Compare(b.Date) })
	for _, s := range all {
		i, _ := holidayDayOfYear(s.Date)
		weekday := cy.work[i>>6]&(1<<(i&63)) != 0
		switch s.Kind {
		case DayOff:
			cy.work[i>>6] &^= 1 << (i & 63)
		case WorkingDay:
			cy.work[i>>6] |= 1 << (i & 63)
			if weekday {
				continue // a weekday that works is no special day
			}
		}
		cy.days = append(cy.days, s)
		cy.special[i] = int16(len(cy.days))
	}
	return cy
}

func (cy *workCalendarYear) isWork(i int) bool { return cy.work[i>>6]&(1<<(i&63)) != 0 }

// countWork counts the working days among days lo to hi of the year, both
// included.
func (cy *workCalendarYear) countWork(lo, hi int) int {
	n := 0
	for w := lo >> 6; w <= hi>>6; w++ {
		word := cy.work[w]
		if w == lo>>6 {
			word &= ^uint64(0) << (lo & 63)
		}
		if w == hi>>6 {
			word &= ^uint64(0) >> (63 - hi&63)
		}
		n += bits.OnesCount64(word)
	}
	return n
}

// holidayCumDays[m] is the number of days before month m+1 in a common year.
var holidayCumDays = [13]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365}

func holidayIsLeapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// holidayDayOfYear returns the day of the year of d (0 = 1 January), and
// false if d is not a normalised date.
func holidayDayOfYear(d Date) (int, bool) {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return 0, false
	}
	m := int(d.Month)
	leap := holidayIsLeapYear(d.Year)
	length := holidayCumDays[m] - holidayCumDays[m-1]
	if leap && m == 2 {
		length++
	}
	if d.Day > length {
		return 0, false
	}
	i := holidayCumDays[m-1] + d.Day - 1
	if leap && m > 2 {
		i++
	}
	return i, true
}

// holidaySwap returns a swapped pair: the weekday off given off, and the
// weekend day worked worked in its place (hoán đổi ngày làm việc, làm bù).
func holidaySwap(off, worked Date, source string) []SpecialDay {
	return []SpecialDay{
		{Date: off, Name: "Nghỉ hoán đổi (làm bù " + holidayDateVN(worked) + ")", Kind: DayOff, Source: source},
		{Date: worked, Name: "Làm bù cho ngày nghỉ " + holidayDateVN(off), Kind: WorkingDay, Source: source},
	}
}
