package roster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RuleSettings are the Center's settings of the safe-plan rules (rest,
// length, travel and area, weekly rest). Every path applies them through
// MayHold, and the planner through the same predicates. A zero limit turns
// its rule off. DefaultRuleSettings gives the defaults, which follow the
// Labour Code 2019 (art. 109(3): 12 hours' rest before another shift; art.
// 111: 24 hours in a row off each week).
type RuleSettings struct {
	// RestMinutes must pass after a duty that ends at or after RestAfter
	// (or runs past midnight), or lasts LongDutyMinutes or more, before the
	// officer's next duty. Default 720 (12 h).
	RestMinutes int `json:"rest_minutes"`
	// RestAfter is the time of day from which a duty ending then needs the
	// rest. Default 22:00.
	RestAfter Clock `json:"rest_after"`
	// LongDutyMinutes is the length from which a duty needs the rest.
	// Default 480 (8 h).
	LongDutyMinutes int `json:"long_duty_minutes"`
	// MaxDutyMinutesPer24 is the most time on duty in any 24 hours.
	// Default 960 (16 h).
	MaxDutyMinutesPer24 int `json:"max_duty_minutes_per_24h"`
	// OneAreaADay: an officer serves sites of one area on a day (the day a
	// duty starts). Default true.
	OneAreaADay bool `json:"one_area_a_day"`
	// TravelBetweenAreasMinutes must pass between duties at sites of two
	// different areas; TravelWithinAreaMinutes between duties at two
	// different sites of one area (or whose area is unknown). Defaults 60
	// and 0.
	TravelBetweenAreasMinutes int `json:"travel_between_areas_minutes"`
	TravelWithinAreaMinutes   int `json:"travel_within_area_minutes"`
	// WeeklyRestMinutes in a row with no duty in every WeeklyRestDays days
	// in a row. Defaults 1440 (24 h) and 7.
	WeeklyRestMinutes int `json:"weekly_rest_minutes"`
	WeeklyRestDays    int `json:"weekly_rest_days"`
	// FairByWeight: the planner balances the weight of duties, not their
	// number: a duty weighs its hours, an unpopular one (nights, days off)
	// UnpopularPercent more, scaled so the plan's mean duty weighs 1 (in
	// quarters); the planner compares counts moved by whole mean duties of
	// weight (see planOfficer.key), so hours end within about a mean duty
	// and the longest duty. Unpopular duties are also balanced by count,
	// apart. Defaults false and 25: with it on, a lone phone line still
	// gives a few duties on days in a row, 25 % makes Friday afternoons
	// drift at a court, and a year of 200 sites gives thousands of days in a
	// row (see the issue note). Monthly caps still count duties.
	FairByWeight     bool `json:"fair_by_weight"`
	UnpopularPercent int  `json:"unpopular_percent"`
}

// DefaultRuleSettings returns the documented defaults of the safe-plan rules.
func DefaultRuleSettings() RuleSettings {
	return RuleSettings{
		RestMinutes: 12 * 60, RestAfter: 22 * 60, LongDutyMinutes: 8 * 60,
		MaxDutyMinutesPer24: 16 * 60, OneAreaADay: true,
		TravelBetweenAreasMinutes: 60, TravelWithinAreaMinutes: 0,
		WeeklyRestMinutes: 24 * 60, WeeklyRestDays: 7,
		FairByWeight: false, UnpopularPercent: 25,
	}
}

// Validate reports the settings that make no sense, on the fields named
// by their JSON names under prefix (e.g. "rules.").
func (r RuleSettings) Validate(prefix string) error {
	var v Validator
	between := func(name string, x, lo, hi int) {
		v.Check(x >= lo && x <= hi, prefix+name, RuleRange, "must be from %d to %d", lo, hi)
	}
	between("rest_minutes", r.RestMinutes, 0, 48*60)
	between("rest_after", int(r.RestAfter), 0, 24*60-1)
	between("long_duty_minutes", r.LongDutyMinutes, 0, 48*60)
	between("max_duty_minutes_per_24h", r.MaxDutyMinutesPer24, 0, 24*60)
	between("travel_between_areas_minutes", r.TravelBetweenAreasMinutes, 0, 24*60)
	between("travel_within_area_minutes", r.TravelWithinAreaMinutes, 0, 24*60)
	between("weekly_rest_days", r.WeeklyRestDays, 0, 31)
	between("weekly_rest_minutes", r.WeeklyRestMinutes, 0, 7*24*60)
	between("unpopular_percent", r.UnpopularPercent, 0, 300)
	if r.WeeklyRestMinutes > 0 {
		v.Check(2*r.WeeklyRestMinutes < r.WeeklyRestDays*24*60, prefix+"weekly_rest_minutes", RuleRange,
			"must be less than half of weekly_rest_days")
	}
	return v.Err()
}

// needsRest reports whether a duty [s, e) in loc is followed by the rest:
// it lasts LongDutyMinutes or more, runs past midnight or ends at or after
// RestAfter.
func (r *RuleSettings) needsRest(s, e time.Time, loc *time.Location) bool {
	if r.RestMinutes <= 0 {
		return false
	}
	if r.LongDutyMinutes > 0 && e.Sub(s) >= time.Duration(r.LongDutyMinutes)*time.Minute {
		return true
	}
	s, e = s.In(loc), e.In(loc)
	if DateOf(e) != DateOf(s) {
		return true // runs past midnight
	}
	return Clock(e.Hour()*60+e.Minute()) >= r.RestAfter
}

