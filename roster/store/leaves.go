package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type leaveRow struct {
	ID        int64 `gorm:"primaryKey"`
	OfficerID int64
	FromDay   string
	ToDay     string
	StartsAt  time.Time
	EndsAt    time.Time
	Reason    string
	CreatedBy string
	CreatedAt time.Time
}

func (leaveRow) TableName() string { return "leaves" }

func (r leaveRow) domain() roster.Leave {
	from, _ := roster.ParseDate(r.FromDay)
	to, _ := roster.ParseDate(r.ToDay)
	return roster.Leave{ID: r.ID, OfficerID: r.OfficerID, From: from, To: to, Reason: r.Reason, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
}

// CreateLeave records a leave. Scheduled duties of the officer inside it are
// cancelled in the same transaction and returned: they now need cover. A
// leave overlapping another leave of the same officer is EConflict.
func (s *Store) CreateLeave(ctx context.Context, actor string, l roster.Leave) (roster.Leave, []roster.Assignment, error) {
	start, end := l.Span(s.loc)
	row := leaveRow{OfficerID: l.OfficerID, FromDay: l.From.String(), ToDay: l.To.String(), StartsAt: ts(start), EndsAt: ts(end),
		Reason: l.Reason, CreatedBy: actor, CreatedAt: ts(s.now())}
	var affected []roster.Assignment
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.lockOfficers(tx, l.OfficerID); err != nil {
			return err
		}
		var other []leaveRow
		if err := tx.Where("officer_id = ? AND starts_at < ? AND ends_at > ?", l.OfficerID, row.EndsAt, row.StartsAt).Limit(1).Find(&other).Error; err != nil {
			return err
		}
		if len(other) > 0 {
			msg := fmt.Sprintf("overlaps leave %d (%s to %s)", other[0].ID, other[0].FromDay, other[0].ToDay)
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleDuplicate, Message: msg, Fields: []roster.FieldError{{Field: "from", Code: roster.RuleDuplicate, Message: msg}}}
		}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		hit, err := s.listAssignments(tx, AssignmentFilter{OfficerID: l.OfficerID, From: start, To: end})
		if err != nil {
			return err
		}
		if err := s.cancelAssignments(tx, actor, "cancel_for_leave", hit); err != nil {
			return err
		}
		for _, a := range hit {
			a, err := s.assignmentTx(tx, a.ID)
			if err != nil {
				return err
			}
			affected = append(affected, a)
		}
		return s.audit(tx, actor, "create", "leave", row.ID, fmt.Sprintf(`{"officer_id":%d,"from":%q,"to":%q,"cancelled":%d}`,
			l.OfficerID, row.FromDay, row.ToDay, len(hit)))
	})
	if err != nil {
		return roster.Leave{}, nil, err
	}
	if affected == nil {
		affected = []roster.Assignment{}
	}
	return row.domain(), affected, nil
}

// Leave returns the leave with id.
func (s *Store) Leave(ctx context.Context, id int64) (roster.Leave, error) {
	var row leaveRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.Leave{}, notFound(err, "leave")
	}
	return row.domain(), nil
}

// ListLeaves returns leaves overlapping [from, to] (zero: unbounded) of the
// given officers (nil: all), ordered by start.
func (s *Store) ListLeaves(ctx context.Context, officerIDs []int64, from, to roster.Date) ([]roster.Leave, error) {
	return s.listLeavesTx(s.db.WithContext(ctx), officerIDs, from, to)
}

func (s *Store) listLeavesTx(db *gorm.DB, officerIDs []int64, from, to roster.Date) ([]roster.Leave, error) {
	q := db.Order("from_day, id")
	if officerIDs != nil {
		q = q.Where("officer_id IN ?", orNone(officerIDs))
	}
	if !from.IsZero() {
		q = q.Where("to_day >= ?", from.String())
	}
	if !to.IsZero() {
		q = q.Where("from_day <= ?", to.String())
	}
	var rows []leaveRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Leave, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// DeleteLeave removes a leave (the officer is available again). Duties it
// cancelled stay cancelled: the next plan fills them.
func (s *Store) DeleteLeave(ctx context.Context, actor string, id int64) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(&leaveRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "leave %d not found", id)
		}
		return s.audit(tx, actor, "delete", "leave", id, "")
	})
}
