package roster

import (
	"testing"
	"time"
)

func lunarTestDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

func TestLunarTetAndHungKings(t *testing.T) {
	// From DOMAIN.md: Tết (1/1) and Giỗ Tổ Hùng Vương (10/3) of the
	// Vietnamese lunar calendar.
	tests := []struct {
		year      int
		tet, hung Date
	}{
		{2020, lunarTestDate(2020, time.January, 25), lunarTestDate(2020, time.April, 2)},
		{2021, lunarTestDate(2021, time.February, 12), lunarTestDate(2021, time.April, 21)},
		{2022, lunarTestDate(2022, time.February, 1), lunarTestDate(2022, time.April, 10)},
		{2023, lunarTestDate(2023, time.January, 22), lunarTestDate(2023, time.April, 29)},
		{2024, lunarTestDate(2024, time.February, 10), lunarTestDate(2024, time.April, 18)},
		{2025, lunarTestDate(2025, time.January, 29), lunarTestDate(2025, time.April, 7)},
		{2026, lunarTestDate(2026, time.February, 17), lunarTestDate(2026, time.April, 26)},
		{2027, lunarTestDate(2027, time.February, 6), lunarTestDate(2027, time.April, 16)},
		{2028, lunarTestDate(2028, time.January, 26), lunarTestDate(2028, time.April, 4)},
		{2029, lunarTestDate(2029, time.February, 13), lunarTestDate(2029, time.April, 23)},
	}
	for _, tt := range tests {
		if got, ok := LunarToSolar(LunarDate{Year: tt.year, Month: 1, Day: 1}); !ok || got != tt.tet {
			t.Errorf("Tết %d = %v, %v; want %v", tt.year, got, ok, tt.tet)
		}
		if got, ok := LunarToSolar(LunarDate{Year: tt.year, Month: 3, Day: 10}); !ok || got != tt.hung {
			t.Errorf("Giỗ Tổ %d = %v, %v; want %v", tt.year, got, ok, tt.hung)
		}
		if got, want := SolarToLunar(tt.tet), (LunarDate{Year: tt.year, Month: 1, Day: 1}); got != want {
			t.Errorf("SolarToLunar(%v) = %+v; want %+v", tt.tet, got, want)
		}
		if got, want := SolarToLunar(tt.hung), (LunarDate{Year: tt.year, Month: 3, Day: 10}); got != want {
			t.Errorf("SolarToLunar(%v) = %+v; want %+v", tt.hung, got, want)
		}
	}
}

func TestLunarKnownDays(t *testing.T) {
	tests := []struct {
		solar Date
		lunar LunarDate
	}{
		{lunarTestDate(2024, time.February, 8), LunarDate{Year: 2023, Month: 12, Day: 29}},
		{lunarTestDate(2024, time.February, 9), LunarDate{Year: 2023, Month: 12, Day: 30}}, // "30 Tết" Quý Mão
		{lunarTestDate(2025, time.January, 28), LunarDate{Year: 2024, Month: 12, Day: 29}}, // Chạp Giáp Thìn has 29 days
		{lunarTestDate(2026, time.February, 16), LunarDate{Year: 2025, Month: 12, Day: 29}},
		{lunarTestDate(2020, time.May, 23), LunarDate{Year: 2020, Month: 4, Day: 1, Leap: true}},
		{lunarTestDate(2023, time.March, 22), LunarDate{Year: 2023, Month: 2, Day: 1, Leap: true}},
		{lunarTestDate(2025, time.July, 25), LunarDate{Year: 2025, Month: 6, Day: 1, Leap: true}},
		{lunarTestDate(2025, time.October, 6), LunarDate{Year: 2025, Month: 8, Day: 15}}, // Trung thu
		{lunarTestDate(2028, time.June, 23), LunarDate{Year: 2028, Month: 5, Day: 1, Leap: true}},
		{lunarTestDate(2000, time.January, 1), LunarDate{Year: 1999, Month: 11, Day: 25}},
	}
	for _, tt := range tests {
		if got := SolarToLunar(tt.solar); got != tt.lunar {
			t.Errorf("SolarToLunar(%v) = %+v; want %+v", tt.solar, got, tt.lunar)
		}
		if got, ok := LunarToSolar(tt.lunar); !ok || got != tt.solar {
			t.Errorf("LunarToSolar(%+v) = %v, %v; want %v", tt.lunar, got, ok, tt.solar)
		}
	}
}

