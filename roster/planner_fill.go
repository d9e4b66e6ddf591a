package roster

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Scoring. An officer's load is carry + duties − entitlement (see
// planner.sweep); soft penalties are added to it when choosing. They sum to
// less than one duty, so they only choose among officers whose loads are
// within one duty of each other and never break the "differ by at most one"
// bound between fully available officers.
const (
	planPenPrevDay      = 0.30 // a duty the day before
	planPenNextDay      = 0.30 // a duty the day after
	planPenSameDay      = 0.08 // another duty the same day (at another site)
	planPenShortRest    = 0.10 // less than planMinRest between this and another duty
	planPenSlotMix      = 0.10 // per duty of this slot and role above the team's mean (one duty at most)
	planPenNotPreferred = 0.10 // a site not among the officer's preferred sites
	planMinRest         = 8 * 3600
	planEps             = 1e-9
)

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
	pl.openC = make([]float64, n+1)
	pl.keptC = make([]float64, n+1)
	for d := 0; d < n; d++ {
		var open, kept, openU, keptU, openC, keptC float64
		for _, oc := range pl.occs[pl.occStart[d]:pl.occStart[d+1]] {
			sl := pl.in.Sites[oc.site].Slots[oc.slot]
			oc1 := float64(max(0, max(sl.Officers, 0)-int(oc.keptP)) + max(0, max(sl.Backups, 0)-int(oc.keptB)))
			kc := float64(oc.keptP + oc.keptB)
			o, kp := oc1*oc.w, kc*oc.w
			open += o
			kept += kp
			openC += oc1
			keptC += kc
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
		pl.openC[d+1] = pl.openC[d] + openC*w
		pl.keptC[d+1] = pl.keptC[d] + keptC*w
	}
	for k := range pl.offs {
		st := &pl.offs[k]
		st.load = st.carry + st.weight
		st.count = st.carry + float64(st.duties)
		st.unpop = float64(st.unpopN)
		for _, b := range st.blocks {
			st.load += pl.keptW[b.b+1] - pl.keptW[b.a]
			st.count += pl.keptC[b.b+1] - pl.keptC[b.a]
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
	if kx, ky := x.key(), y.key(); kx != ky {
		return kx < ky
	}
	if x.unpop != y.unpop {
		return (x.unpop < y.unpop) == unpopAsc
	}
	if x.last != y.last {
		return x.last < y.last
	}
	return x.order < y.order
}

// key is what choosing compares: the count of duties (with carry and
// entitlement, see sweep) moved by the weight's difference from it in whole
// mean duties, rounded toward zero. Duties of equal weight give the plain
// count; with FairByWeight an officer whose duties weigh a whole mean duty
// more (less) than their number counts one duty more (less), and so on, so
// the key stays within one mean duty of the weight. Keys stay whole numbers
// apart, as counts do, so the tie-breakers (unpopular duties by count,
// oldest last duty) and the soft penalties, below one duty, choose among
// equals as they do by count; weighing each duty in fractions instead lets
// the 0.30 penalties decide nothing and the rotations drift.
func (st *planOfficer) key() float64 {
	return st.count + math.Trunc(st.load-st.count)
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
	open := 0
	for i := range pl.occs {
		sl := &pl.in.Sites[pl.occs[i].site].Slots[pl.occs[i].slot]
		open += max(0, max(sl.Officers, 0)-int(pl.occs[i].keptP)) + max(0, max(sl.Backups, 0)-int(pl.occs[i].keptB))
	}
	pl.res.Add = make([]Assignment, 0, open) // one growth of 100,000 duties costs as much as their rules
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
				st.count += pl.openC[b.b+1] - pl.openC[b.a]
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
	planNotUnavailable
	planNotRest
	planNotLength
	planNotArea
	planNotTravel
	planNotWeekly
	planNotLimit
	planNotSite
	planReasons
)

var planReasonText = [planReasons]string{"", "without the specialty", "on leave", "already on duty there that day", "busy",
	"unavailable", "resting", "on duty too long in 24 hours", "serving another area that day", "too far away",
	"without a weekly rest", "over monthly limit", "not serving this site"}

// planReasonRule is the rule key of each reason.
var planReasonRule = [planReasons]string{RuleNoOneFree, RuleSpecialty, RuleLeave, RuleSameDay, RuleClash,
	RuleUnavailable, RuleRest, RuleLength, RuleArea, RuleTravel, RuleWeeklyRest, RuleMonthlyLimit, RuleNotEligible}

// blocker returns why officer k cannot take occurrence oc, or planCanTake.
func (pl *planner) blocker(k int32, oc *planOcc) int {
	st := &pl.offs[k]
	if len(st.o.Sites) > 0 && !st.o.MayServeAt(pl.in.Sites[oc.site]) {
		return planNotSite
	}
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
	if r := pl.safeBlock(st, pl.occDuty(oc)); r != planCanTake {
		return r
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
	if st.notPref != nil && st.notPref[oc.site] {
		p += planPenNotPreferred
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
			key := st.key()
			if key >= bestScore-planEps {
				break
			}
			if pl.blocker(k, oc) != planCanTake {
				continue
			}
			if s := key + pl.penalty(k, oc, sr); s < bestScore-planEps {
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
		st.load += oc.w
		st.count++
		st.weight += oc.w
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
	pl.hold(k, start, end, pl.occDuty(oc))
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
	reason, rule := "no candidate officers", RuleNoOneFree
	for r, most := planNotSpecialty, 0; r < planReasons; r++ {
		if counts[r] > most {
			rule, most = planReasonRule[r], counts[r]
		}
	}
	switch {
	case counts[planCanTake] > 0: // cannot happen: the pools hold every eligible officer
		reason = fmt.Sprintf("internal: %d eligible officers were not offered", counts[planCanTake])
	case len(parts) > 0:
		reason = "no eligible officer: " + strings.Join(parts, ", ")
	}
	pl.res.Uncovered = append(pl.res.Uncovered, Uncovered{
		Date: pl.dates[oc.day], Site: site.Code, Slot: sl.Name, Role: role, Rule: rule, Reason: reason, Missing: missing,
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
			OfficerID: st.o.ID, Duties: int(st.duties), Weight: st.weight, Backups: int(st.backups), Unpopular: int(st.unpopN),
			DaysOff: off, Carry: st.carry, Share: share,
		}
	}
	return pl.res
}
