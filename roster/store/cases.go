package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type caseRow struct {
	ID               int64 `gorm:"primaryKey"`
	Year             int
	Seq              int
	Number           string
	Form             string
	Field            string
	BeneficiaryGroup string
	Origin           string
	DutyResultID     *int64
	CustodyRequestID *int64
	SessionID        *int64
	HandlerID        int64
	AcceptedOn       string
	Stage            string
	Outcome          string
	ClosedOn         *string
	Summary          string
	Version          int
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (caseRow) TableName() string { return "cases" }

func (r caseRow) domain(loc *time.Location) roster.Case {
	accepted, _ := roster.ParseDate(r.AcceptedOn)
	c := roster.Case{ID: r.ID, Year: r.Year, Seq: r.Seq, Number: r.Number, Form: roster.CaseForm(r.Form), Field: r.Field,
		Group: roster.BeneficiaryGroup(r.BeneficiaryGroup), Origin: roster.CaseOrigin(r.Origin), HandlerID: r.HandlerID,
		Accepted: accepted, Stage: roster.CaseStage(r.Stage), Outcome: roster.CaseOutcome(r.Outcome), Summary: r.Summary,
		Version: r.Version, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
	for _, id := range []*int64{r.DutyResultID, r.CustodyRequestID, r.SessionID} {
		if id != nil {
			c.OriginID = *id
		}
	}
	if r.ClosedOn != nil {
		d, _ := roster.ParseDate(*r.ClosedOn)
		c.ClosedOn = &d
	}
	return c
}

// setCaseFields copies the editable fields of c into row.
func setCaseFields(row *caseRow, c roster.Case) {
	row.Form, row.Field, row.BeneficiaryGroup, row.Origin = string(c.Form), c.Field, string(c.Group), string(c.Origin)
	row.DutyResultID, row.CustodyRequestID, row.SessionID = nil, nil, nil
	id := c.OriginID
	switch c.Origin {
	case roster.OriginDuty:
		row.DutyResultID = &id
	case roster.OriginCustody:
		row.CustodyRequestID = &id
	case roster.OriginOutreach:
		row.SessionID = &id
	}
	row.HandlerID, row.AcceptedOn, row.Stage, row.Outcome, row.Summary = c.HandlerID, c.Accepted.String(), string(c.Stage), string(c.Outcome), c.Summary
	row.ClosedOn = nil
	if c.ClosedOn != nil {
		d := c.ClosedOn.String()
		row.ClosedOn = &d
	}
}

// originTables are the tables a case's origin id points into.
var originTables = map[roster.CaseOrigin]string{
	roster.OriginDuty:     "duty_results",
	roster.OriginCustody:  "custody_requests",
	roster.OriginOutreach: "outreach_sessions",
}

// checkCase validates c on the store's today and checks that its handler
// and its source exist, naming the field at fault.
func (s *Store) checkCase(tx *gorm.DB, c roster.Case) error {
	if err := c.Validate(roster.DateOf(s.now().In(s.loc))); err != nil {
		return err
	}
	if err := officerMustExist(tx, c.HandlerID, "handler_id"); err != nil {
		return err
	}
	if table, ok := originTables[c.Origin]; ok {
		var n int64
		if err := tx.Raw("SELECT COUNT(*) FROM "+table+" WHERE id = ?", c.OriginID).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return roster.Invalid(roster.FieldError{Field: "origin_id", Code: roster.RuleNotFound, Message: fmt.Sprintf("%s %d does not exist", c.Origin, c.OriginID)})
		}
	}
	return nil
}

// CreateCase registers a case and gives it the next number of the year it
// was accepted in ("12/2027/TGPL"), with an audit entry, in one
// transaction. On PostgreSQL a transaction lock per year keeps two new
// cases from taking one number.
func (s *Store) CreateCase(ctx context.Context, actor string, c roster.Case) (roster.Case, error) {
	var id int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		c.Year = c.Accepted.Year
		if err := s.checkCase(tx, c); err != nil {
			return err
		}
		if s.dialect == "postgres" {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(7154872, ?)", c.Year).Error; err != nil {
				return err
			}
		}
		var last *int
		if err := tx.Raw("SELECT MAX(seq) FROM cases WHERE year = ?", c.Year).Scan(&last).Error; err != nil {
			return err
		}
		seq := 1
		if last != nil {
			seq = *last + 1
		}
		now := ts(s.now())
		row := caseRow{Year: c.Year, Seq: seq, Number: roster.CaseNumber(seq, c.Year), Version: 1, CreatedBy: actor, CreatedAt: now, UpdatedAt: now}
		setCaseFields(&row, c)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		return s.audit(tx, actor, "create", "case", id, jsonDetail(row.domain(s.loc)))
	})
	if err != nil {
		return roster.Case{}, err
	}
	return s.Case(ctx, id)
}

// UpdateCase saves the editable fields of c.ID: everything but its number
// (and so its year: the accepted date stays in it). ifVersion > 0 must be
// its version (EPrecondition otherwise).
func (s *Store) UpdateCase(ctx context.Context, actor string, c roster.Case, ifVersion int) (roster.Case, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur caseRow
		if err := s.forUpdate(tx).Where("id = ?", c.ID).Take(&cur).Error; err != nil {
			return notFound(err, "case")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "case %s has changed (version %d, not %d)", cur.Number, cur.Version, ifVersion)
		}
		c.Year = cur.Year
		if err := s.checkCase(tx, c); err != nil {
			return err
		}
		row := cur
		setCaseFields(&row, c)
		row.Version, row.UpdatedAt = cur.Version+1, ts(s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "case", cur.ID, jsonDetail(row.domain(s.loc)))
	})
	if err != nil {
		return roster.Case{}, err
	}
	return s.Case(ctx, c.ID)
}

// Case returns the case with id.
func (s *Store) Case(ctx context.Context, id int64) (roster.Case, error) {
	var row caseRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.Case{}, notFound(err, fmt.Sprintf("case %d", id))
	}
	return row.domain(s.loc), nil
}

// CaseFilter selects cases; zero fields select all.
type CaseFilter struct {
	IDs          []int64
	HandlerID    int64 // an officer's own cases
	AcceptedYear int   // accepted in this year
	HandledIn    int   // new in this year or carried over into it (roster.Case.HandledIn)
	Form         roster.CaseForm
	Stage        roster.CaseStage
	Open         bool // not closed
	Limit        int
}

// ListCases returns cases ordered by year and number.
func (s *Store) ListCases(ctx context.Context, f CaseFilter) ([]roster.Case, error) {
	q := s.db.WithContext(ctx).Model(&caseRow{}).Order("year, seq")
	if f.IDs != nil {
		q = q.Where("id IN ?", orNone(f.IDs))
	}
	if f.HandlerID != 0 {
		q = q.Where("handler_id = ?", f.HandlerID)
	}
	if f.AcceptedYear != 0 {
		q = q.Where("year = ?", f.AcceptedYear)
	}
	if y := f.HandledIn; y != 0 {
		jan1, next := roster.NewDate(y, time.January, 1).String(), roster.NewDate(y+1, time.January, 1).String()
		q = q.Where("accepted_on < ? AND (accepted_on >= ? OR closed_on IS NULL OR closed_on >= ?)", next, jan1, jan1)
	}
	if f.Form != "" {
		q = q.Where("form = ?", f.Form)
	}
	if f.Stage != "" {
		q = q.Where("stage = ?", f.Stage)
	}
	if f.Open {
		q = q.Where("stage <> ?", roster.StageClosed)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []caseRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Case, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}
