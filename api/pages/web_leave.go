package pages

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webLeaveResult is what recording a leave did: the duties it cancelled,
// which now need cover.
type webLeaveResult struct {
	Leave    roster.Leave
	Officer  roster.Officer
	Affected []webDuty
}

// webLeaveView is the managers' leave page.
type webLeaveView struct {
	Officers []roster.Officer
	Upcoming []webLeaveRow
	Result   *webLeaveResult
	Form     webLeaveForm
}

type webLeaveRow struct {
	roster.Leave
	Officer roster.Officer
}

type webLeaveForm struct {
	OfficerID      int64
	From, To, Note string
}

// webReadLeave validates the leave form of officer.
func (s *Server) webReadLeave(c *gin.Context, officer int64) (roster.Leave, webLeaveForm, error) {
	f := webLeaveForm{OfficerID: officer, From: c.PostForm("from"), To: c.PostForm("to"), Note: strings.TrimSpace(c.PostForm("reason"))}
	var v roster.Validator
	v.Check(officer > 0, "officer_id", roster.RuleInvalid, "choose an officer")
	from := parseDay(&v, "from", f.From)
	to := parseDay(&v, "to", f.To)
	if v.Err() == nil {
		v.Check(!to.Before(from), "to", roster.RuleRange, "must not be before from")
		v.Check(from.DaysUntil(to) < s.json.MaxLeaveDays, "to", roster.RuleRange, "a leave lasts at most %d days", s.json.MaxLeaveDays)
	}
	v.Check(len(f.Note) <= 500, "reason", roster.RuleTooLong, "at most 500 characters")
	return roster.Leave{OfficerID: officer, From: from, To: to, Reason: f.Note}, f, v.Err()
}

// webRecordLeave stores a leave and returns what it cancelled, with officers.
func (s *Server) webRecordLeave(c *gin.Context, l roster.Leave) (*webLeaveResult, error) {
	ctx := c.Request.Context()
	o, err := s.store.Officer(ctx, l.OfficerID)
	if err != nil {
		if roster.ErrorCode(err) == roster.ENotFound {
			err = errField("officer_id", roster.RuleNotFound, "no such officer")
		}
		return nil, err
	}
	l, affected, err := s.store.CreateLeave(ctx, actor(c), l)
	if err != nil {
		return nil, err
	}
	r := &webLeaveResult{Leave: l, Officer: o}
	for _, a := range affected {
		r.Affected = append(r.Affected, webDuty{Assignment: a, Officer: o})
	}
	return r, nil
}

func (s *Server) webRenderLeave(c *gin.Context, status int, v webLeaveView, fail error) {
	ctx := c.Request.Context()
	byID, list, err := s.webOfficersByID(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, o := range list {
		if o.Active {
			v.Officers = append(v.Officers, o)
		}
	}
	leaves, err := s.store.ListLeaves(ctx, nil, roster.DateOf(s.nowLocal()), roster.Date{})
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, l := range leaves {
		v.Upcoming = append(v.Upcoming, webLeaveRow{Leave: l, Officer: byID[l.OfficerID]})
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("leave.title"), "leaves", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "leave", p)
}

// webLeaves is GET /manage/leaves: the form and the coming leaves.
func (s *Server) webLeaves(c *gin.Context) { s.webRenderLeave(c, http.StatusOK, webLeaveView{}, nil) }

// webCreateLeave is POST /manage/leaves: record an officer's leave and
// show the duties it cancelled, each with a link to find cover.
func (s *Server) webCreateLeave(c *gin.Context) {
	l, f, err := s.webReadLeave(c, webFormInt(c, "officer_id"))
	if err != nil {
		s.webRenderLeave(c, http.StatusUnprocessableEntity, webLeaveView{Form: f}, err)
		return
	}
	r, err := s.webRecordLeave(c, l)
	if err != nil {
		s.webRenderLeave(c, statusOf(roster.ErrorCode(err)), webLeaveView{Form: f}, err)
		return
	}
	s.webRenderLeave(c, http.StatusOK, webLeaveView{Result: r}, nil)
}
