package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"lichtruc/api/document"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// sendDuties sends a list of duties as CSV or a spreadsheet: the same
// duties, in the same order, as the JSON listing.
func (s *Server) sendDuties(c *gin.Context, format string, sep rune, list []roster.Assignment, from, to roster.Date) {
	ctx := c.Request.Context()
	l, err := s.dutyList(ctx, list)
	if err != nil {
		s.fail(c, err)
		return
	}
	l.Title = catalog.VI.Tf("file.list_title", catalog.VI.DaySpan(from, to))
	s.sendTable(c, format, sep, catalog.VI.T("file.duties")+" "+from.String()+"_"+to.String(), l.Table())
}

// dutyList gathers the officers and sites of duties.
func (s *Server) dutyList(ctx context.Context, list []roster.Assignment) (document.DutyList, error) {
	l := document.DutyList{Duties: list, Officers: map[int64]roster.Officer{}, Sites: map[string]roster.Site{}, Loc: s.cfg.Loc}
	ids := make([]int64, 0, len(list))
	for _, a := range list {
		ids = append(ids, a.OfficerID)
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{IDs: ids})
	if err != nil {
		return l, err
	}
	for _, o := range officers {
		l.Officers[o.ID] = o
	}
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		return l, err
	}
	for _, site := range sites {
		l.Sites[site.Code] = site
	}
	return l, nil
}
