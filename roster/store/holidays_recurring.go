package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type recurringHolidayRow struct {
	ID        int64 `gorm:"primaryKey"`
	Month     int
	Day       int
	Name      string
	FromYear  int
	CreatedBy string
	CreatedAt time.Time
}

func (recurringHolidayRow) TableName() string { return "recurring_holidays" }

func (r recurringHolidayRow) domain() roster.RecurringHoliday {
	return roster.RecurringHoliday{ID: r.ID, Month: time.Month(r.Month), Day: r.Day, Name: r.Name, FromYear: r.FromYear}
}

// RecurringHolidays returns the holidays managers added, by month and day.
func (s *Store) RecurringHolidays(ctx context.Context) ([]roster.RecurringHoliday, error) {
	return s.recurringHolidaysTx(s.db.WithContext(ctx))
}

func (s *Store) recurringHolidaysTx(db *gorm.DB) ([]roster.RecurringHoliday, error) {
	var rows []recurringHolidayRow
	if err := db.Order("month, day").Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.RecurringHoliday, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// AddRecurringHoliday stores a holiday on the same day every year from
// r.FromYear (checked with Validate); a second one on the same day is a
// conflict. Audited.
func (s *Store) AddRecurringHoliday(ctx context.Context, actor string, r roster.RecurringHoliday) (roster.RecurringHoliday, error) {
	if err := r.Validate(); err != nil {
		return roster.RecurringHoliday{}, err
	}
	row := recurringHolidayRow{Month: int(r.Month), Day: r.Day, Name: r.Name, FromYear: r.FromYear, CreatedBy: actor, CreatedAt: ts(s.now())}
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return conflictField(err, "day", fmt.Sprintf("a recurring holiday on %02d/%02d already exists", r.Day, int(r.Month)))
		}
		return s.audit(tx, actor, "create", "recurring_holiday", row.ID,
			fmt.Sprintf(`{"month":%d,"day":%d,"name":%q,"from_year":%d}`, row.Month, row.Day, row.Name, row.FromYear))
	})
	if err != nil {
		return roster.RecurringHoliday{}, err
	}
	return row.domain(), nil
}

// DeleteRecurringHoliday removes a recurring holiday (ENotFound if none).
func (s *Store) DeleteRecurringHoliday(ctx context.Context, actor string, id int64) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("id = ?", id).Delete(&recurringHolidayRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "no recurring holiday %d", id)
		}
		return s.audit(tx, actor, "delete", "recurring_holiday", id, "")
	})
}
