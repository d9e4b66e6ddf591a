package api

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// notificationJSON is one outbox message as managers see it: what it is,
// to whom, and how its delivery went.
type notificationJSON struct {
	ID                int64   `json:"id"`
	Key               string  `json:"key"`
	Kind              string  `json:"kind"`
	Event             string  `json:"event"`
	Channel           string  `json:"channel"`
	Recipient         string  `json:"recipient"`
	OfficerID         *int64  `json:"officer_id"`
	AssignmentID      *int64  `json:"assignment_id"`
	AssignmentVersion int     `json:"assignment_version,omitempty"`
	SiteID            *int64  `json:"site_id"`
	Subject           string  `json:"subject"`
	Status            string  `json:"status"`
	Attempts          int     `json:"attempts"`
	LastError         string  `json:"last_error"`
	DueAt             string  `json:"due_at"`
	NextAttemptAt     *string `json:"next_attempt_at"`
	LeaseUntil        *string `json:"lease_until"`
	GiveUpAt          *string `json:"give_up_at"`
	CreatedAt         string  `json:"created_at"`
	UpdatedAt         string  `json:"updated_at"`
	SentAt            *string `json:"sent_at"`
}

var (
	notificationStatuses = roster.NotificationStatuses()
	notificationKinds    = roster.NotificationKinds()
	notificationChannels = roster.NotificationChannels()
)

func (s *Server) notificationJSON(n store.Notification) notificationJSON {
	at := func(t time.Time) string { return t.In(s.cfg.Loc).Format(time.RFC3339) }
	opt := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		v := at(*t)
		return &v
	}
	out := notificationJSON{ID: n.ID, Key: n.Key, Kind: n.Kind, Event: n.Event, Channel: n.Channel, Recipient: n.Recipient,
		OfficerID: n.OfficerID, AssignmentID: n.AssignmentID, AssignmentVersion: n.AssignmentVersion, SiteID: n.SiteID,
		Subject: n.Subject, Status: n.Status, Attempts: n.Attempts, LastError: n.LastError, DueAt: at(n.DueAt),
		LeaseUntil: opt(n.LeaseUntil), GiveUpAt: opt(n.GiveUpAt), CreatedAt: at(n.CreatedAt), UpdatedAt: at(n.UpdatedAt),
		SentAt: opt(n.SentAt)}
	// When the next attempt comes matters only while one will.
	if n.Status == roster.StatusPending || n.Status == roster.StatusFailed {
		out.NextAttemptAt = opt(&n.NextAttemptAt)
	}
	return out
}

// listNotifications is GET /api/v1/notifications (managers): every message
// of the outbox, newest first, sent or not, with its attempts and last
// error. Filters: status, kind, channel, officer_id, assignment_id; paging
// with limit and cursor (the next_cursor of the previous page).
func (s *Server) listNotifications(c *gin.Context) {
	var f store.NotificationFilter
	for _, q := range []struct {
		name    string
		allowed []string
		dst     *string
	}{{"status", notificationStatuses, &f.Status}, {"kind", notificationKinds, &f.Kind}, {"channel", notificationChannels, &f.Channel}} {
		v := c.Query(q.name)
		if v != "" && !slices.Contains(q.allowed, v) {
			s.fail(c, errField(q.name, roster.RuleOneOf, "must be one of %v", q.allowed))
			return
		}
		*q.dst = v
	}
	limit, cursor, err := queryCursor(c, 100, 1000)
	if err != nil {
		s.fail(c, err)
		return
	}
	officer, err := queryInt(c, "officer_id", 0, 1, 1<<62)
	if err != nil {
		s.fail(c, err)
		return
	}
	assignment, err := queryInt(c, "assignment_id", 0, 1, 1<<62)
	if err != nil {
		s.fail(c, err)
		return
	}
	f.OfficerID, f.AssignmentID, f.BeforeID, f.Limit = int64(officer), int64(assignment), cursor, limit
	list, err := s.store.ListNotifications(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	counts, err := s.store.OutboxCounts(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]notificationJSON, len(list))
	for i, n := range list {
		out[i] = s.notificationJSON(n)
	}
	resp := gin.H{"notifications": out, "counts": counts}
	if len(list) == limit {
		resp["next_cursor"] = list[len(list)-1].ID
	}
	c.JSON(http.StatusOK, resp)
}
