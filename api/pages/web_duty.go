package pages

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webDutyView is the page of one duty: reassign it or cancel it.
type webDutyView struct {
	Duty     webDuty
	Site     roster.Site
	Officers []roster.Officer // active officers who could take it
	MonthURL string
}

// webActiveOfficers lists the active officers, except the one given.
func (s *Server) webActiveOfficers(c *gin.Context, except int64) ([]roster.Officer, error) {
	t := true
	list, err := s.store.ListOfficers(c.Request.Context(), store.OfficerFilter{Active: &t})
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, o := range list {
		if o.ID != except {
			out = append(out, o)
		}
	}
	return out, nil
}

// webRenderDuty shows the duty page; after a failed change it shows the
// error and the duty as it is now (with its current version).
func (s *Server) webRenderDuty(c *gin.Context, status int, id int64, fail error) {
	ctx := c.Request.Context()
	a, err := s.store.Assignment(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	site, err := s.store.SiteByID(ctx, a.SiteID)
	if err != nil {
		s.webError(c, err)
		return
	}
	o, err := s.store.Officer(ctx, a.OfficerID)
	if err != nil {
		s.webError(c, err)
		return
	}
	others, err := s.webActiveOfficers(c, a.OfficerID)
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webDutyView{Duty: webDuty{Assignment: a, Officer: o}, Site: site, Officers: others, MonthURL: s.webMonthURL(site.Code, a.Start)}
	p := s.webPage(c, "")
	p.Title = p.L.T("duty.title") + " — " + site.Name
	p.Nav, p.Data = "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "duty", p)
}

// webDuty is GET /manage/assignments/{id}.
func (s *Server) webDuty(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderDuty(c, http.StatusOK, id, nil)
}

// webFormInt reads a positive integer form field; 0 when absent or invalid.
func webFormInt(c *gin.Context, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(c.PostForm(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// webReassign is POST /manage/assignments/{id}: give the duty to another
// officer. The form carries the version the manager saw, so a change made
// by someone else meanwhile is refused (412) rather than overwritten.
func (s *Server) webReassign(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	officer, version := webFormInt(c, "officer_id"), int(webFormInt(c, "version"))
	switch {
	case officer == 0:
		err = errField("officer_id", roster.RuleInvalid, "choose an officer")
	case version == 0:
		err = roster.Errorf(roster.EPrecondition, "the form did not say which version of the duty it changes")
	}
	if err == nil {
		var a roster.Assignment
		a, err = s.store.UpdateAssignment(c.Request.Context(), actor(c), id, store.AssignmentChange{OfficerID: &officer}, version)
		if err == nil {
			webRedirect(c, s.webMonthURL(a.SiteCode, a.Start), "reassigned")
			return
		}
	}
	if roster.ErrorCode(err) == roster.ENotFound {
		s.webError(c, err)
		return
	}
	s.webRenderDuty(c, statusOf(roster.ErrorCode(err)), id, err)
}

// webCancelDuty is POST /manage/assignments/{id}/cancel (with the version).
func (s *Server) webCancelDuty(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	version := int(webFormInt(c, "version"))
	if version == 0 {
		s.webRenderDuty(c, http.StatusPreconditionFailed, id, roster.Errorf(roster.EPrecondition, "the form did not say which version of the duty it cancels"))
		return
	}
	a, err := s.store.CancelAssignment(c.Request.Context(), actor(c), id, version)
	if err != nil {
		if roster.ErrorCode(err) == roster.ENotFound {
			s.webError(c, err)
			return
		}
		s.webRenderDuty(c, statusOf(roster.ErrorCode(err)), id, err)
		return
	}
	webRedirect(c, s.webMonthURL(a.SiteCode, a.Start), "cancelled")
}

// webDutyNewView is the form that books an officer for a slot occurrence.
type webDutyNewView struct {
	Site      roster.Site
	Date      string
	Slot      string
	Role      string
	OfficerID int64
	Officers  []roster.Officer // the fewest duties in the month first
	Load      map[int64]int    // each officer's duties in the day's month
	Free      []roster.Officer // who may hold the duty, the fewest duties first
	Busy      []webBusyOfficer // who may not, and why
	MonthURL  string
}

// Day is the form's day, the zero day when it is not one.
func (v webDutyNewView) Day() roster.Date {
	d, _ := roster.ParseDate(v.Date)
	return d
}

// webBusyOfficer is an officer who may not hold a duty, with the rule's
// text.
type webBusyOfficer struct {
	roster.Officer
	Why string
}

func (s *Server) webRenderDutyNew(c *gin.Context, status int, site roster.Site, v webDutyNewView, fail error) {
	others, err := s.webActiveOfficers(c, 0)
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Site, v.Officers = site, others
	if v.Role == "" {
		v.Role = string(roster.Primary)
	}
	v.MonthURL = "/manage/sites/" + url.PathEscape(site.Code)
	if d, err := roster.ParseDate(v.Date); err == nil {
		v.MonthURL = s.webMonthURL(site.Code, d.In(s.cfg.Loc))
		// The quick list: who holds the fewest duties that month first.
		if v.Load, err = s.webMonthLoad(c.Request.Context(), roster.NewDate(d.Year, d.Month, 1)); err != nil {
			s.webError(c, err)
			return
		}
		slices.SortStableFunc(v.Officers, func(a, b roster.Officer) int { return v.Load[a.ID] - v.Load[b.ID] })
		if sl, ok := site.Slot(v.Slot); ok {
			if err := s.webQuickList(c, site, sl, d, &v); err != nil {
				s.webError(c, err)
				return
			}
		}
	}
	p := s.webPage(c, "")
	p.Title = p.L.T("duty.new_title") + " — " + site.Name
	p.Nav, p.Data = "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "duty_new", p)
}

// webDutyNew is GET /manage/sites/{code}/duties/new?date=&slot=&role=.
func (s *Server) webDutyNew(c *gin.Context) {
	site, err := s.store.Site(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderDutyNew(c, http.StatusOK, site, webDutyNewView{Date: c.Query("date"), Slot: c.Query("slot"), Role: c.Query("role")}, nil)
}

// webCreateDuty is POST /manage/sites/{code}/duties: book an officer for
// a slot on a day, at the slot's hours. A clash is shown, not saved.
func (s *Server) webCreateDuty(c *gin.Context) {
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webDutyNewView{Date: c.PostForm("date"), Slot: c.PostForm("slot"), Role: c.PostForm("role"), OfficerID: webFormInt(c, "officer_id")}
	var val roster.Validator
	d, derr := roster.ParseDate(v.Date)
	val.Check(derr == nil, "date", roster.RuleFormat, "must be a day YYYY-MM-DD")
	sl, ok := site.Slot(v.Slot)
	val.Check(ok, "slot", roster.RuleNotFound, "site %s has no slot %q", site.Code, v.Slot)
	val.Check(v.Role == string(roster.Primary) || v.Role == string(roster.Backup), "role", roster.RuleOneOf, "must be primary or backup")
	val.Check(v.OfficerID > 0, "officer_id", roster.RuleInvalid, "choose an officer")
	if err := val.Err(); err != nil {
		s.webRenderDutyNew(c, http.StatusUnprocessableEntity, site, v, err)
		return
	}
	start, end := sl.Window(d, s.cfg.Loc)
	a, err := s.store.CreateAssignment(ctx, actor(c), roster.Assignment{SiteID: site.ID, SlotName: sl.Name,
		Role: roster.AssignmentRole(v.Role), OfficerID: v.OfficerID, Start: start, End: end})
	if err != nil {
		s.webRenderDutyNew(c, statusOf(roster.ErrorCode(err)), site, v, err)
		return
	}
	webRedirect(c, s.webMonthURL(site.Code, a.Start), "created")
}

// webQuickList sorts the officers into who may hold the slot's duty on d
// and who may not, by the store's one rule.
func (s *Server) webQuickList(c *gin.Context, site roster.Site, sl roster.Slot, d roster.Date, v *webDutyNewView) error {
	start, end := sl.Window(d, s.cfg.Loc)
	duty := roster.Assignment{SiteID: site.ID, SlotName: sl.Name, Role: roster.AssignmentRole(v.Role), Start: start, End: end}
	ids := make([]int64, len(v.Officers))
	for i, o := range v.Officers {
		ids[i] = o.ID
	}
	may, err := s.store.MayHoldEach(c.Request.Context(), duty, ids)
	if err != nil {
		return err
	}
	l := s.webPageLang(c)
	for _, o := range v.Officers {
		if why := may[o.ID]; why != nil {
			var re *roster.Error
			text := l.Rule(string(roster.EInvalid), nil)
			if errors.As(why, &re) {
				text = l.Rule(re.RuleKey(), re.Args)
			}
			v.Busy = append(v.Busy, webBusyOfficer{Officer: o, Why: text})
			continue
		}
		v.Free = append(v.Free, o)
	}
	return nil
}
