package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Duty results (kết quả trực): what came of a court or phone duty. Its
// officer records it, or a manager; officers see their own, managers all;
// reception none of them.

type dutyRequestJSON struct {
	ID     int64  `json:"id,omitempty"`
	Field  string `json:"field"`
	Group  string `json:"beneficiary_group"`
	Action string `json:"action"`
}

type dutyResultJSON struct {
	ID             int64             `json:"id"`
	AssignmentID   int64             `json:"assignment_id"`
	OfficerID      int64             `json:"officer_id"` // the duty's officer
	Held           bool              `json:"held"`
	HeldBy         *int64            `json:"held_by"`
	StandIn        bool              `json:"stand_in"`
	PeopleReceived int               `json:"people_received"`
	Requests       []dutyRequestJSON `json:"requests"`
	Notes          string            `json:"notes"`
	RecordedBy     string            `json:"recorded_by"`
	Version        int               `json:"version"`
	CreatedAt      string            `json:"created_at"`
	UpdatedAt      string            `json:"updated_at"`
	Duty           *assignmentJSON   `json:"duty,omitempty"`
}

func (s *Server) dutyResultJSON(r roster.DutyResult, a *roster.Assignment) dutyResultJSON {
	j := dutyResultJSON{ID: r.ID, AssignmentID: r.AssignmentID, Held: r.Held, PeopleReceived: r.PeopleReceived,
		Requests: make([]dutyRequestJSON, len(r.Requests)), Notes: r.Notes, RecordedBy: r.RecordedBy, Version: r.Version,
		CreatedAt: r.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339), UpdatedAt: r.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
	if r.Held {
		by := r.HeldBy
		j.HeldBy = &by
	}
	for i, q := range r.Requests {
		j.Requests[i] = dutyRequestJSON{ID: q.ID, Field: q.Field, Group: string(q.Group), Action: string(q.Action)}
	}
	if a != nil {
		d := s.assignmentJSON(*a)
		j.Duty, j.OfficerID, j.StandIn = &d, a.OfficerID, r.StandIn(*a)
	}
	return j
}

type dutyResultInput struct {
	Held           *bool             `json:"held"`
	HeldBy         *int64            `json:"held_by"`
	PeopleReceived int               `json:"people_received"`
	Requests       []dutyRequestJSON `json:"requests"`
	Notes          string            `json:"notes"`
	Version        int               `json:"version"`
}

// result turns the input into the result of duty a: a duty that took
// place without a named holder was held by its own officer.
func (in dutyResultInput) result(a roster.Assignment) (roster.DutyResult, error) {
	if in.Held == nil {
		return roster.DutyResult{}, errField("held", roster.RuleRequired, "is required: did the duty take place?")
	}
	r := roster.DutyResult{AssignmentID: a.ID, Held: *in.Held, PeopleReceived: in.PeopleReceived, Notes: in.Notes}
	if in.HeldBy != nil {
		r.HeldBy = *in.HeldBy
	} else if r.Held {
		r.HeldBy = a.OfficerID
	}
	for _, q := range in.Requests {
		r.Requests = append(r.Requests, roster.DutyRequest{Field: q.Field, Group: roster.BeneficiaryGroup(q.Group), Action: roster.RequestAction(q.Action)})
	}
	return r, nil
}

// dutyOfCaller loads duty id and checks that the caller may record its
// result (roster.MayRecordDutyResult).
func (s *Server) dutyOfCaller(c *gin.Context) (roster.Assignment, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return roster.Assignment{}, err
	}
	a, err := s.store.Assignment(c.Request.Context(), id)
	if err != nil {
		return roster.Assignment{}, err
	}
	if !roster.MayRecordDutyResult(request.CallerOf(c).User, a) {
		return roster.Assignment{}, roster.Errorf(roster.EForbidden, "officers may see and record only the results of their own duties")
	}
	return a, nil
}

// getDutyResult is GET /api/v1/assignments/{id}/result.
func (s *Server) getDutyResult(c *gin.Context) {
	a, err := s.dutyOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.DutyResultOf(c.Request.Context(), a.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, r.Version, s.dutyResultJSON(r, &a))
}

// putDutyResult is PUT /api/v1/assignments/{id}/result: records the
// duty's result (201) or replaces it (200; If-Match or the body's version,
// 412 when stale).
func (s *Server) putDutyResult(c *gin.Context) {
	a, err := s.dutyOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in dutyResultInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
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
	r, err := in.result(a)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	status := http.StatusOK
	cur, err := s.store.DutyResultOf(ctx, a.ID)
	switch {
	case roster.ErrorCode(err) == roster.ENotFound:
		if ver != 0 {
			s.fail(c, roster.Errorf(roster.EPrecondition, "duty %d has no result yet, so no version %d", a.ID, ver))
			return
		}
		status = http.StatusCreated
		r, err = s.store.RecordDutyResult(ctx, request.Actor(c), r)
	case err == nil:
		r.ID = cur.ID
		r, err = s.store.UpdateDutyResult(ctx, request.Actor(c), r, ver)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, status, r.Version, s.dutyResultJSON(r, &a))
}

