package store

import (
	"context"
	"time"

	"lichtruc/roster"
)

// SwapFigures counts the swap requests made in [from, to): all of them by
// status, and the applied ones by the officers who gave and took duties (in
// an exchange both officers give one and take one).
func (s *Store) SwapFigures(ctx context.Context, from, to time.Time) (roster.SwapFigures, error) {
	out := roster.SwapFigures{ByStatus: map[roster.SwapStatus]int{}, Given: map[int64]int{}, Taken: map[int64]int{}}
	var rows []struct {
		Kind          string
		Status        string
		FromOfficerID int64
		ToOfficerID   int64
	}
	err := s.db.WithContext(ctx).Table("swap_requests").Select("kind, status, from_officer_id, to_officer_id").
		Where("created_at >= ? AND created_at < ?", ts(from), ts(to)).Scan(&rows).Error
	if err != nil {
		return out, mapErr(err)
	}
	for _, r := range rows {
		out.Requested++
		out.ByStatus[roster.SwapStatus(r.Status)]++
		if r.Status != string(roster.SwapApplied) {
			continue
		}
		out.Given[r.FromOfficerID]++
		out.Taken[r.ToOfficerID]++
		if r.Kind == string(roster.SwapExchange) {
			out.Given[r.ToOfficerID]++
			out.Taken[r.FromOfficerID]++
		}
	}
	return out, nil
}
