package store

import (
	"context"
	"database/sql"
	"time"

	"lichtruc/roster"
)

// LoadYear reads the rows roster.BuildYearReport needs for year — on
// PostgreSQL in one repeatable-read transaction, so the figures agree with
// each other (SQLite's immediate transactions would block writers; its
// single writer makes the gap small) — the year's
// outreach sessions, its scheduled duties and their results, its custody
// requests, and the cases new in it, carried over into it or new in the
// year before (for the change from that year).
func (s *Store) LoadYear(ctx context.Context, year int) (roster.YearRows, error) {
	rows := roster.YearRows{Year: year}
	from, to := s.yearSpan(year)
	tx := s.db.WithContext(ctx)
	if s.dialect == "postgres" {
		tx = tx.Begin(&sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if tx.Error != nil {
			return rows, mapErr(tx.Error)
		}
		defer tx.Rollback()
	}
	var err error
	if rows.Sessions, err = s.listOutreach(tx, OutreachFilter{From: from, To: to}); err != nil {
		return rows, err
	}
	if rows.Duties, err = s.listAssignments(tx, AssignmentFilter{From: from, To: to}); err != nil {
		return rows, err
	}
	if rows.Results, err = s.listResults(tx, DutyResultFilter{Year: year}); err != nil {
		return rows, err
	}
	var custody []custodyRow
	if err := tx.Where("received_at >= ? AND received_at < ?", ts(from), ts(to)).Order("received_at, id").Find(&custody).Error; err != nil {
		return rows, mapErr(err)
	}
	for _, r := range custody {
		rows.Custody = append(rows.Custody, r.domain(s.loc))
	}
	prev, jan1, next := roster.NewDate(year-1, time.January, 1).String(), roster.NewDate(year, time.January, 1).String(),
		roster.NewDate(year+1, time.January, 1).String()
	var cases []caseRow
	if err := tx.Where("accepted_on < ? AND (accepted_on >= ? OR closed_on IS NULL OR closed_on >= ?)", next, prev, jan1).
		Order("id").Find(&cases).Error; err != nil {
		return rows, mapErr(err)
	}
	for _, r := range cases {
		rows.Cases = append(rows.Cases, r.domain(s.loc))
	}
	return rows, nil
}

// YearReport loads year and builds its report at the store's now, custody
// responses measured against target (roster.DefaultCustodyTarget when 0).
func (s *Store) YearReport(ctx context.Context, year int, target time.Duration) (roster.YearReport, error) {
	rows, err := s.LoadYear(ctx, year)
	if err != nil {
		return roster.YearReport{}, err
	}
	return roster.BuildYearReport(rows, target, s.now(), s.loc), nil
}
