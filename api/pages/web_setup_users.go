package pages

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webUserRow is a user of the list.
type webUserRow struct {
	roster.User
	OfficerName string
	HasPassword bool
	Locked      bool
}

// webUserForm is the new-user form as typed.
type webUserForm struct {
	Name, Role, OfficerID string
}

// webUsersView is /manage/users.
type webUsersView struct {
	Q        string
	Rows     []webUserRow
	Officers []roster.Officer
	Roles    []roster.Role
	Form     webUserForm
	Errs     webFieldErrs
	Token    string // a new API token, shown this once
	TokenFor string
}

func (s *Server) webUsersView(ctx context.Context, q string) (webUsersView, error) {
	v := webUsersView{Q: q, Roles: []roster.Role{roster.RoleOfficer, roster.RoleManager, roster.RoleReception},
		Form: webUserForm{Role: string(roster.RoleOfficer)}}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return v, err
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		return v, err
	}
	names := map[int64]string{}
	for _, o := range officers {
		names[o.ID] = o.FullName
		if o.Active {
			v.Officers = append(v.Officers, o)
		}
	}
	for _, u := range users {
		r := webUserRow{User: u}
		if u.OfficerID != nil {
			r.OfficerName = names[*u.OfficerID]
		}
		if !webMatches(q, u.Name, r.OfficerName) {
			continue
		}
		_, hash, err := s.store.UserByName(ctx, u.Name)
		if err != nil {
			return v, err
		}
		r.HasPassword = hash != ""
		until, locked, err := s.store.LoginLockedUntil(ctx, u.Name)
		if err != nil {
			return v, err
		}
		r.Locked = locked && until.After(s.now())
		v.Rows = append(v.Rows, r)
	}
	return v, nil
}

// webUsers is GET /manage/users?q=.
func (s *Server) webUsers(c *gin.Context) { s.webRenderUsers(c, 0, func(*webUsersView) {}) }

func (s *Server) webRenderUsers(c *gin.Context, status int, set func(*webUsersView)) {
	v, err := s.webUsersView(c.Request.Context(), c.Query("q"))
	if err != nil {
		s.webError(c, err)
		return
	}
	set(&v)
	s.webSetupPage(c, webOK(status), "users", "setup.users.title", "users", v)
}

// webCreateUser is POST /manage/users: a user with a role (an officer
// user names its officer; no other role does), its API token shown once.
func (s *Server) webCreateUser(c *gin.Context) {
	l := s.webPageLang(c)
	f := webUserForm{Name: strings.TrimSpace(c.PostForm("name")), Role: c.PostForm("role"), OfficerID: c.PostForm("officer_id")}
	u := roster.User{Name: f.Name, Role: roster.Role(f.Role)}
	var v roster.Validator
	if f.OfficerID != "" {
		id, err := strconv.ParseInt(f.OfficerID, 10, 64)
		v.Check(err == nil, "officer_id", roster.RuleFormat, "must be an officer's id")
		v.Check(u.Role == roster.RoleOfficer, "officer_id", roster.RuleInvalid, "only an officer user links to an officer")
		u.OfficerID = &id
	}
	err := v.Err()
	if err == nil {
		err = s.json.CheckUser(u)
	}
	token := store.NewToken()
	if err == nil {
		u, err = s.store.CreateUser(c.Request.Context(), actor(c), u, store.HashToken(token))
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(l, err, nil, nil), func(status int, errs webFieldErrs) {
			s.webRenderUsers(c, status, func(v *webUsersView) { v.Form, v.Errs = f, errs })
		})
		return
	}
	s.webRenderUsers(c, http.StatusCreated, func(v *webUsersView) { v.Token, v.TokenFor = token, u.Name })
}

// webUserOf reads the user of the path.
func (s *Server) webUserOf(c *gin.Context) (roster.User, bool) {
	id, err := pathID(c, "id")
	if err == nil {
		var u roster.User
		if u, err = s.store.User(c.Request.Context(), id); err == nil {
			return u, true
		}
	}
	s.webError(c, err)
	return roster.User{}, false
}

// webUserPassword is POST /manage/users/{id}/password: a manager sets a
// user's password; the user's lock-out and sessions end.
func (s *Server) webUserPassword(c *gin.Context) {
	u, ok := s.webUserOf(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	pw := c.PostForm("password")
	if err := s.json.CheckPassword(pw); err != nil {
		input := func(string) string { return "password_" + strconv.FormatInt(u.ID, 10) }
		errs := webSetupErrs(s.webPageLang(c), err, input, map[string]string{"password_" + strconv.FormatInt(u.ID, 10): "setup.user.hint.password"})
		s.webSetupFail(c, err, errs, func(status int, errs webFieldErrs) {
			s.webRenderUsers(c, status, func(v *webUsersView) { v.Errs = errs })
		})
		return
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), s.passwordCost)
	if err == nil {
		err = s.store.SetPassword(ctx, actor(c), u.ID, string(hash))
	}
	if err == nil {
		_, err = s.store.DeleteUserWebSessions(ctx, actor(c), u.ID)
	}
	if err == nil {
		err = s.store.ResetLoginFailures(ctx, u.Name)
	}
	if err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, "/manage/users", "password_set")
}

// webUserToken is POST /manage/users/{id}/token: a new API token, shown
// once; the old one stops working.
func (s *Server) webUserToken(c *gin.Context) {
	u, ok := s.webUserOf(c)
	if !ok {
		return
	}
	token := store.NewToken()
	if err := s.store.RotateUserToken(c.Request.Context(), actor(c), u.ID, store.HashToken(token)); err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderUsers(c, http.StatusOK, func(v *webUsersView) { v.Token, v.TokenFor = token, u.Name })
}

// webUserDisable is POST /manage/users/{id}/disable: the user's sessions
// end, its password is cleared and its API token stops working. A new
// password (or token) opens it again.
func (s *Server) webUserDisable(c *gin.Context) {
	u, ok := s.webUserOf(c)
	if !ok {
		return
	}
	if u.ID == caller(c).ID {
		s.webError(c, errField("id", roster.RuleForbidden, "you cannot disable your own account"))
		return
	}
	if err := s.webCloseAccount(c.Request.Context(), actor(c), u.ID); err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, "/manage/users", "user_disabled")
}

// webUserUnlock is POST /manage/users/{id}/unlock: the user may try to
// sign in again at once.
func (s *Server) webUserUnlock(c *gin.Context) {
	u, ok := s.webUserOf(c)
	if !ok {
		return
	}
	if err := s.store.ResetLoginFailures(c.Request.Context(), u.Name); err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, "/manage/users", "user_unlocked")
}
