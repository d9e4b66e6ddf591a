package pages

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webHolidayRow is one special day of the year.
type webHolidayRow struct {
	roster.SpecialDay
	Origin string // its roster.SpecialDay.SourceKind: statutory, official, projected or override
}

// webHolidayForm is the override form as typed.
type webHolidayForm struct{ Date, Name, Kind string }

// webHolidaysView is /manage/holidays?year=.
type webHolidaysView struct {
	Year, Prev, Next int
	Rows             []webHolidayRow
	Workdays         int
	Projected        bool // some days are projected, to be confirmed by a decision
	Form             webHolidayForm
	Errs             webFieldErrs
	// Recurring are the holidays the Center added on the same day every
	// year; RForm and RErrs the form to add one.
	Recurring []roster.RecurringHoliday
	RForm     webRecurringForm
	RErrs     webFieldErrs
}

// webHolidays is GET /manage/holidays?year=.
func (s *Server) webHolidays(c *gin.Context) { s.webRenderHolidays(c, 0, nil, nil) }

func (s *Server) webRenderHolidays(c *gin.Context, status int, form *webHolidayForm, errs webFieldErrs) {
	s.webRenderHolidaysWith(c, status, form, errs, nil, nil)
}

// webRenderHolidaysWith draws the page with the override form (form, errs)
// and the recurring holiday form (rform, rerrs) as typed.
func (s *Server) webRenderHolidaysWith(c *gin.Context, status int, form *webHolidayForm, errs webFieldErrs, rform *webRecurringForm, rerrs webFieldErrs) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	cal, err := s.store.WorkCalendar(c.Request.Context())
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webHolidaysView{Year: year, Prev: year - 1, Next: year + 1, Errs: errs,
		Workdays: cal.WorkdaysBetween(roster.NewDate(year, 1, 1), roster.NewDate(year, 12, 31)),
		Form:     webHolidayForm{Kind: string(roster.DayOff), Date: fmt.Sprintf("%04d-01-01", year)}}
	for _, d := range cal.Year(year) {
		r := webHolidayRow{SpecialDay: d, Origin: d.SourceKind()}
		if r.Origin == roster.SourceProjected {
			v.Projected = true
		}
		v.Rows = append(v.Rows, r)
	}
	if form != nil {
		v.Form = *form
	}
	if err := s.webRecurring(c, &v, rform, rerrs); err != nil {
		s.webError(c, err)
		return
	}
	s.webSetupPage(c, webOK(status), "holidays", "setup.holidays.title", "holidays", v)
}

// webPutHoliday is POST /manage/holidays: a manager makes a day a day off
// or a working day.
func (s *Server) webPutHoliday(c *gin.Context) {
	f := webHolidayForm{Date: c.PostForm("date"), Name: strings.TrimSpace(c.PostForm("name")), Kind: c.PostForm("kind")}
	var v roster.Validator
	d := parseDay(&v, "date", f.Date)
	day := roster.SpecialDay{Date: d, Name: f.Name, Kind: roster.DayKind(f.Kind), Source: roster.SourceOverride}
	err := v.Err()
	if err == nil {
		err = s.json.CheckHoliday(day)
	}
	if err == nil {
		err = s.store.PutHolidayOverride(c.Request.Context(), actor(c), day)
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(s.webPageLang(c), err, nil, nil), func(status int, errs webFieldErrs) {
			c.Request.URL.RawQuery = "year=" + strconv.Itoa(webYearOf(f.Date, s.nowLocal().Year()))
			s.webRenderHolidays(c, status, &f, errs)
		})
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/holidays?year=%d#d-%s", d.Year, d), "holiday_saved")
}

// webDeleteHoliday is POST /manage/holidays/{date}/delete: the day is as
// the law and the notices make it again.
func (s *Server) webDeleteHoliday(c *gin.Context) {
	d, err := roster.ParseDate(c.Param("date"))
	if err != nil {
		s.webError(c, errField("date", roster.RuleFormat, "must be a day YYYY-MM-DD"))
		return
	}
	if err := s.store.DeleteHolidayOverride(c.Request.Context(), actor(c), d); err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/holidays?year=%d", d.Year), "holiday_removed")
}

// webYearOf is the year of a day typed as YYYY-MM-DD, else def.
func webYearOf(raw string, def int) int {
	if d, err := roster.ParseDate(raw); err == nil {
		return d.Year
	}
	return def
}
