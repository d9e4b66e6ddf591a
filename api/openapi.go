package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/api/openapi"
	"lichtruc/roster"
)

// openapiJSON answers the OpenAPI 3.1 description of the JSON API (files in
// api/openapi, merged once when the routes are made).
func (s *Server) openapiJSON() gin.HandlerFunc {
	doc, err := openapi.JSON()
	if err != nil {
		return func(c *gin.Context) {
			s.fail(c, roster.Errorf(roster.EInternal, "the OpenAPI description does not load: %v", err))
		}
	}
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "application/json; charset=utf-8", doc)
	}
}
