package roster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// WorkdayCalendar tells the planner which days are working days
// (Monday–Friday minus days off, plus swapped working Saturdays).
// *WorkCalendar implements it; a nil one in PlanInput means plain
// Monday–Friday. (It cannot be named Workdays: that is the SlotDays value.)
type WorkdayCalendar interface{ IsWorkday(Date) bool }

// MondayToFriday is the WorkdayCalendar with no holidays and no swapped days: the
// planner's default when PlanInput.Calendar is nil.
type MondayToFriday struct{}

// IsWorkday reports whether d falls on Monday to Friday.
func (MondayToFriday) IsWorkday(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// DefaultHistoryCap is the most duties by which an officer's history moves
// the officer away from the team's median when PlanInput.HistoryCap is 0.
const DefaultHistoryCap = 2.0

// PlanInput is everything the planner needs to fill the slots of some sites
// over a range of days. The store gathers it; Plan does no I/O.
type PlanInput struct {
	Sites    []Site    // sites to plan (the API plans one; benchmarks many)
	From, To Date      // inclusive range
	Officers []Officer // candidates, in the manager's order; all sites share this pool
	Leaves   []Leave   // leaves of the candidates touching the range
	// Busy holds the scheduled duties of the candidates NOT at these sites
	// (other sites, outreach sessions) from the 1st of From's month to the
	// end of To's month: hard clashes, and counted for MonthlyLimit.
	Busy []Assignment
	// Existing holds the duties at these sites from the 1st of From's month
	// to the end of To's month. Slot duties inside the range are kept when
	// still valid and cancelled otherwise; duties outside the range, and
	// ad-hoc duties (no slot) anywhere, are left alone: they block and count
	// for limits and spread.
	Existing []Assignment
	// History is the number of duties each candidate held at these sites in
	// the past (the store passes the 12 months before From), to continue the
	// balance. Only the difference from the team's median counts, capped by
	// HistoryCap.
	History map[int64]float64
	// HistoryCap bounds, in duties, how far history moves an officer from
	// the team's median: 0 means DefaultHistoryCap, a negative value no cap.
	// The cap keeps a newcomer or an officer back from long leave from being
	// given months of catch-up duty.
	HistoryCap float64
	Calendar   WorkdayCalendar // nil: Monday–Friday
	Loc        *time.Location  // nil: UTC
}

// PlanResult is what Plan decides. Applying it (cancel Cancel, insert Add)
// turns the range into a roster in which every slot occurrence is filled or
// reported in Uncovered.
type PlanResult struct {
	// Keep lists the existing duties in the range that are still valid.
	Keep []Assignment
	// Add lists the new duties: ID 0, Status Scheduled, Role primary or
	// backup, SiteID, SiteCode, SlotName, Start, End and OfficerID set.
	Add []Assignment
	// Cancel lists the existing slot duties in the range that are no longer
	// valid (officer on leave, inactive, clashing, not a candidate, slot gone,
	// over limit, ...); CancelReasons[i] says why Cancel[i] goes.
	Cancel        []Assignment
	CancelReasons []string
	// Uncovered lists, one entry per slot occurrence and role, the
	// positions that could not be filled, with a reason a manager can act on.
	// No position is ever dropped silently.
	Uncovered []Uncovered
	// Loads summarises, for each active candidate in the manager's order,
	// the duties the officer holds in the range after the plan.
	Loads []OfficerLoad
}

// Uncovered is a slot occurrence the planner could not fill completely.
type Uncovered struct {
	Date       Date
	Site, Slot string // site code and slot name
	Role       AssignmentRole
	Reason     string    // e.g. "no eligible officer: 3 on leave, 2 busy, 1 over monthly limit"
	Missing    int       // officers still needed in this role
	Start, End time.Time // the occurrence's window
}

// OfficerLoad is one officer's share of a plan: what fairness is measured on.
type OfficerLoad struct {
	OfficerID int64
	Duties    int     // duties kept or added in the range, at the planned sites
	Backups   int     // of which as backup
	Unpopular int     // of which unpopular (nights, weekends and holidays, the afternoon before a day off)
	DaysOff   int     // days of the range on leave
	Carry     float64 // history's offset from the team's median, capped (see PlanInput.HistoryCap)
	// Share is the officer's fair share of the range's positions: each day's
	// positions divided equally among the candidates not on leave that day.
	// Duties+Carry-Share is near 0 for everyone in a balanced plan.
	Share float64
}

// Scoring. An officer's load is carry + duties − entitlement (see
// planner.sweep); soft penalties are added to it when choosing. They sum to
// less than one duty, so they only choose among officers whose loads are
// within one duty of each other and never break the "differ by at most one"
// bound between fully available officers.
const (
	planPenPrevDay   = 0.30 // a duty the day before
	planPenNextDay   = 0.30 // a duty the day after
	planPenSameDay   = 0.08 // another duty the same day (at another site)
	planPenShortRest = 0.10 // less than planMinRest between this and another duty
	planPenSlotMix   = 0.10 // per duty of this slot and role above the team's mean (one duty at most)
	planMinRest      = 8 * 3600
	planEps          = 1e-9
)

// Plan fills every slot occurrence of in.Sites from in.From to in.To,
// keeping the existing duties that are still valid. It is pure and
// deterministic: the same input gives the same output.
//
// Hard rules, never broken: an officer is never in two places at once, never
// on leave, always active, has the slot's specialty, stays within the
// monthly limit, and holds at most one slot (one role) of one day at one
// site. A position nobody can take goes to Uncovered with the reason.
//
// Fairness: occurrences are taken in chronological order and each open
// position goes to the eligible officer with the lowest load, where the load
// is duties held (kept and added) plus the capped history offset minus the
// officer's entitlement so far (each day's positions shared equally among
// the officers not on leave that day; kept duties are entitled up front).
// All sites share the one pool in.Officers. Officers available all the time
// therefore end within one duty of each other (unless the hard rules force
// otherwise, as a team too small for a day's positions does), and an officer
// on leave gets a share proportional to the days available, without a burst
// of duties on return. Among equal loads, unpopular occurrences go to
// whoever has had the fewest, popular ones to whoever has had the most (so
// the unpopular ones rotate); then to whoever's last duty is oldest; then
// by the manager's order. Soft penalties, always less than one duty in all,
// steer away from consecutive days, a second duty the same day, short rests
// and more than the mean of one slot and role (nights, backups).
//
// Each position costs a scan of the few least-loaded officers (sorted pools,
// per-officer interval sets, no pass over all assignments); a year of 200
// sites and 1,000 officers takes about half a second on one core.
func Plan(in PlanInput) PlanResult {
	if in.To.Before(in.From) || in.From.IsZero() {
		return PlanResult{}
	}
	pl := newPlanner(in)
	pl.buildDays()
	pl.buildOccurrences()
	pl.buildOfficers()
	pl.loadBlocking()
	pl.validateExisting()
	pl.entitlements()
	pl.sweep()
	return pl.result()
}

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
	o       *Officer
	order   int32
	limit   int32
	carry   float64
	load    float64 // carry + duties + leave adjustments (the key, see sweep)
	unpop   float64 // unpopular duties + leave adjustments
	last    int64   // start of the latest duty at the planned sites
	duties  int32
	backups int32
	unpopN  int32
	inPool  bool
	onLeave bool
	limOut  bool
	leave   planSpans
	busy    planSpans // every duty held: Busy, Existing, kept, added
	blocks  []planDayRange
	months  []int32   // duties per month of the plan (Busy + Existing + Add)
	dayMask []uint64  // days with a duty, bit i+1 for day index i (-1..nDays)
	leaves  []int32   // indexes into in.Leaves
	refs    []planRef // blocking duties, for messages
	mix     []int32   // duties per slot and role (see mixIndex)
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
	mixTotal                   []int32   // duties per slot and role, all officers
	popular, unpopular         planPool

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
	for si, s := range in.Sites {
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

// hold records that officer k holds a duty [start, end): clashes, month
// count and days with a duty.
func (pl *planner) hold(k int32, start, end time.Time) {
	st := &pl.offs[k]
	st.busy.add(start.Unix(), end.Unix())
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
		pl.hold(k, a.Start, a.End)
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
		pl.hold(k, a.Start, a.End)
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

// validateExisting keeps or cancels each existing slot duty in the range,
// in chronological order: the earlier of two clashing duties stays.
func (pl *planner) validateExisting() {
	in := pl.in
	type cand struct {
		i          int
		si, sj     int
		start      int64
		role, slot int
	}
	var list []cand
	for i := range in.Existing {
		a := &in.Existing[i]
		if a.Status == Cancelled || !pl.decides(a) {
			continue
		}
		si := pl.siteOf(a)
		sj := pl.slotOf(si, a.SlotName)
		r := 0
		if a.Role == Backup {
			r = 1
		}
		list = append(list, cand{i: i, si: si, sj: sj, start: a.Start.Unix(), role: r})
	}
	slices.SortFunc(list, func(x, y cand) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.si, y.si), cmp.Compare(x.sj, y.sj),
			cmp.Compare(x.role, y.role), cmp.Compare(in.Existing[x.i].ID, in.Existing[y.i].ID), cmp.Compare(x.i, y.i))
	})
	for _, c := range list {
		a := in.Existing[c.i]
		if reason := pl.check(&a, c.si, c.sj); reason != "" {
			pl.res.Cancel = append(pl.res.Cancel, a)
			pl.res.CancelReasons = append(pl.res.CancelReasons, reason)
			continue
		}
		k := pl.byID[a.OfficerID]
		st := &pl.offs[k]
		d := pl.dayIndex(a.Start)
		oi := pl.occIndex[(pl.slotBase[c.si]+c.sj)*pl.nDays+d]
		oc := &pl.occs[oi]
		pl.hold(k, a.Start, a.End)
		st.refs = append(st.refs, planRef{i: int32(c.i)})
		pl.held[c.si*pl.nDays+d] = append(pl.held[c.si*pl.nDays+d], k)
		oc.kept = append(oc.kept, k)
		st.duties++
		sr := pl.mixIndex(oc, a.Role)
		st.mix[sr]++
		pl.mixTotal[sr]++
		if a.Role == Backup {
			oc.keptB++
			st.backups++
		} else {
			oc.keptP++
		}
		if oc.unpop {
			st.unpopN++
		}
		pl.res.Keep = append(pl.res.Keep, a)
	}
}

