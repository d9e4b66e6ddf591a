package api

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The managers' outreach pages call the same store functions as
// /api/v1/outreach-sessions and the same report (outreachYear, reports.go)
// as GET /api/v1/reports/outreach: the store validates and books, the pages
// only read forms and show what it says.

// webFieldErrs maps a form input's name to what is wrong with it.
type webFieldErrs map[string]string

// webFieldErr is one field's error, for the "ferr" template.
type webFieldErr struct{ Name, Msg string }

// webOutreachArgs is what the "outreach_fields" template needs.
type webOutreachArgs struct {
	P        *webPage
	Form     webOutreachForm
	Errs     webFieldErrs
	Officers []roster.Officer
}

// webOutreachForm is the form that plans a session, or moves it and
// changes its officers. Times are in the service's zone.
type webOutreachForm struct {
	Year                           int // the list the form is on
	Title, Venue, Commune, Address string
	Day, EndDay                    string // YYYY-MM-DD; EndDay empty: the same day
	StartTime, EndTime             string // HH:MM
	PartnerIDs                     []int64
	NewPartner                     string
	OfficerIDs                     []int64 // in the order posted
}

// HasPartner reports whether the form names partner id.
func (f webOutreachForm) HasPartner(id int64) bool { return slices.Contains(f.PartnerIDs, id) }

// HasOfficer reports whether the form names officer id.
func (f webOutreachForm) HasOfficer(id int64) bool { return slices.Contains(f.OfficerIDs, id) }

// webResultsForm is the results form of a session, as typed.
type webResultsForm struct {
	Attendees, Requests string
	Cases               map[string]string // by consultation field
	Notes               string
}

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

// webSessionView is GET /manage/outreach/{id}.
type webSessionView struct {
	Row      webOutreachRow
	Started  bool
	Fields   []string
	Officers []roster.Officer
	Form     webOutreachForm // move and officers
	Results  webResultsForm
	Errs     webFieldErrs
	ListURL  string
}

// webOutreachDefaultTimes are the hours a new session's form offers.
const webOutreachStart, webOutreachEnd = "08:00", "11:30"

// webOutreachInput names the input a store field error belongs to.
func webOutreachInput(field string) string {
	switch {
	case field == "start":
		return "start_time"
	case field == "end":
		return "end_time"
	case field == "partner" || strings.HasPrefix(field, "partner_ids"):
		return "partners"
	case strings.HasPrefix(field, "officer_ids"):
		return "officers"
	}
	return field
}

// webFieldText is a field error in l: the rules every user meets are
// translated, anything else shows as the store says it.
func webFieldText(l webLang, field, msg string) string {
	counts := map[string]int{"attendees": roster.MaxAttendees, "requests": roster.MaxRequests}
	max, isCount := counts[field]
	if strings.HasPrefix(field, "consultations.") {
		max, isCount = roster.MaxCasesPerField, true
	}
	switch {
	case strings.Contains(msg, "once it has started") || strings.Contains(msg, "the session must have started"):
		return l.T("outreach.err.not_started")
	case isCount && strings.HasPrefix(msg, "must be a whole number"):
		return l.Tf("outreach.err.count", roster.FormatCount(max))
	case (field == "title" || field == "venue") && strings.HasPrefix(msg, "is required"):
		return l.T("outreach.err.required")
	case field == "end" && msg == "must be after start":
		return l.T("outreach.err.end_after")
	case field == "end" && strings.HasPrefix(msg, "a session lasts at most"):
		return l.T("outreach.err.too_long")
	case field == "partner" && strings.HasPrefix(msg, "is required"):
		return l.T("outreach.err.partner")
	case (field == "day" || field == "end_day") && strings.HasPrefix(msg, "must be a day"):
		return l.T("outreach.err.day")
	case (field == "start_time" || field == "end_time") && strings.HasPrefix(msg, "must be a time"):
		return l.T("outreach.err.time")
	}
	return msg
}

