package pages

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webPlanLoad is one officer's share of a previewed plan.
type webPlanLoad struct {
	Duties, Backups, Unpopular int
	Officer                    roster.Officer
}

// webPlanResult counts what a previewed plan keeps, adds and cancels.
type webPlanResult struct {
	Added, Kept int
	Cancelled   []webPlanCancelled
}

// webPlanCancelled is a duty the plan would cancel, and why.
type webPlanCancelled struct {
	Start, Slot, Reason string // Start is RFC 3339, as in the JSON answer
}

// webPlanGap is a slot the plan leaves uncovered.
type webPlanGap struct {
	Date, Slot, Role string
	Missing          int
	Rule             string // the rule key of the main reason, shown in the catalog's words
}

// The planning page validates with the same ParsePlan (plan.go, borrowed)
// and plans with the same store.Plan as POST /api/v1/sites/{code}/plan:
// one planner, two doors.

// webPlanView is the planning page of a site: the form, and after a preview
// the planned month grid with what stays uncovered.
type webPlanView struct {
	Site      roster.Site
	From, To  string
	Officers  []roster.Officer
	Chosen    map[int64]bool
	Previewed bool
	Days      []webDay
	Result    webPlanResult
	Loads     []webPlanLoad
	Uncovered []webPlanGap
}

// webPlanInput is the planning form.
type webPlanInput struct {
	From, To   string
	OfficerIDs []int64
	DryRun     bool
}

// webPlanForm reads the planning form (or the query of the first visit).
func (s *Server) webPlanForm(c *gin.Context, read func(string) string, ids []string) (webPlanInput, map[int64]bool) {
	in := webPlanInput{From: read("from"), To: read("to")}
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
		in.OfficerIDs = []int64{} // ParsePlan: "name at least one officer"
	}
	req, err := s.json.ParsePlan(site, in.From, in.To, in.OfficerIDs, in.DryRun)
	if err != nil {
		s.webRenderPlan(c, http.StatusUnprocessableEntity, site, v, err)
		return
	}
	out, err := s.store.Plan(ctx, actor(c), req)
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
	res := out.Result
	planned := make([]roster.Assignment, 0, len(res.Keep)+len(out.Added))
	for _, a := range append(slices.Clone(res.Keep), out.Added...) {
		a.Start, a.End, a.Status = a.Start.In(s.cfg.Loc), a.End.In(s.cfg.Loc), roster.Scheduled
		planned = append(planned, a)
	}
	slices.SortStableFunc(planned, func(a, b roster.Assignment) int {
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
	v.Previewed, v.Result = true, webPlanResult{Added: len(out.Added), Kept: len(res.Keep)}
	for i, a := range res.Cancel {
		reason := ""
		if i < len(res.CancelReasons) {
			reason = res.CancelReasons[i]
		}
		v.Result.Cancelled = append(v.Result.Cancelled, webPlanCancelled{Start: a.Start.In(s.cfg.Loc).Format(time.RFC3339), Slot: a.SlotName, Reason: reason})
	}
	for _, u := range res.Uncovered {
		v.Uncovered = append(v.Uncovered, webPlanGap{Date: u.Date.String(), Slot: u.Slot, Role: string(u.Role), Missing: u.Missing, Rule: u.Rule})
	}
	v.Days = webGrid(site, cal, req.From, req.To, s.cfg.Loc, planned, officers)
	for _, l := range res.Loads {
		v.Loads = append(v.Loads, webPlanLoad{Duties: l.Duties, Backups: l.Backups, Unpopular: l.Unpopular, Officer: officers[l.OfficerID]})
	}
	s.webRenderPlan(c, http.StatusOK, site, v, nil)
}
