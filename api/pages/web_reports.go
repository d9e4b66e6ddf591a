package pages

import (
	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The managers' CSV reports: those of the JSON side, for a signed-in
// manager.

// webOutreachCSV is GET /manage/reports/outreach.csv?year=&by=&sep=: the
// CSV of GET /api/v1/reports/outreach?format=csv, for a signed-in manager.
func (s *Server) webOutreachCSV(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	by := c.DefaultQuery("by", "month")
	if by != "month" && by != "partner" {
		s.webError(c, errField("by", roster.RuleOneOf, "must be month or partner"))
		return
	}
	if err := s.json.OutreachCSV(c, year, by); err != nil {
		s.webError(c, err)
	}
}

// webDutiesCSV is GET /manage/reports/duties.csv?year=&sep=: the CSV of
// GET /api/v1/reports/duties?format=csv&year=, for a signed-in manager.
func (s *Server) webDutiesCSV(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	if err := s.json.DutiesCSV(c, year); err != nil {
		s.webError(c, err)
	}
}
