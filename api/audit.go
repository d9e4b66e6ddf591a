package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster/store"
)

// listAudit pages the audit trail newest first: ?entity=&entity_id=&limit=&cursor=
// (cursor is the next_cursor of the previous page).
func (s *Server) listAudit(c *gin.Context) {
	limit, cursor, err := queryCursor(c, 100, 1000)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.ListAudit(c.Request.Context(), store.AuditFilter{Entity: c.Query("entity"), EntityID: c.Query("entity_id"), BeforeID: cursor, Limit: limit})
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]gin.H, len(list))
	for i, e := range list {
		out[i] = gin.H{"id": e.ID, "at": e.At.In(s.cfg.Loc).Format(time.RFC3339), "actor": e.Actor, "action": e.Action,
			"entity": e.Entity, "entity_id": e.EntityID, "detail": e.Detail}
	}
	resp := gin.H{"entries": out}
	if len(list) == limit {
		resp["next_cursor"] = list[len(list)-1].ID
	}
	c.JSON(http.StatusOK, resp)
}
