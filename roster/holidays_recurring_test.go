package roster

import (
	"testing"
	"time"
)

func TestHolidaySourceKinds(t *testing.T) {
	cal := NewWorkCalendar([]SpecialDay{{Date: NewDate(2027, 3, 8), Kind: DayOff, Name: "Ngày Quốc tế Phụ nữ"}})
	kinds := func(y int) map[Date]SpecialDay {
		out := map[Date]SpecialDay{}
		for _, d := range cal.Year(y) {
			out[d.Date] = d
		}
		return out
	}
	y2026, y2027 := kinds(2026), kinds(2027)
	tests := []struct {
		day     SpecialDay
		want    string
		wantRef bool
	}{
		{y2026[NewDate(2026, 2, 17)], SourceOfficial, true},   // Tết 2026: the decision
		{y2026[NewDate(2026, 1, 1)], SourceStatutory, false},  // fixed by the Code
		{y2027[NewDate(2027, 2, 6)], SourceProjected, false},  // Tết 2027: no decision yet
		{y2027[NewDate(2027, 9, 2)], SourceProjected, false},  // Quốc khánh 2027
		{y2027[NewDate(2027, 4, 30)], SourceStatutory, false}, // fixed by the Code
		{y2027[NewDate(2027, 3, 8)], SourceOverride, false},
	}
	for _, tt := range tests {
		if tt.day.Date.IsZero() {
			t.Fatalf("missing day for %s", tt.want)
		}
		if got := tt.day.SourceKind(); got != tt.want || (tt.day.Reference() != "") != tt.wantRef {
			t.Errorf("%s %s: kind %s reference %q, want %s", tt.day.Date, tt.day.Name, got, tt.day.Reference(), tt.want)
		}
	}
}

func TestRecurringHoliday(t *testing.T) {
	culture := RecurringHoliday{Month: time.November, Day: 24, Name: "Ngày Văn hóa Việt Nam", FromYear: 2027}
	cal := NewWorkCalendarWith(nil, []RecurringHoliday{culture})
	if d := NewDate(2026, 11, 24); !cal.IsWorkday(d) {
		t.Errorf("%s is off before the holiday's first year", d)
	}
	for y := 2027; y <= 2040; y++ {
		d := NewDate(y, 11, 24)
		sp, ok := cal.Special(d)
		if !ok || sp.Kind != DayOff || sp.SourceKind() != SourceStatutory || cal.IsWorkday(d) {
			t.Fatalf("%s: %+v %v", d, sp, ok)
		}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			next := NewDate(y, 11, 26)
			if wd == time.Sunday {
				next = NewDate(y, 11, 25)
			}
			if c, ok := cal.Special(next); !ok || c.Name != holidayCompPrefix+culture.Name || cal.IsWorkday(next) {
				t.Errorf("%s falls on a %s: want %s off in compensation, got %+v", d, wd, next, c)
			}
		}
	}
	// The working days of a year drop by exactly one where it falls on a weekday.
	plain := NewWorkCalendar(nil)
	if a, b := plain.WorkdaysBetween(NewDate(2027, 1, 1), NewDate(2027, 12, 31)), cal.WorkdaysBetween(NewDate(2027, 1, 1), NewDate(2027, 12, 31)); a-b != 1 {
		t.Errorf("2027 workdays %d → %d", a, b)
	}
	for _, bad := range []RecurringHoliday{{Month: 2, Day: 29, Name: "x", FromYear: 2027}, {Month: 13, Day: 1, Name: "x", FromYear: 2027},
		{Month: 11, Day: 24, FromYear: 2027}, {Month: 11, Day: 24, Name: "x"}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
