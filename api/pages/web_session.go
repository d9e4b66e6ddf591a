package pages

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Web sign-in: a random token in an HttpOnly cookie names a session stored
// (hashed) in the database, so any replica can answer; each session has a
// CSRF token that every form sends back in a hidden field.
const (
	sessionCookie    = "lt_session"
	loginCSRFCookie  = "lt_login" // the sign-in form's token, before there is a session
	sessionTTL       = 7 * 24 * time.Hour
	loginMaxFailures = 5
	loginLockFor     = 15 * time.Minute
	// One client address may fail this many sign-ins in a row, whatever
	// names it tries, before it is locked out for loginLockFor.
	loginMaxAddrFailures = 20
	ctxWebSession        = "lichtruc.websession"
	csrfField            = "csrf"
	maxFormBytes         = 64 << 10
)

// webSessionCtx is the signed-in browser of a request.
type webSessionCtx struct {
	store.WebSession
	TokenHash string
}

func webSessionOf(c *gin.Context) (webSessionCtx, bool) {
	v, ok := c.Get(ctxWebSession)
	if !ok {
		return webSessionCtx{}, false
	}
	ws, ok := v.(webSessionCtx)
	return ws, ok
}

// webSecureCookies reports whether cookies get the Secure flag: when the
// service is reached over https.
func (s *Server) webSecureCookies() bool { return strings.HasPrefix(s.cfg.BaseURL, "https://") }

func (s *Server) webSetSessionCookie(c *gin.Context, token string, expires time.Time) {
	http.SetCookie(c.Writer, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: int(expires.Sub(s.now()).Seconds()),
		HttpOnly: true, Secure: s.webSecureCookies(), SameSite: http.SameSiteLaxMode})
}

func (s *Server) webClearCookie(c *gin.Context, name, path string) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: "", Path: path, MaxAge: -1, HttpOnly: true,
		Secure: s.webSecureCookies(), SameSite: http.SameSiteLaxMode})
}

// webSession loads the session named by the cookie, if any, and makes its
// user the caller. It never refuses a request: webSignedIn does. A session
// past half its life is extended, so people who use the pages every week
// stay signed in.
func (s *Server) webSession(c *gin.Context) {
	token, err := c.Cookie(sessionCookie)
	if err != nil || token == "" {
		c.Next()
		return
	}
	hash := store.HashToken(token)
	ws, u, err := s.store.WebSession(c.Request.Context(), hash)
	switch {
	case roster.ErrorCode(err) == roster.ENotFound:
		s.webClearCookie(c, sessionCookie, "/")
		c.Next()
		return
	case err != nil:
		s.webError(c, err)
		return
	}
	if ws.ExpiresAt.Sub(s.now()) < sessionTTL/2 {
		if exp, err := s.store.ExtendWebSession(c.Request.Context(), hash, sessionTTL); err == nil {
			ws.ExpiresAt = exp
			s.webSetSessionCookie(c, token, exp)
		}
	}
	request.SetCaller(c, u)
	c.Set(ctxWebSession, webSessionCtx{WebSession: ws, TokenHash: hash})
	c.Next()
}

// webSignedIn sends a browser without a session to the sign-in page,
// which brings it back here afterwards.
func (s *Server) webSignedIn(c *gin.Context) {
	if _, ok := webSessionOf(c); ok {
		c.Next()
		return
	}
	next := c.Request.URL.Path
	if c.Request.Method == http.MethodGet && c.Request.URL.RawQuery != "" {
		next += "?" + c.Request.URL.RawQuery
	}
	webRedirect(c, "/login?next="+url.QueryEscape(next), "")
}

// webRequireRole lets only the given roles through; others see a 403 page.
func (s *Server) webRequireRole(roles ...roster.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		u := caller(c)
		if slices.Contains(roles, u.Role) {
			c.Next()
			return
		}
		s.webError(c, roster.Errorf(roster.EForbidden, "role %s may not open %s", u.Role, c.Request.URL.Path))
	}
}

