package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// publicationJSON is a published schedule.
type publicationJSON struct {
	ID          int64   `json:"id"`
	Site        string  `json:"site"`
	From        string  `json:"from"`
	To          string  `json:"to"`
	PublishedAt string  `json:"published_at"`
	PublishedBy string  `json:"published_by"`
	EmailedTo   *string `json:"emailed_to"` // the site's contact e-mail, null if it had none
	Number      *string `json:"number"`     // the document number, "12/LT-TTTGPL"; null for a publication made before numbers
}

func (s *Server) publicationJSON(p roster.Publication) publicationJSON {
	out := publicationJSON{ID: p.ID, Site: p.SiteCode, From: p.From.String(), To: p.To.String(),
		PublishedAt: p.PublishedAt.In(s.cfg.Loc).Format(time.RFC3339), PublishedBy: p.PublishedBy}
	if p.Recipient != "" {
		r := p.Recipient
		out.EmailedTo = &r
	}
	if n := p.NumberText(); n != "" {
		out.Number = &n
	}
	return out
}

// maxPublishDays is the longest period one publication may cover.
const maxPublishDays = 366

// publishSite is POST /api/v1/sites/{code}/publish {"from","to"}
// (managers): it records that the site's schedule for those days is
// published, for the site's contact_email. A notify job (QueueSchedules,
// on the next reminder scan) then e-mails the schedule through the outbox
// under the notification_key the answer gives. A site without a contact
// e-mail is published all the same; the answer says that nothing will be
// e-mailed. 201 with the publication and how many duties it lists.
func (s *Server) publishSite(c *gin.Context) {
	var in struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	from := parseDay(&v, "from", in.From)
	to := parseDay(&v, "to", in.To)
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	if to.Before(from) {
		s.fail(c, errField("to", roster.RuleRange, "must not be before from"))
		return
	}
	if from.DaysUntil(to)+1 > maxPublishDays {
		s.fail(c, errField("to", roster.RuleRange, "a publication covers at most %d days", maxPublishDays))
		return
	}
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	pub, listed, err := s.publish(ctx, actor(c), site, from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	p := s.publicationJSON(pub)
	resp := gin.H{"id": p.ID, "site": p.Site, "from": p.From, "to": p.To, "published_at": p.PublishedAt,
		"published_by": p.PublishedBy, "emailed_to": p.EmailedTo, "number": p.Number, "duties": listed}
	if site.ContactEmail != "" {
		resp["email"] = gin.H{"to": site.ContactEmail, "notification_key": roster.PublishKey(site.Code, pub), "status": roster.StatusPending,
			"detail": "the schedule is queued for e-mail to " + site.ContactEmail + "; GET /api/v1/notifications?kind=publish shows its delivery"}
	} else {
		resp["email"] = nil
		resp["detail"] = "published, but no e-mail was sent: site " + site.Code + " has no contact_email"
	}
	c.JSON(http.StatusCreated, resp)
}

// publish records the publication of a site's schedule from from to to
// and counts the duties it lists (the pages borrow it).
func (s *Server) publish(ctx context.Context, actor string, site roster.Site, from, to roster.Date) (roster.Publication, int, error) {
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID,
		From: from.In(s.cfg.Loc), To: to.AddDays(1).In(s.cfg.Loc)})
	if err != nil {
		return roster.Publication{}, 0, err
	}
	listed := 0
	for _, a := range duties {
		if roster.OnSchedule(a, from, to, s.cfg.Loc) {
			listed++
		}
	}
	pub, err := s.store.CreatePublication(ctx, actor, roster.Publication{SiteID: site.ID, From: from, To: to, Recipient: site.ContactEmail})
	return pub, listed, err
}

// listPublications is GET /api/v1/sites/{code}/publications: the site's
// publications, the latest first.
func (s *Server) listPublications(c *gin.Context) {
	limit, err := queryInt(c, "limit", 100, 1, 1000)
	if err != nil {
		s.fail(c, err)
		return
	}
	site, err := s.store.Site(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListPublications(c.Request.Context(), store.PublicationFilter{SiteID: site.ID, Limit: limit})
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]publicationJSON, len(list))
	for i, p := range list {
		out[i] = s.publicationJSON(p)
	}
	c.JSON(http.StatusOK, gin.H{"site": site.Code, "publications": out})
}
