package pages

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The result of a duty (kết quả trực), recorded on the officer's phone in
// under a minute: did it take place, who held it, how many people came,
// and one compact row per request. Its officer or a manager records it
// (roster.MayRecordDutyResult), through the same store call as PUT
// /api/v1/assignments/{id}/result.

// webResultsLookback is how far back the officer's page lists duties to
// record.
const webResultsLookback = 14 * 24 * time.Hour

// webResultRows is how many empty request rows the form offers (more with
// the "add a row" button).
const webResultRows = 3

// webResultDue is a duty of the officer's recent past, with its result if
// recorded.
type webResultDue struct {
	Duty     roster.Assignment
	Site     roster.Site
	Recorded bool
}

// webResultsDue are the officer's recent court and phone duties, for the
// "record the result" list on its page.
type webResultsDue struct {
	Duties  []webResultDue
	Missing int
}

// webLoadResultsDue lists the officer's court and phone duties that started
// in the last two weeks, the newest first.
func (s *Server) webLoadResultsDue(c *gin.Context, officerID int64) (*webResultsDue, error) {
	ctx := c.Request.Context()
	now := s.nowLocal()
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{OfficerID: officerID, From: now.Add(-webResultsLookback), To: now.Add(time.Minute)})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, a := range duties {
		ids = append(ids, a.ID)
	}
	results, err := s.store.ListDutyResults(ctx, store.DutyResultFilter{AssignmentIDs: orEmpty(ids)})
	if err != nil {
		return nil, err
	}
	has := map[int64]bool{}
	for _, r := range results {
		has[r.AssignmentID] = true
	}
	out := &webResultsDue{}
	sites := map[int64]roster.Site{}
	for i := len(duties) - 1; i >= 0; i-- {
		a := duties[i]
		if a.SessionID != nil || a.Start.After(now) {
			continue
		}
		site, ok := sites[a.SiteID]
		if !ok {
			if site, err = s.store.SiteByID(ctx, a.SiteID); err != nil {
				return nil, err
			}
			sites[a.SiteID] = site
		}
		out.Duties = append(out.Duties, webResultDue{Duty: a, Site: site, Recorded: has[a.ID]})
		if roster.ResultMissing(a, has[a.ID], now) {
			out.Missing++
		}
	}
	return out, nil
}

// webRequestRow is one request row of the form.
type webRequestRow struct {
	Field, Group, Action string
}

// webResultForm is the form of a duty's result.
type webResultForm struct {
	Held       string // "yes", "no"
	HeldBy     string // "" (its own officer) or an officer id
	People     string
	Rows       []webRequestRow
	Notes      string
	Version    int
	Recorded   bool
	RecordedBy string
	ResultID   int64 // once recorded: a case may be registered from it
}

// webResultView is the page of one duty's result.
type webResultView struct {
	Duty       roster.Assignment
	Site       roster.Site
	Officer    roster.Officer
	Colleagues []roster.Officer
	Form       webResultForm
	Errs       webFieldErrs
	Fields     []string
	Groups     []roster.BeneficiaryGroup
	Actions    []roster.RequestAction
	Back       string
}

// webResultDuty loads duty {id} and checks the caller may record its result.
func (s *Server) webResultDuty(c *gin.Context) (roster.Assignment, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return roster.Assignment{}, err
	}
	a, err := s.store.Assignment(c.Request.Context(), id)
	if err != nil {
		return a, err
	}
	if !roster.MayRecordDutyResult(caller(c).User, a) {
		return a, roster.Errorf(roster.EForbidden, "officers record only the results of their own duties")
	}
	return a, nil
}

// webResult is GET /me/duties/{id}/result.
func (s *Server) webResult(c *gin.Context) {
	a, err := s.webResultDuty(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webResultForm{Held: "yes"}
	r, err := s.store.DutyResultOf(c.Request.Context(), a.ID)
	switch {
	case err == nil:
		f = webResultForm{Held: "no", People: strconv.Itoa(r.PeopleReceived), Notes: r.Notes, Version: r.Version, Recorded: true, RecordedBy: r.RecordedBy, ResultID: r.ID}
		if r.Held {
			f.Held = "yes"
			if r.HeldBy != a.OfficerID {
				f.HeldBy = strconv.FormatInt(r.HeldBy, 10)
			}
		}
		for _, q := range r.Requests {
			f.Rows = append(f.Rows, webRequestRow{Field: q.Field, Group: string(q.Group), Action: string(q.Action)})
		}
	case roster.ErrorCode(err) != roster.ENotFound:
		s.webError(c, err)
		return
	}
	s.webRenderResult(c, 200, a, f, nil)
}

func (s *Server) webRenderResult(c *gin.Context, status int, a roster.Assignment, f webResultForm, fail error) {
	ctx := c.Request.Context()
	site, err := s.store.SiteByID(ctx, a.SiteID)
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.T("result.title"), "me"
	v := webResultView{Duty: a, Site: site, Form: f, Fields: roster.ConsultationFields, Groups: roster.BeneficiaryGroups,
		Actions: roster.RequestActions, Back: "/me"}
	if caller(c).Role == roster.RoleManager && !caller(c).OwnsOfficer(a.OfficerID) {
		v.Back = "/manage/duty-results"
	}
	for _, o := range officers {
		if o.ID == a.OfficerID {
			v.Officer = o
		} else if o.Active {
			v.Colleagues = append(v.Colleagues, o)
		}
	}
	for len(v.Form.Rows) < webResultRows || v.Form.Rows[len(v.Form.Rows)-1].Field != "" {
		v.Form.Rows = append(v.Form.Rows, webRequestRow{})
	}
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
		v.Errs = webRuleErrs(p.L, fail)
	}
	p.Data = v
	s.webRender(c, status, "result", p)
}

