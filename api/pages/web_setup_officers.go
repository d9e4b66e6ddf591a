package pages

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webOfficerRow is one officer of the list, with the month's load.
type webOfficerRow struct {
	roster.Officer
	MonthDuties int
	NextDuties  int // in the next month, on the officer's page
	OverCap     bool
}

// webOfficerForm is the officer form as typed.
type webOfficerForm struct {
	FullName, Kind, Email, Phone string
	MonthlyLimit                 string
	Language                     string
	Specialties, Channels        []string
	Sites                        []string // ids of the sites the officer may serve; none: every site
	Preferred                    []string // codes of the sites the officer would rather serve
	Unavailable                  []webUnavailableRow
	Version                      int
	unavailableRows              []int // row of each entry sent, for its errors
}

// webUnavailableRow is one row of the officer's recurring unavailability.
type webUnavailableRow struct {
	Index      int
	Weekdays   []string // monday … sunday
	Start, End string   // HH:MM, or both empty: the whole day
}

// webWeekday is a weekday of the unavailability rows: its value and its
// number (Sunday 0), which names it in the catalog.
type webWeekday struct {
	Key string
	N   int
}

// webWeekdays are the weekdays of the unavailability rows, Monday first.
var webWeekdays = []webWeekday{{"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6}, {"sunday", 0}}

// webUnavailableBlank is how many empty unavailability rows the form offers.
const webUnavailableBlank = 1

// withBlankRows numbers the unavailability rows and adds an empty one.
func (f webOfficerForm) withBlankRows() webOfficerForm {
	rows := []webUnavailableRow{}
	for _, r := range f.Unavailable {
		if len(r.Weekdays) > 0 || r.Start != "" || r.End != "" {
			rows = append(rows, r)
		}
	}
	for range webUnavailableBlank {
		rows = append(rows, webUnavailableRow{})
	}
	for i := range rows {
		rows[i].Index = i
	}
	f.Unavailable = rows
	return f
}

// webOfficerDuty is one coming duty on an officer's page.
type webOfficerDuty struct {
	roster.Assignment
	SiteName string
}

// webOfficersView is /manage/officers, or one officer's page (Edit set).
type webOfficersView struct {
	Q           string
	Rows        []webOfficerRow
	Form        webOfficerForm
	Errs        webFieldErrs
	Edit        *webOfficerRow
	Duties      []webOfficerDuty
	Kinds       []roster.OfficerKind
	Specialties []string
	Channels    []string
	Weekdays    []webWeekday
	Sites       []roster.Site // the duty sites an officer may be limited to
	Month       roster.Date
}

// NextMonth is the first day of the month after Month.
func (v webOfficersView) NextMonth() roster.Date {
	return roster.NewDate(v.Month.Year, v.Month.Month+1, 1)
}

// webOfficerHints explain, per input, what a valid value is.
var webOfficerHints = map[string]string{
	"monthly_limit": "setup.officer.hint.limit", "phone": "setup.hint.phone", "email": "setup.hint.email",
}

func (s *Server) webOfficersView(ctx context.Context, q string) (webOfficersView, error) {
	today := roster.DateOf(s.nowLocal())
	first := roster.NewDate(today.Year, today.Month, 1)
	v := webOfficersView{Q: q, Kinds: []roster.OfficerKind{roster.KindLegalAidOfficer, roster.KindLawyer, roster.KindStaff},
		Specialties: roster.Specialties, Channels: s.json.Channels, Month: first, Weekdays: webWeekdays,
		Form: webOfficerForm{Kind: string(roster.KindLegalAidOfficer), Language: "vi", Channels: []string{"email"}}}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		return v, err
	}
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		return v, err
	}
	for _, site := range sites {
		if site.Kind != roster.SiteOutreach {
			v.Sites = append(v.Sites, site)
		}
	}
	load, err := s.webMonthLoad(ctx, first)
	if err != nil {
		return v, err
	}
	next, err := s.webMonthLoad(ctx, v.NextMonth())
	if err != nil {
		return v, err
	}
	for _, o := range officers {
		if !webMatches(q, o.FullName, o.Phone, o.Email) {
			continue
		}
		n := load[o.ID]
		v.Rows = append(v.Rows, webOfficerRow{Officer: o, MonthDuties: n, NextDuties: next[o.ID], OverCap: o.MonthlyLimit > 0 && n > o.MonthlyLimit})
	}
	return v, nil
}

// webMonthLoad counts each officer's duties in the month starting first.
func (s *Server) webMonthLoad(ctx context.Context, first roster.Date) (map[int64]int, error) {
	next := roster.NewDate(first.Year, first.Month+1, 1)
	as, err := s.store.ListAssignments(ctx, store.AssignmentFilter{From: first.In(s.cfg.Loc), To: next.In(s.cfg.Loc)})
	if err != nil {
		return nil, err
	}
	load := map[int64]int{}
	for _, a := range as {
		if !a.Start.Before(first.In(s.cfg.Loc)) {
			load[a.OfficerID]++
		}
	}
	return load, nil
}

