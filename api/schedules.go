package api

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/api/document"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// The duty schedule as the Center's official document: PDF or editable
// spreadsheet, of one site or several, over at most three months.

// scheduleMonths is the longest span of a schedule document.
const scheduleMonths = 3

// siteSchedulePDF is GET /api/v1/sites/{code}/schedule.pdf?from=&to=.
func (s *Server) siteSchedulePDF(c *gin.Context) { s.schedule(c, "pdf", []string{c.Param("code")}) }

// siteScheduleXLSX is GET /api/v1/sites/{code}/schedule.xlsx?from=&to=.
func (s *Server) siteScheduleXLSX(c *gin.Context) { s.schedule(c, "xlsx", []string{c.Param("code")}) }

// schedulePDF is GET /api/v1/schedule.pdf?from=&to=[&site=…]: the sites
// named (site=A&site=B or site=A,B), by default every site with a duty in
// the span.
func (s *Server) schedulePDF(c *gin.Context) { s.schedule(c, "pdf", querySites(c)) }

// scheduleXLSX is GET /api/v1/schedule.xlsx, as schedulePDF.
func (s *Server) scheduleXLSX(c *gin.Context) { s.schedule(c, "xlsx", querySites(c)) }

// querySites reads ?site= (repeated or comma separated).
func querySites(c *gin.Context) []string {
	var out []string
	for _, v := range c.QueryArray("site") {
		for _, code := range strings.Split(v, ",") {
			if code = strings.TrimSpace(code); code != "" && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	return out
}

// scheduleSpan reads the required ?from=&to= of a schedule document: at
// most three months (422 naming the field otherwise).
func scheduleSpan(c *gin.Context) (roster.Date, roster.Date, error) {
	from, ok, err := queryDate(c, "from")
	if err != nil {
		return from, from, err
	}
	if !ok {
		return from, from, errField("from", roster.RuleRequired, "is required (YYYY-MM-DD)")
	}
	to, ok, err := queryDate(c, "to")
	if err != nil {
		return from, to, err
	}
	if !ok {
		return from, to, errField("to", roster.RuleRequired, "is required (YYYY-MM-DD)")
	}
	if to.Before(from) {
		return from, to, errField("to", roster.RuleRange, "must not be before from")
	}
	if !to.Before(roster.NewDate(from.Year, from.Month+scheduleMonths, from.Day)) {
		return from, to, errField("to", roster.RuleRange, "a schedule covers at most %d months", scheduleMonths)
	}
	return from, to, nil
}

// schedule sends the schedule of the sites (codes; none: every site with a
// duty in the span) as format "pdf" or "xlsx".
func (s *Server) schedule(c *gin.Context, format string, codes []string) {
	if err := s.scheduleFile(c, format, codes); err != nil {
		s.fail(c, err)
	}
}

// scheduleFile answers the schedule document of the sites, reading
// ?from=&to=: the one path of the API and of the pages; an error is
// answered by the caller.
func (s *Server) scheduleFile(c *gin.Context, format string, codes []string) error {
	from, to, err := scheduleSpan(c)
	if err != nil {
		return err
	}
	sched, set, err := s.buildSchedule(c.Request.Context(), codes, from, to)
	if err != nil {
		return err
	}
	var b []byte
	ctype := mediaPDF
	if format == "pdf" {
		b, err = document.SchedulePDF(sched, set)
	} else {
		b, err = document.ScheduleXLSX(sched, set)
		ctype = mediaXLSX
	}
	if err != nil {
		return err
	}
	name := catalog.VI.T("file.schedule")
	if len(codes) > 0 && len(codes) <= 3 {
		name += " " + strings.Join(codes, " ")
	}
	sendFile(c, ctype, name+" "+from.String()+"_"+to.String()+"."+format, b)
	return nil
}

// buildSchedule gathers a schedule: the sites' duties that start in the
// span (cancelled ones left out), their officers and outreach sessions, and
// the number and date of the publication that covers the span (the same
// for every site), with the Center's document settings.
func (s *Server) buildSchedule(ctx context.Context, codes []string, from, to roster.Date) (document.Schedule, document.Settings, error) {
	sched := document.Schedule{From: from, To: to, Loc: s.cfg.Loc}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return sched, document.Settings{}, err
	}
	set := settings.Document
	sites, err := s.scheduleSites(ctx, codes, from, to)
	if err != nil {
		return sched, set, err
	}
	ids := make([]int64, len(sites))
	for i, site := range sites {
		ids[i] = site.ID
	}
	duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{SiteIDs: orNoSite(ids), From: from.AddDays(-1).In(s.cfg.Loc), To: to.AddDays(1).In(s.cfg.Loc)})
	if err != nil {
		return sched, set, err
	}
	bySite := map[int64][]roster.Assignment{}
	officerIDs := []int64{}
	sessions := false
	for _, a := range duties {
		if !roster.OnSchedule(a, from, to, s.cfg.Loc) {
			continue
		}
		bySite[a.SiteID] = append(bySite[a.SiteID], a)
		officerIDs = append(officerIDs, a.OfficerID)
		sessions = sessions || a.SessionID != nil
	}
	if len(codes) == 0 {
		sites = slices.DeleteFunc(sites, func(site roster.Site) bool { return len(bySite[site.ID]) == 0 })
	}
	for _, site := range sites {
		sched.Sections = append(sched.Sections, document.Section{Site: site, Duties: bySite[site.ID]})
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{IDs: officerIDs})
	if err != nil {
		return sched, set, err
	}
	sched.Officers = map[int64]roster.Officer{}
	for _, o := range officers {
		sched.Officers[o.ID] = o
	}
	if sessions {
		list, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{From: from.AddDays(-1).In(s.cfg.Loc), To: to.AddDays(1).In(s.cfg.Loc)})
		if err != nil {
			return sched, set, err
		}
		sched.Sessions = map[int64]roster.OutreachSession{}
		for _, se := range list {
			sched.Sessions[se.ID] = se
		}
	}
	pub, ok, err := s.schedulePublication(ctx, sites, from, to)
	if err != nil {
		return sched, set, err
	}
	if ok {
		sched.Number = strconv.Itoa(pub.Number)
		sched.Date = roster.DateOf(pub.PublishedAt.In(s.cfg.Loc))
		set.NumberSuffix = pub.NumberSuffix
	}
	return sched, set, nil
}