// webRuleErrs maps each field of err to its rule's text; request rows are
// named "requests[i]".
func webRuleErrs(l webLang, err error) webFieldErrs {
	var re *roster.Error
	if !errors.As(err, &re) || len(re.Fields) == 0 {
		return nil
	}
	out := webFieldErrs{}
	for _, f := range re.Fields {
		name := f.Field
		if i := strings.IndexByte(name, '.'); i > 0 && strings.HasPrefix(name, "requests[") {
			name = name[:i]
		}
		msg := l.T("rule." + f.Code)
		if f.Code == "" {
			msg = f.Message
		}
		if prev, ok := out[name]; ok && prev != msg {
			msg = prev + "; " + msg
		}
		out[name] = msg
	}
	return out
}

// webSaveResult is POST /me/duties/{id}/result.
func (s *Server) webSaveResult(c *gin.Context) {
	a, err := s.webResultDuty(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	f := webResultForm{Held: c.PostForm("held"), HeldBy: c.PostForm("held_by"), People: strings.TrimSpace(c.PostForm("people")),
		Notes: strings.TrimSpace(c.PostForm("notes"))}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	fields, groups, actions := c.PostFormArray("field"), c.PostFormArray("group"), c.PostFormArray("action")
	for i := range fields {
		row := webRequestRow{Field: fields[i]}
		if i < len(groups) {
			row.Group = groups[i]
		}
		if i < len(actions) {
			row.Action = actions[i]
		}
		if row != (webRequestRow{}) {
			f.Rows = append(f.Rows, row)
		}
	}
	r, err := f.result(a)
	if err == nil {
		ctx := c.Request.Context()
		if f.Version == 0 {
			_, err = s.store.RecordDutyResult(ctx, actor(c), r)
		} else {
			var cur roster.DutyResult
			if cur, err = s.store.DutyResultOf(ctx, a.ID); err == nil {
				r.ID = cur.ID
				_, err = s.store.UpdateDutyResult(ctx, actor(c), r, f.Version)
			}
		}
	}
	if err != nil {
		status := statusOf(roster.ErrorCode(err))
		if roster.ErrorCode(err) == roster.EConflict {
			f.Recorded = true
		}
		s.webRenderResult(c, status, a, f, err)
		return
	}
	back := "/me"
	if caller(c).Role == roster.RoleManager && !caller(c).OwnsOfficer(a.OfficerID) {
		back = "/manage/duty-results"
	}
	webRedirect(c, back, "result_saved")
}

// result reads the form as the result of duty a.
func (f webResultForm) result(a roster.Assignment) (roster.DutyResult, error) {
	var v roster.Validator
	r := roster.DutyResult{AssignmentID: a.ID, Notes: f.Notes}
	switch f.Held {
	case "yes":
		r.Held, r.HeldBy = true, a.OfficerID
	case "no":
	default:
		v.Add("held", roster.RuleRequired, "say whether the duty took place")
	}
	if r.Held && f.HeldBy != "" {
		id, err := strconv.ParseInt(f.HeldBy, 10, 64)
		v.Check(err == nil && id > 0, "held_by", roster.RuleInvalid, "choose an officer")
		r.HeldBy = id
	}
	if f.People != "" {
		n, err := strconv.Atoi(f.People)
		v.Check(err == nil, "people_received", roster.RuleFormat, "must be a whole number")
		r.PeopleReceived = n
	}
	for _, row := range f.Rows {
		r.Requests = append(r.Requests, roster.DutyRequest{Field: row.Field, Group: roster.BeneficiaryGroup(row.Group), Action: roster.RequestAction(row.Action)})
	}
	return r, v.Err()
}

// webMissingView is the managers' list of duties without results.
type webMissingView struct {
	Duties   []webDuty
	Sites    map[int64]roster.Site
	Tab      string
	Year     int
	Officers map[int64]roster.Officer
}

// webResultsMissing is GET /manage/duty-results: the court and phone duties
// that ended without a result, oldest first.
func (s *Server) webResultsMissing(c *gin.Context) {
	ctx := c.Request.Context()
	list, err := s.store.MissingDutyResults(ctx, store.MissingResultFilter{Limit: 500})
	if err != nil {
		s.webError(c, err)
		return
	}
	var ids []int64
	for _, a := range list {
		ids = append(ids, a.OfficerID)
	}
	officers, err := s.store.OfficersByID(ctx, ids)
	if err != nil {
		s.webError(c, err)
		return
	}
	sites := map[int64]roster.Site{}
	v := webMissingView{Sites: sites, Tab: "results", Year: s.nowLocal().Year(), Officers: officers}
	for _, a := range list {
		if _, ok := sites[a.SiteID]; !ok {
			site, err := s.store.SiteByID(ctx, a.SiteID)
			if err != nil {
				s.webError(c, err)
				return
			}
			sites[a.SiteID] = site
		}
		v.Duties = append(v.Duties, webDuty{Assignment: a, Officer: officers[a.OfficerID]})
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("results.title"), "results", v
	s.webRender(c, 200, "results", p)
}

// orEmpty is ids, or an empty (not nil) list, so that a filter by no ids
// selects nothing.
func orEmpty(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