// webOfficers is GET /manage/officers?q=: the officers, searchable, and
// the form that adds one.
func (s *Server) webOfficers(c *gin.Context) { s.webRenderOfficers(c, 0, nil, nil) }

func (s *Server) webRenderOfficers(c *gin.Context, status int, form *webOfficerForm, errs webFieldErrs) {
	v, err := s.webOfficersView(c.Request.Context(), c.Query("q"))
	if err != nil {
		s.webError(c, err)
		return
	}
	if form != nil {
		v.Form = *form
	}
	v.Form = v.Form.withBlankRows()
	v.Errs = errs
	s.webSetupPage(c, webOK(status), "officers", "setup.officers.title", "officers", v)
}

// webReadOfficerForm reads the officer form into an officer over o.
func (s *Server) webReadOfficerForm(c *gin.Context, o roster.Officer) (webOfficerForm, roster.Officer, error) {
	f := webOfficerForm{FullName: strings.TrimSpace(c.PostForm("full_name")), Kind: c.PostForm("kind"),
		Email: strings.TrimSpace(c.PostForm("email")), Phone: strings.TrimSpace(c.PostForm("phone")),
		MonthlyLimit: strings.TrimSpace(c.PostForm("monthly_limit")), Language: c.PostForm("language"),
		Specialties: c.PostFormArray("specialty"), Channels: c.PostFormArray("channel"), Sites: c.PostFormArray("site"),
		Preferred: c.PostFormArray("preferred")}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	n, _ := strconv.Atoi(c.PostForm("unavailable"))
	var unavailable []roster.UnavailabilityJSON
	var rows []int // the row of each unavailability entry sent
	for i := range min(n, 16) {
		k := strconv.Itoa(i)
		r := webUnavailableRow{Weekdays: c.PostFormArray("unav_days_" + k), Start: c.PostForm("unav_start_" + k), End: c.PostForm("unav_end_" + k)}
		if len(r.Weekdays) == 0 && r.Start == "" && r.End == "" {
			continue
		}
		rows = append(rows, len(f.Unavailable))
		f.Unavailable = append(f.Unavailable, r)
		unavailable = append(unavailable, roster.UnavailabilityJSON{Weekdays: r.Weekdays, Start: r.Start, End: r.End})
	}
	f.unavailableRows = rows
	var v roster.Validator
	o.Sites = nil
	for _, raw := range f.Sites {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err == nil {
			_, err = s.store.SiteByID(c.Request.Context(), id)
		}
		if err != nil {
			v.Add("sites", roster.RuleNotFound, "site %q does not exist", raw)
			continue
		}
		o.Sites = append(o.Sites, id)
	}
	o.FullName, o.Kind, o.Email, o.Phone, o.Language = f.FullName, roster.OfficerKind(f.Kind), f.Email, f.Phone, f.Language
	o.MonthlyLimit = webFormNumber(&v, c, "monthly_limit", "monthly_limit", 0)
	o.Specialties, o.Channels = append([]string{}, f.Specialties...), append([]string{}, f.Channels...)
	o.PreferredSites = append([]string{}, f.Preferred...)
	checked, err := s.json.CheckOfficer(o, unavailable)
	if err != nil {
		var re *roster.Error
		if errors.As(err, &re) {
			v.Fields = append(v.Fields, re.Fields...)
		}
	}
	return f, checked, v.Err()
}

// input names the input of an officer's field error.
func (f webOfficerForm) input(field string) string {
	switch {
	case strings.HasPrefix(field, "specialties"):
		return "specialties"
	case strings.HasPrefix(field, "channels"):
		return "channels"
	case strings.HasPrefix(field, "preferred_sites"):
		return "preferred"
	case strings.HasPrefix(field, "unavailability["):
		i := webIndexOf(strings.SplitN(field, "]", 2)[0]+"]", "unavailability")
		if i < 0 || i >= len(f.unavailableRows) {
			return "unavailable"
		}
		row := strconv.Itoa(f.unavailableRows[i])
		switch {
		case strings.Contains(field, ".start"):
			return "unav_start_" + row
		case strings.Contains(field, ".end"):
			return "unav_end_" + row
		}
		return "unav_days_" + row
	case strings.HasPrefix(field, "unavailability"):
		return "unavailable"
	}
	return field
}

// webCreateOfficer is POST /manage/officers.
func (s *Server) webCreateOfficer(c *gin.Context) {
	l := s.webPageLang(c)
	f, o, err := s.webReadOfficerForm(c, roster.Officer{Active: true})
	if err == nil {
		o, err = s.store.CreateOfficer(c.Request.Context(), actor(c), o)
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(l, err, f.input, webOfficerHints), func(status int, errs webFieldErrs) {
			s.webRenderOfficers(c, status, &f, errs)
		})
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/officers/%d", o.ID), "officer_saved")
}

