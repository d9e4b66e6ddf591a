package pages

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
)

// webFS holds the pages' templates and their static files (CSS, a little
// JS). Everything is embedded: no build step, no CDN, no external font.
//
//go:embed web/templates/*.html web/static/*
var webFS embed.FS

// webPage is what every template receives; Data is the page's own part.
type webPage struct {
	L          webLang
	Title      string
	User       *roster.User // nil on public pages
	CSRF       string       // the session's form token
	Flash      string       // a translated success message
	Error      string       // a translated error message
	Detail     string       // the error's technical detail
	Nav        string       // the active section: "manage", "leaves", "swaps", "outreach", "notifications", "me"
	Bare       bool         // no header and navigation (board, print)
	BodyClass  string
	LangURL    string // this page in the other language
	Refresh    int    // seconds between reloads when JS is off (board)
	Version    string
	Data       any
	StatusCode int
	Now        time.Time
}

// webPages are the page templates, each parsed with layout.html.
var webPages = []string{"login", "error", "board", "print", "manage", "month", "duty", "duty_new", "leave", "swaps", "me", "plan", "rules",
	"outreach", "outreach_session", "notifications", "allowance", "imports", "settings",
	"result", "results", "custody", "cases", "year", "year_rows",
	"officers", "sites", "users", "holidays", "partners",
	"custody_new", "case_new", "case"}

var (
	webTemplatesOnce sync.Once
	webTemplates     map[string]*template.Template
	webTemplatesErr  error
	webAssetVersion  map[string]string // static file → content hash, for cache busting
)

// loadWebTemplates parses the templates once. A parse error is returned
// (and every page answers 500) rather than panicking at start-up.
func loadWebTemplates() (map[string]*template.Template, error) {
	webTemplatesOnce.Do(func() {
		webAssetVersion = map[string]string{}
		entries, err := fs.ReadDir(webFS, "web/static")
		if err != nil {
			webTemplatesErr = err
			return
		}
		for _, e := range entries {
			b, _ := webFS.ReadFile("web/static/" + e.Name())
			h := sha256.Sum256(b)
			webAssetVersion[e.Name()] = hex.EncodeToString(h[:4])
		}
		webTemplates = map[string]*template.Template{}
		for _, p := range webPages {
			t, err := template.New(p).Funcs(webFuncs).ParseFS(webFS, "web/templates/layout.html", "web/templates/partials.html", "web/templates/results_partials.html", "web/templates/setup_partials.html", "web/templates/"+p+".html")
			if err != nil {
				webTemplatesErr = fmt.Errorf("parse template %s: %w", p, err)
				return
			}
			webTemplates[p] = t
		}
	})
	return webTemplates, webTemplatesErr
}

// webGridArgs is what the "grid" partial template needs.
type webGridArgs struct {
	P     *webPage
	Site  roster.Site
	Days  []webDay
	Links bool // link duties to their page and gaps to the booking form
	Today roster.Date
}

