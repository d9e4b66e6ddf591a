package pages

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The managers' outreach pages call the same store functions as
// /api/v1/outreach-sessions and the same report (Borrowed.OutreachYear)
// as GET /api/v1/reports/outreach: the store validates and books, the pages
// only read forms and show what it says.

// webOutreachRow is a session in the list, with its officers.
type webOutreachRow struct {
	roster.OutreachSession
	Officers []roster.Officer
	Held     bool // not cancelled and started
	Total    int  // cases advised, when results are recorded
}

// webOutreachView is GET /manage/outreach: the year's sessions and
// figures, and the form that plans a session.
type webOutreachView struct {
	Year, Prev, Next int
	Rows             []webOutreachRow
	Report           roster.OutreachReport
	Fields           []string // roster.ConsultationFields
	Partners         []roster.Partner
	Officers         []roster.Officer
	Form             webOutreachForm
	Errs             webFieldErrs
}

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

// webOutreachRows adds the officers to sessions.
func (s *Server) webOutreachRows(list []roster.OutreachSession, officers map[int64]roster.Officer) []webOutreachRow {
	now := s.now()
	rows := make([]webOutreachRow, len(list))
	for i, x := range list {
		r := webOutreachRow{OutreachSession: x, Held: x.Held(now)}
		for _, id := range x.OfficerIDs {
			o, ok := officers[id]
			if !ok {
				o = roster.Officer{ID: id, FullName: fmt.Sprintf("#%d", id)}
			}
			r.Officers = append(r.Officers, o)
		}
		if x.Results != nil {
			r.Total = x.Results.Total()
		}
		rows[i] = r
	}
	return rows
}

// webOutreachOfficers are the officers a session may be staffed with: the
// active ones, and those it has (who may have left since).
func (s *Server) webOutreachOfficers(c *gin.Context, has []int64) ([]roster.Officer, map[int64]roster.Officer, error) {
	byID, list, err := s.webOfficersByID(c.Request.Context())
	if err != nil {
		return nil, nil, err
	}
	var out []roster.Officer
	for _, o := range list {
		if o.Active || slices.Contains(has, o.ID) {
			out = append(out, o)
		}
	}
	return out, byID, nil
}

// webClashText says in l what an officer's new session clashes with, from
// the arguments of the broken rule (the duty or leave it names); "" when
// the error names neither.
func (s *Server) webClashText(l webLang, o roster.Officer, re *roster.Error) string {
	str := func(k string) string { v, _ := re.Args[k].(string); return v }
	switch re.Rule {
	case roster.RuleClash, roster.RuleSameDay:
		start, err1 := time.Parse(time.RFC3339, str("start"))
		end, err2 := time.Parse(time.RFC3339, str("end"))
		if err1 == nil && err2 == nil {
			return l.Tf("outreach.clash_duty", o.FullName, str("site"), l.Span(start.In(s.cfg.Loc), end.In(s.cfg.Loc)))
		}
	case roster.RuleLeave:
		from, err1 := roster.ParseDate(str("from"))
		to, err2 := roster.ParseDate(str("to"))
		if err1 == nil && err2 == nil {
			return l.Tf("outreach.clash_leave", o.FullName, l.DaySpan(from, to))
		}
	}
	return ""
}

// webOutreachFail fills the page's messages for a failed change: the
// readable message, the store's own words as the detail, field errors by
// input, and for a clash what the officer is already busy with.
func (s *Server) webOutreachFail(c *gin.Context, p *webPage, err error, f webOutreachForm, officers map[int64]roster.Officer, start, end time.Time, skip int64) webFieldErrs {
	p.Error, p.Detail = s.webErrorText(p.L, err)
	officerAt := func(i int) (roster.Officer, bool) {
		if i < 0 || i >= len(f.OfficerIDs) {
			return roster.Officer{}, false
		}
		o, ok := officers[f.OfficerIDs[i]]
		return o, ok
	}
	name := func(field string) string {
		if o, ok := officerAt(webIndexOf(field, "officer_ids")); ok {
			return o.FullName
		}
		if i := webIndexOf(field, "partner_ids"); i >= len(f.PartnerIDs) && f.NewPartner != "" {
			return f.NewPartner
		}
		return ""
	}
	errs := webOutreachFieldErrs(p.L, err, name)
	switch roster.ErrorCode(err) {
	case roster.EInvalid, roster.EMalformed:
		if len(errs) > 0 {
			p.Error = p.L.T("outreach.invalid")
		}
	case roster.EConflict:
		var re *roster.Error
		if errors.As(err, &re) {
			for _, fe := range re.Fields {
				if o, ok := officerAt(webIndexOf(fe.Field, "officer_ids")); ok {
					if msg := s.webClashText(p.L, o, re); msg != "" {
						if errs == nil {
							errs = webFieldErrs{}
						}
						p.Error = msg
						errs["officers"] = msg
					}
					break
				}
			}
		}
	case roster.EPrecondition:
		p.Error = p.L.T("outreach.precondition")
	}
	return errs
}