// webOfficer is GET /manage/officers/{id}: one officer's form, coming
// duties and load.
func (s *Server) webOfficer(c *gin.Context) { s.webRenderOfficer(c, 0, nil, nil) }

func (s *Server) webRenderOfficer(c *gin.Context, status int, form *webOfficerForm, errs webFieldErrs) {
	ctx := c.Request.Context()
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	o, err := s.store.Officer(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	v, err := s.webOfficersView(ctx, "")
	if err != nil {
		s.webError(c, err)
		return
	}
	load, err := s.webMonthLoad(ctx, v.Month)
	if err != nil {
		s.webError(c, err)
		return
	}
	next, err := s.webMonthLoad(ctx, roster.NewDate(v.Month.Year, v.Month.Month+1, 1))
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Rows = nil
	v.Edit = &webOfficerRow{Officer: o, MonthDuties: load[o.ID], NextDuties: next[o.ID], OverCap: o.MonthlyLimit > 0 && load[o.ID] > o.MonthlyLimit}
	v.Form = webOfficerForm{FullName: o.FullName, Kind: string(o.Kind), Email: o.Email, Phone: o.Phone, Language: o.Language,
		Specialties: o.Specialties, Channels: o.Channels, Version: o.Version}
	for _, id := range o.Sites {
		v.Form.Sites = append(v.Form.Sites, strconv.FormatInt(id, 10))
	}
	v.Form.Preferred = o.PreferredSites
	for _, u := range o.Unavailability {
		j := u.JSON()
		v.Form.Unavailable = append(v.Form.Unavailable, webUnavailableRow{Weekdays: j.Weekdays, Start: j.Start, End: j.End})
	}
	if o.MonthlyLimit > 0 {
		v.Form.MonthlyLimit = strconv.Itoa(o.MonthlyLimit)
	}
	if form != nil {
		v.Form = *form
	}
	v.Form = v.Form.withBlankRows()
	v.Errs = errs
	now := s.now()
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{OfficerID: o.ID, From: now, To: now.AddDate(0, 2, 0), Limit: 50})
	if err != nil {
		s.webError(c, err)
		return
	}
	names, err := s.webSiteNames(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, a := range duties {
		v.Duties = append(v.Duties, webOfficerDuty{Assignment: a, SiteName: names[a.SiteID]})
	}
	s.webSetupPage(c, webOK(status), "officers", "setup.officers.title", "officers", v)
}

// webSiteNames maps site ids to their names.
func (s *Server) webSiteNames(ctx context.Context) (map[int64]string, error) {
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, site := range sites {
		names[site.ID] = site.Name
	}
	return names, nil
}

// webUpdateOfficer is POST /manage/officers/{id}.
func (s *Server) webUpdateOfficer(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	o, err := s.store.Officer(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	f, o, err := s.webReadOfficerForm(c, o)
	if err == nil {
		_, err = s.store.UpdateOfficer(ctx, actor(c), o, f.Version)
	}
	if err != nil {
		l := s.webPageLang(c)
		s.webSetupFail(c, err, webSetupErrs(l, err, f.input, webOfficerHints), func(status int, errs webFieldErrs) {
			s.webRenderOfficer(c, status, &f, errs)
		})
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/officers/%d", id), "officer_saved")
}

// webOfficerActive is POST /manage/officers/{id}/active (active=0|1):
// deactivating an officer ends their access too: the sessions of their
// accounts end and their API tokens stop working.
func (s *Server) webOfficerActive(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	o, err := s.store.Officer(ctx, id)
	if err != nil {
		s.webError(c, err)
		return
	}
	version, _ := strconv.Atoi(c.PostForm("version"))
	o.Active = c.PostForm("active") == "1"
	if _, err := s.store.UpdateOfficer(ctx, actor(c), o, version); err != nil {
		s.webError(c, err)
		return
	}
	msg := "officer_reactivated"
	if !o.Active {
		msg = "officer_deactivated"
		if err := s.webEndOfficerAccess(ctx, actor(c), o.ID); err != nil {
			s.webError(c, err)
			return
		}
	}
	webRedirect(c, fmt.Sprintf("/manage/officers/%d", id), msg)
}

// webEndOfficerAccess ends the sessions of the officer's accounts and
// replaces their API tokens by ones nobody knows.
func (s *Server) webEndOfficerAccess(ctx context.Context, actor string, officerID int64) error {
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.OfficerID == nil || *u.OfficerID != officerID {
			continue
		}
		if err := s.webCloseAccount(ctx, actor, u.ID); err != nil {
			return err
		}
	}
	return nil
}

// webCloseAccount ends a user's sessions, clears its password and gives it
// an API token nobody knows.
func (s *Server) webCloseAccount(ctx context.Context, actor string, userID int64) error {
	if _, err := s.store.DeleteUserWebSessions(ctx, actor, userID); err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, actor, userID, ""); err != nil {
		return err
	}
	return s.store.RotateUserToken(ctx, actor, userID, store.HashToken(store.NewToken()))
}
