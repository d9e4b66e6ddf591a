package roster

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

// ---- fixtures ----------------------------------------------------------

func ptLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func ptDay(y int, m time.Month, day int) Date { return NewDate(y, m, day) }

func ptClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// ptCalendar is Monday–Friday with days off and swapped working days.
type ptCalendar struct{ off, on map[Date]bool }

func (c ptCalendar) IsWorkday(d Date) bool {
	if c.on[d] {
		return true
	}
	if c.off[d] {
		return false
	}
	return MondayToFriday{}.IsWorkday(d)
}

func ptTeam(n int) []Officer {
	out := make([]Officer, n)
	for i := range out {
		out[i] = Officer{ID: int64(i + 1), FullName: fmt.Sprintf("Officer %d", i+1), Kind: KindLegalAidOfficer, Active: true}
	}
	return out
}

func ptSlot(name, start, end string, officers, backups int, days SlotDays) Slot {
	return Slot{Name: name, Start: ptClock(start), End: ptClock(end), Officers: officers, Backups: backups, Days: days}
}

// ptCourt is a court reception with a morning and an afternoon workday slot.
func ptCourt(id int64, code string) Site {
	return Site{ID: id, Code: code, Name: "TAND " + code, Kind: SiteCourt, Slots: []Slot{
		ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays),
		ptSlot("Chiều", "13:30", "17:00", 1, 0, Workdays),
	}}
}

// ptPhoneLine is 24/7 phone duty: day 07:30–17:00 and night 17:00–07:30,
// each with one primary and one backup.
func ptPhoneLine(id int64, code string) Site {
	return Site{ID: id, Code: code, Name: "Trực điện thoại " + code, Kind: SiteOffice, Slots: []Slot{
		ptSlot("Ngày", "07:30", "17:00", 1, 1, Daily),
		ptSlot("Đêm", "17:00", "07:30", 1, 1, Daily),
	}}
}

func ptDuty(t testing.TB, loc *time.Location, site Site, slotName string, day Date, role AssignmentRole, officer, id int64) Assignment {
	t.Helper()
	sl, ok := site.Slot(slotName)
	if !ok {
		t.Fatalf("no slot %s", slotName)
	}
	s, e := sl.Window(day, loc)
	return Assignment{ID: id, SiteID: site.ID, SiteCode: site.Code, SlotName: sl.Name, Role: role,
		OfficerID: officer, Start: s, End: e, Status: Scheduled}
}

func ptAt(loc *time.Location, day Date, hhmm string) time.Time {
	return day.In(loc).Add(time.Duration(ptClock(hhmm)) * time.Minute)
}

// ---- independent checker ------------------------------------------------