// check returns why an existing slot duty in the range is no longer valid,
// or "" when it stays.
func (pl *planner) check(a *Assignment, si, sj int) string {
	site := pl.in.Sites[si]
	k, ok := pl.byID[a.OfficerID]
	if !ok {
		for i := range pl.in.Officers {
			if o := pl.in.Officers[i]; o.ID == a.OfficerID && !o.Active {
				return fmt.Sprintf("%s is not active", planOfficerName(o))
			}
		}
		return fmt.Sprintf("officer %d is not among the officers of this plan", a.OfficerID)
	}
	if sj < 0 {
		return fmt.Sprintf("slot %q no longer exists at %s", a.SlotName, site.Code)
	}
	sl := site.Slots[sj]
	d := pl.dayIndex(a.Start)
	date := pl.dates[d]
	oi := pl.occIndex[(pl.slotBase[si]+sj)*pl.nDays+d]
	if oi < 0 {
		if !site.OpenOn(date) {
			return fmt.Sprintf("%s is closed on %s", site.Code, date)
		}
		return fmt.Sprintf("slot %s does not run on %s (not a working day)", sl.Name, date)
	}
	oc := &pl.occs[oi]
	if a.Start.Unix() != oc.start || a.End.Unix() != oc.end {
		return fmt.Sprintf("slot %s now runs %s–%s", sl.Name, sl.Start, sl.End)
	}
	if a.Role != Primary && a.Role != Backup && a.Role != "" {
		return fmt.Sprintf("unknown role %q", a.Role)
	}
	st := &pl.offs[k]
	if s := pl.specIdx[si][sj]; s >= 0 && !pl.specOK[s][st.order] {
		return errSpecialty(*st.o, sl).Message
	}
	if st.leave.overlaps(oc.start, oc.end) || st.busy.overlaps(oc.start, oc.end) {
		return pl.conflictMessage(k, a, site)
	}
	for _, h := range pl.held[si*pl.nDays+d] {
		if h == k {
			return pl.conflictMessage(k, a, site)
		}
	}
	if a.Role == Backup {
		if int(oc.keptB) >= max(sl.Backups, 0) {
			return fmt.Sprintf("slot %s on %s needs only %d backup officer(s)", sl.Name, date, max(sl.Backups, 0))
		}
	} else if int(oc.keptP) >= max(sl.Officers, 0) {
		return fmt.Sprintf("slot %s on %s needs only %d primary officer(s)", sl.Name, date, max(sl.Officers, 0))
	}
	if st.limit > 0 && st.months[oc.month] >= st.limit {
		return pl.conflictMessage(k, a, site)
	}
	return ""
}

