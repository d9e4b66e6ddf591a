package pages

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Registering a case (thụ lý) from a page, the store call of POST
// /api/v1/cases: from a duty result, a custody request, an outreach
// session (each picked from a short list of recent ones) or the office.
// Officers register the cases they handle; managers name the handler.

// webOriginRecent is how far back the lists of origins reach, and
// webOriginMax how many of each they offer.
const (
	webOriginRecent = 90 * 24 * time.Hour
	webOriginMax    = 15
)

// webOriginOption is one recent origin to pick.
type webOriginOption struct {
	ID    int64
	Label string
}

// webCaseForm is a case's form as typed.
type webCaseForm struct {
	Form, Field, Group, Origin, Handler, Accepted, Summary string
	OriginIDs                                              map[string]string // origin → the id chosen in its list
}

// webCaseNewView is the page of a new case.
type webCaseNewView struct {
	Form     webCaseForm
	Errs     webFieldErrs
	Manager  bool
	Me       roster.Officer
	Officers []roster.Officer
	Forms    []roster.CaseForm
	Fields   []string
	Groups   []roster.BeneficiaryGroup
	Origins  []roster.CaseOrigin
	Recent   map[string][]webOriginOption // origin → recent ones
	Today    string
	Back     string
}

// webCaseNew is GET /me/cases/new?origin=&origin_id=: the form, filled
// from the origin named (a custody request's field; a duty result's first
// request accepted as a case).
func (s *Server) webCaseNew(c *gin.Context) {
	me, manager, err := s.webCaseworker(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webCaseForm{Form: string(roster.FormProceedings), Origin: string(roster.OriginOffice), Accepted: roster.DateOf(s.nowLocal()).String(),
		OriginIDs: map[string]string{}}
	if me.ID != 0 {
		f.Handler = strconv.FormatInt(me.ID, 10)
	}
	ctx := c.Request.Context()
	id, _ := strconv.ParseInt(c.Query("origin_id"), 10, 64)
	switch o := roster.CaseOrigin(c.Query("origin")); {
	case o == roster.OriginCustody && id > 0:
		if r, err := s.store.CustodyRequest(ctx, id); err == nil {
			f.Field = r.Field
		}
		f.Origin, f.OriginIDs[string(o)] = string(o), strconv.FormatInt(id, 10)
	case o == roster.OriginDuty && id > 0:
		if r, err := s.store.DutyResult(ctx, id); err == nil {
			for _, q := range r.Requests {
				if q.Action == roster.ActionAccepted {
					f.Field, f.Group = q.Field, string(q.Group)
					break
				}
			}
		}
		f.Origin, f.OriginIDs[string(o)] = string(o), strconv.FormatInt(id, 10)
	case o == roster.OriginOutreach && id > 0:
		f.Form, f.Origin, f.OriginIDs[string(o)] = string(roster.FormAdvice), string(o), strconv.FormatInt(id, 10)
	}
	s.webRenderCaseNew(c, 200, me, manager, f, nil)
}

func (s *Server) webRenderCaseNew(c *gin.Context, status int, me roster.Officer, manager bool, f webCaseForm, fail error) {
	ctx := c.Request.Context()
	active := true
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{Active: &active})
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.T("case.new.title"), "me"
	v := webCaseNewView{Form: f, Manager: manager, Me: me, Officers: officers, Forms: roster.CaseForms, Fields: roster.ConsultationFields,
		Groups: roster.BeneficiaryGroups, Origins: roster.CaseOrigins, Today: roster.DateOf(s.nowLocal()).String(), Back: "/me"}
	if manager {
		p.Nav, v.Back = "results", "/manage/cases"
	}
	if v.Recent, err = s.webRecentOrigins(c, p.L, me.ID, manager, f.OriginIDs); err != nil {
		s.webError(c, err)
		return
	}
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
		v.Errs = webRuleErrs(p.L, fail)
	}
	p.Data = v
	s.webRender(c, status, "case_new", p)
}

