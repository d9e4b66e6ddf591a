package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lichtruc/roster"
)

type preferenceRow struct {
	OfficerID     int64 `gorm:"primaryKey"`
	ReminderLeads string
	UpdatedBy     string
	UpdatedAt     time.Time
}

func (preferenceRow) TableName() string { return "officer_preferences" }

// ReminderLeads returns the reminder leads officerID chose, as stored
// ("24h,1h"; "" means no reminders), and whether they chose any: false
// means the service's default leads apply. An unknown officer is
// ENotFound.
func (s *Store) ReminderLeads(ctx context.Context, officerID int64) (leads string, set bool, err error) {
	if _, err := s.Officer(ctx, officerID); err != nil {
		return "", false, err
	}
	var rows []preferenceRow
	if err := s.db.WithContext(ctx).Where("officer_id = ?", officerID).Limit(1).Find(&rows).Error; err != nil {
		return "", false, mapErr(err)
	}
	if len(rows) == 0 {
		return "", false, nil
	}
	return rows[0].ReminderLeads, true, nil
}

// AllReminderLeads returns the stored leads of every officer who chose
// their own, by officer id.
func (s *Store) AllReminderLeads(ctx context.Context) (map[int64]string, error) {
	var rows []preferenceRow
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.OfficerID] = r.ReminderLeads
	}
	return out, nil
}

// SetReminderLeads stores the officer's reminder leads (already validated,
// "" for none); nil removes the choice, so the defaults apply again.
func (s *Store) SetReminderLeads(ctx context.Context, actor string, officerID int64, leads *string) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := s.lockOfficers(tx, officerID); err != nil {
			if roster.ErrorCode(err) == roster.EInvalid {
				return roster.Errorf(roster.ENotFound, "officer %d not found", officerID)
			}
			return err
		}
		if leads == nil {
			if err := tx.Where("officer_id = ?", officerID).Delete(&preferenceRow{}).Error; err != nil {
				return err
			}
			return s.audit(tx, actor, "reset_preferences", "officer", officerID, `{"reminder_leads":null}`)
		}
		row := preferenceRow{OfficerID: officerID, ReminderLeads: *leads, UpdatedBy: actor, UpdatedAt: ts(s.now())}
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "officer_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"reminder_leads", "updated_by", "updated_at"})}).Create(&row).Error
		if err != nil {
			return err
		}
		return s.audit(tx, actor, "set_preferences", "officer", officerID, fmt.Sprintf(`{"reminder_leads":%q}`, *leads))
	})
}
