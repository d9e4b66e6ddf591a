package pages

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The page of one outreach: move it, record its results, cancel it.

// webOutreachDetailView is GET /manage/outreach/{id}.
type webOutreachDetailView struct {
	Row      webOutreachRow
	Started  bool
	Fields   []string
	Officers []roster.Officer
	Form     webOutreachForm // move and officers
	Results  webResultsForm
	Errs     webFieldErrs
	ListURL  string
}

// webRenderOutreachDetail shows a session's page. After a failed change it shows
// why; the forms keep what was typed, except after a version conflict
// (fail is EPrecondition), when they show the session as it is now.
func (s *Server) webRenderOutreachDetail(c *gin.Context, status int, id int64, f *webOutreachForm, r *webResultsForm, fail error) {
	x, err := s.store.OutreachSession(c.Request.Context(), id)
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, byID, err := s.webOutreachOfficers(c, x.OfficerIDs)
	if err != nil {
		s.webError(c, err)
		return
	}
	rows := s.webOutreachRows([]roster.OutreachSession{x}, byID)
	v := webOutreachDetailView{Row: rows[0], Started: x.Started(s.now()), Fields: roster.ConsultationFields, Officers: officers,
		Form: s.webFormOf(x), Results: webResultsOf(x),
		ListURL: fmt.Sprintf("/manage/outreach?year=%d", x.Start.In(s.cfg.Loc).Year())}
	if roster.ErrorCode(fail) != roster.EPrecondition {
		if f != nil {
			v.Form = *f
		}
		if r != nil {
			v.Results = *r
		}
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = x.Title+" — "+p.L.T("outreach.session"), "outreach"
	if fail != nil {
		start, end := v.Form.times(&roster.Validator{}, s.cfg.Loc)
		v.Errs = s.webOutreachFail(c, p, fail, v.Form, byID, start, end, x.ID)
		if !v.Started {
			// The results form is not on the page: say why on top.
			for _, msg := range v.Errs {
				if msg == p.L.T("outreach.err.not_started") {
					p.Error = msg
				}
			}
		}
	}
	p.Data = v
	s.webRender(c, status, "outreach_session", p)
}

// webOutreachDetail is GET /manage/outreach/{id}.
func (s *Server) webOutreachDetail(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderOutreachDetail(c, http.StatusOK, id, nil, nil, nil)
}

// webOutreachFailed answers a failed change of session id: the error page
// when there is no such session, else the session's page with why.
func (s *Server) webOutreachFailed(c *gin.Context, id int64, f *webOutreachForm, r *webResultsForm, err error) {
	if roster.ErrorCode(err) == roster.ENotFound {
		s.webError(c, err)
		return
	}
	s.webRenderOutreachDetail(c, statusOf(roster.ErrorCode(err)), id, f, r, err)
}

// webUpdateOutreach is POST /manage/outreach/{id}: move the session (its
// duties move with it), change its title, venue or officers. The form
// carries the version it was made from (412 when someone changed the
// session meanwhile).
func (s *Server) webUpdateOutreach(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webReadOutreachForm(c, false)
	version, err := webFormVersion(c)
	if err != nil {
		s.webOutreachFailed(c, id, &f, nil, err)
		return
	}
	var v roster.Validator
	start, end := f.times(&v, s.cfg.Loc)
	if err := v.Err(); err != nil {
		s.webOutreachFailed(c, id, &f, nil, err)
		return
	}
	ids := slices.Clone(f.OfficerIDs)
	if ids == nil {
		ids = []int64{}
	}
	ch := roster.SessionChange{Title: &f.Title, Venue: &f.Venue, Commune: &f.Commune, Address: &f.Address,
		Start: &start, End: &end, OfficerIDs: &ids}
	if _, err := s.store.UpdateOutreachSession(c.Request.Context(), actor(c), id, ch, version); err != nil {
		s.webOutreachFailed(c, id, &f, nil, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_saved")
}

// webOutreachResults is POST /manage/outreach/{id}/results: record what a
// session that has started achieved, with the version the form was made
// from. The store checks the counts as for PATCH /outreach-sessions/{id}.
func (s *Server) webOutreachResults(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	r, ch, err := webReadResults(c)
	if err != nil {
		s.webOutreachFailed(c, id, nil, &r, err)
		return
	}
	version, err := webFormVersion(c)
	if err != nil {
		s.webOutreachFailed(c, id, nil, &r, err)
		return
	}
	if _, err := s.store.UpdateOutreachSession(c.Request.Context(), actor(c), id, ch, version); err != nil {
		s.webOutreachFailed(c, id, nil, &r, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_results")
}

// webCancelOutreach is POST /manage/outreach/{id}/cancel (with the
// version): the session and its duties are cancelled and kept.
func (s *Server) webCancelOutreach(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	version, err := webFormVersion(c)
	if err != nil {
		s.webOutreachFailed(c, id, nil, nil, err)
		return
	}
	if _, err := s.store.CancelOutreachSession(c.Request.Context(), actor(c), id, version); err != nil {
		s.webOutreachFailed(c, id, nil, nil, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_cancelled")
}