// webSessionFieldErrs sorts err's field errors by input, in l. name turns
// "officer_ids[i]" and "partner_ids[i]" into the name of who they are
// about, so that "clashes with assignment 7" says whose duty clashes.
func webSessionFieldErrs(l webLang, err error, name func(field string) string) webFieldErrs {
	var re *roster.Error
	if !errors.As(err, &re) || len(re.Fields) == 0 {
		return nil
	}
	out := webFieldErrs{}
	for _, f := range re.Fields {
		in := webOutreachInput(f.Field)
		msg := webFieldText(l, f.Field, f.Message)
		if who := name(f.Field); who != "" {
			msg = who + ": " + msg
		}
		if prev, ok := out[in]; ok {
			msg = prev + "; " + msg
		}
		out[in] = msg
	}
	return out
}

// webIndexOf reads i from "prefix[i]"; -1 when field is not of that form.
func webIndexOf(field, prefix string) int {
	rest, ok := strings.CutPrefix(field, prefix+"[")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil {
		return -1
	}
	return n
}

// webFormIDs reads the positive ids of a repeated form field, once each,
// in the order given.
func webFormIDs(c *gin.Context, name string) []int64 {
	var out []int64
	for _, raw := range c.PostFormArray(name) {
		if id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64); err == nil && id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// webClock parses "HH:MM".
func webClock(raw string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(raw))
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

// webReadOutreachForm reads the date, times and officers of the form (and,
// for a new session, its other fields).
func webReadOutreachForm(c *gin.Context, create bool) webOutreachForm {
	f := webOutreachForm{Day: strings.TrimSpace(c.PostForm("day")), EndDay: strings.TrimSpace(c.PostForm("end_day")),
		StartTime: strings.TrimSpace(c.PostForm("start_time")), EndTime: strings.TrimSpace(c.PostForm("end_time")),
		Title: c.PostForm("title"), Venue: c.PostForm("venue"), Commune: c.PostForm("commune"), Address: c.PostForm("address"),
		OfficerIDs: webFormIDs(c, "officer")}
	if create {
		f.PartnerIDs = webFormIDs(c, "partner")
		f.NewPartner = strings.TrimSpace(c.PostForm("new_partner"))
		f.Year, _ = strconv.Atoi(c.PostForm("year"))
	}
	return f
}

// times turns the form's days and hours into instants in loc; problems go
// to v under the inputs' names.
func (f webOutreachForm) times(v *roster.Validator, loc *time.Location) (start, end time.Time) {
	day, err := roster.ParseDate(f.Day)
	v.Check(err == nil, "day", roster.RuleFormat, "must be a day YYYY-MM-DD")
	endDay := day
	if f.EndDay != "" {
		var err error
		endDay, err = roster.ParseDate(f.EndDay)
		v.Check(err == nil, "end_day", roster.RuleFormat, "must be a day YYYY-MM-DD")
	}
	sh, sm, ok1 := webClock(f.StartTime)
	v.Check(ok1, "start_time", roster.RuleFormat, "must be a time HH:MM")
	eh, em, ok2 := webClock(f.EndTime)
	v.Check(ok2, "end_time", roster.RuleFormat, "must be a time HH:MM")
	if len(v.Fields) > 0 {
		return time.Time{}, time.Time{}
	}
	return time.Date(day.Year, day.Month, day.Day, sh, sm, 0, 0, loc), time.Date(endDay.Year, endDay.Month, endDay.Day, eh, em, 0, 0, loc)
}

// webFormOf fills the move form from a stored session.
func (s *Server) webFormOf(x roster.OutreachSession) webOutreachForm {
	start, end := x.Start.In(s.cfg.Loc), x.End.In(s.cfg.Loc)
	f := webOutreachForm{Title: x.Title, Venue: x.Venue, Commune: x.Commune, Address: x.Address, Day: roster.DateOf(start).String(),
		StartTime: start.Format("15:04"), EndTime: end.Format("15:04"), OfficerIDs: slices.Clone(x.OfficerIDs)}
	if d := roster.DateOf(end); d != roster.DateOf(start) {
		f.EndDay = d.String()
	}
	return f
}

// webResultsOf fills the results form from a stored session.
func webResultsOf(x roster.OutreachSession) webResultsForm {
	r := webResultsForm{Cases: map[string]string{}, Notes: x.Notes}
	if x.Results != nil {
		r.Attendees, r.Requests = strconv.Itoa(x.Results.Attendees), strconv.Itoa(x.Results.Requests)
		for _, f := range roster.ConsultationFields {
			r.Cases[f] = strconv.Itoa(x.Results.Consultations[f])
		}
	}
	return r
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
			return l.Tf("outreach.clash_leave", o.FullName, l.Day(from), l.Day(to))
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
	errs := webSessionFieldErrs(p.L, err, name)
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
	list, report, err := s.outreachYear(ctx, year)
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

// webRenderSession shows a session's page. After a failed change it shows
// why; the forms keep what was typed, except after a version conflict
// (fail is EPrecondition), when they show the session as it is now.
func (s *Server) webRenderSession(c *gin.Context, status int, id int64, f *webOutreachForm, r *webResultsForm, fail error) {
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
	v := webSessionView{Row: rows[0], Started: x.Started(s.now()), Fields: roster.ConsultationFields, Officers: officers,
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

// webOutreachSession is GET /manage/outreach/{id}.
func (s *Server) webOutreachSession(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderSession(c, http.StatusOK, id, nil, nil, nil)
}

// webFormVersion reads the version a form was made from; a form without
// one cannot say it saw the latest, so it is refused (412).
func webFormVersion(c *gin.Context) (int, error) {
	v := int(webFormInt(c, "version"))
	if v == 0 {
		return 0, roster.Errorf(roster.EPrecondition, "the form did not say which version of the session it changes")
	}
	return v, nil
}

// webSessionFailed answers a failed change of session id: the error page
// when there is no such session, else the session's page with why.
func (s *Server) webSessionFailed(c *gin.Context, id int64, f *webOutreachForm, r *webResultsForm, err error) {
	if roster.ErrorCode(err) == roster.ENotFound {
		s.webError(c, err)
		return
	}
	s.webRenderSession(c, statusOf(roster.ErrorCode(err)), id, f, r, err)
}

// webUpdateSession is POST /manage/outreach/{id}: move the session (its
// duties move with it), change its title, venue or officers. The form
// carries the version it was made from (412 when someone changed the
// session meanwhile).
func (s *Server) webUpdateSession(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webReadOutreachForm(c, false)
	version, err := webFormVersion(c)
	if err != nil {
		s.webSessionFailed(c, id, &f, nil, err)
		return
	}
	var v roster.Validator
	start, end := f.times(&v, s.cfg.Loc)
	if err := v.Err(); err != nil {
		s.webSessionFailed(c, id, &f, nil, err)
		return
	}
	ids := slices.Clone(f.OfficerIDs)
	if ids == nil {
		ids = []int64{}
	}
	ch := roster.SessionChange{Title: &f.Title, Venue: &f.Venue, Commune: &f.Commune, Address: &f.Address,
		Start: &start, End: &end, OfficerIDs: &ids}
	if _, err := s.store.UpdateOutreachSession(c.Request.Context(), actor(c), id, ch, version); err != nil {
		s.webSessionFailed(c, id, &f, nil, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_saved")
}

// webReadResults reads the results form as the API reads its JSON: each
// count a whole number (an empty count by field or of requests is 0).
func webReadResults(c *gin.Context) (webResultsForm, roster.SessionChange, error) {
	r := webResultsForm{Attendees: strings.TrimSpace(c.PostForm("attendees")), Requests: strings.TrimSpace(c.PostForm("requests")),
		Cases: map[string]string{}, Notes: c.PostForm("notes")}
	var v roster.Validator
	count := func(field, raw string, required bool) *int {
		if raw == "" {
			if required {
				v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
				return nil
			}
			raw = "0"
		}
		n, err := strconv.ParseInt(raw, 10, 32)
		if err != nil {
			v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
			return nil
		}
		i := int(n)
		return &i
	}
	ch := roster.SessionChange{Notes: &r.Notes, Consultations: map[string]int{}}
	ch.Attendees = count("attendees", r.Attendees, true)
	ch.Requests = count("requests", r.Requests, false)
	for _, f := range roster.ConsultationFields {
		raw := strings.TrimSpace(c.PostForm("consultations." + f))
		r.Cases[f] = raw
		if n := count("consultations."+f, raw, false); n != nil {
			ch.Consultations[f] = *n
		}
	}
	if len(v.Fields) > 0 {
		// Some counts are unreadable: say what the store would say of
		// the others too, so that one answer shows every problem.
		res := roster.SessionResults{Consultations: ch.Consultations}
		if ch.Attendees != nil {
			res.Attendees = *ch.Attendees
		}
		if ch.Requests != nil {
			res.Requests = *ch.Requests
		}
		var re *roster.Error
		if errors.As(res.Validate(), &re) {
			v.Fields = append(v.Fields, re.Fields...)
		}
	}
	return r, ch, v.Err()
}

// webSessionResults is POST /manage/outreach/{id}/results: record what a
// session that has started achieved, with the version the form was made
// from. The store checks the counts as for PATCH /outreach-sessions/{id}.
func (s *Server) webSessionResults(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	r, ch, err := webReadResults(c)
	if err != nil {
		s.webSessionFailed(c, id, nil, &r, err)
		return
	}
	version, err := webFormVersion(c)
	if err != nil {
		s.webSessionFailed(c, id, nil, &r, err)
		return
	}
	if _, err := s.store.UpdateOutreachSession(c.Request.Context(), actor(c), id, ch, version); err != nil {
		s.webSessionFailed(c, id, nil, &r, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_results")
}

// webCancelSession is POST /manage/outreach/{id}/cancel (with the
// version): the session and its duties are cancelled and kept.
func (s *Server) webCancelSession(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	version, err := webFormVersion(c)
	if err != nil {
		s.webSessionFailed(c, id, nil, nil, err)
		return
	}
	if _, err := s.store.CancelOutreachSession(c.Request.Context(), actor(c), id, version); err != nil {
		s.webSessionFailed(c, id, nil, nil, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/outreach/%d", id), "outreach_cancelled")
}

// webOutreachCSV is GET /manage/reports/outreach.csv?year=&by=&sep=: the
// CSV of GET /api/v1/reports/outreach?format=csv, for a signed-in manager.
func (s *Server) webOutreachCSV(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	by := c.DefaultQuery("by", "month")
	if by != "month" && by != "partner" {
		s.webError(c, errField("by", roster.RuleOneOf, "must be month or partner"))
		return
	}
	sep, err := csvSep(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	_, r, err := s.outreachYear(c.Request.Context(), year)
	if err != nil {
		s.webError(c, err)
		return
	}
	writeOutreachCSV(c, r, by, sep)
}

// webDutiesCSV is GET /manage/reports/duties.csv?year=&sep=: the CSV of
// GET /api/v1/reports/duties?format=csv&year=, for a signed-in manager.
func (s *Server) webDutiesCSV(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	sep, err := csvSep(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	r, err := s.dutyPeriod(c.Request.Context(), roster.NewDate(year, time.January, 1), roster.NewDate(year, time.December, 31))
	if err != nil {
		s.webError(c, err)
		return
	}
	writeDutyCSV(c, r, &year, sep)
}

// Span formats the time from start to end: "08:00–11:30, Thứ Hai
// 04/01/2027", or with both days when it ends on another day.
func (l webLang) Span(start, end time.Time) string {
	d, e := roster.DateOf(start), roster.DateOf(end)
	if d == e {
		return start.Format("15:04") + "–" + end.Format("15:04") + ", " + l.Weekday(d) + " " + l.Day(d)
	}
	return start.Format("15:04") + " " + l.Day(d) + " – " + end.Format("15:04") + " " + l.Day(e)
}

// Field names a field of law: "Đất đai", "Land".
func (l webLang) Field(f string) string { return l.T("field." + f) }

// Count writes a number as the language does: 2.050 or 2,050.
func (l webLang) Count(n int) string {
	s := roster.FormatCount(n)
	if l == langEN {
		return strings.ReplaceAll(s, ".", ",")
	}
	return s
}
