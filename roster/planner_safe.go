package roster

import (
	"math"
	"slices"
	"strings"
	"time"
)

// The planner's side of the safe-plan rules (eligibility_safe.go has
// MayHold's): the same settings and predicates, decided from each officer's
// sorted list of duties with a scan of the few neighbours within a day, so a
// position still costs a handful of comparisons.

// planDuty is one duty an officer holds, as the safe-plan rules see it.
type planDuty struct {
	s, e int64
	site int64 // site key (see planner.siteKey)
	area int32 // 0: unknown
	day  int32 // plan day of the start
	rest bool  // needs the rest after it
}

// planSafe holds the rule settings in seconds.
type planSafe struct {
	r                 RuleSettings
	rest, maxIn24     int64
	between, within   int64
	weekRest, weekMax int64
	look              int64 // how far the neighbour scans reach
	areaOf            map[string]int32
	codeKey           map[string]int64
	scratch           [][2]int64
}

func (pl *planner) initSafe() {
	r := DefaultRuleSettings()
	if pl.in.Rules != nil {
		r = *pl.in.Rules
	}
	sf := &pl.safe
	sf.r = r
	sf.rest = int64(r.RestMinutes) * 60
	sf.maxIn24 = int64(r.MaxDutyMinutesPer24) * 60
	sf.between, sf.within = int64(r.TravelBetweenAreasMinutes)*60, int64(r.TravelWithinAreaMinutes)*60
	sf.weekRest, sf.weekMax = int64(r.WeeklyRestMinutes)*60, int64(r.weeklyBlock()/time.Second)
	sf.look = max(24*3600, sf.rest, sf.between, sf.within)
	sf.areaOf = map[string]int32{}
	sf.codeKey = map[string]int64{}
}

// areaIndex numbers an area name (0: none).
func (pl *planner) areaIndex(a string) int32 {
	a = strings.ToLower(strings.TrimSpace(a))
	if a == "" {
		return 0
	}
	i, ok := pl.safe.areaOf[a]
	if !ok {
		i = int32(len(pl.safe.areaOf) + 1)
		pl.safe.areaOf[a] = i
	}
	return i
}

// siteKey identifies a site by ID, or by code when it has none.
func (pl *planner) siteKey(id int64, code string) int64 {
	if id != 0 {
		return id
	}
	c := strings.ToLower(code)
	k, ok := pl.safe.codeKey[c]
	if !ok {
		k = -int64(len(pl.safe.codeKey) + 1)
		pl.safe.codeKey[c] = k
	}
	return k
}

// slotRest reports whether an occurrence of sl needs the rest after it.
func (pl *planner) slotRest(sl Slot) bool {
	r := &pl.safe.r
	if r.RestMinutes <= 0 {
		return false
	}
	length := int(sl.End) - int(sl.Start)
	if length <= 0 {
		return true // runs past midnight
	}
	return (r.LongDutyMinutes > 0 && length >= r.LongDutyMinutes) || sl.End >= r.RestAfter
}

// dutyOf describes an input duty for the safe rules.
func (pl *planner) dutyOf(a *Assignment) planDuty {
	area := a.Area
	if si := pl.siteOf(a); si >= 0 && pl.in.Sites[si].Area != "" {
		area = pl.in.Sites[si].Area
	}
	return planDuty{s: a.Start.Unix(), e: a.End.Unix(), site: pl.siteKey(a.SiteID, a.SiteCode), area: pl.areaIndex(area),
		day: int32(pl.dayIndex(a.Start)), rest: pl.safe.r.needsRest(a.Start, a.End, pl.loc)}
}

// occDuty describes an occurrence for the safe rules.
func (pl *planner) occDuty(oc *planOcc) planDuty {
	site := &pl.in.Sites[oc.site]
	return planDuty{s: oc.start, e: oc.end, site: pl.siteKey(site.ID, site.Code), area: oc.area, day: oc.day, rest: oc.rest}
}

// addDuty records d in officer k's sorted duties.
func (pl *planner) addDuty(k int32, d planDuty) {
	st := &pl.offs[k]
	if st.safeDuties == nil {
		st.safeDuties = make([]planDuty, 0, 16+2*len(pl.occs)/max(1, len(pl.offs)))
	}
	i := planDutyIndex(st.safeDuties, d.s)
	if i == len(st.safeDuties) {
		st.safeDuties = append(st.safeDuties, d) // the sweep adds in order: the usual case
		return
	}
	st.safeDuties = slices.Insert(st.safeDuties, i, d)
}

// buildUnavailability turns officers' recurring unavailability into spans
// over the plan's days and a day either side.
func (pl *planner) buildUnavailability() {
	for k := range pl.offs {
		st := &pl.offs[k]
		if len(st.o.Unavailability) == 0 {
			continue
		}
		for d := pl.dates[0].AddDays(-1); !d.After(pl.dates[pl.nDays].AddDays(1)); d = d.AddDays(1) {
			for _, u := range st.o.Unavailability {
				if s, e, ok := u.window(d, pl.loc); ok {
					st.unav.add(s.Unix(), e.Unix())
				}
			}
		}
		if len(st.o.PreferredSites) > 0 {
			st.notPref = make([]bool, len(pl.in.Sites))
			for si, s := range pl.in.Sites {
				st.notPref[si] = !st.o.Prefers(s.Code)
			}
		}
	}
}

