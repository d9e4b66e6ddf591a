package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// recurringHolidayJSON is a holiday on the same day every year from from_year.
type recurringHolidayJSON struct {
	ID       int64  `json:"id"`
	Month    int    `json:"month"`
	Day      int    `json:"day"`
	Name     string `json:"name"`
	FromYear int    `json:"from_year"`
}

func recurringJSON(r roster.RecurringHoliday) recurringHolidayJSON {
	return recurringHolidayJSON{ID: r.ID, Month: int(r.Month), Day: r.Day, Name: r.Name, FromYear: r.FromYear}
}

// listRecurringHolidays is GET /api/v1/recurring-holidays.
func (s *Server) listRecurringHolidays(c *gin.Context) {
	list, err := s.store.RecurringHolidays(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]recurringHolidayJSON, len(list))
	for i, r := range list {
		out[i] = recurringJSON(r)
	}
	c.JSON(http.StatusOK, gin.H{"holidays": out})
}

// addRecurringHoliday is POST /api/v1/recurring-holidays (managers):
// {"month","day","name","from_year"}, a new public holiday every year from
// from_year, without a code change. 201 the holiday.
func (s *Server) addRecurringHoliday(c *gin.Context) {
	var in recurringHolidayJSON
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.store.AddRecurringHoliday(c.Request.Context(), actor(c), roster.RecurringHoliday{
		Month: time.Month(in.Month), Day: in.Day, Name: strings.TrimSpace(in.Name), FromYear: in.FromYear})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, recurringJSON(r))
}

// deleteRecurringHoliday is DELETE /api/v1/recurring-holidays/{id} (managers).
func (s *Server) deleteRecurringHoliday(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.DeleteRecurringHoliday(c.Request.Context(), actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
