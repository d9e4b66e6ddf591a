package pages

import (
	"testing"
	"time"

	"lichtruc/roster"
)

func TestWebGrid(t *testing.T) {
	loc := testLoc
	from := roster.NewDate(2025, 4, 25)
	site := roster.Site{ID: 1, Code: "TAND-HP", ValidTo: &roster.Date{Year: 2025, Month: 5, Day: 3}, Slots: []roster.Slot{
		{Name: "Sáng", Start: 450, End: 690, Officers: 1, Backups: 1, Days: roster.Workdays},
		{Name: "Đêm", Start: 22 * 60, End: 6 * 60, Officers: 1, Days: roster.Daily},
	}}
	at := func(d, m, hh, mm int) time.Time { return time.Date(2025, time.Month(m), d, hh, mm, 0, 0, loc) }
	duty := func(id int64, slot string, role roster.AssignmentRole, start, end time.Time) roster.Assignment {
		return roster.Assignment{ID: id, SiteID: 1, SlotName: slot, Role: role, OfficerID: id, Start: start, End: end, Status: roster.Scheduled}
	}
	cancelled := duty(6, "Sáng", roster.Primary, at(28, 4, 7, 30), at(28, 4, 11, 30))
	cancelled.Status = roster.Cancelled
	duties := []roster.Assignment{
		duty(1, "Sáng", roster.Primary, at(25, 4, 7, 30), at(25, 4, 11, 30)),
		duty(2, "sáng", roster.Backup, at(26, 4, 7, 30), at(26, 4, 11, 30)), // slot names match case-insensitively
		duty(3, "Đêm", roster.Primary, at(30, 4, 22, 0), at(1, 5, 6, 0)),    // a night belongs to the day it starts
		duty(4, "", roster.Primary, at(28, 4, 18, 0), at(28, 4, 20, 0)),     // ad hoc
		duty(5, "Sáng", roster.Primary, at(29, 4, 8, 0), at(29, 4, 12, 0)),  // planned before the hours changed
		cancelled,
	}
	officers := map[int64]roster.Officer{1: {ID: 1, FullName: "An"}, 3: {ID: 3, FullName: "Châu"}}
	days := webGrid(site, roster.NewWorkCalendar(nil), from, from.AddDays(9), loc, duties, officers)
	if len(days) != 10 {
		t.Fatalf("%d days, want 10", len(days))
	}
	day := func(d int, m time.Month) webDay {
		for _, x := range days {
			if x.Date == roster.NewDate(2025, m, d) {
				return x
			}
		}
		t.Fatalf("no day %d/%d", d, m)
		return webDay{}
	}
	cases := []struct {
		d          int
		m          time.Month
		morning    bool // Sáng runs
		night      bool // Đêm runs
		dayOff     bool
		open       bool
		missMorn   int
		missBackup int
	}{
		{25, 4, true, true, false, true, 0, 1},   // Friday: An holds the morning, no backup yet
		{26, 4, true, true, false, true, 1, 0},   // Saturday made a working day (làm bù): backup only
		{27, 4, false, true, false, true, 0, 0},  // Sunday
		{28, 4, true, true, false, true, 1, 1},   // the cancelled duty does not count
		{30, 4, false, true, true, true, 0, 0},   // Ngày Chiến thắng
		{2, 5, false, true, true, true, 0, 0},    // swapped day off
		{3, 5, false, true, false, true, 0, 0},   // Saturday, last day of the site
		{4, 5, false, false, false, false, 0, 0}, // the site is closed
	}
	for _, c := range cases {
		d := day(c.d, c.m)
		m, n := d.Cells[0], d.Cells[1]
		if m.Runs != c.morning || n.Runs != c.night || d.DayOff() != c.dayOff || d.Open != c.open {
			t.Errorf("%s: morning %v night %v dayOff %v open %v, want %v %v %v %v", d.Date, m.Runs, n.Runs, d.DayOff(), d.Open, c.morning, c.night, c.dayOff, c.open)
		}
		if m.Runs && (m.MissPrimary != c.missMorn || m.MissBackup != c.missBackup) {
			t.Errorf("%s morning: missing %d primary, %d backup; want %d, %d", d.Date, m.MissPrimary, m.MissBackup, c.missMorn, c.missBackup)
		}
	}
	if p := day(25, 4).Cells[0].Primaries; len(p) != 1 || p[0].Officer.FullName != "An" {
		t.Errorf("25 Apr morning: %+v", p)
	}
	if n := day(30, 4).Cells[1]; len(n.Primaries) != 1 || n.Uncovered() || !n.End.Equal(at(1, 5, 6, 0)) {
		t.Errorf("30 Apr night: %+v", n)
	}
	if d := day(1, 5); d.Cells[1].Uncovered() != true {
		t.Error("1 May night has no officer: uncovered")
	}
	if o := day(28, 4).Other; len(o) != 1 || o[0].ID != 4 {
		t.Errorf("28 Apr other duties: %+v", o)
	}
	if o := day(29, 4).Other; len(o) != 1 || o[0].ID != 5 {
		t.Errorf("29 Apr: a duty at other hours than its slot goes to other duties: %+v", o)
	}
	if sp := day(26, 4).Special; sp == nil || sp.Kind != roster.WorkingDay {
		t.Errorf("26 Apr 2025 is a swapped working Saturday: %+v", sp)
	}
	if webMonday(roster.NewDate(2027, 1, 10)) != roster.NewDate(2027, 1, 4) || webMonday(roster.NewDate(2027, 1, 4)) != roster.NewDate(2027, 1, 4) {
		t.Error("webMonday")
	}
}
