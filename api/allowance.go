package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/document"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

type allowancePartsJSON struct {
	Duties        int     `json:"duties"`
	WorkdayDuties int     `json:"workday_duties"`
	WeekendDuties int     `json:"weekend_duties"`
	HolidayDuties int     `json:"holiday_duties"`
	NightDuties   int     `json:"night_duties"`
	Hours         float64 `json:"hours"`
	WorkdayHours  float64 `json:"workday_hours"`
	WeekendHours  float64 `json:"weekend_hours"`
	HolidayHours  float64 `json:"holiday_hours"`
	NightHours    float64 `json:"night_hours"`
}

func allowanceParts(p roster.AllowanceParts) allowancePartsJSON {
	return allowancePartsJSON{Duties: p.Duties, WorkdayDuties: p.WorkdayDuties, WeekendDuties: p.WeekendDuties, HolidayDuties: p.HolidayDuties,
		NightDuties: p.NightDuties, Hours: p.Hours.Hours(), WorkdayHours: p.WorkdayHours.Hours(), WeekendHours: p.WeekendHours.Hours(),
		HolidayHours: p.HolidayHours.Hours(), NightHours: p.NightHours.Hours()}
}

type allowanceRowJSON struct {
	OfficerID int64              `json:"officer_id"`
	FullName  string             `json:"full_name"`
	Kind      string             `json:"kind"`
	Primary   allowancePartsJSON `json:"primary"`
	Backup    allowancePartsJSON `json:"backup"`
	Total     allowancePartsJSON `json:"total"`
}

type allowanceJSON struct {
	Month string             `json:"month"`
	Rows  []allowanceRowJSON `json:"rows"`
	Total allowanceRowJSON   `json:"total"`
}

// allowanceReport is GET /api/v1/reports/allowance?month=YYYY-MM (default
// this month): per officer, the duties that start in the month and their
// hours on working days, weekends, holidays and at night, as primary, as
// backup and both (roster.ComputeAllowance); ?format=csv|xlsx as a file.
func (s *Server) allowanceReport(c *gin.Context) {
	year, month, err := queryMonth(c, s.nowLocal())
	if err != nil {
		s.fail(c, err)
		return
	}
	format, sep, err := tableFormat(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, officers, err := s.allowance(c.Request.Context(), year, month)
	if err != nil {
		s.fail(c, err)
		return
	}
	if format != "json" {
		s.sendTable(c, format, sep, allowanceFileName(year, month), document.AllowanceTable(a, officers))
		return
	}
	out := allowanceJSON{Month: monthCode(year, month), Rows: []allowanceRowJSON{}}
	for _, r := range a.Rows {
		o := officers[r.OfficerID]
		out.Rows = append(out.Rows, allowanceRowJSON{OfficerID: r.OfficerID, FullName: o.FullName, Kind: string(o.Kind),
			Primary: allowanceParts(r.Primary), Backup: allowanceParts(r.Backup), Total: allowanceParts(r.Total)})
	}
	out.Total = allowanceRowJSON{Primary: allowanceParts(a.Total.Primary), Backup: allowanceParts(a.Total.Backup), Total: allowanceParts(a.Total.Total)}
	c.JSON(http.StatusOK, out)
}

// Allowance computes the allowance of a month with the officers it names:
// the one computation of the report and of the allowance page.
func (s *Server) allowance(ctx context.Context, year int, month time.Month) (roster.Allowance, map[int64]roster.Officer, error) {
	from := time.Date(year, month, 1, 0, 0, 0, 0, s.cfg.Loc)
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{From: from, To: from.AddDate(0, 1, 0)})
	if err != nil {
		return roster.Allowance{}, nil, err
	}
	cal, err := s.store.WorkCalendar(ctx)
	if err != nil {
		return roster.Allowance{}, nil, err
	}
	a := roster.ComputeAllowance(year, month, duties, cal, s.cfg.Loc)
	ids := make([]int64, len(a.Rows))
	for i, r := range a.Rows {
		ids[i] = r.OfficerID
	}
	list, err := s.store.ListOfficers(ctx, store.OfficerFilter{IDs: ids})
	if err != nil {
		return a, nil, err
	}
	officers := map[int64]roster.Officer{}
	for _, o := range list {
		officers[o.ID] = o
	}
	return a, officers, nil
}

// allowanceFileName names the allowance file of a month, without extension.
func allowanceFileName(year int, month time.Month) string {
	return catalog.VI.T("file.allowance") + " " + monthCode(year, month)
}

// allowanceFile answers the allowance of a month as "csv" or "xlsx", for
// the pages; an error is answered by the caller.
func (s *Server) allowanceFile(c *gin.Context, format string, year int, month time.Month) error {
	sep, err := csvSep(c)
	if err != nil {
		return err
	}
	a, officers, err := s.allowance(c.Request.Context(), year, month)
	if err != nil {
		return err
	}
	s.sendTable(c, format, sep, allowanceFileName(year, month), document.AllowanceTable(a, officers))
	return nil
}

// queryMonth reads ?month=YYYY-MM, by default the month of now; a bad one
// is 422 naming "month".
func queryMonth(c *gin.Context, now time.Time) (int, time.Month, error) {
	raw := c.Query("month")
	if raw == "" {
		return now.Year(), now.Month(), nil
	}
	t, err := time.Parse("2006-01", raw)
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return 0, 0, errField("month", roster.RuleFormat, "must be a month YYYY-MM")
	}
	return t.Year(), t.Month(), nil
}

// monthCode is "2027-01".
func monthCode(year int, month time.Month) string {
	m := strconv.Itoa(int(month))
	if month < 10 {
		m = "0" + m
	}
	return strconv.Itoa(year) + "-" + m
}
