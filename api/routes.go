package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// routes lists every route of lichtruc.
func (s *Server) routes(r *gin.Engine) {
	r.NoRoute(func(c *gin.Context) {
		s.fail(c, roster.Errorf(roster.ENotFound, "no such page: %s", c.Request.URL.Path))
	})
	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Type: "urn:lichtruc:problem:method_not_allowed", Title: "Method Not Allowed", Status: http.StatusMethodNotAllowed,
			Detail: c.Request.Method + " is not allowed on " + c.Request.URL.Path})
	})

	r.GET("/healthz", s.healthz)
	r.HEAD("/healthz", s.healthz)
	r.GET("/metrics", s.serveMetrics) // api/metrics.go: access by token or address

	// Calendar feeds: the secret token in the path is the credential.
	officerFeed, siteFeed := s.feed("o:", s.officerFeed), s.feed("s:", s.siteFeed)
	r.GET("/ical/o/:file", officerFeed)
	r.HEAD("/ical/o/:file", officerFeed)
	r.GET("/ical/s/:file", siteFeed)
	r.HEAD("/ical/s/:file", siteFeed)

	manager := s.requireRole(roster.RoleManager)
	managerOrOfficer := s.requireRole(roster.RoleManager, roster.RoleOfficer)

	v1 := r.Group("/api/v1", s.authenticate)
	v1.GET("/me", s.me)
	v1.GET("/openapi.json", s.openapiJSON()) // the OpenAPI description: api/openapi/*.yaml

	v1.GET("/users", manager, s.listUsers)
	v1.POST("/users", manager, s.createUser)
	v1.POST("/users/:id/token", manager, s.rotateUserToken)
	v1.PATCH("/users/:id", manager, s.updateUser)
	v1.DELETE("/users/:id", manager, s.deleteUser)
	v1.POST("/users/:id/unlock", manager, s.unlockUser)
	v1.POST("/me/password", s.changeOwnPassword)

	v1.GET("/sites", s.listSites)
	v1.POST("/sites", manager, s.createSite)
	v1.GET("/sites/:code", s.getSite)
	v1.PUT("/sites/:code", manager, s.updateSite)
	v1.POST("/sites/:code/secrets", manager, s.rotateSiteSecrets)
	v1.POST("/sites/:code/plan", manager, s.planSite)
	v1.GET("/sites/:code/schedule.pdf", s.siteSchedulePDF)
	v1.GET("/sites/:code/schedule.xlsx", s.siteScheduleXLSX)
	v1.GET("/schedule.pdf", s.schedulePDF)
	v1.GET("/schedule.xlsx", s.scheduleXLSX)
	v1.POST("/plan", manager, s.planSites)

	v1.GET("/officers", s.listOfficers)
	v1.POST("/officers", manager, s.createOfficer)
	v1.GET("/officers/:id", s.getOfficer)
	v1.PATCH("/officers/:id", managerOrOfficer, s.updateOfficer)
	v1.POST("/officers/:id/feed-secret", managerOrOfficer, s.rotateOfficerFeed)
	v1.GET("/officers/:id/leaves", s.listOfficerLeaves)
	v1.POST("/officers/:id/leaves", managerOrOfficer, s.createLeave)

	v1.GET("/leaves", s.listLeaves)
	v1.GET("/leaves/:id", s.getLeave)
	v1.DELETE("/leaves/:id", managerOrOfficer, s.deleteLeave)

	v1.GET("/assignments", s.listAssignments)
	v1.POST("/assignments", manager, s.createAssignment)
	v1.GET("/assignments/:id", s.getAssignment)
	v1.PATCH("/assignments/:id", manager, s.updateAssignment)
	v1.DELETE("/assignments/:id", manager, s.cancelAssignment)
	v1.POST("/assignments/:id/swap-requests", managerOrOfficer, s.createSwap)

	v1.GET("/swap-requests", s.listSwaps)
	v1.GET("/swap-requests/:id", s.getSwap)
	v1.POST("/swap-requests/:id/:action", managerOrOfficer, s.decideSwap)

	v1.GET("/holidays", s.listHolidays)
	v1.PUT("/holidays/:date", manager, s.putHoliday)
	v1.DELETE("/holidays/:date", manager, s.deleteHoliday)
	v1.GET("/recurring-holidays", s.listRecurringHolidays)
	v1.POST("/recurring-holidays", manager, s.addRecurringHoliday)
	v1.DELETE("/recurring-holidays/:id", manager, s.deleteRecurringHoliday)

	v1.GET("/duty", s.duty)
	v1.GET("/audit", manager, s.listAudit)
	v1.GET("/settings", manager, s.getSettings)
	v1.PUT("/settings", manager, s.putSettings)

	// Outreach sessions with partner organisations, and the year's figures.
	v1.GET("/partners", s.listPartners)
	v1.POST("/partners", manager, s.createPartner)
	v1.GET("/partners/:id", s.getPartner)
	v1.PATCH("/partners/:id", manager, s.updatePartner)
	v1.DELETE("/partners/:id", manager, s.deletePartner)
	v1.GET("/outreach-sessions", s.listOutreach)
	v1.POST("/outreach-sessions", manager, s.createOutreach)
	v1.GET("/outreach-sessions/:id", s.getOutreach)
	v1.PATCH("/outreach-sessions/:id", manager, s.updateOutreach)
	v1.DELETE("/outreach-sessions/:id", manager, s.cancelOutreach)
	v1.GET("/reports/outreach", s.outreachReport)
	v1.GET("/reports/duties", s.dutyReport)
	v1.GET("/reports/allowance", manager, s.allowanceReport)
	v1.POST("/imports/officers", manager, s.importOfficers)
	v1.POST("/imports/outreach-sessions", manager, s.importOutreach)
	v1.GET("/imports/officers/template.xlsx", manager, s.officerTemplate)
	v1.GET("/imports/outreach-sessions/template.xlsx", manager, s.outreachTemplate)

	// What duties achieve (results.go, custody.go, cases.go, yearreport.go):
	// officers record and see their own, managers all, reception nothing.
	v1.GET("/assignments/:id/result", managerOrOfficer, s.getDutyResult)
	v1.PUT("/assignments/:id/result", managerOrOfficer, s.putDutyResult)
	v1.GET("/duty-results", managerOrOfficer, s.listDutyResults)
	v1.GET("/duty-results/missing", managerOrOfficer, s.missingDutyResults)
	v1.GET("/custody-requests", managerOrOfficer, s.listCustody)
	v1.POST("/custody-requests", managerOrOfficer, s.createCustody)
	v1.GET("/custody-requests/:id", managerOrOfficer, s.getCustody)
	v1.PATCH("/custody-requests/:id", managerOrOfficer, s.updateCustody)
	v1.GET("/cases", managerOrOfficer, s.listCases)
	v1.POST("/cases", managerOrOfficer, s.createCase)
	v1.GET("/cases/:id", managerOrOfficer, s.getCase)
	v1.PATCH("/cases/:id", managerOrOfficer, s.updateCase)
	v1.GET("/reports/year", manager, s.yearReportHandler)

	// ---- Web pages (package api/pages, templates in api/pages/web/) -----
	// The reception board needs only its secret; /manage and /me need a
	// signed-in session (cookie, stored in the database) and check the
	// session's CSRF token on every POST.
	v1.POST("/users/:id/password", manager, s.setUserPassword)
	p := s.pages.Handlers()
	r.GET("/static/*filepath", p.Static)
	r.GET("/board/:secret", p.Board)
	r.GET("/board/:secret/print", p.BoardPrint)
	r.GET("/", p.Session, p.Home)
	r.GET("/login", p.Session, p.LoginPage)
	r.POST("/login", p.Session, p.Login)
	r.POST("/logout", p.Session, p.SignedIn, p.CSRF, p.Logout)
	web := r.Group("", p.Session, p.SignedIn, p.CSRF)
	web.GET("/me", p.Me)
	web.GET("/me/feed-qr.png", p.FeedQR)
	web.POST("/me/swaps", p.MeSwap)
	web.POST("/me/swaps/:id/:action", p.MeDecideSwap)
	web.POST("/me/leaves", p.MeLeave)
	web.POST("/me/preferences", p.MePrefs)
	web.POST("/me/password", p.MePassword)
	manage := web.Group("/manage", p.RequireRole(roster.RoleManager))
	manage.GET("", p.ManageHome)
	manage.GET("/sites/:code", p.Month)
	manage.GET("/sites/:code/plan", p.Plan)
	manage.POST("/sites/:code/plan", p.PlanRun)
	manage.GET("/sites/:code/duties/new", p.DutyNew)
	manage.POST("/sites/:code/duties", p.CreateDuty)
	manage.GET("/assignments/:id", p.Duty)
	manage.POST("/assignments/:id", p.Reassign)
	manage.POST("/assignments/:id/cancel", p.CancelDuty)
	manage.GET("/leaves", p.Leaves)
	manage.POST("/leaves", p.CreateLeave)
	manage.GET("/swaps", p.Swaps)
	manage.POST("/swaps/:id/:action", p.DecideSwap)
	manage.GET("/outreach", p.Outreach)
	manage.POST("/outreach", p.CreateOutreach)
	manage.GET("/outreach/:id", p.OutreachDetail)
	manage.POST("/outreach/:id", p.UpdateOutreach)
	manage.POST("/outreach/:id/results", p.OutreachResults)
	manage.POST("/outreach/:id/cancel", p.CancelOutreach)
	manage.GET("/reports/outreach.csv", p.OutreachCSV)
	manage.GET("/reports/duties.csv", p.DutiesCSV)
	manage.GET("/notifications", p.Notifications)
	manage.POST("/sites/:code/publish", p.Publish)
	// The setup pages: officers, sites and slots, users, holidays, partners.
	manage.GET("/officers", p.Officers)
	manage.POST("/officers", p.CreateOfficer)
	manage.GET("/officers/:id", p.Officer)
	manage.POST("/officers/:id", p.UpdateOfficer)
	manage.POST("/officers/:id/active", p.OfficerActive)
	manage.GET("/sites", p.Sites)
	manage.POST("/sites", p.CreateSite)
	manage.GET("/sites/:code/edit", p.SiteEdit)
	manage.POST("/sites/:code/edit", p.UpdateSite)
	manage.POST("/sites/:code/close", p.CloseSite)
	manage.GET("/users", p.Users)
	manage.POST("/users", p.CreateUser)
	manage.POST("/users/:id/password", p.UserPassword)
	manage.POST("/users/:id/token", p.UserToken)
	manage.POST("/users/:id/disable", p.UserDisable)
	manage.POST("/users/:id/unlock", p.UserUnlock)
	manage.GET("/holidays", p.Holidays)
	manage.POST("/holidays", p.PutHoliday)
	manage.POST("/holidays/:date/delete", p.DeleteHoliday)
	manage.POST("/recurring-holidays", p.AddRecurringHoliday)
	manage.POST("/recurring-holidays/:id/delete", p.DeleteRecurringHoliday)
	manage.GET("/partners", p.Partners)
	manage.POST("/partners", p.CreatePartner)
	manage.GET("/partners/:id", p.Partner)
	manage.POST("/partners/:id", p.UpdatePartner)
	manage.GET("/sites/:code/schedule.pdf", p.SchedulePDF)
	manage.GET("/sites/:code/schedule.xlsx", p.ScheduleXLSX)
	manage.GET("/schedule.pdf", p.SchedulePDF)
	manage.GET("/schedule.xlsx", p.ScheduleXLSX)
	manage.GET("/allowance", p.Allowance)
	manage.GET("/allowance.csv", p.AllowanceCSV)
	manage.GET("/allowance.xlsx", p.AllowanceXLSX)
	manage.GET("/settings", p.Settings)
	manage.POST("/settings", p.SaveSettings)
	manage.GET("/imports", p.Imports)
	manage.GET("/imports/:kind/template.xlsx", p.ImportTemplate)
	// An import's POST carries its file: its own CSRF check leaves room.
	imports := r.Group("/manage/imports", p.Session, p.SignedIn, p.RequireRole(roster.RoleManager), p.ImportCSRF)
	imports.POST("/:kind", p.ImportPreview)
	imports.POST("/:kind/confirm", p.ImportConfirm)
	web.GET("/me/duties/:id/result", p.Result) // its officer, or a manager
	web.POST("/me/duties/:id/result", p.SaveResult)
	manage.GET("/duty-results", p.ResultsMissing)
	manage.GET("/custody", p.Custody)
	manage.POST("/custody/:id/assign", p.AssignCustody)
	manage.GET("/cases", p.Cases)
	web.GET("/me/custody/new", p.CustodyNew) // officers (who took the call) and managers
	web.POST("/me/custody/new", p.CreateCustody)
	web.GET("/me/cases/new", p.CaseNew) // officers (their own cases) and managers
	web.POST("/me/cases/new", p.CreateCase)
	web.GET("/me/cases/:id", p.Case)
	web.POST("/me/cases/:id", p.SaveCase)
	manage.GET("/reports/year", p.Year)
	manage.GET("/reports/year/rows", p.YearRows)
	manage.GET("/reports/year.csv", p.YearCSV)
	manage.GET("/reports/year.xlsx", p.YearXLSX)
	manage.GET("/reports/year.pdf", p.YearPDF)
	manage.GET("/settings/rules", p.Rules)
	manage.POST("/settings/rules", p.SaveRules)
	// ---- end of web pages ------------------------------------------------

	// ---- Notifications (api/notifications.go, publish.go, preferences.go) -
	// The outbox of reminders and notices, schedule publication, and each
	// officer's reminder leads; the jobs themselves run in notify.Scheduler.
	v1.GET("/notifications", manager, s.listNotifications)
	v1.POST("/sites/:code/publish", manager, s.publishSite)
	v1.GET("/sites/:code/publications", s.listPublications)
	v1.GET("/officers/:id/preferences", managerOrOfficer, s.getPreferences)
	v1.PUT("/officers/:id/preferences", managerOrOfficer, s.putPreferences)
	// ---- end of notifications -------------------------------------------
}

// healthz answers 200 when the database answers and takes writes, else 503.
func (s *Server) healthz(c *gin.Context) {
	if err := s.store.Healthy(c.Request.Context()); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.cfg.Version, "database": s.store.Dialect()})
}
