package roster

import (
	"testing"
	"time"
)

func TestDateArithmetic(t *testing.T) {
	d := NewDate(2027, 1, 4)
	cases := []struct {
		a, b Date
		days int
	}{
		{d, d, 0},
		{d, NewDate(2027, 1, 5), 1},
		{d, NewDate(2027, 1, 3), -1},
		{d, NewDate(2026, 1, 4), -365},
		{NewDate(2028, 2, 28), NewDate(2028, 3, 1), 2},
		{NewDate(2027, 2, 28), NewDate(2027, 3, 1), 1},
	}
	for _, c := range cases {
		if got := c.a.DaysUntil(c.b); got != c.days {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", c.a, c.b, got, c.days)
		}
		if got := c.a.AddDays(c.days); got != c.b {
			t.Errorf("%s.AddDays(%d) = %s, want %s", c.a, c.days, got, c.b)
		}
	}
	if NewDate(2027, 1, 32) != NewDate(2027, 2, 1) || d.Weekday() != time.Monday || !d.Before(d.AddDays(1)) || d.Compare(d) != 0 {
		t.Error("NewDate normalisation, Weekday or Compare")
	}
	if _, err := ParseDate("2027-02-30"); err == nil {
		t.Error("2027-02-30 parsed")
	}
	for _, s := range []string{"07:30", "00:00", "23:59"} {
		c, err := ParseClock(s)
		if err != nil || c.String() != s {
			t.Errorf("ParseClock(%q) = %v, %v", s, c, err)
		}
	}
	for _, s := range []string{"7:30", "24:00", "12:60", "ab:cd", "12-30"} {
		if _, err := ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) accepted", s)
		}
	}
	loc := time.FixedZone("ICT", 7*3600)
	start, end := Slot{Start: 17 * 60, End: 7*60 + 30}.Window(d, loc)
	if start != time.Date(2027, 1, 4, 17, 0, 0, 0, loc) || end != time.Date(2027, 1, 5, 7, 30, 0, 0, loc) {
		t.Errorf("night window %v–%v", start, end)
	}
	start, end = Slot{Start: 8 * 60, End: 8 * 60}.Window(d, loc)
	if end.Sub(start) != 24*time.Hour {
		t.Errorf("equal start and end must be 24 hours, got %v", end.Sub(start))
	}
}
