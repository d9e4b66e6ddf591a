package roster

import "time"

// Gaps lists the slot occurrences of sites from from to to (inclusive)
// that the scheduled duties in as do not fully staff: for each occurrence
// and role, how many officers are missing. Duties match an occurrence as
// OccurrenceOf says. It is what the uncovered-slots digest and the
// duty report count; the planner reports its own in PlanResult.Uncovered.
func Gaps(sites []Site, from, to Date, cal WorkdayCalendar, loc *time.Location, as []Assignment) []Uncovered {
	if cal == nil {
		cal = MondayToFriday{}
	}
	if loc == nil {
		loc = time.UTC
	}
	type key struct {
		occ  SlotOccurrence
		role AssignmentRole
	}
	held := map[key]int{}
	for _, a := range as {
		if a.Status == Scheduled {
			held[key{OccurrenceOf(a), a.Role}]++
		}
	}
	var out []Uncovered
	for d := from; !d.After(to); d = d.AddDays(1) {
		workday := cal.IsWorkday(d)
		for _, site := range sites {
			if !site.OpenOn(d) {
				continue
			}
			for _, sl := range site.Slots {
				if !sl.RunsOn(d, workday) {
					continue
				}
				start, end := sl.Window(d, loc)
				for _, need := range []struct {
					role AssignmentRole
					n    int
				}{{Primary, sl.Officers}, {Backup, sl.Backups}} {
					missing := need.n - held[key{OccurrenceAt(site.ID, sl.Name, start), need.role}]
					if missing > 0 {
						out = append(out, Uncovered{Date: d, Site: site.Code, Slot: sl.Name, Role: need.role, Missing: missing,
							Reason: "not planned", Start: start, End: end})
					}
				}
			}
		}
	}
	return out
}
