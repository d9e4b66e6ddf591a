package roster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// planSpan is a half-open interval [s, e) of Unix seconds.
type planSpan struct{ s, e int64 }

// planSpans is a sorted set of disjoint, non-touching spans.
type planSpans []planSpan

// first returns the index of the first span ending after t.
func (v planSpans) first(t int64) int {
	lo, hi := 0, len(v)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if v[m].e > t {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// overlaps reports whether [s, e) shares an instant with the set.
func (v planSpans) overlaps(s, e int64) bool {
	i := v.first(s)
	return i < len(v) && v[i].s < e
}

// gap returns the time from the set's last instant before s to s, and from
// e to its first instant after e (math.MaxInt64 when there is none). [s, e)
// must not overlap the set.
func (v planSpans) gap(s, e int64) (before, after int64) {
	before, after = math.MaxInt64, math.MaxInt64
	i := v.first(s)
	if i > 0 {
		before = s - v[i-1].e
	}
	if i < len(v) {
		after = v[i].s - e
	}
	return before, after
}

// add merges [s, e) into the set.
func (v *planSpans) add(s, e int64) {
	if e <= s {
		return
	}
	w := *v
	i := w.first(s - 1) // first span ending at or after s: touching spans merge
	j := i
	for j < len(w) && w[j].s <= e {
		s, e = min(s, w[j].s), max(e, w[j].e)
		j++
	}
	if i == j {
		*v = slices.Insert(w, i, planSpan{s, e})
		return
	}
	w[i] = planSpan{s, e}
	*v = slices.Delete(w, i+1, j)
}

// planDayRange is an inclusive range of day indexes of the plan.
type planDayRange struct{ a, b int }

// planOfficer is the planner's state for one active candidate.
type planOfficer struct {
	o          *Officer
	order      int32
	limit      int32
	carry      float64
	load       float64 // carry + weight + leave adjustments (see sweep and key)
	count      float64 // the same with every duty weighing 1
	weight     float64 // weight of the duties kept or added (see planner.weigh)
	unpop      float64 // unpopular duties + leave adjustments
	last       int64   // start of the latest duty at the planned sites
	duties     int32
	backups    int32
	unpopN     int32
	inPool     bool
	onLeave    bool
	limOut     bool
	leave      planSpans
	busy       planSpans // every duty held: Busy, Existing, kept, added
	blocks     []planDayRange
	months     []int32    // duties per month of the plan (Busy + Existing + Add)
	dayMask    []uint64   // days with a duty, bit i+1 for day index i (-1..nDays)
	leaves     []int32    // indexes into in.Leaves
	refs       []planRef  // blocking duties, for messages
	mix        []int32    // duties per slot and role (see mixIndex)
	safeDuties []planDuty // every duty held, by start (safe-plan rules)
	unav       planSpans  // recurring unavailability over the plan
	notPref    []bool     // per planned site: not among the preferred sites (nil: no preference)
}

// planRef points at an assignment of the input: Busy (busy) or Existing.
type planRef struct {
	busy bool
	i    int32
}

// planOcc is one slot on one day at one site.
type planOcc struct {
	site, slot int32
	day        int32
	month      int32
	start, end int64
	unpop      bool
	w          float64 // weight of one position (see planner.weigh)
	rest       bool    // needs the rest after it
	area       int32   // the site's area index (0: none)
	keptP      int32
	keptB      int32
	kept       []int32 // officers holding kept duties, for lastDuty
}

// planPool is the officers who may be picked, sorted by the planner's order.
type planPool struct {
	items    []int32
	unpopAsc bool
}

type planner struct {
	in  PlanInput
	loc *time.Location

	nDays   int
	dates   []Date // nDays+1: the range plus the day after
	workday []bool // nDays+1
	months  int
	mBase   int
	monthOf []int32 // per day

	siteByID   map[int64]int
	siteByCode map[string]int
	slotBase   []int
	occIndex   []int32 // (slotBase[site]+slot)*nDays+day → occurrence, or -1
	occs       []planOcc
	occStart   []int     // per day: first occurrence of the day; len nDays+1
	specIdx    [][]int32 // per site, per slot: index into specOK, or -1
	specOK     [][]bool  // per specialty, per officer

	offs     []planOfficer
	byID     map[int64]int32
	inactive int       // inactive candidates, for reasons
	held     [][]int32 // (site*nDays+day) → officers holding a slot of that day there
	leaveBeg [][]int32 // per day: officers whose leave block starts
	leaveEnd [][]int32 // per day: officers whose leave block ended the day before

	openW, keptW, openU, keptU []float64 // per day: positions / officers available
	openC, keptC               []float64 // the same, every position weighing 1
	mixTotal                   []int32   // duties per slot and role, all officers
	popular, unpopular         planPool

	safe planSafe

	res PlanResult
}

func newPlanner(in PlanInput) *planner {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	if in.Calendar == nil {
		in.Calendar = MondayToFriday{}
	}
	return &planner{in: in, loc: loc}
}

func (pl *planner) buildDays() {
	in := pl.in
	pl.nDays = planDaysBetween(in.From, in.To) + 1
	pl.dates = make([]Date, pl.nDays+1)
	pl.workday = make([]bool, pl.nDays+1)
	pl.monthOf = make([]int32, pl.nDays+1)
	pl.mBase = in.From.Year*12 + int(in.From.Month) - 1
	first := in.From.In(time.UTC)
	for i := range pl.dates {
		d := DateOf(first.AddDate(0, 0, i))
		pl.dates[i] = d
		pl.workday[i] = in.Calendar.IsWorkday(d)
		pl.monthOf[i] = int32(d.Year*12 + int(d.Month) - 1 - pl.mBase)
	}
	pl.months = int(pl.monthOf[pl.nDays-1]) + 1
}

// monthIndex returns the plan month of instant t, or -1 outside the plan's months.
func (pl *planner) monthIndex(t time.Time) int {
	y, m, _ := t.In(pl.loc).Date()
	i := y*12 + int(m) - 1 - pl.mBase
	if i < 0 || i >= pl.months {
		return -1
	}
	return i
}

// dayIndex returns the plan day of instant t's date (may be outside 0..nDays-1).
func (pl *planner) dayIndex(t time.Time) int {
	return planDaysBetween(pl.in.From, DateOf(t.In(pl.loc)))
}

// planDaysBetween returns the days from a to b, negative when b is before a.
// (Date.DaysUntil truncates toward zero, so it is one off for a b before a.)
func planDaysBetween(a, b Date) int { return b.JulianDay() - a.JulianDay() }

// isUnpopular reports whether a slot occurrence on day i is one nobody
// wants: a night (runs past midnight or starts from 18:00), a day off
// (weekend or holiday: only daily slots run then), or the afternoon of a
// working day before a day off (Friday afternoon).
func (pl *planner) isUnpopular(sl Slot, i int) bool {
	switch {
	case sl.End <= sl.Start || sl.Start >= 18*60:
		return true
	case !pl.workday[i]:
		return true
	case sl.Start >= 12*60 && !pl.workday[i+1]:
		return true
	}
	return false
}

func (pl *planner) buildOccurrences() {
	in := pl.in
	pl.siteByID = make(map[int64]int, len(in.Sites))
	pl.siteByCode = make(map[string]int, len(in.Sites))
	pl.slotBase = make([]int, len(in.Sites)+1)
	pl.specIdx = make([][]int32, len(in.Sites))
	specs := map[string]int32{}
	var specNames []string
	siteArea := make([]int32, len(in.Sites))
	slotRest := make([][]bool, len(in.Sites))
	for si, s := range in.Sites {
		siteArea[si] = pl.areaIndex(s.Area)
		for _, sl := range s.Slots {
			slotRest[si] = append(slotRest[si], pl.slotRest(sl))
		}
		if _, dup := pl.siteByID[s.ID]; s.ID != 0 && !dup {
			pl.siteByID[s.ID] = si
		}
		if _, dup := pl.siteByCode[strings.ToLower(s.Code)]; !dup {
			pl.siteByCode[strings.ToLower(s.Code)] = si
		}
		pl.slotBase[si+1] = pl.slotBase[si] + len(s.Slots)
		pl.specIdx[si] = make([]int32, len(s.Slots))
		for sj, sl := range s.Slots {
			pl.specIdx[si][sj] = -1
			if sl.Specialty == "" {
				continue
			}
			k, ok := specs[sl.Specialty]
			if !ok {
				k = int32(len(specNames))
				specs[sl.Specialty] = k
				specNames = append(specNames, sl.Specialty)
			}
			pl.specIdx[si][sj] = k
		}
	}
	pl.specOK = make([][]bool, len(specNames))
	for k, name := range specNames {
		ok := make([]bool, len(in.Officers))
		for i := range in.Officers {
			ok[i] = in.Officers[i].HasSpecialty(name)
		}
		pl.specOK[k] = ok
	}

	nSlots := pl.slotBase[len(in.Sites)]
	pl.occIndex = make([]int32, nSlots*pl.nDays)
	for i := range pl.occIndex {
		pl.occIndex[i] = -1
	}
	pl.occStart = make([]int, pl.nDays+1)
	for i := 0; i < pl.nDays; i++ {
		pl.occStart[i] = len(pl.occs)
		d := pl.dates[i]
		for si, s := range in.Sites {
			if !s.OpenOn(d) {
				continue
			}
			for sj, sl := range s.Slots {
				if !sl.RunsOn(d, pl.workday[i]) {
					continue
				}
				st, en := sl.Window(d, pl.loc)
				pl.occs = append(pl.occs, planOcc{
					site: int32(si), slot: int32(sj), day: int32(i), month: pl.monthOf[i],
					start: st.Unix(), end: en.Unix(), unpop: pl.isUnpopular(sl, i),
					rest: slotRest[si][sj], area: siteArea[si],
				})
			}
		}
		day := pl.occs[pl.occStart[i]:]
		slices.SortStableFunc(day, func(a, b planOcc) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.site, b.site), cmp.Compare(a.slot, b.slot))
		})
		for k := range day {
			oc := &day[k]
			pl.occIndex[(pl.slotBase[oc.site]+int(oc.slot))*pl.nDays+i] = int32(pl.occStart[i] + k)
		}
	}
	pl.occStart[pl.nDays] = len(pl.occs)
	pl.held = make([][]int32, len(in.Sites)*pl.nDays)
}

