package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/calendar"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// Feed windows: how far back and ahead feeds reach. Officers' feeds are
// long (a year ahead); site feeds have every officer's duties and stay
// shorter so they remain well under 1 MB.
const (
	officerFeedBack  = 60 * 24 * time.Hour
	officerFeedAhead = 400 * 24 * time.Hour
	siteFeedBack     = 30 * 24 * time.Hour
	siteFeedAhead    = 120 * 24 * time.Hour
	maxAlarm         = 7 * 24 * time.Hour
)

// feedOptions are the subscriber's choices in the feed URL.
type feedOptions struct {
	alarm time.Duration // ?alarm=60m adds a VALARM that long before each duty
	lang  string        // ?lang=en
}

func (o feedOptions) key() string { return o.alarm.String() + "|" + o.lang }

func parseFeedOptions(c *gin.Context) (feedOptions, error) {
	var o feedOptions
	if raw := c.Query("alarm"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return o, errField("alarm", roster.RuleFormat, "must be a duration such as 60m or 24h, from 1m to 168h")
		}
		if d < roster.MinLead || d > maxAlarm {
			return o, errField("alarm", roster.RuleRange, "must be a duration from 1m to 168h, such as 60m or 24h")
		}
		o.alarm = d
	}
	switch l := c.Query("lang"); l {
	case "", "vi", "en":
		o.lang = l
	default:
		return o, errField("lang", roster.RuleOneOf, "must be vi or en")
	}
	return o, nil
}

// feedBuilder returns how to build the feed a URL token names and the
// store's change mark, read in the same query (ENotFound when the token
// names no feed).
type feedBuilder func(ctx context.Context, token string, opt feedOptions) (func() (calendar.Feed, error), int64, error)

// feed serves the calendar feeds of one kind: the token in the path is the
// credential; prefix keeps officer and site tokens apart in the cache.
func (s *Server) feed(prefix string, find feedBuilder) gin.HandlerFunc {
	return func(c *gin.Context) {
		token, ok := strings.CutSuffix(c.Param("file"), ".ics")
		opt, optErr := parseFeedOptions(c)
		build, mark, err := find(c.Request.Context(), token, opt)
		if !ok || err != nil {
			s.feedNotFound(c, err)
			return
		}
		if optErr != nil {
			s.fail(c, optErr)
			return
		}
		s.serveFeed(c, prefix+token+"|"+opt.key(), mark, build)
	}
}

// officerFeed finds an officer's personal calendar: their duties, the ones
// they gave up or that were cancelled (as CANCELLED), over a window.
func (s *Server) officerFeed(ctx context.Context, token string, opt feedOptions) (func() (calendar.Feed, error), int64, error) {
	l, err := s.store.OfficerFeedLookup(ctx, token)
	return func() (calendar.Feed, error) {
		o, err := s.store.Officer(ctx, l.ID)
		if err != nil {
			return calendar.Feed{}, err
		}
		return s.buildOfficerFeed(ctx, o, opt)
	}, l.Mark, err
}

// siteFeed finds a site's calendar: every duty with the officer's name and phone.
func (s *Server) siteFeed(ctx context.Context, token string, opt feedOptions) (func() (calendar.Feed, error), int64, error) {
	l, err := s.store.SiteFeedLookup(ctx, token)
	return func() (calendar.Feed, error) {
		site, err := s.store.SiteByID(ctx, l.ID)
		if err != nil {
			return calendar.Feed{}, err
		}
		return s.buildSiteFeed(ctx, site, opt)
	}, l.Mark, err
}

func (s *Server) feedNotFound(c *gin.Context, err error) {
	if err != nil && roster.ErrorCode(err) != roster.ENotFound {
		s.fail(c, err)
		return
	}
	s.fail(c, roster.Errorf(roster.ENotFound, "no such calendar feed"))
}

// serveFeed answers from the cache when nothing changed since it was
// rendered (mark is the store's change mark, read with the token), else
// renders; ETag, Last-Modified, 304 and HEAD are handled by
// http.ServeContent.
func (s *Server) serveFeed(c *gin.Context, key string, mark int64, build func() (calendar.Feed, error)) {
	now := time.Now()
	e, ok := s.feeds.get(key, mark, now)
	s.metrics.FeedCache(ok)
	if !ok {
		f, err := build()
		if err != nil {
			s.fail(c, err)
			return
		}
		body, err := calendar.RenderBytes(f)
		if err != nil {
			s.fail(c, err)
			return
		}
		sum := sha256.Sum256(body)
		e = feedEntry{mark: mark, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, modified: feedModified(f), made: now}
		s.feeds.put(key, e)
	}
	c.Header("Content-Type", calendar.ContentType)
	c.Header("ETag", e.etag)
	c.Header("Cache-Control", "private, max-age=300")
	c.Header("X-Content-Type-Options", "nosniff")
	http.ServeContent(c.Writer, c.Request, "", e.modified, bytes.NewReader(e.body))
}

