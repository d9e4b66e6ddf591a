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

// TestPlanFairByWeightNightsAndMornings: a team shares a phone line's
// 14.5-hour nights and a court's 4-hour mornings. Weighing hours (no extra
// for unpopular duties, so that weight is hours), everyone ends with hours
// on duty within one mean duty (about 10 h) plus the longest duty (a night,
// 14.5 h) of each other, the planner's bound: it balances the weight to
// within one mean duty, and the plan's last nights go to the least loaded,
// who cannot be caught up after the range. Most teams end within one night.
// The nights still rotate.
func TestPlanFairByWeightNightsAndMornings(t *testing.T) {
	loc := ptLoc(t)
	court := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	phone := Site{ID: 2, Code: "PHONE", Slots: []Slot{ptSlot("Đêm", "17:00", "07:30", 1, 0, Daily)}}
	tests := []struct {
		name     string
		officers int
		from, to Date
	}{
		{"6 officers, a quarter", 6, ptDay(2026, 1, 1), ptDay(2026, 3, 31)},
		{"8 officers, a quarter", 8, ptDay(2026, 4, 1), ptDay(2026, 6, 30)},
		{"10 officers, a quarter", 10, ptDay(2026, 3, 1), ptDay(2026, 5, 31)},
		{"12 officers, half a year", 12, ptDay(2026, 1, 1), ptDay(2026, 6, 30)},
		{"15 officers, a year", 15, ptDay(2026, 1, 1), ptDay(2026, 12, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := DefaultRuleSettings()
			r.FairByWeight, r.UnpopularPercent = true, 0
			in := PlanInput{Sites: []Site{court, phone}, From: tc.from, To: tc.to, Officers: ptTeam(tc.officers), Loc: loc, Rules: &r}
			res := ptPlan(t, in)
			if len(res.Uncovered) > 0 {
				t.Fatalf("%d uncovered, first %+v", len(res.Uncovered), res.Uncovered[0])
			}
			if v := ptViolations(in, res); len(v) > 0 {
				t.Fatalf("%d violations, first %s", len(v), v[0])
			}
			hours := map[int64]float64{}
			var total, longest float64
			for _, a := range res.Add {
				h := a.End.Sub(a.Start).Hours()
				hours[a.OfficerID] += h
				total += h
				longest = max(longest, h)
			}
			mean := total / float64(len(res.Add))
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, id := range ptIDs(in.Officers) {
				lo, hi = min(lo, hours[id]), max(hi, hours[id])
			}
			nights := ptCount(res.Add, ptIDs(in.Officers), func(a Assignment) bool { return a.SlotName == "Đêm" })
			t.Logf("hours %.1f–%.1f (mean duty %.1f h), nights %v", lo, hi, mean, nights)
			if hi-lo > mean+longest+planEps {
				t.Errorf("hours spread %.1f, more than a mean duty (%.1f h) and the longest (%.1f h)", hi-lo, mean, longest)
			}
			if s := ptSpread(nights); s > 2 {
				t.Errorf("nights spread %d: %v", s, nights)
			}
		})
	}
}
