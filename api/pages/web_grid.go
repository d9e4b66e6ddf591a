package pages

import (
	"context"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webDuty is a duty with its officer, for the pages.
type webDuty struct {
	roster.Assignment
	Officer roster.Officer
}

// webCell is one slot on one day: whether the slot runs, its window, and
// the duties that fill it.
type webCell struct {
	Slot        roster.Slot
	Runs        bool
	Start, End  time.Time
	Primaries   []webDuty
	Backups     []webDuty
	MissPrimary int // primaries still needed
	MissBackup  int // backups still needed
}

// Uncovered reports whether the occurrence lacks a primary officer.
func (c webCell) Uncovered() bool { return c.Runs && c.MissPrimary > 0 }

// webDay is one day of a grid: its cells in slot order, its special-day
// status, and duties that match no slot occurrence (ad-hoc duties, or
// duties planned before a slot's hours changed).
type webDay struct {
	Date    roster.Date
	Workday bool
	Special *roster.SpecialDay
	Open    bool // the site is valid that day
	Cells   []webCell
	Other   []webDuty
}

// Weekend reports whether the day is a Saturday or Sunday.
func (d webDay) Weekend() bool {
	wd := d.Date.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// Runs reports whether any slot runs that day.
func (d webDay) Runs() bool {
	for _, c := range d.Cells {
		if c.Runs {
			return true
		}
	}
	return false
}

// DayOff reports whether the day is a holiday or a swapped day off.
func (d webDay) DayOff() bool { return d.Special != nil && d.Special.Kind == roster.DayOff }

// webGrid lays the duties of a site over the slot occurrences of the days
// from..to (inclusive): every occurrence the slots' rules and the
// working-day calendar produce, with the duties whose slot and start match
// it. It is pure: the caller loads duties and officers.
func webGrid(site roster.Site, cal *roster.WorkCalendar, from, to roster.Date, loc *time.Location,
	duties []roster.Assignment, officers map[int64]roster.Officer) []webDay {
	cellOf := map[roster.SlotOccurrence]*webCell{}
	dayIndex := map[roster.Date]int{}
	var days []webDay
	for d := from; !d.After(to); d = d.AddDays(1) {
		wd := webDay{Date: d, Workday: cal.IsWorkday(d), Open: site.OpenOn(d)}
		if sp, ok := cal.Special(d); ok {
			wd.Special = &sp
		}
		wd.Cells = make([]webCell, len(site.Slots))
		for i, sl := range site.Slots {
			cell := webCell{Slot: sl, Runs: wd.Open && sl.RunsOn(d, wd.Workday)}
			cell.Start, cell.End = sl.Window(d, loc)
			if cell.Runs {
				cell.MissPrimary, cell.MissBackup = sl.Officers, sl.Backups
			}
			wd.Cells[i] = cell
		}
		dayIndex[d] = len(days)
		days = append(days, wd)
	}
	for i := range days {
		for j := range days[i].Cells {
			c := &days[i].Cells[j]
			if c.Runs {
				cellOf[roster.OccurrenceAt(site.ID, c.Slot.Name, c.Start)] = c
			}
		}
	}
	for _, a := range duties {
		if a.Status != roster.Scheduled {
			continue
		}
		d := webDuty{Assignment: a, Officer: officers[a.OfficerID]}
		if c, ok := cellOf[roster.OccurrenceOf(a)]; ok && a.SlotName != "" {
			if a.Role == roster.Backup {
				c.Backups = append(c.Backups, d)
				c.MissBackup = max(0, c.MissBackup-1)
			} else {
				c.Primaries = append(c.Primaries, d)
				c.MissPrimary = max(0, c.MissPrimary-1)
			}
			continue
		}
		if i, ok := dayIndex[roster.DateOf(a.Start.In(loc))]; ok {
			days[i].Other = append(days[i].Other, d)
		}
	}
	return days
}

// webOfficersByID loads every officer (the Center has tens, not thousands).
func (s *Server) webOfficersByID(ctx context.Context) (map[int64]roster.Officer, []roster.Officer, error) {
	return s.store.OfficersIndexed(ctx, store.OfficerFilter{})
}

// webSiteGrid loads the duties of a site for from..to and lays them out.
func (s *Server) webSiteGrid(ctx context.Context, site roster.Site, from, to roster.Date) ([]webDay, map[int64]roster.Officer, error) {
	cal, err := s.store.WorkCalendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	officers, _, err := s.webOfficersByID(ctx)
	if err != nil {
		return nil, nil, err
	}
	loc := s.cfg.Loc
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID, From: from.In(loc), To: to.AddDays(1).In(loc)})
	if err != nil {
		return nil, nil, err
	}
	return webGrid(site, cal, from, to, loc, duties, officers), officers, nil
}

// webMonday returns the Monday of d's week.
func webMonday(d roster.Date) roster.Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}
