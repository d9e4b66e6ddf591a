package store

import (
	"context"

	"lichtruc/roster"
)

// MayHoldEach says, for each officer, whether they may hold duty as things
// stand, by the one rule (roster.MayHold) on what the store holds: nil, or
// the broken rule's error. It only reads, for pages that offer the officers
// who are free; booking checks again under its locks.
func (s *Store) MayHoldEach(ctx context.Context, duty roster.Assignment, officerIDs []int64) (map[int64]error, error) {
	out := make(map[int64]error, len(officerIDs))
	db := s.db.WithContext(ctx)
	for _, id := range officerIDs {
		c, err := s.candidate(db, duty, id, "")
		if err != nil {
			return nil, err
		}
		out[id] = roster.MayHold(duty, c, roster.HoldRules{})
	}
	return out, nil
}
