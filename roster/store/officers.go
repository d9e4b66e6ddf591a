package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type officerRow struct {
	ID           int64 `gorm:"primaryKey"`
	FullName     string
	Kind         string
	Email        string
	Phone        string
	Specialties  string
	Active       bool
	MonthlyLimit int
	Language     string
	Channels     string
	FeedSecret   string
	SearchName   string // FoldSearch(FullName), search.go
	// Unavailability is a JSON list of roster.UnavailabilityJSON ("" none);
	// PreferredSites a comma list of site codes.
	Unavailability string
	PreferredSites string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (officerRow) TableName() string { return "officers" }

func (r officerRow) domain() roster.Officer {
	return roster.Officer{
		ID: r.ID, FullName: r.FullName, Kind: roster.OfficerKind(r.Kind), Email: r.Email, Phone: r.Phone,
		Specialties: splitList(r.Specialties), Active: r.Active, MonthlyLimit: r.MonthlyLimit,
		Language: r.Language, Channels: splitList(r.Channels), FeedSecret: r.FeedSecret, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Unavailability: decodeUnavailability(r.Unavailability), PreferredSites: splitList(r.PreferredSites),
	}
}

func officerToRow(o roster.Officer) officerRow {
	return officerRow{
		ID: o.ID, FullName: o.FullName, Kind: string(o.Kind), Email: o.Email, Phone: o.Phone,
		Specialties: strings.Join(o.Specialties, ","), Active: o.Active, MonthlyLimit: o.MonthlyLimit,
		Language: o.Language, Channels: strings.Join(o.Channels, ","), FeedSecret: o.FeedSecret, Version: o.Version,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, SearchName: FoldSearch(o.FullName),
		Unavailability: encodeUnavailability(o.Unavailability), PreferredSites: strings.Join(o.PreferredSites, ","),
	}
}

// withSitesTx fills in the sites each officer serves (officer_sites),
// sorted; an officer with none may serve every site.
func withSitesTx(tx *gorm.DB, officers []roster.Officer) error {
	if len(officers) == 0 {
		return nil
	}
	ids := make([]int64, len(officers))
	for i, o := range officers {
		ids[i] = o.ID
	}
	var rows []struct{ OfficerID, SiteID int64 }
	if err := tx.Raw("SELECT officer_id, site_id FROM officer_sites WHERE officer_id IN ? ORDER BY officer_id, site_id", ids).Scan(&rows).Error; err != nil {
		return err
	}
	by := map[int64][]int64{}
	for _, r := range rows {
		by[r.OfficerID] = append(by[r.OfficerID], r.SiteID)
	}
	for i := range officers {
		officers[i].Sites = by[officers[i].ID]
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// CreateOfficer stores a new officer with a fresh feed secret.
func (s *Store) CreateOfficer(ctx context.Context, actor string, o roster.Officer) (roster.Officer, error) {
	now := ts(s.now())
	o.ID, o.FeedSecret, o.Version, o.CreatedAt, o.UpdatedAt = 0, NewSecret(), 1, now, now
	if o.Language == "" {
		o.Language = "vi"
	}
	if o.Channels == nil {
		o.Channels = []string{"email"}
	}
	row := officerToRow(o)
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if err := s.setOfficerSites(tx, row.ID, o.Sites); err != nil {
			return err
		}
		return s.audit(tx, actor, "create", "officer", row.ID, jsonDetail(redactOfficer(withSites(row.domain(), o.Sites))))
	})
	if err != nil {
		return roster.Officer{}, err
	}
	return withSites(row.domain(), uniqueSorted(o.Sites)), nil
}

// Officer returns the officer with id.
func (s *Store) Officer(ctx context.Context, id int64) (roster.Officer, error) {
	var row officerRow
	db := s.db.WithContext(ctx)
	if err := db.Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.Officer{}, notFound(err, "officer")
	}
	out := []roster.Officer{row.domain()}
	if err := withSitesTx(db, out); err != nil {
		return roster.Officer{}, mapErr(err)
	}
	return out[0], nil
}

// OfficerFilter selects officers; zero fields select all.
type OfficerFilter struct {
	IDs       []int64
	Active    *bool
	Specialty string
	Query     string // part of the name
	Limit     int
	Offset    int
}

// ListOfficers returns officers ordered by id.
func (s *Store) ListOfficers(ctx context.Context, f OfficerFilter) ([]roster.Officer, error) {
	list, err := listOfficersTx(s.db.WithContext(ctx), f)
	return list, mapErr(err)
}

