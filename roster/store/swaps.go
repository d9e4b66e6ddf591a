package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type swapRow struct {
	ID                   int64 `gorm:"primaryKey"`
	Kind                 string
	AssignmentID         int64
	AssignmentVersion    int
	FromOfficerID        int64
	ToOfficerID          int64
	ExchangeAssignmentID *int64
	ExchangeVersion      int
	Message              string
	Status               string
	Reason               string
	CreatedBy            string
	DecidedBy            string
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

func (swapRow) TableName() string { return "swap_requests" }

func (r swapRow) domain(loc *time.Location) roster.SwapRequest {
	return roster.SwapRequest{ID: r.ID, Kind: roster.SwapKind(r.Kind), AssignmentID: r.AssignmentID, AssignmentVersion: r.AssignmentVersion,
		FromOfficerID: r.FromOfficerID, ToOfficerID: r.ToOfficerID, ExchangeAssignmentID: r.ExchangeAssignmentID, ExchangeVersion: r.ExchangeVersion,
		Message: r.Message, Status: roster.SwapStatus(r.Status), Reason: r.Reason, CreatedBy: r.CreatedBy, DecidedBy: r.DecidedBy,
		CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
}

// CreateSwap records a request by the holder of a duty asking a colleague
// to take it (or exchange it for one of the colleague's duties). When
// req.FromOfficerID is set, the duty must still be theirs. The duty
// must be scheduled and not yet started, and the result must be possible
// now (the checks run again when it is applied). One open request per duty.
func (s *Store) CreateSwap(ctx context.Context, actor string, req roster.SwapRequest) (roster.SwapRequest, error) {
	var row swapRow
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		a, err := s.assignmentTx(tx, req.AssignmentID)
		if err != nil {
			return err
		}
		if err := s.swappable(a, "assignment"); err != nil {
			return err
		}
		if req.FromOfficerID != 0 && req.FromOfficerID != a.OfficerID {
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleVersion, Message: fmt.Sprintf("assignment %d changed hands meanwhile", a.ID)}
		}
		if req.ToOfficerID == a.OfficerID {
			return roster.Invalid(roster.FieldError{Field: "to_officer_id", Code: roster.RuleDuplicate, Message: "already holds this duty"})
		}
		row = swapRow{Kind: string(roster.SwapTake), AssignmentID: a.ID, AssignmentVersion: a.Version, FromOfficerID: a.OfficerID,
			ToOfficerID: req.ToOfficerID, Message: req.Message, Status: string(roster.SwapPending), CreatedBy: actor,
			CreatedAt: ts(s.now()), UpdatedAt: ts(s.now())}
		var ex *roster.Assignment
		if req.ExchangeAssignmentID != nil {
			e, err := s.assignmentTx(tx, *req.ExchangeAssignmentID)
			if roster.ErrorCode(err) == roster.ENotFound {
				return roster.Invalid(roster.FieldError{Field: "exchange_assignment_id", Code: roster.RuleNotFound, Message: "no such assignment"})
			}
			if err != nil {
				return err
			}
			if e.OfficerID != req.ToOfficerID {
				return roster.Invalid(roster.FieldError{Field: "exchange_assignment_id", Code: roster.RuleInvalid, Message: "is not a duty of the colleague asked"})
			}
			if err := s.swappable(e, "exchange_assignment_id"); err != nil {
				return err
			}
			row.Kind, row.ExchangeAssignmentID, row.ExchangeVersion = string(roster.SwapExchange), &e.ID, e.Version
			ex = &e
		}
		if err := s.lockOfficers(tx, a.OfficerID, req.ToOfficerID); err != nil {
			return err
		}
		if err := s.checkSwap(tx, a, ex, req.ToOfficerID); err != nil {
			return err
		}
		if err := tx.Create(&row).Error; err != nil {
			if roster.ErrorCode(mapErr(err)) == roster.EConflict {
				return &roster.Error{Code: roster.EConflict, Rule: roster.RuleDuplicate, Message: fmt.Sprintf("assignment %d already has an open swap request", a.ID)}
			}
			return err
		}
		return s.audit(tx, actor, "create", "swap_request", row.ID, fmt.Sprintf(`{"assignment_id":%d,"to_officer_id":%d,"kind":%q}`, a.ID, req.ToOfficerID, row.Kind))
	})
	if err != nil {
		return roster.SwapRequest{}, err
	}
	return row.domain(s.loc), nil
}

