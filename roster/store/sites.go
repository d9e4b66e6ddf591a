package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type siteRow struct {
	ID                  int64 `gorm:"primaryKey"`
	Code                string
	Name                string
	Kind                string
	Address             string
	Area                string
	ReceptionPhone      string
	ContactEmail        string
	ValidFrom           *string
	ValidTo             *string
	RequireSwapApproval bool
	FeedSecret          string
	BoardSecret         string
	Version             int
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

func (siteRow) TableName() string { return "sites" }

type slotRow struct {
	ID        int64 `gorm:"primaryKey"`
	SiteID    int64
	Position  int
	Name      string
	StartMin  int
	EndMin    int
	Officers  int
	Backups   int
	Days      string
	Specialty string
}

func (slotRow) TableName() string { return "slots" }

func (r siteRow) domain(slots []slotRow) roster.Site {
	s := roster.Site{
		ID: r.ID, Code: r.Code, Name: r.Name, Kind: roster.SiteKind(r.Kind), Address: r.Address, Area: r.Area,
		ReceptionPhone: r.ReceptionPhone, ContactEmail: r.ContactEmail, RequireSwapApproval: r.RequireSwapApproval,
		FeedSecret: r.FeedSecret, BoardSecret: r.BoardSecret, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Slots: []roster.Slot{},
	}
	s.ValidFrom, s.ValidTo = parseDay(r.ValidFrom), parseDay(r.ValidTo)
	for _, sl := range slots {
		s.Slots = append(s.Slots, roster.Slot{ID: sl.ID, Name: sl.Name, Start: roster.Clock(sl.StartMin), End: roster.Clock(sl.EndMin),
			Officers: sl.Officers, Backups: sl.Backups, Days: roster.SlotDays(sl.Days), Specialty: sl.Specialty})
	}
	return s
}

func parseDay(s *string) *roster.Date {
	if s == nil {
		return nil
	}
	d, err := roster.ParseDate(*s)
	if err != nil {
		return nil
	}
	return &d
}

func dayString(d *roster.Date) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

func siteToRow(s roster.Site) siteRow {
	return siteRow{ID: s.ID, Code: s.Code, Name: s.Name, Kind: string(s.Kind), Address: s.Address, Area: s.Area,
		ReceptionPhone: s.ReceptionPhone, ContactEmail: s.ContactEmail, ValidFrom: dayString(s.ValidFrom), ValidTo: dayString(s.ValidTo),
		RequireSwapApproval: s.RequireSwapApproval, FeedSecret: s.FeedSecret, BoardSecret: s.BoardSecret, Version: s.Version,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

func slotsToRows(siteID int64, slots []roster.Slot) []slotRow {
	rows := make([]slotRow, len(slots))
	for i, sl := range slots {
		rows[i] = slotRow{SiteID: siteID, Position: i, Name: sl.Name, StartMin: int(sl.Start), EndMin: int(sl.End),
			Officers: sl.Officers, Backups: sl.Backups, Days: string(sl.Days), Specialty: sl.Specialty}
	}
	return rows
}

// CreateSite stores a site and its slots, with fresh feed and board secrets.
func (s *Store) CreateSite(ctx context.Context, actor string, site roster.Site) (roster.Site, error) {
	now := ts(s.now())
	site.FeedSecret, site.BoardSecret, site.Version, site.CreatedAt, site.UpdatedAt = NewSecret(), NewSecret(), 1, now, now
	row := siteToRow(site)
	row.ID = 0
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return conflictField(err, "code", "a site with code "+site.Code+" already exists")
		}
		if len(site.Slots) > 0 {
			if err := tx.Create(slotsToRows(row.ID, site.Slots)).Error; err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "create", "site", site.Code, jsonDetail(redactSite(site)))
	})
	if err != nil {
		return roster.Site{}, err
	}
	return s.Site(ctx, site.Code)
}

