package pages

import (
	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// Handlers are the pages' handlers and middleware, for api/routes.go to
// wire to their routes. Session loads the sign-in cookie's session (it
// never refuses), SignedIn sends others to the sign-in page, and CSRF
// checks the session's form token on every POST.
type Handlers struct {
	Session, SignedIn, CSRF  gin.HandlerFunc
	RequireRole              func(roles ...roster.Role) gin.HandlerFunc
	Static                   gin.HandlerFunc
	Board, BoardPrint        gin.HandlerFunc
	Home, LoginPage          gin.HandlerFunc
	Login, Logout            gin.HandlerFunc
	Me, FeedQR, MeSwap       gin.HandlerFunc
	MeDecideSwap, MeLeave    gin.HandlerFunc
	MePrefs                  gin.HandlerFunc
	ManageHome, Month        gin.HandlerFunc
	Plan, PlanRun            gin.HandlerFunc
	DutyNew, CreateDuty      gin.HandlerFunc
	Duty, Reassign           gin.HandlerFunc
	CancelDuty               gin.HandlerFunc
	Leaves, CreateLeave      gin.HandlerFunc
	Swaps, DecideSwap        gin.HandlerFunc
	Outreach, CreateOutreach gin.HandlerFunc
	OutreachDetail           gin.HandlerFunc
	UpdateOutreach           gin.HandlerFunc
	OutreachResults          gin.HandlerFunc
	CancelOutreach           gin.HandlerFunc
	OutreachCSV, DutiesCSV   gin.HandlerFunc
	Notifications            gin.HandlerFunc
	// The setup pages (web_setup_*.go) and publishing from the month grid.
	Officers, CreateOfficer, Officer, UpdateOfficer, OfficerActive gin.HandlerFunc
	Sites, CreateSite, SiteEdit, UpdateSite, CloseSite             gin.HandlerFunc
	Users, CreateUser, UserPassword, UserToken                     gin.HandlerFunc
	UserDisable, UserUnlock                                        gin.HandlerFunc
	Holidays, PutHoliday, DeleteHoliday                            gin.HandlerFunc
	AddRecurringHoliday, DeleteRecurringHoliday                    gin.HandlerFunc
	Partners, CreatePartner, Partner, UpdatePartner                gin.HandlerFunc
	Publish, MePassword                                            gin.HandlerFunc
	// Documents: the schedule files, the allowance page and its files,
	// imports (ImportCSRF replaces CSRF on their POSTs: it leaves room for
	// the file) and the Center's settings.
	SchedulePDF, ScheduleXLSX    gin.HandlerFunc
	Allowance                    gin.HandlerFunc
	AllowanceCSV, AllowanceXLSX  gin.HandlerFunc
	Imports, ImportTemplate      gin.HandlerFunc
	ImportPreview, ImportConfirm gin.HandlerFunc
	ImportCSRF                   gin.HandlerFunc
	Settings, SaveSettings       gin.HandlerFunc
	// What duties achieve: web_results.go, web_custody.go, web_cases.go, web_year.go.
	Result, SaveResult, ResultsMissing gin.HandlerFunc
	Custody, AssignCustody, Cases      gin.HandlerFunc
	Year, YearRows                     gin.HandlerFunc
	YearCSV, YearXLSX, YearPDF         gin.HandlerFunc
	Rules, SaveRules                   gin.HandlerFunc
	// Logging requests and registering cases: web_custody_form.go, web_case_form.go, web_case_page.go.
	CustodyNew, CreateCustody, CaseNew, CreateCase, Case, SaveCase gin.HandlerFunc
	// Error answers a refused request with an error page.
	Error func(c *gin.Context, err error)
}

// Handlers returns the pages' handlers.
func (s *Server) Handlers() Handlers {
	return Handlers{
		Session: s.webSession, SignedIn: s.webSignedIn, CSRF: s.webCSRF, RequireRole: s.webRequireRole,
		Static: s.webStatic, Board: s.webBoard, BoardPrint: s.webBoardPrint,
		Home: s.webHome, LoginPage: s.webLoginPage, Login: s.webLogin, Logout: s.webLogout,
		Me: s.webMe, FeedQR: s.webFeedQR, MeSwap: s.webMeSwap, MeDecideSwap: s.webMeDecideSwap, MeLeave: s.webMeLeave, MePrefs: s.webMePrefs,
		ManageHome: s.webManageHome, Month: s.webMonth, Plan: s.webPlan, PlanRun: s.webPlanRun,
		DutyNew: s.webDutyNew, CreateDuty: s.webCreateDuty, Duty: s.webDuty, Reassign: s.webReassign, CancelDuty: s.webCancelDuty,
		Leaves: s.webLeaves, CreateLeave: s.webCreateLeave, Swaps: s.webSwaps, DecideSwap: s.webDecideSwap,
		Outreach: s.webOutreach, CreateOutreach: s.webCreateOutreach, OutreachDetail: s.webOutreachDetail,
		UpdateOutreach: s.webUpdateOutreach, OutreachResults: s.webOutreachResults, CancelOutreach: s.webCancelOutreach,
		OutreachCSV: s.webOutreachCSV, DutiesCSV: s.webDutiesCSV, Notifications: s.webNotifications,
		Officers: s.webOfficers, CreateOfficer: s.webCreateOfficer, Officer: s.webOfficer, UpdateOfficer: s.webUpdateOfficer,
		OfficerActive: s.webOfficerActive, Sites: s.webSites, CreateSite: s.webCreateSite, SiteEdit: s.webSiteEdit,
		UpdateSite: s.webUpdateSite, CloseSite: s.webCloseSite, Users: s.webUsers, CreateUser: s.webCreateUser,
		UserPassword: s.webUserPassword, UserToken: s.webUserToken, UserDisable: s.webUserDisable, UserUnlock: s.webUserUnlock,
		Holidays: s.webHolidays, PutHoliday: s.webPutHoliday, DeleteHoliday: s.webDeleteHoliday,
		AddRecurringHoliday: s.webAddRecurringHoliday, DeleteRecurringHoliday: s.webDeleteRecurringHoliday,
		Partners: s.webPartners, CreatePartner: s.webCreatePartner, Partner: s.webPartner, UpdatePartner: s.webUpdatePartner,
		Publish: s.webPublish, MePassword: s.webMePassword,
		SchedulePDF: s.webScheduleFile("pdf"), ScheduleXLSX: s.webScheduleFile("xlsx"),
		Allowance: s.webAllowance, AllowanceCSV: s.webAllowanceFile("csv"), AllowanceXLSX: s.webAllowanceFile("xlsx"),
		Imports: s.webImports, ImportTemplate: s.webImportTemplate, ImportPreview: s.webImportPreview, ImportConfirm: s.webImportConfirm,
		ImportCSRF: s.webImportCSRF, Settings: s.webSettings, SaveSettings: s.webSaveSettings,
		Result: s.webResult, SaveResult: s.webSaveResult, ResultsMissing: s.webResultsMissing,
		Custody: s.webCustody, AssignCustody: s.webAssignCustody, Cases: s.webCases,
		CustodyNew: s.webCustodyNew, CreateCustody: s.webCreateCustody, CaseNew: s.webCaseNew, CreateCase: s.webCreateCase,
		Case: s.webCase, SaveCase: s.webSaveCase,
		Year: s.webYear, YearRows: s.webYearRows, YearCSV: s.webYearFile("csv"), YearXLSX: s.webYearFile("xlsx"), YearPDF: s.webYearFile("pdf"),
		Rules: s.webRules, SaveRules: s.webSaveRules,
		Error: s.webError,
	}
}

// SessionCookie names the sign-in cookie; a session lasts SessionTTL
// unless it is used (then it is extended).
const (
	SessionCookie = sessionCookie
	SessionTTL    = sessionTTL
)
