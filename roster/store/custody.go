package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type custodyRow struct {
	ID              int64 `gorm:"primaryKey"`
	ReceivedAt      time.Time
	Source          string
	SourceName      string
	TakenBy         int64
	AssignmentID    *int64
	PersonName      string
	PersonAge       *int
	PersonStatus    string
	Field           string
	SentOfficerID   *int64
	AssignedAt      *time.Time
	ResponseSeconds *int64
	Notes           string
	RecordedBy      string
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (custodyRow) TableName() string { return "custody_requests" }

func (r custodyRow) domain(loc *time.Location) roster.CustodyRequest {
	out := roster.CustodyRequest{ID: r.ID, ReceivedAt: r.ReceivedAt.In(loc), Source: roster.CustodySource(r.Source), SourceName: r.SourceName,
		TakenBy: r.TakenBy, AssignmentID: r.AssignmentID, PersonName: r.PersonName, PersonAge: r.PersonAge,
		PersonStatus: roster.PersonStatus(r.PersonStatus), Field: r.Field, SentOfficer: r.SentOfficerID, Notes: r.Notes,
		RecordedBy: r.RecordedBy, Version: r.Version, CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
	if r.AssignedAt != nil {
		t := r.AssignedAt.In(loc)
		out.AssignedAt = &t
	}
	return out
}

func custodyToRow(r roster.CustodyRequest, actor string) custodyRow {
	row := custodyRow{ReceivedAt: ts(r.ReceivedAt), Source: string(r.Source), SourceName: r.SourceName, TakenBy: r.TakenBy,
		AssignmentID: r.AssignmentID, PersonName: r.PersonName, PersonAge: r.PersonAge, PersonStatus: string(r.PersonStatus),
		Field: r.Field, SentOfficerID: r.SentOfficer, Notes: r.Notes, RecordedBy: actor}
	if r.AssignedAt != nil {
		at := ts(*r.AssignedAt)
		secs := int64(at.Sub(row.ReceivedAt) / time.Second)
		row.AssignedAt, row.ResponseSeconds = &at, &secs
	}
	return row
}

// checkCustody validates r at the store's now and checks that the officers
// and the duty it names exist, naming the field at fault.
func (s *Store) checkCustody(tx *gorm.DB, r roster.CustodyRequest) error {
	if err := r.Validate(s.now()); err != nil {
		return err
	}
	if err := officerMustExist(tx, r.TakenBy, "taken_by"); err != nil {
		return err
	}
	if r.SentOfficer != nil {
		if err := officerMustExist(tx, *r.SentOfficer, "sent_officer_id"); err != nil {
			return err
		}
	}
	if r.AssignmentID != nil {
		a, err := s.dutyForResult(tx, *r.AssignmentID)
		if err != nil {
			return err
		}
		if err := r.ValidateDuty(a); err != nil {
			return err
		}
	}
	return nil
}

// CreateCustodyRequest logs a request from custody or a court, with an
// audit entry, in one transaction.
func (s *Store) CreateCustodyRequest(ctx context.Context, actor string, r roster.CustodyRequest) (roster.CustodyRequest, error) {
	var id int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.checkCustody(tx, r); err != nil {
			return err
		}
		now := ts(s.now())
		row := custodyToRow(r, actor)
		row.Version, row.CreatedAt, row.UpdatedAt = 1, now, now
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		return s.audit(tx, actor, "create", "custody_request", id, jsonDetail(row.domain(s.loc)))
	})
	if err != nil {
		return roster.CustodyRequest{}, err
	}
	return s.CustodyRequest(ctx, id)
}

// UpdateCustodyRequest replaces request r.ID, typically to record the
// officer sent and when. ifVersion > 0 must be its version (EPrecondition).
func (s *Store) UpdateCustodyRequest(ctx context.Context, actor string, r roster.CustodyRequest, ifVersion int) (roster.CustodyRequest, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur custodyRow
		if err := s.forUpdate(tx).Where("id = ?", r.ID).Take(&cur).Error; err != nil {
			return notFound(err, "custody request")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "custody request %d has changed (version %d, not %d)", r.ID, cur.Version, ifVersion)
		}
		if err := s.checkCustody(tx, r); err != nil {
			return err
		}
		row := custodyToRow(r, actor)
		row.ID, row.CreatedAt, row.Version, row.UpdatedAt = cur.ID, cur.CreatedAt, cur.Version+1, ts(s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "custody_request", cur.ID, jsonDetail(row.domain(s.loc)))
	})
	if err != nil {
		return roster.CustodyRequest{}, err
	}
	return s.CustodyRequest(ctx, r.ID)
}

// CustodyRequest returns the request with id.
func (s *Store) CustodyRequest(ctx context.Context, id int64) (roster.CustodyRequest, error) {
	var row custodyRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.CustodyRequest{}, notFound(err, fmt.Sprintf("custody request %d", id))
	}
	return row.domain(s.loc), nil
}

// CustodyFilter selects custody requests; zero fields select all.
type CustodyFilter struct {
	OfficerID  int64     // took the call or was sent
	From, To   time.Time // received in [From, To)
	Year       int       // received in this year (the store's zone)
	Late       bool      // only those that missed Target (roster.CustodyRequest.Late at the store's now)
	Target     time.Duration
	Unassigned bool // only those nobody has been sent to yet
	Limit      int
}

// ListCustodyRequests returns requests ordered by time received, then id.
// Late uses Target, or roster.DefaultCustodyTarget when it is 0.
func (s *Store) ListCustodyRequests(ctx context.Context, f CustodyFilter) ([]roster.CustodyRequest, error) {
	q := s.db.WithContext(ctx).Model(&custodyRow{}).Order("received_at, id")
	if f.OfficerID != 0 {
		q = q.Where("(taken_by = ? OR sent_officer_id = ?)", f.OfficerID, f.OfficerID)
	}
	from, to := f.From, f.To
	if f.Year != 0 {
		from, to = s.yearSpan(f.Year)
	}
	if !from.IsZero() {
		q = q.Where("received_at >= ?", ts(from))
	}
	if !to.IsZero() {
		q = q.Where("received_at < ?", ts(to))
	}
	if f.Late {
		target := f.Target
		if target <= 0 {
			target = roster.DefaultCustodyTarget
		}
		secs := int64(target / time.Second)
		q = q.Where("(response_seconds > ? OR (response_seconds IS NULL AND received_at < ?))", secs, ts(s.now().Add(-target)))
	}
	if f.Unassigned {
		q = q.Where("assigned_at IS NULL")
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []custodyRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.CustodyRequest, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}
