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
	// MailQueuedAt is when the e-mail went to the outbox; nil while a
	// notify job has still to write it.
	MailQueuedAt *time.Time
	NumberYear   *int
	NumberSeq    *int
	NumberSuffix string
	SiteCode     string `gorm:"->;-:migration"` // read from a join
}

func (publicationRow) TableName() string { return "publications" }

func (r publicationRow) domain(loc *time.Location) roster.Publication {
	from, _ := roster.ParseDate(r.FromDay)
	to, _ := roster.ParseDate(r.ToDay)
	p := roster.Publication{ID: r.ID, SiteID: r.SiteID, SiteCode: r.SiteCode, From: from, To: to, Recipient: r.Recipient,
		PublishedAt: r.PublishedAt.In(loc), PublishedBy: r.PublishedBy, NumberSuffix: r.NumberSuffix}
	if r.NumberYear != nil && r.NumberSeq != nil {
		p.NumberYear, p.Number = *r.NumberYear, *r.NumberSeq
	}
	return p
}

// CreatePublication records that p.SiteID's schedule for p.From–p.To was
// published by actor, now, for p.Recipient (the site's contact e-mail, ""
// for none). It gives the publication the next document number of the
// year of publication, with the number suffix of the Center's settings.
// The e-mail itself is written later by a notify job, from
// PublicationsAwaitingMail.
func (s *Store) CreatePublication(ctx context.Context, actor string, p roster.Publication) (roster.Publication, error) {
	if p.To.Before(p.From) {
		return roster.Publication{}, roster.Invalid(roster.FieldError{Field: "to", Code: roster.RuleRange, Message: "must not be before from"})
	}
	row := publicationRow{SiteID: p.SiteID, FromDay: p.From.String(), ToDay: p.To.String(), Recipient: p.Recipient,
		PublishedAt: ts(s.now()), PublishedBy: actor}
	if p.Recipient == "" {
		// Nothing to e-mail: the publication is done.
		row.MailQueuedAt = &row.PublishedAt
	}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var code string
		if err := tx.Raw("SELECT code FROM sites WHERE id = ?", p.SiteID).Scan(&code).Error; err != nil {
			return err
		}
		if code == "" {
			return roster.Errorf(roster.ENotFound, "site %d not found", p.SiteID)
		}
		if err := s.numberPublication(tx, &row); err != nil {
			return err
		}
		if err := tx.Omit("SiteCode").Create(&row).Error; err != nil {
			return err
		}
		row.SiteCode = code
		return s.audit(tx, actor, "publish", "site", code,
			fmt.Sprintf(`{"publication":%d,"number":%q,"from":%q,"to":%q,"recipient":%q}`, row.ID, row.domain(s.loc).NumberText(), row.FromDay, row.ToDay, row.Recipient))
	})
	if err != nil {
		return roster.Publication{}, err
	}
	return row.domain(s.loc), nil
}

// numberPublication gives row the next number of its year of publication
// (in the Center's zone) and the settings' suffix. On PostgreSQL a
// transaction lock per year keeps two publications from taking one number;
// SQLite's writers are serialised already.
func (s *Store) numberPublication(tx *gorm.DB, row *publicationRow) error {
	year := row.PublishedAt.In(s.loc).Year()
	if s.dialect == "postgres" {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(7154873, ?)", year).Error; err != nil {
			return err
		}
	}
	var last *int
	if err := tx.Raw("SELECT MAX(number_seq) FROM publications WHERE number_year = ?", year).Scan(&last).Error; err != nil {
		return err
	}
	seq := 1
	if last != nil {
		seq = *last + 1
	}
	var set settingsRow
	if err := tx.Take(&set, 1).Error; err != nil {
		return err
	}
	settings, err := set.domain()
	if err != nil {
		return err
	}
	row.NumberYear, row.NumberSeq, row.NumberSuffix = &year, &seq, settings.Document.NumberSuffix
	return nil
}

// PublicationsAwaitingMail returns up to limit publications whose e-mail
// is not yet in the outbox, the oldest first.
func (s *Store) PublicationsAwaitingMail(ctx context.Context, limit int) ([]roster.Publication, error) {
	var rows []publicationRow
	err := s.db.WithContext(ctx).Model(&publicationRow{}).Select("publications.*, sites.code AS site_code").
		Joins("JOIN sites ON sites.id = publications.site_id").
		Where("publications.mail_queued_at IS NULL").Order("publications.id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Publication, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}

// QueuePublicationMail writes, as of now, the e-mail entries of
// publication id to the outbox and marks the publication e-mailed, in one
// transaction. It reports false, writing nothing, when the publication was
// marked already (by another replica's job).
func (s *Store) QueuePublicationMail(ctx context.Context, now time.Time, id int64, entries []OutboxEntry) (bool, error) {
	queued := false
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Exec("UPDATE publications SET mail_queued_at = ? WHERE id = ? AND mail_queued_at IS NULL", ts(now), id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return nil
		}
		queued = true
		_, err := enqueueOutboxTx(tx, now, entries)
		return err
	})
	return queued, err
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