// webRecentOrigins lists the recent duty results, custody requests and
// outreach sessions a case may come from, the newest first: an officer's
// own results and requests, every one for a manager. An id already chosen
// stays offered even when older.
func (s *Server) webRecentOrigins(c *gin.Context, l webLang, officer int64, manager bool, chosen map[string]string) (map[string][]webOriginOption, error) {
	ctx := c.Request.Context()
	now := s.nowLocal()
	from, to := now.Add(-webOriginRecent), now.Add(time.Minute)
	own := officer
	if manager {
		own = 0
	}
	out := map[string][]webOriginOption{}
	results, err := s.store.ListDutyResults(ctx, store.DutyResultFilter{OfficerID: own, From: from, To: to})
	if err != nil {
		return nil, err
	}
	results = webLast(results)
	var duties []int64
	for _, r := range results {
		duties = append(duties, r.AssignmentID)
	}
	list, err := s.store.ListAssignments(ctx, store.AssignmentFilter{IDs: orEmpty(duties), IncludeCancelled: true})
	if err != nil {
		return nil, err
	}
	byID := map[int64]roster.Assignment{}
	var ids []int64
	for _, a := range list {
		byID[a.ID] = a
		ids = append(ids, a.OfficerID)
	}
	for i := len(results) - 1; i >= 0; i-- {
		r, a := results[i], byID[results[i].AssignmentID]
		ids = append(ids, r.HeldBy)
		out["duty"] = append(out["duty"], webOriginOption{ID: r.ID, Label: l.When(a.Start) + " · " + a.SlotName + " · " + l.Tf("case.origin_requests", len(r.Requests))})
	}
	custody, err := s.store.ListCustodyRequests(ctx, store.CustodyFilter{OfficerID: own, From: from, To: to})
	if err != nil {
		return nil, err
	}
	custody = webLast(custody)
	for i := len(custody) - 1; i >= 0; i-- {
		r := custody[i]
		label := l.When(r.ReceivedAt) + " · " + l.CustodySource(r.Source)
		if r.SourceName != "" {
			label = l.When(r.ReceivedAt) + " · " + r.SourceName
		}
		if r.PersonName != "" {
			label += " · " + r.PersonName
		}
		out["custody"] = append(out["custody"], webOriginOption{ID: r.ID, Label: label})
	}
	sessions, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{From: from, To: to, Status: roster.SessionScheduled})
	if err != nil {
		return nil, err
	}
	sessions = webLast(sessions)
	for i := len(sessions) - 1; i >= 0; i-- {
		x := sessions[i]
		out["outreach"] = append(out["outreach"], webOriginOption{ID: x.ID, Label: l.Day(roster.DateOf(x.Start)) + " · " + x.Title})
	}
	for origin, raw := range chosen {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		found := false
		for _, o := range out[origin] {
			found = found || o.ID == id
		}
		if !found {
			out[origin] = append([]webOriginOption{{ID: id, Label: l.CaseOrigin(roster.CaseOrigin(origin)) + " #" + raw}}, out[origin]...)
		}
	}
	return out, nil
}

// webLast is the last webOriginMax elements of list.
func webLast[T any](list []T) []T {
	if len(list) > webOriginMax {
		return list[len(list)-webOriginMax:]
	}
	return list
}

// webCreateCase is POST /me/cases/new.
func (s *Server) webCreateCase(c *gin.Context) {
	me, manager, err := s.webCaseworker(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	pf := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	f := webCaseForm{Form: pf("form"), Field: pf("field"), Group: pf("beneficiary_group"), Origin: pf("origin"), Handler: pf("handler_id"),
		Accepted: pf("accepted_on"), Summary: pf("summary"), OriginIDs: map[string]string{}}
	for _, o := range roster.CaseOrigins {
		if id := pf("origin_id_" + string(o)); id != "" {
			f.OriginIDs[string(o)] = id
		}
	}
	if !manager {
		f.Handler = strconv.FormatInt(me.ID, 10) // officers register the cases they handle
	}
	k, err := f.newCase()
	if err == nil {
		k, err = s.store.CreateCase(c.Request.Context(), actor(c), k)
	}
	if err != nil {
		s.webRenderCaseNew(c, statusOf(roster.ErrorCode(err)), me, manager, f, err)
		return
	}
	webRedirect(c, "/me/cases/"+strconv.FormatInt(k.ID, 10), "case_created")
}

// newCase reads the form as a new case (accepted; the store validates it
// with roster.Case.Validate).
func (f webCaseForm) newCase() (roster.Case, error) {
	var v roster.Validator
	k := roster.Case{Form: roster.CaseForm(f.Form), Field: f.Field, Group: roster.BeneficiaryGroup(f.Group), Origin: roster.CaseOrigin(f.Origin),
		Stage: roster.StageAccepted, Summary: f.Summary}
	if raw := f.OriginIDs[f.Origin]; raw != "" && k.Origin != roster.OriginOffice {
		id, err := strconv.ParseInt(raw, 10, 64)
		v.Check(err == nil && id > 0, "origin_id", roster.RuleInvalid, "choose where the case came from")
		k.OriginID = id
	}
	if id, err := strconv.ParseInt(f.Handler, 10, 64); err == nil && id > 0 {
		k.HandlerID = id
	}
	if f.Accepted == "" {
		v.Add("accepted_on", roster.RuleRequired, "is required")
	} else {
		k.Accepted = parseDay(&v, "accepted_on", f.Accepted)
	}
	return k, v.Err()
}
