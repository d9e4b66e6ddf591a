package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// syncBuffer is a log sink for handlers running in parallel.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// logged gives h a server that logs to the returned buffer, trusting proxies.
func (h *harness) logged(proxies ...string) *syncBuffer {
	var buf syncBuffer
	h.srv = NewServer(Config{BaseURL: testBase, Loc: testLoc, Version: "test", TrustedProxies: proxies},
		Deps{Store: h.store, Now: func() time.Time { return h.now }, PasswordCost: bcrypt.MinCost,
			Logger: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	return &buf
}

// TestSecretsStaySecret: request logs carry no board or feed secret;
// answers with tokens or secret URLs are never cached; JSON is nosniff; the
// client address comes from X-Forwarded-For only behind a trusted proxy.
func TestSecretsStaySecret(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		logs := h.logged()
		site := h.courtSite()
		an := h.officer("Nguyễn Văn An")
		o := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)
		feed := strings.TrimPrefix(o["feed_url"].(string), testBase)
		board := strings.TrimPrefix(site["board_url"].(string), testBase)
		siteFeed := strings.TrimPrefix(site["feed_url"].(string), testBase)
		for _, p := range []string{feed, board, board + "/print", siteFeed, "/board/1-wrongsecret"} {
			if r := h.do("GET", p, "", nil, "X-Forwarded-For", "203.0.113.9"); r.Code >= 500 {
				t.Fatalf("GET %s: %d", p, r.Code)
			}
		}
		out := logs.String()
		for _, p := range []string{feed, board, siteFeed} {
			secret := p[strings.LastIndex(p, "-")+1:]
			secret = strings.TrimSuffix(secret, ".ics")
			if strings.Contains(out, secret) {
				t.Errorf("the log holds the secret of %s:\n%s", p, out)
			}
		}
		if !strings.Contains(out, fmt.Sprintf(`"path":"/board/%d-<redacted>"`, id(site))) {
			t.Errorf("the board request is not logged with its id: %s", out)
		}
		if strings.Contains(out, "wrongsecret") {
			t.Errorf("a wrong secret is logged too: %s", out)
		}
		// An untrusted X-Forwarded-For is not the client's address.
		if strings.Contains(out, "203.0.113.9") || !strings.Contains(out, `"remote":"192.0.2.1"`) {
			t.Errorf("X-Forwarded-For from an untrusted client is believed: %s", out)
		}
		logs = h.logged("192.0.2.1")
		h.do("GET", "/healthz", "", nil, "X-Forwarded-For", "203.0.113.9")
		if !strings.Contains(logs.String(), `"remote":"203.0.113.9"`) {
			t.Errorf("X-Forwarded-For from a trusted proxy is ignored: %s", logs.String())
		}

		// Answers with tokens and secret URLs are no-store; JSON is nosniff.
		for _, r := range []response{
			h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "letan", "role": "reception"}),
			h.do("GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil),
			h.do("POST", fmt.Sprintf("/api/v1/officers/%d/feed-secret", an), h.manager, nil),
			h.do("GET", "/api/v1/sites/TAND-HP", h.manager, nil),
			h.do("POST", "/api/v1/sites/TAND-HP/secrets", h.manager, nil),
			h.do("GET", "/api/v1/sites/NONE", h.manager, nil),
		} {
			if r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("answer %d %.80s: Cache-Control %q, X-Content-Type-Options %q", r.Code, r.Body, r.Header.Get("Cache-Control"), r.Header.Get("X-Content-Type-Options"))
			}
		}
		if r := h.do("GET", "/healthz", "", nil); r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("/healthz without nosniff")
		}
	})
}

// TestClientHangUp: a request whose client has gone is logged as such,
// not as an ERROR with status 503.
func TestClientHangUp(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		logs := h.logged()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for _, p := range []string{"/api/v1/sites", "/healthz", "/login"} {
			req := httptest.NewRequest("GET", p, nil).WithContext(ctx)
			req.Header.Set("Authorization", "Bearer "+h.manager)
			rec := httptest.NewRecorder()
			h.srv.ServeHTTP(rec, req)
		}
		out := logs.String()
		if strings.Contains(out, `"level":"ERROR"`) || strings.Contains(out, `"status":503`) {
			t.Errorf("a client hanging up is logged as an error:\n%s", out)
		}
		if !strings.Contains(out, `"client_gone":true`) {
			t.Errorf("the hang-up is not logged:\n%s", out)
		}
	})
}
