package api

import (
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// userCtx is the caller of a request, as the JSON handlers see it.
type userCtx struct {
	request.Caller
}

// ownsOfficer reports whether the caller is the officer id.
func (u userCtx) ownsOfficer(id int64) bool { return u.OwnsOfficer(id) }

// authenticate requires a valid bearer token (401 otherwise).
func (s *Server) authenticate(c *gin.Context) {
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	ok = ok && strings.EqualFold(scheme, "Bearer") // the scheme is case-insensitive (RFC 9110)
	if !ok || strings.TrimSpace(token) == "" {
		s.fail(c, roster.Errorf(roster.EUnauthorized, "missing bearer token: send Authorization: Bearer <token>"))
		return
	}
	// The request's cached reads share one reading of the change mark.
	c.Request = c.Request.WithContext(store.WithChangeMark(c.Request.Context()))
	u, err := s.store.UserByTokenHash(c.Request.Context(), store.HashToken(strings.TrimSpace(token)))
	if err != nil {
		if roster.ErrorCode(err) == roster.ENotFound {
			err = roster.Errorf(roster.EUnauthorized, "unknown token")
		}
		s.fail(c, err)
		return
	}
	request.SetCaller(c, u)
	c.Next()
}

// requireRole lets only the given roles through (403 otherwise).
func (s *Server) requireRole(roles ...roster.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		u := caller(c)
		if slices.Contains(roles, u.Role) {
			c.Next()
			return
		}
		s.fail(c, roster.Errorf(roster.EForbidden, "role %s may not %s %s", u.Role, c.Request.Method, c.FullPath()))
	}
}

func caller(c *gin.Context) userCtx { return userCtx{request.CallerOf(c)} }

// actor names the caller in the audit trail.
func actor(c *gin.Context) string { return request.Actor(c) }