// listOfficersTx is ListOfficers inside tx; its errors are not mapped.
func listOfficersTx(tx *gorm.DB, f OfficerFilter) ([]roster.Officer, error) {
	q := tx.Model(&officerRow{}).Order("id")
	if f.IDs != nil {
		q = q.Where("id IN ?", orNone(f.IDs))
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.Specialty != "" {
		q = q.Where(`(',' || specialties || ',') LIKE ? ESCAPE '\'`, "%,"+likeEscape(f.Specialty)+",%")
	}
	if folded := FoldSearch(f.Query); folded != "" {
		q = q.Where(`search_name LIKE ? ESCAPE '\'`, "%"+likeEscape(folded)+"%")
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	var rows []officerRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]roster.Officer, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, withSitesTx(tx, out)
}

// officersByIDTx loads inside tx the officers f selects, ordered by id, and
// the same officers keyed by id: the one place that builds that map. A long
// list of ids (without Limit or Offset) is asked for in parts of 500, so
// that no query has more parameters than a database takes.
func officersByIDTx(tx *gorm.DB, f OfficerFilter) (map[int64]roster.Officer, []roster.Officer, error) {
	var list []roster.Officer
	if f.IDs != nil && len(f.IDs) > officerIDsPerQuery && f.Limit == 0 && f.Offset == 0 {
		ids := uniqueSorted(f.IDs)
		for len(ids) > 0 {
			n := min(len(ids), officerIDsPerQuery)
			part := f
			part.IDs = ids[:n:n]
			got, err := listOfficersTx(tx, part)
			if err != nil {
				return nil, nil, err
			}
			list = append(list, got...)
			ids = ids[n:]
		}
	} else {
		var err error
		if list, err = listOfficersTx(tx, f); err != nil {
			return nil, nil, err
		}
	}
	byID := make(map[int64]roster.Officer, len(list))
	for _, o := range list {
		byID[o.ID] = o
	}
	return byID, list, nil
}

// officerIDsPerQuery is how many ids one officers query names at most.
const officerIDsPerQuery = 500

// OfficersByID returns the officers with the given ids (repeats and
// unknown ids are fine) keyed by id; an empty ids asks nothing.
func (s *Store) OfficersByID(ctx context.Context, ids []int64) (map[int64]roster.Officer, error) {
	if len(ids) == 0 {
		return map[int64]roster.Officer{}, nil
	}
	byID, _, err := officersByIDTx(s.db.WithContext(ctx), OfficerFilter{IDs: uniqueSorted(ids)})
	return byID, mapErr(err)
}

// OfficersIndexed returns the officers f selects keyed by id, and the same
// officers as a list ordered by id, for pages that list them and look them
// up.
func (s *Store) OfficersIndexed(ctx context.Context, f OfficerFilter) (map[int64]roster.Officer, []roster.Officer, error) {
	byID, list, err := officersByIDTx(s.db.WithContext(ctx), f)
	return byID, list, mapErr(err)
}

// UpdateOfficer saves the editable fields of o. When ifVersion > 0 and the
// stored version differs, it fails with EPrecondition.
func (s *Store) UpdateOfficer(ctx context.Context, actor string, o roster.Officer, ifVersion int) (roster.Officer, error) {
	var out officerRow
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur officerRow
		if err := s.forUpdate(tx).Where("id = ?", o.ID).Take(&cur).Error; err != nil {
			return notFound(err, "officer")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "officer %d has changed (version %d, not %d)", o.ID, cur.Version, ifVersion)
		}
		row := officerToRow(o)
		row.FeedSecret, row.CreatedAt = cur.FeedSecret, cur.CreatedAt
		row.Version, row.UpdatedAt = cur.Version+1, ts(s.now())
		if err := tx.Save(&row).Error; err != nil {
			return err
		}
		if cur.Active && !row.Active {
			// A deactivated officer's users are signed out at once (and
			// their tokens refused while the officer is inactive: users.go).
			if err := s.endOfficerSessions(tx, actor, o.ID); err != nil {
				return err
			}
		}
		if err := s.setOfficerSites(tx, o.ID, o.Sites); err != nil {
			return err
		}
		out = row
		return s.audit(tx, actor, "update", "officer", o.ID, jsonDetail(redactOfficer(withSites(row.domain(), o.Sites))))
	})
	return withSites(out.domain(), uniqueSorted(o.Sites)), err
}

// withSites is o serving sites.
func withSites(o roster.Officer, sites []int64) roster.Officer {
	if len(sites) > 0 {
		o.Sites = sites
	}
	return o
}

// RotateOfficerFeed gives the officer a new feed secret; the old URL stops working.
func (s *Store) RotateOfficerFeed(ctx context.Context, actor string, id int64) (roster.Officer, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&officerRow{}).Where("id = ?", id).Updates(map[string]any{"feed_secret": NewSecret(), "updated_at": ts(s.now())})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "officer %d not found", id)
		}
		return s.audit(tx, actor, "rotate_feed", "officer", id, "")
	})
	if err != nil {
		return roster.Officer{}, err
	}
	return s.Officer(ctx, id)
}

func notFound(err error, what string) error {
	if err == gorm.ErrRecordNotFound {
		return &roster.Error{Code: roster.ENotFound, Message: what + " not found", Err: err}
	}
	return mapErr(err)
}

func jsonDetail(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func redactOfficer(o roster.Officer) roster.Officer {
	o.FeedSecret = ""
	return o
}