func TestLunarVietnamVersusChina(t *testing.T) {
	// The Vietnamese calendar is computed for UTC+7, the Chinese for UTC+8:
	// a new moon late in the evening in Hanoi is already the next day in
	// Beijing. The same code at UTC+8 must give the Chinese New Year.
	tests := []struct {
		year         int
		vietnam, prc Date
	}{
		{1985, lunarTestDate(1985, time.January, 21), lunarTestDate(1985, time.February, 20)},
		{2007, lunarTestDate(2007, time.February, 17), lunarTestDate(2007, time.February, 18)},
		{2030, lunarTestDate(2030, time.February, 2), lunarTestDate(2030, time.February, 3)},
		{2024, lunarTestDate(2024, time.February, 10), lunarTestDate(2024, time.February, 10)}, // most years agree
	}
	for _, tt := range tests {
		if got, _ := LunarToSolar(LunarDate{Year: tt.year, Month: 1, Day: 1}); got != tt.vietnam {
			t.Errorf("Tết %d = %v; want %v", tt.year, got, tt.vietnam)
		}
		if got, _ := lunarToSolar(LunarDate{Year: tt.year, Month: 1, Day: 1}, 8); got != tt.prc {
			t.Errorf("Chinese New Year %d (UTC+8) = %v; want %v", tt.year, got, tt.prc)
		}
	}
}

func TestLunarLeapMonths(t *testing.T) {
	// Leap months of the Vietnamese calendar 1990–2050; every other year has
	// none. (2033 has a leap 11th month, which belongs to lunar year 2033.)
	leap := map[int]int{
		1990: 5, 1993: 3, 1995: 8, 1998: 5, 2001: 4, 2004: 2, 2006: 7, 2009: 5,
		2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5, 2031: 3,
		2033: 11, 2036: 6, 2039: 5, 2042: 2, 2044: 7, 2047: 5, 2050: 3,
	}
	for y := 1990; y <= 2050; y++ {
		if got := LunarLeapMonth(y); got != leap[y] {
			t.Errorf("LunarLeapMonth(%d) = %d; want %d", y, got, leap[y])
		}
	}
}

func TestLunarInvalidDates(t *testing.T) {
	tests := []struct {
		name string
		l    LunarDate
	}{
		{"day 30 of a 29-day month", LunarDate{Year: 2024, Month: 12, Day: 30}},
		{"leap month the year lacks", LunarDate{Year: 2024, Month: 4, Day: 1, Leap: true}},
		{"leap month of another number", LunarDate{Year: 2025, Month: 5, Day: 1, Leap: true}},
		{"month 0", LunarDate{Year: 2025, Month: 0, Day: 1}},
		{"month 13", LunarDate{Year: 2025, Month: 13, Day: 1}},
		{"day 0", LunarDate{Year: 2025, Month: 1, Day: 0}},
		{"day 31", LunarDate{Year: 2025, Month: 1, Day: 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d, ok := LunarToSolar(tt.l); ok {
				t.Errorf("LunarToSolar(%+v) = %v, true; want false", tt.l, d)
			}
		})
	}
	if n := LunarMonthLength(2024, 4, true); n != 0 {
		t.Errorf("LunarMonthLength(2024, 4, leap) = %d; want 0", n)
	}
	if n := LunarMonthLength(2024, 13, false); n != 0 {
		t.Errorf("LunarMonthLength(2024, 13) = %d; want 0", n)
	}
	if n := LunarMonthLength(2024, 12, false); n != 29 {
		t.Errorf("LunarMonthLength(2024, 12) = %d; want 29", n)
	}
	if n := LunarMonthLength(2023, 12, false); n != 30 {
		t.Errorf("LunarMonthLength(2023, 12) = %d; want 30", n)
	}
}

// lunarTestMonth is one month of a lunar year, for the consistency test.
type lunarTestMonth struct {
	month  int
	leap   bool
	start  Date
	length int
}

