package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The case register: cases accepted from a duty, a custody request, an
// outreach session or the office. Officers register and see the cases
// they handle; managers all; reception none.

type caseJSON struct {
	ID          int64   `json:"id"`
	Number      string  `json:"number"`
	Year        int     `json:"year"`
	Form        string  `json:"form"`
	Field       string  `json:"field"`
	Group       string  `json:"beneficiary_group"`
	Origin      string  `json:"origin"`
	OriginID    *int64  `json:"origin_id"`
	HandlerID   int64   `json:"handler_id"`
	AcceptedOn  string  `json:"accepted_on"`
	Stage       string  `json:"stage"`
	Outcome     string  `json:"outcome"`
	ClosedOn    *string `json:"closed_on"`
	Summary     string  `json:"summary"`
	CarriedOver bool    `json:"carried_over"` // accepted before this year and open on 1 January
	Version     int     `json:"version"`
	CreatedBy   string  `json:"created_by"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

func (s *Server) caseJSON(k roster.Case) caseJSON {
	j := caseJSON{ID: k.ID, Number: k.Number, Year: k.Year, Form: string(k.Form), Field: k.Field, Group: string(k.Group), Origin: string(k.Origin),
		HandlerID: k.HandlerID, AcceptedOn: k.Accepted.String(), Stage: string(k.Stage), Outcome: string(k.Outcome), Summary: k.Summary,
		CarriedOver: k.CarriedOverInto(s.nowLocal().Year()), Version: k.Version, CreatedBy: k.CreatedBy,
		CreatedAt: k.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339), UpdatedAt: k.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
	if k.OriginID != 0 {
		id := k.OriginID
		j.OriginID = &id
	}
	if k.ClosedOn != nil {
		d := k.ClosedOn.String()
		j.ClosedOn = &d
	}
	return j
}

// caseInput is the body of a new case, and of a change (every field left
// out keeps its value; "closed_on": "" clears the date).
type caseInput struct {
	Form       *string `json:"form"`
	Field      *string `json:"field"`
	Group      *string `json:"beneficiary_group"`
	Origin     *string `json:"origin"`
	OriginID   *int64  `json:"origin_id"`
	HandlerID  *int64  `json:"handler_id"`
	AcceptedOn *string `json:"accepted_on"`
	Stage      *string `json:"stage"`
	Outcome    *string `json:"outcome"`
	ClosedOn   *string `json:"closed_on"`
	Summary    *string `json:"summary"`
	Version    int     `json:"version"`
}

// apply writes the input over k. Closing a case without a date closes it
// today; an outcome without a stage closes it.
func (in caseInput) apply(k *roster.Case, today roster.Date) error {
	var v roster.Validator
	str := func(src *string, dst func(string)) {
		if src != nil {
			dst(strings.TrimSpace(*src))
		}
	}
	str(in.Form, func(x string) { k.Form = roster.CaseForm(x) })
	str(in.Field, func(x string) { k.Field = x })
	str(in.Group, func(x string) { k.Group = roster.BeneficiaryGroup(x) })
	str(in.Origin, func(x string) { k.Origin = roster.CaseOrigin(x) })
	str(in.Summary, func(x string) { k.Summary = x })
	str(in.Outcome, func(x string) { k.Outcome = roster.CaseOutcome(x) })
	str(in.Stage, func(x string) { k.Stage = roster.CaseStage(x) })
	if in.Outcome != nil && in.Stage == nil && k.Outcome != roster.OutcomeNone {
		k.Stage = roster.StageClosed
	}
	if in.OriginID != nil {
		k.OriginID = *in.OriginID
	}
	if in.HandlerID != nil {
		k.HandlerID = *in.HandlerID
	}
	str(in.AcceptedOn, func(x string) { k.Accepted = parseDay(&v, "accepted_on", x) })
	if in.ClosedOn != nil {
		k.ClosedOn = nil
		if *in.ClosedOn != "" {
			d := parseDay(&v, "closed_on", *in.ClosedOn)
			k.ClosedOn = &d
		}
	}
	if k.Stage == roster.StageClosed && k.ClosedOn == nil && in.ClosedOn == nil {
		d := today
		k.ClosedOn = &d
	}
	if k.Stage != roster.StageClosed && in.Stage != nil {
		k.Outcome, k.ClosedOn = roster.OutcomeNone, nil
	}
	return v.Err()
}

// createCase is POST /api/v1/cases: the case gets the next number of the
// year it was accepted in. An officer registers the cases it handles
// (handler_id defaults to it); accepted_on defaults to today.
func (s *Server) createCase(c *gin.Context) {
	var in caseInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if !request.CallerOf(c).ActFor(&in.HandlerID) {
		s.fail(c, roster.Errorf(roster.EForbidden, "officers register only the cases they handle"))
		return
	}
	today := roster.DateOf(s.nowLocal())
	k := roster.Case{Accepted: today, Stage: roster.StageAccepted}
	if err := in.apply(&k, today); err != nil {
		s.fail(c, err)
		return
	}
	k, err := s.store.CreateCase(c.Request.Context(), request.Actor(c), k)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusCreated, k.Version, s.caseJSON(k))
}

// caseOfCaller loads case {id} if the caller may see it (roster.MaySeeCase).
func (s *Server) caseOfCaller(c *gin.Context) (roster.Case, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return roster.Case{}, err
	}
	k, err := s.store.Case(c.Request.Context(), id)
	if err != nil {
		return k, err
	}
	if !roster.MaySeeCase(request.CallerOf(c).User, k) {
		return k, roster.Errorf(roster.EForbidden, "officers see only the cases they handle")
	}
	return k, nil
}

// getCase is GET /api/v1/cases/{id}.
func (s *Server) getCase(c *gin.Context) {
	k, err := s.caseOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, k.Version, s.caseJSON(k))
}

// updateCase is PATCH /api/v1/cases/{id}: stage, outcome and the rest
// (not the number); If-Match or the body's version, 412 when stale. An
// officer may not hand its case to someone else.
func (s *Server) updateCase(c *gin.Context) {
	k, err := s.caseOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in caseInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	u := request.CallerOf(c)
	if in.HandlerID != nil && u.Role != roster.RoleManager && !u.OwnsOfficer(*in.HandlerID) {
		s.fail(c, roster.Errorf(roster.EForbidden, "only a manager may hand a case to another officer"))
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ver == 0 {
		ver = in.Version
	}
	if err := in.apply(&k, roster.DateOf(s.nowLocal())); err != nil {
		s.fail(c, err)
		return
	}
	k, err = s.store.UpdateCase(c.Request.Context(), request.Actor(c), k, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, k.Version, s.caseJSON(k))
}

// caseFilter reads the register's filters: ?year= (accepted in),
// handled_in=, form=, stage=, open=true, handler_id= (officers: their own
// always), ids=, q= (number or summary), limit=.
func (s *Server) caseFilter(c *gin.Context) (store.CaseFilter, string, error) {
	var f store.CaseFilter
	var err error
	if f.AcceptedYear, err = queryInt(c, "year", 0, 1900, 2200); err != nil {
		return f, "", err
	}
	if f.HandledIn, err = queryInt(c, "handled_in", 0, 1900, 2200); err != nil {
		return f, "", err
	}
	f.Form, f.Stage, f.Open = roster.CaseForm(c.Query("form")), roster.CaseStage(c.Query("stage")), c.Query("open") == "true"
	if f.Form != "" && !f.Form.Valid() {
		return f, "", errField("form", roster.RuleOneOf, "must be one of proceedings, advice, representation")
	}
	if f.Stage != "" && !f.Stage.Valid() {
		return f, "", errField("stage", roster.RuleOneOf, "must be one of accepted, handling, closed")
	}
	if f.HandlerID, err = s.ownOfficerFilter(c, "handler_id"); err != nil {
		return f, "", err
	}
	if f.IDs, err = queryIDs(c, "ids"); err != nil {
		return f, "", err
	}
	if f.Limit, err = queryInt(c, "limit", 5000, 1, 20000); err != nil {
		return f, "", err
	}
	return f, strings.ToLower(strings.TrimSpace(c.Query("q"))), nil
}

// matchCase reports whether case k matches the search q (its number or
// summary contains it).
func matchCase(k roster.Case, q string) bool {
	return q == "" || strings.Contains(strings.ToLower(k.Number), q) || strings.Contains(strings.ToLower(k.Summary), q)
}

// listCases is GET /api/v1/cases.
func (s *Server) listCases(c *gin.Context) {
	f, q, err := s.caseFilter(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListCases(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := []caseJSON{}
	for _, k := range list {
		if matchCase(k, q) {
			out = append(out, s.caseJSON(k))
		}
	}
	c.JSON(http.StatusOK, gin.H{"cases": out})
}
