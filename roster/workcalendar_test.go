package roster

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCalendarIsWorkday(t *testing.T) {
	c := NewWorkCalendar(nil)
	tests := []struct {
		date string
		want bool
		why  string
	}{
		{"2024-02-07", true, "Wednesday before Tết 2024"},
		{"2024-02-08", false, "Tết 2024 starts (decision)"},
		{"2024-02-14", false, "Tết 2024 ends (decision)"},
		{"2024-02-15", true, "the statutory default would give it off; the decision does not"},
		{"2024-04-29", false, "swapped day off"},
		{"2024-05-04", true, "Saturday worked"},
		{"2024-05-05", false, "Sunday"},
		{"2024-09-03", false, "Quốc khánh 2024"},
		{"2025-01-24", true, "Friday before Tết 2025"},
		{"2025-01-27", false, "Tết 2025 (decision)"},
		{"2025-02-03", true, "the statutory default would give it off; the decision does not"},
		{"2025-04-26", true, "Saturday worked"},
		{"2025-05-02", false, "swapped day off"},
		{"2025-09-01", false, "Quốc khánh 2025"},
		{"2025-09-03", true, "Wednesday after Quốc khánh 2025"},
		{"2026-01-02", false, "swapped day off"},
		{"2026-01-05", true, "Monday"},
		{"2026-01-10", true, "Saturday worked"},
		{"2026-02-13", true, "Friday before Tết 2026"},
		{"2026-02-16", false, "Tết 2026"},
		{"2026-02-20", false, "Tết 2026"},
		{"2026-02-23", true, "back to work after Tết 2026"},
		{"2026-04-27", false, "compensatory day for Giỗ Tổ on Sunday 26 Apr"},
		{"2026-08-22", true, "Saturday worked"},
		{"2026-08-31", false, "swapped day off"},
		{"2026-09-03", true, "Thursday after Quốc khánh 2026"},
		{"2027-02-05", false, "statutory Tết 2027: 30 tháng Chạp"},
		{"2027-02-10", false, "statutory: compensatory day for mùng 1 on Saturday"},
		{"2027-02-11", false, "statutory: compensatory day for mùng 2 on Sunday"},
		{"2027-02-12", true, "Friday after Tết 2027"},
		{"2027-09-03", false, "statutory Quốc khánh 2027 is Thu 2 and Fri 3 Sep"},
		{"2027-09-01", true, "Wednesday"},
		{"2023-05-03", false, "statutory 2023: compensatory day for 30 April on Sunday"},
		{"2023-05-04", true, "Thursday"},
		{"2030-03-04", true, "an ordinary Monday"},
		{"2030-03-09", false, "an ordinary Saturday"},
	}
	for _, tt := range tests {
		if got := c.IsWorkday(holidayTestDate(tt.date)); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v; want %v (%s)", tt.date, got, tt.want, tt.why)
		}
	}
}

func TestCalendarZeroValueAndOddDates(t *testing.T) {
	var c WorkCalendar
	if !c.IsWorkday(holidayTestDate("2026-03-02")) || c.IsWorkday(holidayTestDate("2026-02-17")) {
		t.Error("the zero WorkCalendar does not know 2026")
	}
	// Dates that are not normalised are read as NewDate reads them.
	if !c.IsWorkday(Date{Year: 2026, Month: time.February, Day: 30}) { // Monday 2 March
		t.Error("2026-02-30 should be read as Monday 2026-03-02")
	}
	if !c.IsWorkday(Date{Year: 2026, Month: time.January, Day: 0}) {
		t.Error("2026-01-00 should be read as Wednesday 2025-12-31, a working day")
	}
	if s, ok := c.Special(Date{Year: 2026, Month: time.April, Day: 31}); !ok || s.Name != holidayLabour { // 1 May
		t.Errorf("Special(2026-04-31) = %+v, %v; want 1 May", s, ok)
	}
	_ = c.IsWorkday(Date{}) // must not panic
	_, _ = c.Special(Date{Year: 2026, Month: 14, Day: -3})
}