// travelNeed is the time that must pass between duties at two different
// sites of areas a and b.
func (r *RuleSettings) travelNeed(a, b string) time.Duration {
	if a != "" && b != "" && !SameArea(a, b) {
		return time.Duration(r.TravelBetweenAreasMinutes) * time.Minute
	}
	return time.Duration(r.TravelWithinAreaMinutes) * time.Minute
}

// weeklyBlock is the longest stretch of duties, each less than the weekly
// rest apart, that keeps a weekly rest in every WeeklyRestDays days: the
// window less two rests (see holdWeeklyRest). 0 means the rule is off.
func (r *RuleSettings) weeklyBlock() time.Duration {
	if r.WeeklyRestMinutes <= 0 || r.WeeklyRestDays <= 0 {
		return 0
	}
	return time.Duration(r.WeeklyRestDays)*24*time.Hour - 2*time.Duration(r.WeeklyRestMinutes)*time.Minute
}

// SameArea reports whether two area names are the same area (ignoring case
// and surrounding space).
func SameArea(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// Unavailability is a recurring time an officer cannot hold duty: on the
// given weekdays, the whole day, or from Start to End when HasTimes (an End
// at or before Start runs into the next day).
type Unavailability struct {
	Weekdays   []time.Weekday
	HasTimes   bool
	Start, End Clock
}

// window returns the unavailable instants that begin on day d, if any.
func (u Unavailability) window(d Date, loc *time.Location) (start, end time.Time, ok bool) {
	if !slices.Contains(u.Weekdays, d.Weekday()) {
		return time.Time{}, time.Time{}, false
	}
	if !u.HasTimes {
		return d.In(loc), d.AddDays(1).In(loc), true
	}
	start, end = Slot{Start: u.Start, End: u.End}.Window(d, loc)
	return start, end, true
}

// String describes u in English, e.g. "tuesday 08:00–17:00".
func (u Unavailability) String() string {
	names := make([]string, len(u.Weekdays))
	for i, w := range u.Weekdays {
		names[i] = strings.ToLower(w.String())
	}
	s := strings.Join(names, ", ")
	if u.HasTimes {
		s += fmt.Sprintf(" %s–%s", u.Start, u.End)
	}
	return s
}

// Unavailable returns the first of o's unavailability windows that [s, e)
// overlaps, with the day it begins on.
func (o Officer) Unavailable(s, e time.Time, loc *time.Location) (Unavailability, Date, bool) {
	if len(o.Unavailability) == 0 {
		return Unavailability{}, Date{}, false
	}
	for d := DateOf(s.In(loc)).AddDays(-1); !d.After(DateOf(e.In(loc))); d = d.AddDays(1) {
		for _, u := range o.Unavailability {
			if us, ue, ok := u.window(d, loc); ok && Overlaps(s, e, us, ue) {
				return u, d, true
			}
		}
	}
	return Unavailability{}, Date{}, false
}

// ParseWeekday parses an English weekday name in lower case ("tuesday").
func ParseWeekday(s string) (time.Weekday, bool) {
	for w := time.Sunday; w <= time.Saturday; w++ {
		if s == strings.ToLower(w.String()) {
			return w, true
		}
	}
	return 0, false
}

// Prefers reports whether o has no preferred sites or prefers site code.
func (o Officer) Prefers(code string) bool {
	return len(o.PreferredSites) == 0 || slices.ContainsFunc(o.PreferredSites, func(p string) bool { return strings.EqualFold(p, code) })
}

// UnavailabilityJSON is an Unavailability as the API and the store write
// it: {"weekdays":["tuesday",…],"start"?:"HH:MM","end"?:"HH:MM"}.
type UnavailabilityJSON struct {
	Weekdays []string `json:"weekdays"`
	Start    string   `json:"start,omitempty"`
	End      string   `json:"end,omitempty"`
}

// JSON returns u as the API writes it.
func (u Unavailability) JSON() UnavailabilityJSON {
	out := UnavailabilityJSON{Weekdays: make([]string, len(u.Weekdays))}
	for i, w := range u.Weekdays {
		out.Weekdays[i] = strings.ToLower(w.String())
	}
	if u.HasTimes {
		out.Start, out.End = u.Start.String(), u.End.String()
	}
	return out
}

// Parse checks u, reporting problems on v under field (e.g.
// "unavailability[0]"), and returns it as an Unavailability.
func (u UnavailabilityJSON) Parse(v *Validator, field string) Unavailability {
	var out Unavailability
	v.Check(len(u.Weekdays) > 0, field+".weekdays", RuleRequired, "name at least one weekday")
	for i, s := range u.Weekdays {
		w, ok := ParseWeekday(s)
		if !ok {
			v.Add(fmt.Sprintf("%s.weekdays[%d]", field, i), RuleOneOf, "must be an English weekday in lower case (monday … sunday)")
			continue
		}
		if !slices.Contains(out.Weekdays, w) {
			out.Weekdays = append(out.Weekdays, w)
		}
	}
	if u.Start == "" && u.End == "" {
		return out
	}
	out.HasTimes = true
	for _, x := range []struct {
		name, s string
		to      *Clock
	}{{"start", u.Start, &out.Start}, {"end", u.End, &out.End}} {
		if x.s == "" {
			v.Add(field+"."+x.name, RuleRequired, "give both start and end, or neither for the whole day")
			continue
		}
		c, err := ParseClock(x.s)
		if err != nil {
			v.Add(field+"."+x.name, RuleFormat, "must be HH:MM")
			continue
		}
		*x.to = c
	}
	return out
}
