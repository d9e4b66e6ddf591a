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

	v1.GET("/sites", s.listSites)
	v1.POST("/sites", manager, s.createSite)
	v1.GET("/sites/:code", s.getSite)
	v1.PUT("/sites/:code", manager, s.updateSite)
	v1.POST("/sites/:code/secrets", manager, s.rotateSiteSecrets)
	v1.POST("/sites/:code/plan", manager, s.planSite)

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

	v1.GET("/duty", s.duty)
	v1.GET("/audit", manager, s.listAudit)

	// Outreach sessions with partner organisations, and the year's figures.
	v1.GET("/partners", s.listPartners)
	v1.POST("/partners", manager, s.createPartner)
	v1.GET("/partners/:id", s.getPartner)
	v1.PATCH("/partners/:id", manager, s.updatePartner)
	v1.DELETE("/partners/:id", manager, s.deletePartner)
	v1.GET("/outreach-sessions", s.listSessions)
	v1.POST("/outreach-sessions", manager, s.createSession)
	v1.GET("/outreach-sessions/:id", s.getSession)
	v1.PATCH("/outreach-sessions/:id", manager, s.updateSession)
	v1.DELETE("/outreach-sessions/:id", manager, s.cancelSession)
	v1.GET("/reports/outreach", s.outreachReport)
	v1.GET("/reports/duties", s.dutyReport)

	// ---- Web pages (api/web_*.go, templates in api/web/) ---------------
	// The reception board needs only its secret; /manage and /me need a
	// signed-in session (cookie, stored in the database) and check the
	// session's CSRF token on every POST.
	v1.POST("/users/:id/password", manager, s.setUserPassword)
	r.GET("/static/*filepath", s.webStatic)
	r.GET("/board/:secret", s.webBoard)
	r.GET("/board/:secret/print", s.webBoardPrint)
	r.GET("/", s.webSession, s.webHome)
	r.GET("/login", s.webSession, s.webLoginPage)
	r.POST("/login", s.webSession, s.webLogin)
	r.POST("/logout", s.webSession, s.webSignedIn, s.webCSRF, s.webLogout)
	web := r.Group("", s.webSession, s.webSignedIn, s.webCSRF)
	web.GET("/me", s.webMe)
	web.GET("/me/feed-qr.png", s.webFeedQR)
	web.POST("/me/swaps", s.webMeSwap)
	web.POST("/me/swaps/:id/:action", s.webMeDecideSwap)
	web.POST("/me/leaves", s.webMeLeave)
	web.POST("/me/preferences", s.webMePrefs)
	manage := web.Group("/manage", s.webRequireRole(roster.RoleManager))
	manage.GET("", s.webManageHome)
	manage.GET("/sites/:code", s.webMonth)
	manage.GET("/sites/:code/plan", s.webPlan)
	manage.POST("/sites/:code/plan", s.webPlanRun)
	manage.GET("/sites/:code/duties/new", s.webDutyNew)
	manage.POST("/sites/:code/duties", s.webCreateDuty)
	manage.GET("/assignments/:id", s.webDuty)
	manage.POST("/assignments/:id", s.webReassign)
	manage.POST("/assignments/:id/cancel", s.webCancelDuty)
	manage.GET("/leaves", s.webLeaves)
	manage.POST("/leaves", s.webCreateLeave)
	manage.GET("/swaps", s.webSwaps)
	manage.POST("/swaps/:id/:action", s.webDecideSwap)
	manage.GET("/outreach", s.webOutreach)
	manage.POST("/outreach", s.webCreateOutreach)
	manage.GET("/outreach/:id", s.webOutreachSession)
	manage.POST("/outreach/:id", s.webUpdateSession)
	manage.POST("/outreach/:id/results", s.webSessionResults)
	manage.POST("/outreach/:id/cancel", s.webCancelSession)
	manage.GET("/reports/outreach.csv", s.webOutreachCSV)
	manage.GET("/reports/duties.csv", s.webDutiesCSV)
	manage.GET("/notifications", s.webNotifications)
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

// healthz answers 200 when the database answers, else 503.
func (s *Server) healthz(c *gin.Context) {
	if err := s.store.Ping(c.Request.Context()); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "version": s.cfg.Version, "database": s.store.Dialect()})
}
