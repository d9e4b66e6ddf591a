package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// planDemo plans every demo site together (one multi-site plan, so the
// rules hold across them) from now's day to the end of the next month with
// all officers, as a manager would, so the board and feeds have something
// to show. It returns the duties added and the positions left uncovered,
// by rule key.
func planDemo(ctx context.Context, cfg Config, st *store.Store, sites []roster.Site, now time.Time) (int, map[string]int, error) {
	now = now.In(cfg.Loc)
	from := roster.DateOf(now)
	to := roster.DateOf(time.Date(now.Year(), now.Month()+2, 0, 12, 0, 0, 0, cfg.Loc))
	req := store.PlanRequest{From: from, To: to}
	for _, site := range sites {
		req.SiteIDs = append(req.SiteIDs, site.ID)
	}
	out, err := st.Plan(ctx, "demo", req)
	if err != nil {
		return 0, nil, fmt.Errorf("demo plan: %w", err)
	}
	uncovered := map[string]int{}
	for _, u := range out.Result.Uncovered {
		uncovered[u.Rule] += u.Missing
	}
	return len(out.Added), uncovered, nil
}

// demoUncoveredText says how many positions the rules leave uncovered, by
// rule key: "" when none.
func demoUncoveredText(uncovered map[string]int) string {
	if len(uncovered) == 0 {
		return ""
	}
	total := 0
	var parts []string
	for _, rule := range slices.Sorted(maps.Keys(uncovered)) {
		total += uncovered[rule]
		parts = append(parts, fmt.Sprintf("%s %d", rule, uncovered[rule]))
	}
	return fmt.Sprintf(", %d positions uncovered (%s)", total, strings.Join(parts, ", "))
}
