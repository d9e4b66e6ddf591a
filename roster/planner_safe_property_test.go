package roster

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// An independent checker of the safe-plan rules, written from the rules'
// text (DefaultRuleSettings), not from the planner's or MayHold's code: it
// works on a grid of quarter hours and looks at every window.

const spQuarter = 15 * time.Minute

// spDuty is a duty as the checker sees it.
type spDuty struct {
	a     Assignment
	area  string
	added bool
}

// spCheck returns every broken rule, in words, that involves an added duty.
func spCheck(in PlanInput, res PlanResult) []string {
	loc := in.Loc
	areaOf := map[string]string{}
	for _, s := range in.Sites {
		areaOf[s.Code] = s.Area
	}
	byOfficer := map[int64][]spDuty{}
	add := func(a Assignment, added bool) {
		if a.Status == Cancelled {
			return
		}
		area := a.Area
		if x, ok := areaOf[a.SiteCode]; ok {
			area = x
		}
		byOfficer[a.OfficerID] = append(byOfficer[a.OfficerID], spDuty{a, area, added})
	}
	for _, a := range in.Busy {
		add(a, false)
	}
	for _, a := range res.Keep {
		add(a, false)
	}
	for _, a := range res.Add {
		add(a, true)
	}
	officers := map[int64]Officer{}
	for _, o := range in.Officers {
		officers[o.ID] = o
	}
	var bad []string
	report := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	origin := in.From.AddDays(-9).In(loc)
	end := in.To.AddDays(10).In(loc)
	cells := int(end.Sub(origin) / spQuarter)
	for id, ds := range byOfficer {
		o := officers[id]
		slices.SortFunc(ds, func(x, y spDuty) int { return x.a.Start.Compare(y.a.Start) })
		// Availability, quarter by quarter.
		for _, d := range ds {
			if !d.added {
				continue
			}
			for t := d.a.Start; t.Before(d.a.End); t = t.Add(spQuarter) {
				lt := t.In(loc)
				for _, u := range o.Unavailability {
					if spUnavailableAt(u, lt) {
						report("officer %d unavailable (%s) at %s", id, u, lt)
					}
				}
			}
		}
		// Pairs: rest, area, travel.
		for i := range ds {
			for j := range ds {
				x, y := ds[i], ds[j]
				if i == j || !(x.added || y.added) || x.a.End.After(y.a.Start) {
					continue
				}
				gap := y.a.Start.Sub(x.a.End)
				xs, xe := x.a.Start.In(loc), x.a.End.In(loc)
				night := xe.YearDay() != xs.YearDay() || xe.Hour() >= 22
				if (night || x.a.End.Sub(x.a.Start) >= 8*time.Hour) && gap < 12*time.Hour {
					report("officer %d rests %s after %s–%s before %s", id, gap, xs, xe, y.a.Start.In(loc))
				}
				ys := y.a.Start.In(loc)
				if x.area != "" && y.area != "" && x.area != y.area && xs.YearDay() == ys.YearDay() && xs.Year() == ys.Year() {
					report("officer %d in areas %s and %s on %s", id, x.area, y.area, xs.Format("2006-01-02"))
				}
				if x.a.SiteCode != y.a.SiteCode && x.area != "" && y.area != "" && x.area != y.area && gap < time.Hour {
					report("officer %d travels from %s to %s in %s", id, x.a.SiteCode, y.a.SiteCode, gap)
				}
			}
		}
		// The grid of quarters on duty, and which involve an added duty.
		on := make([]bool, cells)
		mine := make([]bool, cells)
		for _, d := range ds {
			for c := int(d.a.Start.Sub(origin) / spQuarter); c < int(d.a.End.Sub(origin)/spQuarter); c++ {
				if c >= 0 && c < cells {
					on[c] = true
					mine[c] = mine[c] || d.added
				}
			}
		}
		// Length: every 24 hours' window holds at most 16 hours on duty.
		const day, week = 96, 7 * 96
		onPre, minePre := make([]int, cells+1), make([]int, cells+1)
		var runs [][2]int // maximal free runs of quarters, [a, b)
		for c := range cells {
			onPre[c+1], minePre[c+1] = onPre[c], minePre[c]
			if on[c] {
				onPre[c+1]++
			} else if len(runs) > 0 && runs[len(runs)-1][1] == c {
				runs[len(runs)-1][1] = c + 1
			} else {
				runs = append(runs, [2]int{c, c + 1})
			}
			if mine[c] {
				minePre[c+1]++
			}
		}
		for t := 0; t+day <= cells; t++ {
			if n := onPre[t+day] - onPre[t]; n > 64 && minePre[t+day] > minePre[t] {
				report("officer %d on duty %d quarters in the 24 hours from %s", id, n, origin.Add(time.Duration(t)*spQuarter))
				break
			}
		}
		// Weekly rest: every window of 7 days holds 24 hours in a row free.
		for t := 0; t+week <= cells; t++ {
			if minePre[t+week] == minePre[t] {
				continue
			}
			best := 0
			for _, run := range runs {
				if run[0] < t+week && run[1] > t {
					best = max(best, min(run[1], t+week)-max(run[0], t))
				}
			}
			if best < day {
				report("officer %d has no 24 hours off in the 7 days from %s (longest %d quarters)", id, origin.Add(time.Duration(t)*spQuarter), best)
				break
			}
		}
	}
	for _, u := range res.Uncovered {
		if u.Rule == "" {
			report("uncovered %s %s %s without a rule", u.Site, u.Slot, u.Date)
		}
	}
	return bad
}