func (pl *planner) buildOfficers() {
	in := pl.in
	pl.byID = make(map[int64]int32, len(in.Officers))
	pl.mixTotal = make([]int32, 2*pl.slotBase[len(in.Sites)])
	seen := make(map[int64]bool, len(in.Officers))
	var hist []float64
	for i := range in.Officers {
		o := &in.Officers[i]
		if seen[o.ID] {
			continue
		}
		seen[o.ID] = true
		if !o.Active {
			pl.inactive++
			continue
		}
		pl.byID[o.ID] = int32(len(pl.offs))
		pl.offs = append(pl.offs, planOfficer{
			o: o, order: int32(i), limit: int32(max(o.MonthlyLimit, 0)),
			last: math.MinInt64, months: make([]int32, pl.months),
			dayMask: make([]uint64, (pl.nDays+2+63)/64),
			mix:     make([]int32, 2*pl.slotBase[len(in.Sites)]),
		})
		hist = append(hist, in.History[o.ID])
	}
	// History counts only relative to the team's median, capped.
	if len(hist) > 0 {
		sorted := slices.Clone(hist)
		slices.Sort(sorted)
		mid := len(sorted) / 2
		median := sorted[mid]
		if len(sorted)%2 == 0 {
			median = (sorted[mid-1] + sorted[mid]) / 2
		}
		capH := in.HistoryCap
		if capH == 0 {
			capH = DefaultHistoryCap
		}
		for k := range pl.offs {
			c := hist[k] - median
			if math.Abs(c) < planEps {
				c = 0
			}
			if capH > 0 {
				c = max(-capH, min(capH, c))
			}
			pl.offs[k].carry = c
		}
	}
	// Leaves: exact spans for the hard rule, whole days for entitlement.
	pl.leaveBeg = make([][]int32, pl.nDays+1)
	pl.leaveEnd = make([][]int32, pl.nDays+1)
	for i, l := range in.Leaves {
		k, ok := pl.byID[l.OfficerID]
		if !ok || l.To.Before(l.From) {
			continue
		}
		s, e := l.Span(pl.loc)
		pl.offs[k].leave.add(s.Unix(), e.Unix())
		pl.offs[k].leaves = append(pl.offs[k].leaves, int32(i))
	}
	for k := range pl.offs {
		st := &pl.offs[k]
		for _, sp := range st.leave {
			a := pl.dayIndex(time.Unix(sp.s, 0))
			b := pl.dayIndex(time.Unix(sp.e-1, 0))
			a, b = max(a, 0), min(b, pl.nDays-1)
			if a > b {
				continue
			}
			st.blocks = append(st.blocks, planDayRange{a, b})
			pl.leaveBeg[a] = append(pl.leaveBeg[a], int32(k))
			pl.leaveEnd[b+1] = append(pl.leaveEnd[b+1], int32(k))
		}
	}
}

