package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

var loc = storetest.Loc

func at(day, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, loc)
	if err != nil {
		panic(err)
	}
	return t
}

func seed(t *testing.T, s *store.Store) (roster.Site, roster.Officer, roster.Officer) {
	t.Helper()
	ctx := context.Background()
	site, err := s.CreateSite(ctx, "test", roster.Site{Code: "TAND-HP", Name: "Tòa án nhân dân thành phố Hải Phòng", Kind: roster.SiteCourt,
		Slots: []roster.Slot{{Name: "Sáng", Start: 450, End: 690, Officers: 1, Days: roster.Workdays}}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Nguyễn Văn An", Kind: roster.KindLegalAidOfficer, Active: true, Specialties: []string{"criminal", "land"}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Trần Thị Bình", Kind: roster.KindLawyer, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	return site, a, b
}

func TestRoundTrip(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, _ := seed(t, s)
		got, err := s.Site(ctx, "TAND-HP")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != site.Name || len(got.Slots) != 1 || got.Slots[0].Start != 450 || got.FeedSecret == "" || got.BoardSecret == "" {
			t.Fatalf("site round trip: %+v", got)
		}
		if _, err := s.CreateSite(ctx, "test", roster.Site{Code: "TAND-HP", Name: "x", Kind: roster.SiteCourt}); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("duplicate site code: got %v, want conflict", err)
		}
		o, err := s.Officer(ctx, a.ID)
		if err != nil || o.FullName != "Nguyễn Văn An" || len(o.Specialties) != 2 || !o.Active {
			t.Fatalf("officer round trip: %+v %v", o, err)
		}
		if _, err := s.Officer(ctx, 9999); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("missing officer: %v", err)
		}
		as, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, SlotName: "Sáng", OfficerID: a.ID,
			Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		if !as.Start.Equal(at("2027-01-04", "07:30")) || as.SiteCode != "TAND-HP" || as.Version != 1 || as.Status != roster.Scheduled {
			t.Fatalf("assignment round trip: %+v", as)
		}
		list, err := s.ListAssignments(ctx, store.AssignmentFilter{From: at("2027-01-04", "00:00"), To: at("2027-01-05", "00:00")})
		if err != nil || len(list) != 1 || list[0].ID != as.ID {
			t.Fatalf("list: %v %v", list, err)
		}
		list, _ = s.ListAssignments(ctx, store.AssignmentFilter{From: at("2027-01-04", "11:30"), To: at("2027-01-05", "00:00")})
		if len(list) != 0 {
			t.Fatalf("a duty ending at 11:30 must not be listed from 11:30: %v", list)
		}
		on, _ := s.OnDuty(ctx, site.ID, at("2027-01-04", "11:29"))
		off, _ := s.OnDuty(ctx, site.ID, at("2027-01-04", "11:30"))
		if len(on) != 1 || len(off) != 0 {
			t.Fatalf("on duty at 11:29: %d, at 11:30: %d", len(on), len(off))
		}
	})
}

