package api

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"lichtruc/api/pages"
	"lichtruc/roster"
)

// The sign-in cookie and how long its session lasts.
const (
	sessionCookie = pages.SessionCookie
	sessionTTL    = pages.SessionTTL
)

// webClient is a browser for handler tests: it keeps cookies and reads
// the CSRF token of the last page.
type webClient struct {
	t    *testing.T
	h    *harness
	jar  *cookiejar.Jar
	last webResp
	// header is sent with every request (X-Forwarded-For in tests of proxies).
	header http.Header
}

// webResp is a recorded page.
type webResp struct {
	Code     int
	Header   http.Header
	Body     string
	Location string
	Cookies  []*http.Cookie
}

func (h *harness) webBrowser() *webClient {
	jar, _ := cookiejar.New(nil)
	return &webClient{t: h.t, h: h, jar: jar}
}

func (w *webClient) do(method, path string, form url.Values) webResp {
	w.t.Helper()
	path, _, _ = strings.Cut(path, "#") // browsers keep the fragment to themselves
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, testBase+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	u, _ := url.Parse(testBase + path)
	for k, v := range w.header {
		req.Header[k] = v
	}
	for _, ck := range w.jar.Cookies(u) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	w.h.srv.ServeHTTP(rec, req)
	res := rec.Result()
	w.jar.SetCookies(u, res.Cookies())
	r := webResp{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String(), Location: rec.Header().Get("Location"), Cookies: res.Cookies()}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		w.last = r
	}
	return r
}

func (w *webClient) get(path string) webResp { w.t.Helper(); return w.do("GET", path, nil) }

// post sends a form; unless it has a csrf field, the token of the last
// page is added.
func (w *webClient) post(path string, form url.Values) webResp {
	w.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", w.csrf())
	}
	return w.do("POST", path, form)
}

var webCSRFRE = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

// csrf is the form token on the last HTML page.
func (w *webClient) csrf() string {
	m := webCSRFRE.FindStringSubmatch(w.last.Body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// page gets path and checks it is an HTML page with status want.
func (w *webClient) page(want int, path string) string {
	w.t.Helper()
	r := w.get(path)
	webCheckHTML(w.t, r, want)
	return r.Body
}

// login signs in and checks that the answer sends the browser on.
func (w *webClient) login(name, password string) webResp {
	w.t.Helper()
	w.page(200, "/login")
	return w.post("/login", url.Values{"name": {name}, "password": {password}})
}

// webCheckHTML checks status, content type and that the page is complete and
// fully translated.
func webCheckHTML(t *testing.T, r webResp, want int) {
	t.Helper()
	if r.Code != want {
		t.Fatalf("status %d, want %d\n%.3000s", r.Code, want, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Fatalf("Content-Type %q, want text/html; charset=utf-8", ct)
	}
	for _, s := range []string{"<!doctype html>", `<html lang="`, "</html>", `<main id="main"`} {
		if !strings.Contains(r.Body, s) {
			t.Fatalf("page lacks %q:\n%.2000s", s, r.Body)
		}
	}
	if strings.Contains(r.Body, "⟦") || strings.Contains(r.Body, "ZgotmplZ") || strings.Contains(r.Body, "%!") {
		i := strings.IndexAny(r.Body, "⟦%Z")
		t.Fatalf("page has an untranslated key or a template error near: %.200s", r.Body[max(0, i-100):])
	}
	if r.Header.Get("Content-Security-Policy") == "" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("security headers missing: %v", r.Header)
	}
}

// webContains fails unless body holds every string.
func webContains(t *testing.T, body string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Fatalf("page lacks %q:\n%.4000s", s, body)
		}
	}
}

// webUser makes a user with a password and returns its id.
func (h *harness) webUser(name string, role roster.Role, officerID int64, password string) int64 {
	h.t.Helper()
	body := map[string]any{"name": name, "role": role}
	if officerID != 0 {
		body["officer_id"] = officerID
	}
	u := h.must(201, "POST", "/api/v1/users", h.manager, body)
	h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/password", id(u)), h.manager, map[string]any{"password": password})
	return id(u)
}

// webBook makes a duty at TAND-HP on a day of January 2027 (or any
// YYYY-MM-DD day) and returns it.
func (h *harness) webBook(officer int64, day, slot, start, end string, role ...string) map[string]any {
	h.t.Helper()
	body := map[string]any{"site": "TAND-HP", "slot": slot, "officer_id": officer,
		"start": day + "T" + start + ":00+07:00", "end": day + "T" + end + ":00+07:00"}
	if len(role) > 0 {
		body["role"] = role[0]
	}
	return h.must(201, "POST", "/api/v1/assignments", h.manager, body)
}

// webBoardPath is the path of the court site's board, from its board_url.
func (h *harness) webBoardPath(site map[string]any) string {
	return strings.TrimPrefix(site["board_url"].(string), testBase)
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
