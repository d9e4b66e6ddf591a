package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store/storetest"
)

func TestLoginFlow(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.webUser("lan", roster.RoleManager, 0, "mật-khẩu-tốt")
		w := h.webBrowser()

		// Pages that need a session send the browser to sign in, and back.
		r := w.get("/manage/sites/TAND-HP?month=2027-01")
		if r.Code != http.StatusSeeOther || r.Location != "/login?next="+url.QueryEscape("/manage/sites/TAND-HP?month=2027-01") {
			t.Fatalf("anonymous /manage: %d %q", r.Code, r.Location)
		}
		if r := w.get("/me"); r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Fatalf("anonymous /me: %d %q", r.Code, r.Location)
		}
		if r := w.get("/"); r.Code != http.StatusSeeOther || r.Location != "/login" {
			t.Fatalf("anonymous /: %d %q", r.Code, r.Location)
		}

		body := w.page(200, "/login?next=%2Fmanage%2Fsites%2FTAND-HP")
		webContains(t, body, `<html lang="vi">`, "Đăng nhập", `autocomplete="current-password"`, `<label for="password">`, `name="csrf"`,
			`value="/manage/sites/TAND-HP"`)

		// Wrong password: 401, the form again, no session.
		r = w.post("/login", url.Values{"name": {"lan"}, "password": {"sai"}, "next": {"/manage/sites/TAND-HP"}})
		webCheckHTML(t, r, http.StatusUnauthorized)
		webContains(t, r.Body, "Sai tên đăng nhập hoặc mật khẩu.", `value="lan"`)
		for _, ck := range r.Cookies {
			if ck.Name == sessionCookie && ck.Value != "" {
				t.Fatal("a failed sign-in set a session cookie")
			}
		}

		// Right password: a session cookie HttpOnly, Secure (https base), Lax, and back to next.
		r = w.post("/login", url.Values{"name": {"lan"}, "password": {"mật-khẩu-tốt"}, "next": {"/manage/sites/TAND-HP"}})
		if r.Code != http.StatusSeeOther || r.Location != "/manage/sites/TAND-HP" {
			t.Fatalf("sign-in: %d %q\n%s", r.Code, r.Location, r.Body)
		}
		var session *http.Cookie
		for _, ck := range r.Cookies {
			if ck.Name == sessionCookie {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || !session.Secure || session.SameSite != http.SameSiteLaxMode || session.Path != "/" || len(session.Value) < 40 {
			t.Fatalf("session cookie: %+v", session)
		}
		// Only the hash of the token is stored.
		var stored int64
		storetest.SQL(t, h.store).Raw("SELECT COUNT(*) FROM web_sessions WHERE token_hash = ?", session.Value).Scan(&stored)
		if stored != 0 {
			t.Fatal("the raw session token is stored in the database")
		}
		body = w.page(200, "/manage/sites/TAND-HP")
		webContains(t, body, "Tòa án nhân dân thành phố Hải Phòng", "Đăng xuất")
		if r := w.get("/"); r.Location != "/manage" {
			t.Fatalf("signed-in manager at /: %q", r.Location)
		}
		if r := w.get("/login"); r.Code != http.StatusSeeOther || r.Location != "/" {
			t.Fatalf("signed-in /login: %d %q", r.Code, r.Location)
		}
		// The session lives in the database: another replica (a second
		// Server on the same database) knows it.
		replica := NewServer(Config{BaseURL: testBase, Loc: testLoc}, Deps{Store: h.store, Now: func() time.Time { return h.now }})
		req, _ := http.NewRequest("GET", testBase+"/manage", nil)
		req.AddCookie(session)
		rec := newRecorder()
		replica.ServeHTTP(rec, req)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Quản lý lịch trực") {
			t.Fatalf("replica: %d", rec.Code)
		}

		// Sign out needs the form token; then the session is gone everywhere.
		if r := w.post("/logout", url.Values{"csrf": {"forged"}}); r.Code != http.StatusForbidden {
			t.Fatalf("logout without the token: %d", r.Code)
		}
		w.page(200, "/manage")
		r = w.post("/logout", nil)
		if r.Code != http.StatusSeeOther || r.Location != "/login?msg=signed_out" {
			t.Fatalf("logout: %d %q", r.Code, r.Location)
		}
		webContains(t, w.page(200, "/login?msg=signed_out"), "Bạn đã đăng xuất.")
		if r := w.get("/manage"); r.Code != http.StatusSeeOther {
			t.Fatalf("after sign-out /manage: %d", r.Code)
		}
		rec = newRecorder()
		replica.ServeHTTP(rec, req)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("after sign-out the replica still knows the session: %d", rec.Code)
		}

		// A session expires after its time, by the server's clock.
		w2 := h.webBrowser()
		w2.login("lan", "mật-khẩu-tốt")
		w2.page(200, "/manage")
		h.now = h.now.Add(sessionTTL + time.Minute)
		if r := w2.get("/manage"); r.Code != http.StatusSeeOther {
			t.Fatalf("expired session: %d", r.Code)
		}
	})
}