// webFuncs are the template functions that do not depend on the language.
var webFuncs = template.FuncMap{
	"tel":    webTelURL,
	"hm":     func(t time.Time) string { return t.Format("15:04") },
	"asset":  webAssetURL,
	"webcal": func(u string) template.URL { return template.URL(Webcal(u)) },
	"gridArgs": func(p *webPage, site roster.Site, days []webDay, links bool) webGridArgs {
		return webGridArgs{P: p, Site: site, Days: days, Links: links, Today: roster.DateOf(p.Now)}
	},
	"ymd":      func(d roster.Date) string { return d.String() },
	"date":     func(t time.Time) roster.Date { return roster.DateOf(t) },
	"role":     func(r string) roster.AssignmentRole { return roster.AssignmentRole(r) },
	"contains": slices.Contains[[]string],
	"outreachArgs": func(p *webPage, f webOutreachForm, errs webFieldErrs, officers []roster.Officer) webOutreachArgs {
		return webOutreachArgs{P: p, Form: f, Errs: errs, Officers: officers}
	},
	"fe":    func(errs webFieldErrs, name string) webFieldErr { return webFieldErr{Name: name, Msg: errs[name]} },
	"hours": hours,
	"allowanceArgs": func(p *webPage, name, role string, x roster.AllowanceParts) webAllowanceArgs {
		return webAllowanceArgs{L: p.L, Name: name, Role: role, X: x}
	},
	"resultsArgs": func(p *webPage, r *webResultsDue) webResultsArgs { return webResultsArgs{P: p, R: r} },
	"reqErr":      func(errs webFieldErrs, i int) string { return errs["requests["+strconv.Itoa(i)+"]"] },
	"minutes":     func(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) },
	"fld": func(l webLang, errs webFieldErrs, name, label, value, typ string, required bool, hint string) webFld {
		return webFld{L: l, ID: name, Name: name, Label: label, Value: value, Type: typ, Required: required, Hint: hint, Err: errs[name]}
	},
	// fldq is a field whose row is optional as a whole (a slot row): no
	// "(optional)" on it, and not required on its own.
	"fldq": func(l webLang, errs webFieldErrs, name, label, value, typ string, hint string) webFld {
		return webFld{L: l, ID: name, Name: name, Label: label, Value: value, Type: typ, Hint: hint, Err: errs[name], Quiet: true}
	},
	"searchArgs":   func(l webLang, action, q string) webSearchArgs { return webSearchArgs{L: l, Action: action, Q: q} },
	"caseworkArgs": func(p *webPage, w *webMeCasework) webCaseworkArgs { return webCaseworkArgs{P: p, W: w} },
}

// webCaseworkArgs is what the "me_casework" partial needs.
type webCaseworkArgs struct {
	P *webPage
	W *webMeCasework
}

// webResultsArgs is what the "me_results" partial needs.
type webResultsArgs struct {
	P *webPage
	R *webResultsDue
}

// webFld is one input of a setup form, for the "fld" template.
type webFld struct {
	L                                  webLang
	ID, Name, Label, Value, Type, Hint string
	Err                                string
	Required                           bool
	Quiet                              bool // no "(optional)" mark
}

// webSearchArgs is what the "search" template needs.
type webSearchArgs struct {
	L         webLang
	Action, Q string
}

// webTelURL turns a phone number as people write it ("0225 3745 123") into a
// tel: link. Only digits and a leading + pass, so the result is safe.
func webTelURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}

// webAssetURL is the URL of a static file with a content hash, so browsers
// may cache it and still see a new version at once.
func webAssetURL(name string) string {
	return "/static/" + name + "?v=" + webAssetVersion[name]
}

// webPage starts the data of a page for the request.
func (s *Server) webPage(c *gin.Context, title string) *webPage {
	l := s.webPageLang(c)
	p := &webPage{L: l, Title: title, Version: s.cfg.Version, Now: s.nowLocal()}
	if ws, ok := webSessionOf(c); ok {
		u := caller(c).User
		p.User, p.CSRF = &u, ws.CSRFToken
	}
	if key := c.Query("msg"); key != "" {
		if catalog.Has("flash." + key) {
			p.Flash = l.T("flash." + key)
		}
	}
	q := url.Values{}
	path := c.Request.URL.Path
	if c.Request.Method == http.MethodGet {
		q = c.Request.URL.Query()
		q.Del("msg")
	} else {
		path = webGetPath(path)
	}
	q.Set("lang", string(l.Other()))
	p.LangURL = path + "?" + q.Encode()
	return p
}

// webGetPath is the page to show again in the other language after a form
// was posted to path (a form's action is not always a page).
func webGetPath(path string) string {
	switch parts := strings.Split(strings.Trim(path, "/"), "/"); {
	case parts[0] == "me":
		return "/me"
	case len(parts) >= 2 && parts[0] == "manage" && parts[1] == "swaps":
		return "/manage/swaps"
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "sites" && parts[3] == "duties":
		return "/manage/sites/" + parts[2]
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "assignments" && parts[3] == "cancel":
		return "/manage/assignments/" + parts[2]
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "outreach":
		return "/manage/outreach/" + parts[2]
	case len(parts) >= 2 && parts[0] == "manage" && parts[1] == "users":
		return "/manage/users"
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "sites" && parts[3] == "close":
		return "/manage/sites/" + parts[2] + "/edit"
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "officers" && parts[3] == "active":
		return "/manage/officers/" + parts[2]
	case len(parts) == 4 && parts[0] == "manage" && parts[1] == "holidays":
		return "/manage/holidays"
	case len(parts) >= 2 && parts[0] == "manage" && parts[1] == "recurring-holidays":
		return "/manage/holidays"
	}
	return path
}

