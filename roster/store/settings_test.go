package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

func TestSettingsStore(t *testing.T) {
	storetest.ForEach(t, store.Options{Now: func() time.Time { return at("2027-01-04", "09:00") }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		got, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := roster.DefaultSettings()
		want.Version = 1
		if got.Version != 1 || got.Document.Place != "Hải Phòng" || !slices.Equal(got.Document.SignerTitle, want.Document.SignerTitle) {
			t.Fatalf("fresh settings %+v", got)
		}
		got.Document.SignerName = "Nguyễn Thị Hương"
		got.Document.Recipients = []string{"Tòa án nhân dân khu vực 1;", "Lưu: VT."}
		saved, err := s.UpdateSettings(ctx, "manager", got)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Version != 2 || saved.Document.SignerName != "Nguyễn Thị Hương" || len(saved.Document.Recipients) != 2 {
			t.Fatalf("saved %+v", saved)
		}
		again, err := s.Settings(ctx)
		if err != nil || again.Version != 2 || again.Document.SignerName != "Nguyễn Thị Hương" || again.Document.Recipients[0] != "Tòa án nhân dân khu vực 1;" {
			t.Fatalf("read back %+v %v", again, err)
		}
		// A stale version is refused and changes nothing.
		got.Document.Place = "Hải Dương"
		if _, err := s.UpdateSettings(ctx, "manager", got); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		// Invalid settings are refused before anything is written.
		bad := again
		bad.Document.Authority = ""
		if _, err := s.UpdateSettings(ctx, "manager", bad); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("invalid: %v", err)
		}
		if now, _ := s.Settings(ctx); now.Version != 2 || now.Document.Place != "Hải Phòng" || now.Document.Authority == "" {
			t.Fatalf("after refusals %+v", now)
		}
		log, err := s.ListAudit(ctx, store.AuditFilter{Entity: "settings"})
		if err != nil || len(log) != 1 || !strings.Contains(log[0].Detail, "Nguyễn Thị Hương") || log[0].Actor != "manager" {
			t.Fatalf("audit %+v %v", log, err)
		}
	})
}

// Publications are numbered per year of publication, with the settings'
// suffix at the time; concurrent publications never share a number.
func TestPublicationNumbers(t *testing.T) {
	t.Parallel()
	clock := storetest.NewClock(time.Date(2026, 12, 31, 16, 0, 0, 0, storetest.Loc))
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, _, _ := seed(t, s)
		pub := func() roster.Publication {
			t.Helper()
			p, err := s.CreatePublication(ctx, "manager", roster.Publication{SiteID: site.ID, From: roster.NewDate(2027, 1, 4), To: roster.NewDate(2027, 1, 31)})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		clock.Set(time.Date(2026, 12, 31, 16, 0, 0, 0, storetest.Loc))
		if p := pub(); p.NumberText() != "1/LT-TTTGPL" || p.NumberYear != 2026 {
			t.Fatalf("first of 2026: %+v", p)
		}
		clock.Set(time.Date(2027, 1, 1, 0, 30, 0, 0, storetest.Loc)) // 2026 still in UTC
		if p := pub(); p.NumberText() != "1/LT-TTTGPL" || p.NumberYear != 2027 {
			t.Fatalf("first of 2027: %+v", p)
		}
		set, _ := s.Settings(ctx)
		set.Document.NumberSuffix = "TB-TTTGPL"
		if _, err := s.UpdateSettings(ctx, "manager", set); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		numbers := make([]string, 6)
		for i := range numbers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, err := s.CreatePublication(ctx, "manager", roster.Publication{SiteID: site.ID, From: roster.NewDate(2027, 2, 1), To: roster.NewDate(2027, 2, 28)})
				if err != nil {
					t.Error(err)
				}
				numbers[i] = p.NumberText()
			}()
		}
		wg.Wait()
		slices.Sort(numbers)
		if !slices.Equal(numbers, []string{"2/TB-TTTGPL", "3/TB-TTTGPL", "4/TB-TTTGPL", "5/TB-TTTGPL", "6/TB-TTTGPL", "7/TB-TTTGPL"}) {
			t.Fatalf("concurrent numbers %v", numbers)
		}
		list, err := s.ListPublications(ctx, store.PublicationFilter{SiteID: site.ID})
		if err != nil || len(list) != 8 || list[len(list)-1].NumberText() != "1/LT-TTTGPL" {
			t.Fatalf("listed %+v %v", list, err)
		}
	})
}
