package roster

import (
	"cmp"
	"slices"
	"time"
)

// MaxDutyLength is the longest a duty may last, from its start to its end
// (MayHold refuses longer ones). Slots last at most a day and outreach
// sessions a week; the bound lets the store look for the duties on at an
// instant, or overlapping a window, among those that started at most this
// long before it, so the cost of a lookup does not grow with the history.
const MaxDutyLength = 7 * 24 * time.Hour

// OnDutyAt returns the duties of as that are on at instant t: scheduled,
// started at or before t and ending after it; primaries first, then by
// start, site and id. It is the one answer to "who is on duty now", used
// by the duty lookup, the board and reminders alike. as is not changed.
func OnDutyAt(as []Assignment, t time.Time) []Assignment {
	var out []Assignment
	for _, a := range as {
		if a.Status != Cancelled && !a.Start.After(t) && a.End.After(t) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y Assignment) int {
		return cmp.Or(cmp.Compare(roleRank(x.Role), roleRank(y.Role)), x.Start.Compare(y.Start),
			cmp.Compare(x.SiteID, y.SiteID), cmp.Compare(x.ID, y.ID))
	})
	return out
}

// roleRank orders primaries before backups.
func roleRank(r AssignmentRole) int {
	if r == Backup {
		return 1
	}
	return 0
}