// ptViolations checks a plan against the hard rules without the planner's
// indexes: naive loops over everything.
func ptViolations(in PlanInput, res PlanResult) []string {
	var out []string
	bad := func(f string, a ...any) { out = append(out, fmt.Sprintf(f, a...)) }
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	var cal WorkdayCalendar = MondayToFriday{}
	if in.Calendar != nil {
		cal = in.Calendar
	}
	cands := map[int64]Officer{}
	for _, o := range in.Officers {
		if _, ok := cands[o.ID]; !ok {
			cands[o.ID] = o
		}
	}
	siteOf := func(a Assignment) (Site, bool) {
		for _, s := range in.Sites {
			if a.SiteID != 0 && a.SiteID == s.ID {
				return s, true
			}
		}
		for _, s := range in.Sites {
			if a.SiteCode != "" && strings.EqualFold(a.SiteCode, s.Code) {
				return s, true
			}
		}
		return Site{}, false
	}
	inRange := func(t time.Time) bool {
		day := DateOf(t.In(loc))
		return !day.Before(in.From) && !day.After(in.To)
	}

	// Keep and Cancel partition the existing slot duties of the range.
	decided := map[int64]int{}
	var others []Assignment // duties the planner does not decide on
	for _, a := range in.Existing {
		if a.Status == Cancelled {
			continue
		}
		if _, ok := siteOf(a); ok && a.SlotName != "" && inRange(a.Start) {
			decided[a.ID]++
		} else {
			others = append(others, a)
		}
	}
	for _, a := range in.Busy {
		if a.Status != Cancelled {
			others = append(others, a)
		}
	}
	seen := map[int64]int{}
	for _, a := range slices.Concat(res.Keep, res.Cancel) {
		seen[a.ID]++
	}
	if !reflect.DeepEqual(seen, decided) && (len(seen) > 0 || len(decided) > 0) {
		bad("Keep+Cancel %v is not the decided existing %v", seen, decided)
	}
	if len(res.CancelReasons) != len(res.Cancel) {
		bad("%d cancel reasons for %d cancelled", len(res.CancelReasons), len(res.Cancel))
	}
	for i, r := range res.CancelReasons {
		if r == "" {
			bad("cancelled duty %d has no reason", res.Cancel[i].ID)
		}
	}
	for _, a := range res.Add {
		if a.ID != 0 || a.Status != Scheduled || (a.Role != Primary && a.Role != Backup) || a.SlotName == "" || a.SiteCode == "" {
			bad("malformed new duty %+v", a)
		}
	}

	roster := slices.Concat(res.Keep, res.Add)
	type occKey struct {
		site, slot string
		day        Date
	}
	filled := map[occKey][2]int{}
	perDaySite := map[string]int{}
	for _, a := range roster {
		o, ok := cands[a.OfficerID]
		if !ok {
			bad("officer %d is not a candidate", a.OfficerID)
			continue
		}
		if !o.Active {
			bad("officer %d is inactive", o.ID)
		}
		site, ok := siteOf(a)
		if !ok {
			bad("duty at unknown site %s", a.SiteCode)
			continue
		}
		sl, ok := site.Slot(a.SlotName)
		day := DateOf(a.Start.In(loc))
		if !ok {
			bad("unknown slot %s", a.SlotName)
			continue
		}
		if !inRange(a.Start) || !site.OpenOn(day) || !sl.RunsOn(day, cal.IsWorkday(day)) {
			bad("%s %s on %s: no such occurrence", site.Code, sl.Name, day)
		}
		if s, e := sl.Window(day, loc); !s.Equal(a.Start) || !e.Equal(a.End) {
			bad("%s %s on %s: window %v–%v, want %v–%v", site.Code, sl.Name, day, a.Start, a.End, s, e)
		}
		if !o.HasSpecialty(sl.Specialty) {
			bad("officer %d lacks %s", o.ID, sl.Specialty)
		}
		for _, l := range in.Leaves {
			if s, e := l.Span(loc); l.OfficerID == o.ID && Overlaps(a.Start, a.End, s, e) {
				bad("officer %d on leave %s–%s holds %s %s %v", o.ID, l.From, l.To, site.Code, sl.Name, a.Start)
			}
		}
		k := occKey{site.Code, sl.Name, day}
		c := filled[k]
		if a.Role == Backup {
			c[1]++
		} else {
			c[0]++
		}
		filled[k] = c
		perDaySite[fmt.Sprintf("%d/%s/%s", o.ID, site.Code, day)]++
	}
	for k, n := range perDaySite {
		if n > 1 {
			bad("%s: %d slots of one day at one site", k, n)
		}
	}
	// No officer in two places at once: every pair of an officer's duties
	// in which at least one is the plan's.
	all := slices.Concat(others, roster)
	byOfficer := map[int64][]int{}
	for j, a := range all {
		byOfficer[a.OfficerID] = append(byOfficer[a.OfficerID], j)
	}
	for _, js := range byOfficer {
		for x, i := range js {
			for _, j := range js[x+1:] {
				a, b := all[i], all[j]
				if j >= len(others) && Overlaps(a.Start, a.End, b.Start, b.End) {
					bad("officer %d: %s %s %v clashes with %s %s %v", a.OfficerID, a.SiteCode, a.SlotName, a.Start, b.SiteCode, b.SlotName, b.Start)
				}
			}
		}
	}
	// Monthly limits, for every month in which the plan holds a duty.
	type om struct {
		id    int64
		y     int
		month time.Month
	}
	count, planned := map[om]int{}, map[om]bool{}
	for i, a := range all {
		y, m, _ := a.Start.In(loc).Date()
		count[om{a.OfficerID, y, m}]++
		if i >= len(others) {
			planned[om{a.OfficerID, y, m}] = true
		}
	}
	for k := range planned {
		if lim := cands[k.id].MonthlyLimit; lim > 0 && count[k] > lim {
			bad("officer %d has %d duties in %d-%02d, limit %d", k.id, count[k], k.y, k.month, lim)
		}
	}
	// Every occurrence filled or reported.
	missing := map[occKey][2]int{}
	for _, u := range res.Uncovered {
		if u.Missing <= 0 || u.Reason == "" {
			bad("uncovered %+v without count or reason", u)
		}
		k := occKey{u.Site, u.Slot, u.Date}
		c := missing[k]
		if u.Role == Backup {
			c[1] += u.Missing
		} else {
			c[0] += u.Missing
		}
		missing[k] = c
	}
	want := map[occKey]bool{}
	for day := in.From; !day.After(in.To); day = day.AddDays(1) {
		for _, s := range in.Sites {
			if !s.OpenOn(day) {
				continue
			}
			for _, sl := range s.Slots {
				if !sl.RunsOn(day, cal.IsWorkday(day)) {
					continue
				}
				k := occKey{s.Code, sl.Name, day}
				want[k] = true
				f, m := filled[k], missing[k]
				if f[0]+m[0] != max(sl.Officers, 0) || f[1]+m[1] != max(sl.Backups, 0) {
					bad("%s %s %s: %d+%d primary, %d+%d backup filled+missing, want %d and %d",
						s.Code, sl.Name, day, f[0], m[0], f[1], m[1], sl.Officers, sl.Backups)
				}
			}
		}
	}
	for k := range filled {
		if !want[k] {
			bad("duty at %v which is not an occurrence", k)
		}
	}
	for k := range missing {
		if !want[k] {
			bad("uncovered %v which is not an occurrence", k)
		}
	}
	slices.Sort(out)
	return out
}

