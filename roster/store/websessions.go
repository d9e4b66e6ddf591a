package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// Web sign-in state lives in the database, never only in a process's
// memory: several replicas share one database and any of them may answer
// the next request of a browser.

type webSessionRow struct {
	TokenHash string `gorm:"primaryKey"`
	UserID    int64
	CSRFToken string `gorm:"column:csrf_token"`
	CreatedAt time.Time
	ExpiresAt time.Time
}

// TableName names the table of web sessions for gorm.
func (webSessionRow) TableName() string { return "web_sessions" }

type loginAttemptRow struct {
	Name        string `gorm:"primaryKey"`
	Failures    int
	LockedUntil *time.Time
	UpdatedAt   time.Time
}

// TableName names the table of failed sign-ins for gorm.
func (loginAttemptRow) TableName() string { return "login_attempts" }

// WebSession is a signed-in browser. The browser holds a random token in a
// cookie; the database holds only its hash (HashToken), so a copy of the
// database does not hand out sessions.
type WebSession struct {
	UserID    int64
	CSRFToken string // the per-session token every form must send back
	CreatedAt time.Time
	ExpiresAt time.Time
}

func (r webSessionRow) domain(loc *time.Location) WebSession {
	return WebSession{UserID: r.UserID, CSRFToken: r.CSRFToken, CreatedAt: r.CreatedAt.In(loc), ExpiresAt: r.ExpiresAt.In(loc)}
}

// CreateWebSession stores a session of user userID whose cookie token
// hashes to tokenHash, valid for ttl from now, and records the sign-in in
// the audit trail under actor.
func (s *Store) CreateWebSession(ctx context.Context, actor string, userID int64, tokenHash, csrfToken string, ttl time.Duration) (WebSession, error) {
	now := ts(s.now())
	row := webSessionRow{TokenHash: tokenHash, UserID: userID, CSRFToken: csrfToken, CreatedAt: now, ExpiresAt: ts(now.Add(ttl))}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "sign_in", "user", userID, "")
	})
	if err != nil {
		return WebSession{}, err
	}
	return row.domain(s.loc), nil
}

// WebSession returns the session whose token hashes to tokenHash and its
// user. An unknown or expired session is ENotFound.
func (s *Store) WebSession(ctx context.Context, tokenHash string) (WebSession, roster.User, error) {
	var row webSessionRow
	db := s.db.WithContext(ctx)
	if err := db.Where("token_hash = ? AND expires_at > ?", tokenHash, ts(s.now())).Take(&row).Error; err != nil {
		return WebSession{}, roster.User{}, notFound(err, "session")
	}
	u, err := s.liveUser(ctx, "users.id = ?", row.UserID)
	if roster.ErrorCode(err) == roster.EUnauthorized {
		return WebSession{}, roster.User{}, roster.Errorf(roster.ENotFound, "session not found: %s", roster.ErrorMessage(err))
	}
	if err != nil {
		return WebSession{}, roster.User{}, err
	}
	return row.domain(s.loc), u, nil
}

// ExtendWebSession makes a live session valid for ttl from now and returns
// its new expiry; an unknown or expired session is ENotFound.
func (s *Store) ExtendWebSession(ctx context.Context, tokenHash string, ttl time.Duration) (time.Time, error) {
	now := ts(s.now())
	exp := ts(now.Add(ttl))
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&webSessionRow{}).Where("token_hash = ? AND expires_at > ?", tokenHash, now).Update("expires_at", exp)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "session not found")
		}
		return nil
	})
	return exp.In(s.loc), err
}

// DeleteWebSession ends a session (signing out). Ending a session that
// does not exist is not an error.
func (s *Store) DeleteWebSession(ctx context.Context, actor, tokenHash string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		var row webSessionRow
		err := tx.Where("token_hash = ?", tokenHash).Take(&row).Error
		if err == gorm.ErrRecordNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.Where("token_hash = ?", tokenHash).Delete(&webSessionRow{}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "sign_out", "user", row.UserID, "")
	})
}

