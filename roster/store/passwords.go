package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// ResetPassword gives the user named name a new password hash (bcrypt),
// ends the user's sign-in sessions and the lock-out of the name, all in
// one transaction, and returns the user and how many sessions ended. It is
// what an administrator does for someone who forgot a password or was
// locked out (lichtruc user password).
func (s *Store) ResetPassword(ctx context.Context, actor, name, hash string) (roster.User, int64, error) {
	var row userRow
	var sessions int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.forUpdate(tx).Where("name = ?", name).Take(&row).Error; err != nil {
			return notFound(err, "user")
		}
		if err := tx.Model(&userRow{}).Where("id = ?", row.ID).Update("password_hash", hash).Error; err != nil {
			return err
		}
		res := tx.Where("user_id = ?", row.ID).Delete(&webSessionRow{})
		if res.Error != nil {
			return res.Error
		}
		sessions = res.RowsAffected
		if err := tx.Where("name = ?", name).Delete(&loginAttemptRow{}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "reset_password", "user", row.ID, fmt.Sprintf(`{"sessions_ended":%d}`, sessions))
	})
	if err != nil {
		return roster.User{}, 0, err
	}
	return row.domain(), sessions, nil
}