// webOutreach is GET /manage/outreach?year=Y: the sessions of the year
// (this year by default), its figures, and the form to plan a session.
func (s *Server) webOutreach(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderOutreach(c, http.StatusOK, year, webOutreachForm{StartTime: webOutreachStart, EndTime: webOutreachEnd}, nil)
}

// webRenderOutreach shows the list page of year; after a failed plan it
// shows why and keeps the form as typed.
func (s *Server) webRenderOutreach(c *gin.Context, status, year int, f webOutreachForm, fail error) {
	ctx := c.Request.Context()
	list, report, err := s.json.OutreachYear(ctx, year)
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, byID, err := s.webOutreachOfficers(c, nil)
	if err != nil {
		s.webError(c, err)
		return
	}
	active := true
	partners, err := s.store.ListPartners(ctx, store.PartnerFilter{Active: &active})
	if err != nil {
		s.webError(c, err)
		return
	}
	f.Year = year
	v := webOutreachView{Year: year, Prev: year - 1, Next: year + 1, Rows: s.webOutreachRows(list, byID), Report: report,
		Fields: roster.ConsultationFields, Partners: partners, Officers: officers, Form: f}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.Tf("outreach.title", year), "outreach"
	if fail != nil {
		start, end := f.times(&roster.Validator{}, s.cfg.Loc)
		v.Errs = s.webOutreachFail(c, p, fail, f, byID, start, end, 0)
	}
	p.Data = v
	s.webRender(c, status, "outreach", p)
}

// webCreateOutreach is POST /manage/outreach: plan a session with its
// partners (ticked, or a new name) and book its officers. A clash with a
// duty or a leave is shown on the form, which keeps what was typed.
func (s *Server) webCreateOutreach(c *gin.Context) {
	f := webReadOutreachForm(c, true)
	year := f.Year
	if year < 1990 || year > 2200 {
		year = s.nowLocal().Year()
	}
	var v roster.Validator
	start, end := f.times(&v, s.cfg.Loc)
	sess := roster.OutreachSession{Title: f.Title, Venue: f.Venue, Commune: f.Commune, Address: f.Address,
		Start: start, End: end, OfficerIDs: f.OfficerIDs}
	for _, id := range f.PartnerIDs {
		sess.Partners = append(sess.Partners, roster.Partner{ID: id})
	}
	if f.NewPartner != "" {
		sess.Partners = append(sess.Partners, roster.Partner{Name: f.NewPartner})
	}
	if len(v.Fields) > 0 {
		// The times are unreadable: show that, with whatever else the
		// store would say of the session (except its missing times).
		var re *roster.Error
		if errors.As(sess.Validate(s.now()), &re) {
			for _, fe := range re.Fields {
				if fe.Field != "start" && fe.Field != "end" {
					v.Fields = append(v.Fields, fe)
				}
			}
		}
		s.webRenderOutreach(c, http.StatusUnprocessableEntity, year, f, v.Err())
		return
	}
	x, err := s.store.CreateOutreachSession(c.Request.Context(), actor(c), sess)
	if err != nil {
		s.webRenderOutreach(c, statusOf(roster.ErrorCode(err)), year, f, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", x.ID), "outreach_planned")
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
			var re *roster.Error
			if errors.As(fail, &re) && slices.ContainsFunc(re.Fields, roster.ResultsTooEarly) {
				p.Error = p.L.T("outreach.err.not_started")
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
