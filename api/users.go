package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

type userJSON struct {
	ID        int64       `json:"id"`
	Name      string      `json:"name"`
	Role      roster.Role `json:"role"`
	OfficerID *int64      `json:"officer_id,omitempty"`
	Disabled  bool        `json:"disabled"`
	Token     string      `json:"token,omitempty"`
}

func toUserJSON(u roster.User) userJSON {
	return userJSON{ID: u.ID, Name: u.Name, Role: u.Role, OfficerID: u.OfficerID, Disabled: u.Disabled}
}

type userInput struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	OfficerID *int64 `json:"officer_id"`
}

// check validates a new user (the pages borrow it): roster's one rule
// (only officer users are linked to an officer).
func (in userInput) check() error {
	return roster.CheckNewUser(roster.User{Name: in.Name, Role: roster.Role(in.Role), OfficerID: in.OfficerID})
}

// createUser makes a user and shows its API token this once.
func (s *Server) createUser(c *gin.Context) {
	var in userInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if err := in.check(); err != nil {
		s.fail(c, err)
		return
	}
	token := store.NewToken()
	u, err := s.store.CreateUser(c.Request.Context(), actor(c), roster.User{Name: in.Name, Role: roster.Role(in.Role), OfficerID: in.OfficerID}, store.HashToken(token))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := toUserJSON(u)
	out.Token = token
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}

func (s *Server) listUsers(c *gin.Context) {
	users, err := s.store.ListUsers(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]userJSON, len(users))
	for i, u := range users {
		out[i] = toUserJSON(u)
	}
	c.JSON(http.StatusOK, gin.H{"users": out})
}

// rotateUserToken gives a user a new API token (shown once); the old one stops working.
func (s *Server) rotateUserToken(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	token := store.NewToken()
	if err := s.store.RotateUserToken(c.Request.Context(), actor(c), id, store.HashToken(token)); err != nil {
		s.fail(c, err)
		return
	}
	u, err := s.store.User(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := toUserJSON(u)
	out.Token = token
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
}

// me returns the caller.
func (s *Server) me(c *gin.Context) {
	c.JSON(http.StatusOK, toUserJSON(caller(c).User))
}

// updateUser handles PATCH /api/v1/users/{id} {"disabled": true|false}: a
// disabled user's token and sessions stop working at once; enabling it
// lets its token work again.
func (s *Server) updateUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		Disabled *bool `json:"disabled"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Disabled == nil {
		s.fail(c, errField("disabled", roster.RuleRequired, "is required: true or false"))
		return
	}
	if *in.Disabled && id == caller(c).ID {
		s.fail(c, errField("disabled", roster.RuleInvalid, "a manager cannot disable their own user"))
		return
	}
	u, err := s.store.SetUserDisabled(c.Request.Context(), actor(c), id, *in.Disabled)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toUserJSON(u))
}

// deleteUser handles DELETE /api/v1/users/{id}: the user, its sessions and
// lock-out go; the audit trail keeps its name.
func (s *Server) deleteUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if id == caller(c).ID {
		s.fail(c, errField("id", roster.RuleInvalid, "a manager cannot remove their own user"))
		return
	}
	if err := s.store.DeleteUser(c.Request.Context(), actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// unlockUser handles POST /api/v1/users/{id}/unlock: a manager ends the
// sign-in lock-out of the user's name.
func (s *Server) unlockUser(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	u, was, err := s.store.UnlockUser(c.Request.Context(), actor(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"user": toUserJSON(u), "was_locked": was})
}
