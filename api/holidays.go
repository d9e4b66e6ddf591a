package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

type dayJSON struct {
	Date   string `json:"date"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Source string `json:"source"`              // statutory, official, projected (no decision yet) or override
	Ref    string `json:"reference,omitempty"` // the Government decision of an official day
}

// listHolidays answers ?year=Y: days off (including holidays on weekends
// and compensatory days) and weekend days made working days, with the
// managers' overrides applied.
func (s *Server) listHolidays(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1900, 2200)
	if err != nil {
		s.fail(c, err)
		return
	}
	cal, err := s.store.WorkCalendar(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	days := cal.Year(year)
	out := make([]dayJSON, len(days))
	for i, d := range days {
		out[i] = dayJSON{Date: d.Date.String(), Name: d.Name, Kind: string(d.Kind), Source: d.SourceKind(), Ref: d.Reference()}
	}
	c.JSON(http.StatusOK, gin.H{"year": year, "days": out, "workdays": cal.WorkdaysBetween(roster.NewDate(year, 1, 1), roster.NewDate(year, 12, 31))})
}

// putHoliday makes a day a day off ("holiday") or a working day ("workday").
func (s *Server) putHoliday(c *gin.Context) {
	var v roster.Validator
	d := parseDay(&v, "date", c.Param("date"))
	var in struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	day := roster.SpecialDay{Date: d, Name: strings.TrimSpace(in.Name), Kind: roster.DayKind(in.Kind), Source: roster.SourceOverride}
	checkHoliday(&v, day)
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.PutHolidayOverride(c.Request.Context(), actor(c), day); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, dayJSON{Date: d.String(), Name: day.Name, Kind: string(day.Kind), Source: day.Source})
}

// checkHoliday validates a manager's override of a day (the pages borrow it).
func checkHoliday(v *roster.Validator, day roster.SpecialDay) {
	v.CheckText("name", day.Name, 200)
	v.Check(day.Kind.Valid(), "kind", roster.RuleOneOf, "must be holiday or workday")
}

// deleteHoliday removes a manager's override of a day.
func (s *Server) deleteHoliday(c *gin.Context) {
	d, err := roster.ParseDate(c.Param("date"))
	if err != nil {
		s.fail(c, errField("date", roster.RuleFormat, "must be a day YYYY-MM-DD"))
		return
	}
	if err := s.store.DeleteHolidayOverride(c.Request.Context(), actor(c), d); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
