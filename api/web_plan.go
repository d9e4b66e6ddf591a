package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webPlanLoad is one officer's share of a previewed plan.
type webPlanLoad struct {
	loadJSON
	Officer roster.Officer
}

// The planning page calls the same parsePlan and runPlan (plan.go) as
// POST /api/v1/sites/{code}/plan: one planner, two doors.

// webPlanView is the planning page of a site: the form, and after a preview
// the planned month grid with what stays uncovered.
type webPlanView struct {
	Site      roster.Site
	From, To  string
	Officers  []roster.Officer
	Chosen    map[int64]bool
	Previewed bool
	Days      []webDay
	Result    planJSON
	Loads     []webPlanLoad
	Uncovered []uncoveredJSON
}

// webPlanForm reads the planning form (or the query of the first visit).
func (s *Server) webPlanForm(c *gin.Context, read func(string) string, ids []string) (planInput, map[int64]bool) {
	in := planInput{From: read("from"), To: read("to")}
	if in.From == "" || in.To == "" {
		// Default: next month.
		today := roster.DateOf(s.nowLocal())
		first := roster.NewDate(today.Year, today.Month+1, 1)
		in.From, in.To = first.String(), roster.NewDate(first.Year, first.Month+1, 0).String()
	}
	chosen := map[int64]bool{}
	for _, raw := range ids {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 {
			in.OfficerIDs = append(in.OfficerIDs, id)
			chosen[id] = true
		}
	}
	return in, chosen
}

func (s *Server) webRenderPlan(c *gin.Context, status int, site roster.Site, v webPlanView, fail error) {
	others, err := s.webActiveOfficers(c, 0)
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Site, v.Officers = site, others
	if len(v.Chosen) == 0 && !v.Previewed && fail == nil {
		v.Chosen = map[int64]bool{}
		for _, o := range others {
			v.Chosen[o.ID] = true
		}
	}
	p := s.webPage(c, "")
	p.Title = p.L.Tf("plan.title", site.Name)
	p.Nav, p.Data = "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "plan", p)
}

// webPlan is GET /manage/sites/{code}/plan: choose a range and officers.
func (s *Server) webPlan(c *gin.Context) {
	site, err := s.store.Site(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	in, chosen := s.webPlanForm(c, c.Query, c.QueryArray("officer"))
	s.webRenderPlan(c, http.StatusOK, site, webPlanView{From: in.From, To: in.To, Chosen: chosen}, nil)
}

// webPlanRun is POST /manage/sites/{code}/plan: with action=preview a dry
// run shown as the month grid it would give; with action=confirm the plan
// is made and saved, and the month grid opens.
func (s *Server) webPlanRun(c *gin.Context) {
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	in, chosen := s.webPlanForm(c, c.PostForm, c.PostFormArray("officer"))
	in.DryRun = c.PostForm("action") != "confirm"
	v := webPlanView{From: in.From, To: in.To, Chosen: chosen}
	if len(in.OfficerIDs) == 0 {
		in.OfficerIDs = []int64{} // parsePlan: "name at least one officer"
	}
	req, err := parsePlan(site, in)
	if err != nil {
		s.webRenderPlan(c, http.StatusUnprocessableEntity, site, v, err)
		return
	}
	res, err := s.runPlan(ctx, actor(c), site, req)
	if err != nil {
		s.webRenderPlan(c, statusOf(roster.ErrorCode(err)), site, v, err)
		return
	}
	if !in.DryRun {
		webRedirect(c, s.webMonthURL(site.Code, req.From.In(s.cfg.Loc)), "planned")
		return
	}
	cal, err := s.store.WorkCalendar(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, _, err := s.webOfficersByID(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	planned := make([]roster.Assignment, 0, len(res.Assignments))
	for _, a := range res.Assignments {
		start, err1 := time.Parse(time.RFC3339, a.Start)
		end, err2 := time.Parse(time.RFC3339, a.End)
		if err1 != nil || err2 != nil {
			continue
		}
		planned = append(planned, roster.Assignment{ID: a.ID, SiteID: site.ID, SiteCode: a.Site, SlotName: a.Slot,
			Role: roster.AssignmentRole(a.Role), OfficerID: a.OfficerID, Start: start.In(s.cfg.Loc), End: end.In(s.cfg.Loc), Status: roster.Scheduled})
	}
	v.Previewed, v.Result, v.Uncovered = true, res, res.Uncovered
	v.Days = webGrid(site, cal, req.From, req.To, s.cfg.Loc, planned, officers)
	for _, l := range res.Loads {
		v.Loads = append(v.Loads, webPlanLoad{loadJSON: l, Officer: officers[l.OfficerID]})
	}
	s.webRenderPlan(c, http.StatusOK, site, v, nil)
}
