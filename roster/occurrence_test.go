package roster

import (
	"slices"
	"testing"
	"time"
)

func TestColleagues(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := func(d, h int) time.Time { return time.Date(2027, 1, d, h, 30, 0, 0, loc) }
	duty := func(id, site int64, slot string, start time.Time, role AssignmentRole) Assignment {
		return Assignment{ID: id, SiteID: site, SlotName: slot, Role: role, OfficerID: id, Start: start, End: start.Add(4 * time.Hour), Status: Scheduled}
	}
	cancelled := duty(5, 1, "Sáng", at(4, 7), Backup)
	cancelled.Status = Cancelled
	as := []Assignment{
		duty(1, 1, "Sáng", at(4, 7), Primary),
		duty(2, 1, "Sáng", at(4, 7), Backup),
		duty(3, 1, "Sáng", at(5, 7), Primary), // another day
		duty(4, 2, "Sáng", at(4, 7), Primary), // another site
		cancelled,
		duty(6, 1, "Chiều", at(4, 7), Primary), // another slot at the same time
		duty(7, 1, "SÁNG", at(4, 7), Backup),   // the slot's name in other case, as Site.Slot finds it
	}
	got := Colleagues(as, as)
	ids := func(as []Assignment) []int64 {
		var out []int64
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	tests := []struct {
		id   int64
		want []int64
	}{{1, []int64{2, 7}}, {2, []int64{1, 7}}, {3, nil}, {4, nil}, {5, nil}, {6, nil}, {7, []int64{1, 2}}}
	for _, tc := range tests {
		if g := ids(got[tc.id]); !slices.Equal(g, tc.want) {
			t.Errorf("colleagues of %d: %v, want %v", tc.id, g, tc.want)
		}
	}
	if OccurrenceOf(as[0]) != OccurrenceOf(as[1]) || OccurrenceOf(as[0]) == OccurrenceOf(as[2]) {
		t.Error("OccurrenceOf does not tell occurrences apart")
	}
	if OccurrenceAt(1, "Sáng", at(4, 7)) != OccurrenceOf(as[0]) {
		t.Error("OccurrenceAt and OccurrenceOf disagree")
	}
}
