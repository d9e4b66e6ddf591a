package api

import (
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
)

// The JSON handlers' short names for package request, which they share
// with the pages.

// Problem is an RFC 9457 problem detail.
type Problem = request.Problem

// maxBody is the largest request body accepted.
const maxBody = request.MaxBody

func (s *Server) fail(c *gin.Context, err error) { request.Fail(c, s.log, err) }

func statusOf(code roster.Code) int          { return request.StatusOf(code) }
func writeProblem(c *gin.Context, p Problem) { request.WriteProblem(c, p) }
func errMalformed(field, msg string) error   { return request.ErrMalformed(field, msg) }
func errField(field, code, format string, args ...any) error {
	return request.ErrField(field, code, format, args...)
}
func bindJSON(c *gin.Context, v any) error                 { return request.BindJSON(c, v) }
func pathID(c *gin.Context, name string) (int64, error)    { return request.PathID(c, name) }
func ifMatchVersion(c *gin.Context) (int, error)           { return request.IfMatchVersion(c) }
func etag(version int) string                              { return request.ETag(version) }
func versioned(c *gin.Context, status, version int, b any) { request.Versioned(c, status, version, b) }
func itoa(i int) string                                    { return request.Itoa(i) }
func parseDay(v *roster.Validator, field, raw string) roster.Date {
	return request.ParseDay(v, field, raw)
}
func parseInstant(v *roster.Validator, field, raw string) time.Time {
	return request.ParseInstant(v, field, raw)
}
func queryInt(c *gin.Context, name string, def, min, max int) (int, error) {
	return request.QueryInt(c, name, def, min, max)
}
func queryCursor(c *gin.Context, def, max int) (int, int64, error) {
	return request.QueryCursor(c, def, max)
}
func queryOffset(c *gin.Context, def int) (int, int, error) { return request.QueryOffset(c, def) }
func queryDate(c *gin.Context, name string) (roster.Date, bool, error) {
	return request.QueryDate(c, name)
}
