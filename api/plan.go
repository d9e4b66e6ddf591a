package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

type planInput struct {
	From       string  `json:"from"`
	To         string  `json:"to"`
	OfficerIDs []int64 `json:"officer_ids"`
	DryRun     bool    `json:"dry_run"`
}

type uncoveredJSON struct {
	Date    string `json:"date"`
	Site    string `json:"site"`
	Slot    string `json:"slot"`
	Role    string `json:"role"`
	Missing int    `json:"missing"`
	Reason  string `json:"reason"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

type cancelledJSON struct {
	assignmentJSON
	Reason string `json:"reason"`
}

type loadJSON struct {
	OfficerID int64   `json:"officer_id"`
	Duties    int     `json:"duties"`
	Backups   int     `json:"backups"`
	Unpopular int     `json:"unpopular"`
	DaysOff   int     `json:"days_off"`
	Share     float64 `json:"share"`
}

// planJSON is the answer of POST /sites/{code}/plan.
type planJSON struct {
	Site        string           `json:"site"`
	From        string           `json:"from"`
	To          string           `json:"to"`
	DryRun      bool             `json:"dry_run"`
	Assignments []assignmentJSON `json:"assignments"` // the range's duties after the plan: kept and added
	Added       int              `json:"added"`
	Kept        int              `json:"kept"`
	Cancelled   []cancelledJSON  `json:"cancelled"`
	Uncovered   []uncoveredJSON  `json:"uncovered"`
	Loads       []loadJSON       `json:"loads"`
}

// maxPlanDays is the longest range one plan covers.
const maxPlanDays = 366

// parsePlan validates a plan request for site.
func parsePlan(site roster.Site, in planInput) (store.PlanRequest, error) {
	var v roster.Validator
	from := parseDay(&v, "from", in.From)
	to := parseDay(&v, "to", in.To)
	if v.Err() == nil {
		v.Check(!to.Before(from), "to", roster.RuleRange, "must not be before from")
		v.Check(from.DaysUntil(to) < maxPlanDays, "to", roster.RuleRange, "a plan covers at most %d days", maxPlanDays)
	}
	req := store.PlanRequest{SiteIDs: []int64{site.ID}, From: from, To: to, DryRun: in.DryRun}
	if in.OfficerIDs != nil {
		v.Check(len(in.OfficerIDs) > 0, "officer_ids", roster.RuleRequired, "name at least one officer, or leave it out to use every active officer")
		req.OfficerIDs = []int64{}
		for i, id := range in.OfficerIDs {
			if id <= 0 {
				v.Add(fmt.Sprintf("officer_ids[%d]", i), roster.RuleInvalid, "must be an officer id")
			} else if !slices.Contains(req.OfficerIDs, id) {
				req.OfficerIDs = append(req.OfficerIDs, id)
			}
		}
	}
	v.Check(len(site.Slots) > 0, "site", roster.RuleInvalid, "site %s has no slots to plan", site.Code)
	return req, v.Err()
}

// runPlan plans (or previews) a site and renders the outcome; the planning
// page calls it too.
func (s *Server) runPlan(ctx context.Context, actor string, site roster.Site, req store.PlanRequest) (planJSON, error) {
	out, err := s.store.Plan(ctx, actor, req)
	if err != nil {
		return planJSON{}, err
	}
	res := out.Result
	all := append(slices.Clone(res.Keep), out.Added...)
	slices.SortStableFunc(all, func(a, b roster.Assignment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if a.Role != b.Role {
			if a.Role == roster.Primary {
				return -1
			}
			return 1
		}
		return int(a.OfficerID - b.OfficerID)
	})
	p := planJSON{Site: site.Code, From: req.From.String(), To: req.To.String(), DryRun: req.DryRun,
		Assignments: s.assignmentsJSON(all), Added: len(out.Added), Kept: len(res.Keep),
		Cancelled: []cancelledJSON{}, Uncovered: []uncoveredJSON{}, Loads: []loadJSON{}}
	for i, a := range res.Cancel {
		reason := ""
		if i < len(res.CancelReasons) {
			reason = res.CancelReasons[i]
		}
		a.Status = roster.Cancelled
		p.Cancelled = append(p.Cancelled, cancelledJSON{s.assignmentJSON(a), reason})
	}
	for _, u := range res.Uncovered {
		p.Uncovered = append(p.Uncovered, uncoveredJSON{Date: u.Date.String(), Site: u.Site, Slot: u.Slot, Role: string(u.Role),
			Missing: u.Missing, Reason: u.Reason, Start: u.Start.In(s.cfg.Loc).Format(time.RFC3339), End: u.End.In(s.cfg.Loc).Format(time.RFC3339)})
	}
	for _, l := range res.Loads {
		p.Loads = append(p.Loads, loadJSON{OfficerID: l.OfficerID, Duties: l.Duties, Backups: l.Backups, Unpopular: l.Unpopular,
			DaysOff: l.DaysOff, Share: float64(int(l.Share*100+0.5)) / 100})
	}
	return p, nil
}

// planSite fills a site's slots over a range: 201 with the roster, or 200
// with "dry_run": true and nothing saved.
func (s *Server) planSite(c *gin.Context) {
	var in planInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	req, err := parsePlan(site, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err := s.runPlan(ctx, actor(c), site, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusCreated
	if req.DryRun {
		status = http.StatusOK
	}
	c.JSON(status, p)
}
