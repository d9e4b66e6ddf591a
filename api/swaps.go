package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

type swapJSON struct {
	ID                   int64  `json:"id"`
	Kind                 string `json:"kind"`
	AssignmentID         int64  `json:"assignment_id"`
	FromOfficerID        int64  `json:"from_officer_id"`
	ToOfficerID          int64  `json:"to_officer_id"`
	ExchangeAssignmentID *int64 `json:"exchange_assignment_id,omitempty"`
	Message              string `json:"message"`
	Status               string `json:"status"`
	Reason               string `json:"reason,omitempty"`
	CreatedBy            string `json:"created_by"`
	DecidedBy            string `json:"decided_by,omitempty"`
	CreatedAt            string `json:"created_at"`
	UpdatedAt            string `json:"updated_at"`
}

func (s *Server) swapJSON(r roster.SwapRequest) swapJSON {
	return swapJSON{ID: r.ID, Kind: string(r.Kind), AssignmentID: r.AssignmentID, FromOfficerID: r.FromOfficerID, ToOfficerID: r.ToOfficerID,
		ExchangeAssignmentID: r.ExchangeAssignmentID, Message: r.Message, Status: string(r.Status), Reason: r.Reason,
		CreatedBy: r.CreatedBy, DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt.Format(time.RFC3339), UpdatedAt: r.UpdatedAt.Format(time.RFC3339)}
}

// createSwap lets the holder of a duty (or a manager) ask a colleague to
// take it, or to exchange it for one of the colleague's duties.
func (s *Server) createSwap(c *gin.Context) {
	aid, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		ToOfficerID          *int64 `json:"to_officer_id"`
		ExchangeAssignmentID *int64 `json:"exchange_assignment_id"`
		Message              string `json:"message"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	v.Check(in.ToOfficerID != nil, "to_officer_id", roster.RuleRequired, "is required: the colleague asked to take the duty")
	v.Check(len(in.Message) <= 500, "message", roster.RuleTooLong, "at most 500 characters")
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	a, err := s.store.Assignment(ctx, aid)
	if err != nil {
		s.fail(c, err)
		return
	}
	if u := caller(c); u.Role != roster.RoleManager && !u.ownsOfficer(a.OfficerID) {
		s.fail(c, roster.Errorf(roster.EForbidden, "only the officer holding the duty, or a manager, may ask for a swap"))
		return
	}
	r, err := s.store.CreateSwap(ctx, actor(c), roster.SwapRequest{AssignmentID: aid, FromOfficerID: a.OfficerID, ToOfficerID: *in.ToOfficerID,
		ExchangeAssignmentID: in.ExchangeAssignmentID, Message: strings.TrimSpace(in.Message)})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, s.swapJSON(r))
}

// decideSwap handles POST /swap-requests/{id}/{action}: the colleague
// accepts or declines, the requester cancels, a manager approves or rejects.
func (s *Server) decideSwap(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	action := store.SwapAction(c.Param("action"))
	var in struct {
		Reason string `json:"reason"`
	}
	if c.Request.ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			s.fail(c, err)
			return
		}
	}
	ctx := c.Request.Context()
	r, err := s.store.Swap(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	u := caller(c)
	allowed := u.Role == roster.RoleManager
	switch action {
	case store.SwapAccept, store.SwapDecline:
		allowed = allowed || u.ownsOfficer(r.ToOfficerID)
	case store.SwapCancel:
		allowed = allowed || u.ownsOfficer(r.FromOfficerID)
	case store.SwapApprove, store.SwapReject:
	default:
		s.fail(c, roster.Errorf(roster.ENotFound, "no swap action %q: use accept, decline, cancel, approve or reject", action))
		return
	}
	if !allowed {
		s.fail(c, roster.Errorf(roster.EForbidden, "you may not %s this swap request", action))
		return
	}
	r, err = s.store.DecideSwap(ctx, actor(c), id, action, strings.TrimSpace(in.Reason))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.swapJSON(r))
}

func (s *Server) getSwap(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.Swap(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.swapJSON(r))
}

// listSwaps answers ?officer_id=&assignment_id=&status=&open=true.
func (s *Server) listSwaps(c *gin.Context) {
	var f store.SwapFilter
	if c.Query("officer_id") != "" {
		n, err := queryInt(c, "officer_id", 0, 1, 1<<62)
		if err != nil {
			s.fail(c, err)
			return
		}
		f.OfficerID = int64(n)
	}
	if c.Query("assignment_id") != "" {
		n, err := queryInt(c, "assignment_id", 0, 1, 1<<62)
		if err != nil {
			s.fail(c, err)
			return
		}
		f.AssignmentID = int64(n)
	}
	f.Status = roster.SwapStatus(c.Query("status"))
	f.OpenOnly = c.Query("open") == "true"
	list, err := s.store.ListSwaps(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]swapJSON, len(list))
	for i, r := range list {
		out[i] = s.swapJSON(r)
	}
	c.JSON(http.StatusOK, gin.H{"swap_requests": out})
}
