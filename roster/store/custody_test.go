package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

func TestCustodyRequestsStore(t *testing.T) {
	now := at("2027-03-07", "02:00")
	storetest.ForEach(t, store.Options{Now: func() time.Time { return now }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		// A night of phone duty, 17:00 to 07:00.
		phone, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID,
			Start: at("2027-03-06", "17:00"), End: at("2027-03-07", "07:00")})
		if err != nil {
			t.Fatal(err)
		}
		mk := func(received time.Time, after time.Duration) roster.CustodyRequest {
			r := roster.CustodyRequest{ReceivedAt: received, Source: roster.SourcePolice, SourceName: "Công an quận Lê Chân", TakenBy: a.ID,
				AssignmentID: &phone.ID, PersonAge: drPtr(17), PersonStatus: roster.PersonDetained, Field: "criminal"}
			if after >= 0 {
				at := received.Add(after)
				r.SentOfficer, r.AssignedAt = &b.ID, &at
			}
			return r
		}
		var ids []int64
		for _, r := range []roster.CustodyRequest{
			mk(at("2027-03-06", "20:00"), 3*time.Hour),    // late
			mk(at("2027-03-06", "21:00"), 30*time.Minute), // on time
			mk(at("2027-03-06", "23:00"), -1),             // waiting 3 hours: late
			mk(at("2027-03-07", "01:00"), -1),             // waiting 1 hour
		} {
			got, err := s.CreateCustodyRequest(ctx, "an", r)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, got.ID)
		}
		first, _ := s.CustodyRequest(ctx, ids[0])
		if d, ok := first.ResponseTime(); !ok || d != 3*time.Hour || *first.SentOfficer != b.ID || *first.AssignmentID != phone.ID || *first.PersonAge != 17 {
			t.Fatalf("stored %+v", first)
		}
		idsOf := func(rs []roster.CustodyRequest) []int64 {
			var out []int64
			for _, r := range rs {
				out = append(out, r.ID)
			}
			return out
		}
		all, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{Year: 2027})
		var pureLate []int64
		for _, r := range all {
			if r.Late(roster.DefaultCustodyTarget, now) {
				pureLate = append(pureLate, r.ID)
			}
		}
		late, err := s.ListCustodyRequests(ctx, store.CustodyFilter{Late: true})
		if err != nil || !slices.Equal(idsOf(late), []int64{ids[0], ids[2]}) || !slices.Equal(idsOf(late), pureLate) {
			t.Fatalf("late: %v %v (the rule says %v)", idsOf(late), err, pureLate)
		}
		late4, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{Late: true, Target: 4 * time.Hour})
		if len(late4) != 0 {
			t.Fatalf("late against 4 hours: %v", idsOf(late4))
		}
		waiting, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{Unassigned: true})
		if !slices.Equal(idsOf(waiting), []int64{ids[2], ids[3]}) {
			t.Fatalf("unassigned: %v", idsOf(waiting))
		}
		sent, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{OfficerID: b.ID})
		if !slices.Equal(idsOf(sent), ids[:2]) {
			t.Fatalf("b's requests: %v", idsOf(sent))
		}
		if other, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{Year: 2026}); len(other) != 0 {
			t.Fatalf("2026: %v", idsOf(other))
		}
		// Assign the last one: versioned.
		last, _ := s.CustodyRequest(ctx, ids[3])
		assigned := at("2027-03-07", "01:40")
		last.SentOfficer, last.AssignedAt = &b.ID, &assigned
		if _, err := s.UpdateCustodyRequest(ctx, "an", last, 3); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		up, err := s.UpdateCustodyRequest(ctx, "an", last, 1)
		if d, _ := up.ResponseTime(); err != nil || up.Version != 2 || d != 40*time.Minute {
			t.Fatalf("assigned: %+v %v", up, err)
		}
		// Officers must exist; the rule's fields come through.
		bad := mk(at("2027-03-06", "22:00"), time.Hour)
		bad.TakenBy = 9999
		if _, err := s.CreateCustodyRequest(ctx, "an", bad); !slices.Contains(drFields(err), "taken_by") {
			t.Fatalf("unknown officer: %v", err)
		}
		bad = mk(at("2027-03-06", "22:00"), 0)
		*bad.AssignedAt = bad.AssignedAt.Add(-2 * time.Hour)
		if _, err := s.CreateCustodyRequest(ctx, "an", bad); !slices.Contains(drFields(err), "assigned_at") {
			t.Fatalf("assigned before received: %v", err)
		}
		bad = mk(at("2027-03-06", "16:00"), time.Hour)
		if _, err := s.CreateCustodyRequest(ctx, "an", bad); !slices.Contains(drFields(err), "assignment_id") {
			t.Fatalf("a call before the phone duty began: %v", err)
		}
		audit, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "custody_request"})
		if len(audit) != 5 {
			t.Fatalf("%d audit entries, want 5", len(audit))
		}
	})
}

func drPtr[T any](v T) *T { return &v }