// UpdateSite replaces a site's editable fields and slots. Duties already
// planned keep their times; re-planning applies the new slots.
func (s *Store) UpdateSite(ctx context.Context, actor string, site roster.Site, ifVersion int) (roster.Site, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur siteRow
		if err := s.forUpdate(tx).Where("code = ?", site.Code).Take(&cur).Error; err != nil {
			return notFound(err, "site")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "site %s has changed (version %d, not %d)", site.Code, cur.Version, ifVersion)
		}
		row := siteToRow(site)
		row.ID, row.FeedSecret, row.BoardSecret, row.CreatedAt = cur.ID, cur.FeedSecret, cur.BoardSecret, cur.CreatedAt
		row.Version, row.UpdatedAt = cur.Version+1, ts(s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		if err := tx.Where("site_id = ?", cur.ID).Delete(&slotRow{}).Error; err != nil {
			return err
		}
		if len(site.Slots) > 0 {
			if err := tx.Create(slotsToRows(cur.ID, site.Slots)).Error; err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "update", "site", site.Code, jsonDetail(redactSite(site)))
	})
	if err != nil {
		return roster.Site{}, err
	}
	return s.Site(ctx, site.Code)
}

// RotateSiteSecrets gives the site new feed and/or board secrets.
func (s *Store) RotateSiteSecrets(ctx context.Context, actor, code string, feed, board bool) (roster.Site, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		up := map[string]any{"updated_at": ts(s.now())}
		if feed {
			up["feed_secret"] = NewSecret()
		}
		if board {
			up["board_secret"] = NewSecret()
		}
		res := tx.Model(&siteRow{}).Where("code = ?", code).Updates(up)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "site %s not found", code)
		}
		return s.audit(tx, actor, "rotate_secrets", "site", code, "")
	})
	if err != nil {
		return roster.Site{}, err
	}
	return s.Site(ctx, code)
}

// Site returns the site with code, with its slots.
func (s *Store) Site(ctx context.Context, code string) (roster.Site, error) {
	return s.siteWhere(ctx, "code = ?", code)
}

// SiteByID returns the site with id.
func (s *Store) SiteByID(ctx context.Context, id int64) (roster.Site, error) {
	return s.siteWhere(ctx, "id = ?", id)
}

func (s *Store) siteWhere(ctx context.Context, cond string, arg any) (roster.Site, error) {
	return s.siteWhereTx(s.db.WithContext(ctx), cond, arg)
}

func (s *Store) siteWhereTx(db *gorm.DB, cond string, arg any) (roster.Site, error) {
	var row siteRow
	if err := db.Where(cond, arg).Take(&row).Error; err != nil {
		return roster.Site{}, notFound(err, "site")
	}
	var slots []slotRow
	if err := db.Where("site_id = ?", row.ID).Order("position").Find(&slots).Error; err != nil {
		return roster.Site{}, mapErr(err)
	}
	return row.domain(slots), nil
}

// ListSites returns all sites ordered by code; with openOn set, only those
// valid that day.
func (s *Store) ListSites(ctx context.Context, openOn *roster.Date) ([]roster.Site, error) {
	db := s.db.WithContext(ctx)
	q := db.Order("code")
	if openOn != nil {
		d := openOn.String()
		q = q.Where("(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)", d, d)
	}
	var rows []siteRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	var slots []slotRow
	if err := db.Order("site_id, position").Find(&slots).Error; err != nil {
		return nil, mapErr(err)
	}
	bySite := map[int64][]slotRow{}
	for _, sl := range slots {
		bySite[sl.SiteID] = append(bySite[sl.SiteID], sl)
	}
	out := make([]roster.Site, len(rows))
	for i, r := range rows {
		out[i] = r.domain(bySite[r.ID])
	}
	return out, nil
}

func redactSite(s roster.Site) roster.Site {
	s.FeedSecret, s.BoardSecret = "", ""
	return s
}

// conflictField turns a unique violation into a conflict naming field.
func conflictField(err error, field, msg string) error {
	err = mapErr(err)
	if roster.ErrorCode(err) == roster.EConflict {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleDuplicate, Message: msg, Fields: []roster.FieldError{{Field: field, Code: roster.RuleDuplicate, Message: msg}}, Err: err}
	}
	return err
}
