package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Requests from custody and the courts on phone duty: logged by the duty
// officer who took the call (or a manager), with the officer sent and when.
// Officers see the requests they took or were sent to; managers all;
// reception none.

type custodyJSON struct {
	ID              int64   `json:"id"`
	ReceivedAt      string  `json:"received_at"`
	Source          string  `json:"source"`
	SourceName      string  `json:"source_name"`
	TakenBy         int64   `json:"taken_by"`
	AssignmentID    *int64  `json:"assignment_id"`
	PersonName      string  `json:"person_name"`
	PersonAge       *int    `json:"person_age"`
	PersonStatus    string  `json:"person_status"`
	Field           string  `json:"field"`
	SentOfficerID   *int64  `json:"sent_officer_id"`
	AssignedAt      *string `json:"assigned_at"`
	ResponseMinutes *int    `json:"response_minutes"` // assigned − received; null until someone is sent
	TargetMinutes   int     `json:"target_minutes"`
	Late            bool    `json:"late"` // missed the target, or still waiting beyond it
	Notes           string  `json:"notes"`
	RecordedBy      string  `json:"recorded_by"`
	Version         int     `json:"version"`
	CreatedAt       string  `json:"created_at"`
	UpdatedAt       string  `json:"updated_at"`
}

func (s *Server) custodyJSON(r roster.CustodyRequest, target time.Duration) custodyJSON {
	j := custodyJSON{ID: r.ID, ReceivedAt: r.ReceivedAt.In(s.cfg.Loc).Format(time.RFC3339), Source: string(r.Source), SourceName: r.SourceName,
		TakenBy: r.TakenBy, AssignmentID: r.AssignmentID, PersonName: r.PersonName, PersonAge: r.PersonAge, PersonStatus: string(r.PersonStatus),
		Field: r.Field, SentOfficerID: r.SentOfficer, TargetMinutes: int(target / time.Minute), Late: r.Late(target, s.now()),
		Notes: r.Notes, RecordedBy: r.RecordedBy, Version: r.Version,
		CreatedAt: r.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339), UpdatedAt: r.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
	if r.AssignedAt != nil {
		at := r.AssignedAt.In(s.cfg.Loc).Format(time.RFC3339)
		j.AssignedAt = &at
	}
	if d, ok := r.ResponseTime(); ok {
		m := int(d.Round(time.Minute) / time.Minute)
		j.ResponseMinutes = &m
	}
	return j
}

// custodyTarget is the Center's response target for custody requests
// (settings: custody.target_minutes).
func (s *Server) custodyTarget(ctx context.Context) (time.Duration, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return 0, err
	}
	return set.Custody.Target(), nil
}

// custodyInput is the body of a new request, and of a change (where every
// field left out keeps its value).
type custodyInput struct {
	ReceivedAt    *string `json:"received_at"`
	Source        *string `json:"source"`
	SourceName    *string `json:"source_name"`
	TakenBy       *int64  `json:"taken_by"`
	AssignmentID  *int64  `json:"assignment_id"`
	PersonName    *string `json:"person_name"`
	PersonAge     *int    `json:"person_age"`
	PersonStatus  *string `json:"person_status"`
	Field         *string `json:"field"`
	SentOfficerID *int64  `json:"sent_officer_id"`
	AssignedAt    *string `json:"assigned_at"`
	Notes         *string `json:"notes"`
	Version       int     `json:"version"`
}

// apply writes the input over r. An officer sent without a time was
// assigned now; an assignment_id or sent_officer_id of 0 clears it.
func (in custodyInput) apply(r *roster.CustodyRequest, now time.Time) error {
	var v roster.Validator
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	if in.ReceivedAt != nil {
		r.ReceivedAt = parseInstant(&v, "received_at", *in.ReceivedAt)
	}
	var source, status string
	source, status = string(r.Source), string(r.PersonStatus)
	set(&source, in.Source)
	set(&status, in.PersonStatus)
	r.Source, r.PersonStatus = roster.CustodySource(source), roster.PersonStatus(status)
	set(&r.SourceName, in.SourceName)
	set(&r.PersonName, in.PersonName)
	set(&r.Field, in.Field)
	set(&r.Notes, in.Notes)
	if in.TakenBy != nil {
		r.TakenBy = *in.TakenBy
	}
	if in.PersonAge != nil {
		age := *in.PersonAge
		r.PersonAge = &age
	}
	if in.AssignmentID != nil {
		r.AssignmentID = nil
		if id := *in.AssignmentID; id != 0 {
			r.AssignmentID = &id
		}
	}
	if in.SentOfficerID != nil {
		r.SentOfficer, r.AssignedAt = nil, nil
		if id := *in.SentOfficerID; id != 0 {
			r.SentOfficer = &id
			at := now
			r.AssignedAt = &at
		}
	}
	if in.AssignedAt != nil {
		r.AssignedAt = nil
		if *in.AssignedAt != "" {
			at := parseInstant(&v, "assigned_at", *in.AssignedAt)
			r.AssignedAt = &at
		}
	}
	return v.Err()
}

