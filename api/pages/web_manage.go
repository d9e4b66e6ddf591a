package pages

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webManageSite is a site on the managers' start page.
type webManageSite struct {
	roster.Site
	Open     bool
	Gaps     int // occurrences without a primary in the next 14 days
	BoardURL string
	PrintURL string
	// NextUnpublished: next month's schedule is not published yet; it is
	// due by Deadline, 5 working days before the month starts.
	NextUnpublished bool
	Deadline        roster.Date
}

// webManageView is the managers' start page.
type webManageView struct {
	Sites     []webManageSite
	Awaiting  int // swap requests waiting for a manager
	Month     string
	NextMonth roster.Date
	Failed    int // messages that failed or were given up
	OverCap   []webOfficerRow
	Officers  int
}

// Todo reports whether anything needs doing.
func (v webManageView) Todo() bool {
	if v.Awaiting > 0 || v.Failed > 0 || len(v.OverCap) > 0 {
		return true
	}
	for _, s := range v.Sites {
		if s.Gaps > 0 || s.NextUnpublished {
			return true
		}
	}
	return false
}

// webManageHome is GET /manage: the sites, with links to their month
// grids and boards, and what needs a manager's attention.
func (s *Server) webManageHome(c *gin.Context) {
	ctx := c.Request.Context()
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		s.webError(c, err)
		return
	}
	today := roster.DateOf(s.nowLocal())
	next := roster.NewDate(today.Year, today.Month+1, 1)
	nextLast := roster.NewDate(next.Year, next.Month+1, 0)
	v := webManageView{Month: fmt.Sprintf("%04d-%02d", today.Year, int(today.Month)), NextMonth: next}
	cal, err := s.store.WorkCalendar(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, site := range sites {
		ms := webManageSite{Site: site, Open: site.OpenOn(today), BoardURL: s.webBoardPathOf(site),
			PrintURL: s.webBoardPathOf(site) + "/print"}
		if ms.Open && site.OpenOn(next) && len(site.Slots) > 0 {
			pubs, err := s.store.ListPublications(ctx, store.PublicationFilter{SiteID: site.ID, From: &next, To: &nextLast, Limit: 1})
			if err != nil {
				s.webError(c, err)
				return
			}
			ms.NextUnpublished, ms.Deadline = len(pubs) == 0, cal.AddWorkdays(next, -5)
		}
		if ms.Open {
			days, _, err := s.webSiteGrid(ctx, site, today, today.AddDays(13))
			if err != nil {
				s.webError(c, err)
				return
			}
			for _, d := range days {
				for _, cell := range d.Cells {
					if cell.Uncovered() && cell.End.After(s.now()) {
						ms.Gaps++
					}
				}
			}
		}
		v.Sites = append(v.Sites, ms)
	}
	swaps, err := s.store.ListSwaps(ctx, store.SwapFilter{Status: roster.SwapAwaitingApproval})
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Awaiting = len(swaps)
	counts, err := s.store.OutboxCounts(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Failed = counts[roster.StatusFailed] + counts[roster.StatusGivenUp]
	load, err := s.webMonthLoad(ctx, roster.NewDate(today.Year, today.Month, 1))
	if err != nil {
		s.webError(c, err)
		return
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Officers = len(officers)
	for _, o := range officers {
		if o.Active && o.MonthlyLimit > 0 && load[o.ID] > o.MonthlyLimit {
			v.OverCap = append(v.OverCap, webOfficerRow{Officer: o, MonthDuties: load[o.ID], OverCap: true})
		}
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("manage.title"), "manage", v
	s.webRender(c, http.StatusOK, "manage", p)
}

// webMonthView is the month grid of a site.
type webMonthView struct {
	Site        roster.Site
	Month       roster.Date // its first day
	Days        []webDay
	Occurrences int
	Uncovered   int
	Prev, Next  string // YYYY-MM
	Today       roster.Date
	BoardURL    string
	PrintURL    string // the week of today, or of the month's first day
	PrintMonth  string // the whole month
	Docs        webScheduleLinks
	Last        roster.Date
}

// webMonth is GET /manage/sites/{code}?month=YYYY-MM: every slot
// occurrence of the month with its officers and backups, holidays, and the
// occurrences nobody holds yet.
func (s *Server) webMonth(c *gin.Context) {
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	today := roster.DateOf(s.nowLocal())
	first := roster.NewDate(today.Year, today.Month, 1)
	if raw := c.Query("month"); raw != "" {
		t, err := time.Parse("2006-01", raw)
		if err != nil {
			s.webError(c, errField("month", roster.RuleFormat, "must be a month YYYY-MM"))
			return
		}
		first = roster.NewDate(t.Year(), t.Month(), 1)
	}
	last := roster.NewDate(first.Year, first.Month+1, 0)
	days, _, err := s.webSiteGrid(ctx, site, first, last)
	if err != nil {
		s.webError(c, err)
		return
	}
	week := first
	if today.Year == first.Year && today.Month == first.Month {
		week = today
	}
	v := webMonthView{Site: site, Month: first, Last: last, Days: days, Today: today,
		BoardURL: s.webBoardPathOf(site), PrintURL: s.webBoardPathOf(site) + "/print?week=" + week.String(),
		PrintMonth: s.webBoardPathOf(site) + "/print?month=" + fmt.Sprintf("%04d-%02d", first.Year, int(first.Month))}
	v.Docs = scheduleLinks(site.Code, first, last, today)
	prev, next := first.AddDays(-1), last.AddDays(1)
	v.Prev, v.Next = fmt.Sprintf("%04d-%02d", prev.Year, int(prev.Month)), fmt.Sprintf("%04d-%02d", next.Year, int(next.Month))
	for _, d := range days {
		for _, cell := range d.Cells {
			if cell.Runs {
				v.Occurrences++
				if cell.Uncovered() {
					v.Uncovered++
				}
			}
		}
	}
	p := s.webPage(c, "")
	p.Title = p.L.Tf("month.title", site.Name, p.L.Month(first))
	p.Nav, p.Data = "manage", v
	s.webRender(c, http.StatusOK, "month", p)
}

// webMonthURL is the month grid holding instant t, scrolled to its day.
func (s *Server) webMonthURL(code string, t time.Time) string {
	d := roster.DateOf(t.In(s.cfg.Loc))
	return fmt.Sprintf("/manage/sites/%s?month=%04d-%02d#d-%s", code, d.Year, int(d.Month), d)
}
