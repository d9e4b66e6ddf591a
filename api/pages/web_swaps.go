package pages

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webSwapRow is a swap request with what the pages show of it.
type webSwapRow struct {
	roster.SwapRequest
	Duty     webDuty
	Exchange *webDuty
	From, To roster.Officer
	Site     roster.Site
}

// webSwapRows loads the duties, officers and sites of swap requests.
func (s *Server) webSwapRows(ctx context.Context, list []roster.SwapRequest) ([]webSwapRow, error) {
	officers, _, err := s.webOfficersByID(ctx)
	if err != nil {
		return nil, err
	}
	sites := map[int64]roster.Site{}
	out := make([]webSwapRow, 0, len(list))
	for _, r := range list {
		a, err := s.store.Assignment(ctx, r.AssignmentID)
		if err != nil {
			return nil, err
		}
		site, ok := sites[a.SiteID]
		if !ok {
			if site, err = s.store.SiteByID(ctx, a.SiteID); err != nil {
				return nil, err
			}
			sites[a.SiteID] = site
		}
		row := webSwapRow{SwapRequest: r, Duty: webDuty{Assignment: a, Officer: officers[a.OfficerID]},
			From: officers[r.FromOfficerID], To: officers[r.ToOfficerID], Site: site}
		if r.ExchangeAssignmentID != nil {
			e, err := s.store.Assignment(ctx, *r.ExchangeAssignmentID)
			if err != nil {
				return nil, err
			}
			row.Exchange = &webDuty{Assignment: e, Officer: officers[e.OfficerID]}
		}
		out = append(out, row)
	}
	return out, nil
}

func (s *Server) webRenderSwaps(c *gin.Context, status int, fail error) {
	ctx := c.Request.Context()
	list, err := s.store.ListSwaps(ctx, store.SwapFilter{OpenOnly: true})
	if err != nil {
		s.webError(c, err)
		return
	}
	rows, err := s.webSwapRows(ctx, list)
	if err != nil {
		s.webError(c, err)
		return
	}
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("swaps.title"), "swaps", rows
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "swaps", p)
}

// webSwaps is GET /manage/swaps: the open swap requests; those waiting for
// a manager can be approved or rejected.
func (s *Server) webSwaps(c *gin.Context) { s.webRenderSwaps(c, http.StatusOK, nil) }

// webDecideSwap is POST /manage/swaps/{id}/{action} (approve or reject).
// Approving re-checks every rule; a swap that can no longer be made fails
// and the page says why.
func (s *Server) webDecideSwap(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.webError(c, err)
		return
	}
	action := store.SwapAction(c.Param("action"))
	if action != store.SwapApprove && action != store.SwapReject {
		s.webError(c, roster.Errorf(roster.ENotFound, "no swap action %q here: approve or reject", action))
		return
	}
	if _, err := s.store.DecideSwap(c.Request.Context(), actor(c), id, action, strings.TrimSpace(c.PostForm("reason"))); err != nil {
		s.webRenderSwaps(c, statusOf(roster.ErrorCode(err)), err)
		return
	}
	webRedirect(c, "/manage/swaps", "swap_decided")
}