// ptPlan runs Plan, fails the test on any hard-rule violation and checks it
// is deterministic.
func ptPlan(t testing.TB, in PlanInput) PlanResult {
	t.Helper()
	res := Plan(in)
	if v := ptViolations(in, res); len(v) > 0 {
		t.Fatalf("%d hard-rule violations, first: %s", len(v), strings.Join(v[:min(len(v), 5)], "\n"))
	}
	if again := Plan(in); !reflect.DeepEqual(res, again) {
		t.Fatal("Plan is not deterministic")
	}
	return res
}

// ptCount returns duties per officer ID, for the officers given.
func ptCount(as []Assignment, ptIDs []int64, keep func(Assignment) bool) map[int64]int {
	out := map[int64]int{}
	for _, id := range ptIDs {
		out[id] = 0
	}
	for _, a := range as {
		if _, ok := out[a.OfficerID]; ok && (keep == nil || keep(a)) {
			out[a.OfficerID]++
		}
	}
	return out
}

func ptSpread(m map[int64]int) int {
	if len(m) == 0 {
		return 0
	}
	lo, hi := math.MaxInt, math.MinInt
	for _, v := range m {
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi - lo
}

func ptIDs(os []Officer) []int64 {
	out := make([]int64, len(os))
	for i, o := range os {
		out[i] = o.ID
	}
	return out
}

func ptDates(as []Assignment, loc *time.Location) []string {
	var out []string
	for _, a := range as {
		out = append(out, DateOf(a.Start.In(loc)).String()+" "+a.SlotName)
	}
	slices.Sort(out)
	return out
}