// feedModified is the newest change among a feed's duties.
func feedModified(f calendar.Feed) time.Time {
	var t time.Time
	for _, d := range f.Duties {
		for _, u := range []time.Time{d.Assignment.UpdatedAt, d.Site.UpdatedAt, d.Officer.UpdatedAt} {
			if u.After(t) {
				t = u
			}
		}
	}
	return t
}

func (s *Server) buildOfficerFeed(ctx context.Context, o roster.Officer, opt feedOptions) (calendar.Feed, error) {
	now := s.now()
	from, to := now.Add(-officerFeedBack), now.Add(officerFeedAhead)
	as, err := s.store.ListAssignments(ctx, store.AssignmentFilter{OfficerID: o.ID, From: from, To: to, IncludeCancelled: true})
	if err != nil {
		return calendar.Feed{}, err
	}
	rel, err := s.store.ReleasesOf(ctx, o.ID, from, to)
	if err != nil {
		return calendar.Feed{}, err
	}
	for _, r := range rel {
		as = append(as, r.Assignment)
	}
	lang := opt.lang
	if lang == "" {
		lang = o.Language
	}
	colleagues, err := s.store.Colleagues(ctx, as)
	if err != nil {
		return calendar.Feed{}, err
	}
	duties, err := s.feedDuties(ctx, as, colleagues)
	if err != nil {
		return calendar.Feed{}, err
	}
	name := catalog.Parse(lang).Tf("feed.name", o.FullName)
	return calendar.Feed{Kind: calendar.KindOfficer, Name: name, URL: s.officerFeedURL(o), Duties: duties, OfficerID: o.ID,
		Loc: s.cfg.Loc, Alarm: opt.alarm, Lang: lang}, nil
}

func (s *Server) buildSiteFeed(ctx context.Context, site roster.Site, opt feedOptions) (calendar.Feed, error) {
	now := s.now()
	from, to := now.Add(-siteFeedBack), now.Add(siteFeedAhead)
	as, err := s.store.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID, From: from, To: to, IncludeCancelled: true})
	if err != nil {
		return calendar.Feed{}, err
	}
	duties, err := s.feedDuties(ctx, as, sameOccurrence(as))
	if err != nil {
		return calendar.Feed{}, err
	}
	name := catalog.Parse(opt.lang).Tf("feed.name", site.Name)
	return calendar.Feed{Kind: calendar.KindSite, Name: name, URL: s.siteFeedURL(site), Duties: duties,
		Loc: s.cfg.Loc, Alarm: opt.alarm, Lang: opt.lang}, nil
}

// feedDuties joins duties with their site, officer and colleagues (the
// other officers of the same slot occurrence: backups for a primary,
// primaries for a backup), given by colleagues[assignment id].
func (s *Server) feedDuties(ctx context.Context, as []roster.Assignment, colleagues map[int64][]roster.Assignment) ([]calendar.Duty, error) {
	var officerIDs []int64
	sites := map[int64]roster.Site{}
	for _, a := range as {
		officerIDs = append(officerIDs, a.OfficerID)
		for _, c := range colleagues[a.ID] {
			officerIDs = append(officerIDs, c.OfficerID)
		}
		if _, ok := sites[a.SiteID]; !ok {
			site, err := s.store.SiteByID(ctx, a.SiteID)
			if err != nil {
				return nil, err
			}
			sites[a.SiteID] = site
		}
	}
	byOfficer, err := s.store.OfficersByID(ctx, officerIDs)
	if err != nil {
		return nil, err
	}
	sessions, err := s.sessionsOf(ctx, as)
	if err != nil {
		return nil, err
	}
	out := make([]calendar.Duty, 0, len(as))
	for _, a := range as {
		d := calendar.Duty{Assignment: a, Site: sites[a.SiteID], Officer: byOfficer[a.OfficerID], SwapURL: s.cfg.BaseURL + "/me"}
		if a.SessionID != nil {
			if sess, ok := sessions[*a.SessionID]; ok {
				d.Title = sess.Title
				d.Location = strings.Join(nonEmpty(sess.Venue, sess.Address, sess.Commune), ", ")
			}
		}
		for _, c := range colleagues[a.ID] {
			if c.Role != a.Role {
				d.Backups = append(d.Backups, byOfficer[c.OfficerID])
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// sameOccurrence groups a site's duties by slot occurrence, as colleagues
// for feedDuties.
func sameOccurrence(as []roster.Assignment) map[int64][]roster.Assignment {
	return roster.Colleagues(as, as)
}

// sessionsOf loads the outreach sessions that duties staff, by id.
func (s *Server) sessionsOf(ctx context.Context, as []roster.Assignment) (map[int64]roster.OutreachSession, error) {
	var ids []int64
	for _, a := range as {
		if a.SessionID != nil {
			ids = append(ids, *a.SessionID)
		}
	}
	out := map[int64]roster.OutreachSession{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, sess := range list {
		out[sess.ID] = sess
	}
	return out, nil
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}
