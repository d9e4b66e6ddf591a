package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	qrcode "github.com/skip2/go-qrcode"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webMeHorizon is how far ahead an officer's page lists duties.
const webMeHorizon = 60 * 24 * time.Hour

// webMeDuty is one of the officer's coming duties.
type webMeDuty struct {
	webDuty
	Site      roster.Site
	Started   bool
	OpenSwap  bool // a swap request for it is open
	Swappable bool
}

// webMeView is an officer's own page.
type webMeView struct {
	Officer     *roster.Officer // nil: the account is not an officer
	Duties      []webMeDuty
	Swappable   []webMeDuty
	Colleagues  []roster.Officer
	SwapsIn     []webSwapRow // open, waiting for me
	SwapsOut    []webSwapRow // open, mine
	SwapsClosed []webSwapRow // recent, ended
	Leaves      []roster.Leave
	LeaveResult *webLeaveResult
	LeaveForm   webLeaveForm
	FeedURL     string
	WebcalURL   string
	GoogleURL   string
	QRURL       string
	Channels    []string
	IsManager   bool
	Results     *webResultsDue // recent duties whose results to record (web_results.go)
	Casework    *webMeCasework // custody requests and open cases (web_me_casework.go)
	// Next are the next three duties, shown first; Months the rest, by
	// month. PasswordErrs are the password form's errors.
	SiteNames    map[int64]string
	Next         []webMeDuty
	Months       []webMeMonth
	PasswordErrs webFieldErrs
}

// webMeMonth is a month of the officer's later duties.
type webMeMonth struct {
	Month  roster.Date // its first day
	Duties []webMeDuty
}

// webMeOfficer returns the officer the signed-in user is, or false.
func (s *Server) webMeOfficer(c *gin.Context) (roster.Officer, bool, error) {
	id, ok := caller(c).Officer()
	if !ok {
		return roster.Officer{}, false, nil
	}
	o, err := s.store.Officer(c.Request.Context(), id)
	if err != nil {
		return roster.Officer{}, false, err
	}
	return o, true, nil
}

// webRenderMe shows the officer's page; edit may add a result or an error.
func (s *Server) webRenderMe(c *gin.Context, status int, fail error, edit func(*webMeView)) {
	v := webMeView{Channels: s.json.Channels, IsManager: caller(c).Role == roster.RoleManager}
	o, ok, err := s.webMeOfficer(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav = p.L.T("me.title"), "me"
	if ok {
		v.Officer = &o
		if err := s.webLoadMe(c, &v); err != nil {
			s.webError(c, err)
			return
		}
		if v.Results, err = s.webLoadResultsDue(c, o.ID); err != nil {
			s.webError(c, err)
			return
		}
		if v.Casework, err = s.webLoadCasework(c, o.ID); err != nil {
			s.webError(c, err)
			return
		}
	}
	if edit != nil {
		edit(&v)
	}
	p.Data = v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "me", p)
}

