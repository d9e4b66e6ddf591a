package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type dutyResultRow struct {
	ID             int64 `gorm:"primaryKey"`
	AssignmentID   int64
	Held           bool
	HeldBy         *int64
	PeopleReceived int
	Notes          string
	RecordedBy     string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (dutyResultRow) TableName() string { return "duty_results" }

type dutyRequestRow struct {
	ID               int64 `gorm:"primaryKey"`
	ResultID         int64
	Position         int
	Field            string
	BeneficiaryGroup string
	Action           string
}

func (dutyRequestRow) TableName() string { return "duty_requests" }

func (r dutyResultRow) domain(loc *time.Location) roster.DutyResult {
	out := roster.DutyResult{ID: r.ID, AssignmentID: r.AssignmentID, Held: r.Held, PeopleReceived: r.PeopleReceived, Notes: r.Notes,
		Requests: []roster.DutyRequest{}, RecordedBy: r.RecordedBy, Version: r.Version, CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
	if r.HeldBy != nil {
		out.HeldBy = *r.HeldBy
	}
	return out
}

// officerMustExist fails with EInvalid naming field when there is no
// officer id.
func officerMustExist(tx *gorm.DB, id int64, field string) error {
	var n int64
	if err := tx.Raw("SELECT COUNT(*) FROM officers WHERE id = ?", id).Scan(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return roster.Invalid(roster.FieldError{Field: field, Code: roster.RuleNotFound, Message: fmt.Sprintf("officer %d does not exist", id)})
	}
	return nil
}

// dutyForResult loads the duty a result is for, naming assignment_id when
// it does not exist.
func (s *Store) dutyForResult(tx *gorm.DB, id int64) (roster.Assignment, error) {
	a, err := s.assignmentTx(tx, id)
	if roster.ErrorCode(err) == roster.ENotFound {
		return a, roster.Invalid(roster.FieldError{Field: "assignment_id", Message: fmt.Sprintf("duty %d does not exist", id)})
	}
	return a, err
}

// RecordDutyResult records the result of a duty (r.AssignmentID), checked
// by roster.DutyResult.Validate at the store's now, with an audit entry,
// in one transaction. A duty has one result: recording a second is
// EConflict (change the first with UpdateDutyResult). Who may record is
// roster.MayRecordDutyResult, which the caller checks.
func (s *Store) RecordDutyResult(ctx context.Context, actor string, r roster.DutyResult) (roster.DutyResult, error) {
	var id int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		a, err := s.dutyForResult(tx, r.AssignmentID)
		if err != nil {
			return err
		}
		if err := s.checkResult(tx, r, a); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&dutyResultRow{}).Where("assignment_id = ?", a.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return roster.Errorf(roster.EConflict, "duty %d already has a result", a.ID)
		}
		now := ts(s.now())
		row := resultRow(r, actor)
		row.Version, row.CreatedAt, row.UpdatedAt = 1, now, now
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		if err := writeRequests(tx, id, r.Requests); err != nil {
			return err
		}
		return s.audit(tx, actor, "create", "duty_result", id, jsonDetail(r))
	})
	if err != nil {
		return roster.DutyResult{}, mapErr(err)
	}
	return s.DutyResult(ctx, id)
}

func (s *Store) checkResult(tx *gorm.DB, r roster.DutyResult, a roster.Assignment) error {
	if err := r.Validate(a, s.now()); err != nil {
		return err
	}
	if r.Held && r.HeldBy != a.OfficerID {
		return officerMustExist(tx, r.HeldBy, "held_by")
	}
	return nil
}

func resultRow(r roster.DutyResult, actor string) dutyResultRow {
	row := dutyResultRow{AssignmentID: r.AssignmentID, Held: r.Held, PeopleReceived: r.PeopleReceived, Notes: r.Notes, RecordedBy: actor}
	if r.Held {
		row.HeldBy = &r.HeldBy
	}
	return row
}

func writeRequests(tx *gorm.DB, resultID int64, reqs []roster.DutyRequest) error {
	if err := tx.Where("result_id = ?", resultID).Delete(&dutyRequestRow{}).Error; err != nil {
		return err
	}
	for i, q := range reqs {
		row := dutyRequestRow{ResultID: resultID, Position: i, Field: q.Field, BeneficiaryGroup: string(q.Group), Action: string(q.Action)}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	return nil
}

// UpdateDutyResult replaces the result r.ID (its duty stays the same) in
// one transaction under a lock on the result. ifVersion > 0 must be its
// version (EPrecondition otherwise). The requests are replaced, with new ids.
func (s *Store) UpdateDutyResult(ctx context.Context, actor string, r roster.DutyResult, ifVersion int) (roster.DutyResult, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur dutyResultRow
		if err := s.forUpdate(tx).Where("id = ?", r.ID).Take(&cur).Error; err != nil {
			return notFound(err, "duty result")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "duty result %d has changed (version %d, not %d)", r.ID, cur.Version, ifVersion)
		}
		r.AssignmentID = cur.AssignmentID
		a, err := s.dutyForResult(tx, cur.AssignmentID)
		if err != nil {
			return err
		}
		if err := s.checkResult(tx, r, a); err != nil {
			return err
		}
		row := resultRow(r, actor)
		row.ID, row.CreatedAt, row.Version, row.UpdatedAt = cur.ID, cur.CreatedAt, cur.Version+1, ts(s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		if err := writeRequests(tx, cur.ID, r.Requests); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "duty_result", cur.ID, jsonDetail(r))
	})
	if err != nil {
		return roster.DutyResult{}, mapErr(err)
	}
	return s.DutyResult(ctx, r.ID)
}

