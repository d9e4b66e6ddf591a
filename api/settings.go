package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// getSettings is GET /api/v1/settings (managers): the Center's settings,
// with their version as ETag.
func (s *Server) getSettings(c *gin.Context) {
	set, err := s.store.Settings(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, set.Version, set)
}

// putSettings is PUT /api/v1/settings (managers). The body is the settings
// or part of them: a group or field it leaves out keeps its value. The
// version comes from If-Match or the body's "version" (one of them, or the
// current version when neither is sent); a stale one is 412. Invalid
// settings are 422, each bad field named by its JSON path. Audited.
func (s *Server) putSettings(c *gin.Context) {
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	cur, err := s.store.Settings(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := cur.Clone()
	in.Version = 0
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	switch {
	case ver != 0 && in.Version != 0 && ver != in.Version:
		s.fail(c, roster.Errorf(roster.EPrecondition, "If-Match %d and version %d differ", ver, in.Version))
		return
	case ver == 0 && in.Version == 0:
		in.Version = cur.Version
	case ver != 0:
		in.Version = ver
	}
	set, err := s.store.UpdateSettings(ctx, actor(c), in)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, set.Version, set)
}
