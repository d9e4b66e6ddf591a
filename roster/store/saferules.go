package store

import (
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// planRuleDays is how many days either side of a plan's range the planner
// sees the officers' duties: the weekly rest looks at 7 days.
const planRuleDays = 8

// ruleSettingsTx reads the Center's safe-plan settings inside tx, so a
// writing path decides with the settings of its own transaction.
func (s *Store) ruleSettingsTx(tx *gorm.DB) (roster.RuleSettings, error) {
	var row settingsRow
	if err := tx.Take(&row, 1).Error; err != nil {
		return roster.RuleSettings{}, mapErr(err)
	}
	set, err := row.domain()
	if err != nil {
		return roster.RuleSettings{}, err
	}
	return set.Rules, nil
}

// encodeUnavailability is the officers.unavailability column of list.
func encodeUnavailability(list []roster.Unavailability) string {
	if len(list) == 0 {
		return ""
	}
	out := make([]roster.UnavailabilityJSON, len(list))
	for i, u := range list {
		out[i] = u.JSON()
	}
	b, _ := json.Marshal(out) // plain strings: cannot fail
	return string(b)
}

// decodeUnavailability reads the officers.unavailability column; what it
// cannot read it drops (the API only writes valid lists).
func decodeUnavailability(s string) []roster.Unavailability {
	if s == "" {
		return []roster.Unavailability{}
	}
	var in []roster.UnavailabilityJSON
	if json.Unmarshal([]byte(s), &in) != nil {
		return []roster.Unavailability{}
	}
	out := make([]roster.Unavailability, 0, len(in))
	for _, u := range in {
		var v roster.Validator
		if x := u.Parse(&v, "unavailability"); v.Err() == nil {
			out = append(out, x)
		}
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