func TestLoginCSRF(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.webUser("lan", roster.RoleManager, 0, "mật-khẩu-tốt")
		w := h.webBrowser()
		// No form token, or one that is not the cookie's: 403, no session.
		r := w.do("POST", "/login", url.Values{"name": {"lan"}, "password": {"mật-khẩu-tốt"}})
		webCheckHTML(t, r, http.StatusForbidden)
		webContains(t, r.Body, "Biểu mẫu đã hết hạn")
		w.page(200, "/login")
		r = w.post("/login", url.Values{"name": {"lan"}, "password": {"mật-khẩu-tốt"}, "csrf": {"not-the-cookie"}})
		if r.Code != http.StatusForbidden {
			t.Fatalf("login with a forged token: %d", r.Code)
		}
		if r := w.login("lan", "mật-khẩu-tốt"); r.Code != http.StatusSeeOther {
			t.Fatalf("login with the token: %d", r.Code)
		}
	})
}

func TestLoginLockOut(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.webUser("lan", roster.RoleManager, 0, "mật-khẩu-tốt")
		w := h.webBrowser()
		for i := 1; i <= 4; i++ {
			if r := w.login("lan", fmt.Sprintf("sai-%d", i)); r.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, r.Code)
			}
		}
		r := w.login("lan", "sai-5")
		webCheckHTML(t, r, http.StatusTooManyRequests)
		webContains(t, r.Body, "Đăng nhập sai quá nhiều lần", "09:15")
		// Locked: even the right password is refused for 15 minutes.
		h.now = h.now.Add(14 * time.Minute)
		if r := w.login("lan", "mật-khẩu-tốt"); r.Code != http.StatusTooManyRequests {
			t.Fatalf("right password while locked: %d", r.Code)
		}
		h.now = h.now.Add(time.Minute)
		if r := w.login("lan", "mật-khẩu-tốt"); r.Code != http.StatusSeeOther || r.Location != "/manage" {
			t.Fatalf("after the lock: %d %q", r.Code, r.Location)
		}
		// Unknown names are counted like known ones: no hint which exist.
		w2 := h.webBrowser()
		for i := 1; i <= 4; i++ {
			if r := w2.login("nobody", "x"); r.Code != http.StatusUnauthorized {
				t.Fatalf("unknown name %d: %d", i, r.Code)
			}
		}
		if r := w2.login("nobody", "x"); r.Code != http.StatusTooManyRequests {
			t.Fatalf("unknown name, fifth try: %d", r.Code)
		}
		// Empty fields are not counted.
		if r := w2.login("lan", ""); r.Code != http.StatusUnprocessableEntity {
			t.Fatalf("empty password: %d", r.Code)
		}
	})
}

func TestWebPasswordAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		o := h.officer("An")
		u := h.must(201, "POST", "/api/v1/users", h.manager, map[string]any{"name": "an", "role": "officer", "officer_id": o})
		path := fmt.Sprintf("/api/v1/users/%d/password", id(u))
		h.problem(h.do("POST", path, h.manager, map[string]any{"password": "ngắn"}), 422, "password")
		h.problem(h.do("POST", path, h.manager, map[string]any{}), 422, "password")
		h.problem(h.do("POST", path, h.manager, map[string]any{"password": strings.Repeat("x", 73)}), 422, "password")
		h.problem(h.do("POST", path, h.manager, map[string]any{"pass": "x"}), 400, "pass")
		h.problem(h.do("POST", "/api/v1/users/999/password", h.manager, map[string]any{"password": "đủ-dài-rồi"}), 404, "")
		h.problem(h.do("POST", path, u["token"].(string), map[string]any{"password": "đủ-dài-rồi"}), 403, "")
		h.problem(h.do("POST", path, "", map[string]any{"password": "đủ-dài-rồi"}), 401, "")
		if m := h.must(200, "POST", path, h.manager, map[string]any{"password": "đủ-dài-rồi"}); m["name"] != "an" || m["token"] != nil {
			t.Fatalf("set password: %v", m)
		}
		_, hash, err := h.store.UserByName(t.Context(), "an")
		if err != nil || !strings.HasPrefix(hash, "$2") {
			t.Fatalf("stored hash %q: %v", hash, err)
		}
		// Setting a new password signs the user out everywhere.
		w := h.webBrowser()
		w.login("an", "đủ-dài-rồi")
		w.page(200, "/me")
		h.must(200, "POST", path, h.manager, map[string]any{"password": "mật-khẩu-mới"})
		if r := w.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("old session after a password change: %d", r.Code)
		}
		if r := w.login("an", "đủ-dài-rồi"); r.Code != http.StatusUnauthorized {
			t.Fatalf("old password: %d", r.Code)
		}
		if r := w.login("an", "mật-khẩu-mới"); r.Code != http.StatusSeeOther || r.Location != "/me" {
			t.Fatalf("new password: %d %q", r.Code, r.Location)
		}
	})
}