func TestCalendarYear(t *testing.T) {
	c := NewWorkCalendar(nil)
	holidayTestCompare(t, "Year(2024)", c.Year(2024), []string{
		"2024-01-01 holiday Tết Dương lịch",
		"2024-02-08 holiday Tết Nguyên đán",
		"2024-02-09 holiday Tết Nguyên đán",
		"2024-02-10 holiday Tết Nguyên đán",
		"2024-02-11 holiday Tết Nguyên đán",
		"2024-02-12 holiday Tết Nguyên đán",
		"2024-02-13 holiday Nghỉ bù Tết Nguyên đán",
		"2024-02-14 holiday Nghỉ bù Tết Nguyên đán",
		"2024-04-18 holiday Giỗ Tổ Hùng Vương",
		"2024-04-29 holiday Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)",
		"2024-04-30 holiday Ngày Chiến thắng",
		"2024-05-01 holiday Ngày Quốc tế Lao động",
		"2024-05-04 workday Làm bù cho ngày nghỉ thứ Hai 29/04/2024",
		"2024-09-02 holiday Quốc khánh",
		"2024-09-03 holiday Quốc khánh",
	})
	holidayTestCompare(t, "Year(2026)", c.Year(2026), []string{
		"2026-01-01 holiday Tết Dương lịch",
		"2026-01-02 holiday Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
		"2026-01-10 workday Làm bù cho ngày nghỉ thứ Sáu 02/01/2026",
		"2026-02-16 holiday Tết Nguyên đán",
		"2026-02-17 holiday Tết Nguyên đán",
		"2026-02-18 holiday Tết Nguyên đán",
		"2026-02-19 holiday Tết Nguyên đán",
		"2026-02-20 holiday Tết Nguyên đán",
		"2026-04-26 holiday Giỗ Tổ Hùng Vương",
		"2026-04-27 holiday Nghỉ bù Giỗ Tổ Hùng Vương",
		"2026-04-30 holiday Ngày Chiến thắng",
		"2026-05-01 holiday Ngày Quốc tế Lao động",
		"2026-08-22 workday Làm bù cho ngày nghỉ thứ Hai 31/08/2026",
		"2026-08-31 holiday Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)",
		"2026-09-01 holiday Quốc khánh",
		"2026-09-02 holiday Quốc khánh",
	})
	// A year without decisions is the statutory one.
	holidayTestCompare(t, "Year(2027)", c.Year(2027), holidayTestLines(StatutoryDays(2027)))

	// Year hands out a copy.
	y := c.Year(2026)
	y[0].Name = "changed"
	if c.Year(2026)[0].Name == "changed" {
		t.Error("Year hands out the calendar's own slice")
	}
}

func holidayTestLines(days []SpecialDay) []string {
	var lines []string
	for _, s := range days {
		lines = append(lines, holidayTestLine(s))
	}
	return lines
}

func TestCalendarOverrides(t *testing.T) {
	c := NewWorkCalendar([]SpecialDay{
		{Date: holidayTestDate("2026-02-16"), Kind: WorkingDay, Name: "Trực Tết"},          // a weekday holiday made a working day
		{Date: holidayTestDate("2026-03-02"), Kind: DayOff, Name: "Nghỉ theo quyết định"},  // an ordinary Monday made a day off
		{Date: holidayTestDate("2026-01-10"), Kind: DayOff},                                // the Saturday to be worked, off after all
		{Date: holidayTestDate("2026-03-07"), Kind: WorkingDay, Source: "QĐ 12/QĐ-TGPL"},   // a Saturday worked
		{Date: holidayTestDate("2026-03-09"), Kind: DayOff, Name: "first"},                 // replaced by the next
		{Date: holidayTestDate("2026-03-09"), Kind: WorkingDay, Name: "second"},            // a Monday that works: no special day
		{Date: holidayTestDate("2026-03-10"), Kind: "maybe"},                               // ignored
		{Date: Date{}, Kind: DayOff},                                                       // ignored
		{Date: holidayTestDate("2027-11-24"), Kind: DayOff, Name: "Ngày Văn hóa Việt Nam"}, // another year
	})
	tests := []struct {
		date    string
		work    bool
		special string // holidayTestLine of Special, or "" for none
		source  string
	}{
		{"2026-02-16", true, "", ""},
		{"2026-02-17", false, "2026-02-17 holiday Tết Nguyên đán", holidaySrc2026},
		{"2026-03-02", false, "2026-03-02 holiday Nghỉ theo quyết định", SourceOverride},
		{"2026-01-10", false, "2026-01-10 holiday Ngày nghỉ", SourceOverride},
		{"2026-03-07", true, "2026-03-07 workday Ngày làm việc", "QĐ 12/QĐ-TGPL"},
		{"2026-03-09", true, "", ""},
		{"2026-03-10", true, "", ""},
		{"2027-11-24", false, "2027-11-24 holiday Ngày Văn hóa Việt Nam", SourceOverride},
	}
	for _, tt := range tests {
		d := holidayTestDate(tt.date)
		if got := c.IsWorkday(d); got != tt.work {
			t.Errorf("IsWorkday(%s) = %v; want %v", tt.date, got, tt.work)
		}
		s, ok := c.Special(d)
		got := ""
		if ok {
			got = holidayTestLine(s)
		}
		if got != tt.special || (ok && s.Source != tt.source) {
			t.Errorf("Special(%s) = %q (%q); want %q (%q)", tt.date, got, s.Source, tt.special, tt.source)
		}
	}
	var firstQuarter []SpecialDay
	for _, s := range c.Year(2026) {
		if s.Date.Month <= time.March {
			firstQuarter = append(firstQuarter, s)
		}
	}
	holidayTestCompare(t, "Year(2026) with overrides, January–March", firstQuarter, []string{
		"2026-01-01 holiday Tết Dương lịch",
		"2026-01-02 holiday Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)",
		"2026-01-10 holiday Ngày nghỉ",
		"2026-02-17 holiday Tết Nguyên đán",
		"2026-02-18 holiday Tết Nguyên đán",
		"2026-02-19 holiday Tết Nguyên đán",
		"2026-02-20 holiday Tết Nguyên đán",
		"2026-03-02 holiday Nghỉ theo quyết định",
		"2026-03-07 workday Ngày làm việc",
	})
	// The calendar without overrides is untouched.
	if !NewWorkCalendar(nil).IsWorkday(holidayTestDate("2026-03-02")) {
		t.Error("an override leaked into another calendar")
	}
}

