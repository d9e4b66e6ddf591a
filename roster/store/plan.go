package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// PlanRequest asks to plan sites over a range of days with a pool of officers.
type PlanRequest struct {
	SiteIDs    []int64
	From, To   roster.Date
	OfficerIDs []int64 // nil: every active officer
	DryRun     bool    // compute only; nothing is written
	Together   bool    // asked as several sites planned together (POST /plan), even if one
}

// PlanOutcome is a plan and what applying it did.
type PlanOutcome struct {
	Result roster.PlanResult
	Added  []roster.Assignment // as stored (with ids), or as planned in a dry run
}

// historyMonths is how far back duties count towards the balance.
const historyMonths = 12

// Plan runs the planner and, unless DryRun, applies the result in one
// transaction: it locks the sites and the candidate officers first, so the
// data the planner sees cannot change before the plan is written, then
// cancels the duties no longer valid and inserts the new ones.
func (s *Store) Plan(ctx context.Context, actor string, req PlanRequest) (PlanOutcome, error) {
	var out PlanOutcome
	run := func(tx *gorm.DB) error {
		if !req.DryRun && s.dialect == "postgres" {
			if err := tx.Exec("SELECT id FROM sites WHERE id IN ? ORDER BY id FOR UPDATE", req.SiteIDs).Error; err != nil {
				return err
			}
		}
		in, err := s.planInput(tx, req)
		if err != nil {
			return err
		}
		out.Result = roster.Plan(in)
		out.Added = out.Result.Add
		if req.DryRun {
			return nil
		}
		out.Added, err = s.applyPlan(tx, actor, req, in.Sites, out.Result)
		return err
	}
	var err error
	if req.DryRun {
		err = mapErr(run(s.db.WithContext(ctx)))
	} else {
		err = s.writeTx(ctx, run)
	}
	return out, err
}

// planInput gathers the planner's input inside tx (locking the candidates
// when tx writes on PostgreSQL).
func (s *Store) planInput(tx *gorm.DB, req PlanRequest) (roster.PlanInput, error) {
	rules, err := s.ruleSettingsTx(tx)
	if err != nil {
		return roster.PlanInput{}, err
	}
	in := roster.PlanInput{From: req.From, To: req.To, Loc: s.loc, Rules: &rules}
	for _, id := range req.SiteIDs {
		site, err := s.siteWhereTx(tx, "id = ?", id)
		if err != nil {
			return in, err
		}
		in.Sites = append(in.Sites, site)
	}
	f := OfficerFilter{IDs: req.OfficerIDs}
	if req.OfficerIDs == nil {
		active := true
		f.Active = &active
	}
	byID, list, err := officersByIDTx(tx, f)
	if err != nil {
		return in, err
	}
	ids := req.OfficerIDs
	if ids == nil {
		for _, o := range list {
			ids = append(ids, o.ID)
		}
	}
	for i, id := range ids {
		o, ok := byID[id]
		if !ok {
			return in, roster.Invalid(roster.FieldError{Field: fmt.Sprintf("officer_ids[%d]", i), Code: roster.RuleNotFound, Message: fmt.Sprintf("officer %d does not exist", id)})
		}
		in.Officers = append(in.Officers, o) // the manager's order
	}
	if !req.DryRun && len(ids) > 0 {
		if err := s.lockOfficers(tx, ids...); err != nil {
			return in, err
		}
	}
	// The window the planner looks at: whole months around the range, plus
	// a day either side for duties past midnight, and at least the week
	// either side the weekly rest looks at.
	winStart := time.Date(req.From.Year, req.From.Month, 1, 0, 0, 0, 0, s.loc).AddDate(0, 0, -1)
	winEnd := time.Date(req.To.Year, req.To.Month, 1, 0, 0, 0, 0, s.loc).AddDate(0, 1, 1)
	winStart = minTime(winStart, req.From.In(s.loc).AddDate(0, 0, -planRuleDays))
	winEnd = maxTime(winEnd, req.To.In(s.loc).AddDate(0, 0, planRuleDays+1))
	leaves, err := s.listLeavesTx(tx, ids, roster.DateOf(winStart), roster.DateOf(winEnd))
	if err != nil {
		return in, err
	}
	in.Leaves = leaves
	atSites, err := s.listAssignments(tx, AssignmentFilter{SiteIDs: req.SiteIDs, From: winStart, To: winEnd})
	if err != nil {
		return in, err
	}
	in.Existing = atSites
	mine, err := s.listAssignments(tx, AssignmentFilter{OfficerIDs: ids, From: winStart, To: winEnd})
	if err != nil {
		return in, err
	}
	planned := map[int64]bool{}
	for _, id := range req.SiteIDs {
		planned[id] = true
	}
	for _, a := range mine {
		if !planned[a.SiteID] {
			in.Busy = append(in.Busy, a)
		}
	}
	cal, err := s.workCalendarTx(tx)
	if err != nil {
		return in, err
	}
	in.Calendar = cal
	// History: duties at these sites in the months before the range.
	from := req.From.In(s.loc)
	var hist []struct {
		OfficerID int64
		N         int64
	}
	err = tx.Model(&assignmentRow{}).Select("officer_id, COUNT(*) AS n").
		Where("site_id IN ? AND status = ? AND starts_at >= ? AND starts_at < ? AND officer_id IN ?",
			req.SiteIDs, roster.Scheduled, ts(from.AddDate(0, -historyMonths, 0)), ts(from), orNone(ids)).
		Group("officer_id").Scan(&hist).Error
	if err != nil {
		return in, err
	}
	in.History = map[int64]float64{}
	for _, h := range hist {
		in.History[h.OfficerID] = float64(h.N)
	}
	return in, nil
}

