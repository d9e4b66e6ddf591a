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
			CheckOfficer: func(o roster.Officer, unavailability []roster.UnavailabilityJSON) (roster.Officer, error) {
				kind := string(o.Kind)
				in := officerInput{FullName: &o.FullName, Kind: &kind, Email: &o.Email, Phone: &o.Phone, Specialties: &o.Specialties,
					MonthlyLimit: &o.MonthlyLimit, Language: &o.Language, Channels: &o.Channels, Unavailability: &unavailability,
					PreferredSites: &o.PreferredSites}
				return in.apply(o, siteIndex{})
			},
			CheckSite: func(f pages.SiteInput) (roster.Site, error) {
				in := siteInput{Code: f.Code, Name: f.Name, Kind: f.Kind, Address: f.Address, Area: f.Area, ReceptionPhone: f.ReceptionPhone,
					ContactEmail: f.ContactEmail, RequireSwapApproval: f.RequireSwapApproval, Slots: []slotJSON{}}
				if f.ValidFrom != "" {
					in.ValidFrom = &f.ValidFrom
				}
				if f.ValidTo != "" {
					in.ValidTo = &f.ValidTo
				}
				for _, sl := range f.Slots {
					n := sl.Officers
					in.Slots = append(in.Slots, slotJSON{Name: sl.Name, Start: sl.Start, End: sl.End, Officers: &n, Backups: sl.Backups,
						Days: sl.Days, Specialty: sl.Specialty})
				}
				return in.site()
			},
			CheckPartner: func(p roster.Partner, create bool) (roster.Partner, error) {
				kind := string(p.Kind)
				in := partnerInput{Name: &p.Name, ContactName: &p.ContactName, ContactPhone: &p.ContactPhone, ContactEmail: &p.ContactEmail,
					Address: &p.Address, Notes: &p.Notes, Active: &p.Active}
				if kind != "" {
					in.Kind = &kind
				}
				return in.apply(p, create)
			},
			CheckUser: func(u roster.User) error {
				return userInput{Name: u.Name, Role: string(u.Role), OfficerID: u.OfficerID}.check()
			},
			CheckPassword: func(pw string) error { return checkPassword(&pw) },
			CheckHoliday: func(d roster.SpecialDay) error {
				var v roster.Validator
				checkHoliday(&v, d)
				return v.Err()
			},
			Publish:        s.publish,
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
