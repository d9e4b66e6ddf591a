package pages

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Logging a request from custody or a court on phone duty (the store call
// of POST /api/v1/custody-requests): a phone-first form the duty officer
// fills while or right after taking the call. The officer who took it is
// the signed-in officer; a manager chooses. Either may also say whom they
// sent (assigned when saved).

// webPhoneRecent is how long after a phone duty ends its officer still
// gets the prominent "log a request" button on its page.
const webPhoneRecent = 6 * time.Hour

// webCustodyForm is the form as typed.
type webCustodyForm struct {
	Received, Source, SourceName, PersonName, PersonAge, Status, Field, TakenBy, Sent, Notes string
}

// webCustodyFormView is the page of the form.
type webCustodyFormView struct {
	Form     webCustodyForm
	Errs     webFieldErrs
	Manager  bool
	Me       roster.Officer
	Officers []roster.Officer
	Sources  []roster.CustodySource
	Statuses []roster.PersonStatus
	Fields   []string
	Back     string
	MaxLocal string
}

// webCaseworker is the signed-in officer, or a manager (ok with no
// officer); reception and unlinked accounts are refused.
func (s *Server) webCaseworker(c *gin.Context) (me roster.Officer, manager bool, err error) {
	u := caller(c)
	manager = u.Role == roster.RoleManager
	if !manager && u.Role != roster.RoleOfficer {
		return me, false, roster.Errorf(roster.EForbidden, "only officers and managers log requests and cases")
	}
	o, ok, err := s.webMeOfficer(c)
	if err != nil {
		return me, manager, err
	}
	if !ok && !manager {
		return me, false, roster.Errorf(roster.EForbidden, "this account is not linked to an officer")
	}
	return o, manager, nil
}

// webCustodyNew is GET /me/custody/new: the form, received now.
func (s *Server) webCustodyNew(c *gin.Context) {
	me, manager, err := s.webCaseworker(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webCustodyForm{Received: s.nowLocal().Format(webLocalMinute), Status: string(roster.PersonDetained), Field: "criminal"}
	if me.ID != 0 {
		f.TakenBy = strconv.FormatInt(me.ID, 10)
	}
	s.webRenderCustodyForm(c, 200, me, manager, f, nil)
}

// webLocalMinute is the layout of an <input type="datetime-local">.
const webLocalMinute = "2006-01-02T15:04"

func (s *Server) webRenderCustodyForm(c *gin.Context, status int, me roster.Officer, manager bool, f webCustodyForm, fail error) {
	active := true
	officers, err := s.store.ListOfficers(c.Request.Context(), store.OfficerFilter{Active: &active})
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.T("custody.new.title"), "me"
	v := webCustodyFormView{Form: f, Manager: manager, Me: me, Officers: officers, Sources: roster.CustodySources, Statuses: roster.PersonStatuses,
		Fields: roster.ConsultationFields, Back: "/me", MaxLocal: s.nowLocal().Add(5 * time.Minute).Format(webLocalMinute)}
	if manager {
		p.Nav, v.Back = "results", "/manage/custody"
	}
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
		v.Errs = webRuleErrs(p.L, fail)
	}
	p.Data = v
	s.webRender(c, status, "custody_new", p)
}

// webCreateCustody is POST /me/custody/new.
func (s *Server) webCreateCustody(c *gin.Context) {
	me, manager, err := s.webCaseworker(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	pf := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	f := webCustodyForm{Received: pf("received_at"), Source: pf("source"), SourceName: pf("source_name"), PersonName: pf("person_name"),
		PersonAge: pf("person_age"), Status: pf("person_status"), Field: pf("field"), TakenBy: pf("taken_by"), Sent: pf("sent_officer_id"), Notes: pf("notes")}
	if !manager {
		f.TakenBy = strconv.FormatInt(me.ID, 10) // officers log the calls they took
	}
	r, err := s.webCustodyRequest(f)
	if err == nil {
		err = s.webLinkPhoneDuty(c, &r)
	}
	if err == nil {
		r, err = s.store.CreateCustodyRequest(c.Request.Context(), actor(c), r)
	}
	if err != nil {
		s.webRenderCustodyForm(c, statusOf(roster.ErrorCode(err)), me, manager, f, err)
		return
	}
	if manager {
		webRedirect(c, "/manage/custody?year="+strconv.Itoa(r.ReceivedAt.In(s.cfg.Loc).Year()), "custody_logged")
		return
	}
	webRedirect(c, "/me", "custody_logged")
}

// webCustodyRequest reads the form; the store validates the rest
// (roster.CustodyRequest.Validate).
func (s *Server) webCustodyRequest(f webCustodyForm) (roster.CustodyRequest, error) {
	var v roster.Validator
	r := roster.CustodyRequest{Source: roster.CustodySource(f.Source), SourceName: f.SourceName, PersonName: f.PersonName,
		PersonStatus: roster.PersonStatus(f.Status), Field: f.Field, Notes: f.Notes}
	if f.Received == "" {
		v.Add("received_at", roster.RuleRequired, "is required")
	} else if t, err := time.ParseInLocation(webLocalMinute, f.Received, s.cfg.Loc); err != nil {
		v.Add("received_at", roster.RuleMalformed, "is not a date and time")
	} else {
		r.ReceivedAt = t
	}
	if f.PersonAge != "" {
		n, err := strconv.Atoi(f.PersonAge)
		v.Check(err == nil, "person_age", roster.RuleFormat, "must be a whole number")
		r.PersonAge = &n
	}
	if id, err := strconv.ParseInt(f.TakenBy, 10, 64); err == nil && id > 0 {
		r.TakenBy = id
	}
	if f.Sent != "" {
		id, err := strconv.ParseInt(f.Sent, 10, 64)
		v.Check(err == nil && id > 0, "sent_officer_id", roster.RuleInvalid, "choose an officer")
		at := s.now()
		r.SentOfficer, r.AssignedAt = &id, &at
	}
	return r, v.Err()
}

// webLinkPhoneDuty links r to the phone duty its officer held when the
// call came, if there is exactly one.
func (s *Server) webLinkPhoneDuty(c *gin.Context, r *roster.CustodyRequest) error {
	duties, err := s.webPhoneDuties(c, r.TakenBy, r.ReceivedAt, r.ReceivedAt)
	if err != nil || len(duties) != 1 {
		return err
	}
	id := duties[0].ID
	r.AssignmentID = &id
	return nil
}

// webPhoneDuties are officer's scheduled phone duties (duties at an office
// site, not an outreach session's) that run at some instant of [from, to].
func (s *Server) webPhoneDuties(c *gin.Context, officer int64, from, to time.Time) ([]roster.Assignment, error) {
	if officer == 0 || from.IsZero() {
		return nil, nil
	}
	ctx := c.Request.Context()
	list, err := s.store.ListAssignments(ctx, store.AssignmentFilter{OfficerID: officer, From: from.Add(-48 * time.Hour), To: to.Add(time.Second)})
	if err != nil {
		return nil, err
	}
	var out []roster.Assignment
	for _, a := range list {
		if a.SessionID != nil || a.Status != roster.Scheduled || a.Start.After(to) || a.End.Before(from) {
			continue
		}
		site, err := s.store.SiteByID(ctx, a.SiteID)
		if err != nil {
			return nil, err
		}
		if site.Kind == roster.SiteOffice {
			out = append(out, a)
		}
	}
	return out, nil
}