// swappable checks a duty can still change hands.
func (s *Store) swappable(a roster.Assignment, field string) error {
	if a.Status != roster.Scheduled {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleInvalid, Message: fmt.Sprintf("assignment %d is cancelled", a.ID),
			Fields: []roster.FieldError{{Field: field, Code: roster.RuleInvalid, Message: "is cancelled"}}}
	}
	if !a.Start.After(s.now()) {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleRange, Message: fmt.Sprintf("assignment %d has already started", a.ID),
			Fields: []roster.FieldError{{Field: field, Code: roster.RuleRange, Message: "has already started"}}}
	}
	return nil
}

// checkSwap checks every hard rule for the duties after the swap: the
// colleague takes a; with an exchange, the holder of a takes ex.
func (s *Store) checkSwap(tx *gorm.DB, a roster.Assignment, ex *roster.Assignment, to int64) error {
	var exclude []int64
	if ex != nil {
		exclude = append(exclude, ex.ID)
	}
	if err := s.checkTakeover(tx, a, to, append(exclude, a.ID)...); err != nil {
		return err
	}
	if ex != nil {
		return s.checkTakeover(tx, *ex, a.OfficerID, a.ID, ex.ID)
	}
	return nil
}

// checkTakeover checks officer may hold duty a under roster.MayHold.
// Duties in exclude are the ones changing hands.
func (s *Store) checkTakeover(tx *gorm.DB, a roster.Assignment, officerID int64, exclude ...int64) error {
	return s.mayHold(tx, a, officerID, "to_officer_id", roster.HoldRules{Exclude: exclude})
}

// SwapAction is what someone does with a swap request.
type SwapAction string

// Swap actions. Accept and Decline are the colleague's, Cancel the
// requester's, Approve and Reject a manager's.
const (
	SwapAccept  SwapAction = "accept"
	SwapDecline SwapAction = "decline"
	SwapCancel  SwapAction = "cancel"
	SwapApprove SwapAction = "approve"
	SwapReject  SwapAction = "reject"
)

// DecideSwap moves a request on. Accepting applies the swap at once unless
// the site requires a manager's approval; approving applies it. Applying
// re-checks every rule inside the transaction: when the duty changed since
// the request or the swap would break a rule, the request ends as failed
// (kept, with the reason) and the error says why.
func (s *Store) DecideSwap(ctx context.Context, actor string, id int64, action SwapAction, reason string) (roster.SwapRequest, error) {
	var row swapRow
	var failure error
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.forUpdate(tx).Where("id = ?", id).Take(&row).Error; err != nil {
			return notFound(err, "swap request")
		}
		status := roster.SwapStatus(row.Status)
		want := map[SwapAction]roster.SwapStatus{SwapAccept: roster.SwapPending, SwapDecline: roster.SwapPending,
			SwapCancel: status, SwapApprove: roster.SwapAwaitingApproval, SwapReject: roster.SwapAwaitingApproval}
		from, ok := want[action]
		if !ok {
			return roster.Invalid(roster.FieldError{Field: "action", Code: roster.RuleOneOf, Message: "must be accept, decline, cancel, approve or reject"})
		}
		if !status.Open() || status != from {
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleInvalid, Message: fmt.Sprintf("swap request %d is %s; cannot %s it", id, status, action)}
		}
		next := status
		switch action {
		case SwapDecline:
			next = roster.SwapDeclined
		case SwapCancel:
			next = roster.SwapCancelled
		case SwapReject:
			next = roster.SwapRejected
		case SwapAccept:
			var site siteRow
			if err := tx.Raw("SELECT sites.* FROM sites JOIN assignments ON assignments.site_id = sites.id WHERE assignments.id = ?", row.AssignmentID).Scan(&site).Error; err != nil {
				return err
			}
			next = roster.SwapApplied
			if site.RequireSwapApproval {
				next = roster.SwapAwaitingApproval
			}
		case SwapApprove:
			next = roster.SwapApplied
		}
		if next == roster.SwapApplied {
			if err := s.applySwap(tx, actor, row); err != nil {
				if roster.ErrorCode(err) == roster.EInternal {
					return err
				}
				failure = err
				next, reason = roster.SwapFailed, roster.ErrorMessage(err)
			}
		}
		row.Status, row.Reason, row.DecidedBy, row.UpdatedAt = string(next), reason, actor, ts(s.now())
		if err := tx.Model(&swapRow{}).Where("id = ?", id).Updates(map[string]any{
			"status": row.Status, "reason": row.Reason, "decided_by": actor, "updated_at": row.UpdatedAt}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, string(action), "swap_request", id, fmt.Sprintf(`{"status":%q}`, next))
	})
	if err != nil {
		return roster.SwapRequest{}, err
	}
	return row.domain(s.loc), failure
}

