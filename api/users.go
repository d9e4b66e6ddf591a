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
	Token     string      `json:"token,omitempty"`
}

func toUserJSON(u roster.User) userJSON {
	return userJSON{ID: u.ID, Name: u.Name, Role: u.Role, OfficerID: u.OfficerID}
}

type userInput struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	OfficerID *int64 `json:"officer_id"`
}

// check validates a new user (the pages borrow it).
func (in userInput) check() error {
	var v roster.Validator
	v.CheckText("name", in.Name, 100)
	v.Check(roster.Role(in.Role).Valid(), "role", roster.RuleOneOf, "must be manager, officer or reception")
	v.Check(in.Role != string(roster.RoleOfficer) || in.OfficerID != nil, "officer_id", roster.RuleRequired, "is required for role officer")
	return v.Err()
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
	c.JSON(http.StatusOK, out)
}

// me returns the caller.
func (s *Server) me(c *gin.Context) {
	c.JSON(http.StatusOK, toUserJSON(caller(c).User))
}
