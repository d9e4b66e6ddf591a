package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/pages"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// newPages builds the web pages (package pages) with what they borrow from
// the JSON handlers, so that plan validation, reports, links and value
// lists live once.
func (s *Server) newPages(passwordCost int) *pages.Server {
	return pages.New(pages.Config{BaseURL: s.cfg.BaseURL, Loc: s.cfg.Loc, Version: s.cfg.Version}, pages.Deps{
		Store: s.store, Logger: s.log, Now: s.now, PasswordCost: passwordCost, Passwords: s.passwords,
		Borrowed: pages.Borrowed{
			ParsePlan: func(site roster.Site, from, to string, officerIDs []int64, dryRun bool) (store.PlanRequest, error) {
				return parsePlan(site, planInput{From: from, To: to, OfficerIDs: officerIDs, DryRun: dryRun})
			},
			BoardURL:       s.boardURL,
			OfficerFeedURL: s.officerFeedURL,
			OutreachYear:   s.outreachYear,
			OutreachCSV: func(c *gin.Context, year int, by string) error {
				sep, err := csvSep(c)
				if err != nil {
					return err
				}
				_, r, err := s.outreachYear(c.Request.Context(), year)
				if err != nil {
					return err
				}
				writeOutreachCSV(c, r, by, sep)
				return nil
			},
			DutiesCSV: func(c *gin.Context, year int) error {
				sep, err := csvSep(c)
				if err != nil {
					return err
				}
				r, err := s.dutyPeriod(c.Request.Context(), roster.NewDate(year, time.January, 1), roster.NewDate(year, time.December, 31))
				if err != nil {
					return err
				}
				writeDutyCSV(c, r, &year, sep)
				return nil
			},
			ScheduleFile:   s.scheduleFile,
			Allowance:      s.allowance,
			AllowanceFile:  s.allowanceFile,
			Import:         s.pageImport,
			ImportTemplate: s.importTemplate,
			MaxImportBytes: maxImportBytes,
			YearReport:     s.yearReport,
			YearFile: func(c *gin.Context, year int, format string) error {
				r, err := s.yearReport(c.Request.Context(), year)
				if err != nil {
					return err
				}
				return s.writeYearFile(c, r, format)
			},
			MaxLeaveDays:         maxLeaveDays,
			Channels:             channels,
			NotificationStatuses: notificationStatuses,
			NotificationKinds:    notificationKinds,
		},
	})
}
