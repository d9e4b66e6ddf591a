package pages

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webRecurringForm is the recurring holiday form as typed.
type webRecurringForm struct{ Day, Month, Name, FromYear string }

// webRecurringInputs names the form's inputs by the fields the rule
// reports (the override form on the same page has its own "name").
var webRecurringInputs = map[string]string{"day": "r_day", "month": "r_month", "name": "r_name", "from_year": "from_year"}

// webRecurringInput is the input of a field of roster.RecurringHoliday.
func webRecurringInput(field string) string {
	if in, ok := webRecurringInputs[field]; ok {
		return in
	}
	return field
}

// webRecurring fills in the recurring holidays the Center added and the
// form to add one (as typed and with its errors, after a failed post).
func (s *Server) webRecurring(c *gin.Context, v *webHolidaysView, form *webRecurringForm, errs webFieldErrs) error {
	list, err := s.store.RecurringHolidays(c.Request.Context())
	if err != nil {
		return err
	}
	v.Recurring, v.RErrs = list, errs
	v.RForm = webRecurringForm{FromYear: strconv.Itoa(v.Year)}
	if form != nil {
		v.RForm = *form
	}
	return nil
}

// webAddRecurringHoliday is POST /manage/recurring-holidays: a manager adds
// a public holiday on the same day every year from a first year (as POST
// /api/v1/recurring-holidays does).
func (s *Server) webAddRecurringHoliday(c *gin.Context) {
	f := webRecurringForm{Day: strings.TrimSpace(c.PostForm("r_day")), Month: strings.TrimSpace(c.PostForm("r_month")),
		Name: strings.TrimSpace(c.PostForm("r_name")), FromYear: strings.TrimSpace(c.PostForm("from_year"))}
	var v roster.Validator
	day := webFormNumber(&v, c, "r_day", "day", 0)
	month := webFormNumber(&v, c, "r_month", "month", 0)
	from := webFormNumber(&v, c, "from_year", "from_year", s.nowLocal().Year())
	r := roster.RecurringHoliday{Month: time.Month(month), Day: day, Name: f.Name, FromYear: from}
	err := v.Err()
	if err == nil {
		_, err = s.store.AddRecurringHoliday(c.Request.Context(), actor(c), r)
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(s.webPageLang(c), err, webRecurringInput, nil), func(status int, errs webFieldErrs) {
			c.Request.URL.RawQuery = ""
			s.webRenderHolidaysWith(c, status, nil, nil, &f, errs)
		})
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/holidays?year=%d#recurring", max(from, s.nowLocal().Year())), "recurring_saved")
}

// webDeleteRecurringHoliday is POST /manage/recurring-holidays/{id}/delete.
func (s *Server) webDeleteRecurringHoliday(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		s.webError(c, roster.Errorf(roster.ENotFound, "no recurring holiday %q", c.Param("id")))
		return
	}
	if err := s.store.DeleteRecurringHoliday(c.Request.Context(), actor(c), id); err != nil {
		s.webError(c, err)
		return
	}
	year := s.nowLocal().Year()
	if y, err := strconv.Atoi(c.Query("year")); err == nil && y >= 1990 && y <= 2200 {
		year = y
	}
	webRedirect(c, fmt.Sprintf("/manage/holidays?year=%d#recurring", year), "recurring_removed")
}