// webLoadMe fills the officer's duties, swaps, leaves and feed links.
func (s *Server) webLoadMe(c *gin.Context, v *webMeView) error {
	ctx := c.Request.Context()
	o := *v.Officer
	now := s.nowLocal()
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{OfficerID: o.ID, From: now, To: now.Add(webMeHorizon)})
	if err != nil {
		return err
	}
	swaps, err := s.store.ListSwaps(ctx, store.SwapFilter{OfficerID: o.ID, Limit: 50})
	if err != nil {
		return err
	}
	openFor := map[int64]bool{}
	for _, r := range swaps {
		if r.Status.Open() {
			openFor[r.AssignmentID] = true
		}
	}
	sites := map[int64]roster.Site{}
	for _, a := range duties {
		site, ok := sites[a.SiteID]
		if !ok {
			if site, err = s.store.SiteByID(ctx, a.SiteID); err != nil {
				return err
			}
			sites[a.SiteID] = site
		}
		d := webMeDuty{webDuty: webDuty{Assignment: a, Officer: o}, Site: site, Started: !a.Start.After(now), OpenSwap: openFor[a.ID]}
		d.Swappable = !d.Started && !d.OpenSwap
		v.Duties = append(v.Duties, d)
		if len(v.Next) < 3 {
			v.Next = append(v.Next, d)
		} else {
			day := roster.DateOf(a.Start.In(s.cfg.Loc))
			first := roster.NewDate(day.Year, day.Month, 1)
			if n := len(v.Months); n == 0 || v.Months[n-1].Month != first {
				v.Months = append(v.Months, webMeMonth{Month: first})
			}
			v.Months[len(v.Months)-1].Duties = append(v.Months[len(v.Months)-1].Duties, d)
		}
		if d.Swappable {
			v.Swappable = append(v.Swappable, d)
		}
	}
	if v.SiteNames, err = s.webSiteNames(ctx); err != nil {
		return err
	}
	if v.Colleagues, err = s.webActiveOfficers(c, o.ID); err != nil {
		return err
	}
	rows, err := s.webSwapRows(ctx, swaps)
	if err != nil {
		return err
	}
	for _, r := range rows {
		switch {
		case r.Status == roster.SwapPending && r.ToOfficerID == o.ID:
			v.SwapsIn = append(v.SwapsIn, r)
		case r.Status.Open() && r.FromOfficerID == o.ID:
			v.SwapsOut = append(v.SwapsOut, r)
		case r.Status.Open():
			v.SwapsIn = append(v.SwapsIn, r) // awaiting a manager after I accepted
		case len(v.SwapsClosed) < 10:
			v.SwapsClosed = append(v.SwapsClosed, r)
		}
	}
	if v.Leaves, err = s.store.ListLeaves(ctx, []int64{o.ID}, roster.DateOf(now), roster.Date{}); err != nil {
		return err
	}
	v.FeedURL = s.officerFeedURL(o)
	v.WebcalURL = Webcal(v.FeedURL)
	v.GoogleURL = "https://calendar.google.com/calendar/r?cid=" + url.QueryEscape(v.WebcalURL)
	v.QRURL = "/me/feed-qr.png"
	return nil
}

// webMe is GET /me: my coming duties, how to put them in my phone, swaps,
// leave and reminder preferences.
func (s *Server) webMe(c *gin.Context) { s.webRenderMe(c, http.StatusOK, nil, nil) }

// webRequireOfficer answers 403 when the account is not an officer.
func (s *Server) webRequireOfficer(c *gin.Context) (roster.Officer, bool) {
	o, ok, err := s.webMeOfficer(c)
	if err != nil {
		s.webError(c, err)
		return roster.Officer{}, false
	}
	if !ok {
		s.webError(c, roster.Errorf(roster.EForbidden, "this account is not linked to an officer"))
		return roster.Officer{}, false
	}
	return o, true
}

// webFeedQR is GET /me/feed-qr.png: the QR code of my calendar feed, to
// scan with the phone. It is a credential, so it needs the session and is
// never cached by shared caches.
func (s *Server) webFeedQR(c *gin.Context) {
	o, ok := s.webRequireOfficer(c)
	if !ok {
		return
	}
	png, err := qrcode.Encode(s.officerFeedURL(o), qrcode.Medium, 320)
	if err != nil {
		s.webError(c, err)
		return
	}
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "image/png", png)
}

