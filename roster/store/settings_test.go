package store_test

import (
	"context"
	"slices"
	"strings"
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
