package pages

import (
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The managers' case register: searchable by number or summary, filtered
// by the year it counts in, form, stage and handler.

// webCaseRow is one case of the register.
type webCaseRow struct {
	roster.Case
	Handler     roster.Officer
	CarriedOver bool
}

// webCasesView is the register page.
type webCasesView struct {
	Year              int
	Q, Form, Stage    string
	Handler           int64
	Rows              []webCaseRow
	Forms             []roster.CaseForm
	Stages            []roster.CaseStage
	Officers          []roster.Officer
	Tab               string
	Shown, Total, Max int
}

// webCasesMax is how many cases the page lists at most.
const webCasesMax = 1000

// webCases is GET /manage/cases?year=&q=&form=&stage=&handler=.
func (s *Server) webCases(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.webError(c, err)
		return
	}
	handler, err := queryInt(c, "handler", 0, 0, 1<<62)
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webCasesView{Year: year, Q: strings.TrimSpace(c.Query("q")), Form: c.Query("form"), Stage: c.Query("stage"), Handler: int64(handler),
		Forms: roster.CaseForms, Stages: roster.CaseStages, Tab: "cases", Max: webCasesMax}
	f := store.CaseFilter{HandledIn: year, HandlerID: v.Handler}
	if k := roster.CaseForm(v.Form); k.Valid() {
		f.Form = k
	}
	if k := roster.CaseStage(v.Stage); k.Valid() {
		f.Stage = k
	}
	ctx := c.Request.Context()
	list, err := s.store.ListCases(ctx, f)
	if err != nil {
		s.webError(c, err)
		return
	}
	if v.Officers, err = s.store.ListOfficers(ctx, store.OfficerFilter{}); err != nil {
		s.webError(c, err)
		return
	}
	byID := map[int64]roster.Officer{}
	for _, o := range v.Officers {
		byID[o.ID] = o
	}
	q := strings.ToLower(v.Q)
	for _, k := range list {
		if q != "" && !strings.Contains(strings.ToLower(k.Number+" "+k.Summary+" "+byID[k.HandlerID].FullName), q) {
			continue
		}
		v.Total++
		if len(v.Rows) < webCasesMax {
			v.Rows = append(v.Rows, webCaseRow{Case: k, Handler: byID[k.HandlerID], CarriedOver: k.CarriedOverInto(year)})
		}
	}
	v.Shown = len(v.Rows)
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.Tf("cases.title", year), "results", v
	s.webRender(c, 200, "cases", p)
}
