package pages

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The managers' documents: the schedule as the Center's PDF or
// spreadsheet (from the month page), and the duty allowance of a month.

// webScheduleFile is GET /manage/sites/{code}/schedule.pdf|.xlsx?from=&to=
// (and /manage/schedule.pdf|.xlsx?site=…): the document of GET
// /api/v1/…/schedule.pdf, for a signed-in manager.
func (s *Server) webScheduleFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		codes := c.QueryArray("site")
		if code := c.Param("code"); code != "" {
			codes = []string{code}
		}
		if err := s.json.ScheduleFile(c, format, codes); err != nil {
			s.webError(c, err)
		}
	}
}

// webScheduleLinks are a month page's links to the schedule documents.
type webScheduleLinks struct {
	WeekFrom, WeekTo   roster.Date // the week shown: today's, or the month's first
	MonthFrom, MonthTo roster.Date
	Base               string // "/manage/sites/CODE/schedule"
}

// scheduleLinks gives the links of a site's month first–last: the week of
// today when it lies in the month, else the month's first week.
func scheduleLinks(code string, first, last, today roster.Date) webScheduleLinks {
	day := first
	if !today.Before(first) && !today.After(last) {
		day = today
	}
	monday := day.AddDays(-((int(day.Weekday()) + 6) % 7))
	return webScheduleLinks{WeekFrom: monday, WeekTo: monday.AddDays(6), MonthFrom: first, MonthTo: last,
		Base: "/manage/sites/" + code + "/schedule"}
}

// webAllowanceView is the allowance page.
type webAllowanceView struct {
	Month      string // YYYY-MM
	MonthDay   roster.Date
	Rows       []webAllowanceRow
	Total      roster.AllowanceRow
	Prev, Next string
}

// webAllowanceRow is one officer's month.
type webAllowanceRow struct {
	Officer roster.Officer
	roster.AllowanceRow
}

// webAllowance is GET /manage/allowance?month=YYYY-MM: the duty allowance
// of a month per officer (as GET /api/v1/reports/allowance), with links to
// its CSV and spreadsheet.
func (s *Server) webAllowance(c *gin.Context) {
	year, month, err := webMonthQuery(c, s.nowLocal())
	if err != nil {
		s.webError(c, err)
		return
	}
	a, officers, err := s.json.Allowance(c.Request.Context(), year, month)
	if err != nil {
		s.webError(c, err)
		return
	}
	first := roster.NewDate(year, month, 1)
	prev, next := first.AddDays(-1), roster.NewDate(year, month+1, 1)
	v := webAllowanceView{Month: fmt.Sprintf("%04d-%02d", year, int(month)), MonthDay: first, Total: a.Total,
		Prev: fmt.Sprintf("%04d-%02d", prev.Year, int(prev.Month)), Next: fmt.Sprintf("%04d-%02d", next.Year, int(next.Month))}
	for _, r := range a.Rows {
		v.Rows = append(v.Rows, webAllowanceRow{Officer: officers[r.OfficerID], AllowanceRow: r})
	}
	p := s.webPage(c, "")
	p.Title = p.L.Tf("allowance.title", p.L.Month(first))
	p.Nav, p.Data = "manage", v
	s.webRender(c, http.StatusOK, "allowance", p)
}

// webAllowanceArgs is what the "allowance_row" template needs.
type webAllowanceArgs struct {
	L          webLang
	Name, Role string
	X          roster.AllowanceParts
}

// webAllowanceFile is GET /manage/allowance.csv|.xlsx?month=.
func (s *Server) webAllowanceFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		year, month, err := webMonthQuery(c, s.nowLocal())
		if err == nil {
			err = s.json.AllowanceFile(c, format, year, month)
		}
		if err != nil {
			s.webError(c, err)
		}
	}
}

// webMonthQuery reads ?month=YYYY-MM, by default the month of now.
func webMonthQuery(c *gin.Context, now time.Time) (int, time.Month, error) {
	raw := strings.TrimSpace(c.Query("month"))
	if raw == "" {
		return now.Year(), now.Month(), nil
	}
	t, err := time.Parse("2006-01", raw)
	if err != nil || t.Year() < 1990 || t.Year() > 2200 {
		return 0, 0, errField("month", roster.RuleFormat, "must be a month YYYY-MM")
	}
	return t.Year(), t.Month(), nil
}

// hours formats a duration as hours with at most two decimals, in l's
// way of writing decimals.
func hours(l webLang, d time.Duration) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", d.Hours()), "0"), ".")
	if l == langVI {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}
