package roster

import (
	"testing"
	"time"
)

// FuzzLunar checks the lunar calendar both ways on any input, folded into
// the years 1900–2199:
//
//   - a civil day → lunar date → the same civil day; the lunar date is
//     well formed (month 1–12, day within its month of 29 or 30 days, a
//     leap month only where the year has one, the year the civil one or
//     the one before), and the next civil day is the next lunar day;
//   - a lunar date → a civil day exactly when the date exists, and back to
//     the same lunar date;
//   - Tết of the year falls between 19 January and 21 February.
//
// The seed corpus is in testdata/fuzz/FuzzLunar; CI runs it for 10 s
// (go test -run XXX -fuzz FuzzLunar -fuzztime 10s ./roster/).
func FuzzLunar(f *testing.F) {
	for _, s := range []struct {
		year, month, day int
		leap             bool
	}{
		{2026, 2, 17, false}, // Tết 2026
		{2023, 2, 29, true},  // 2023 has a leap month 2
		{2020, 4, 30, true},  // leap month 4 of 2020 has 29 days
		{2007, 1, 1, false},  // Tết 2007 differs from China's
		{1985, 1, 21, false},
		{2033, 11, 30, true}, // 2033's leap month 11 (the "2033 problem")
		{1900, 1, 1, false},
		{2199, 12, 31, false},
		{-5, 0, -40, true},
	} {
		f.Add(s.year, s.month, s.day, s.leap)
	}
	f.Fuzz(func(t *testing.T, year, month, day int, leap bool) {
		year = 1900 + mod(year, 300)

		// Civil → lunar → civil.
		d := NewDate(year, time.Month(1+mod(month, 12)), 1+mod(day, 31))
		l := SolarToLunar(d)
		back, ok := LunarToSolar(l)
		if !ok || back != d {
			t.Fatalf("%v → %+v → %v, %v", d, l, back, ok)
		}
		n := LunarMonthLength(l.Year, l.Month, l.Leap)
		if l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > n || (n != 29 && n != 30) {
			t.Fatalf("%v → %+v, a month of %d days", d, l, n)
		}
		if l.Leap && LunarLeapMonth(l.Year) != l.Month {
			t.Fatalf("%v → %+v, but the year's leap month is %d", d, l, LunarLeapMonth(l.Year))
		}
		if l.Year != d.Year && l.Year != d.Year-1 {
			t.Fatalf("%v → lunar year %d", d, l.Year)
		}
		next := SolarToLunar(d.AddDays(1))
		switch {
		case l.Day < n:
			if want := (LunarDate{l.Year, l.Month, l.Day + 1, l.Leap}); next != want {
				t.Fatalf("the day after %v (%+v) is %+v, want %+v", d, l, next, want)
			}
		case next.Day != 1:
			t.Fatalf("after the last day %+v of a %d-day month comes %+v", l, n, next)
		}

		// Lunar → civil exactly when the date exists.
		in := LunarDate{Year: year, Month: month, Day: day, Leap: leap}
		exists := month >= 1 && month <= 12 && day >= 1 && day <= 30 &&
			(!leap || LunarLeapMonth(year) == month) && day <= LunarMonthLength(year, month, leap)
		got, ok := LunarToSolar(in)
		if ok != exists {
			t.Fatalf("LunarToSolar(%+v) ok = %v, but the date exists = %v", in, ok, exists)
		}
		if ok {
			if again := SolarToLunar(got); again != in {
				t.Fatalf("%+v → %v → %+v", in, got, again)
			}
		}

		// Tết.
		tet, ok := LunarToSolar(LunarDate{Year: year, Month: 1, Day: 1})
		if !ok || tet.Year != year || tet.Before(NewDate(year, time.January, 19)) || tet.After(NewDate(year, time.February, 21)) {
			t.Fatalf("Tết %d on %v, %v", year, tet, ok)
		}
	})
}

// mod is the non-negative remainder of a by b.
func mod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
