package roster

import (
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
	// Rules are the Center's safe-plan settings (nil: DefaultRuleSettings).
	// For the weekly rest, Busy and Existing should reach a week before
	// From and after To.
	Rules *RuleSettings
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
	Rule       string    // rule key of the main reason (RuleRest, RuleMonthlyLimit, …; RuleNoOneFree without candidates)
	Reason     string    // e.g. "no eligible officer: 3 on leave, 2 busy, 1 over monthly limit"
	Missing    int       // officers still needed in this role
	Start, End time.Time // the occurrence's window
}

// OfficerLoad is one officer's share of a plan: what fairness is measured on.
type OfficerLoad struct {
	OfficerID int64
	Duties    int     // duties kept or added in the range, at the planned sites
	Weight    float64 // their weight (RuleSettings.FairByWeight; else Duties): what fairness balances
	Backups   int     // of which as backup
	Unpopular int     // of which unpopular (nights, weekends and holidays, the afternoon before a day off)
	DaysOff   int     // days of the range on leave
	Carry     float64 // history's offset from the team's median, capped (see PlanInput.HistoryCap)
	// Share is the officer's fair share of the range's positions: each day's
	// positions divided equally among the candidates not on leave that day.
	// Duties+Carry-Share is near 0 for everyone in a balanced plan.
	Share float64
}

// Plan fills every slot occurrence of in.Sites from in.From to in.To,
// keeping the existing duties that are still valid. It is pure and
// deterministic: the same input gives the same output.
//
// Hard rules, never broken: an officer is never in two places at once, never
// on leave, always active, has the slot's specialty, stays within the
// monthly limit, and holds at most one slot (one role) of one day at one
// site; and the safe-plan rules of MayHold under in.Rules: never when
// unavailable, the rest after a night or long duty, at most 16 hours in 24,
// one area a day and the travel time between sites, a weekly rest. A
// position nobody can take goes to Uncovered with the reason and its rule.
// Preferred sites are a soft wish (a penalty, see planPenNotPreferred).
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
	pl.initSafe()
	pl.buildDays()
	pl.buildOccurrences()
	pl.weigh()
	pl.buildOfficers()
	pl.buildUnavailability()
	pl.loadBlocking()
	pl.validateExisting()
	pl.entitlements()
	pl.sweep()
	return pl.result()
}