// DeleteUserWebSessions ends every session of a user (after a password
// change) and returns how many there were.
func (s *Store) DeleteUserWebSessions(ctx context.Context, actor string, userID int64) (int64, error) {
	var n int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("user_id = ?", userID).Delete(&webSessionRow{})
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		if n == 0 {
			return nil
		}
		return s.audit(tx, actor, "sign_out_all", "user", userID, fmt.Sprintf(`{"sessions":%d}`, n))
	})
	return n, err
}

// PurgeWebSessions deletes expired sessions and login attempts older than
// keep, and returns how many rows went.
func (s *Store) PurgeWebSessions(ctx context.Context, keep time.Duration) (int64, error) {
	now := ts(s.now())
	var n int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("expires_at <= ?", now).Delete(&webSessionRow{})
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		res = tx.Where("updated_at < ? AND (locked_until IS NULL OR locked_until < ?)", now.Add(-keep), now).Delete(&loginAttemptRow{})
		n += res.RowsAffected
		return res.Error
	})
	return n, err
}

// LoginLockedUntil reports whether sign-in as name is locked out now, and
// until when.
func (s *Store) LoginLockedUntil(ctx context.Context, name string) (time.Time, bool, error) {
	var rows []loginAttemptRow
	if err := s.db.WithContext(ctx).Where("name = ?", name).Limit(1).Find(&rows).Error; err != nil {
		return time.Time{}, false, mapErr(err)
	}
	if len(rows) == 1 && rows[0].LockedUntil != nil && rows[0].LockedUntil.After(s.now()) {
		return rows[0].LockedUntil.In(s.loc), true, nil
	}
	return time.Time{}, false, nil
}

// CountLoginAttempt counts a sign-in attempt as name before its password
// is checked, so that attempts sent in parallel cannot all slip past the
// lock-out; a successful sign-in then calls ResetLoginFailures. The
// maxFailures-th attempt in a row locks the name out for lockFor (that
// attempt is still allowed to check its password); attempts more than
// lockFor apart, and a lock that has run out, start the count again.
// allowed is false when the name was already locked; locked and until say
// whether the name is locked now, and until when. Replicas count together:
// the row is locked while it is updated.
func (s *Store) CountLoginAttempt(ctx context.Context, name string, maxFailures int, lockFor time.Duration) (until time.Time, locked, allowed bool, err error) {
	now := ts(s.now())
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("INSERT INTO login_attempts (name, failures, updated_at) VALUES (?, 0, ?) ON CONFLICT (name) DO NOTHING", name, now).Error; err != nil {
			return err
		}
		q := "SELECT * FROM login_attempts WHERE name = ?"
		if s.dialect == "postgres" {
			q += " FOR UPDATE"
		}
		var row loginAttemptRow
		if err := tx.Raw(q, name).Scan(&row).Error; err != nil {
			return err
		}
		if row.LockedUntil != nil && row.LockedUntil.After(now) {
			until, locked = *row.LockedUntil, true
			return nil
		}
		allowed = true
		failures := row.Failures
		if row.LockedUntil != nil || now.Sub(row.UpdatedAt) > lockFor {
			failures = 0
		}
		failures++
		up := map[string]any{"failures": failures, "locked_until": nil, "updated_at": now}
		if failures >= maxFailures {
			until, locked = now.Add(lockFor), true
			up["failures"], up["locked_until"] = 0, until
		}
		if err := tx.Model(&loginAttemptRow{}).Where("name = ?", name).Updates(up).Error; err != nil {
			return err
		}
		if locked {
			return s.audit(tx, "system", "lock_out", "login", name, fmt.Sprintf(`{"failures":%d,"until":%q}`, failures, until.Format(time.RFC3339)))
		}
		return nil
	})
	if err != nil {
		return time.Time{}, false, false, err
	}
	if locked {
		until = until.In(s.loc)
	}
	return until, locked, allowed, nil
}

// ResetLoginFailures forgets the failed sign-ins of name, after a
// successful one.
func (s *Store) ResetLoginFailures(ctx context.Context, name string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		return tx.Where("name = ?", name).Delete(&loginAttemptRow{}).Error
	})
}
