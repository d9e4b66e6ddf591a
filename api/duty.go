package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The duty lookup: GET /api/v1/duty?site=CODE[&at=INSTANT], who is on duty
// at a site at an instant (now by default), with phones, as
// roster.OnDutyAt decides.

type onDutyJSON struct {
	OfficerID int64  `json:"officer_id"`
	FullName  string `json:"full_name"`
	Phone     string `json:"phone"`
	Role      string `json:"role"`
	Slot      string `json:"slot"`
	Start     string `json:"start"`
	End       string `json:"end"`
}

// duty answers "who is on duty at this site at this instant", with phones.
func (s *Server) duty(c *gin.Context) {
	var v roster.Validator
	code := c.Query("site")
	v.Check(code != "", "site", roster.RuleRequired, "is required")
	at := s.nowLocal()
	if raw := c.Query("at"); raw != "" {
		at = parseInstant(&v, "at", raw)
	}
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, code)
	if err != nil {
		s.fail(c, err)
		return
	}
	on, err := s.onDuty(c, site, at)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"site": site.Code, "name": site.Name, "reception_phone": site.ReceptionPhone,
		"at": at.In(s.cfg.Loc).Format(time.RFC3339), "on_duty": on})
}

// onDuty lists who is on duty at site at the instant, primaries first.
func (s *Server) onDuty(c *gin.Context, site roster.Site, at time.Time) ([]onDutyJSON, error) {
	ctx := c.Request.Context()
	as, err := s.store.OnDuty(ctx, site.ID, at)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(as))
	for i, a := range as {
		ids[i] = a.OfficerID
	}
	byID, err := s.store.OfficersByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]onDutyJSON, 0, len(as))
	for _, a := range as {
		o := byID[a.OfficerID]
		out = append(out, onDutyJSON{OfficerID: o.ID, FullName: o.FullName, Phone: o.Phone, Role: string(a.Role), Slot: a.SlotName,
			Start: a.Start.In(s.cfg.Loc).Format(time.RFC3339), End: a.End.In(s.cfg.Loc).Format(time.RFC3339)})
	}
	return out, nil
}
