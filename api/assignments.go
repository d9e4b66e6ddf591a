package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

type assignmentJSON struct {
	ID        int64  `json:"id"`
	Site      string `json:"site"`
	Slot      string `json:"slot"`
	Role      string `json:"role"`
	OfficerID int64  `json:"officer_id"`
	SessionID *int64 `json:"session_id,omitempty"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Status    string `json:"status"`
	Version   int    `json:"version"`
	UpdatedBy string `json:"updated_by"`
	UpdatedAt string `json:"updated_at"`
}

func (s *Server) assignmentJSON(a roster.Assignment) assignmentJSON {
	return assignmentJSON{ID: a.ID, Site: a.SiteCode, Slot: a.SlotName, Role: string(a.Role), OfficerID: a.OfficerID, SessionID: a.SessionID,
		Start: a.Start.In(s.cfg.Loc).Format(time.RFC3339), End: a.End.In(s.cfg.Loc).Format(time.RFC3339), Status: string(a.Status),
		Version: a.Version, UpdatedBy: a.UpdatedBy, UpdatedAt: a.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
}

func (s *Server) assignmentsJSON(as []roster.Assignment) []assignmentJSON {
	out := make([]assignmentJSON, len(as))
	for i, a := range as {
		out[i] = s.assignmentJSON(a)
	}
	return out
}

type assignmentInput struct {
	Site      string `json:"site"`
	Slot      string `json:"slot"`
	Role      string `json:"role"`
	OfficerID *int64 `json:"officer_id"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Override  string `json:"override"`
}

// maxOverride is the longest override reason accepted.
const maxOverride = 500

// checkOverride trims a manager's override reason (the routes that take
// one are managers' only) and checks its length.
func checkOverride(v *roster.Validator, reason string) string {
	reason = strings.TrimSpace(reason)
	v.Check(utf8.RuneCountInString(reason) <= maxOverride, "override", roster.RuleTooLong, "at most %d characters", maxOverride)
	return reason
}

// maxDuty is the longest single duty accepted.
const maxDuty = 7 * 24 * time.Hour

func (s *Server) createAssignment(c *gin.Context) {
	var in assignmentInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	v.Check(in.Site != "", "site", roster.RuleRequired, "is required")
	v.Check(in.OfficerID != nil, "officer_id", roster.RuleRequired, "is required")
	v.Check(in.Role == "" || in.Role == string(roster.Primary) || in.Role == string(roster.Backup), "role", roster.RuleOneOf, "must be primary or backup")
	start := parseInstant(&v, "start", in.Start)
	end := parseInstant(&v, "end", in.End)
	override := checkOverride(&v, in.Override)
	if !start.IsZero() && !end.IsZero() {
		v.Check(end.After(start), "end", roster.RuleRange, "must be after start")
		v.Check(end.Sub(start) <= maxDuty, "end", roster.RuleRange, "a duty lasts at most 7 days")
	}
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, in.Site)
	if roster.ErrorCode(err) == roster.ENotFound {
		err = errField("site", roster.RuleNotFound, "no site with code %q", in.Site)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	if in.Slot != "" {
		sl, ok := site.Slot(in.Slot)
		if !ok {
			s.fail(c, errField("slot", roster.RuleNotFound, "site %s has no slot %q", site.Code, in.Slot))
			return
		}
		in.Slot = sl.Name
	}
	role := roster.AssignmentRole(in.Role)
	a, err := s.store.BookAssignment(ctx, actor(c), roster.Assignment{SiteID: site.ID, SlotName: in.Slot, Role: role, OfficerID: *in.OfficerID, Start: start, End: end}, override)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/assignments/"+strconv.FormatInt(a.ID, 10))
	versioned(c, http.StatusCreated, a.Version, s.assignmentJSON(a))
}

func (s *Server) getAssignment(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := s.store.Assignment(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, a.Version, s.assignmentJSON(a))
}

type assignmentPatch struct {
	OfficerID *int64  `json:"officer_id"`
	Start     *string `json:"start"`
	End       *string `json:"end"`
	Override  string  `json:"override"`
}

// updateAssignment reassigns (officer_id) or moves (start, end) a duty.
// With If-Match, a stale version is 412.
func (s *Server) updateAssignment(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in assignmentPatch
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	var ch store.AssignmentChange
	ch.OfficerID = in.OfficerID
	ch.Override = checkOverride(&v, in.Override)
	if in.Start != nil {
		t := parseInstant(&v, "start", *in.Start)
		ch.Start = &t
	}
	if in.End != nil {
		t := parseInstant(&v, "end", *in.End)
		ch.End = &t
	}
	v.Check(in.OfficerID != nil || in.Start != nil || in.End != nil, "officer_id", roster.RuleRequired, "give officer_id, start or end to change")
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := s.store.UpdateAssignment(c.Request.Context(), actor(c), id, ch, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, a.Version, s.assignmentJSON(a))
}

// cancelAssignment cancels a duty; the row stays with status cancelled.
func (s *Server) cancelAssignment(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := s.store.CancelAssignment(c.Request.Context(), actor(c), id, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, a.Version, s.assignmentJSON(a))
}

// maxListDays is the longest range GET /assignments answers whole.
const maxListDays = 366

// listAssignments answers ?site=&officer_id=&from=&to=[&status=all], ordered
// by start; from defaults to today and to to 30 days after from.
// ?format=csv|xlsx gives the same list as a file (reports.go).
func (s *Server) listAssignments(c *gin.Context) {
	f, from, to, err := s.rangeFilter(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	format, sep, err := tableFormat(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListAssignments(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	if format != "json" {
		s.sendDuties(c, format, sep, list, from, to)
		return
	}
	c.JSON(http.StatusOK, gin.H{"from": from.String(), "to": to.String(), "assignments": s.assignmentsJSON(list)})
}

// rangeFilter reads the site, officer and day range of a listing.
func (s *Server) rangeFilter(c *gin.Context) (store.AssignmentFilter, roster.Date, roster.Date, error) {
	var f store.AssignmentFilter
	from, ok, err := queryDate(c, "from")
	if err != nil {
		return f, from, from, err
	}
	if !ok {
		from = roster.DateOf(s.nowLocal())
	}
	to, ok, err := queryDate(c, "to")
	if err != nil {
		return f, from, to, err
	}
	if !ok {
		to = from.AddDays(30)
	}
	if to.Before(from) {
		return f, from, to, errField("to", roster.RuleRange, "must not be before from")
	}
	if from.DaysUntil(to)+1 > maxListDays {
		return f, from, to, errField("to", roster.RuleRange, "a range of at most %d days comes in one answer; ask for shorter ranges", maxListDays)
	}
	f.From, f.To = from.In(s.cfg.Loc), to.AddDays(1).In(s.cfg.Loc)
	if code := c.Query("site"); code != "" {
		site, err := s.store.Site(c.Request.Context(), code)
		if roster.ErrorCode(err) == roster.ENotFound {
			err = errField("site", roster.RuleNotFound, "no site with code %q", code)
		}
		if err != nil {
			return f, from, to, err
		}
		f.SiteID = site.ID
	}
	if raw := c.Query("officer_id"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return f, from, to, errField("officer_id", roster.RuleInvalid, "must be an officer id")
		}
		f.OfficerID = id
	}
	switch c.Query("status") {
	case "", "scheduled":
	case "all":
		f.IncludeCancelled = true
	default:
		return f, from, to, errField("status", roster.RuleOneOf, "must be scheduled or all")
	}
	return f, from, to, nil
}
