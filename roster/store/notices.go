package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"lichtruc/roster"
)

// The queries below serve the notify package's jobs: which duties changed
// recently, and who the managers are.

// ChangedAssignments returns the assignments changed at or after since
// (version above 1, cancelled ones included) that start after startsAfter,
// ordered by id.
func (s *Store) ChangedAssignments(ctx context.Context, since, startsAfter time.Time) ([]roster.Assignment, error) {
	var rows []assignmentRow
	err := s.assignmentQuery(s.db.WithContext(ctx)).
		Where("assignments.version > 1 AND assignments.updated_at >= ? AND assignments.starts_at > ?", ts(since), ts(startsAfter)).
		Order("assignments.id").Find(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Assignment, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}

// ReleasesSince returns the hand-overs made at or after since, of duties
// starting after startsAfter: who gave each duty up, at which version, with
// the duty as it is now. Ordered by release.
func (s *Store) ReleasesSince(ctx context.Context, since, startsAfter time.Time) ([]Release, error) {
	var rels []releaseRow
	err := s.db.WithContext(ctx).Where("released_at >= ?", ts(since)).Order("released_at, id").Find(&rels).Error
	if err != nil {
		return nil, mapErr(err)
	}
	if len(rels) == 0 {
		return nil, nil
	}
	ids := make([]int64, 0, len(rels))
	for _, r := range rels {
		ids = append(ids, r.AssignmentID)
	}
	cur, err := s.AssignmentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Release, 0, len(rels))
	for _, r := range rels {
		a, ok := cur[r.AssignmentID]
		if !ok || !a.Start.After(startsAfter) {
			continue
		}
		out = append(out, Release{Assignment: a, OfficerID: r.OfficerID, Version: r.Version, ReleasedAt: r.ReleasedAt.In(s.loc)})
	}
	return out, nil
}

// AssignmentsByID returns the assignments with the given ids (any status),
// by id; ids that do not exist are left out.
func (s *Store) AssignmentsByID(ctx context.Context, ids []int64) (map[int64]roster.Assignment, error) {
	ids = uniqueSorted(ids)
	out := make(map[int64]roster.Assignment, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var rows []assignmentRow
		if err := s.assignmentQuery(s.db.WithContext(ctx)).Where("assignments.id IN ?", ids[:n]).Find(&rows).Error; err != nil {
			return nil, mapErr(err)
		}
		for _, r := range rows {
			out[r.ID] = r.domain(s.loc)
		}
		ids = ids[n:]
	}
	return out, nil
}

// PreviousTimes returns the start and end an assignment had before its
// latest update, from the audit trail; ok is false when the latest update
// did not change them or is not recorded.
func (s *Store) PreviousTimes(ctx context.Context, id int64) (start, end time.Time, ok bool, err error) {
	var rows []auditRow
	err = s.db.WithContext(ctx).Where("entity = ? AND entity_id = ? AND action = ?", "assignment", strconv.FormatInt(id, 10), "update").
		Order("id DESC").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return time.Time{}, time.Time{}, false, mapErr(err)
	}
	var d struct {
		Start []string `json:"start"`
		End   []string `json:"end"`
	}
	if json.Unmarshal([]byte(rows[0].Detail), &d) != nil || len(d.Start) != 2 || len(d.End) != 2 {
		return time.Time{}, time.Time{}, false, nil
	}
	var t [4]time.Time // old start, new start, old end, new end
	for i, v := range []string{d.Start[0], d.Start[1], d.End[0], d.End[1]} {
		if t[i], err = time.Parse(time.RFC3339, v); err != nil {
			return time.Time{}, time.Time{}, false, nil
		}
	}
	if t[0].Equal(t[1]) && t[2].Equal(t[3]) {
		return time.Time{}, time.Time{}, false, nil
	}
	return t[0].In(s.loc), t[2].In(s.loc), true, nil
}

// Manager is a user with the manager role and the e-mail address of the
// officer it is, if any.
type Manager struct {
	UserID    int64
	Name      string
	OfficerID *int64
	Email     string // "" when the user is no officer or the officer has none
	Language  string // the officer's language, "vi" by default
}

// Managers returns the users with the manager role, ordered by id.
func (s *Store) Managers(ctx context.Context) ([]Manager, error) {
	var rows []struct {
		ID        int64
		Name      string
		OfficerID *int64
		Email     *string
		Language  *string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT users.id, users.name, users.officer_id, officers.email, officers.language
		FROM users LEFT JOIN officers ON officers.id = users.officer_id
		WHERE users.role = ? ORDER BY users.id`, roster.RoleManager).Scan(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]Manager, len(rows))
	for i, r := range rows {
		m := Manager{UserID: r.ID, Name: r.Name, OfficerID: r.OfficerID, Language: "vi"}
		if r.Email != nil {
			m.Email = strings.TrimSpace(*r.Email)
		}
		if r.Language != nil && *r.Language != "" {
			m.Language = *r.Language
		}
		out[i] = m
	}
	return out, nil
}
