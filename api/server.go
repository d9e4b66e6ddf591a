package api

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/api/pages"
	"lichtruc/api/request"
	"lichtruc/logredact"
	"lichtruc/metrics"
	"lichtruc/roster/store"
)

// Config is what the HTTP layer needs to know of the service's settings.
type Config struct {
	BaseURL string         // absolute URL for feed and board links, no trailing slash
	Loc     *time.Location // the service's time zone
	Version string         // build version, for /healthz and pages
	// TrustedProxies are the addresses or CIDRs of the reverse proxies
	// whose X-Forwarded-For names the client (LICHTRUC_TRUSTED_PROXIES);
	// none by default, so no client can forge its address.
	TrustedProxies []string
	// MetricsToken, when set, lets a scraper that sends it as a bearer
	// token read /metrics (LICHTRUC_METRICS_TOKEN).
	MetricsToken string
	// MetricsAllow are the addresses that may read /metrics without a
	// token (LICHTRUC_METRICS_ALLOW). With neither set, only loopback may.
	MetricsAllow []netip.Prefix
}

// Server is lichtruc's HTTP handler.
type Server struct {
	store   *store.Store
	cfg     Config
	log     *slog.Logger
	now     func() time.Time
	handler http.Handler
	feeds   feedCache
	pages   *pages.Server
	metrics *metrics.Metrics // nil: nothing recorded, no /metrics
	// passwordCost is the bcrypt cost of password hashes.
	passwordCost int
	// passwords bounds bcrypt work, shared with the pages.
	passwords *request.Passwords
}

// Deps are the dependencies of a Server.
type Deps struct {
	Store  *store.Store
	Logger *slog.Logger
	Now    func() time.Time // nil: time.Now
	// PasswordCost is the bcrypt cost of password hashes; 0 is
	// bcrypt.DefaultCost. Tests use bcrypt.MinCost.
	PasswordCost int
	// PasswordSlots is how many bcrypt hashes or checks may run at once;
	// 0 is half the cores (at least one).
	PasswordSlots int
	// Metrics records requests and feed cache hits and is served at
	// /metrics; nil leaves both out.
	Metrics *metrics.Metrics
}

// NewServer builds the handler with every route of routes.go.
func NewServer(cfg Config, deps Deps) *Server {
	if cfg.Loc == nil {
		cfg.Loc = time.UTC
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s := &Server{store: deps.Store, cfg: cfg, log: deps.Logger, now: deps.Now, metrics: deps.Metrics}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.log = slog.New(logredact.Handler(s.log.Handler()))
	if s.now == nil {
		s.now = time.Now
	}
	s.passwordCost = deps.PasswordCost
	if s.passwordCost == 0 {
		s.passwordCost = bcrypt.DefaultCost
	}
	s.passwords = request.NewPasswords(s.passwordCost, deps.PasswordSlots)
	s.pages = s.newPages(s.passwordCost)
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		// Config checks the list; a bad one here trusts nobody.
		s.log.Error("trusted proxies", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	pagesFail := s.pages.Handlers().Error
	r.Use(s.measure, s.logRequests, s.recover, s.secureHeaders, request.Clean(func(c *gin.Context, err error) {
		if isPagePath(c.Request.URL.Path) {
			pagesFail(c, err)
			return
		}
		s.fail(c, err)
	}))
	s.routes(r)
	s.handler = r
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// measure records each request's route pattern, status and duration in
// the metrics (requests no route matched count as route "unmatched").
func (s *Server) measure(c *gin.Context) {
	if s.metrics == nil {
		c.Next()
		return
	}
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	s.metrics.Request(route, c.Request.Method, c.Writer.Status(), time.Since(start))
}

// logRequests logs one line per request; the secrets of board and feed
// paths are redacted (logredact). A client that hung up is not an error.
func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	gone := c.Request.Context().Err() != nil
	if c.Writer.Status() >= 500 && !gone {
		level = slog.LevelError
	}
	attrs := []any{"method", c.Request.Method, "path", logredact.Secrets(c.Request.URL.Path), "status", c.Writer.Status(),
		"bytes", c.Writer.Size(), "duration_ms", float64(time.Since(start).Microseconds()) / 1000, "remote", c.ClientIP()}
	if gone {
		attrs = append(attrs, "client_gone", true)
	}
	if request.SignedIn(c) {
		attrs = append(attrs, "user", request.Actor(c))
	}
	s.log.Log(c.Request.Context(), level, "request", attrs...)
}

// recover turns a panic into a 500 problem and a log line.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "path", c.Request.URL.Path, "panic", v)
			writeProblem(c, Problem{Type: "urn:lichtruc:problem:internal", Title: "Internal Server Error", Status: 500, Detail: "internal error"})
		}
	}()
	c.Next()
}

// secureHeaders: no answer is sniffed into another type, and no API
// answer (tokens, feed and board URLs) is kept in a cache.
func (s *Server) secureHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
	c.Next()
}

// isPagePath reports whether path is a web page (answered in HTML) rather
// than the API, a feed or /healthz.
func isPagePath(path string) bool {
	for _, p := range []string{"/api/", "/ical/", "/healthz", "/metrics", "/static/"} {
		if strings.HasPrefix(path, p) {
			return false
		}
	}
	return true
}

// now returns the current time in the service's zone.
func (s *Server) nowLocal() time.Time { return s.now().In(s.cfg.Loc) }