// conflictMessage explains, with MayHold, why officer k cannot hold a.
func (pl *planner) conflictMessage(k int32, a *Assignment, site Site) string {
	st := &pl.offs[k]
	leaves := make([]Leave, len(st.leaves))
	for i, li := range st.leaves {
		leaves[i] = pl.in.Leaves[li]
	}
	others := make([]Assignment, len(st.refs))
	for i, r := range st.refs {
		if r.busy {
			others[i] = pl.in.Busy[r.i]
		} else {
			others[i] = pl.in.Existing[r.i]
		}
	}
	if err := MayHold(*a, CandidateState{Officer: *st.o, Site: site, Leaves: leaves, Duties: others, Loc: pl.loc}, HoldRules{}); err != nil {
		return ErrorMessage(err)
	}
	return "clashes with another duty"
}

// entitlements shares each day's positions among the officers not on leave
// that day, and gives every officer the entitlement of the days they miss
// up front for kept duties (see sweep).
func (pl *planner) entitlements() {
	n := pl.nDays
	avail := make([]int, n+1)
	for d := 0; d <= n; d++ {
		if d > 0 {
			avail[d] = avail[d-1]
		} else {
			avail[d] = len(pl.offs)
		}
		avail[d] += len(pl.leaveEnd[d]) - len(pl.leaveBeg[d])
	}
	pl.openW = make([]float64, n+1) // prefix sums, index d+1
	pl.keptW = make([]float64, n+1)
	pl.openU = make([]float64, n+1)
	pl.keptU = make([]float64, n+1)
	for d := 0; d < n; d++ {
		var open, kept, openU, keptU float64
		for _, oc := range pl.occs[pl.occStart[d]:pl.occStart[d+1]] {
			sl := pl.in.Sites[oc.site].Slots[oc.slot]
			o := float64(max(0, max(sl.Officers, 0)-int(oc.keptP)) + max(0, max(sl.Backups, 0)-int(oc.keptB)))
			kp := float64(oc.keptP + oc.keptB)
			open += o
			kept += kp
			if oc.unpop {
				openU += o
				keptU += kp
			}
		}
		var w float64
		if avail[d] > 0 {
			w = 1 / float64(avail[d])
		}
		pl.openW[d+1] = pl.openW[d] + open*w
		pl.keptW[d+1] = pl.keptW[d] + kept*w
		pl.openU[d+1] = pl.openU[d] + openU*w
		pl.keptU[d+1] = pl.keptU[d] + keptU*w
	}
	for k := range pl.offs {
		st := &pl.offs[k]
		st.load = st.carry + float64(st.duties)
		st.unpop = float64(st.unpopN)
		for _, b := range st.blocks {
			st.load += pl.keptW[b.b+1] - pl.keptW[b.a]
			st.unpop += pl.keptU[b.b+1] - pl.keptU[b.a]
		}
	}
}

