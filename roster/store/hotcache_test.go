package store_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestHotCacheTwoReplicas opens two stores on one database (a SQLite file,
// a PostgreSQL schema) and checks that what one writes, the other's cached
// reads — the token's user, the duty lookup, the feed lookup — see at
// once, while a read that nothing has changed since is one statement.
func TestHotCacheTwoReplicas(t *testing.T) {
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			ctx := context.Background()
			var n atomic.Int64
			open := func(opt store.Options) *store.Store {
				opt.Loc = storetest.Loc
				s, err := store.Open(ctx, dsn, opt)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			a := open(store.Options{})
			b := open(counted(&n))
			rulesOff(t, a)
			site, an, binh := seed(t, a)
			loc := storetest.Loc
			at := func(hh, mm int) time.Time { return time.Date(2027, 1, 4, hh, mm, 0, 0, loc) }
			onDuty := func(when time.Time) []string {
				t.Helper()
				d, err := b.DutyAt(ctx, site.Code, when)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, x := range d.OnDuty {
					names = append(names, d.Officers[x.OfficerID].FullName+" "+d.Officers[x.OfficerID].Phone)
				}
				return names
			}
			statements := func(what string, want int64, fn func()) {
				t.Helper()
				n.Store(0)
				fn()
				if got := n.Load(); got != want {
					t.Errorf("%s ran %d statements, want %d", what, got, want)
				}
			}

			// The duty lookup.
			first, err := a.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: an.ID, Role: roster.Primary, Start: at(7, 30), End: at(11, 30)})
			if err != nil {
				t.Fatal(err)
			}
			statements("a cold duty lookup", 1, func() {
				if got := onDuty(at(9, 0)); !slices.Equal(got, []string{"Nguyễn Văn An "}) {
					t.Fatalf("on duty: %q", got)
				}
			})
			statements("a cached duty lookup", 1, func() {
				if got := onDuty(at(9, 40)); !slices.Equal(got, []string{"Nguyễn Văn An "}) {
					t.Fatalf("on duty: %q", got)
				}
			})
			if got := onDuty(at(11, 45)); len(got) != 0 { // same window, after its end
				t.Fatalf("on duty after the end: %q", got)
			}
			an.Phone = "0901 234 567"
			if an, err = a.UpdateOfficer(ctx, "test", an, an.Version); err != nil {
				t.Fatal(err)
			}
			if got := onDuty(at(9, 41)); !slices.Equal(got, []string{"Nguyễn Văn An 0901 234 567"}) {
				t.Fatalf("after the other replica changed the phone: %q", got)
			}
			if _, err := a.CancelAssignment(ctx, "test", first.ID, 0); err != nil {
				t.Fatal(err)
			}
			if got := onDuty(at(9, 42)); len(got) != 0 {
				t.Fatalf("after the other replica cancelled: %q", got)
			}
			if _, err := a.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: binh.ID, Role: roster.Primary, Start: at(9, 0), End: at(10, 0)}); err != nil {
				t.Fatal(err)
			}
			if got := onDuty(at(9, 43)); !slices.Equal(got, []string{"Trần Thị Bình "}) {
				t.Fatalf("after the other replica booked: %q", got)
			}

			// The token's user.
			u, err := a.CreateUser(ctx, "test", roster.User{Name: "reception", Role: roster.RoleReception}, store.HashToken("old-token"))
			if err != nil {
				t.Fatal(err)
			}
			statements("a cold token lookup", 1, func() {
				if got, err := b.UserByTokenHash(ctx, store.HashToken("old-token")); err != nil || got.ID != u.ID {
					t.Fatalf("user: %+v %v", got, err)
				}
			})
			statements("a cached token lookup", 1, func() {
				if got, err := b.UserByTokenHash(ctx, store.HashToken("old-token")); err != nil || got.ID != u.ID || got.Name != "reception" {
					t.Fatalf("user: %+v %v", got, err)
				}
			})
			if err := a.RotateUserToken(ctx, "test", u.ID, store.HashToken("new-token")); err != nil {
				t.Fatal(err)
			}
			if _, err := b.UserByTokenHash(ctx, store.HashToken("old-token")); roster.ErrorCode(err) != roster.ENotFound {
				t.Fatalf("the rotated token still names a user: %v", err)
			}
			if got, err := b.UserByTokenHash(ctx, store.HashToken("new-token")); err != nil || got.ID != u.ID {
				t.Fatalf("new token: %+v %v", got, err)
			}
			if _, err := a.SetUserDisabled(ctx, "test", u.ID, true); err != nil {
				t.Fatal(err)
			}
			if _, err := b.UserByTokenHash(ctx, store.HashToken("new-token")); roster.ErrorCode(err) != roster.EUnauthorized {
				t.Fatalf("the other replica disabled the user, yet its token: %v", err)
			}

			// The feed lookup.
			token := store.FeedToken(an.ID, an.FeedSecret)
			if _, err := b.OfficerFeedLookup(ctx, token); err != nil {
				t.Fatal(err)
			}
			statements("a cached feed lookup", 1, func() {
				if l, err := b.OfficerFeedLookup(ctx, token); err != nil || l.ID != an.ID {
					t.Fatalf("feed: %+v %v", l, err)
				}
			})
			if _, err := b.OfficerFeedLookup(ctx, store.FeedToken(an.ID, "wrong-secret-wrong-secret")); roster.ErrorCode(err) != roster.ENotFound {
				t.Fatalf("a wrong secret with a cached feed: %v", err)
			}
			rotated, err := a.RotateOfficerFeed(ctx, "test", an.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.OfficerFeedLookup(ctx, token); roster.ErrorCode(err) != roster.ENotFound {
				t.Fatalf("the old feed token still works after the other replica rotated it: %v", err)
			}
			if l, err := b.OfficerFeedLookup(ctx, store.FeedToken(an.ID, rotated.FeedSecret)); err != nil || l.ID != an.ID {
				t.Fatalf("new feed token: %+v %v", l, err)
			}
		})
	}
}

