package api

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"lichtruc/api/openapi"
	"lichtruc/roster"
)

// openapiJSON answers the OpenAPI 3.1 description of the JSON API (files in
// api/openapi), merged on the first request and kept.
func (s *Server) openapiJSON() gin.HandlerFunc {
	doc := sync.OnceValues(openapi.JSON)
	return func(c *gin.Context) {
		b, err := doc()
		if err != nil {
			s.fail(c, roster.Errorf(roster.EInternal, "the OpenAPI description does not load: %v", err))
			return
		}
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "application/json; charset=utf-8", b)
	}
}