// siteOf returns the planned site of a, or -1.
func (pl *planner) siteOf(a *Assignment) int {
	if a.SiteID != 0 {
		if si, ok := pl.siteByID[a.SiteID]; ok {
			return si
		}
	}
	if si, ok := pl.siteByCode[strings.ToLower(a.SiteCode)]; ok && a.SiteCode != "" {
		return si
	}
	return -1
}

// hold records that officer k holds a duty [start, end), described by d:
// clashes, month count, days with a duty and the safe-plan rules.
func (pl *planner) hold(k int32, start, end time.Time, d planDuty) {
	st := &pl.offs[k]
	st.busy.add(start.Unix(), end.Unix())
	pl.addDuty(k, d)
	if m := pl.monthIndex(start); m >= 0 {
		st.months[m]++
	}
	if d := pl.dayIndex(start); d >= -1 && d <= pl.nDays {
		st.dayMask[(d+1)>>6] |= 1 << uint((d+1)&63)
	}
}

func (pl *planner) hasDay(st *planOfficer, d int) bool {
	return st.dayMask[(d+1)>>6]&(1<<uint((d+1)&63)) != 0
}

// loadBlocking records Busy duties and the Existing duties the planner does
// not decide on (outside the range, ad-hoc, or at sites not planned).
func (pl *planner) loadBlocking() {
	in := pl.in
	for i := range in.Busy {
		a := &in.Busy[i]
		k, ok := pl.byID[a.OfficerID]
		if !ok || a.Status == Cancelled || !a.End.After(a.Start) {
			continue
		}
		pl.hold(k, a.Start, a.End, pl.dutyOf(a))
		pl.offs[k].refs = append(pl.offs[k].refs, planRef{busy: true, i: int32(i)})
	}
	for i := range in.Existing {
		a := &in.Existing[i]
		if a.Status == Cancelled || pl.decides(a) {
			continue
		}
		k, ok := pl.byID[a.OfficerID]
		if !ok || !a.End.After(a.Start) {
			continue
		}
		pl.hold(k, a.Start, a.End, pl.dutyOf(a))
		pl.offs[k].refs = append(pl.offs[k].refs, planRef{i: int32(i)})
		if a.Start.Before(pl.dates[0].In(pl.loc)) && pl.siteOf(a) >= 0 {
			pl.offs[k].last = max(pl.offs[k].last, a.Start.Unix())
		}
	}
}

// decides reports whether the planner keeps or cancels an existing duty: a
// slot duty at a planned site on a day of the range.
func (pl *planner) decides(a *Assignment) bool {
	if a.SlotName == "" || pl.siteOf(a) < 0 {
		return false
	}
	d := pl.dayIndex(a.Start)
	return d >= 0 && d < pl.nDays
}

// mixIndex numbers the (site, slot, role) of a duty, for planPenSlotMix.
func (pl *planner) mixIndex(oc *planOcc, role AssignmentRole) int {
	i := 2 * (pl.slotBase[oc.site] + int(oc.slot))
	if role == Backup {
		i++
	}
	return i
}

// slotOf returns the index of the slot named name at site si, or -1.
func (pl *planner) slotOf(si int, name string) int {
	for sj, sl := range pl.in.Sites[si].Slots {
		if strings.EqualFold(sl.Name, name) {
			return sj
		}
	}
	return -1
}
