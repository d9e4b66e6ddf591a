package roster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

// ---- properties ------------------------------------------------------------

var ptSpecialties = []string{"criminal", "civil", "land"}

// ptRandomSlot makes a slot of a random shape: short, half-day, day, night,
// 24 hours; workdays or daily; sometimes with backups or a specialty.
func ptRandomSlot(r *rand.Rand, name string, specialty bool) Slot {
	start := Clock(r.IntN(96) * 15)
	durs := []int{120, 210, 240, 570, 870, 1440}
	dur := durs[r.IntN(len(durs))]
	s := Slot{Name: name, Start: start, End: (start + Clock(dur)) % 1440, Officers: 1 + r.IntN(2), Days: Workdays}
	if r.IntN(3) == 0 {
		s.Days = Daily
	}
	if r.IntN(3) == 0 {
		s.Backups = 1
	}
	if r.IntN(8) == 0 {
		s.Officers = 0
		s.Backups = 1
	}
	if specialty && r.IntN(5) == 0 {
		s.Specialty = ptSpecialties[r.IntN(len(ptSpecialties))]
	}
	return s
}

type ptGenOptions struct {
	fair bool // only the rules under which the fairness bound can hold
}

// ptRandomInput makes a planning problem with random team, slots, leaves,
// busy duties, calendar and range; with existing duties from an earlier
// ptPlan of a perturbed problem plus some junk.
func ptRandomInput(r *rand.Rand, loc *time.Location, opt ptGenOptions) PlanInput {
	in := PlanInput{Loc: loc}
	in.From = ptDay(2026, 1, 1).AddDays(r.IntN(330))
	in.To = in.From.AddDays(r.IntN(62))
	if r.IntN(10) == 0 {
		in.To = in.From
	}
	cal := ptCalendar{off: map[Date]bool{}, on: map[Date]bool{}}
	for range r.IntN(4) {
		cal.off[in.From.AddDays(r.IntN(70))] = true
	}
	for range r.IntN(2) {
		day := in.From.AddDays(r.IntN(70))
		for day.Weekday() != time.Saturday {
			day = day.AddDays(1)
		}
		cal.on[day] = true
	}
	in.Calendar = cal

	nSites := 1 + r.IntN(3)
	if opt.fair {
		nSites = 1
	}
	for s := range nSites {
		site := Site{ID: int64(s + 1), Code: fmt.Sprintf("S%d", s+1)}
		for k := range 1 + r.IntN(3) {
			site.Slots = append(site.Slots, ptRandomSlot(r, fmt.Sprintf("slot%d", k), !opt.fair))
		}
		if !opt.fair && r.IntN(5) == 0 {
			v := in.From.AddDays(r.IntN(20))
			site.ValidFrom = &v
		}
		if !opt.fair && r.IntN(5) == 0 {
			v := in.From.AddDays(r.IntN(40))
			site.ValidTo = &v
		}
		in.Sites = append(in.Sites, site)
	}
	positions := 0
	for _, s := range in.Sites {
		for _, sl := range s.Slots {
			positions += sl.Officers + sl.Backups
		}
	}

	n := 2 + r.IntN(14)
	if opt.fair {
		n = positions + 1 + r.IntN(2*positions+10)
	}
	in.Officers = ptTeam(n)
	r.Shuffle(len(in.Officers), func(i, j int) { in.Officers[i], in.Officers[j] = in.Officers[j], in.Officers[i] })
	for i := range in.Officers {
		o := &in.Officers[i]
		if opt.fair {
			continue
		}
		for _, sp := range ptSpecialties {
			if r.IntN(2) == 0 {
				o.Specialties = append(o.Specialties, sp)
			}
		}
		if r.IntN(10) == 0 {
			o.Active = false
		}
		if r.IntN(5) == 0 {
			o.MonthlyLimit = 1 + r.IntN(8)
		}
	}
	if !opt.fair && r.IntN(2) == 0 {
		in.History = map[int64]float64{}
		for _, o := range in.Officers {
			in.History[o.ID] = float64(r.IntN(6))
		}
	}
	monthStart := NewDate(in.From.Year, in.From.Month, 1)
	monthEnd := NewDate(in.To.Year, in.To.Month+1, 0)
	span := planDaysBetween(monthStart, monthEnd) + 1
	for _, o := range in.Officers {
		if r.IntN(3) == 0 {
			for range 1 + r.IntN(2) {
				from := in.From.AddDays(r.IntN(span) - 10)
				in.Leaves = append(in.Leaves, Leave{ID: int64(len(in.Leaves) + 1), OfficerID: o.ID, From: from, To: from.AddDays(r.IntN(12))})
			}
		}
		if opt.fair && r.IntN(2) == 0 {
			continue // busy only for some: the others stay fully available
		}
		for range r.IntN(8) {
			day := monthStart.AddDays(r.IntN(span))
			start := day.In(loc).Add(time.Duration(r.IntN(96)*15) * time.Minute)
			in.Busy = append(in.Busy, Assignment{ID: int64(5000 + len(in.Busy)), SiteCode: "OUT", OfficerID: o.ID,
				Start: start, End: start.Add(time.Duration(1+r.IntN(6)) * time.Hour), Status: Scheduled})
		}
	}
	if opt.fair {
		return in
	}
	// Existing duties: an earlier plan of a perturbed problem, some junk.
	if r.IntN(2) == 0 {
		prev := in
		prev.Leaves = nil
		prev.Busy = nil
		prev.From = monthStart
		prev.To = monthEnd
		prev.Officers = slices.Clone(in.Officers)
		for i := range prev.Officers {
			prev.Officers[i].Active = true
			prev.Officers[i].MonthlyLimit = 0
			prev.Officers[i].Specialties = ptSpecialties
		}
		prev.Officers = append(prev.Officers, Officer{ID: 999, Active: true})
		in.Existing = ptWithIDs(Plan(prev).Add, 10000)
		if r.IntN(2) == 0 {
			s := &in.Sites[0].Slots[0]
			s.Start = (s.Start + 30) % 1440
		}
	}
	for range r.IntN(10) {
		site := in.Sites[r.IntN(len(in.Sites))]
		sl := site.Slots[r.IntN(len(site.Slots))]
		day := monthStart.AddDays(r.IntN(span))
		s, e := sl.Window(day, loc)
		role := Primary
		if r.IntN(3) == 0 {
			role = Backup
		}
		a := Assignment{ID: int64(20000 + r.IntN(1000)*10 + len(in.Existing)), SiteID: site.ID, SiteCode: site.Code, SlotName: sl.Name,
			Role: role, OfficerID: int64(1 + r.IntN(n+1)), Start: s, End: e, Status: Scheduled}
		switch r.IntN(6) {
		case 0:
			a.SlotName = "" // ad-hoc duty
		case 1:
			a.Status = Cancelled
		}
		in.Existing = append(in.Existing, a)
	}
	return in
}