// listDutyResults is GET /api/v1/duty-results?year=&officer_id=&ids=:
// officers get their own duties' results (held or assigned), managers any.
func (s *Server) listDutyResults(c *gin.Context) {
	var f store.DutyResultFilter
	var err error
	if f.Year, err = queryInt(c, "year", 0, 1900, 2200); err != nil {
		s.fail(c, err)
		return
	}
	if f.OfficerID, err = s.ownOfficerFilter(c, "officer_id"); err != nil {
		s.fail(c, err)
		return
	}
	if f.IDs, err = queryIDs(c, "ids"); err != nil {
		s.fail(c, err)
		return
	}
	if f.Year == 0 && f.IDs == nil {
		f.Year = s.nowLocal().Year()
	}
	ctx := c.Request.Context()
	list, err := s.store.ListDutyResults(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	duties, err := s.dutiesOf(c, list)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]dutyResultJSON, len(list))
	for i, r := range list {
		a := duties[r.AssignmentID]
		out[i] = s.dutyResultJSON(r, &a)
	}
	c.JSON(http.StatusOK, gin.H{"duty_results": out})
}

// dutiesOf loads the duties of results, by id.
func (s *Server) dutiesOf(c *gin.Context, list []roster.DutyResult) (map[int64]roster.Assignment, error) {
	ids := make([]int64, len(list))
	for i, r := range list {
		ids[i] = r.AssignmentID
	}
	as, err := s.store.ListAssignments(c.Request.Context(), store.AssignmentFilter{IDs: orEmpty(ids), IncludeCancelled: true})
	if err != nil {
		return nil, err
	}
	m := make(map[int64]roster.Assignment, len(as))
	for _, a := range as {
		m[a.ID] = a
	}
	return m, nil
}

// missingDutyResults is GET /api/v1/duty-results/missing?officer_id=&site=&from=:
// the court and phone duties that have ended without a result, oldest
// first; officers get their own.
func (s *Server) missingDutyResults(c *gin.Context) {
	var f store.MissingResultFilter
	var err error
	if f.OfficerID, err = s.ownOfficerFilter(c, "officer_id"); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	if code := c.Query("site"); code != "" {
		site, err := s.store.Site(ctx, code)
		if err != nil {
			s.fail(c, err)
			return
		}
		f.SiteID = site.ID
	}
	if d, ok, err := queryDate(c, "from"); err != nil {
		s.fail(c, err)
		return
	} else if ok {
		f.From = d.In(s.cfg.Loc)
	}
	if f.Limit, err = queryInt(c, "limit", 500, 1, 5000); err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.MissingDutyResults(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"assignments": s.assignmentsJSON(list)})
}

// ownOfficerFilter reads the officer a list is of (?officer_id=, or name):
// an officer always gets its own (asking for another is 403), a manager
// whom it names.
func (s *Server) ownOfficerFilter(c *gin.Context, name string) (int64, error) {
	n, err := queryInt(c, name, 0, 1, 1<<62)
	if err != nil {
		return 0, err
	}
	u := request.CallerOf(c)
	if u.Role == roster.RoleManager {
		return int64(n), nil
	}
	if u.OfficerID == nil {
		return 0, roster.Errorf(roster.EForbidden, "this account is not an officer's")
	}
	if n != 0 && int64(n) != *u.OfficerID {
		return 0, roster.Errorf(roster.EForbidden, "officers see only their own")
	}
	return *u.OfficerID, nil
}

// queryIDs reads a comma list of ids (?ids=1,2,3); nil when absent.
func queryIDs(c *gin.Context, name string) ([]int64, error) {
	raw := c.Query(name)
	if raw == "" {
		return nil, nil
	}
	var ids []int64
	start := 0
	for i := 0; i <= len(raw); i++ {
		if i < len(raw) && raw[i] != ',' {
			continue
		}
		n, err := strconv.ParseInt(raw[start:i], 10, 64)
		if err != nil || n <= 0 {
			return nil, errField(name, roster.RuleFormat, "must be a comma list of ids")
		}
		ids = append(ids, n)
		start = i + 1
	}
	if len(ids) > 5000 {
		return nil, errField(name, roster.RuleRange, "at most 5000 ids")
	}
	return ids, nil
}

// orEmpty is ids, or an empty (not nil) list, so that a filter by no ids
// selects nothing.
func orEmpty(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