func TestClashAndLeave(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		first, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-01-04", "11:00"), End: at("2027-01-04", "12:00")})
		if roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("overlapping duty: %v, want conflict", err)
		}
		// Back to back is fine.
		if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-01-04", "11:30"), End: at("2027-01-04", "12:00")}); err != nil {
			t.Fatalf("adjacent duty: %v", err)
		}
		// Stale version.
		if _, err := s.UpdateAssignment(ctx, "test", first.ID, store.AssignmentChange{OfficerID: &b.ID}, 7); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		moved, err := s.UpdateAssignment(ctx, "test", first.ID, store.AssignmentChange{OfficerID: &b.ID}, 1)
		if err != nil || moved.OfficerID != b.ID || moved.Version != 2 {
			t.Fatalf("reassign: %+v %v", moved, err)
		}
		rel, err := s.ReleasesOf(ctx, a.ID, at("2027-01-01", "00:00"), at("2027-02-01", "00:00"))
		if err != nil || len(rel) != 1 || rel[0].Assignment.ID != first.ID {
			t.Fatalf("releases of the officer who gave it up: %+v %v", rel, err)
		}
		// Leave over b's duty cancels it and reports it.
		l, affected, err := s.CreateLeave(ctx, "test", roster.Leave{OfficerID: b.ID, From: roster.NewDate(2027, 1, 4), To: roster.NewDate(2027, 1, 5), Reason: "ốm"})
		if err != nil {
			t.Fatal(err)
		}
		if len(affected) != 1 || affected[0].ID != first.ID || affected[0].Status != roster.Cancelled {
			t.Fatalf("affected: %+v", affected)
		}
		if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: b.ID, Start: at("2027-01-05", "23:00"), End: at("2027-01-06", "01:00")}); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("duty inside leave: %v", err)
		}
		if _, _, err := s.CreateLeave(ctx, "test", roster.Leave{OfficerID: b.ID, From: roster.NewDate(2027, 1, 5), To: roster.NewDate(2027, 1, 9)}); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("overlapping leave: %v", err)
		}
		if err := s.DeleteLeave(ctx, "test", l.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Assignment(ctx, first.ID)
		if got.Status != roster.Cancelled {
			t.Fatalf("deleting the leave must not resurrect duties: %+v", got)
		}
		entries, err := s.ListAudit(ctx, store.AuditFilter{Entity: "assignment"})
		if err != nil || len(entries) < 4 {
			t.Fatalf("audit: %d entries, %v", len(entries), err)
		}
	})
}

// oneWins makes n calls of book at once, from goroutines released together,
// and fails the test unless exactly one succeeds and every other meets a
// conflict; what names the winners in the failure message.
func oneWins(t *testing.T, n int, what string, book func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = book(i)
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch roster.ErrorCode(err) {
		case "":
			won++
		case roster.EConflict:
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d %s, want exactly 1", won, what)
	}
}

// TestConcurrentBooking books one officer for the same hour from many
// goroutines at once: exactly one must win, the rest get a conflict.
func TestConcurrentBooking(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, _ := seed(t, s)
		oneWins(t, 8, "bookings won", func(i int) error {
			_, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID,
				Start: at("2027-01-04", "07:30").Add(time.Duration(i) * time.Minute), End: at("2027-01-04", "11:30")})
			return err
		})
	})
}

func TestMigrateTwice(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(d, func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			ctx := context.Background()
			s1, err := store.Open(ctx, dsn, store.Options{Loc: loc})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s1.CreateOfficer(ctx, "t", roster.Officer{FullName: "A", Kind: roster.KindStaff, Active: true}); err != nil {
				t.Fatal(err)
			}
			s1.Close()
			s2, err := store.Open(ctx, dsn, store.Options{Loc: loc})
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer s2.Close()
			v, err := s2.SchemaVersion(ctx)
			if err != nil || v < 1 {
				t.Fatalf("schema version %d %v", v, err)
			}
			list, _ := s2.ListOfficers(ctx, store.OfficerFilter{})
			if len(list) != 1 {
				t.Fatalf("data lost on reopen: %v", list)
			}
		})
	}
}

func TestColleagues(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		x, err := s.CreateAssignment(ctx, "t", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		y, err := s.CreateAssignment(ctx, "t", roster.Assignment{SiteID: site.ID, Role: roster.Backup, OfficerID: b.ID, Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		// Another time at the same site is not a colleague.
		if _, err := s.CreateAssignment(ctx, "t", roster.Assignment{SiteID: site.ID, OfficerID: b.ID, Start: at("2027-01-05", "07:30"), End: at("2027-01-05", "11:30")}); err != nil {
			t.Fatal(err)
		}
		mine, err := s.ListAssignments(ctx, store.AssignmentFilter{OfficerID: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.Colleagues(ctx, mine)
		if err != nil || len(m) != 1 || len(m[x.ID]) != 1 || m[x.ID][0].ID != y.ID || m[x.ID][0].OfficerID != b.ID {
			t.Fatalf("colleagues: %+v %v", m, err)
		}
	})
}
