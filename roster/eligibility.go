package roster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CandidateState is what MayHold needs to know about an officer who would
// hold a duty. On a writing path the store loads it inside the writing
// transaction, under the officer's row lock, so nothing changes before the
// duty is written.
type CandidateState struct {
	Officer Officer
	// Site is the duty's site, with its slots.
	Site Site
	// Leaves are the officer's leaves; at least those touching the duty.
	Leaves []Leave
	// Duties are the officer's other duties: at least the scheduled ones
	// overlapping the duty, on its day at its site, and in its calendar
	// month (for the monthly limit). The duty itself (by ID), cancelled
	// duties and duties of other officers are ignored.
	Duties []Assignment
	// Loc is the Center's time zone (UTC when nil).
	Loc *time.Location
	// Rules are the Center's settings of the safe-plan rules (nil:
	// DefaultRuleSettings). For the weekly rest, Duties should hold the
	// officer's duties within a week either side of the duty.
	Rules *RuleSettings
}

// HoldRules says how MayHold applies the rules.
type HoldRules struct {
	// Override is a manager's reason to break the soft rules (see
	// SoftRule) knowingly; "" enforces them. The caller checks the role
	// and records the reason in the audit log.
	Override string
	// Exclude are duties changing hands in the same step (a swap): they
	// are not counted as the officer's.
	Exclude []int64
}

// MayHold decides whether candidate.Officer may hold duty: nil, or an
// *Error whose Rule names the rule broken and whose Args name what it
// breaks against. It is the one rule of lichtruc: booking, reassigning,
// swaps, outreach staffing and the planner all ask it.
//
// Rules, in the order they are checked:
//
//	422 (EInvalid):  a duty ends after it starts (RuleInvalid), RuleInactive,
//	                 RuleNotEligible, RuleSpecialty, RuleSiteClosed
//	409 (EConflict): RuleLeave, RuleClash, RuleSameDay, RuleUnavailable,
//	                 RuleRest, RuleLength, RuleArea, RuleTravel,
//	                 RuleWeeklyRest (eligibility_safe.go), and the soft
//	                 RuleMonthlyLimit unless rules.Override is given.
//
// Only RuleMonthlyLimit is soft (SoftRule): the rest, length, area, travel,
// weekly-rest and availability rules are hard and no override breaks them.
func MayHold(duty Assignment, candidate CandidateState, rules HoldRules) error {
	if candidate.Loc == nil {
		candidate.Loc = time.UTC
	}
	h := holdCase{duty: &duty, c: &candidate, r: &rules}
	for _, check := range holdChecks {
		if err := check(&h); err != nil {
			return err
		}
	}
	return nil
}

// holdCase is one question to MayHold.
type holdCase struct {
	duty *Assignment
	c    *CandidateState
	r    *HoldRules
}

// counts reports whether b is one of the officer's other live duties.
func (h *holdCase) counts(b *Assignment) bool {
	a := h.duty
	return b.OfficerID == h.c.Officer.ID && b.Status != Cancelled && (a.ID == 0 || b.ID != a.ID) && !slices.Contains(h.r.Exclude, b.ID)
}

// holdChecks are the rules of MayHold in order; each returns nil or the
// *Error of its rule.
var holdChecks = [...]func(*holdCase) *Error{
	holdWindow, holdActive, holdEligible, holdSpecialty, holdSiteOpen, holdLeave, holdClash, holdSameDay,
	holdUnavailable, holdRest, holdLength, holdArea, holdTravel, holdWeeklyRest, holdMonthlyLimit,
}

func holdWindow(h *holdCase) *Error {
	if !h.duty.End.After(h.duty.Start) {
		return &Error{Code: EInvalid, Rule: RuleInvalid, Message: "a duty must end after it starts"}
	}
	if h.duty.End.Sub(h.duty.Start) > MaxDutyLength {
		return &Error{Code: EInvalid, Rule: RuleRange, Args: map[string]any{"max_hours": int(MaxDutyLength / time.Hour)},
			Message: fmt.Sprintf("a duty lasts at most %d hours", int(MaxDutyLength/time.Hour))}
	}
	return nil
}

func holdActive(h *holdCase) *Error {
	if o := h.c.Officer; !o.Active {
		return &Error{Code: EInvalid, Rule: RuleInactive, Args: map[string]any{"officer_id": o.ID},
			Message: fmt.Sprintf("%s is not active", planOfficerName(o))}
	}
	return nil
}

func holdEligible(h *holdCase) *Error {
	site := h.c.Site
	if o := h.c.Officer; site.ID != 0 && !o.MayServeAt(site) {
		return errNotEligible(o, site)
	}
	return nil
}

func errNotEligible(o Officer, site Site) *Error {
	return &Error{Code: EInvalid, Rule: RuleNotEligible, Args: map[string]any{"officer_id": o.ID, "site": site.Code},
		Message: fmt.Sprintf("%s does not serve at %s", planOfficerName(o), site.Code)}
}

func holdSpecialty(h *holdCase) *Error {
	if h.duty.SlotName == "" {
		return nil
	}
	sl, ok := h.c.Site.Slot(h.duty.SlotName)
	if o := h.c.Officer; ok && !o.HasSpecialty(sl.Specialty) {
		return errSpecialty(o, sl)
	}
	return nil
}

func errSpecialty(o Officer, sl Slot) *Error {
	return &Error{Code: EInvalid, Rule: RuleSpecialty, Args: map[string]any{"officer_id": o.ID, "specialty": sl.Specialty, "slot": sl.Name},
		Message: fmt.Sprintf("%s does not practise %s, which slot %s requires", planOfficerName(o), sl.Specialty, sl.Name)}
}

