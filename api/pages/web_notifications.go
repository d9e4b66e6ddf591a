package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webNotificationRow is an outbox message as the page shows it.
type webNotificationRow struct {
	store.Notification
	Officer string // the officer's name, "" when it is about none
	Retry   bool   // waiting for an attempt: NextAttemptAt applies
}

// webStatusCount is a status with how many messages have it, as a filter link.
type webStatusCount struct {
	Status string
	N      int
	URL    string
}

// webNotificationsView is GET /manage/notifications.
type webNotificationsView struct {
	Status, Kind string
	Limit        int
	Statuses     []string
	Kinds        []string
	Counts       []webStatusCount
	Rows         []webNotificationRow
	NextURL      string // the next (older) page, "" on the last
	FirstURL     string // the newest page with the same filters, "" on it
}

// webNotificationsPageSize is how many messages a page shows by default.
const webNotificationsPageSize = 50

// webNotificationsURL is the page with these filters from cursor on.
func webNotificationsURL(status, kind string, limit int, cursor int64) string {
	q := url.Values{}
	if status != "" {
		q.Set("status", status)
	}
	if kind != "" {
		q.Set("kind", kind)
	}
	if limit != webNotificationsPageSize {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor > 0 {
		q.Set("cursor", strconv.FormatInt(cursor, 10))
	}
	if len(q) == 0 {
		return "/manage/notifications"
	}
	return "/manage/notifications?" + q.Encode()
}

// webNotifications is GET /manage/notifications?status=&kind=&cursor=:
// the outbox, newest first, through the same store.ListNotifications as GET
// /api/v1/notifications, so that a manager sees who was reminded, what is
// waiting and what failed, and why.
func (s *Server) webNotifications(c *gin.Context) {
	v := webNotificationsView{Status: c.Query("status"), Kind: c.Query("kind"), Statuses: s.json.NotificationStatuses, Kinds: s.json.NotificationKinds}
	if v.Status != "" && !slices.Contains(s.json.NotificationStatuses, v.Status) {
		s.webError(c, errField("status", roster.RuleOneOf, "must be one of %v", s.json.NotificationStatuses))
		return
	}
	if v.Kind != "" && !slices.Contains(s.json.NotificationKinds, v.Kind) {
		s.webError(c, errField("kind", roster.RuleOneOf, "must be one of %v", s.json.NotificationKinds))
		return
	}
	limit, cursor, err := queryCursor(c, webNotificationsPageSize, 200)
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Limit = limit
	ctx := c.Request.Context()
	// One more than the page shows: whether it exists says whether there
	// is an older page, so the last page has no link to an empty one.
	list, err := s.store.ListNotifications(ctx, store.NotificationFilter{Status: v.Status, Kind: v.Kind, BeforeID: cursor, Limit: limit + 1})
	if err != nil {
		s.webError(c, err)
		return
	}
	more := len(list) > limit
	list = list[:min(len(list), limit)]
	counts, err := s.store.OutboxCounts(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, _, err := s.webOfficersByID(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, st := range s.json.NotificationStatuses {
		if counts[st] > 0 {
			v.Counts = append(v.Counts, webStatusCount{Status: st, N: counts[st], URL: webNotificationsURL(st, v.Kind, limit, 0)})
		}
	}
	for _, n := range list {
		r := webNotificationRow{Notification: n, Retry: n.Status == roster.StatusPending || n.Status == roster.StatusFailed}
		if n.OfficerID != nil {
			if o, ok := officers[*n.OfficerID]; ok {
				r.Officer = o.FullName
			}
		}
		v.Rows = append(v.Rows, r)
	}
	if more {
		v.NextURL = webNotificationsURL(v.Status, v.Kind, limit, list[len(list)-1].ID)
	}
	if cursor > 0 {
		v.FirstURL = webNotificationsURL(v.Status, v.Kind, limit, 0)
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("notif.title"), "notifications", v
	s.webRender(c, http.StatusOK, "notifications", p)
}