// TestWithChangeMark checks that one request reads the mark once for all
// its cached reads, and sees its own writes.
func TestWithChangeMark(t *testing.T) {
	var n atomic.Int64
	storetest.ForEach(t, counted(&n), func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rulesOff(t, s)
		site, an, _ := seed(t, s)
		loc := storetest.Loc
		T := time.Date(2027, 1, 4, 9, 0, 0, 0, loc)
		x, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: an.ID, Role: roster.Primary, Start: T.Add(-time.Hour), End: T.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, "test", roster.User{Name: "desk", Role: roster.RoleReception}, store.HashToken("desk")); err != nil {
			t.Fatal(err)
		}
		lookup := func(ctx context.Context) int {
			t.Helper()
			if _, err := s.UserByTokenHash(ctx, store.HashToken("desk")); err != nil {
				t.Fatal(err)
			}
			d, err := s.DutyAt(ctx, site.Code, T)
			if err != nil {
				t.Fatal(err)
			}
			return len(d.OnDuty)
		}
		n.Store(0)
		if got := lookup(store.WithChangeMark(ctx)); got != 1 {
			t.Fatalf("on duty: %d", got)
		}
		if got := n.Load(); got != 2 {
			t.Errorf("a cold request ran %d statements, want 2 (the token, the duty)", got)
		}
		req := store.WithChangeMark(ctx)
		n.Store(0)
		if got := lookup(req); got != 1 {
			t.Fatalf("on duty: %d", got)
		}
		if got := n.Load(); got != 1 {
			t.Errorf("a warm request ran %d statements, want 1 (the mark)", got)
		}
		if _, err := s.CancelAssignment(req, "test", x.ID, 0); err != nil {
			t.Fatal(err)
		}
		if got := lookup(req); got != 0 {
			t.Fatalf("the request does not see its own cancellation: %d on duty", got)
		}
	})
}
