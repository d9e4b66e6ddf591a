package roster

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func holidayTestDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// holidayTestLine renders a special day as "2024-02-08 holiday Tết Nguyên đán".
func holidayTestLine(s SpecialDay) string {
	return fmt.Sprintf("%v %s %s", s.Date, s.Kind, s.Name)
}

func holidayTestCompare(t *testing.T, what string, got []SpecialDay, want []string) {
	t.Helper()
	lines := holidayTestLines(got)
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(lines, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestHolidayStatutoryDays(t *testing.T) {
	tests := []struct {
		year int
		want []string
	}{
		{2023, []string{ // 1 Jan, Tết, Giỗ Tổ, 30 Apr and 2 Sep on weekends
			"2023-01-01 holiday Tết Dương lịch", // Sunday
			"2023-01-02 holiday Nghỉ bù Tết Dương lịch",
			"2023-01-21 holiday Tết Nguyên đán", // 30 tháng Chạp, Saturday
			"2023-01-22 holiday Tết Nguyên đán", // mùng 1, Sunday
			"2023-01-23 holiday Tết Nguyên đán",
			"2023-01-24 holiday Tết Nguyên đán",
			"2023-01-25 holiday Tết Nguyên đán",
			"2023-01-26 holiday Nghỉ bù Tết Nguyên đán",
			"2023-01-27 holiday Nghỉ bù Tết Nguyên đán",
			"2023-04-29 holiday Giỗ Tổ Hùng Vương", // Saturday
			"2023-04-30 holiday Ngày Chiến thắng",  // Sunday
			"2023-05-01 holiday Ngày Quốc tế Lao động",
			"2023-05-02 holiday Nghỉ bù Giỗ Tổ Hùng Vương",
			"2023-05-03 holiday Nghỉ bù Ngày Chiến thắng",
			"2023-09-01 holiday Quốc khánh", // Friday: joins the weekend
			"2023-09-02 holiday Quốc khánh", // Saturday
			"2023-09-04 holiday Nghỉ bù Quốc khánh",
		}},
		{2024, []string{
			"2024-01-01 holiday Tết Dương lịch",
			"2024-02-09 holiday Tết Nguyên đán", // 30 tháng Chạp
			"2024-02-10 holiday Tết Nguyên đán",
			"2024-02-11 holiday Tết Nguyên đán",
			"2024-02-12 holiday Tết Nguyên đán",
			"2024-02-13 holiday Tết Nguyên đán",
			"2024-02-14 holiday Nghỉ bù Tết Nguyên đán",
			"2024-02-15 holiday Nghỉ bù Tết Nguyên đán",
			"2024-04-18 holiday Giỗ Tổ Hùng Vương",
			"2024-04-30 holiday Ngày Chiến thắng",
			"2024-05-01 holiday Ngày Quốc tế Lao động",
			"2024-09-02 holiday Quốc khánh", // Monday
			"2024-09-03 holiday Quốc khánh",
		}},
		{2026, []string{
			"2026-01-01 holiday Tết Dương lịch",
			"2026-02-16 holiday Tết Nguyên đán",
			"2026-02-17 holiday Tết Nguyên đán",
			"2026-02-18 holiday Tết Nguyên đán",
			"2026-02-19 holiday Tết Nguyên đán",
			"2026-02-20 holiday Tết Nguyên đán",
			"2026-04-26 holiday Giỗ Tổ Hùng Vương", // Sunday
			"2026-04-27 holiday Nghỉ bù Giỗ Tổ Hùng Vương",
			"2026-04-30 holiday Ngày Chiến thắng",
			"2026-05-01 holiday Ngày Quốc tế Lao động",
			"2026-09-01 holiday Quốc khánh", // 2 Sep is a Wednesday
			"2026-09-02 holiday Quốc khánh",
		}},
		{2029, []string{
			"2029-01-01 holiday Tết Dương lịch",
			"2029-02-12 holiday Tết Nguyên đán",
			"2029-02-13 holiday Tết Nguyên đán",
			"2029-02-14 holiday Tết Nguyên đán",
			"2029-02-15 holiday Tết Nguyên đán",
			"2029-02-16 holiday Tết Nguyên đán",
			"2029-04-23 holiday Giỗ Tổ Hùng Vương",
			"2029-04-30 holiday Ngày Chiến thắng",
			"2029-05-01 holiday Ngày Quốc tế Lao động",
			"2029-09-02 holiday Quốc khánh", // Sunday
			"2029-09-03 holiday Quốc khánh", // Monday
			"2029-09-04 holiday Nghỉ bù Quốc khánh",
		}},
		{1947, []string{ // Giỗ Tổ Hùng Vương on 30 April
			"1947-01-01 holiday Tết Dương lịch",
			"1947-01-21 holiday Tết Nguyên đán",
			"1947-01-22 holiday Tết Nguyên đán",
			"1947-01-23 holiday Tết Nguyên đán",
			"1947-01-24 holiday Tết Nguyên đán",
			"1947-01-25 holiday Tết Nguyên đán",
			"1947-01-27 holiday Nghỉ bù Tết Nguyên đán",
			"1947-04-30 holiday Giỗ Tổ Hùng Vương và Ngày Chiến thắng",
			"1947-05-01 holiday Ngày Quốc tế Lao động",
			"1947-05-02 holiday Nghỉ bù Ngày Chiến thắng",
			"1947-09-01 holiday Quốc khánh",
			"1947-09-02 holiday Quốc khánh",
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			got := StatutoryDays(tt.year)
			holidayTestCompare(t, fmt.Sprintf("StatutoryDays(%d)", tt.year), got, tt.want)
			for _, s := range got {
				if s.Source != SourceStatutory {
					t.Errorf("%v: source %q", s.Date, s.Source)
				}
			}
		})
	}
}

func TestHolidayStatutoryEveryYear(t *testing.T) {
	for y := 1990; y <= 2100; y++ {
		days := StatutoryDays(y)
		holidays, comps, weekendHolidays, shared := 0, 0, 0, 0
		for i, s := range days {
			if s.Date.Year != y || s.Kind != DayOff {
				t.Errorf("%d: %s", y, holidayTestLine(s))
			}
			if i > 0 && !days[i-1].Date.Before(s.Date) {
				t.Errorf("%d: %v not after %v", y, s.Date, days[i-1].Date)
			}
			if strings.HasPrefix(s.Name, holidayCompPrefix) {
				comps++
				if holidayIsWeekend(s.Date) {
					t.Errorf("%d: compensatory day on a weekend: %s", y, holidayTestLine(s))
				}
				continue
			}
			shared += strings.Count(s.Name, " và ")
			holidays += 1 + strings.Count(s.Name, " và ")
			if holidayIsWeekend(s.Date) {
				weekendHolidays++
			}
		}
		if holidays != 11 {
			t.Errorf("%d: %d holidays; want 11", y, holidays)
		}
		// One compensatory day for each holiday on a weekend, and for each
		// holiday that shares its day with another.
		if comps != weekendHolidays+shared {
			t.Errorf("%d: %d compensatory days for %d weekend holidays and %d shared days", y, comps, weekendHolidays, shared)
		}
		// Every year has eleven weekdays off, whatever falls on weekends.
		if n := holidayTestWeekdaysOff(days); n != 11 {
			t.Errorf("%d: %d weekdays off; want 11", y, n)
		}
	}
}

// holidayTestWeekdaysOff counts the weekdays given off less the weekend days
// made working days.
func holidayTestWeekdaysOff(days []SpecialDay) int {
	n := 0
	for _, s := range days {
		switch {
		case s.Kind == DayOff && !holidayIsWeekend(s.Date):
			n++
		case s.Kind == WorkingDay && holidayIsWeekend(s.Date):
			n--
		}
	}
	return n
}

func TestHolidayOfficialDays(t *testing.T) {
	if days, ok := OfficialDays(2023); ok || days != nil {
		t.Errorf("OfficialDays(2023) = %v, %v; want nil, false", days, ok)
	}
	for _, y := range []int{2024, 2025, 2026} {
		days, ok := OfficialDays(y)
		if !ok || len(days) == 0 {
			t.Fatalf("OfficialDays(%d) = %v, %v", y, days, ok)
		}
		days[0].Name = "changed"
		again, _ := OfficialDays(y)
		if again[0].Name == "changed" {
			t.Errorf("OfficialDays(%d) hands out the shipped data itself", y)
		}
	}
	got, _ := OfficialDays(2025)
	holidayTestCompare(t, "OfficialDays(2025)", got, []string{
		"2025-01-01 holiday Tết Dương lịch",
		"2025-01-27 holiday Tết Nguyên đán",
		"2025-01-28 holiday Tết Nguyên đán",
		"2025-01-29 holiday Tết Nguyên đán",
		"2025-01-30 holiday Tết Nguyên đán",
		"2025-01-31 holiday Tết Nguyên đán",
		"2025-04-07 holiday Giỗ Tổ Hùng Vương",
		"2025-04-26 workday Làm bù cho ngày nghỉ thứ Sáu 02/05/2025",
		"2025-04-30 holiday Ngày Chiến thắng",
		"2025-05-01 holiday Ngày Quốc tế Lao động",
		"2025-05-02 holiday Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)",
		"2025-09-01 holiday Quốc khánh",
		"2025-09-02 holiday Quốc khánh",
	})
	if got[1].Source != "Công văn 8726/VPCP-KGVX ngày 26/11/2024" || got[0].Source != SourceStatutory {
		t.Errorf("sources: %q, %q", got[0].Source, got[1].Source)
	}
}

// TestHolidayOfficialConsistent checks every shipped year against the
// Labour Code, so that a typing mistake in holidays_data.go shows.
func TestHolidayOfficialConsistent(t *testing.T) {
	for y := range holidayOfficial {
		t.Run(fmt.Sprint(y), func(t *testing.T) {
			days, _ := OfficialDays(y)
			count := map[string]int{}
			var tetDays []Date
			swapsOff, swapsWorked, comps, weekendHolidays := 0, 0, 0, 0
			for i, s := range days {
				if s.Date.Year != y || !s.Kind.Valid() || s.Name == "" || s.Source == "" {
					t.Errorf("bad entry %+v", s)
				}
				if err := s.Validate(); err != nil {
					t.Errorf("%v: %v", s.Date, err)
				}
				if i > 0 && !days[i-1].Date.Before(s.Date) {
					t.Errorf("%v not after %v", s.Date, days[i-1].Date)
				}
				if s.Date != NewDate(s.Date.Year, s.Date.Month, s.Date.Day) {
					t.Errorf("%v is not a real date", s.Date)
				}
				switch {
				case s.Kind == WorkingDay:
					swapsWorked++
					if !holidayIsWeekend(s.Date) {
						t.Errorf("%s: a working day that is not a weekend day", holidayTestLine(s))
					}
				case strings.HasPrefix(s.Name, "Nghỉ hoán đổi"):
					swapsOff++
					if holidayIsWeekend(s.Date) {
						t.Errorf("%s: a swapped day off on a weekend", holidayTestLine(s))
					}
				case strings.HasPrefix(s.Name, holidayCompPrefix):
					comps++
					if holidayIsWeekend(s.Date) {
						t.Errorf("%s: a compensatory day on a weekend", holidayTestLine(s))
					}
				default:
					count[s.Name]++
					if holidayIsWeekend(s.Date) {
						weekendHolidays++
					}
				}
				if s.Name == holidayTet {
					tetDays = append(tetDays, s.Date)
				}
			}
			want := map[string]int{holidayNewYear: 1, holidayTet: 5, holidayHung: 1, holidayVictory: 1, holidayLabour: 1, holidayNational: 2}
			if fmt.Sprint(count) != fmt.Sprint(want) {
				t.Errorf("holidays %v; want %v", count, want)
			}
			if swapsOff != swapsWorked {
				t.Errorf("%d swapped days off, %d Saturdays worked", swapsOff, swapsWorked)
			}
			if comps != weekendHolidays {
				t.Errorf("%d compensatory days for %d holidays on a weekend", comps, weekendHolidays)
			}
			// Tết: consecutive days from the end of the old lunar year,
			// always including its last day and the 1st–3rd of the new one.
			tet, _ := LunarToSolar(LunarDate{Year: y, Month: 1, Day: 1})
			for i, d := range tetDays {
				if i > 0 && d != tetDays[i-1].AddDays(1) {
					t.Errorf("Tết days not consecutive: %v", tetDays)
				}
				if l := SolarToLunar(d); !(l.Year == y-1 && l.Month == 12) && !(l.Year == y && l.Month == 1 && l.Day <= 5) {
					t.Errorf("Tết day %v is lunar %+v", d, l)
				}
			}
			for _, must := range []Date{tet.AddDays(-1), tet, tet.AddDays(1), tet.AddDays(2)} {
				if !slices.Contains(tetDays, must) {
					t.Errorf("Tết days %v lack %v", tetDays, must)
				}
			}
			hung, _ := LunarToSolar(LunarDate{Year: y, Month: 3, Day: 10})
			fixed := map[Date]string{
				{Year: y, Month: time.January, Day: 1}:   holidayNewYear,
				hung:                                     holidayHung,
				{Year: y, Month: time.April, Day: 30}:    holidayVictory,
				{Year: y, Month: time.May, Day: 1}:       holidayLabour,
				{Year: y, Month: time.September, Day: 2}: holidayNational,
			}
			for d, name := range fixed {
				s, ok := holidayTestFind(days, d)
				if !ok || s.Name != name || s.Kind != DayOff {
					t.Errorf("%v: got %+v; want %s", d, s, name)
				}
			}
			s1, ok1 := holidayTestFind(days, Date{Year: y, Month: time.September, Day: 1})
			s3, ok3 := holidayTestFind(days, Date{Year: y, Month: time.September, Day: 3})
			if (ok1 && s1.Name == holidayNational) == (ok3 && s3.Name == holidayNational) {
				t.Errorf("Quốc khánh: want exactly one of 1 and 3 September")
			}
			// Swaps and the choice of days move holidays, never add or
			// remove one: as many working days as the statutory year.
			if got, want := holidayTestWeekdaysOff(days), holidayTestWeekdaysOff(StatutoryDays(y)); got != want {
				t.Errorf("%d weekdays off; the statutory year has %d", got, want)
			}
		})
	}
}

func holidayTestFind(days []SpecialDay, d Date) (SpecialDay, bool) {
	for _, s := range days {
		if s.Date == d {
			return s, true
		}
	}
	return SpecialDay{}, false
}

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
