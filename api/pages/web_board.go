package pages

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// webBoardRefresh is how often the reception board reloads itself, seconds.
const webBoardRefresh = 60

// webBoardView is the reception board of one site.
type webBoardView struct {
	Site      roster.Site
	Now       time.Time
	Today     roster.Date
	OnDuty    []webDuty // primaries first
	Next      []webDuty // the duties that start next, all at NextStart
	NextStart time.Time
	Days      []webDay // today and the 6 days after
	Holidays  []roster.SpecialDay
	PrintURL  string
}

// webBoardSite finds the site of a board secret; a wrong secret is a 404 page.
func (s *Server) webBoardSite(c *gin.Context) (roster.Site, bool) {
	site, err := s.store.SiteByBoardToken(c.Request.Context(), c.Param("secret"))
	if err != nil {
		if roster.ErrorCode(err) == roster.ENotFound {
			p := s.webPage(c, "")
			p.Title = p.L.T("error.title")
			p.Error = p.L.T("error.board404")
			p.Bare = true
			s.webRender(c, http.StatusNotFound, "error", p)
			return roster.Site{}, false
		}
		s.webError(c, err)
		return roster.Site{}, false
	}
	return site, true
}

// webBoard is GET /board/{secret}: who is on duty now at the site, with a
// large phone number to call, who is next, and the week ahead. No sign-in:
// the secret in the URL is the credential (API.md's board_url). It
// refreshes itself every minute.
func (s *Server) webBoard(c *gin.Context) {
	site, ok := s.webBoardSite(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	now := s.nowLocal()
	today := roster.DateOf(now)
	days, officers, err := s.webSiteGrid(ctx, site, today, today.AddDays(6))
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webBoardView{Site: site, Now: now, Today: today, Days: days,
		PrintURL: s.webBoardPathOf(site) + "/print"}
	coming, err := s.store.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID, From: now, To: now.Add(14 * 24 * time.Hour)})
	if err != nil {
		s.webError(c, err)
		return
	}
	for _, a := range roster.OnDutyAt(coming, now) {
		v.OnDuty = append(v.OnDuty, webDuty{Assignment: a, Officer: officers[a.OfficerID]})
	}
	for _, a := range coming {
		if !a.Start.After(now) {
			continue
		}
		if len(v.Next) > 0 && !a.Start.Equal(v.NextStart) {
			break
		}
		v.NextStart = a.Start
		v.Next = append(v.Next, webDuty{Assignment: a, Officer: officers[a.OfficerID]})
	}
	webSortDuties(v.Next)
	for _, d := range days {
		if d.Special != nil {
			v.Holidays = append(v.Holidays, *d.Special)
		}
	}
	p := s.webPage(c, site.Name)
	p.Title = p.L.T("board.title") + " — " + site.Name
	p.Bare, p.BodyClass, p.Refresh = true, "board", webBoardRefresh
	p.Data = v
	c.Header("X-Robots-Tag", "noindex, nofollow")
	s.webRender(c, http.StatusOK, "board", p)
}

// webBoardPathOf is the path of the site's board: board_url (sites.go) without
// the base URL, so the pages link to exactly what the API hands out.
func (s *Server) webBoardPathOf(site roster.Site) string {
	return strings.TrimPrefix(s.boardURL(site), s.cfg.BaseURL)
}

// webSortDuties puts primaries before backups, keeping the order otherwise.
func webSortDuties(ds []webDuty) {
	var prim, back []webDuty
	for _, d := range ds {
		if d.Role == roster.Backup {
			back = append(back, d)
		} else {
			prim = append(prim, d)
		}
	}
	copy(ds, append(prim, back...))
}

// webPrintView is the printable weekly schedule.
type webPrintView struct {
	Site     roster.Site
	From, To roster.Date
	Days     []webDay
	Issued   roster.Date
	PrevWeek string // the previous week, or month when Month
	NextWeek string
	BoardURL string
	Month    bool   // the whole month (?month=YYYY-MM), not a week
	Title    string // the document's title by the site's kind
}

// webBoardPrint is GET /board/{secret}/print?week=YYYY-MM-DD: the week
// (Monday to Sunday) holding that day as an A4 document with the Center's
// heading, to print and post at the court.
func (s *Server) webBoardPrint(c *gin.Context) {
	site, ok := s.webBoardSite(c)
	if !ok {
		return
	}
	day := roster.DateOf(s.nowLocal())
	if raw := c.Query("week"); raw != "" {
		d, err := roster.ParseDate(raw)
		if err != nil {
			s.webError(c, errField("week", roster.RuleFormat, "must be a day YYYY-MM-DD"))
			return
		}
		day = d
	}
	from := webMonday(day)
	to := from.AddDays(6)
	month := false
	if raw := c.Query("month"); raw != "" {
		t, err := time.Parse("2006-01", raw)
		if err != nil {
			s.webError(c, errField("month", roster.RuleFormat, "must be a month YYYY-MM"))
			return
		}
		from, month = roster.NewDate(t.Year(), t.Month(), 1), true
		to = roster.NewDate(t.Year(), t.Month()+1, 0)
	}
	days, _, err := s.webSiteGrid(c.Request.Context(), site, from, to)
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webPrintView{Site: site, From: from, To: to, Days: days, Issued: roster.DateOf(s.nowLocal()), Title: catalog.Doc().Title(site),
		BoardURL: s.webBoardPathOf(site)}
	v.PrevWeek = v.BoardURL + "/print?week=" + from.AddDays(-7).String()
	v.NextWeek = v.BoardURL + "/print?week=" + from.AddDays(7).String()
	if month {
		prev, next := from.AddDays(-1), to.AddDays(1)
		v.Month = true
		v.PrevWeek = v.BoardURL + fmt.Sprintf("/print?month=%04d-%02d", prev.Year, int(prev.Month))
		v.NextWeek = v.BoardURL + fmt.Sprintf("/print?month=%04d-%02d", next.Year, int(next.Month))
	}
	p := s.webPage(c, "")
	p.Title = v.Title + " — " + site.Name
	p.Bare, p.BodyClass = true, "print"
	p.Data = v
	c.Header("X-Robots-Tag", "noindex, nofollow")
	s.webRender(c, http.StatusOK, "print", p)
}
