package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type partnerRow struct {
	ID           int64 `gorm:"primaryKey"`
	Name         string
	NameKey      string
	Kind         string
	ContactName  string
	ContactPhone string
	ContactEmail string
	Address      string
	Notes        string
	Active       bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (partnerRow) TableName() string { return "partners" }

func (r partnerRow) domain(loc *time.Location) roster.Partner {
	return roster.Partner{ID: r.ID, Name: r.Name, Kind: roster.PartnerKind(r.Kind), ContactName: r.ContactName,
		ContactPhone: r.ContactPhone, ContactEmail: r.ContactEmail, Address: r.Address, Notes: r.Notes, Active: r.Active,
		Version: r.Version, CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
}

// cleanName trims a name and collapses its inner spaces.
func cleanName(s string) string { return strings.Join(strings.Fields(s), " ") }

// CreatePartner stores a new partner organisation. A partner whose name
// differs only in case, spacing or Unicode form from another's is EConflict.
func (s *Store) CreatePartner(ctx context.Context, actor string, p roster.Partner) (roster.Partner, error) {
	p.Name = cleanName(p.Name)
	if err := p.Validate(); err != nil {
		return roster.Partner{}, err
	}
	now := ts(s.now())
	row := partnerRow{Name: p.Name, NameKey: roster.PartnerNameKey(p.Name), Kind: string(p.Kind), ContactName: p.ContactName,
		ContactPhone: p.ContactPhone, ContactEmail: p.ContactEmail, Address: p.Address, Notes: p.Notes, Active: p.Active,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return conflictField(err, "name", "a partner named "+p.Name+" already exists")
		}
		return s.audit(tx, actor, "create", "partner", row.ID, jsonDetail(row.domain(s.loc)))
	})
	if err != nil {
		return roster.Partner{}, err
	}
	return row.domain(s.loc), nil
}

// Partner returns the partner with id.
func (s *Store) Partner(ctx context.Context, id int64) (roster.Partner, error) {
	var row partnerRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.Partner{}, notFound(err, "partner")
	}
	return row.domain(s.loc), nil
}

// PartnerByName returns the partner named name (compared as
// roster.PartnerNameKey does).
func (s *Store) PartnerByName(ctx context.Context, name string) (roster.Partner, error) {
	var row partnerRow
	if err := s.db.WithContext(ctx).Where("name_key = ?", roster.PartnerNameKey(name)).Take(&row).Error; err != nil {
		return roster.Partner{}, notFound(err, "partner")
	}
	return row.domain(s.loc), nil
}

// PartnerFilter selects partners; zero fields select all.
type PartnerFilter struct {
	Kind   roster.PartnerKind
	Active *bool
	Query  string // part of the name
}

// ListPartners returns partners ordered by name.
func (s *Store) ListPartners(ctx context.Context, f PartnerFilter) ([]roster.Partner, error) {
	q := s.db.WithContext(ctx).Order("name_key, id")
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.Query != "" {
		q = q.Where(`name_key LIKE ? ESCAPE '\'`, "%"+likeEscape(roster.PartnerNameKey(f.Query))+"%")
	}
	var rows []partnerRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Partner, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}

// UpdatePartner saves the editable fields of p. When ifVersion > 0 and the
// stored version differs, it fails with EPrecondition.
func (s *Store) UpdatePartner(ctx context.Context, actor string, p roster.Partner, ifVersion int) (roster.Partner, error) {
	p.Name = cleanName(p.Name)
	if err := p.Validate(); err != nil {
		return roster.Partner{}, err
	}
	var out partnerRow
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var cur partnerRow
		if err := tx.Where("id = ?", p.ID).Take(&cur).Error; err != nil {
			return notFound(err, "partner")
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "partner %d has changed (version %d, not %d)", p.ID, cur.Version, ifVersion)
		}
		out = partnerRow{ID: cur.ID, Name: p.Name, NameKey: roster.PartnerNameKey(p.Name), Kind: string(p.Kind), ContactName: p.ContactName,
			ContactPhone: p.ContactPhone, ContactEmail: p.ContactEmail, Address: p.Address, Notes: p.Notes, Active: p.Active,
			Version: cur.Version + 1, CreatedAt: cur.CreatedAt, UpdatedAt: ts(s.now())}
		if err := tx.Save(&out).Error; err != nil {
			return conflictField(err, "name", "a partner named "+p.Name+" already exists")
		}
		return s.audit(tx, actor, "update", "partner", p.ID, jsonDetail(out.domain(s.loc)))
	})
	if err != nil {
		return roster.Partner{}, err
	}
	return out.domain(s.loc), nil
}

// DeletePartner removes a partner no session names; one that a session
// names is EConflict (set it inactive instead: its history stays).
func (s *Store) DeletePartner(ctx context.Context, actor string, id int64) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var used int64
		if err := tx.Model(&sessionPartnerRow{}).Where("partner_id = ?", id).Count(&used).Error; err != nil {
			return err
		}
		if used > 0 {
			return &roster.Error{Code: roster.EConflict, Rule: roster.RuleInvalid, Message: fmt.Sprintf("partner %d is named by %d outreach sessions; set it inactive instead", id, used)}
		}
		res := tx.Where("id = ?", id).Delete(&partnerRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "partner %d not found", id)
		}
		return s.audit(tx, actor, "delete", "partner", id, "")
	})
}

// resolvePartners turns references (an ID, or a Name only) into stored
// partners inside tx. A name not known yet makes a new partner, of the
// kind roster.GuessPartnerKind reads from the name. Errors name the
// reference as "partner_ids[i]".
func (s *Store) resolvePartners(tx *gorm.DB, actor string, refs []roster.Partner) ([]roster.Partner, error) {
	out := make([]roster.Partner, 0, len(refs))
	seen := map[int64]bool{}
	for i, ref := range refs {
		field := fmt.Sprintf("partner_ids[%d]", i)
		var row partnerRow
		if ref.ID > 0 {
			if err := tx.Where("id = ?", ref.ID).Take(&row).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return nil, roster.Invalid(roster.FieldError{Field: field, Code: roster.RuleNotFound, Message: fmt.Sprintf("partner %d does not exist", ref.ID)})
				}
				return nil, err
			}
		} else {
			name := cleanName(ref.Name)
			if name == "" || len([]rune(name)) > 200 {
				return nil, roster.Invalid(roster.FieldError{Field: field, Code: roster.RuleTooLong, Message: "a partner's name is 1 to 200 characters"})
			}
			key := roster.PartnerNameKey(name)
			now := ts(s.now())
			// ON CONFLICT: two sessions naming a new partner at once both get it.
			res := tx.Exec(`INSERT INTO partners (name, name_key, kind, active, version, created_at, updated_at)
				VALUES (?, ?, ?, TRUE, 1, ?, ?) ON CONFLICT (name_key) DO NOTHING`, name, key, string(roster.GuessPartnerKind(name)), now, now)
			if res.Error != nil {
				return nil, res.Error
			}
			if err := tx.Where("name_key = ?", key).Take(&row).Error; err != nil {
				return nil, err
			}
			if res.RowsAffected > 0 {
				if err := s.audit(tx, actor, "create", "partner", row.ID, jsonDetail(row.domain(s.loc))); err != nil {
					return nil, err
				}
			}
		}
		if seen[row.ID] {
			return nil, roster.Invalid(roster.FieldError{Field: field, Code: roster.RuleDuplicate, Message: fmt.Sprintf("names partner %d (%s) again", row.ID, row.Name)})
		}
		seen[row.ID] = true
		out = append(out, row.domain(s.loc))
	}
	return out, nil
}