func TestLunarYearsConsistent(t *testing.T) {
	for y := 1990; y <= 2050; y++ {
		var months []lunarTestMonth
		leaps := 0
		for m := 1; m <= 12; m++ {
			for _, leap := range []bool{false, true} {
				n := LunarMonthLength(y, m, leap)
				if n == 0 {
					if !leap {
						t.Fatalf("%d: month %d missing", y, m)
					}
					continue
				}
				if n != 29 && n != 30 {
					t.Errorf("%d: month %d (leap %v) has %d days", y, m, leap, n)
				}
				start, ok := LunarToSolar(LunarDate{Year: y, Month: m, Day: 1, Leap: leap})
				if !ok {
					t.Fatalf("%d: month %d (leap %v) has a length but no first day", y, m, leap)
				}
				if _, ok := LunarToSolar(LunarDate{Year: y, Month: m, Day: n, Leap: leap}); !ok {
					t.Errorf("%d: month %d (leap %v): day %d missing", y, m, leap, n)
				}
				if _, ok := LunarToSolar(LunarDate{Year: y, Month: m, Day: n + 1, Leap: leap}); ok {
					t.Errorf("%d: month %d (leap %v): day %d exists", y, m, leap, n+1)
				}
				if leap {
					leaps++
					if LunarLeapMonth(y) != m {
						t.Errorf("%d: leap month %d exists but LunarLeapMonth = %d", y, m, LunarLeapMonth(y))
					}
				}
				months = append(months, lunarTestMonth{m, leap, start, n})
			}
		}
		switch len(months) {
		case 12:
			if leaps != 0 || LunarLeapMonth(y) != 0 {
				t.Errorf("%d: 12 months but leap month %d", y, LunarLeapMonth(y))
			}
		case 13:
			if leaps != 1 {
				t.Errorf("%d: 13 months with %d leap months", y, leaps)
			}
		default:
			t.Errorf("%d: %d months", y, len(months))
		}
		// Months follow one another without gap or overlap, up to the
		// next Tết.
		days := 0
		for i, mo := range months {
			next, _ := LunarToSolar(LunarDate{Year: y + 1, Month: 1, Day: 1})
			if i+1 < len(months) {
				next = months[i+1].start
			}
			if got := mo.start.AddDays(mo.length); got != next {
				t.Errorf("%d: month %d (leap %v) starts %v with %d days, next month starts %v",
					y, mo.month, mo.leap, mo.start, mo.length, next)
			}
			days += mo.length
		}
		if !(days >= 353 && days <= 355) && !(days >= 383 && days <= 385) {
			t.Errorf("%d: lunar year of %d days", y, days)
		}
		// Tết falls between 21 January and 20 February.
		tet := months[0].start
		if tet.Before(lunarTestDate(y, time.January, 21)) || tet.After(lunarTestDate(y, time.February, 20)) {
			t.Errorf("%d: Tết on %v", y, tet)
		}
	}
}

func TestLunarRoundTripEveryDay(t *testing.T) {
	first, last := lunarTestDate(1990, time.January, 1), lunarTestDate(2050, time.December, 31)
	prev := SolarToLunar(first.AddDays(-1))
	for jd := first.JulianDay(); jd <= last.JulianDay(); jd++ {
		d := DateFromJulianDay(jd)
		l := SolarToLunar(d)
		back, ok := LunarToSolar(l)
		if !ok || back != d {
			t.Fatalf("%v → %+v → %v, %v", d, l, back, ok)
		}
		// Each day is the next day of the same month, or day 1 of the
		// next month.
		switch {
		case l.Day == prev.Day+1 && l.Month == prev.Month && l.Leap == prev.Leap && l.Year == prev.Year:
		case l.Day == 1 && prev.Day >= 29:
			if l.Month == 1 && !l.Leap && l.Year != prev.Year+1 {
				t.Fatalf("%v: Tết %+v after %+v", d, l, prev)
			}
		default:
			t.Fatalf("%v: %+v does not follow %+v", d, l, prev)
		}
		prev = l
	}
}

func BenchmarkLunarSolarToLunar(b *testing.B) {
	d := lunarTestDate(2026, time.February, 17)
	for b.Loop() {
		SolarToLunar(d)
	}
}
