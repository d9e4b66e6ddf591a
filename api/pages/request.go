package pages

import (
	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
)

// The pages' short names for package request, which they share with the
// JSON handlers, and for what they borrow from them.

func statusOf(code roster.Code) int        { return request.StatusOf(code) }
func caller(c *gin.Context) request.Caller { return request.CallerOf(c) }
func actor(c *gin.Context) string          { return request.Actor(c) }
func errField(field, code, format string, args ...any) error {
	return request.ErrField(field, code, format, args...)
}
func pathID(c *gin.Context, name string) (int64, error) { return request.PathID(c, name) }
func parseDay(v *roster.Validator, field, raw string) roster.Date {
	return request.ParseDay(v, field, raw)
}
func queryInt(c *gin.Context, name string, def, min, max int) (int, error) {
	return request.QueryInt(c, name, def, min, max)
}
func queryCursor(c *gin.Context, def, max int) (int, int64, error) {
	return request.QueryCursor(c, def, max)
}

func (s *Server) boardURL(site roster.Site) string       { return s.json.BoardURL(site) }
func (s *Server) officerFeedURL(o roster.Officer) string { return s.json.OfficerFeedURL(o) }
