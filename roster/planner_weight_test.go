package roster

import (
	"math"
	"testing"
)

// TestPlanFairByWeight: with RuleSettings.FairByWeight a 14.5-hour night
// is not a 4-hour morning: the hours on duty even out, where counting
// duties leaves those with more nights far ahead.
func TestPlanFairByWeight(t *testing.T) {
	loc := ptLoc(t)
	hoursSpread := func(fair bool) (float64, map[int64]int) {
		r := DefaultRuleSettings()
		r.FairByWeight = fair
		in := PlanInput{Sites: []Site{ptCourt(1, "TA"), {ID: 2, Code: "PHONE", Slots: []Slot{ptSlot("Đêm", "17:00", "07:30", 1, 0, Daily)}}},
			From: ptDay(2026, 3, 1), To: ptDay(2026, 5, 31), Officers: ptTeam(10), Loc: loc, Rules: &r}
		res := ptPlan(t, in)
		if len(res.Uncovered) > 0 {
			t.Fatalf("uncovered: %+v", res.Uncovered[0])
		}
		hours := map[int64]float64{}
		for _, a := range res.Add {
			hours[a.OfficerID] += a.End.Sub(a.Start).Hours()
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, h := range hours {
			lo, hi = min(lo, h), max(hi, h)
		}
		return hi - lo, ptCount(res.Add, ptIDs(in.Officers), nil)
	}
	byCount, counts := hoursSpread(false)
	byWeight, weighted := hoursSpread(true)
	t.Logf("hours spread: %.1f by count (duties %v), %.1f by weight (duties %v)", byCount, counts, byWeight, weighted)
	if byWeight > 14.5+4 {
		t.Errorf("by weight, hours spread %.1f: more than a night and a morning", byWeight)
	}
	if byWeight >= byCount {
		t.Errorf("weighting does not even out the hours: %.1f by weight, %.1f by count", byWeight, byCount)
	}
}