// webCSRF checks the form token of every POST against the session's.
func (s *Server) webCSRF(c *gin.Context) {
	if c.Request.Method != http.MethodPost {
		c.Next()
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBytes)
	ws, ok := webSessionOf(c)
	if !ok || !webSameToken(c.PostForm(csrfField), ws.CSRFToken) {
		s.webCSRFFailed(c)
		return
	}
	if err := request.CleanForm(c); err != nil {
		s.webError(c, err)
		return
	}
	c.Next()
}

func (s *Server) webCSRFFailed(c *gin.Context) {
	p := s.webPage(c, "")
	p.Title = p.L.T("error.title")
	p.Error = p.L.T("error.csrf")
	s.webRender(c, http.StatusForbidden, "error", p)
	c.Abort()
}

// webSameToken compares a submitted token with the expected one in constant
// time; an empty token never matches.
func webSameToken(got, want string) bool {
	return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// webSafeNext keeps a post-sign-in destination only if it is a path on this
// site (never //host or a scheme), else the start page.
func webSafeNext(next string) string {
	// Browsers drop tabs and newlines from URLs, so "/\t/evil.example"
	// would become "//evil.example": refuse every control character.
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsFunc(next, unicode.IsControl) {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}

// webHome sends people to their start page.
func (s *Server) webHome(c *gin.Context) {
	if _, ok := webSessionOf(c); !ok {
		webRedirect(c, "/login", "")
		return
	}
	if caller(c).Role == roster.RoleManager {
		webRedirect(c, "/manage", "")
		return
	}
	webRedirect(c, "/me", "")
}

type webLoginView struct {
	Name string
	Next string
	// NoManager: no manager has a password yet, so the page says how to
	// make the first one from the command line.
	NoManager bool
}

// webLoginPage shows the sign-in form with a fresh form token.
func (s *Server) webLoginPage(c *gin.Context) {
	if _, ok := webSessionOf(c); ok {
		webRedirect(c, webSafeNext(c.Query("next")), "")
		return
	}
	s.webRenderLogin(c, http.StatusOK, webLoginView{Next: webSafeNext(c.Query("next"))}, "")
}

func (s *Server) webRenderLogin(c *gin.Context, status int, v webLoginView, errKey string, args ...any) {
	token := store.NewSecret()
	http.SetCookie(c.Writer, &http.Cookie{Name: loginCSRFCookie, Value: token, Path: "/login", MaxAge: 3600, HttpOnly: true,
		Secure: s.webSecureCookies(), SameSite: http.SameSiteLaxMode})
	noManager, err := s.webNoManagerPassword(c.Request.Context())
	if err != nil {
		s.webError(c, err)
		return
	}
	v.NoManager = noManager
	p := s.webPage(c, "")
	p.Title = p.L.T("login.title")
	p.CSRF = token
	p.Data = v
	if errKey != "" {
		p.Error = p.L.Tf(errKey, args...)
	}
	s.webRender(c, status, "login", p)
}

// webLogin checks a name and password. Five failures in a row lock the
// name for 15 minutes (counted in the database, across replicas); unknown
// names are counted and timed like known ones, so the answers do not tell
// which names exist.
func (s *Server) webLogin(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxFormBytes)
	ctx := c.Request.Context()
	v := webLoginView{Name: strings.TrimSpace(c.PostForm("name")), Next: webSafeNext(c.PostForm("next"))}
	if ck, err := c.Cookie(loginCSRFCookie); err != nil || !webSameToken(c.PostForm(csrfField), ck) {
		s.webRenderLogin(c, http.StatusForbidden, v, "error.csrf")
		return
	}
	if err := request.CleanForm(c); err != nil {
		s.webError(c, err)
		return
	}
	password := c.PostForm("password")
	if v.Name == "" || password == "" || len(v.Name) > 100 {
		s.webRenderLogin(c, http.StatusUnprocessableEntity, v, "login.missing")
		return
	}
	l := s.webPageLang(c)
	// The attempt is counted before the password is checked, so guesses
	// sent in parallel cannot all get past the lock-out.
	addrKey := store.LoginAddrKey(c.ClientIP())
	aUntil, aLocked, aAllowed, err := s.store.CountLoginAttempt(ctx, addrKey, loginMaxAddrFailures, loginLockFor)
	if err != nil {
		s.webError(c, err)
		return
	}
	if !aAllowed {
		s.webRenderLogin(c, http.StatusTooManyRequests, v, "login.locked", l.When(aUntil.In(s.cfg.Loc)))
		return
	}
	until, locked, allowed, err := s.store.CountLoginAttempt(ctx, v.Name, loginMaxFailures, loginLockFor)
	if err != nil {
		s.webError(c, err)
		return
	}
	if aLocked && (!locked || aUntil.After(until)) {
		until, locked = aUntil, true
	}
	if !allowed {
		s.webRenderLogin(c, http.StatusTooManyRequests, v, "login.locked", l.When(until.In(s.cfg.Loc)))
		return
	}
	u, hash, err := s.store.UserByName(ctx, v.Name)
	if err != nil && roster.ErrorCode(err) != roster.ENotFound {
		s.webError(c, err)
		return
	}
	known := err == nil && hash != "" && !u.Disabled
	if !known {
		hash = s.dummyHash()
	}
	match, err := s.passwords.Check(ctx, hash, password)
	if err != nil {
		s.webError(c, err)
		return
	}
	if !match || !known {
		s.log.WarnContext(ctx, "sign-in failed", "name", v.Name, "remote", c.ClientIP(), "locked", locked)
		if locked {
			s.webRenderLogin(c, http.StatusTooManyRequests, v, "login.locked", l.When(until.In(s.cfg.Loc)))
			return
		}
		s.webRenderLogin(c, http.StatusUnauthorized, v, "login.failed")
		return
	}
	if err := s.store.ResetLoginFailures(ctx, v.Name); err != nil {
		s.webError(c, err)
		return
	}
	// A new token at every sign-in: a session id planted before it is
	// worth nothing after.
	if old, err := c.Cookie(sessionCookie); err == nil && old != "" {
		_ = s.store.DeleteWebSession(ctx, u.Name, store.HashToken(old))
	}
	token := store.NewToken()
	ws, err := s.store.CreateWebSession(ctx, u.Name, u.ID, store.HashToken(token), store.NewSecret(), sessionTTL)
	if err != nil {
		s.webError(c, err)
		return
	}
	if _, err := s.store.PurgeWebSessions(ctx, 24*time.Hour); err != nil {
		s.log.WarnContext(ctx, "purge web sessions", "err", err)
	}
	s.webSetSessionCookie(c, token, ws.ExpiresAt)
	s.webClearCookie(c, loginCSRFCookie, "/login")
	next := v.Next
	if next == "/" {
		next = "/me"
		if u.Role == roster.RoleManager {
			next = "/manage"
		}
	}
	webRedirect(c, next, "")
}

// webLogout ends the session (a POST with the form token).
func (s *Server) webLogout(c *gin.Context) {
	ws, ok := webSessionOf(c)
	if !ok {
		webRedirect(c, "/login", "")
		return
	}
	if err := s.store.DeleteWebSession(c.Request.Context(), actor(c), ws.TokenHash); err != nil {
		s.webError(c, err)
		return
	}
	s.webClearCookie(c, sessionCookie, "/")
	webRedirect(c, "/login", "signed_out")
}

// webNoManagerPassword reports whether no manager can sign in to the
// pages yet, for want of a password.
func (s *Server) webNoManagerPassword(ctx context.Context) (bool, error) {
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return false, err
	}
	for _, u := range users {
		if u.Role != roster.RoleManager {
			continue
		}
		_, hash, err := s.store.UserByName(ctx, u.Name)
		if err != nil {
			return false, err
		}
		if hash != "" {
			return false, nil
		}
	}
	return true, nil
}
