package roster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The safe-plan rules of MayHold: availability, rest, length, area, travel
// and weekly rest. All are hard (409, no override): they protect the
// officer's rest under the Labour Code and the court's reliance on an
// officer who can actually be there. Their settings are
// CandidateState.Rules (nil: DefaultRuleSettings).

func (h *holdCase) rules() *RuleSettings {
	if h.c.Rules == nil {
		d := DefaultRuleSettings()
		h.c.Rules = &d
	}
	return h.c.Rules
}

// area is the area of the duty asked about.
func (h *holdCase) area() string {
	if h.c.Site.Area != "" {
		return h.c.Site.Area
	}
	return h.duty.Area
}

func fmtTime(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02 15:04") }

func holdUnavailable(h *holdCase) *Error {
	o, loc := &h.c.Officer, h.c.Loc
	u, d, ok := o.Unavailable(h.duty.Start, h.duty.End, loc)
	if !ok {
		return nil
	}
	args := map[string]any{"officer_id": o.ID, "weekday": d.Weekday().String(), "date": d.String()}
	if u.HasTimes {
		args["start"], args["end"] = u.Start.String(), u.End.String()
	}
	return &Error{Code: EConflict, Rule: RuleUnavailable, Args: args,
		Message: fmt.Sprintf("%s is not available on %s (%s)", planOfficerName(*o), d, u)}
}

// holdRest: after a duty that needs rest (see RuleSettings.needsRest), the
// next duty starts RestMinutes later at the earliest.
func holdRest(h *holdCase) *Error {
	r, a, o, loc := h.rules(), h.duty, &h.c.Officer, h.c.Loc
	if r.RestMinutes <= 0 {
		return nil
	}
	rest := time.Duration(r.RestMinutes) * time.Minute
	aRest := r.needsRest(a.Start, a.End, loc)
	b := h.earliest(func(b *Assignment) bool {
		switch {
		case !b.End.After(a.Start):
			return a.Start.Sub(b.End) < rest && r.needsRest(b.Start, b.End, loc)
		case !b.Start.Before(a.End):
			return aRest && b.Start.Sub(a.End) < rest
		}
		return false
	})
	if b == nil {
		return nil
	}
	args := dutyArgs(o, b, loc)
	args["rest_hours"] = float64(r.RestMinutes) / 60
	return &Error{Code: EConflict, Rule: RuleRest, Args: args,
		Message: fmt.Sprintf("%s needs %g hours' rest between this duty and the duty at %s from %s to %s",
			planOfficerName(*o), float64(r.RestMinutes)/60, planSiteLabel(b), fmtTime(b.Start, loc), fmtTime(b.End, loc))}
}

// maxIn24 returns the most time on duty in any 24 hours among spans (which
// do not overlap), over the windows that meet [s, e), and the window's start.
func maxIn24(spans [][2]int64, s, e int64) (most, at int64) {
	const day = 24 * 3600
	for _, x := range spans {
		for _, t := range [2]int64{x[0], x[1] - day} {
			if t >= e || t+day <= s {
				continue
			}
			var sum int64
			for _, y := range spans {
				sum += max(0, min(y[1], t+day)-max(y[0], t))
			}
			if sum > most {
				most, at = sum, t
			}
		}
	}
	return most, at
}

// holdLength: no more than MaxDutyMinutesPer24 on duty in any 24 hours.
func holdLength(h *holdCase) *Error {
	r, a, o, loc := h.rules(), h.duty, &h.c.Officer, h.c.Loc
	if r.MaxDutyMinutesPer24 <= 0 {
		return nil
	}
	limit := int64(r.MaxDutyMinutesPer24) * 60
	s, e := a.Start.Unix(), a.End.Unix()
	spans := [][2]int64{{s, e}}
	var near []*Assignment
	for i := range h.c.Duties {
		b := &h.c.Duties[i]
		if h.counts(b) && b.End.Unix() > s-24*3600 && b.Start.Unix() < e+24*3600 {
			spans = append(spans, [2]int64{b.Start.Unix(), b.End.Unix()})
			near = append(near, b)
		}
	}
	most, at := maxIn24(spans, s, e)
	if most <= limit {
		return nil
	}
	var args map[string]any
	other := "this duty alone"
	if b := h.earliest(func(b *Assignment) bool {
		return slices.Contains(near, b) && b.End.Unix() > at && b.Start.Unix() < at+24*3600
	}); b != nil {
		args = dutyArgs(o, b, loc)
		other = fmt.Sprintf("with the duty at %s from %s to %s", planSiteLabel(b), fmtTime(b.Start, loc), fmtTime(b.End, loc))
	} else {
		args = map[string]any{"officer_id": o.ID}
	}
	args["max_hours"], args["hours"] = float64(r.MaxDutyMinutesPer24)/60, float64(most)/3600
	return &Error{Code: EConflict, Rule: RuleLength, Args: args,
		Message: fmt.Sprintf("%s would be on duty %g hours in 24 (at most %g), %s",
			planOfficerName(*o), float64(most)/3600, float64(r.MaxDutyMinutesPer24)/60, other)}
}

// holdArea: one area a day (the day each duty starts).
func holdArea(h *holdCase) *Error {
	r, a, o, loc := h.rules(), h.duty, &h.c.Officer, h.c.Loc
	area := h.area()
	if !r.OneAreaADay || area == "" {
		return nil
	}
	day := DateOf(a.Start.In(loc))
	b := h.earliest(func(b *Assignment) bool {
		return b.Area != "" && !SameArea(b.Area, area) && DateOf(b.Start.In(loc)) == day
	})
	if b == nil {
		return nil
	}
	args := dutyArgs(o, b, loc)
	args["area"], args["other_area"] = area, b.Area
	return &Error{Code: EConflict, Rule: RuleArea, Args: args,
		Message: fmt.Sprintf("%s already serves the %s area on %s (at %s from %s)", planOfficerName(*o), b.Area, day,
			planSiteLabel(b), fmtTime(b.Start, loc))}
}

// holdTravel: between duties at two different sites, at least the travel
// time between their areas.
func holdTravel(h *holdCase) *Error {
	r, a, o, loc, site := h.rules(), h.duty, &h.c.Officer, h.c.Loc, &h.c.Site
	area := h.area()
	sameSite := func(b *Assignment) bool {
		if site.ID == 0 && site.Code == "" { // no site loaded: compare the duties
			return b.SiteID == a.SiteID && strings.EqualFold(b.SiteCode, a.SiteCode)
		}
		return planSameSite(b, site)
	}
	b := h.earliest(func(b *Assignment) bool {
		if sameSite(b) {
			return false
		}
		gap := a.Start.Sub(b.End)
		if !b.Start.Before(a.End) {
			gap = b.Start.Sub(a.End)
		}
		return gap < r.travelNeed(area, b.Area)
	})
	if b == nil {
		return nil
	}
	need := r.travelNeed(area, b.Area)
	args := dutyArgs(o, b, loc)
	args["travel_minutes"] = int(need / time.Minute)
	return &Error{Code: EConflict, Rule: RuleTravel, Args: args,
		Message: fmt.Sprintf("%s needs %d minutes to travel from or to the duty at %s from %s to %s",
			planOfficerName(*o), int(need/time.Minute), planSiteLabel(b), fmtTime(b.Start, loc), fmtTime(b.End, loc))}
}

// holdWeeklyRest: every WeeklyRestDays days in a row hold WeeklyRestMinutes
// in a row with no duty. Equivalently, a block of duties each less than the
// rest apart spans at most the window less two rests: a window that starts
// just under a rest before the block begins holds no full rest before the
// block ends, so the next rest must begin at most a rest before the window
// ends.
func holdWeeklyRest(h *holdCase) *Error {
	r, a, o, loc := h.rules(), h.duty, &h.c.Officer, h.c.Loc
	limit := r.weeklyBlock()
	if limit <= 0 {
		return nil
	}
	rest := time.Duration(r.WeeklyRestMinutes) * time.Minute
	var list []*Assignment
	for i := range h.c.Duties {
		if b := &h.c.Duties[i]; h.counts(b) {
			list = append(list, b)
		}
	}
	list = append(list, a)
	slices.SortFunc(list, func(x, y *Assignment) int { return x.Start.Compare(y.Start) })
	i := slices.Index(list, a)
	bs, be := a.Start, a.End
	first, last := i, i
	for j := i - 1; j >= 0 && bs.Sub(list[j].End) < rest; j-- {
		bs, first = minTime(bs, list[j].Start), j
	}
	for j := i + 1; j < len(list) && list[j].Start.Sub(be) < rest; j++ {
		be, last = maxTime(be, list[j].End), j
	}
	if be.Sub(bs) <= limit {
		return nil
	}
	b := list[first]
	if b == a {
		b = list[last]
	}
	args := dutyArgs(o, b, loc)
	args["from"], args["to"] = bs.In(loc).Format(time.RFC3339), be.In(loc).Format(time.RFC3339)
	args["rest_hours"], args["days"] = float64(r.WeeklyRestMinutes)/60, r.WeeklyRestDays
	return &Error{Code: EConflict, Rule: RuleWeeklyRest, Args: args,
		Message: fmt.Sprintf("%s would have no %g hours in a row off in %d days: duties from %s to %s, with the duty at %s from %s",
			planOfficerName(*o), float64(r.WeeklyRestMinutes)/60, r.WeeklyRestDays, fmtTime(bs, loc), fmtTime(be, loc),
			planSiteLabel(b), fmtTime(b.Start, loc))}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
