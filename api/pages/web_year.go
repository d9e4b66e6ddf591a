package pages

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The year report page, like the Center's own: the Vietnamese summary
// paragraph, then each part's figures, each linking to the rows behind it;
// and its downloads (the JSON side's CSV, workbook and PDF).

// webYearPart is one part of the report with its figures.
type webYearPart struct {
	Part    string
	Figures []roster.NamedFigure
}

// webYearView is the year report page.
type webYearView struct {
	Year, Prev, Next int
	Report           roster.YearReport
	Parts            []webYearPart
	Tab              string
}

// webYear is GET /manage/reports/year?year=.
func (s *Server) webYear(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	r, err := s.json.YearReport(c.Request.Context(), year)
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webYearView{Year: year, Prev: year - 1, Next: year + 1, Report: r, Tab: "year"}
	for _, f := range r.Figures() {
		if f.Dimension != "" && f.Value == 0 {
			continue
		}
		if len(v.Parts) == 0 || v.Parts[len(v.Parts)-1].Part != f.Part {
			v.Parts = append(v.Parts, webYearPart{Part: f.Part})
		}
		pt := &v.Parts[len(v.Parts)-1]
		pt.Figures = append(pt.Figures, f)
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.Tf("year.title", year), "results", v
	s.webRender(c, 200, "year", p)
}

// webYearFile is GET /manage/reports/year.{csv,xlsx,pdf}?year=.
func (s *Server) webYearFile(format string) gin.HandlerFunc {
	return func(c *gin.Context) {
		year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
		if err != nil {
			s.webError(c, err)
			return
		}
		if err := s.json.YearFile(c, year, format); err != nil {
			s.webError(c, err)
		}
	}
}

// webRowsView is the page of the rows behind one figure.
type webRowsView struct {
	Year   int
	Figure roster.NamedFigure
	Header []string
	Rows   [][]string
	Links  []string // each row's page, or ""
	Tab    string
}

// webYearRows is GET /manage/reports/year/rows?year=&figure=KEY.
func (s *Server) webYearRows(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	r, err := s.json.YearReport(c.Request.Context(), year)
	if err != nil {
		s.webError(c, err)
		return
	}
	f, ok := r.Figure(c.Query("figure"))
	if !ok {
		s.webError(c, roster.Errorf(roster.ENotFound, "no figure %q in the year report", c.Query("figure")))
		return
	}
	p := s.webPage(c, "")
	v := webRowsView{Year: year, Figure: f, Tab: "year"}
	if err := s.webFigureTable(c, p.L, year, f.Figure, &v); err != nil {
		s.webError(c, err)
		return
	}
	p.Title, p.Nav, p.Data = p.L.FigureLabel(f), "results", v
	s.webRender(c, 200, "year_rows", p)
}

// webFigureTable fills the table of the rows behind f.
func (s *Server) webFigureTable(c *gin.Context, l webLang, year int, f roster.Figure, v *webRowsView) error {
	ctx := c.Request.Context()
	ids := orEmpty(f.IDs)
	name := func(m map[int64]roster.Officer, id int64) string {
		if o, ok := m[id]; ok {
			return o.FullName
		}
		return l.Tf("org.no_name", id)
	}
	all, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		return err
	}
	officers := map[int64]roster.Officer{}
	for _, o := range all {
		officers[o.ID] = o
	}
	add := func(link string, cells ...string) { v.Rows, v.Links = append(v.Rows, cells), append(v.Links, link) }
	switch f.Entity {
	case roster.EntitySession:
		list, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{IDs: ids})
		if err != nil {
			return err
		}
		v.Header = []string{l.T("common.time"), l.T("outreach.col.session"), l.T("outreach.fig.attendees"), l.T("outreach.fig.cases")}
		for _, x := range list {
			att, cases := "", ""
			if x.Results != nil {
				att, cases = l.Count(x.Results.Attendees), l.Count(x.Results.Total())
			}
			add("/manage/outreach/"+strconv.FormatInt(x.ID, 10), l.Span(x.Start, x.End), x.Title+" — "+x.Venue, att, cases)
		}
	case roster.EntityAssignment, roster.EntityDutyResult, roster.EntityDutyRequest:
		results, err := s.store.ListDutyResults(ctx, store.DutyResultFilter{Year: year})
		if err != nil {
			return err
		}
		byDuty := map[int64]roster.DutyResult{}
		var dutyIDs []int64
		for _, res := range results {
			byDuty[res.AssignmentID] = res
			if f.Entity != roster.EntityAssignment && (slices.Contains(ids, res.ID) || slices.ContainsFunc(res.Requests, func(q roster.DutyRequest) bool { return slices.Contains(ids, q.ID) })) {
				dutyIDs = append(dutyIDs, res.AssignmentID)
			}
		}
		if f.Entity == roster.EntityAssignment {
			dutyIDs = ids
		}
		duties, err := s.store.ListAssignments(ctx, store.AssignmentFilter{IDs: orEmpty(dutyIDs), IncludeCancelled: true})
		if err != nil {
			return err
		}
		v.Header = []string{l.T("common.time"), l.T("common.site"), l.T("common.officer"), l.T("result.held_by"), l.T("result.people"), l.T("result.requests")}
		for _, a := range duties {
			res, ok := byDuty[a.ID]
			held, people, reqs := l.T("result.none"), "", ""
			if ok {
				held, people = l.T("result.not_held"), l.Count(res.PeopleReceived)
				if res.Held {
					held = name(officers, res.HeldBy)
				}
				for i, q := range res.Requests {
					if f.Entity == roster.EntityDutyRequest && !slices.Contains(ids, q.ID) {
						continue
					}
					if i > 0 && reqs != "" {
						reqs += "; "
					}
					reqs += fmt.Sprintf("%s · %s · %s", l.Field(q.Field), l.Group(q.Group), l.Action(q.Action))
				}
			}
			add("/me/duties/"+strconv.FormatInt(a.ID, 10)+"/result", l.Span(a.Start, a.End), a.SiteCode+" · "+a.SlotName,
				name(officers, a.OfficerID), held, people, reqs)
		}
	case roster.EntityCustodyRequest:
		list, err := s.store.ListCustodyRequests(ctx, store.CustodyFilter{Year: year})
		if err != nil {
			return err
		}
		v.Header = []string{l.T("custody.col.received"), l.T("custody.col.source"), l.T("custody.col.taken_by"), l.T("custody.col.sent"), l.T("custody.col.response")}
		for _, q := range list {
			if !slices.Contains(ids, q.ID) {
				continue
			}
			sent, resp := "", ""
			if q.SentOfficer != nil {
				sent = name(officers, *q.SentOfficer)
			}
			if d, ok := q.ResponseTime(); ok {
				resp = l.Duration(d)
			}
			add("/manage/custody?year="+strconv.Itoa(year), l.When(q.ReceivedAt.In(s.cfg.Loc)), l.CustodySource(q.Source)+" "+q.SourceName,
				name(officers, q.TakenBy), sent, resp)
		}
	case roster.EntityCase:
		list, err := s.store.ListCases(ctx, store.CaseFilter{IDs: ids})
		if err != nil {
			return err
		}
		v.Header = []string{l.T("cases.col.number"), l.T("cases.col.accepted"), l.T("cases.col.form"), l.T("cases.col.field"),
			l.T("cases.col.handler"), l.T("cases.col.stage")}
		for _, k := range list {
			stage := l.CaseStage(k.Stage)
			if k.Outcome != roster.OutcomeNone {
				stage += ": " + l.CaseOutcome(k.Outcome)
			}
			add("", k.Number, l.Day(k.Accepted), l.CaseForm(k.Form), l.Field(k.Field), name(officers, k.HandlerID), stage)
		}
	}
	return nil
}
