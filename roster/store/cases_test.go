package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

func drCase(handler int64, accepted roster.Date) roster.Case {
	return roster.Case{Form: roster.FormProceedings, Field: "criminal", Group: roster.GroupAccusedMinor, Origin: roster.OriginOffice,
		HandlerID: handler, Accepted: accepted, Stage: roster.StageAccepted}
}

func TestCasesStore(t *testing.T) {
	storetest.ForEach(t, store.Options{Now: func() time.Time { return at("2027-06-30", "10:00") }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, b := seed(t, s)
		d := roster.NewDate
		old, err := s.CreateCase(ctx, "manager", drCase(a.ID, d(2026, 12, 30)))
		if err != nil || old.Number != "1/2026/TGPL" || old.Year != 2026 || old.Version != 1 {
			t.Fatalf("case of 2026: %+v %v", old, err)
		}
		var numbers []string
		for i := range 3 {
			c := drCase(b.ID, d(2027, 2, 1+i))
			got, err := s.CreateCase(ctx, "manager", c)
			if err != nil {
				t.Fatal(err)
			}
			numbers = append(numbers, got.Number)
		}
		if !slices.Equal(numbers, []string{"1/2027/TGPL", "2/2027/TGPL", "3/2027/TGPL"}) {
			t.Fatalf("numbers %v", numbers)
		}
		// Origins must exist.
		c := drCase(a.ID, d(2027, 3, 1))
		c.Origin, c.OriginID = roster.OriginCustody, 4242
		if _, err := s.CreateCase(ctx, "manager", c); !slices.Contains(drFields(err), "origin_id") {
			t.Fatalf("unknown custody request: %v", err)
		}
		req, err := s.CreateCustodyRequest(ctx, "an", roster.CustodyRequest{ReceivedAt: at("2027-03-01", "08:00"), Source: roster.SourceProcuracy,
			TakenBy: a.ID, PersonStatus: roster.PersonAccused})
		if err != nil {
			t.Fatal(err)
		}
		c.OriginID = req.ID
		fromCustody, err := s.CreateCase(ctx, "manager", c)
		if err != nil || fromCustody.Origin != roster.OriginCustody || fromCustody.OriginID != req.ID || fromCustody.Number != "4/2027/TGPL" {
			t.Fatalf("from custody: %+v %v", fromCustody, err)
		}
		c.HandlerID = 9999
		if _, err := s.CreateCase(ctx, "manager", c); !slices.Contains(drFields(err), "handler_id") {
			t.Fatalf("unknown handler: %v", err)
		}
		// Close the old case in 2027: versioned; it stays carried over into 2027.
		old.Stage, old.Outcome, old.ClosedOn = roster.StageClosed, roster.OutcomeSuccessful, drPtr(d(2027, 5, 1))
		if _, err := s.UpdateCase(ctx, "manager", old, 9); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		closed, err := s.UpdateCase(ctx, "manager", old, 1)
		if err != nil || closed.Version != 2 || closed.Number != "1/2026/TGPL" || *closed.ClosedOn != d(2027, 5, 1) || !closed.CarriedOverInto(2027) {
			t.Fatalf("closed: %+v %v", closed, err)
		}
		moved := closed
		moved.Accepted = d(2027, 1, 2)
		if _, err := s.UpdateCase(ctx, "manager", moved, 0); !slices.Contains(drFields(err), "accepted_on") {
			t.Fatalf("moved out of its number's year: %v", err)
		}
		numbersOf := func(cs []roster.Case) []string {
			var out []string
			for _, c := range cs {
				out = append(out, c.Number)
			}
			return out
		}
		handled, _ := s.ListCases(ctx, store.CaseFilter{HandledIn: 2027})
		if len(handled) != 5 || handled[0].Number != "1/2026/TGPL" {
			t.Fatalf("handled in 2027: %v", numbersOf(handled))
		}
		if h, _ := s.ListCases(ctx, store.CaseFilter{HandledIn: 2028}); len(h) != 4 {
			t.Fatalf("handled in 2028 (the open ones): %v", numbersOf(h))
		}
		mine, _ := s.ListCases(ctx, store.CaseFilter{HandlerID: a.ID})
		if !slices.Equal(numbersOf(mine), []string{"1/2026/TGPL", "4/2027/TGPL"}) {
			t.Fatalf("a's cases: %v", numbersOf(mine))
		}
		open, _ := s.ListCases(ctx, store.CaseFilter{Open: true, AcceptedYear: 2026})
		if len(open) != 0 {
			t.Fatalf("open cases of 2026: %v", numbersOf(open))
		}
		// The database refuses a second number of the same year.
		err = storetest.SQL(t, s).Exec("UPDATE cases SET seq = 1 WHERE number = ?", "2/2027/TGPL").Error
		if err == nil {
			t.Fatal("two cases took place 1 of 2027")
		}
	})
}

// TestConcurrentCaseNumbers creates cases of one year at once: every one
// gets a number, all different, 1 to n.
func TestConcurrentCaseNumbers(t *testing.T) {
	storetest.ForEach(t, store.Options{Now: func() time.Time { return at("2027-06-30", "10:00") }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, _ := seed(t, s)
		const n = 6
		var wg sync.WaitGroup
		got := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := s.CreateCase(ctx, "test", drCase(a.ID, roster.NewDate(2027, 4, 1)))
				got[i], errs[i] = c.Number, err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		slices.Sort(got)
		want := []string{"1/2027/TGPL", "2/2027/TGPL", "3/2027/TGPL", "4/2027/TGPL", "5/2027/TGPL", "6/2027/TGPL"}
		if !slices.Equal(got, want) {
			t.Fatalf("numbers %v", got)
		}
	})
}
