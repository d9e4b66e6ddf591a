package roster

import (
	"strings"
	"time"
)

// SlotOccurrence names one occurrence of a slot: the slot of a site that
// starts at an instant (Unix seconds). Duties of the same occurrence are
// colleagues (a primary and its backups); coverage counts them against the
// slot's needs; reminders and feeds name the others. Duties booked outside
// any slot have Slot "" and group by site and start. Slot names match
// regardless of case, as Site.Slot finds them.
type SlotOccurrence struct {
	SiteID int64
	Slot   string // the slot's name in lower case
	Start  int64
}

// OccurrenceAt returns the occurrence of slot at site that starts at start.
func OccurrenceAt(siteID int64, slot string, start time.Time) SlotOccurrence {
	return SlotOccurrence{SiteID: siteID, Slot: strings.ToLower(slot), Start: start.Unix()}
}

// OccurrenceOf returns the slot occurrence duty a belongs to.
func OccurrenceOf(a Assignment) SlotOccurrence {
	return OccurrenceAt(a.SiteID, a.SlotName, a.Start)
}

// GroupByOccurrence groups the scheduled duties of as by slot occurrence.
func GroupByOccurrence(as []Assignment) map[SlotOccurrence][]Assignment {
	out := map[SlotOccurrence][]Assignment{}
	for _, a := range as {
		if a.Status != Cancelled {
			k := OccurrenceOf(a)
			out[k] = append(out[k], a)
		}
	}
	return out
}

// Colleagues returns, for each scheduled duty of as, the other scheduled
// duties of candidates in the same slot occurrence (candidates may include
// as; a duty is never its own colleague).
func Colleagues(as, candidates []Assignment) map[int64][]Assignment {
	groups := GroupByOccurrence(candidates)
	out := map[int64][]Assignment{}
	for _, a := range as {
		if a.Status == Cancelled {
			continue
		}
		for _, c := range groups[OccurrenceOf(a)] {
			if c.ID != a.ID {
				out[a.ID] = append(out[a.ID], c)
			}
		}
	}
	return out
}