// applyPlan cancels and inserts inside tx, returning the stored new duties.
// The run is one audit entry (action "plan", entity "plan", the site codes
// as entity id) listing what it changed, not one entry per duty: its
// detail is {"sites","from","to","added":[[assignment id, officer id],…],
// "cancelled":[[assignment id, officer id],…]}. The duties themselves
// carry the rest (site, slot, role, times, who wrote them).
func (s *Store) applyPlan(tx *gorm.DB, actor string, req PlanRequest, sites []roster.Site, res roster.PlanResult) ([]roster.Assignment, error) {
	cancelled, err := s.cancelRows(tx, actor, res.Cancel)
	if err != nil {
		return nil, err
	}
	out := []roster.Assignment{}
	if len(res.Add) > 0 {
		now := ts(s.now())
		rows := make([]assignmentRow, len(res.Add))
		for i, a := range res.Add {
			rows[i] = assignmentRow{SiteID: a.SiteID, SlotName: a.SlotName, Role: string(a.Role), OfficerID: a.OfficerID,
				StartsAt: ts(a.Start), EndsAt: ts(a.End), Status: string(roster.Scheduled), Version: 1, UpdatedBy: actor, CreatedAt: now, UpdatedAt: now}
		}
		if err := tx.Omit("SiteCode").CreateInBatches(&rows, 200).Error; err != nil {
			return nil, err
		}
		out = make([]roster.Assignment, len(rows))
		for i, r := range rows {
			r.SiteCode = res.Add[i].SiteCode
			out[i] = r.domain(s.loc)
		}
	}
	if len(out) == 0 && len(cancelled) == 0 {
		return out, nil
	}
	codes := make([]string, len(sites))
	for i, site := range sites {
		codes[i] = site.Code
	}
	pairs := func(as []roster.Assignment) [][2]int64 {
		p := make([][2]int64, len(as))
		for i, a := range as {
			p[i] = [2]int64{a.ID, a.OfficerID}
		}
		return p
	}
	detail := jsonDetail(map[string]any{"sites": codes, "from": req.From.String(), "to": req.To.String(),
		"added": pairs(out), "cancelled": pairs(cancelled)})
	return out, s.audit(tx, actor, "plan", "plan", strings.Join(codes, ","), detail)
}
