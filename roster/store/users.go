package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	Disabled     bool
	CreatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) domain() roster.User {
	return roster.User{ID: r.ID, Name: r.Name, Role: roster.Role(r.Role), OfficerID: r.OfficerID, Disabled: r.Disabled, CreatedAt: r.CreatedAt}
}

// CreateUser stores a user whose API token hashes to tokenHash.
func (s *Store) CreateUser(ctx context.Context, actor string, u roster.User, tokenHash string) (roster.User, error) {
	// Only officer users are linked to an officer, whoever calls.
	if err := roster.CheckNewUser(u); err != nil {
		return roster.User{}, err
	}
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

// UserByTokenHash returns the user whose API token hashes to hash. The
// token of a disabled user, or of a user whose officer is deactivated, is
// refused (EUnauthorized) from the moment it is so. Every API request makes
// this query, so its row is scanned by hand rather than by gorm's
// reflection, read with the change mark, and kept in the hot-path cache: a
// token seen again costs only the reading of the mark, shared with the rest
// of the request (hotcache.go). Refusals are not kept.
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
		mark                int64
		id, officer         sql.NullInt64
		name, role          sql.NullString
		disabled, offActive sql.NullBool
		created             sql.NullTime
	)
	err := s.db.WithContext(ctx).Raw(`SELECT c.n, users.id, users.name, users.role, users.officer_id, users.disabled, users.created_at, officers.active
		FROM change_counter c LEFT JOIN users ON users.token_hash = ? LEFT JOIN officers ON officers.id = users.officer_id WHERE c.id = 1`, hash).Row().
		Scan(&mark, &id, &name, &role, &officer, &disabled, &created, &offActive)
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
	row := userRow{ID: id.Int64, Name: name.String, Role: role.String, Disabled: disabled.Bool, CreatedAt: created.Time}
	if officer.Valid {
		row.OfficerID = &officer.Int64
	}
	switch {
	case row.Disabled:
		return roster.User{}, roster.Errorf(roster.EUnauthorized, "user %s is disabled", row.Name)
	case officer.Valid && offActive.Valid && !offActive.Bool:
		return roster.User{}, roster.Errorf(roster.EUnauthorized, "the officer of user %s is deactivated", row.Name)
	}
	u := row.domain()
	s.hot.users.put(hash, mark, u)
	return u, nil
}

// liveUserRow is a user with whether it may act now.
type liveUserRow struct {
	ID            int64
	Name          string
	Role          string
	OfficerID     *int64
	TokenHash     string
	PasswordHash  string
	Disabled      bool
	CreatedAt     time.Time
	OfficerActive *bool
}

func (r liveUserRow) domain() roster.User {
	return userRow{ID: r.ID, Name: r.Name, Role: r.Role, OfficerID: r.OfficerID, Disabled: r.Disabled, CreatedAt: r.CreatedAt}.domain()
}

// liveUser loads the one user matching where, refusing a disabled user and
// one whose officer is deactivated. Every API request makes this query
// (by token), so its row is scanned by hand rather than by gorm's
// reflection.
func (s *Store) liveUser(ctx context.Context, where string, arg any) (roster.User, error) {
	var row userRow
	var officer sql.NullInt64
	var officerActive sql.NullBool
	err := s.db.WithContext(ctx).Raw(`SELECT users.id, users.name, users.role, users.officer_id, users.disabled, users.created_at, officers.active
		FROM users LEFT JOIN officers ON officers.id = users.officer_id WHERE `+where+` LIMIT 1`, arg).Row().
		Scan(&row.ID, &row.Name, &row.Role, &officer, &row.Disabled, &row.CreatedAt, &officerActive)
	if errors.Is(err, sql.ErrNoRows) {
		return roster.User{}, &roster.Error{Code: roster.ENotFound, Message: "user not found", Err: err}
	}
	if err != nil {
		return roster.User{}, mapErr(err)
	}
	if officer.Valid {
		row.OfficerID = &officer.Int64
	}
	switch {
	case row.Disabled:
		return roster.User{}, roster.Errorf(roster.EUnauthorized, "user %s is disabled", row.Name)
	case officer.Valid && officerActive.Valid && !officerActive.Bool:
		return roster.User{}, roster.Errorf(roster.EUnauthorized, "the officer of user %s is deactivated", row.Name)
	}
	return row.domain(), nil
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
	_, err := s.EnsureAdminToken(ctx, tokenHash)
	return err
}

