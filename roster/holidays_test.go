package roster

import (
	"fmt"
	"slices"
	"strings"
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
