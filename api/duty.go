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
	// One query: the site, its duties on at the instant and their officers.
	d, err := s.store.DutyAt(c.Request.Context(), code, at)
	if err != nil {
		s.fail(c, err)
		return
	}
	on := make([]onDutyJSON, 0, len(d.OnDuty))
	for _, a := range d.OnDuty {
		o := d.Officers[a.OfficerID]
		on = append(on, onDutyJSON{OfficerID: o.ID, FullName: o.FullName, Phone: o.Phone, Role: string(a.Role), Slot: a.SlotName,
			Start: a.Start.In(s.cfg.Loc).Format(time.RFC3339), End: a.End.In(s.cfg.Loc).Format(time.RFC3339)})
	}
	c.JSON(http.StatusOK, gin.H{"site": d.Site.Code, "name": d.Site.Name, "reception_phone": d.Site.ReceptionPhone,
		"at": at.In(s.cfg.Loc).Format(time.RFC3339), "on_duty": on})
}