// applySwap hands the duties over inside tx.
func (s *Store) applySwap(tx *gorm.DB, actor string, row swapRow) error {
	if err := s.lockOfficers(tx, row.FromOfficerID, row.ToOfficerID); err != nil {
		return err
	}
	a, err := s.assignmentTx(tx, row.AssignmentID)
	if err != nil {
		return err
	}
	if a.Version != row.AssignmentVersion || a.OfficerID != row.FromOfficerID {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleVersion, Message: fmt.Sprintf("assignment %d changed since the request", a.ID)}
	}
	if err := s.swappable(a, "assignment"); err != nil {
		return err
	}
	var ex *roster.Assignment
	if row.ExchangeAssignmentID != nil {
		e, err := s.assignmentTx(tx, *row.ExchangeAssignmentID)
		if err != nil {
			return err
		}
		if e.Version != row.ExchangeVersion || e.OfficerID != row.ToOfficerID {
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleVersion, Message: fmt.Sprintf("assignment %d changed since the request", e.ID)}
		}
		if err := s.swappable(e, "exchange_assignment_id"); err != nil {
			return err
		}
		ex = &e
	}
	if err := s.checkSwap(tx, a, ex, row.ToOfficerID); err != nil {
		return err
	}
	if err := s.handOver(tx, actor, a, row.ToOfficerID); err != nil {
		return err
	}
	if ex != nil {
		return s.handOver(tx, actor, *ex, row.FromOfficerID)
	}
	return nil
}

// handOver gives duty a to officer (checks done by the caller).
func (s *Store) handOver(tx *gorm.DB, actor string, a roster.Assignment, officer int64) error {
	now := ts(s.now())
	res := tx.Model(&assignmentRow{}).Where("id = ? AND version = ?", a.ID, a.Version).Updates(map[string]any{
		"officer_id": officer, "version": a.Version + 1, "updated_by": actor, "updated_at": now})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleVersion, Message: fmt.Sprintf("assignment %d changed meanwhile", a.ID)}
	}
	if err := tx.Create(&releaseRow{AssignmentID: a.ID, OfficerID: a.OfficerID, Version: a.Version + 1, ReleasedAt: now}).Error; err != nil {
		return err
	}
	return s.audit(tx, actor, "swap", "assignment", a.ID, fmt.Sprintf(`{"officer_id":[%d,%d]}`, a.OfficerID, officer))
}

// Swap returns the swap request with id.
func (s *Store) Swap(ctx context.Context, id int64) (roster.SwapRequest, error) {
	var row swapRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.SwapRequest{}, notFound(err, "swap request")
	}
	return row.domain(s.loc), nil
}

// SwapFilter selects swap requests; zero fields select all.
type SwapFilter struct {
	OfficerID    int64 // requests from or to this officer
	AssignmentID int64
	Status       roster.SwapStatus
	OpenOnly     bool
	Limit        int
}

// ListSwaps returns swap requests, newest first.
func (s *Store) ListSwaps(ctx context.Context, f SwapFilter) ([]roster.SwapRequest, error) {
	q := s.db.WithContext(ctx).Order("id DESC")
	if f.OfficerID != 0 {
		q = q.Where("from_officer_id = ? OR to_officer_id = ?", f.OfficerID, f.OfficerID)
	}
	if f.AssignmentID != 0 {
		q = q.Where("assignment_id = ? OR exchange_assignment_id = ?", f.AssignmentID, f.AssignmentID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.OpenOnly {
		q = q.Where("status IN ?", []string{string(roster.SwapPending), string(roster.SwapAwaitingApproval)})
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	var rows []swapRow
	if err := q.Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.SwapRequest, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}
