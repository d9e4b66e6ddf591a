package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// Sign-in lock-out of wrong current passwords given to POST /me/password:
// as many as the pages allow at sign-in.
const (
	ownPasswordMaxFailures = 5
	ownPasswordLockFor     = 15 * time.Minute
)

// setUserPassword handles POST /api/v1/users/{id}/password {"password"}: a
// manager sets the password a user signs in to the pages with. It is
// stored as a bcrypt hash; the user's open sessions end and a lock-out of
// the name is lifted (store.ResetPassword).
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
	hash, err := s.passwords.Hash(ctx, *in.Password)
	if err != nil {
		s.fail(c, err)
		return
	}
	if u, _, err = s.store.ResetPassword(ctx, actor(c), u.Name, hash); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(u))
}

// changeOwnPassword handles POST /api/v1/me/password {"current_password",
// "password"}: any user changes their own page password, proving the
// current one. Wrong current passwords count towards the name's sign-in
// lock-out; a change ends the user's sessions.
func (s *Server) changeOwnPassword(c *gin.Context) {
	var in struct {
		Current  *string `json:"current_password"`
		Password *string `json:"password"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	v.Check(in.Current != nil && *in.Current != "", "current_password", roster.RuleRequired, "is required")
	v.Check(in.Password != nil, "password", roster.RuleRequired, "is required")
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	if err := roster.CheckPassword(*in.Password); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	me := caller(c).User
	until, _, allowed, err := s.store.CountLoginAttempt(ctx, me.Name, ownPasswordMaxFailures, ownPasswordLockFor)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !allowed {
		s.fail(c, &roster.Error{Code: roster.EForbidden, Rule: roster.RuleForbidden,
			Message: "too many wrong passwords: locked until " + until.Format("2006-01-02T15:04:05Z07:00")})
		return
	}
	_, hash, err := s.store.UserByName(ctx, me.Name)
	if err != nil {
		s.fail(c, err)
		return
	}
	ok := false
	if hash != "" {
		if ok, err = s.passwords.Check(ctx, hash, *in.Current); err != nil {
			s.fail(c, err)
			return
		}
	}
	if !ok {
		s.fail(c, errField("current_password", roster.RuleInvalid, "is not the current password"))
		return
	}
	newHash, err := s.passwords.Hash(ctx, *in.Password)
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.ChangeOwnPassword(ctx, me.ID, newHash, ""); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.ResetLoginFailures(ctx, me.Name); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(me))
}

// checkPassword validates a new password (the pages borrow it): roster's
// one rule.
func checkPassword(pw *string) error {
	if pw == nil {
		return errField("password", roster.RuleRequired, "is required")
	}
	return roster.CheckPassword(*pw)
}