// EnsureAdminToken is EnsureAdmin, and reports whether it restored the
// bootstrap token over another one (a token rotated since, which stops
// working) or enabled a disabled admin: the caller warns about that.
func (s *Store) EnsureAdminToken(ctx context.Context, tokenHash string) (restored bool, err error) {
	return restored, s.writeTx(ctx, func(tx *gorm.DB) error {
		restored = false
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
		case row.TokenHash != tokenHash || row.Role != string(roster.RoleManager) || row.Disabled:
			restored = row.TokenHash != tokenHash || row.Disabled
			if err := tx.Model(&row).Updates(map[string]any{"token_hash": tokenHash, "role": string(roster.RoleManager), "disabled": false}).Error; err != nil {
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

// UserByName returns the user named name and its password hash. A user
// whose officer is deactivated comes back Disabled: it may not sign in.
func (s *Store) UserByName(ctx context.Context, name string) (roster.User, string, error) {
	var rows []liveUserRow
	err := s.db.WithContext(ctx).Table("users").Select("users.*, officers.active AS officer_active").
		Joins("LEFT JOIN officers ON officers.id = users.officer_id").Where("users.name = ?", name).Limit(1).Scan(&rows).Error
	if err != nil {
		return roster.User{}, "", mapErr(err)
	}
	if len(rows) == 0 {
		return roster.User{}, "", roster.Errorf(roster.ENotFound, "user not found")
	}
	u := rows[0].domain()
	u.Disabled = u.Disabled || (rows[0].OfficerActive != nil && !*rows[0].OfficerActive)
	return u, rows[0].PasswordHash, nil
}

// SetUserDisabled disables or enables a user. Disabling ends the user's
// sessions at once, and its token is refused while it is disabled.
func (s *Store) SetUserDisabled(ctx context.Context, actor string, id int64, disabled bool) (roster.User, error) {
	var row userRow
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.forUpdate(tx).Where("id = ?", id).Take(&row).Error; err != nil {
			return notFound(err, "user")
		}
		if row.Disabled == disabled {
			return nil
		}
		row.Disabled = disabled
		if err := tx.Model(&userRow{}).Where("id = ?", id).Update("disabled", disabled).Error; err != nil {
			return err
		}
		action := "enable"
		if disabled {
			action = "disable"
			if err := tx.Where("user_id = ?", id).Delete(&webSessionRow{}).Error; err != nil {
				return err
			}
		}
		return s.audit(tx, actor, action, "user", id, "")
	})
	if err != nil {
		return roster.User{}, err
	}
	return row.domain(), nil
}

// DeleteUser removes a user and its sessions and lock-out; the audit trail
// keeps its name.
func (s *Store) DeleteUser(ctx context.Context, actor string, id int64) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var row userRow
		if err := s.forUpdate(tx).Where("id = ?", id).Take(&row).Error; err != nil {
			return notFound(err, "user")
		}
		if err := tx.Where("user_id = ?", id).Delete(&webSessionRow{}).Error; err != nil {
			return err
		}
		if err := tx.Where("name = ?", row.Name).Delete(&loginAttemptRow{}).Error; err != nil {
			return err
		}
		if err := tx.Where("id = ?", id).Delete(&userRow{}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "delete", "user", id, jsonDetail(row.domain()))
	})
}

// UnlockUser ends the sign-in lock-out of a user's name (a manager's
// call) and reports whether it was locked.
func (s *Store) UnlockUser(ctx context.Context, actor string, id int64) (roster.User, bool, error) {
	var row userRow
	var was bool
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return notFound(err, "user")
		}
		res := tx.Where("name = ? AND locked_until > ?", row.Name, ts(s.now())).Delete(&loginAttemptRow{})
		if res.Error != nil {
			return res.Error
		}
		was = res.RowsAffected > 0
		if err := tx.Where("name = ?", row.Name).Delete(&loginAttemptRow{}).Error; err != nil {
			return err
		}
		if !was {
			return nil
		}
		return s.audit(tx, actor, "unlock", "user", id, "")
	})
	return row.domain(), was, err
}

// endOfficerSessions ends the sessions of the users of an officer.
func (s *Store) endOfficerSessions(tx *gorm.DB, actor string, officerID int64) error {
	res := tx.Where("user_id IN (SELECT id FROM users WHERE officer_id = ?)", officerID).Delete(&webSessionRow{})
	if res.Error != nil || res.RowsAffected == 0 {
		return res.Error
	}
	return s.audit(tx, actor, "sign_out_all", "officer", officerID, fmt.Sprintf(`{"sessions":%d}`, res.RowsAffected))
}

// LoginAddrKey is the key under which sign-in failures from a client
// address are counted (CountLoginAttempt), apart from names: a name
// cannot hold a tab (the input cleaner refuses it).
func LoginAddrKey(addr string) string { return "\taddr " + addr }

// ChangeOwnPassword sets a user's new password hash after the caller has
// checked the current one, ending the user's other sessions (all but
// keepSession, a session token hash, which may be "").
func (s *Store) ChangeOwnPassword(ctx context.Context, id int64, hash, keepSession string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var row userRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return notFound(err, "user")
		}
		if err := tx.Model(&userRow{}).Where("id = ?", id).Update("password_hash", hash).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND token_hash <> ?", id, keepSession).Delete(&webSessionRow{}).Error; err != nil {
			return err
		}
		return s.audit(tx, row.Name, "change_password", "user", id, "")
	})
}
