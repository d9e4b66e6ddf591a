package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestOfficerSites: the sites an officer may serve are stored, a booking
// elsewhere is refused with RuleNotEligible, and MayHoldEach says so for
// each officer without writing.
func TestOfficerSites(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		other, err := s.CreateSite(ctx, "test", roster.Site{Code: "TAND-KV1", Name: "Tòa án khu vực 1", Kind: roster.SiteCourt,
			Slots: []roster.Slot{{Name: "Sáng", Start: 450, End: 690, Officers: 1, Days: roster.Workdays}}})
		if err != nil {
			t.Fatal(err)
		}
		a.Sites = []int64{other.ID}
		if a, err = s.UpdateOfficer(ctx, "test", a, 0); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Officer(ctx, a.ID); err != nil || len(got.Sites) != 1 || got.Sites[0] != other.ID {
			t.Fatalf("sites stored %v %v", got.Sites, err)
		}
		if got, _ := s.Officer(ctx, b.ID); len(got.Sites) != 0 {
			t.Fatalf("an officer with no sites listed has %v", got.Sites)
		}
		loc := s.Loc()
		day := time.Date(2027, 1, 4, 0, 0, 0, 0, loc)
		duty := roster.Assignment{SiteID: site.ID, SlotName: "Sáng", Role: roster.Primary, Start: day.Add(450 * time.Minute), End: day.Add(690 * time.Minute)}
		may, err := s.MayHoldEach(ctx, duty, []int64{a.ID, b.ID})
		if err != nil || roster.RuleOf(may[a.ID]) != roster.RuleNotEligible || may[b.ID] != nil {
			t.Fatalf("may hold: %v %v", may, err)
		}
		duty.OfficerID = a.ID
		_, err = s.CreateAssignment(ctx, "test", duty)
		var re *roster.Error
		if !errors.As(err, &re) || re.Rule != roster.RuleNotEligible || roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("booking at a site the officer does not serve: %v", err)
		}
		duty.SiteID, duty.OfficerID = other.ID, a.ID
		if _, err := s.CreateAssignment(ctx, "test", duty); err != nil {
			t.Fatalf("booking at the officer's own site: %v", err)
		}
		if as, _ := s.ListAssignments(ctx, store.AssignmentFilter{}); len(as) != 1 {
			t.Fatalf("%d duties, want 1 (MayHoldEach writes nothing)", len(as))
		}
	})
}