// less orders officers by load, then unpopular duties (ascending for
// unpopular occurrences, descending for popular ones, so that those who
// already did unpopular duties take the popular ones first), then the
// oldest last duty, then the manager's order.
func (pl *planner) less(a, b int32, unpopAsc bool) bool {
	x, y := &pl.offs[a], &pl.offs[b]
	if x.load != y.load {
		return x.load < y.load
	}
	if x.unpop != y.unpop {
		return (x.unpop < y.unpop) == unpopAsc
	}
	if x.last != y.last {
		return x.last < y.last
	}
	return x.order < y.order
}

func (pl *planner) search(p *planPool, k int32) int {
	lo, hi := 0, len(p.items)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if pl.less(p.items[m], k, p.unpopAsc) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (pl *planner) poolInsert(k int32) {
	for _, p := range []*planPool{&pl.popular, &pl.unpopular} {
		p.items = slices.Insert(p.items, pl.search(p, k), k)
	}
}

func (pl *planner) poolRemove(k int32) {
	for _, p := range []*planPool{&pl.popular, &pl.unpopular} {
		i := pl.search(p, k)
		if i >= len(p.items) || p.items[i] != k {
			panic("roster: planner pool out of order")
		}
		p.items = slices.Delete(p.items, i, i+1)
	}
}

// sync puts officer k in the pools or takes it out, as its state says.
func (pl *planner) sync(k int32) {
	st := &pl.offs[k]
	want := !st.onLeave && !st.limOut
	switch {
	case want && !st.inPool:
		pl.poolInsert(k)
	case !want && st.inPool:
		pl.poolRemove(k)
	}
	st.inPool = want
}

// sweep fills the open positions day by day, occurrence by occurrence.
//
// An officer's key is carry + duties − entitlement, where entitlement is
// each past day's open positions divided among the officers not on leave
// that day, plus all kept positions divided the same way (kept duties count
// in full from the start, so a re-plan fills holes with the officers least
// loaded over the whole range). The part common to everyone drops out: only
// the days an officer missed remain, added to its load when its leave ends.
func (pl *planner) sweep() {
	pl.popular = planPool{items: make([]int32, 0, len(pl.offs))}
	pl.unpopular = planPool{items: make([]int32, 0, len(pl.offs)), unpopAsc: true}
	for k := range pl.offs {
		st := &pl.offs[k]
		for _, b := range st.blocks {
			if b.a == 0 {
				st.onLeave = true
			}
		}
		pl.sync(int32(k))
	}
	for d := 0; d < pl.nDays; d++ {
		pl.startDay(d)
		for oi := pl.occStart[d]; oi < pl.occStart[d+1]; oi++ {
			oc := &pl.occs[oi]
			for _, k := range oc.kept {
				pl.touch(k, func(st *planOfficer) { st.last = max(st.last, oc.start) })
			}
			sl := pl.in.Sites[oc.site].Slots[oc.slot]
			pl.fill(oc, Primary, max(sl.Officers, 0)-int(oc.keptP))
			pl.fill(oc, Backup, max(sl.Backups, 0)-int(oc.keptB))
		}
	}
	pl.startDay(pl.nDays) // end the leaves running to the end
}

// startDay ends and starts leaves, and opens a new month.
func (pl *planner) startDay(d int) {
	for _, k := range pl.leaveEnd[d] {
		st := &pl.offs[k]
		for _, b := range st.blocks {
			if b.b+1 == d {
				st.load += pl.openW[b.b+1] - pl.openW[b.a]
				st.unpop += pl.openU[b.b+1] - pl.openU[b.a]
			}
		}
		st.onLeave = false
		if d < pl.nDays {
			pl.sync(k)
		}
	}
	if d >= pl.nDays {
		return
	}
	for _, k := range pl.leaveBeg[d] {
		pl.offs[k].onLeave = true
		pl.sync(k)
	}
	if d == 0 || pl.monthOf[d] != pl.monthOf[d-1] {
		m := pl.monthOf[d]
		for k := range pl.offs {
			st := &pl.offs[k]
			if st.limit > 0 {
				st.limOut = st.months[m] >= st.limit
				pl.sync(int32(k))
			}
		}
	}
}

// touch changes officer k's ordering fields, keeping the pools sorted.
func (pl *planner) touch(k int32, f func(*planOfficer)) {
	st := &pl.offs[k]
	if st.inPool {
		pl.poolRemove(k)
	}
	f(st)
	if st.inPool {
		pl.poolInsert(k)
	}
}

// Reasons an officer cannot take a position, in the order they are checked
// and reported.
const (
	planCanTake = iota
	planNotSpecialty
	planNotLeave
	planNotSameDay
	planNotBusy
	planNotLimit
	planReasons
)

var planReasonText = [planReasons]string{"", "without the specialty", "on leave", "already on duty there that day", "busy", "over monthly limit"}

// blocker returns why officer k cannot take occurrence oc, or planCanTake.
func (pl *planner) blocker(k int32, oc *planOcc) int {
	st := &pl.offs[k]
	if s := pl.specIdx[oc.site][oc.slot]; s >= 0 && !pl.specOK[s][st.order] {
		return planNotSpecialty
	}
	if len(st.leave) > 0 && st.leave.overlaps(oc.start, oc.end) {
		return planNotLeave
	}
	for _, h := range pl.held[int(oc.site)*pl.nDays+int(oc.day)] {
		if h == k {
			return planNotSameDay
		}
	}
	if st.busy.overlaps(oc.start, oc.end) {
		return planNotBusy
	}
	if st.limit > 0 && st.months[oc.month] >= st.limit {
		return planNotLimit
	}
	return planCanTake
}

// penalty is the soft cost of giving oc to officer k: consecutive days,
// another duty the same day, a short rest, and more of this slot and role
// (nights, backups) than the team's mean. Its range is below one duty.
func (pl *planner) penalty(k int32, oc *planOcc, sr int) float64 {
	st := &pl.offs[k]
	var p float64
	d := int(oc.day)
	if pl.hasDay(st, d-1) {
		p += planPenPrevDay
	}
	if pl.hasDay(st, d+1) {
		p += planPenNextDay
	}
	if pl.hasDay(st, d) {
		p += planPenSameDay
	}
	if b, a := st.busy.gap(oc.start, oc.end); b < planMinRest || a < planMinRest {
		p += planPenShortRest
	}
	if dev := float64(st.mix[sr]) - float64(pl.mixTotal[sr])/float64(len(pl.offs)); dev > 0 {
		p += planPenSlotMix * min(1, dev)
	}
	return p
}

// fill gives need positions of role in oc to the best eligible officers.
func (pl *planner) fill(oc *planOcc, role AssignmentRole, need int) {
	p := &pl.popular
	if oc.unpop {
		p = &pl.unpopular
	}
	sr := pl.mixIndex(oc, role)
	for ; need > 0; need-- {
		best, bestScore := int32(-1), math.Inf(1)
		for _, k := range p.items {
			st := &pl.offs[k]
			if st.load >= bestScore-planEps {
				break
			}
			if pl.blocker(k, oc) != planCanTake {
				continue
			}
			if s := st.load + pl.penalty(k, oc, sr); s < bestScore-planEps {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			pl.uncovered(oc, role, need)
			return
		}
		pl.assign(best, oc, role)
	}
}

func (pl *planner) assign(k int32, oc *planOcc, role AssignmentRole) {
	site := &pl.in.Sites[oc.site]
	sl := &site.Slots[oc.slot]
	start, end := time.Unix(oc.start, 0).In(pl.loc), time.Unix(oc.end, 0).In(pl.loc)
	pl.touch(k, func(st *planOfficer) {
		st.load++
		st.duties++
		if oc.unpop {
			st.unpop++
			st.unpopN++
		}
		if role == Backup {
			st.backups++
		}
		st.last = max(st.last, oc.start)
	})
	sr := pl.mixIndex(oc, role)
	pl.offs[k].mix[sr]++
	pl.mixTotal[sr]++
	pl.hold(k, start, end)
	pl.held[int(oc.site)*pl.nDays+int(oc.day)] = append(pl.held[int(oc.site)*pl.nDays+int(oc.day)], k)
	st := &pl.offs[k]
	if st.limit > 0 && st.months[oc.month] >= st.limit {
		st.limOut = true
		pl.sync(k)
	}
	pl.res.Add = append(pl.res.Add, Assignment{
		SiteID: site.ID, SiteCode: site.Code, SlotName: sl.Name, Role: role,
		OfficerID: st.o.ID, Start: start, End: end, Status: Scheduled,
	})
}

// uncovered reports missing positions, counting why each candidate is out.
func (pl *planner) uncovered(oc *planOcc, role AssignmentRole, missing int) {
	site := &pl.in.Sites[oc.site]
	sl := &site.Slots[oc.slot]
	var counts [planReasons]int
	for k := range pl.offs {
		counts[pl.blocker(int32(k), oc)]++
	}
	var parts []string
	if pl.inactive > 0 {
		parts = append(parts, fmt.Sprintf("%d inactive", pl.inactive))
	}
	for r := planNotSpecialty; r < planReasons; r++ {
		if counts[r] == 0 {
			continue
		}
		t := planReasonText[r]
		if r == planNotSpecialty {
			t = "without specialty " + sl.Specialty
		}
		parts = append(parts, fmt.Sprintf("%d %s", counts[r], t))
	}
	reason := "no candidate officers"
	switch {
	case counts[planCanTake] > 0: // cannot happen: the pools hold every eligible officer
		reason = fmt.Sprintf("internal: %d eligible officers were not offered", counts[planCanTake])
	case len(parts) > 0:
		reason = "no eligible officer: " + strings.Join(parts, ", ")
	}
	pl.res.Uncovered = append(pl.res.Uncovered, Uncovered{
		Date: pl.dates[oc.day], Site: site.Code, Slot: sl.Name, Role: role, Reason: reason, Missing: missing,
		Start: time.Unix(oc.start, 0).In(pl.loc), End: time.Unix(oc.end, 0).In(pl.loc),
	})
}

func (pl *planner) result() PlanResult {
	total := pl.openW[pl.nDays] + pl.keptW[pl.nDays]
	pl.res.Loads = make([]OfficerLoad, len(pl.offs))
	for k := range pl.offs {
		st := &pl.offs[k]
		share, off := total, 0
		for _, b := range st.blocks {
			share -= pl.openW[b.b+1] - pl.openW[b.a] + pl.keptW[b.b+1] - pl.keptW[b.a]
			off += b.b - b.a + 1
		}
		pl.res.Loads[k] = OfficerLoad{
			OfficerID: st.o.ID, Duties: int(st.duties), Backups: int(st.backups), Unpopular: int(st.unpopN),
			DaysOff: off, Carry: st.carry, Share: share,
		}
	}
	return pl.res
}
