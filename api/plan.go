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
	Sites      []string `json:"sites"` // POST /plan only
	From       string   `json:"from"`
	To         string   `json:"to"`
	OfficerIDs []int64  `json:"officer_ids"`
	DryRun     bool     `json:"dry_run"`
}

type uncoveredJSON struct {
	Date    string `json:"date"`
	Site    string `json:"site"`
	Slot    string `json:"slot"`
	Role    string `json:"role"`
	Missing int    `json:"missing"`
	Reason  string `json:"reason"` // the rule key of the main reason (rest, monthly_limit, no_one_free, …)
	Detail  string `json:"detail"` // how many candidates each rule kept out, in English
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
	Weight    float64 `json:"weight"` // what fairness balances: duties, or their weight (rules.fair_by_weight)
	Backups   int     `json:"backups"`
	Unpopular int     `json:"unpopular"`
	DaysOff   int     `json:"days_off"`
	Share     float64 `json:"share"`
}

// planJSON is the answer of POST /sites/{code}/plan and POST /plan.
type planJSON struct {
	Site        string           `json:"site,omitempty"`  // the site plan's site
	Sites       []string         `json:"sites,omitempty"` // the sites POST /plan planned together
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
	return parsePlanSites([]roster.Site{site}, in)
}

// parsePlanSites validates a plan request for sites, planned together.
func parsePlanSites(sites []roster.Site, in planInput) (store.PlanRequest, error) {
	var v roster.Validator
	from := parseDay(&v, "from", in.From)
	to := parseDay(&v, "to", in.To)
	if v.Err() == nil {
		v.Check(!to.Before(from), "to", roster.RuleRange, "must not be before from")
		v.Check(from.DaysUntil(to) < maxPlanDays, "to", roster.RuleRange, "a plan covers at most %d days", maxPlanDays)
	}
	req := store.PlanRequest{From: from, To: to, DryRun: in.DryRun}
	for _, site := range sites {
		req.SiteIDs = append(req.SiteIDs, site.ID)
	}
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
	for i, site := range sites {
		field := "site"
		if len(sites) > 1 || in.Sites != nil {
			field = fmt.Sprintf("sites[%d]", i)
		}
		v.Check(len(site.Slots) > 0, field, roster.RuleInvalid, "site %s has no slots to plan", site.Code)
	}
	return req, v.Err()
}

// runPlan plans (or previews) sites and renders the outcome.
func (s *Server) runPlan(ctx context.Context, actor string, sites []roster.Site, req store.PlanRequest) (planJSON, error) {
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
	p := planJSON{From: req.From.String(), To: req.To.String(), DryRun: req.DryRun,
		Assignments: s.assignmentsJSON(all), Added: len(out.Added), Kept: len(res.Keep),
		Cancelled: []cancelledJSON{}, Uncovered: []uncoveredJSON{}, Loads: []loadJSON{}}
	if len(sites) == 1 && !req.Together {
		p.Site = sites[0].Code
	} else {
		for _, site := range sites {
			p.Sites = append(p.Sites, site.Code)
		}
	}
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
			Missing: u.Missing, Reason: u.Rule, Detail: u.Reason, Start: u.Start.In(s.cfg.Loc).Format(time.RFC3339), End: u.End.In(s.cfg.Loc).Format(time.RFC3339)})
	}
	for _, l := range res.Loads {
		p.Loads = append(p.Loads, loadJSON{OfficerID: l.OfficerID, Duties: l.Duties, Weight: float64(int(l.Weight*100+0.5)) / 100, Backups: l.Backups, Unpopular: l.Unpopular,
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
	p, err := s.runPlan(ctx, actor(c), []roster.Site{site}, req)
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

// maxPlanSites is the most sites one POST /plan plans together.
const maxPlanSites = 300

// planSites is POST /api/v1/plan: several sites planned in one pass, so the
// rules hold across them (an officer's duties at all of them count
// together); the answer is the site plan's, with "sites", and "site" on
// each uncovered position.
func (s *Server) planSites(c *gin.Context) {
	var in planInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	var v roster.Validator
	v.Check(len(in.Sites) > 0, "sites", roster.RuleRequired, "name the codes of the sites to plan")
	v.Check(len(in.Sites) <= maxPlanSites, "sites", roster.RuleRange, "at most %d sites", maxPlanSites)
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	var sites []roster.Site
	seen := map[int64]bool{}
	for i, code := range in.Sites {
		site, err := s.store.Site(ctx, code)
		if roster.ErrorCode(err) == roster.ENotFound {
			v.Add(fmt.Sprintf("sites[%d]", i), roster.RuleNotFound, "no site has code %q", code)
			continue
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		if !seen[site.ID] {
			seen[site.ID] = true
			sites = append(sites, site)
		}
	}
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	req, err := parsePlanSites(sites, in)
	if err != nil {
		s.fail(c, err)
		return
	}
	req.Together = true
	p, err := s.runPlan(ctx, actor(c), sites, req)
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