func TestPlanPropertyHardRulesAndDeterminism(t *testing.T) {
	loc := ptLoc(t)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		in := ptRandomInput(r, loc, ptGenOptions{})
		res := Plan(in)
		if v := ptViolations(in, res); len(v) > 0 {
			t.Fatalf("case %d: %d violations:\n%s", i, len(v), strings.Join(v[:min(len(v), 8)], "\n"))
		}
		// Same input, same output; the order of leaves, busy and existing
		// duties does not matter.
		shuffled := in
		shuffled.Leaves, shuffled.Busy, shuffled.Existing = slices.Clone(in.Leaves), slices.Clone(in.Busy), slices.Clone(in.Existing)
		r.Shuffle(len(shuffled.Leaves), func(i, j int) { shuffled.Leaves[i], shuffled.Leaves[j] = shuffled.Leaves[j], shuffled.Leaves[i] })
		r.Shuffle(len(shuffled.Busy), func(i, j int) { shuffled.Busy[i], shuffled.Busy[j] = shuffled.Busy[j], shuffled.Busy[i] })
		r.Shuffle(len(shuffled.Existing), func(i, j int) {
			shuffled.Existing[i], shuffled.Existing[j] = shuffled.Existing[j], shuffled.Existing[i]
		})
		if again := Plan(shuffled); !reflect.DeepEqual(res, again) {
			t.Fatalf("case %d: result depends on input order or is not deterministic", i)
		}
		// Re-planning the result changes nothing.
		next := in
		next.Existing = ptApplied(in.Existing, res)
		again := Plan(next)
		if len(again.Add) != 0 || len(again.Cancel) != 0 {
			t.Fatalf("case %d: re-plan added %d and cancelled %d (%v)", i, len(again.Add), len(again.Cancel), again.CancelReasons)
		}
	}
}