func holdSiteOpen(h *holdCase) *Error {
	site := &h.c.Site
	if site.Code == "" && site.ID == 0 {
		return nil
	}
	day := DateOf(h.duty.Start.In(h.c.Loc))
	if !site.OpenOn(day) {
		return &Error{Code: EInvalid, Rule: RuleSiteClosed, Args: map[string]any{"site": site.Code, "date": day.String()},
			Message: fmt.Sprintf("%s is not open on %s", site.Code, day)}
	}
	return nil
}

func holdLeave(h *holdCase) *Error {
	o, loc := &h.c.Officer, h.c.Loc
	var hit *Leave
	for i := range h.c.Leaves {
		l := &h.c.Leaves[i]
		if l.OfficerID != 0 && l.OfficerID != o.ID {
			continue
		}
		if s, e := l.Span(loc); Overlaps(h.duty.Start, h.duty.End, s, e) {
			if hit == nil || cmp.Or(l.From.Compare(hit.From), cmp.Compare(l.ID, hit.ID)) < 0 {
				hit = l
			}
		}
	}
	if hit == nil {
		return nil
	}
	return &Error{Code: EConflict, Rule: RuleLeave,
		Args:    map[string]any{"officer_id": o.ID, "leave_id": hit.ID, "from": hit.From.String(), "to": hit.To.String()},
		Message: fmt.Sprintf("%s is on leave from %s to %s", planOfficerName(*o), hit.From, hit.To)}
}

// earliest returns the earliest counted duty for which match holds.
func (h *holdCase) earliest(match func(b *Assignment) bool) *Assignment {
	var hit *Assignment
	for i := range h.c.Duties {
		b := &h.c.Duties[i]
		if !h.counts(b) || !match(b) {
			continue
		}
		if hit == nil || cmp.Or(b.Start.Compare(hit.Start), b.End.Compare(hit.End), cmp.Compare(b.ID, hit.ID)) < 0 {
			hit = b
		}
	}
	return hit
}

// dutyArgs are the arguments naming another duty b.
func dutyArgs(o *Officer, b *Assignment, loc *time.Location) map[string]any {
	args := map[string]any{"officer_id": o.ID, "assignment_id": b.ID, "start": b.Start.In(loc).Format(time.RFC3339),
		"end": b.End.In(loc).Format(time.RFC3339), "site": b.SiteCode}
	if b.SlotName != "" {
		args["slot"] = b.SlotName
	}
	if b.SessionID != nil {
		args["outreach_id"] = *b.SessionID
	}
	return args
}

func holdClash(h *holdCase) *Error {
	a, o, loc := h.duty, &h.c.Officer, h.c.Loc
	b := h.earliest(func(b *Assignment) bool { return Overlaps(a.Start, a.End, b.Start, b.End) })
	if b == nil {
		return nil
	}
	return &Error{Code: EConflict, Rule: RuleClash, Args: dutyArgs(o, b, loc),
		Message: fmt.Sprintf("%s is already on duty at %s from %s to %s", planOfficerName(*o), planSiteLabel(b),
			b.Start.In(loc).Format("2006-01-02 15:04"), b.End.In(loc).Format("2006-01-02 15:04"))}
}

func holdSameDay(h *holdCase) *Error {
	a, o, loc, site := h.duty, &h.c.Officer, h.c.Loc, &h.c.Site
	if a.SlotName == "" {
		return nil
	}
	day := DateOf(a.Start.In(loc))
	b := h.earliest(func(b *Assignment) bool {
		return b.SlotName != "" && planSameSite(b, site) && DateOf(b.Start.In(loc)) == day
	})
	if b == nil {
		return nil
	}
	msg := fmt.Sprintf("%s already holds slot %s at %s on %s", planOfficerName(*o), b.SlotName, site.Code, day)
	if strings.EqualFold(a.SlotName, b.SlotName) {
		msg = fmt.Sprintf("%s is already %s of slot %s at %s on %s", planOfficerName(*o), b.Role, b.SlotName, site.Code, day)
	}
	return &Error{Code: EConflict, Rule: RuleSameDay, Args: dutyArgs(o, b, loc), Message: msg}
}

func holdMonthlyLimit(h *holdCase) *Error {
	o, loc := &h.c.Officer, h.c.Loc
	if o.MonthlyLimit <= 0 || h.r.Override != "" {
		return nil
	}
	y, m, _ := h.duty.Start.In(loc).Date()
	n := 0
	for i := range h.c.Duties {
		b := &h.c.Duties[i]
		if by, bm, _ := b.Start.In(loc).Date(); h.counts(b) && by == y && bm == m {
			n++
		}
	}
	if n < o.MonthlyLimit {
		return nil
	}
	month := fmt.Sprintf("%04d-%02d", y, int(m))
	return &Error{Code: EConflict, Rule: RuleMonthlyLimit, Args: map[string]any{"officer_id": o.ID, "limit": o.MonthlyLimit, "duties": n, "month": month},
		Message: fmt.Sprintf("%s already has %d duties in %s, the monthly limit", planOfficerName(*o), n, month)}
}

// planSameSite reports whether duty a is at site.
func planSameSite(a *Assignment, site *Site) bool {
	if a.SiteID != 0 && site.ID != 0 {
		return a.SiteID == site.ID
	}
	return a.SiteCode != "" && strings.EqualFold(a.SiteCode, site.Code)
}

func planSiteLabel(a *Assignment) string {
	switch {
	case a.SessionID != nil:
		return "an outreach session"
	case a.SiteCode != "":
		return a.SiteCode
	}
	return fmt.Sprintf("site %d", a.SiteID)
}

func planOfficerName(o Officer) string {
	if o.FullName != "" {
		return o.FullName
	}
	return fmt.Sprintf("officer %d", o.ID)
}