// planDutyIndex returns the index of the first duty of ds starting at or
// after s.
func planDutyIndex(ds []planDuty, s int64) int {
	lo, hi := 0, len(ds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ds[m].s < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (sf *planSafe) travel(a, b int32) int64 {
	if a != 0 && b != 0 && a != b {
		return sf.between
	}
	return sf.within
}

// safeBlock returns which safe-plan rule officer st breaks by holding d, or
// planCanTake. d must not overlap st's duties (the clash rule comes first).
func (pl *planner) safeBlock(st *planOfficer, d planDuty) int {
	sf := &pl.safe
	if len(st.unav) > 0 && st.unav.overlaps(d.s, d.e) {
		return planNotUnavailable
	}
	ds := st.safeDuties
	i := planDutyIndex(ds, d.s)
	why := planReasons
	worse := func(r int) {
		if r < why {
			why = r
		}
	}
	near := sf.scratch[:0]
	var sum int64
	for j := i - 1; j >= 0 && ds[j].e > d.s-sf.look; j-- {
		x := &ds[j]
		gap := d.s - x.e
		if x.rest && gap < sf.rest {
			worse(planNotRest)
		}
		if x.e > d.s-24*3600 {
			near = append(near, [2]int64{x.s, x.e})
			sum += x.e - x.s
		}
		if sf.r.OneAreaADay && x.day == d.day && x.area != 0 && d.area != 0 && x.area != d.area {
			worse(planNotArea)
		}
		if x.site != d.site && gap < sf.travel(x.area, d.area) {
			worse(planNotTravel)
		}
	}
	for j := i; j < len(ds) && ds[j].s < d.e+sf.look; j++ {
		x := &ds[j]
		gap := x.s - d.e
		if d.rest && gap < sf.rest {
			worse(planNotRest)
		}
		if x.s < d.e+24*3600 {
			near = append(near, [2]int64{x.s, x.e})
			sum += x.e - x.s
		}
		if sf.r.OneAreaADay && x.day == d.day && x.area != 0 && d.area != 0 && x.area != d.area {
			worse(planNotArea)
		}
		if x.site != d.site && gap < sf.travel(x.area, d.area) {
			worse(planNotTravel)
		}
	}
	if sf.maxIn24 > 0 && sum+d.e-d.s > sf.maxIn24 {
		near = append(near, [2]int64{d.s, d.e})
		if most, _ := maxIn24(near, d.s, d.e); most > sf.maxIn24 {
			worse(planNotLength)
		}
	}
	sf.scratch = near
	if why == planReasons && sf.weekMax > 0 && pl.weeklyBreak(ds, i, d) {
		worse(planNotWeekly)
	}
	if why == planReasons {
		return planCanTake
	}
	return why
}

// weeklyBreak reports whether adding d at index i of ds makes a block of
// duties, each less than the weekly rest apart, longer than the rule allows
// (see holdWeeklyRest).
func (pl *planner) weeklyBreak(ds []planDuty, i int, d planDuty) bool {
	sf := &pl.safe
	bs, be := d.s, d.e
	for j := i - 1; j >= 0 && bs-ds[j].e < sf.weekRest; j-- {
		bs = ds[j].s
		if be-bs > sf.weekMax {
			return true
		}
	}
	for j := i; j < len(ds) && ds[j].s-be < sf.weekRest; j++ {
		be = max(be, ds[j].e)
		if be-bs > sf.weekMax {
			return true
		}
	}
	return be-bs > sf.weekMax
}

// weigh gives every occurrence the weight of one of its positions: 1, or
// with RuleSettings.FairByWeight its hours, UnpopularPercent more when
// unpopular, scaled so that the mean position of the plan weighs 1 (the
// soft penalties, below one duty, keep their meaning), in quarters.
func (pl *planner) weigh() {
	r := &pl.safe.r
	var sum, n float64
	for i := range pl.occs {
		oc := &pl.occs[i]
		oc.w = 1
		if !r.FairByWeight {
			continue
		}
		oc.w = float64(oc.end-oc.start) / 3600
		if oc.unpop {
			oc.w *= 1 + float64(r.UnpopularPercent)/100
		}
		sl := &pl.in.Sites[oc.site].Slots[oc.slot]
		k := float64(max(sl.Officers, 0) + max(sl.Backups, 0))
		sum += oc.w * k
		n += k
	}
	if !r.FairByWeight || sum <= 0 {
		return
	}
	mean := sum / n
	for i := range pl.occs {
		// In quarters of the mean duty: a morning and an afternoon of
		// nearly the same length weigh the same, a night does not.
		pl.occs[i].w = max(0.25, math.Round(4*pl.occs[i].w/mean)/4)
	}
}