// DutyResult returns the result with id.
func (s *Store) DutyResult(ctx context.Context, id int64) (roster.DutyResult, error) {
	out, err := s.listResults(s.db.WithContext(ctx), DutyResultFilter{IDs: []int64{id}})
	if err != nil {
		return roster.DutyResult{}, err
	}
	if len(out) == 0 {
		return roster.DutyResult{}, roster.Errorf(roster.ENotFound, "duty result %d not found", id)
	}
	return out[0], nil
}

// DutyResultOf returns the result of duty assignmentID (ENotFound when none
// is recorded).
func (s *Store) DutyResultOf(ctx context.Context, assignmentID int64) (roster.DutyResult, error) {
	out, err := s.listResults(s.db.WithContext(ctx), DutyResultFilter{AssignmentIDs: []int64{assignmentID}})
	if err != nil {
		return roster.DutyResult{}, err
	}
	if len(out) == 0 {
		return roster.DutyResult{}, roster.Errorf(roster.ENotFound, "duty %d has no result", assignmentID)
	}
	return out[0], nil
}

// DutyResultFilter selects duty results; zero fields select all.
type DutyResultFilter struct {
	IDs           []int64
	AssignmentIDs []int64
	OfficerID     int64     // the duty's officer, or who held it
	From, To      time.Time // duties starting in [From, To)
	Year          int       // duties starting in this year (the store's zone)
}

// ListDutyResults returns results ordered by their duty's start, then id.
func (s *Store) ListDutyResults(ctx context.Context, f DutyResultFilter) ([]roster.DutyResult, error) {
	return s.listResults(s.db.WithContext(ctx), f)
}

func (s *Store) yearSpan(year int) (time.Time, time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, s.loc), time.Date(year+1, 1, 1, 0, 0, 0, 0, s.loc)
}

func (s *Store) listResults(db *gorm.DB, f DutyResultFilter) ([]roster.DutyResult, error) {
	q := db.Model(&dutyResultRow{}).Select("duty_results.*").
		Joins("JOIN assignments ON assignments.id = duty_results.assignment_id").
		Order("assignments.starts_at, duty_results.id")
	if f.IDs != nil {
		q = q.Where("duty_results.id IN ?", orNone(f.IDs))
	}
	if f.AssignmentIDs != nil {
		q = q.Where("duty_results.assignment_id IN ?", orNone(f.AssignmentIDs))
	}
	if f.OfficerID != 0 {
		q = q.Where("(assignments.officer_id = ? OR duty_results.held_by = ?)", f.OfficerID, f.OfficerID)
	}
	from, to := f.From, f.To
	if f.Year != 0 {
		from, to = s.yearSpan(f.Year)
	}
	if !from.IsZero() {
		q = q.Where("assignments.starts_at >= ?", ts(from))
	}
	if !to.IsZero() {
		q = q.Where("assignments.starts_at < ?", ts(to))
	}
	var rows []dutyResultRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.DutyResult, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	index := map[int64]int{}
	for i, r := range rows {
		out[i], ids[i], index[r.ID] = r.domain(s.loc), r.ID, i
	}
	for chunk := range chunks(ids, 500) {
		var reqs []dutyRequestRow
		if err := db.Where("result_id IN ?", chunk).Order("result_id, position").Find(&reqs).Error; err != nil {
			return nil, mapErr(err)
		}
		for _, q := range reqs {
			i := index[q.ResultID]
			out[i].Requests = append(out[i].Requests, roster.DutyRequest{ID: q.ID, Field: q.Field,
				Group: roster.BeneficiaryGroup(q.BeneficiaryGroup), Action: roster.RequestAction(q.Action)})
		}
	}
	return out, nil
}

// chunks yields ids n at a time, to keep "IN ?" lists short.
func chunks(ids []int64, n int) func(func([]int64) bool) {
	return func(yield func([]int64) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}

// MissingResultFilter selects duties without results; zero fields select all.
type MissingResultFilter struct {
	OfficerID int64
	SiteID    int64
	From      time.Time // duties ending at or after From
	Limit     int
}

// MissingDutyResults returns the scheduled court and phone duties that
// ended before the store's now without a result (roster.ResultMissing),
// oldest first: the list managers chase.
func (s *Store) MissingDutyResults(ctx context.Context, f MissingResultFilter) ([]roster.Assignment, error) {
	q := s.assignmentQuery(s.db.WithContext(ctx)).
		Where("assignments.status = ? AND assignments.session_id IS NULL AND assignments.ends_at <= ?", roster.Scheduled, ts(s.now())).
		Where("NOT EXISTS (SELECT 1 FROM duty_results WHERE duty_results.assignment_id = assignments.id)").
		Order("assignments.ends_at, assignments.id")
	if f.OfficerID != 0 {
		q = q.Where("assignments.officer_id = ?", f.OfficerID)
	}
	if f.SiteID != 0 {
		q = q.Where("assignments.site_id = ?", f.SiteID)
	}
	if !f.From.IsZero() {
		q = q.Where("assignments.ends_at >= ?", ts(f.From))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []assignmentRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Assignment, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}
