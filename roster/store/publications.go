package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type publicationRow struct {
	ID          int64 `gorm:"primaryKey"`
	SiteID      int64
	FromDay     string
	ToDay       string
	Recipient   string
	PublishedAt time.Time
	PublishedBy string
	SiteCode    string `gorm:"->;-:migration"` // read from a join
}

func (publicationRow) TableName() string { return "publications" }

func (r publicationRow) domain(loc *time.Location) roster.Publication {
	from, _ := roster.ParseDate(r.FromDay)
	to, _ := roster.ParseDate(r.ToDay)
	return roster.Publication{ID: r.ID, SiteID: r.SiteID, SiteCode: r.SiteCode, From: from, To: to, Recipient: r.Recipient,
		PublishedAt: r.PublishedAt.In(loc), PublishedBy: r.PublishedBy}
}

// CreatePublication records that p.SiteID's schedule for p.From–p.To was
// published by actor, now. If also is not nil it runs in the same
// transaction with the stored publication (its ID set), so whatever it
// writes (the outbox row of the e-mail) is committed with the record or
// not at all.
func (s *Store) CreatePublication(ctx context.Context, actor string, p roster.Publication, also func(tx *gorm.DB, p roster.Publication) error) (roster.Publication, error) {
	if p.To.Before(p.From) {
		return roster.Publication{}, roster.Invalid(roster.FieldError{Field: "to", Code: roster.RuleRange, Message: "must not be before from"})
	}
	row := publicationRow{SiteID: p.SiteID, FromDay: p.From.String(), ToDay: p.To.String(), Recipient: p.Recipient,
		PublishedAt: ts(s.now()), PublishedBy: actor}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var code string
		if err := tx.Raw("SELECT code FROM sites WHERE id = ?", p.SiteID).Scan(&code).Error; err != nil {
			return err
		}
		if code == "" {
			return roster.Errorf(roster.ENotFound, "site %d not found", p.SiteID)
		}
		if err := tx.Omit("SiteCode").Create(&row).Error; err != nil {
			return err
		}
		row.SiteCode = code
		if err := s.audit(tx, actor, "publish", "site", code,
			fmt.Sprintf(`{"publication":%d,"from":%q,"to":%q,"recipient":%q}`, row.ID, row.FromDay, row.ToDay, row.Recipient)); err != nil {
			return err
		}
		if also != nil {
			return also(tx, row.domain(s.loc))
		}
		return nil
	})
	if err != nil {
		return roster.Publication{}, err
	}
	return row.domain(s.loc), nil
}

// PublicationFilter selects publications; zero fields select all.
type PublicationFilter struct {
	SiteID int64
	// From and To, when set, select publications overlapping the days
	// From–To.
	From, To *roster.Date
	Limit    int
}

// ListPublications returns publications, the latest first.
func (s *Store) ListPublications(ctx context.Context, f PublicationFilter) ([]roster.Publication, error) {
	q := s.db.WithContext(ctx).Model(&publicationRow{}).Select("publications.*, sites.code AS site_code").
		Joins("JOIN sites ON sites.id = publications.site_id").Order("publications.published_at DESC, publications.id DESC")
	if f.SiteID != 0 {
		q = q.Where("publications.site_id = ?", f.SiteID)
	}
	if f.From != nil {
		q = q.Where("publications.to_day >= ?", f.From.String())
	}
	if f.To != nil {
		q = q.Where("publications.from_day <= ?", f.To.String())
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []publicationRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Publication, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}