func TestCalendarWorkdaysBetween(t *testing.T) {
	c := NewWorkCalendar(nil)
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-01-01", "2026-12-31", 250}, // 261 weekdays less 11 holidays; swaps cancel out
		{"2024-01-01", "2024-12-31", 251}, // 262 weekdays less 11
		{"2025-01-01", "2025-12-31", 250}, // 261 weekdays less 11
		{"2024-02-01", "2024-02-29", 16},  // 21 weekdays less 8, 9, 12, 13, 14 Feb
		{"2026-02-14", "2026-02-22", 0},   // the whole Tết break
		{"2026-02-13", "2026-02-23", 2},   // Friday before, Monday after
		{"2025-12-29", "2026-01-11", 9},   // Mon 29 – Wed 31 Dec, Mon 5 – Fri 9 Jan, Sat 10 Jan worked
		{"2026-03-02", "2026-03-02", 1},   // one working day
		{"2026-03-07", "2026-03-07", 0},   // one Saturday
		{"2026-03-10", "2026-03-02", 0},   // reversed
		{"2024-01-01", "2026-12-31", 751}, // three years
	}
	for _, tt := range tests {
		if got := c.WorkdaysBetween(holidayTestDate(tt.from), holidayTestDate(tt.to)); got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d; want %d", tt.from, tt.to, got, tt.want)
		}
	}
	// Against a plain count, day by day, over six years.
	from, to := holidayTestDate("2023-01-01"), holidayTestDate("2028-12-31")
	for d := from; !d.After(to); d = d.AddDays(17) {
		e := d.AddDays(40)
		want := 0
		for x := d; !x.After(e); x = x.AddDays(1) {
			if c.IsWorkday(x) {
				want++
			}
		}
		if got := c.WorkdaysBetween(d, e); got != want {
			t.Fatalf("WorkdaysBetween(%v, %v) = %d; counted %d", d, e, got, want)
		}
	}
}

func TestCalendarAddWorkdays(t *testing.T) {
	c := NewWorkCalendar(nil)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-02-23", -5, "2026-02-09"}, // 5 working days before the Monday after Tết
		{"2026-02-13", 1, "2026-02-23"},  // across the Tết break
		{"2025-12-31", 1, "2026-01-05"},  // across New Year and the 2 Jan swap
		{"2026-01-12", -1, "2026-01-10"}, // the Saturday worked counts
		{"2026-03-04", 0, "2026-03-04"},
		{"2026-03-07", 0, "2026-03-07"}, // 0: the day itself, working or not
		{"2026-03-07", 1, "2026-03-09"},
		{"2026-03-07", -1, "2026-03-06"},
		{"2026-03-02", 5, "2026-03-09"},
		{"2024-04-26", 1, "2024-05-02"}, // Fri → Thu: 29 Apr–1 May off
		{"2024-05-03", 1, "2024-05-04"}, // Fri → Sat worked
		// 2025 has 250 working days, and 1–4 Jan 2026 are off: 250 back
		// from Mon 5 Jan 2026 is the first working day of 2025, 251 back
		// the last of 2024.
		{"2026-01-05", -250, "2025-01-02"},
		{"2026-01-05", -251, "2024-12-31"},
	}
	for _, tt := range tests {
		if got := c.AddWorkdays(holidayTestDate(tt.from), tt.n); got != holidayTestDate(tt.want) {
			t.Errorf("AddWorkdays(%s, %d) = %v; want %s", tt.from, tt.n, got, tt.want)
		}
	}
	// AddWorkdays and WorkdaysBetween agree.
	for d := holidayTestDate("2023-12-01"); d.Before(holidayTestDate("2027-01-31")); d = d.AddDays(3) {
		for _, n := range []int{1, 5, 22, -1, -5, -22} {
			e := c.AddWorkdays(d, n)
			if !c.IsWorkday(e) {
				t.Fatalf("AddWorkdays(%v, %d) = %v, not a working day", d, n, e)
			}
			var between int
			if n > 0 {
				between = c.WorkdaysBetween(d.AddDays(1), e)
			} else {
				between = -c.WorkdaysBetween(e, d.AddDays(-1))
			}
			if between != n {
				t.Fatalf("AddWorkdays(%v, %d) = %v, but %d working days lie between", d, n, e, between)
			}
		}
	}
}

