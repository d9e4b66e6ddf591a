package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestDemoPlanKeepsTheRules plans the demo as runDemo does, over December
// and January (the months the issue found 24-hour stretches in), and
// checks every duty of the plan against the one rule, MayHold, with all of
// the officer's other duties, and independently for rest after nights and
// one area a day.
func TestDemoPlanKeepsTheRules(t *testing.T) {
	ctx := context.Background()
	loc := storetest.Loc
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var sites []roster.Site
	for _, s := range demoSites {
		site, err := st.CreateSite(ctx, "test", s)
		if err != nil {
			t.Fatal(err)
		}
		sites = append(sites, site)
	}
	byID := map[int64]roster.Officer{}
	for _, o := range demoOfficers {
		o.Active = true
		created, err := st.CreateOfficer(ctx, "test", o)
		if err != nil {
			t.Fatal(err)
		}
		byID[created.ID] = created
	}
	siteByID := map[int64]roster.Site{}
	for _, s := range sites {
		siteByID[s.ID] = s
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, loc)
	added, uncovered, err := planDemo(ctx, Config{Loc: loc}, st, sites, now)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo plan from %s: %d duties%s", now.Format("2006-01-02"), added, demoUncoveredText(uncovered))
	list, err := st.ListAssignments(ctx, store.AssignmentFilter{From: now.AddDate(0, 0, -1), To: now.AddDate(0, 3, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != added || added == 0 {
		t.Fatalf("%d duties stored, %d planned", len(list), added)
	}
	mine := map[int64][]roster.Assignment{}
	for _, a := range list {
		mine[a.OfficerID] = append(mine[a.OfficerID], a)
	}
	areaDay := map[[2]any]string{}
	for _, a := range list {
		if err := roster.MayHold(a, roster.CandidateState{Officer: byID[a.OfficerID], Site: siteByID[a.SiteID], Duties: mine[a.OfficerID], Loc: loc},
			roster.HoldRules{}); err != nil {
			t.Fatalf("the demo plan breaks a rule: duty %d (%s %s %s): %v", a.ID, a.SiteCode, a.SlotName, a.Start, err)
		}
		k := [2]any{a.OfficerID, roster.DateOf(a.Start.In(loc))}
		if prev, ok := areaDay[k]; ok && prev != a.Area {
			t.Fatalf("officer %d serves %s and %s on %v", a.OfficerID, prev, a.Area, k[1])
		}
		areaDay[k] = a.Area
		for _, b := range mine[a.OfficerID] {
			if gap := b.Start.Sub(a.End); b.ID != a.ID && gap >= 0 && gap < 12*time.Hour && a.End.Sub(a.Start) >= 8*time.Hour {
				t.Fatalf("officer %d rests %s after %s %s", a.OfficerID, gap, a.SiteCode, a.Start)
			}
		}
	}
}