// createCustody is POST /api/v1/custody-requests. An officer logs the calls
// it took (taken_by defaults to it); a manager names who took the call.
func (s *Server) createCustody(c *gin.Context) {
	var in custodyInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if !request.CallerOf(c).ActFor(&in.TakenBy) {
		s.fail(c, roster.Errorf(roster.EForbidden, "officers log only the calls they took"))
		return
	}
	if in.ReceivedAt == nil {
		s.fail(c, errField("received_at", roster.RuleRequired, "is required"))
		return
	}
	var r roster.CustodyRequest
	if err := in.apply(&r, s.now()); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	r, err := s.store.CreateCustodyRequest(ctx, request.Actor(c), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustody(c, http.StatusCreated, r)
}

func (s *Server) respondCustody(c *gin.Context, status int, r roster.CustodyRequest) {
	target, err := s.custodyTarget(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, status, r.Version, s.custodyJSON(r, target))
}

// custodyOfCaller loads request {id}: a manager may see any, an officer
// those it took or was sent to.
func (s *Server) custodyOfCaller(c *gin.Context) (roster.CustodyRequest, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return roster.CustodyRequest{}, err
	}
	r, err := s.store.CustodyRequest(c.Request.Context(), id)
	if err != nil {
		return r, err
	}
	u := request.CallerOf(c)
	if u.Role != roster.RoleManager && !u.OwnsOfficer(r.TakenBy) && (r.SentOfficer == nil || !u.OwnsOfficer(*r.SentOfficer)) {
		return r, roster.Errorf(roster.EForbidden, "officers see only the requests they took or were sent to")
	}
	return r, nil
}

// getCustody is GET /api/v1/custody-requests/{id}.
func (s *Server) getCustody(c *gin.Context) {
	r, err := s.custodyOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustody(c, http.StatusOK, r)
}

// updateCustody is PATCH /api/v1/custody-requests/{id}: typically
// {"sent_officer_id": N} (assigned now) or with "assigned_at". Managers,
// and the officer who took the call; If-Match or the body's version.
func (s *Server) updateCustody(c *gin.Context) {
	r, err := s.custodyOfCaller(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	u := request.CallerOf(c)
	if u.Role != roster.RoleManager && !u.OwnsOfficer(r.TakenBy) {
		s.fail(c, roster.Errorf(roster.EForbidden, "only a manager or the officer who took the call may change it"))
		return
	}
	var in custodyInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.TakenBy != nil && u.Role != roster.RoleManager && !u.OwnsOfficer(*in.TakenBy) {
		s.fail(c, roster.Errorf(roster.EForbidden, "only a manager may say another officer took the call"))
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
	if err := in.apply(&r, s.now()); err != nil {
		s.fail(c, err)
		return
	}
	r, err = s.store.UpdateCustodyRequest(c.Request.Context(), request.Actor(c), r, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustody(c, http.StatusOK, r)
}

// listCustody is GET /api/v1/custody-requests?year=&officer_id=&late=true&unassigned=true.
func (s *Server) listCustody(c *gin.Context) {
	ctx := c.Request.Context()
	target, err := s.custodyTarget(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := store.CustodyFilter{Target: target, Late: c.Query("late") == "true", Unassigned: c.Query("unassigned") == "true"}
	if f.Year, err = queryInt(c, "year", 0, 1900, 2200); err != nil {
		s.fail(c, err)
		return
	}
	if f.OfficerID, err = s.ownOfficerFilter(c, "officer_id"); err != nil {
		s.fail(c, err)
		return
	}
	if f.Limit, err = queryInt(c, "limit", 1000, 1, 10000); err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListCustodyRequests(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]custodyJSON, len(list))
	for i, r := range list {
		out[i] = s.custodyJSON(r, target)
	}
	c.JSON(http.StatusOK, gin.H{"custody_requests": out, "target_minutes": int(target / time.Minute)})
}
