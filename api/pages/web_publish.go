package pages

import (
	"fmt"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webPublish is POST /manage/sites/{code}/publish (from, to): a manager
// publishes the month grid's days; the site's contact e-mail receives the
// schedule, and a site without one is published with a warning.
func (s *Server) webPublish(c *gin.Context) {
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	var v roster.Validator
	from := parseDay(&v, "from", c.PostForm("from"))
	to := parseDay(&v, "to", c.PostForm("to"))
	if err := v.Err(); err == nil && to.Before(from) {
		v.Add("to", roster.RuleRange, "must not be before from")
	}
	if err := v.Err(); err != nil {
		s.webError(c, err)
		return
	}
	_, _, err = s.json.Publish(ctx, actor(c), site, from, to)
	if err != nil {
		s.webError(c, err)
		return
	}
	msg := "published"
	if site.ContactEmail == "" {
		msg = "published_no_email"
	}
	u := fmt.Sprintf("/manage/sites/%s?month=%04d-%02d", site.Code, from.Year, int(from.Month))
	webRedirect(c, u, msg)
}
