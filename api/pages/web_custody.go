package pages

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The managers' page of requests from custody and the courts: each with
// its response time against the Center's target and a late flag, and for
// those still waiting a form to send an officer (the store call of PATCH
// /api/v1/custody-requests/{id}).

// webCustodyRow is one request of the list.
type webCustodyRow struct {
	roster.CustodyRequest
	TakenBy  roster.Officer
	Sent     *roster.Officer
	Response time.Duration
	Answered bool
	Late     bool
	Waiting  time.Duration
	Age      int // the person's age; 0 with HasAge false when not known
	HasAge   bool
}

// webCustodyView is the page.
type webCustodyView struct {
	Year, Prev, Next int
	Rows             []webCustodyRow
	Target           time.Duration
	Late             int
	Officers         []roster.Officer
	Tab              string
	LateOnly         bool
}

// webCustody is GET /manage/custody?year=&late=true.
func (s *Server) webCustody(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderCustody(c, 200, year, c.Query("late") == "true", nil)
}

func (s *Server) webRenderCustody(c *gin.Context, status, year int, lateOnly bool, fail error) {
	ctx := c.Request.Context()
	set, err := s.store.Settings(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	target := set.Custody.Target()
	list, err := s.store.ListCustodyRequests(ctx, store.CustodyFilter{Year: year, Target: target, Late: lateOnly})
	if err != nil {
		s.webError(c, err)
		return
	}
	active := true
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{Active: &active})
	if err != nil {
		s.webError(c, err)
		return
	}
	var ids []int64
	for _, r := range list {
		ids = append(ids, r.TakenBy)
		if r.SentOfficer != nil {
			ids = append(ids, *r.SentOfficer)
		}
	}
	byID, err := s.store.OfficersByID(ctx, ids)
	if err != nil {
		s.webError(c, err)
		return
	}
	now := s.now()
	v := webCustodyView{Year: year, Prev: year - 1, Next: year + 1, Target: target, Officers: officers, Tab: "custody", LateOnly: lateOnly}
	for i := len(list) - 1; i >= 0; i-- { // the newest first
		r := list[i]
		row := webCustodyRow{CustodyRequest: r, TakenBy: byID[r.TakenBy], Late: r.Late(target, now), Waiting: now.Sub(r.ReceivedAt)}
		if r.SentOfficer != nil {
			o := byID[*r.SentOfficer]
			row.Sent = &o
		}
		row.Response, row.Answered = r.ResponseTime()
		if r.PersonAge != nil {
			row.Age, row.HasAge = *r.PersonAge, true
		}
		if row.Late {
			v.Late++
		}
		v.Rows = append(v.Rows, row)
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("custody.title"), "results", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "custody", p)
}

// webAssignCustody is POST /manage/custody/{id}/assign: officer sent now.
func (s *Server) webAssignCustody(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	ctx := c.Request.Context()
	r, err := s.store.CustodyRequest(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	year := r.ReceivedAt.In(s.cfg.Loc).Year()
	officer, err := strconv.ParseInt(c.PostForm("officer_id"), 10, 64)
	if err != nil || officer <= 0 {
		s.webRenderCustody(c, 422, year, false, errField("sent_officer_id", roster.RuleRequired, "choose the officer sent"))
		return
	}
	version, _ := strconv.Atoi(c.PostForm("version"))
	at := s.now()
	r.SentOfficer, r.AssignedAt = &officer, &at
	if _, err := s.store.UpdateCustodyRequest(ctx, actor(c), r, version); err != nil {
		s.webRenderCustody(c, statusOf(roster.ErrorCode(err)), year, false, err)
		return
	}
	webRedirect(c, "/manage/custody?year="+strconv.Itoa(year), "custody_assigned")
}
