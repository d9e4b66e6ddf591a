package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestBookingUnderTheOneRule checks the store decides bookings with
// roster.MayHold from what it loads under the officer's lock: the monthly
// limit (soft, overridden and audited), a clash naming the other duty,
// and a duty of the month before not counted.
func TestBookingUnderTheOneRule(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		a.MonthlyLimit = 1
		a, err := s.UpdateOfficer(ctx, "test", a, 0)
		if err != nil {
			t.Fatal(err)
		}
		book := func(o roster.Officer, day string, override string) (roster.Assignment, error) {
			return s.BookAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, SlotName: "Sáng", OfficerID: o.ID,
				Start: at(day, "07:30"), End: at(day, "11:30")}, override)
		}
		if _, err := book(a, "2027-01-29", ""); err != nil { // January: not February's
			t.Fatal(err)
		}
		first, err := book(a, "2027-02-01", "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = book(a, "2027-02-02", "")
		if roster.ErrorCode(err) != roster.EConflict || roster.RuleOf(err) != roster.RuleMonthlyLimit {
			t.Fatalf("over the limit: %v (rule %q)", err, roster.RuleOf(err))
		}
		over, err := book(a, "2027-02-02", "urgent hearing")
		if err != nil {
			t.Fatalf("override: %v", err)
		}
		entries, err := s.ListAudit(ctx, store.AuditFilter{Entity: "assignment", EntityID: strconv.FormatInt(over.ID, 10), Limit: 5})
		if err != nil || len(entries) == 0 || !strings.Contains(entries[0].Detail, `"override":"urgent hearing"`) {
			t.Fatalf("audit of the override: %v %v", entries, err)
		}
		// The override lifts only the soft rule.
		_, err = s.BookAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-02-01", "09:00"),
			End: at("2027-02-01", "10:00")}, "urgent")
		var re *roster.Error
		if !errors.As(err, &re) || re.Rule != roster.RuleClash || re.Args["assignment_id"] != first.ID || re.Fields[0].Code != roster.RuleClash {
			t.Fatalf("clash: %v", err)
		}
		// Reassigning to b is fine; b then holds the duty.
		moved, err := s.UpdateAssignment(ctx, "test", first.ID, store.AssignmentChange{OfficerID: &b.ID}, 0)
		if err != nil || moved.OfficerID != b.ID {
			t.Fatalf("reassign: %+v %v", moved, err)
		}
	})
}
