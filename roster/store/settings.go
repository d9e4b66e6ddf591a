package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type settingsRow struct {
	ID        int64 `gorm:"primaryKey"`
	Body      string
	Version   int
	UpdatedAt *time.Time
	UpdatedBy string
}

func (settingsRow) TableName() string { return "center_settings" }

// domain decodes the stored body over the defaults: a group or field the
// body lacks keeps its default.
func (r settingsRow) domain() (roster.Settings, error) {
	set := roster.DefaultSettings()
	if err := json.Unmarshal([]byte(r.Body), &set); err != nil {
		return roster.Settings{}, fmt.Errorf("center settings: %w", err)
	}
	set.Version = r.Version
	return set, nil
}

// Settings returns the Center's settings.
func (s *Store) Settings(ctx context.Context) (roster.Settings, error) {
	var row settingsRow
	if err := s.db.WithContext(ctx).Take(&row, 1).Error; err != nil {
		return roster.Settings{}, mapErr(err)
	}
	return row.domain()
}

// UpdateSettings replaces the Center's settings with set, whose Version
// must be the stored one (EPrecondition otherwise), after checking them
// (roster.Settings.Validate); it returns them with their new version. The
// change is audited with the settings it wrote.
func (s *Store) UpdateSettings(ctx context.Context, actor string, set roster.Settings) (roster.Settings, error) {
	if err := set.Validate(); err != nil {
		return roster.Settings{}, err
	}
	body := set.Clone()
	body.Version = 0
	b, err := json.Marshal(body)
	if err != nil {
		return roster.Settings{}, err
	}
	var out roster.Settings
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		now := ts(s.now())
		res := tx.Exec("UPDATE center_settings SET body = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?",
			string(b), now, actor, set.Version)
		if res.Error != nil {
			return res.Error
		}
		var row settingsRow
		if err := tx.Take(&row, 1).Error; err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.EPrecondition, "the settings have changed (version %d, not %d)", row.Version, set.Version)
		}
		if out, err = row.domain(); err != nil {
			return err
		}
		return s.audit(tx, actor, "update", "settings", 1, fmt.Sprintf(`{"version":%d,"settings":%s}`, row.Version, b))
	})
	if err != nil {
		return roster.Settings{}, err
	}
	return out, nil
}
