package main

import (
	"context"
	"fmt"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// planDemo plans every demo site from today to the end of next month with
// all officers, as a manager would, so the board and feeds have something
// to show.
func planDemo(ctx context.Context, cfg Config, st *store.Store, sites []roster.Site, _ []roster.Officer) (int, error) {
	now := time.Now().In(cfg.Loc)
	from := roster.DateOf(now)
	to := roster.DateOf(time.Date(now.Year(), now.Month()+2, 0, 12, 0, 0, 0, cfg.Loc))
	n := 0
	for _, site := range sites {
		out, err := st.Plan(ctx, "demo", store.PlanRequest{SiteIDs: []int64{site.ID}, From: from, To: to})
		if err != nil {
			return n, fmt.Errorf("demo plan %s: %w", site.Code, err)
		}
		n += len(out.Added)
	}
	return n, nil
}
