package main

import (
	"time"

	"context"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// planDemo books the court sites' coming two weeks in a simple rotation,
// skipping weekends, so the board and feeds have something to show.
func planDemo(ctx context.Context, cfg Config, st *store.Store, sites []roster.Site, officers []roster.Officer) (int, error) {
	today := roster.DateOf(time.Now().In(cfg.Loc))
	n := 0
	k := 0
	for d := today; d.Before(today.AddDays(14)); d = d.AddDays(1) {
		for _, site := range sites {
			for _, sl := range site.Slots {
				if sl.Days == roster.Workdays && (d.Weekday() == 0 || d.Weekday() == 6) {
					continue
				}
				start, end := sl.Window(d, cfg.Loc)
				for try := 0; try < len(officers); try++ {
					o := officers[k%len(officers)]
					k++
					_, err := st.CreateAssignment(ctx, "demo", roster.Assignment{SiteID: site.ID, SlotName: sl.Name, Role: roster.Primary, OfficerID: o.ID, Start: start, End: end})
					if err == nil {
						n++
						break
					}
					if roster.ErrorCode(err) != roster.EConflict {
						return n, err
					}
				}
			}
		}
	}
	return n, nil
}
