package api

import (
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
)

// Password rules for signing in to the pages. bcrypt reads at most 72 bytes.
const (
	webMinPasswordRunes = 8
	webMaxPasswordBytes = 72
)

// setUserPassword handles POST /api/v1/users/{id}/password {"password"}: a
// manager sets the password a user signs in to the pages with. It is
// stored as a bcrypt hash, and the user's open sessions end.
func (s *Server) setUserPassword(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		Password *string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if err := checkPassword(in.Password); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	u, err := s.store.User(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(*in.Password), s.passwordCost)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.SetPassword(ctx, actor(c), id, string(hash)); err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.store.DeleteUserWebSessions(ctx, actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(u))
}

// checkPassword validates a new password (the pages borrow it).
func checkPassword(pw *string) error {
	var v roster.Validator
	switch {
	case pw == nil:
		v.Add("password", roster.RuleRequired, "is required")
	case utf8.RuneCountInString(*pw) < webMinPasswordRunes:
		v.Add("password", roster.RuleRange, "must have at least %d characters", webMinPasswordRunes)
	case len(*pw) > webMaxPasswordBytes:
		v.Add("password", roster.RuleTooLong, "must be at most %d bytes", webMaxPasswordBytes)
	}
	return v.Err()
}