// spUnavailableAt reports whether local instant t falls in u.
func spUnavailableAt(u Unavailability, t time.Time) bool {
	m := Clock(t.Hour()*60 + t.Minute())
	if !u.HasTimes {
		return slices.Contains(u.Weekdays, t.Weekday())
	}
	if u.Start < u.End {
		return slices.Contains(u.Weekdays, t.Weekday()) && m >= u.Start && m < u.End
	}
	yesterday := t.AddDate(0, 0, -1).Weekday()
	return (slices.Contains(u.Weekdays, t.Weekday()) && m >= u.Start) || (slices.Contains(u.Weekdays, yesterday) && m < u.End)
}

// spRandomInput is a random team over sites in two areas: courts with
// morning and afternoon, a 24/7 phone line with a backup, leave,
// unavailability, preferred sites, monthly limits and outreach duties.
func spRandomInput(r *rand.Rand, loc *time.Location) PlanInput {
	areas := []string{"Hải Phòng", "Hải Dương"}
	from := ptDay(2026, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	in := PlanInput{From: from, To: from.AddDays(13 + r.IntN(30)), Loc: loc}
	nCourts := 1 + r.IntN(4)
	for i := range nCourts {
		s := ptCourt(int64(i+1), fmt.Sprintf("C%d", i+1))
		s.Area = areas[i%2]
		in.Sites = append(in.Sites, s)
	}
	phone := ptPhoneLine(int64(nCourts+1), "PHONE")
	phone.Area = areas[r.IntN(2)]
	in.Sites = append(in.Sites, phone)
	in.Officers = ptTeam(10 + r.IntN(25))
	for i := range in.Officers {
		o := &in.Officers[i]
		if r.IntN(5) == 0 {
			u := Unavailability{Weekdays: []time.Weekday{time.Weekday(r.IntN(7))}}
			if r.IntN(2) == 0 {
				u.HasTimes, u.Start, u.End = true, Clock(r.IntN(96)*15), Clock(r.IntN(96)*15)
			}
			o.Unavailability = []Unavailability{u}
		}
		if r.IntN(6) == 0 {
			o.PreferredSites = []string{in.Sites[r.IntN(len(in.Sites))].Code}
		}
		if r.IntN(8) == 0 {
			o.MonthlyLimit = 3 + r.IntN(6)
		}
		if r.IntN(6) == 0 {
			l := in.From.AddDays(r.IntN(20))
			in.Leaves = append(in.Leaves, Leave{ID: int64(len(in.Leaves) + 1), OfficerID: o.ID, From: l, To: l.AddDays(r.IntN(7))})
		}
		if r.IntN(5) == 0 {
			day := in.From.AddDays(r.IntN(14))
			start := ptAt(loc, day, "08:00")
			in.Busy = append(in.Busy, Assignment{ID: int64(100 + len(in.Busy)), SiteCode: "OUTREACH", Area: areas[r.IntN(2)],
				OfficerID: o.ID, Start: start, End: start.Add(4 * time.Hour), Status: Scheduled})
		}
	}
	return in
}

func TestPlanPropertySafeRules(t *testing.T) {
	loc := ptLoc(t)
	r := rand.New(rand.NewPCG(11, 12))
	uncovered := map[string]int{}
	for i := range 60 {
		in := spRandomInput(r, loc)
		res := ptPlan(t, in)
		if bad := spCheck(in, res); len(bad) > 0 {
			t.Fatalf("case %d: %d broken rules, first: %s", i, len(bad), bad[0])
		}
		for _, u := range res.Uncovered {
			uncovered[u.Rule] += u.Missing
		}
		// Every added duty passes MayHold against all the officer's others.
		for _, a := range res.Add {
			var others []Assignment
			for _, b := range slices.Concat(in.Busy, res.Keep, res.Add) {
				if b.OfficerID == a.OfficerID && !(b.Start.Equal(a.Start) && b.SiteCode == a.SiteCode) {
					others = append(others, b)
				}
			}
			site := in.Sites[slices.IndexFunc(in.Sites, func(s Site) bool { return s.Code == a.SiteCode })]
			o := in.Officers[slices.IndexFunc(in.Officers, func(o Officer) bool { return o.ID == a.OfficerID })]
			a.Area = site.Area
			var leaves []Leave
			for _, l := range in.Leaves {
				if l.OfficerID == o.ID {
					leaves = append(leaves, l)
				}
			}
			if err := MayHold(a, CandidateState{Officer: o, Site: site, Leaves: leaves, Duties: others, Loc: loc}, HoldRules{}); err != nil {
				t.Fatalf("case %d: planned %s %s %s for %d, which MayHold refuses: %v", i, a.SiteCode, a.SlotName, a.Start, a.OfficerID, err)
			}
		}
	}
	t.Logf("positions left uncovered, by rule: %v", uncovered)
}

// TestSafeCheckerCatchesBreaks makes sure the checker is not blind: plans
// that break each rule are reported.
func TestSafeCheckerCatchesBreaks(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	hp := ptPhoneLine(1, "HP")
	hp.Area = "Hải Phòng"
	hd := ptCourt(2, "HD")
	hd.Area = "Hải Dương"
	in := PlanInput{Sites: []Site{hp, hd}, From: mon, To: mon.AddDays(13), Loc: loc, Officers: ptTeam(1)}
	in.Officers[0].Unavailability = []Unavailability{{Weekdays: []time.Weekday{time.Friday}}}
	d := func(s Site, slot string, day Date) Assignment { return ptDuty(t, loc, s, slot, day, Primary, 1, 0) }
	cases := map[string][]Assignment{
		"rests":        {d(hp, "Đêm", mon), d(hd, "Chiều", mon.AddDays(1))},
		"areas":        {d(hd, "Sáng", mon), d(hp, "Đêm", mon)},
		"travels":      {d(hp, "Đêm", mon), d(hd, "Sáng", mon.AddDays(1))},
		"quarters":     {d(hp, "Ngày", mon), d(hp, "Đêm", mon)},
		"no 24 hours":  {d(hd, "Sáng", mon), d(hd, "Sáng", mon.AddDays(1)), d(hd, "Sáng", mon.AddDays(2)), d(hd, "Sáng", mon.AddDays(3)), d(hd, "Sáng", mon.AddDays(4)), d(hd, "Sáng", mon.AddDays(5))},
		"unavailable":  {d(hd, "Sáng", mon.AddDays(4))},
		"on time, far": {d(hd, "Sáng", mon), d(hd, "Sáng", mon.AddDays(2))},
	}
	for want, add := range cases {
		bad := spCheck(in, PlanResult{Add: add})
		if want == "on time, far" {
			if len(bad) > 0 {
				t.Errorf("a valid plan is reported: %v", bad)
			}
			continue
		}
		if !slices.ContainsFunc(bad, func(s string) bool { return containsWord(s, want) }) {
			t.Errorf("%s: not reported, got %v", want, bad)
		}
	}
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w {
			return true
		}
	}
	return false
}
