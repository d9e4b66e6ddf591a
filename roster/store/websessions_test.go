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

func TestWebSessionLifecycle(t *testing.T) {
	clock := storetest.NewClock(at("2027-01-04", "09:00"))
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		clock.Set(at("2027-01-04", "09:00"))
		ctx := context.Background()
		u, err := s.CreateUser(ctx, "test", roster.User{Name: "lan", Role: roster.RoleManager}, store.HashToken("api"))
		if err != nil {
			t.Fatal(err)
		}
		hash := store.HashToken("cookie-token")
		ws, err := s.CreateWebSession(ctx, "lan", u.ID, hash, "csrf-1", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if !ws.ExpiresAt.Equal(at("2027-01-04", "10:00")) || ws.CSRFToken != "csrf-1" || ws.UserID != u.ID {
			t.Fatalf("created: %+v", ws)
		}
		got, gu, err := s.WebSession(ctx, hash)
		if err != nil || got.CSRFToken != "csrf-1" || gu.Name != "lan" || gu.Role != roster.RoleManager {
			t.Fatalf("lookup: %+v %+v %v", got, gu, err)
		}
		if _, _, err := s.WebSession(ctx, store.HashToken("other")); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("unknown token: %v, want not found", err)
		}

		// Expiry is checked against the store's clock; extending moves it.
		clock.Add(50 * time.Minute)
		exp, err := s.ExtendWebSession(ctx, hash, time.Hour)
		if err != nil || !exp.Equal(at("2027-01-04", "10:50")) {
			t.Fatalf("extend: %v %v", exp, err)
		}
		clock.Add(59 * time.Minute)
		if _, _, err := s.WebSession(ctx, hash); err != nil {
			t.Fatalf("still valid at 10:49: %v", err)
		}
		clock.Add(time.Minute)
		if _, _, err := s.WebSession(ctx, hash); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("expired at 10:50: %v, want not found", err)
		}
		if _, err := s.ExtendWebSession(ctx, hash, time.Hour); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("an expired session cannot be extended: %v", err)
		}
		if n, err := s.PurgeWebSessions(ctx, 24*time.Hour); err != nil || n != 1 {
			t.Fatalf("purge: %d %v, want 1 row", n, err)
		}

		// Sign-out ends one session; a password change ends them all.
		h1, h2 := store.HashToken("a"), store.HashToken("b")
		for _, h := range []string{h1, h2} {
			if _, err := s.CreateWebSession(ctx, "lan", u.ID, h, "c", time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.DeleteWebSession(ctx, "lan", h1); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteWebSession(ctx, "lan", h1); err != nil {
			t.Fatalf("signing out twice: %v", err)
		}
		if _, _, err := s.WebSession(ctx, h1); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("after sign-out: %v", err)
		}
		if n, err := s.DeleteUserWebSessions(ctx, "admin", u.ID); err != nil || n != 1 {
			t.Fatalf("delete all: %d %v, want 1", n, err)
		}
		if _, _, err := s.WebSession(ctx, h2); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("after sign-out everywhere: %v", err)
		}
		// A session of a user who does not exist cannot be made.
		if _, err := s.CreateWebSession(ctx, "x", 9999, store.HashToken("z"), "c", time.Hour); err == nil {
			t.Fatal("session of a missing user was stored")
		}
	})
}

func TestWebSessionLockOut(t *testing.T) {
	clock := &storetest.Clock{}
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		clock.Set(at("2027-01-04", "09:00"))
		ctx := context.Background()
		fail := func() (time.Time, bool) {
			t.Helper()
			until, locked, _, err := s.CountLoginAttempt(ctx, "lan", 5, 15*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return until, locked
		}
		for i := 1; i <= 4; i++ {
			if _, locked := fail(); locked {
				t.Fatalf("locked after %d failures", i)
			}
		}
		if _, locked, _ := s.LoginLockedUntil(ctx, "lan"); locked {
			t.Fatal("locked before the fifth failure")
		}
		until, locked := fail()
		if !locked || !until.Equal(at("2027-01-04", "09:15")) {
			t.Fatalf("fifth failure: locked=%v until %v, want until 09:15", locked, until)
		}
		if u, locked, _ := s.LoginLockedUntil(ctx, "lan"); !locked || !u.Equal(until) {
			t.Fatalf("LoginLockedUntil: %v %v", u, locked)
		}
		if _, locked, _ := s.LoginLockedUntil(ctx, "other"); locked {
			t.Fatal("another name is locked too")
		}
		// Failures while locked do not extend the lock.
		clock.Add(10 * time.Minute)
		if u, locked := fail(); !locked || !u.Equal(until) {
			t.Fatalf("while locked: %v %v", u, locked)
		}
		clock.Add(5 * time.Minute)
		if _, locked, _ := s.LoginLockedUntil(ctx, "lan"); locked {
			t.Fatal("still locked after 15 minutes")
		}
		// After the lock the count starts again.
		if _, locked := fail(); locked {
			t.Fatal("locked by the first failure after a lock")
		}
		// Failures far apart do not add up.
		for i := 0; i < 6; i++ {
			clock.Add(16 * time.Minute)
			if _, locked := fail(); locked {
				t.Fatalf("locked by failures 16 minutes apart (%d)", i)
			}
		}
		// A success resets the count.
		for i := 0; i < 4; i++ {
			fail()
		}
		if err := s.ResetLoginFailures(ctx, "lan"); err != nil {
			t.Fatal(err)
		}
		if _, locked := fail(); locked {
			t.Fatal("locked after a reset and one failure")
		}
	})
}

func TestWebSessionLockOutConcurrent(t *testing.T) {
	clock := storetest.NewClock(at("2027-01-04", "09:00"))
	storetest.ForEach(t, store.Options{Now: clock.Now}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		var mu sync.Mutex
		lockedN, allowedN := 0, 0
		for i := 0; i < 12; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, locked, allowed, err := s.CountLoginAttempt(ctx, "racer", 5, 15*time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if locked {
					lockedN++
				}
				if allowed {
					allowedN++
				}
			}()
		}
		wg.Wait()
		// 4 attempts pass, the fifth locks (and may still check its
		// password), the 7 after it find the lock and are refused.
		if lockedN != 8 || allowedN != 5 {
			t.Fatalf("of 12 concurrent attempts %d saw a lock and %d were allowed, want 8 and 5", lockedN, allowedN)
		}
	})
}
