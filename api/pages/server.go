package pages

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Config is what the pages need to know of the service's settings.
type Config struct {
	BaseURL string         // absolute URL of the service, no trailing slash
	Loc     *time.Location // the service's time zone
	Version string         // build version, shown on pages
}

// Borrowed are the pieces of the JSON side that the pages show as they
// are, so that each lives once: package api owns them and wires them in.
type Borrowed struct {
	// ParsePlan validates a plan request as POST /sites/{code}/plan does.
	ParsePlan func(site roster.Site, from, to string, officerIDs []int64, dryRun bool) (store.PlanRequest, error)
	// BoardURL is a site's reception board; OfficerFeedURL an officer's feed.
	BoardURL       func(roster.Site) string
	OfficerFeedURL func(roster.Officer) string
	// OutreachYear lists and totals a year's outreach (GET /reports/outreach).
	OutreachYear func(ctx context.Context, year int) ([]roster.OutreachSession, roster.OutreachReport, error)
	// OutreachCSV and DutiesCSV answer the CSV reports of GET
	// /reports/outreach and /reports/duties for a year, reading ?sep= (and
	// ?by= for outreach); an error is answered by the caller.
	OutreachCSV func(c *gin.Context, year int, by string) error
	DutiesCSV   func(c *gin.Context, year int) error
	// CheckOfficer, CheckSite, CheckPartner, CheckUser, CheckPassword and
	// CheckHoliday validate what the setup pages send as the JSON
	// handlers validate it; Publish publishes a site's schedule as POST
	// /sites/{code}/publish does, and counts the duties it lists.
	CheckOfficer  func(o roster.Officer, unavailability []roster.UnavailabilityJSON) (roster.Officer, error)
	CheckSite     func(SiteInput) (roster.Site, error)
	CheckPartner  func(p roster.Partner, create bool) (roster.Partner, error)
	CheckUser     func(roster.User) error
	CheckPassword func(password string) error
	CheckHoliday  func(roster.SpecialDay) error
	Publish       func(ctx context.Context, actor string, site roster.Site, from, to roster.Date) (roster.Publication, int, error)
	// ScheduleFile answers the schedule document of GET
	// /sites/{code}/schedule.pdf|.xlsx (format "pdf" or "xlsx") of the
	// sites, reading ?from=&to=; an error is answered by the caller.
	ScheduleFile func(c *gin.Context, format string, codes []string) error
	// Allowance computes a month's duty allowance (GET /reports/allowance)
	// with the officers it names; AllowanceFile answers it as "csv" or
	// "xlsx".
	Allowance     func(ctx context.Context, year int, month time.Month) (roster.Allowance, map[int64]roster.Officer, error)
	AllowanceFile func(c *gin.Context, format string, year int, month time.Month) error
	// Import runs (dry: previews) an import of kind ("officers" or
	// "outreach-sessions") as POST /imports/{kind} does; ImportTemplate
	// answers its template.
	Import         func(ctx context.Context, actor, kind string, data []byte, dry bool) (ImportResult, error)
	ImportTemplate func(c *gin.Context, kind string) error
	// MaxImportBytes is the largest import file.
	MaxImportBytes int64
	// YearReport builds the Center's year report as GET /reports/year
	// does; YearFile answers it as csv, xlsx or pdf.
	YearReport func(ctx context.Context, year int) (roster.YearReport, error)
	YearFile   func(c *gin.Context, year int, format string) error
	// MaxLeaveDays is the longest leave; Channels the reminder channels;
	// NotificationStatuses and NotificationKinds the outbox's values.
	MaxLeaveDays         int
	Channels             []string
	NotificationStatuses []string
	NotificationKinds    []string
}

// ImportResult is what an import did or would do, for the import page:
// its rows, or its bad cells (then nothing was written).
type ImportResult struct {
	DryRun                      bool
	Created, Updated, Unchanged int
	Rows                        []ImportRow
	Issues                      []ImportIssue
}

// ImportRow is a row an import writes: its number, action ("created",
// "updated", "unchanged") and what it holds, in words.
type ImportRow struct {
	Row     int
	Action  string
	Name    string
	Details string
}

// ImportIssue is a bad cell of an import file, with its rule key.
type ImportIssue struct {
	Row                       int
	Column, Cell, Code, Value string
}

// Deps are the dependencies of the pages.
type Deps struct {
	Store        *store.Store
	Logger       *slog.Logger
	Now          func() time.Time // nil: time.Now
	PasswordCost int              // bcrypt cost of password hashes; 0: bcrypt.DefaultCost
	// Passwords bounds bcrypt work (shared with the JSON side); nil: its own.
	Passwords *request.Passwords
	Borrowed  Borrowed
}

// Server serves the web pages: sign-in, the officers' page, the managers'
// pages and the reception board. Its handlers and middleware are wired to
// routes in api/routes.go.
type Server struct {
	store        *store.Store
	cfg          Config
	log          *slog.Logger
	now          func() time.Time
	passwordCost int
	passwords    *request.Passwords
	json         Borrowed
	// dummyHash is compared against when a user has no password, so that
	// the answer takes as long as a real check.
	dummyHash func() string
}

// New builds the pages' handlers.
func New(cfg Config, deps Deps) *Server {
	if cfg.Loc == nil {
		cfg.Loc = time.UTC
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s := &Server{store: deps.Store, cfg: cfg, log: deps.Logger, now: deps.Now, passwordCost: deps.PasswordCost, json: deps.Borrowed}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.passwordCost == 0 {
		s.passwordCost = bcrypt.DefaultCost
	}
	s.passwords = deps.Passwords
	if s.passwords == nil {
		s.passwords = request.NewPasswords(s.passwordCost, 0)
	}
	s.dummyHash = sync.OnceValue(func() string {
		h, _ := bcrypt.GenerateFromPassword([]byte("lichtruc: no password set"), s.passwordCost)
		return string(h)
	})
	return s
}

// nowLocal returns the current time in the service's zone.
func (s *Server) nowLocal() time.Time { return s.now().In(s.cfg.Loc) }

// fail answers a request that is not a page (a QR code, a CSV) with
// problem+json.
func (s *Server) fail(c *gin.Context, err error) { request.Fail(c, s.log, err) }

// Webcal turns an http(s) feed URL into its webcal:// form, which phones
// open in their calendar app.
func Webcal(u string) string {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return "webcal://" + rest
	}
	if rest, ok := strings.CutPrefix(u, "http://"); ok {
		return "webcal://" + rest
	}
	return u
}
