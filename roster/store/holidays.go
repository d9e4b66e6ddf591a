package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lichtruc/roster"
)

type holidayRow struct {
	Day       string `gorm:"primaryKey"`
	Name      string
	Kind      string
	UpdatedBy string
	UpdatedAt time.Time
}

func (holidayRow) TableName() string { return "holiday_overrides" }

// HolidayOverrides returns the managers' overrides of the working-day
// calendar, ordered by day.
func (s *Store) HolidayOverrides(ctx context.Context) ([]roster.SpecialDay, error) {
	return s.holidayOverridesTx(s.db.WithContext(ctx))
}

func (s *Store) holidayOverridesTx(db *gorm.DB) ([]roster.SpecialDay, error) {
	var rows []holidayRow
	if err := db.Order("day").Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.SpecialDay, 0, len(rows))
	for _, r := range rows {
		d, err := roster.ParseDate(r.Day)
		if err != nil {
			continue
		}
		out = append(out, roster.SpecialDay{Date: d, Name: r.Name, Kind: roster.DayKind(r.Kind), Source: roster.SourceOverride})
	}
	return out, nil
}

// WorkCalendar returns the working-day calendar with the stored overrides.
func (s *Store) WorkCalendar(ctx context.Context) (*roster.WorkCalendar, error) {
	return s.workCalendarTx(s.db.WithContext(ctx))
}

func (s *Store) workCalendarTx(db *gorm.DB) (*roster.WorkCalendar, error) {
	ov, err := s.holidayOverridesTx(db)
	if err != nil {
		return nil, err
	}
	rec, err := s.recurringHolidaysTx(db)
	if err != nil {
		return nil, err
	}
	return roster.NewWorkCalendarWith(ov, rec), nil
}

// PutHolidayOverride makes day a day off or a working day, replacing any
// earlier override of that day.
func (s *Store) PutHolidayOverride(ctx context.Context, actor string, d roster.SpecialDay) error {
	row := holidayRow{Day: d.Date.String(), Name: d.Name, Kind: string(d.Kind), UpdatedBy: actor, UpdatedAt: ts(s.now())}
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "day"}}, DoUpdates: clause.AssignmentColumns([]string{"name", "kind", "updated_by", "updated_at"})}).
			Create(&row).Error
		if err != nil {
			return err
		}
		return s.audit(tx, actor, "put", "holiday", row.Day, fmt.Sprintf(`{"name":%q,"kind":%q}`, d.Name, d.Kind))
	})
}

// DeleteHolidayOverride removes the override of day (ENotFound if none).
func (s *Store) DeleteHolidayOverride(ctx context.Context, actor string, d roster.Date) error {
	return s.writeTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("day = ?", d.String()).Delete(&holidayRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.ENotFound, "no override for %s", d)
		}
		return s.audit(tx, actor, "delete", "holiday", d.String(), "")
	})
}
