package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

type leaveJSON struct {
	ID        int64  `json:"id"`
	OfficerID int64  `json:"officer_id"`
	From      string `json:"from"`
	To        string `json:"to"`
	Reason    string `json:"reason"`
	CreatedBy string `json:"created_by"`
	CreatedAt string `json:"created_at"`
}

func (s *Server) leaveJSON(l roster.Leave) leaveJSON {
	return leaveJSON{ID: l.ID, OfficerID: l.OfficerID, From: l.From.String(), To: l.To.String(), Reason: l.Reason,
		CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
}

// maxLeaveDays is the longest leave one request records.
const maxLeaveDays = 366

// createLeave records a leave (manager, or the officer for themself); the
// duties it hits are cancelled and returned in "affected".
func (s *Server) createLeave(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if u := caller(c); u.Role != roster.RoleManager && !u.ownsOfficer(id) {
		s.fail(c, roster.Errorf(roster.EForbidden, "officers may record only their own leave"))
		return
	}
	var in struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Reason string `json:"reason"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	from := parseDay(&v, "from", in.From)
	to := parseDay(&v, "to", in.To)
	if v.Err() == nil {
		v.Check(!to.Before(from), "to", roster.RuleRange, "must not be before from")
		v.Check(from.DaysUntil(to) < maxLeaveDays, "to", roster.RuleRange, "a leave lasts at most %d days", maxLeaveDays)
	}
	v.Check(len(in.Reason) <= 500, "reason", roster.RuleTooLong, "at most 500 characters")
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	if _, err := s.store.Officer(ctx, id); err != nil {
		s.fail(c, err)
		return
	}
	l, affected, err := s.store.CreateLeave(ctx, actor(c), roster.Leave{OfficerID: id, From: from, To: to, Reason: strings.TrimSpace(in.Reason)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, struct {
		leaveJSON
		Affected []assignmentJSON `json:"affected"` // the duties the leave cancelled: they need cover
	}{s.leaveJSON(l), s.assignmentsJSON(affected)})
}

func (s *Server) listOfficerLeaves(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondLeaves(c, []int64{id})
}

// listLeaves answers ?officer_id=&from=&to=&limit=&offset=, ordered by start.
func (s *Server) listLeaves(c *gin.Context) {
	var ids []int64
	if c.Query("officer_id") != "" {
		id, err := queryInt(c, "officer_id", 0, 1, 1<<62)
		if err != nil {
			s.fail(c, err)
			return
		}
		ids = []int64{int64(id)}
	}
	s.respondLeaves(c, ids)
}

func (s *Server) respondLeaves(c *gin.Context, ids []int64) {
	from, _, err := queryDate(c, "from")
	if err != nil {
		s.fail(c, err)
		return
	}
	to, _, err := queryDate(c, "to")
	if err != nil {
		s.fail(c, err)
		return
	}
	limit, offset, err := queryOffset(c, 500)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListLeaves(c.Request.Context(), ids, from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	resp := gin.H{}
	list = list[min(offset, len(list)):]
	if len(list) > limit {
		list = list[:limit]
		resp["next_offset"] = offset + limit
	}
	out := make([]leaveJSON, len(list))
	for i, l := range list {
		out[i] = s.leaveJSON(l)
	}
	resp["leaves"] = out
	c.JSON(http.StatusOK, resp)
}

func (s *Server) getLeave(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	l, err := s.store.Leave(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.leaveJSON(l))
}

// deleteLeave withdraws a leave (manager, or the officer for their own).
func (s *Server) deleteLeave(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	l, err := s.store.Leave(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if u := caller(c); u.Role != roster.RoleManager && !u.ownsOfficer(l.OfficerID) {
		s.fail(c, roster.Errorf(roster.EForbidden, "officers may withdraw only their own leave"))
		return
	}
	if err := s.store.DeleteLeave(ctx, actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
