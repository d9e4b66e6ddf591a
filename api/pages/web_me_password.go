package pages

import (
	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webMePassword is POST /me/password (current, password, confirm): anyone
// signed in changes their own password. Their other sessions end; this one
// goes on.
func (s *Server) webMePassword(c *gin.Context) {
	ctx := c.Request.Context()
	u := caller(c).User
	l := s.webPageLang(c)
	cur, pw, confirm := c.PostForm("current"), c.PostForm("password"), c.PostForm("confirm")
	_, hash, err := s.store.UserByName(ctx, u.Name)
	if err != nil {
		s.webError(c, err)
		return
	}
	var v roster.Validator
	if hash == "" || bcrypt.CompareHashAndPassword([]byte(hash), []byte(cur)) != nil {
		v.Add("current", roster.RuleInvalid, "is not your current password")
	}
	if err := s.json.CheckPassword(pw); err != nil {
		v.Add("password", roster.RuleOf(err), "%s", roster.ErrorMessage(err))
	} else if confirm != pw {
		v.Add("confirm", roster.RuleInvalid, "does not match the new password")
	}
	if err := v.Err(); err != nil {
		errs := webSetupErrs(l, err, nil, map[string]string{"current": "me.pw.err.current", "password": "setup.user.hint.password", "confirm": "me.pw.err.confirm"})
		s.webRenderMe(c, statusOf(roster.ErrorCode(err)), nil, func(v *webMeView) { v.PasswordErrs = errs })
		return
	}
	newHash, err := bcrypt.GenerateFromPassword([]byte(pw), s.passwordCost)
	if err == nil {
		err = s.store.SetPassword(ctx, actor(c), u.ID, string(newHash))
	}
	if err == nil {
		err = s.webEndOtherSessions(c, u.ID)
	}
	if err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, "/me#password-h", "password_changed")
}

// webEndOtherSessions ends every session of the user and opens a new one
// for this browser, so that only it stays signed in.
func (s *Server) webEndOtherSessions(c *gin.Context, userID int64) error {
	ctx := c.Request.Context()
	if _, err := s.store.DeleteUserWebSessions(ctx, actor(c), userID); err != nil {
		return err
	}
	token := store.NewToken()
	ws, err := s.store.CreateWebSession(ctx, actor(c), userID, store.HashToken(token), store.NewSecret(), sessionTTL)
	if err != nil {
		return err
	}
	s.webSetSessionCookie(c, token, ws.ExpiresAt)
	return nil
}
