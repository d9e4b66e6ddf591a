package pages

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// A case's page: its particulars, and a form to move it on (stage,
// outcome, closing date, summary; a manager may also hand it to another
// officer), the store call of PATCH /api/v1/cases/{id}. Its handler or a
// manager (roster.MaySeeCase); the version kept in the form makes a change
// made meanwhile a readable 412 with the latest case shown.

// webCaseEdit is the case's form as typed.
type webCaseEdit struct {
	Stage, Outcome, ClosedOn, Summary, Handler string
	Version                                    int
}

// webCaseView is the case's page.
type webCaseView struct {
	Case     roster.Case
	Handler  roster.Officer
	Form     webCaseEdit
	Errs     webFieldErrs
	Manager  bool
	Officers []roster.Officer
	Stages   []roster.CaseStage
	Outcomes []roster.CaseOutcome
	Today    string
	Back     string
}

// webCaseOfCaller loads case {id} if the caller may see it.
func (s *Server) webCaseOfCaller(c *gin.Context) (roster.Case, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return roster.Case{}, err
	}
	k, err := s.store.Case(c.Request.Context(), id)
	if err != nil {
		return k, err
	}
	if !roster.MaySeeCase(caller(c).User, k) {
		return k, roster.Errorf(roster.EForbidden, "officers see only the cases they handle")
	}
	return k, nil
}

// editOf is the form of case k as stored.
func editOf(k roster.Case) webCaseEdit {
	f := webCaseEdit{Stage: string(k.Stage), Outcome: string(k.Outcome), Summary: k.Summary, Handler: strconv.FormatInt(k.HandlerID, 10), Version: k.Version}
	if k.ClosedOn != nil {
		f.ClosedOn = k.ClosedOn.String()
	}
	return f
}

// webCase is GET /me/cases/{id}.
func (s *Server) webCase(c *gin.Context) {
	k, err := s.webCaseOfCaller(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderCase(c, 200, k, editOf(k), nil)
}

func (s *Server) webRenderCase(c *gin.Context, status int, k roster.Case, f webCaseEdit, fail error) {
	ctx := c.Request.Context()
	manager := caller(c).Role == roster.RoleManager
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.Tf("case.title", k.Number), "me"
	v := webCaseView{Case: k, Form: f, Manager: manager, Stages: roster.CaseStages, Outcomes: roster.CaseOutcomes,
		Today: roster.DateOf(s.nowLocal()).String(), Back: "/me"}
	if manager {
		p.Nav, v.Back = "results", "/manage/cases?year="+strconv.Itoa(k.Year)
	}
	for _, o := range officers {
		if o.ID == k.HandlerID {
			v.Handler = o
		}
		if o.Active || o.ID == k.HandlerID {
			v.Officers = append(v.Officers, o)
		}
	}
	switch {
	case roster.ErrorCode(fail) == roster.EPrecondition:
		p.Error = p.L.Tf("case.stale", k.Version)
	case fail != nil:
		p.Error, p.Detail = s.webErrorText(p.L, fail)
		v.Errs = webRuleErrs(p.L, fail)
	}
	p.Data = v
	s.webRender(c, status, "case", p)
}

// webSaveCase is POST /me/cases/{id}.
func (s *Server) webSaveCase(c *gin.Context) {
	k, err := s.webCaseOfCaller(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	manager := caller(c).Role == roster.RoleManager
	pf := func(k string) string { return strings.TrimSpace(c.PostForm(k)) }
	f := webCaseEdit{Stage: pf("stage"), Outcome: pf("outcome"), ClosedOn: pf("closed_on"), Summary: pf("summary"), Handler: pf("handler_id")}
	f.Version, _ = strconv.Atoi(pf("version"))
	if !manager || f.Handler == "" {
		f.Handler = strconv.FormatInt(k.HandlerID, 10) // only a manager hands a case on
	}
	ch := k
	err = f.apply(&ch, roster.DateOf(s.nowLocal()))
	if err == nil {
		ch, err = s.store.UpdateCase(c.Request.Context(), actor(c), ch, f.Version)
	}
	switch {
	case roster.ErrorCode(err) == roster.EPrecondition:
		if cur, lerr := s.store.Case(c.Request.Context(), k.ID); lerr == nil {
			s.webRenderCase(c, 412, cur, editOf(cur), err)
			return
		}
		fallthrough
	case err != nil:
		s.webRenderCase(c, statusOf(roster.ErrorCode(err)), k, f, err)
		return
	}
	webRedirect(c, "/me/cases/"+strconv.FormatInt(ch.ID, 10), "case_saved")
}

// apply writes the form over k: an outcome closes the case, today unless
// a closing date is given; a stage other than closed clears both.
func (f webCaseEdit) apply(k *roster.Case, today roster.Date) error {
	var v roster.Validator
	k.Stage, k.Outcome, k.Summary, k.ClosedOn = roster.CaseStage(f.Stage), roster.CaseOutcome(f.Outcome), f.Summary, nil
	if id, err := strconv.ParseInt(f.Handler, 10, 64); err == nil && id > 0 {
		k.HandlerID = id
	} else {
		v.Add("handler_id", roster.RuleRequired, "choose an officer")
	}
	if k.Outcome != roster.OutcomeNone {
		k.Stage = roster.StageClosed
	}
	if k.Stage == roster.StageClosed {
		d := today
		if f.ClosedOn != "" {
			d = parseDay(&v, "closed_on", f.ClosedOn)
		}
		k.ClosedOn = &d
	}
	return v.Err()
}