func TestCalendarConcurrent(t *testing.T) {
	want := NewWorkCalendar(nil)
	c := NewWorkCalendar(nil)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3000 {
				d := DateFromJulianDay(holidayTestDate("2020-01-01").JulianDay() + (i*7+g*131)%4000)
				if c.IsWorkday(d) != want.IsWorkday(d) {
					errs <- fmt.Sprintf("IsWorkday(%v) differs", d)
					return
				}
				if g%2 == 0 {
					c.Year(d.Year)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestCalendarIsWorkdayDoesNotAllocate(t *testing.T) {
	c := NewWorkCalendar(nil)
	days := []Date{holidayTestDate("2024-02-08"), holidayTestDate("2025-05-02"), holidayTestDate("2026-08-22")}
	for _, d := range days {
		c.IsWorkday(d)
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, d := range days {
			c.IsWorkday(d)
		}
	})
	if allocs != 0 {
		t.Errorf("IsWorkday allocates %v times a run", allocs)
	}
}

func TestHolidaySpecialDayValidate(t *testing.T) {
	tests := []struct {
		s      SpecialDay
		fields []string
	}{
		{SpecialDay{Date: holidayTestDate("2026-03-02"), Kind: DayOff, Name: "Nghỉ"}, nil},
		{SpecialDay{Date: holidayTestDate("2026-03-07"), Kind: WorkingDay}, nil},
		{SpecialDay{Kind: DayOff}, []string{"date"}},
		{SpecialDay{Date: holidayTestDate("2026-03-02"), Kind: "off"}, []string{"kind"}},
		{SpecialDay{Date: holidayTestDate("2026-03-02"), Kind: DayOff, Name: strings.Repeat("ệ", 201)}, []string{"name"}},
	}
	for _, tt := range tests {
		err := tt.s.Validate()
		var fields []string
		if err != nil {
			if ErrorCode(err) != EInvalid {
				t.Errorf("Validate(%+v): code %q", tt.s, ErrorCode(err))
			}
			for _, f := range err.(*Error).Fields {
				fields = append(fields, f.Field)
			}
		}
		if fmt.Sprint(fields) != fmt.Sprint(tt.fields) {
			t.Errorf("Validate(%+v) fields %v; want %v", tt.s, fields, tt.fields)
		}
	}
}

func BenchmarkIsWorkday(b *testing.B) {
	c := NewWorkCalendar(nil)
	start := holidayTestDate("2024-01-01").JulianDay()
	days := make([]Date, 4*366)
	for i := range days {
		days[i] = DateFromJulianDay(start + i)
		c.IsWorkday(days[i]) // build the years before timing
	}
	b.ReportAllocs()
	i, n := 0, 0
	for b.Loop() {
		if c.IsWorkday(days[i]) {
			n++
		}
		if i++; i == len(days) {
			i = 0
		}
	}
	_ = n
}

func BenchmarkIsWorkdayParallel(b *testing.B) {
	c := NewWorkCalendar(nil)
	start := holidayTestDate("2024-01-01").JulianDay()
	days := make([]Date, 4*366)
	for i := range days {
		days[i] = DateFromJulianDay(start + i)
		c.IsWorkday(days[i])
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.IsWorkday(days[i])
			if i++; i == len(days) {
				i = 0
			}
		}
	})
}

func BenchmarkCalendarBuildYear(b *testing.B) {
	for b.Loop() {
		NewWorkCalendar(nil).IsWorkday(holidayTestDate("2030-06-03"))
	}
}
