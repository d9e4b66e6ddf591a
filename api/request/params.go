package request

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// PathID parses a numeric path parameter; a non-number is 404, as no such
// thing exists.
func PathID(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, roster.Errorf(roster.ENotFound, "%s %q not found", name, c.Param(name))
	}
	return id, nil
}

// QueryInt parses an optional integer query parameter within [min, max].
func QueryInt(c *gin.Context, name string, def, min, max int) (int, error) {
	raw := c.Query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < min || n > max {
		return 0, ErrField(name, roster.RuleRange, "must be an integer from %d to %d", min, max)
	}
	return n, nil
}

// QueryCursor reads cursor paging: ?limit= from 1 to max (def when absent)
// and ?cursor=, the next_cursor of the previous page (0, the default, for
// the newest).
func QueryCursor(c *gin.Context, def, max int) (limit int, cursor int64, err error) {
	if limit, err = QueryInt(c, "limit", def, 1, max); err != nil {
		return 0, 0, err
	}
	n, err := QueryInt(c, "cursor", 0, 0, 1<<62)
	return limit, int64(n), err
}

// QueryOffset reads offset paging: ?limit= from 1 to 1000 (def when
// absent) and ?offset=.
func QueryOffset(c *gin.Context, def int) (limit, offset int, err error) {
	if limit, err = QueryInt(c, "limit", def, 1, 1000); err != nil {
		return 0, 0, err
	}
	offset, err = QueryInt(c, "offset", 0, 0, 1<<30)
	return limit, offset, err
}

// QueryDate parses an optional `YYYY-MM-DD` query parameter.
func QueryDate(c *gin.Context, name string) (roster.Date, bool, error) {
	raw := c.Query(name)
	if raw == "" {
		return roster.Date{}, false, nil
	}
	d, err := roster.ParseDate(raw)
	if err != nil {
		return roster.Date{}, false, ErrField(name, roster.RuleFormat, "must be a day YYYY-MM-DD")
	}
	if fe := checkYear(name, d.Year); fe != nil {
		return roster.Date{}, false, roster.Invalid(*fe)
	}
	return d, true, nil
}

// ParseInstant parses an RFC 3339 instant with offset.
func ParseInstant(v *roster.Validator, field, raw string) time.Time {
	if raw == "" {
		v.Add(field, roster.RuleRequired, "is required (RFC 3339 with offset, e.g. 2027-01-04T07:30:00+07:00)")
		return time.Time{}
	}
	// An unencoded "+07:00" in a query string arrives as " 07:00".
	t, err := time.Parse(time.RFC3339, strings.Replace(raw, " ", "+", 1))
	if err != nil {
		v.Add(field, roster.RuleFormat, "must be an RFC 3339 instant with offset, e.g. 2027-01-04T07:30:00+07:00")
	} else if fe := checkYear(field, t.Year()); fe != nil {
		v.Fields = append(v.Fields, *fe)
	}
	return t
}

// ParseDay parses a required `YYYY-MM-DD` body field.
func ParseDay(v *roster.Validator, field, raw string) roster.Date {
	d, err := roster.ParseDate(raw)
	if err != nil {
		v.Add(field, roster.RuleFormat, "must be a day YYYY-MM-DD")
	} else if fe := checkYear(field, d.Year); fe != nil {
		v.Fields = append(v.Fields, *fe)
	}
	return d
}

// IfMatchVersion reads If-Match as a version number; 0 when absent. A
// value that names no version can never match (412).
func IfMatchVersion(c *gin.Context) (int, error) {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	h = strings.TrimPrefix(h, "W/")
	n, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || n <= 0 {
		return 0, roster.Errorf(roster.EPrecondition, "If-Match %s does not match the current version", h)
	}
	return n, nil
}

// ETag is the entity tag of version.
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// Versioned answers body with status and the ETag of version, so the
// client can send it back as If-Match.
func Versioned(c *gin.Context, status, version int, body any) {
	c.Header("ETag", ETag(version))
	c.JSON(status, body)
}

// Itoa is strconv.Itoa, short for building messages.
func Itoa(i int) string { return strconv.Itoa(i) }
