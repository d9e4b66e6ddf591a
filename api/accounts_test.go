package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// TestAccountsClose: deactivating an officer and disabling a user end the
// token and the sessions at once; removing a user ends everything of it; a
// manager lifts a lock-out, and a password reset does too.
func TestAccountsClose(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		anUser := h.webUser("an", roster.RoleOfficer, an, "mat-khau-can-bo")
		anTok := h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/token", anUser), h.manager, nil)["token"].(string)
		w := h.webBrowser()
		w.login("an", "mat-khau-can-bo")
		w.page(200, "/me")

		// Deactivating the officer: token and session stop at once.
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, map[string]any{"active": false})
		h.problemCode(h.do("GET", "/api/v1/me", anTok, nil), 401, "", roster.RuleUnauthorized)
		if r := w.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("session of a deactivated officer's user: %d", r.Code)
		}
		if r := w.login("an", "mat-khau-can-bo"); r.Code != http.StatusUnauthorized {
			t.Fatalf("sign-in of a deactivated officer's user: %d", r.Code)
		}
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, map[string]any{"active": true})
		h.must(200, "GET", "/api/v1/me", anTok, nil)

		// Disabling the user: the same; enabling lets the token work again.
		w = h.webBrowser()
		w.login("an", "mat-khau-can-bo")
		w.page(200, "/me")
		u := h.must(200, "PATCH", fmt.Sprintf("/api/v1/users/%d", anUser), h.manager, map[string]any{"disabled": true})
		if u["disabled"] != true {
			t.Fatalf("disabled user: %v", u)
		}
		h.problemCode(h.do("GET", "/api/v1/me", anTok, nil), 401, "", roster.RuleUnauthorized)
		if r := w.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("session of a disabled user: %d", r.Code)
		}
		if r := w.login("an", "mat-khau-can-bo"); r.Code != http.StatusUnauthorized {
			t.Fatalf("sign-in of a disabled user: %d", r.Code)
		}
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/users/%d", anUser), h.manager, map[string]any{"disabled": false})
		h.must(200, "GET", "/api/v1/me", anTok, nil)
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/users/%d", anUser), h.manager, map[string]any{}), 422, "disabled", roster.RuleRequired)
		h.problemCode(h.do("PATCH", "/api/v1/users/9999", h.manager, map[string]any{"disabled": true}), 404, "", "")
		me := h.must(200, "GET", "/api/v1/me", h.manager, nil)
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/users/%d", id(me)), h.manager, map[string]any{"disabled": true}), 422, "disabled", roster.RuleInvalid)
		h.problemCode(h.do("DELETE", fmt.Sprintf("/api/v1/users/%d", id(me)), h.manager, nil), 422, "id", roster.RuleInvalid)

		// Lock-out: five wrong passwords, then a manager unlocks.
		w = h.webBrowser()
		for i := range 5 {
			w.login("an", fmt.Sprintf("sai-%d", i))
		}
		if r := w.login("an", "mat-khau-can-bo"); r.Code != http.StatusTooManyRequests {
			t.Fatalf("locked out: %d", r.Code)
		}
		if m := h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/unlock", anUser), h.manager, nil); m["was_locked"] != true {
			t.Fatalf("unlock: %v", m)
		}
		if r := w.login("an", "mat-khau-can-bo"); r.Code != http.StatusSeeOther {
			t.Fatalf("after unlock: %d", r.Code)
		}
		if m := h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/unlock", anUser), h.manager, nil); m["was_locked"] != false {
			t.Fatalf("unlock of an unlocked user: %v", m)
		}
		// A password reset lifts a lock-out too.
		w = h.webBrowser()
		for i := range 5 {
			w.login("an", fmt.Sprintf("sai-%d", i))
		}
		h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/password", anUser), h.manager, map[string]any{"password": "mat-khau-moi"})
		if r := w.login("an", "mat-khau-moi"); r.Code != http.StatusSeeOther {
			t.Fatalf("after a password reset: %d", r.Code)
		}

		// Removing the user: token, sessions and name go; the audit keeps it.
		w.page(200, "/me")
		if r := h.do("DELETE", fmt.Sprintf("/api/v1/users/%d", anUser), h.manager, nil); r.Code != http.StatusNoContent {
			t.Fatalf("delete user: %d %s", r.Code, r.Body)
		}
		h.problemCode(h.do("GET", "/api/v1/me", anTok, nil), 401, "", roster.RuleUnauthorized)
		if r := w.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("session of a removed user: %d", r.Code)
		}
		h.problemCode(h.do("DELETE", fmt.Sprintf("/api/v1/users/%d", anUser), h.manager, nil), 404, "", "")
		h.webUser("an", roster.RoleOfficer, an, "mat-khau-lai") // the name is free again
		audit := string(h.do("GET", "/api/v1/audit?entity=user", h.manager, nil).Body)
		for _, action := range []string{`"disable"`, `"enable"`, `"unlock"`, `"delete"`, `"reset_password"`} {
			if !strings.Contains(audit, action) {
				t.Errorf("audit lacks %s: %.600s", action, audit)
			}
		}
	})
}

