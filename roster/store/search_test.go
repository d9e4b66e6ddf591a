package store_test

import (
	"context"
	"slices"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

func TestFoldSearch(t *testing.T) {
	for in, want := range map[string]string{
		"Đặng Quốc Hùng":  "dang quoc hung",
		"đặng":            "dang",
		"NGUYỄN  Thị\tỨt": "nguyen thi ut",
		"Trần Thị Bình":   "tran thi binh",
		"Lê Văn Đức":      "le van duc",
		"Phạm Thị Huyền":  "pham thi huyen",
		"abc":             "abc",
	} {
		if got := store.FoldSearch(in); got != want {
			t.Errorf("FoldSearch(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOfficerSearchVietnamese: case and diacritics do not matter on either
// database, and the folded names follow renames and older rows.
func TestOfficerSearchVietnamese(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mk := func(name string) roster.Officer {
			o, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: name, Kind: roster.KindLegalAidOfficer, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			return o
		}
		hung, binh, _ := mk("Đặng Quốc Hùng"), mk("Trần Thị Bình"), mk("Nguyễn Văn An")
		find := func(q string) []string {
			list, err := s.ListOfficers(ctx, store.OfficerFilter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, o := range list {
				names = append(names, o.FullName)
			}
			return names
		}
		for _, q := range []string{"Đặng", "đặng", "dang", "DANG", "Dặng", "hùng", "quoc hung", "Quốc  Hùng", "ĐẶNG QUỐC HÙNG"} {
			if got := find(q); !slices.Equal(got, []string{"Đặng Quốc Hùng"}) {
				t.Errorf("search %q: %v", q, got)
			}
		}
		if got := find("thi"); !slices.Equal(got, []string{"Trần Thị Bình"}) {
			t.Errorf("search thi: %v", got)
		}
		if got := find("100%"); len(got) != 0 {
			t.Errorf("search 100%%: %v", got)
		}
		if got := find("_"); len(got) != 0 {
			t.Errorf("search _: %v", got)
		}
		// A rename is found by its new name.
		binh.FullName = "Trần Thị Bích Ngọc"
		if _, err := s.UpdateOfficer(ctx, "test", binh, 0); err != nil {
			t.Fatal(err)
		}
		if got := find("bich ngoc"); !slices.Equal(got, []string{"Trần Thị Bích Ngọc"}) {
			t.Errorf("after the rename: %v", got)
		}
		// Rows from before migration 56 get their folded name at the next start.
		if err := storetest.SQL(t, s).Exec("UPDATE officers SET search_name = '' WHERE id = ?", hung.ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find("dang"); !slices.Equal(got, []string{"Đặng Quốc Hùng"}) {
			t.Errorf("after the fill: %v", got)
		}
	})
}

// TestUsersClosed: the store refuses a disabled user's token and sessions
// and those of a deactivated officer's user, links only officer users,
// and tells when the bootstrap token restores a rotated one.
func TestUsersClosed(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		o, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "An", Kind: roster.KindStaff, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, "test", roster.User{Name: "r", Role: roster.RoleReception, OfficerID: &o.ID}, store.HashToken("r")); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("reception linked to an officer: %v", err)
		}
		u, err := s.CreateUser(ctx, "test", roster.User{Name: "an", Role: roster.RoleOfficer, OfficerID: &o.ID}, store.HashToken("tok"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateWebSession(ctx, "an", u.ID, store.HashToken("c1"), "x", 3600e9); err != nil {
			t.Fatal(err)
		}
		o.Active = false
		if _, err := s.UpdateOfficer(ctx, "test", o, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByTokenHash(ctx, store.HashToken("tok")); roster.ErrorCode(err) != roster.EUnauthorized {
			t.Fatalf("token of a deactivated officer: %v", err)
		}
		if _, _, err := s.WebSession(ctx, store.HashToken("c1")); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("session of a deactivated officer: %v", err)
		}
		o.Active = true
		if _, err := s.UpdateOfficer(ctx, "test", o, 0); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.WebSession(ctx, store.HashToken("c1")); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("a session ended by deactivation comes back: %v", err)
		}
		if _, err := s.CreateWebSession(ctx, "an", u.ID, store.HashToken("c2"), "x", 3600e9); err != nil {
			t.Fatal(err)
		}
		if got, err := s.SetUserDisabled(ctx, "test", u.ID, true); err != nil || !got.Disabled {
			t.Fatalf("disable: %+v %v", got, err)
		}
		if _, err := s.UserByTokenHash(ctx, store.HashToken("tok")); roster.ErrorCode(err) != roster.EUnauthorized {
			t.Fatalf("token of a disabled user: %v", err)
		}
		if _, _, err := s.WebSession(ctx, store.HashToken("c2")); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("session of a disabled user: %v", err)
		}
		if got, _, err := s.UserByName(ctx, "an"); err != nil || !got.Disabled {
			t.Fatalf("by name: %+v %v", got, err)
		}
		if _, err := s.SetUserDisabled(ctx, "test", u.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByTokenHash(ctx, store.HashToken("tok")); err != nil {
			t.Fatalf("token after enabling: %v", err)
		}
		if err := s.DeleteUser(ctx, "test", u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByTokenHash(ctx, store.HashToken("tok")); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("token of a removed user: %v", err)
		}

		// The bootstrap token: made, kept, then restored over a rotation.
		for i, want := range []bool{false, false} {
			if restored, err := s.EnsureAdminToken(ctx, store.HashToken("boot")); err != nil || restored != want {
				t.Fatalf("ensure %d: %v %v", i, restored, err)
			}
		}
		admin, _, err := s.UserByName(ctx, "admin")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RotateUserToken(ctx, "admin", admin.ID, store.HashToken("newer")); err != nil {
			t.Fatal(err)
		}
		if restored, err := s.EnsureAdminToken(ctx, store.HashToken("boot")); err != nil || !restored {
			t.Fatalf("restore over a rotated token: %v %v", restored, err)
		}
	})
}