// webMeSwap is POST /me/swaps: ask a colleague to take one of my duties.
func (s *Server) webMeSwap(c *gin.Context) {
	o, ok := s.webRequireOfficer(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	aid, to := webFormInt(c, "assignment_id"), webFormInt(c, "to_officer_id")
	msg := strings.TrimSpace(c.PostForm("message"))
	var v roster.Validator
	v.Check(aid > 0, "assignment_id", roster.RuleInvalid, "choose a duty")
	v.Check(to > 0, "to_officer_id", roster.RuleInvalid, "choose a colleague")
	v.Check(len(msg) <= 500, "message", roster.RuleTooLong, "at most 500 characters")
	err := v.Err()
	if err == nil {
		var a roster.Assignment
		a, err = s.store.Assignment(ctx, aid)
		if err == nil && a.OfficerID != o.ID {
			err = roster.Errorf(roster.EForbidden, "assignment %d is not yours", aid)
		}
		if err == nil {
			_, err = s.store.CreateSwap(ctx, actor(c), roster.SwapRequest{AssignmentID: aid, FromOfficerID: o.ID, ToOfficerID: to, Message: msg})
		}
	}
	if err != nil {
		s.webRenderMe(c, statusOf(roster.ErrorCode(err)), err, nil)
		return
	}
	webRedirect(c, "/me", "swap_requested")
}

// webMeDecideSwap is POST /me/swaps/{id}/{action}: accept or decline a
// request made to me, or withdraw my own.
func (s *Server) webMeDecideSwap(c *gin.Context) {
	o, ok := s.webRequireOfficer(c)
	if !ok {
		return
	}
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	ctx := c.Request.Context()
	r, err := s.store.Swap(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	action := store.SwapAction(c.Param("action"))
	var allowed bool
	switch action {
	case store.SwapAccept, store.SwapDecline:
		allowed = r.ToOfficerID == o.ID
	case store.SwapCancel:
		allowed = r.FromOfficerID == o.ID
	default:
		s.webError(c, roster.Errorf(roster.ENotFound, "no swap action %q: accept, decline or cancel", action))
		return
	}
	if !allowed {
		s.webRenderMe(c, http.StatusForbidden, roster.Errorf(roster.EForbidden, "you may not %s swap request %d", action, id), nil)
		return
	}
	if _, err := s.store.DecideSwap(ctx, actor(c), id, action, strings.TrimSpace(c.PostForm("reason"))); err != nil {
		s.webRenderMe(c, statusOf(roster.ErrorCode(err)), err, nil)
		return
	}
	webRedirect(c, "/me", "swap_decided")
}

// webMeLeave is POST /me/leaves: tell the Center about my leave; the page
// then lists the duties it cancelled.
func (s *Server) webMeLeave(c *gin.Context) {
	o, ok := s.webRequireOfficer(c)
	if !ok {
		return
	}
	l, f, err := s.webReadLeave(c, o.ID)
	var r *webLeaveResult
	if err == nil {
		r, err = s.webRecordLeave(c, l)
	}
	if err != nil {
		s.webRenderMe(c, statusOf(roster.ErrorCode(err)), err, func(v *webMeView) { v.LeaveForm = f })
		return
	}
	s.webRenderMe(c, http.StatusOK, nil, func(v *webMeView) { v.LeaveResult = r })
}

// webMePrefs is POST /me/preferences: the language and channels of my
// reminders. The version in the form keeps a concurrent change safe.
func (s *Server) webMePrefs(c *gin.Context) {
	o, ok := s.webRequireOfficer(c)
	if !ok {
		return
	}
	var v roster.Validator
	lang := c.PostForm("language")
	v.Check(lang == "vi" || lang == "en", "language", roster.RuleOneOf, "must be vi or en")
	chosen := []string{}
	for _, ch := range c.PostFormArray("channels") {
		if !slices.Contains(s.json.Channels, ch) {
			v.Add("channels", roster.RuleOneOf, "must be one of %s", strings.Join(s.json.Channels, ", "))
		} else if !slices.Contains(chosen, ch) {
			chosen = append(chosen, ch)
		}
	}
	version := int(webFormInt(c, "version"))
	if version == 0 {
		v.Add("version", roster.RuleRequired, "is missing")
	}
	err := v.Err()
	if err == nil {
		o.Language, o.Channels = lang, chosen
		_, err = s.store.UpdateOfficer(c.Request.Context(), actor(c), o, version)
	}
	if err != nil {
		s.webRenderMe(c, statusOf(roster.ErrorCode(err)), err, nil)
		return
	}
	webRedirect(c, "/me", "prefs_saved")
}
