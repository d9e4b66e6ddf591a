package request

import (
	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// callerKey is where authentication leaves the caller in the gin context.
const callerKey = "lichtruc.user"

// Caller is the signed-in user of a request (by token or by page session).
type Caller struct {
	roster.User
}

// OwnsOfficer reports whether the caller is the officer id.
func (u Caller) OwnsOfficer(id int64) bool {
	return u.Role == roster.RoleOfficer && u.OfficerID != nil && *u.OfficerID == id
}

// ActFor fills an unset officer reference with the officer the caller acts
// as, and reports whether the caller may act for the officer it then
// names: a manager for anyone, an officer for itself.
func (u Caller) ActFor(id **int64) bool {
	if *id == nil {
		if o, ok := u.Officer(); ok {
			*id = &o
		}
	}
	return u.Role == roster.RoleManager || (*id != nil && u.OwnsOfficer(**id))
}

// Officer is the officer the caller acts as: only officer users act as
// officers, whatever other users are linked to.
func (u Caller) Officer() (int64, bool) {
	if u.Role != roster.RoleOfficer || u.OfficerID == nil {
		return 0, false
	}
	return *u.OfficerID, true
}

// SetCaller makes u the caller of the request.
func SetCaller(c *gin.Context, u roster.User) { c.Set(callerKey, Caller{u}) }

// CallerOf is the caller of the request; the zero Caller when nobody signed in.
func CallerOf(c *gin.Context) Caller {
	v, _ := c.Get(callerKey)
	u, _ := v.(Caller)
	return u
}

// SignedIn reports whether the request has a caller.
func SignedIn(c *gin.Context) bool {
	_, ok := c.Get(callerKey)
	return ok
}

// Actor names the caller in the audit trail.
func Actor(c *gin.Context) string {
	u := CallerOf(c)
	if u.Name == "" {
		return "anonymous"
	}
	return u.Name
}
