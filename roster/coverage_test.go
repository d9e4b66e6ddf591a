package roster

import (
	"testing"
	"time"
)

func TestGaps(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	site := Site{ID: 1, Code: "TAND-HP", Slots: []Slot{
		{Name: "Sáng", Start: 450, End: 690, Officers: 1, Days: Workdays},
		{Name: "Đêm", Start: 17 * 60, End: 450, Officers: 1, Backups: 1, Days: Daily},
	}}
	mon := NewDate(2027, 1, 4)
	s1, e1 := site.Slots[0].Window(mon, loc)
	s2, e2 := site.Slots[1].Window(mon, loc)
	as := []Assignment{
		{SiteID: 1, SlotName: "Sáng", Role: Primary, Start: s1, End: e1, Status: Scheduled},
		{SiteID: 1, SlotName: "Đêm", Role: Primary, Start: s2, End: e2, Status: Scheduled},
		{SiteID: 1, SlotName: "Đêm", Role: Backup, Start: s2, End: e2, Status: Cancelled},
	}
	got := Gaps([]Site{site}, mon, mon.AddDays(6), nil, loc, as)
	// Monday: only the night backup is missing. Tue–Fri: morning + night primary + backup (3 each).
	// Sat–Sun: night primary + backup (2 each).
	if want := 1 + 4*3 + 2*2; len(got) != want {
		t.Fatalf("%d gaps, want %d: %+v", len(got), want, got)
	}
	if got[0].Date != mon || got[0].Slot != "Đêm" || got[0].Role != Backup || got[0].Missing != 1 {
		t.Fatalf("first gap: %+v", got[0])
	}
	closed := site
	to := mon.AddDays(-1)
	closed.ValidTo = &to
	if g := Gaps([]Site{closed}, mon, mon.AddDays(6), nil, loc, nil); len(g) != 0 {
		t.Fatalf("a closed site has no gaps: %+v", g)
	}
}
