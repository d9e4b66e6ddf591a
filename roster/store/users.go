package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type userRow struct {
	ID           int64 `gorm:"primaryKey"`
	Name         string
	Role         string
	OfficerID    *int64
	TokenHash    string
	PasswordHash string
	CreatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) domain() roster.User {
	return roster.User{ID: r.ID, Name: r.Name, Role: roster.Role(r.Role), OfficerID: r.OfficerID, CreatedAt: r.CreatedAt}
}

// CreateUser stores a user whose API token hashes to tokenHash.
func (s *Store) CreateUser(ctx context.Context, actor string, u roster.User, tokenHash string) (roster.User, error) {
	row := userRow{Name: u.Name, Role: string(u.Role), OfficerID: u.OfficerID, TokenHash: tokenHash, CreatedAt: ts(s.now())}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if u.OfficerID != nil {
			if err := s.lockOfficers(tx, *u.OfficerID); err != nil {
				return err
			}
		}
		if err := tx.Create(&row).Error; err != nil {
			return conflictField(err, "name", "a user named "+u.Name+" already exists")
		}
		return s.audit(tx, actor, "create", "user", row.ID, jsonDetail(row.domain()))
	})
	if err != nil {
		return roster.User{}, err
	}
	return row.domain(), nil
}

// UserByTokenHash returns the user whose API token hashes to hash.
// Every API request makes this query, so its row is scanned by hand
// rather than by gorm's reflection, read with the change mark, and kept in
// the hot-path cache: a token seen again costs only the reading of the
// mark, shared with the rest of the request (hotcache.go).
func (s *Store) UserByTokenHash(ctx context.Context, hash string) (roster.User, error) {
	if s.hot.users.has(hash) {
		mark, err := s.currentMark(ctx)
		if err != nil {
			return roster.User{}, err
		}
		if u, ok := s.hot.users.get(hash, mark); ok {
			if u.OfficerID != nil {
				id := *u.OfficerID // the caller's own copy
				u.OfficerID = &id
			}
			return u, nil
		}
	}
	var (
		mark       int64
		id         sql.NullInt64
		officer    sql.NullInt64
		name, role sql.NullString
		created    sql.NullTime
	)
	err := s.db.WithContext(ctx).Raw("SELECT c.n, u.id, u.name, u.role, u.officer_id, u.created_at FROM change_counter c "+
		"LEFT JOIN users u ON u.token_hash = ? WHERE c.id = 1", hash).Row().
		Scan(&mark, &id, &name, &role, &officer, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return roster.User{}, roster.Errorf(roster.EUnavailable, "the change counter is missing")
	}
	if err != nil {
		return roster.User{}, mapErr(err)
	}
	noteMark(ctx, mark)
	if !id.Valid {
		return roster.User{}, &roster.Error{Code: roster.ENotFound, Message: "user not found", Err: sql.ErrNoRows}
	}
	row := userRow{ID: id.Int64, Name: name.String, Role: role.String, CreatedAt: created.Time}
	if officer.Valid {
		row.OfficerID = &officer.Int64
	}
	u := row.domain()
	s.hot.users.put(hash, mark, u)
	return u, nil
}

// User returns the user with id.
func (s *Store) User(ctx context.Context, id int64) (roster.User, error) {
	var row userRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return roster.User{}, notFound(err, "user")
	}
	return row.domain(), nil
}

// ListUsers returns every user, ordered by id.
func (s *Store) ListUsers(ctx context.Context) ([]roster.User, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.User, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// RotateUserToken replaces a user's API token hash.
func (s *Store) RotateUserToken(ctx context.Context, actor string, id int64, tokenHash string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", id).Update("token_hash", tokenHash)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "user %d not found", id)
		}
		return s.audit(tx, actor, "rotate_token", "user", id, "")
	})
}

// EnsureAdmin makes sure a manager named admin exists whose token hashes to
// tokenHash (LICHTRUC_BOOTSTRAP_TOKEN).
func (s *Store) EnsureAdmin(ctx context.Context, tokenHash string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var row userRow
		err := tx.Where("name = ?", "admin").Take(&row).Error
		switch {
		case err == gorm.ErrRecordNotFound:
			row = userRow{Name: "admin", Role: string(roster.RoleManager), TokenHash: tokenHash, CreatedAt: ts(s.now())}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			return s.audit(tx, "system", "create", "user", row.ID, "bootstrap admin")
		case err != nil:
			return err
		case row.TokenHash != tokenHash || row.Role != string(roster.RoleManager):
			if err := tx.Model(&row).Updates(map[string]any{"token_hash": tokenHash, "role": string(roster.RoleManager)}).Error; err != nil {
				return err
			}
			return s.audit(tx, "system", "rotate_token", "user", row.ID, "bootstrap admin token")
		}
		return nil
	})
}

// SetPassword stores a password hash (bcrypt) for signing in to the pages.
func (s *Store) SetPassword(ctx context.Context, actor string, id int64, hash string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ?", id).Update("password_hash", hash)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "user %d not found", id)
		}
		return s.audit(tx, actor, "set_password", "user", id, "")
	})
}

// UserByName returns the user named name and its password hash.
func (s *Store) UserByName(ctx context.Context, name string) (roster.User, string, error) {
	var row userRow
	if err := s.db.WithContext(ctx).Where("name = ?", name).Take(&row).Error; err != nil {
		return roster.User{}, "", notFound(err, "user")
	}
	return row.domain(), row.PasswordHash, nil
}