// orNoSite keeps an empty list of sites selecting no duty (a nil SiteIDs
// would select every site's).
func orNoSite(ids []int64) []int64 {
	if len(ids) == 0 {
		return []int64{-1}
	}
	return ids
}

// scheduleSites returns the sites named by codes (422 naming "site" for an
// unknown one), or, for none, every site open on a day of the span.
func (s *Server) scheduleSites(ctx context.Context, codes []string, from, to roster.Date) ([]roster.Site, error) {
	var out []roster.Site
	if len(codes) == 0 {
		all, err := s.store.ListSites(ctx, nil)
		if err != nil {
			return nil, err
		}
		for _, site := range all {
			closedBefore := site.ValidTo != nil && site.ValidTo.Before(from)
			opensAfter := site.ValidFrom != nil && site.ValidFrom.After(to)
			if !closedBefore && !opensAfter {
				out = append(out, site)
			}
		}
		return out, nil
	}
	for _, code := range codes {
		site, err := s.store.Site(ctx, code)
		if roster.ErrorCode(err) == roster.ENotFound {
			err = errField("site", roster.RuleNotFound, "no site with code %q", code)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, site)
	}
	return out, nil
}

// schedulePublication is the publication whose number a schedule of the
// sites over from–to bears: for every site the latest publication covering
// the span, when they are one number (one site, in practice). A span not
// wholly published has none: the document shows dots.
func (s *Server) schedulePublication(ctx context.Context, sites []roster.Site, from, to roster.Date) (roster.Publication, bool, error) {
	var found roster.Publication
	for i, site := range sites {
		pubs, err := s.store.ListPublications(ctx, store.PublicationFilter{SiteID: site.ID, From: &from, To: &to})
		if err != nil {
			return found, false, err
		}
		p, ok := roster.Covering(pubs, from, to)
		if !ok || p.Number == 0 || (i > 0 && p.NumberText() != found.NumberText()) {
			return roster.Publication{}, false, nil
		}
		found = p
	}
	return found, len(sites) > 0, nil
}