func TestPlanPropertyFairness(t *testing.T) {
	loc := ptLoc(t)
	r := rand.New(rand.NewPCG(3, 4))
	worst := 0.0
	for i := range 300 {
		in := ptRandomInput(r, loc, ptGenOptions{fair: true})
		in.Rules = &RuleSettings{} // the bound is the balancing's; the safe-plan rules may force more (planner_safe_test.go)
		res := ptPlan(t, in)
		// Officers with no leave from the day before the range to the day
		// after (night slots reach into both) and no busy duty.
		full := map[int64]bool{}
		for _, o := range in.Officers {
			full[o.ID] = true
		}
		for _, l := range in.Leaves {
			if !l.To.Before(in.From.AddDays(-1)) && !l.From.After(in.To.AddDays(1)) {
				full[l.OfficerID] = false
			}
		}
		for _, b := range in.Busy {
			full[b.OfficerID] = false
		}
		var fullIDs []int64
		for _, o := range in.Officers {
			if full[o.ID] {
				fullIDs = append(fullIDs, o.ID)
			}
		}
		c := ptCount(slices.Concat(res.Keep, res.Add), fullIDs, nil)
		if s := ptSpread(c); s > 1 {
			t.Fatalf("case %d: fully available officers' duties spread %d: %v (slots %+v)", i, s, c, in.Sites[0].Slots)
		}
		// Everyone, on leave or not, stays near the fair share when the
		// team is large enough for a returning officer to catch up.
		positions := 0
		for _, sl := range in.Sites[0].Slots {
			positions += sl.Officers + sl.Backups
		}
		for _, l := range res.Loads {
			if len(in.Officers) >= 2*positions+2 {
				worst = max(worst, math.Abs(float64(l.Duties)+l.Carry-l.Share))
			}
		}
	}
	if worst > 1.5 {
		t.Errorf("worst distance from the fair share %.2f duties", worst)
	}
	t.Logf("worst distance from the fair share: %.2f duties", worst)
}

func TestPlanPropertyReplanAfterOneLeave(t *testing.T) {
	loc := ptLoc(t)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		in := ptRandomInput(r, loc, ptGenOptions{fair: i%2 == 0})
		first := Plan(in)
		before := 0
		for _, u := range first.Uncovered {
			before += u.Missing
		}
		in.Existing = ptApplied(in.Existing, first)
		base := Plan(in)
		in.Existing = slices.Concat(base.Keep, ptWithIDs(base.Add, 200000))
		if len(in.Existing) == 0 {
			continue
		}
		victim := in.Existing[r.IntN(len(in.Existing))]
		from := DateOf(victim.Start.In(loc)).AddDays(-r.IntN(3))
		leave := Leave{ID: 777, OfficerID: victim.OfficerID, From: from, To: from.AddDays(r.IntN(5))}
		ls, le := leave.Span(loc)
		in.Leaves = append(slices.Clone(in.Leaves), leave)
		res := Plan(in)
		if v := ptViolations(in, res); len(v) > 0 {
			t.Fatalf("case %d: %s", i, v[0])
		}
		hit := 0
		for _, a := range in.Existing {
			if a.OfficerID == leave.OfficerID && Overlaps(a.Start, a.End, ls, le) {
				hit++
			}
		}
		for _, a := range res.Cancel {
			if a.OfficerID != leave.OfficerID || !Overlaps(a.Start, a.End, ls, le) {
				t.Fatalf("case %d: cancelled a duty the leave does not touch: %+v", i, a)
			}
		}
		missing := 0
		for _, u := range base.Uncovered {
			missing += u.Missing
		}
		if len(res.Cancel) != hit || len(res.Add) > hit+missing || len(res.Keep) != len(in.Existing)-hit {
			t.Fatalf("case %d: leave hit %d; cancelled %d, added %d, kept %d of %d", i, hit, len(res.Cancel), len(res.Add), len(res.Keep), len(in.Existing))
		}
	}
}