// TestOwnPassword: any user changes their own password with the current
// one; wrong current passwords count towards the lock-out.
func TestOwnPassword(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		anUser := h.webUser("an", roster.RoleOfficer, an, "mat-khau-cu")
		tok := h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/token", anUser), h.manager, nil)["token"].(string)
		w := h.webBrowser()
		w.login("an", "mat-khau-cu")
		w.page(200, "/me")

		h.problemCode(h.do("POST", "/api/v1/me/password", tok, map[string]any{"password": "mat-khau-moi"}), 422, "current_password", roster.RuleRequired)
		h.problemCode(h.do("POST", "/api/v1/me/password", tok, map[string]any{"current_password": "mat-khau-cu", "password": "ngan"}), 422, "password", roster.RuleRange)
		h.problemCode(h.do("POST", "/api/v1/me/password", tok, map[string]any{"current_password": "sai", "password": "mat-khau-moi"}), 422, "current_password", roster.RuleInvalid)
		h.must(200, "POST", "/api/v1/me/password", tok, map[string]any{"current_password": "mat-khau-cu", "password": "mat-khau-moi"})
		if r := w.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("sessions end at a password change: %d", r.Code)
		}
		if r := w.login("an", "mat-khau-cu"); r.Code != http.StatusUnauthorized {
			t.Fatalf("old password: %d", r.Code)
		}
		if r := w.login("an", "mat-khau-moi"); r.Code != http.StatusSeeOther {
			t.Fatalf("new password: %d", r.Code)
		}
		// Guessing the current password is bounded like signing in.
		for range 5 {
			h.do("POST", "/api/v1/me/password", tok, map[string]any{"current_password": "sai", "password": "mat-khau-khac"})
		}
		h.problemCode(h.do("POST", "/api/v1/me/password", tok, map[string]any{"current_password": "mat-khau-moi", "password": "mat-khau-khac"}), 403, "", roster.RuleForbidden)
		h.now = h.now.Add(16 * time.Minute)
		h.must(200, "POST", "/api/v1/me/password", tok, map[string]any{"current_password": "mat-khau-moi", "password": "mat-khau-khac"})
		// A user without a page password cannot set one this way.
		rec := h.user("letan", roster.RoleReception, 0)
		h.problemCode(h.do("POST", "/api/v1/me/password", rec, map[string]any{"current_password": "x", "password": "mat-khau-moi"}), 422, "current_password", roster.RuleInvalid)
	})
}

// TestSignInThrottledPerAddress: one client address trying many names is
// locked out as a whole, whatever the names; X-Forwarded-For counts only
// from a trusted proxy.
func TestSignInThrottledPerAddress(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.webUser("lan", roster.RoleManager, 0, "mat-khau-tot")
		w := h.webBrowser()
		for i := range 20 {
			// Forged X-Forwarded-For headers do not spread the count.
			if r := w.loginFrom(fmt.Sprintf("10.0.0.%d", i), fmt.Sprintf("ten-%d", i), "x"); r.Code != http.StatusUnauthorized && r.Code != http.StatusTooManyRequests {
				t.Fatalf("guess %d: %d", i, r.Code)
			}
		}
		if r := w.login("lan", "mat-khau-tot"); r.Code != http.StatusTooManyRequests {
			t.Fatalf("right password from a locked-out address: %d", r.Code)
		}
		// Another address still signs in.
		h.srv = NewServer(Config{BaseURL: testBase, Loc: testLoc, TrustedProxies: []string{"192.0.2.0/24"}},
			Deps{Store: h.store, Now: func() time.Time { return h.now }, PasswordCost: 4})
		if r := h.webBrowser().loginFrom("198.51.100.7", "lan", "mat-khau-tot"); r.Code != http.StatusSeeOther {
			t.Fatalf("another address behind a trusted proxy: %d", r.Code)
		}
		if _, locked, err := h.store.LoginLockedUntil(t.Context(), store.LoginAddrKey("192.0.2.1")); err != nil || !locked {
			t.Fatalf("the proxy's own address: locked %v, %v", locked, err)
		}
	})
}

// loginFrom signs in with X-Forwarded-For: addr.
func (w *webClient) loginFrom(addr, name, password string) webResp {
	w.t.Helper()
	w.header = http.Header{"X-Forwarded-For": {addr}}
	defer func() { w.header = nil }()
	return w.login(name, password)
}
