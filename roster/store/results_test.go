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

// drFields returns the fields an error names.
func drFields(err error) []string {
	var out []string
	if e, ok := err.(*roster.Error); ok {
		for _, f := range e.Fields {
			out = append(out, f.Field)
		}
	}
	return out
}

func drDuty(t *testing.T, s *store.Store, site roster.Site, officer int64, day string) roster.Assignment {
	t.Helper()
	a, err := s.CreateAssignment(context.Background(), "test", roster.Assignment{SiteID: site.ID, SlotName: "Sáng", OfficerID: officer,
		Start: at(day, "07:30"), End: at(day, "11:30")})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestDutyResultsStore(t *testing.T) {
	clock := storetest.NewClock(time.Time{})
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		clock.Set(at("2027-01-06", "09:00")) // each dialect's run starts afresh
		ctx := context.Background()
		site, a, b := seed(t, s)
		d1 := drDuty(t, s, site, a.ID, "2027-01-04")
		d2 := drDuty(t, s, site, a.ID, "2027-01-05")
		d3 := drDuty(t, s, site, b.ID, "2027-01-05")
		future := drDuty(t, s, site, a.ID, "2027-01-20")

		missing, err := s.MissingDutyResults(ctx, store.MissingResultFilter{})
		if err != nil || len(missing) != 3 || missing[0].ID != d1.ID {
			t.Fatalf("missing before any result: %v %v", missing, err)
		}
		r1, err := s.RecordDutyResult(ctx, "an", roster.DutyResult{AssignmentID: d1.ID, Held: true, HeldBy: a.ID, PeopleReceived: 2,
			Requests: []roster.DutyRequest{
				{Field: "criminal", Group: roster.GroupAccusedMinor, Action: roster.ActionAccepted},
				{Field: "land", Group: roster.GroupElderly, Action: roster.ActionAdvised}}})
		if err != nil {
			t.Fatal(err)
		}
		if r1.Version != 1 || len(r1.Requests) != 2 || r1.Requests[0].ID == 0 || r1.Requests[1].Field != "land" || r1.RecordedBy != "an" {
			t.Fatalf("recorded %+v", r1)
		}
		audit, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "duty_result"})
		if len(audit) != 1 || audit[0].Action != "create" {
			t.Fatalf("audit %+v", audit)
		}
		if _, err := s.RecordDutyResult(ctx, "an", roster.DutyResult{AssignmentID: d1.ID, Held: false}); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("second result for one duty: %v", err)
		}
		if _, err := s.RecordDutyResult(ctx, "an", roster.DutyResult{AssignmentID: future.ID, Held: false}); !slices.Contains(drFields(err), "assignment_id") {
			t.Fatalf("result of a duty not started: %v", err)
		}
		if _, err := s.RecordDutyResult(ctx, "an", roster.DutyResult{AssignmentID: 9999, Held: false}); !slices.Contains(drFields(err), "assignment_id") {
			t.Fatalf("result of no duty: %v", err)
		}
		if _, err := s.RecordDutyResult(ctx, "an", roster.DutyResult{AssignmentID: d2.ID, Held: true, HeldBy: 9999}); !slices.Contains(drFields(err), "held_by") {
			t.Fatalf("held by nobody: %v", err)
		}
		// A stand-in: b held a's duty.
		r2, err := s.RecordDutyResult(ctx, "manager", roster.DutyResult{AssignmentID: d2.ID, Held: true, HeldBy: b.ID, PeopleReceived: 1})
		if err != nil || !r2.StandIn(d2) {
			t.Fatalf("stand-in: %+v %v", r2, err)
		}
		missing, _ = s.MissingDutyResults(ctx, store.MissingResultFilter{OfficerID: a.ID})
		if len(missing) != 0 {
			t.Fatalf("a has no missing results: %v", missing)
		}
		missing, _ = s.MissingDutyResults(ctx, store.MissingResultFilter{})
		if len(missing) != 1 || missing[0].ID != d3.ID {
			t.Fatalf("missing: %v", missing)
		}
		// Once the future duty has ended it is missing too.
		clock.Set(at("2027-01-20", "11:30"))
		missing, _ = s.MissingDutyResults(ctx, store.MissingResultFilter{OfficerID: a.ID})
		if len(missing) != 1 || missing[0].ID != future.ID {
			t.Fatalf("missing after the duty ended: %v", missing)
		}
		// Versioned update replaces the requests.
		r1.Requests = r1.Requests[:1]
		r1.PeopleReceived = 5
		if _, err := s.UpdateDutyResult(ctx, "an", r1, 7); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		up, err := s.UpdateDutyResult(ctx, "an", r1, 1)
		if err != nil || up.Version != 2 || up.PeopleReceived != 5 || len(up.Requests) != 1 || up.AssignmentID != d1.ID {
			t.Fatalf("update: %+v %v", up, err)
		}
		r1.Requests = []roster.DutyRequest{{Field: "tax", Group: roster.GroupChild, Action: roster.ActionAdvised}}
		if _, err := s.UpdateDutyResult(ctx, "an", r1, 2); !slices.Contains(drFields(err), "requests[0].field") {
			t.Fatalf("bad field: %v", err)
		}
		// Listing.
		mine, _ := s.ListDutyResults(ctx, store.DutyResultFilter{OfficerID: b.ID})
		if len(mine) != 1 || mine[0].ID != r2.ID {
			t.Fatalf("b's results (held as stand-in): %v", mine)
		}
		year, _ := s.ListDutyResults(ctx, store.DutyResultFilter{Year: 2027})
		if len(year) != 2 || year[0].ID != r1.ID {
			t.Fatalf("2027's results: %v", year)
		}
		none, _ := s.ListDutyResults(ctx, store.DutyResultFilter{Year: 2026})
		if len(none) != 0 {
			t.Fatalf("2026's results: %v", none)
		}
		got, err := s.DutyResultOf(ctx, d2.ID)
		if err != nil || got.ID != r2.ID {
			t.Fatalf("result of d2: %+v %v", got, err)
		}
		if _, err := s.DutyResultOf(ctx, d3.ID); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("result of d3: %v", err)
		}
		// The database itself refuses a result that contradicts itself.
		err = storetest.SQL(t, s).Exec("INSERT INTO duty_results (assignment_id, held, held_by, people_received, recorded_by, created_at, updated_at) VALUES (?, FALSE, ?, 0, 'x', ?, ?)",
			d3.ID, a.ID, time.Now(), time.Now()).Error
		if err == nil {
			t.Fatal("a duty not held with a holder was stored")
		}
	})
}

// TestConcurrentDutyResults records results for one duty from several
// goroutines at once: one wins, the others get a conflict.
func TestConcurrentDutyResults(t *testing.T) {
	storetest.ForEach(t, store.Options{Now: func() time.Time { return at("2027-01-06", "09:00") }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		d := drDuty(t, s, site, a.ID, "2027-01-04")
		oneWins(t, 4, "results recorded", func(i int) error {
			holder := a.ID
			if i%2 == 1 {
				holder = b.ID
			}
			_, err := s.RecordDutyResult(ctx, "test", roster.DutyResult{AssignmentID: d.ID, Held: true, HeldBy: holder, PeopleReceived: i})
			return err
		})
		list, _ := s.ListDutyResults(ctx, store.DutyResultFilter{AssignmentIDs: []int64{d.ID}})
		if len(list) != 1 {
			t.Fatalf("%d results stored for one duty", len(list))
		}
	})
}