// webRender executes page template name and writes it as text/html with the
// pages' security headers.
func (s *Server) webRender(c *gin.Context, status int, name string, p *webPage) {
	if p.Title == "" {
		p.Title = p.L.T("app.name")
	}
	p.StatusCode = status
	tmpls, err := loadWebTemplates()
	var buf bytes.Buffer
	if err == nil {
		t, ok := tmpls[name]
		if !ok {
			err = fmt.Errorf("no template %q", name)
		} else {
			err = t.ExecuteTemplate(&buf, "layout", p)
		}
	}
	if err != nil {
		s.log.ErrorContext(c.Request.Context(), "render page", "page", name, "err", err)
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8", []byte("internal error"))
		c.Abort()
		return
	}
	h := c.Writer.Header()
	csp := "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'"
	if name != "board" && name != "print" {
		// The board is public and has nothing to click: a court's
		// intranet may frame it. Every other page refuses framing.
		csp += "; frame-ancestors 'none'"
		h.Set("X-Frame-Options", "DENY")
	}
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// webError renders the error page for err with the status its code maps
// to (statusOf, as the API does).
func (s *Server) webError(c *gin.Context, err error) {
	if request.ClientGone(c, err) {
		return
	}
	status := statusOf(roster.ErrorCode(err))
	p := s.webPage(c, "")
	p.Title = p.L.T("error.title")
	p.Error, p.Detail = s.webErrorText(p.L, err)
	if status >= 500 {
		s.log.ErrorContext(c.Request.Context(), "page failed", "path", c.Request.URL.Path, "err", err)
	}
	s.webRender(c, status, "error", p)
	c.Abort()
}

// webErrorText gives the readable message of err in l, and its detail.
func (s *Server) webErrorText(l webLang, err error) (msg, detail string) {
	switch roster.ErrorCode(err) {
	case roster.ENotFound:
		return l.T("error.404"), roster.ErrorMessage(err)
	case roster.EForbidden:
		return l.T("error.403"), ""
	case roster.EConflict:
		return l.T("error.conflict"), roster.ErrorMessage(err)
	case roster.EPrecondition:
		return l.T("error.precondition"), roster.ErrorMessage(err)
	case roster.EInvalid, roster.EMalformed:
		return l.T("error.invalid"), roster.ErrorMessage(err)
	}
	return l.T("error.internal"), ""
}

// webRedirect answers a form with 303 See Other to path, adding ?msg=key.
func webRedirect(c *gin.Context, path, msg string) {
	if msg != "" {
		u, err := url.Parse(path)
		if err == nil {
			q := u.Query()
			q.Set("msg", msg)
			u.RawQuery = q.Encode()
			path = u.String()
		}
	}
	c.Redirect(http.StatusSeeOther, path)
	c.Abort()
}

// webStatic serves the embedded CSS and JS.
func (s *Server) webStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("filepath"), "/")
	if name == "" || strings.Contains(name, "/") || strings.HasPrefix(name, ".") {
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("not found"))
		return
	}
	b, err := webFS.ReadFile("web/static/" + name)
	if err != nil {
		c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("not found"))
		return
	}
	ct := "application/octet-stream"
	switch {
	case strings.HasSuffix(name, ".css"):
		ct = "text/css; charset=utf-8"
	case strings.HasSuffix(name, ".js"):
		ct = "text/javascript; charset=utf-8"
	case strings.HasSuffix(name, ".svg"):
		ct = "image/svg+xml"
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, ct, b)
}
