package pages

import (
	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The officer's part of /me for requests and cases: the "log a request
// from custody" button (prominent while the officer holds, or has just
// held, a phone duty) and a compact list of its open cases.

// webMeCasesMax is how many open cases /me lists.
const webMeCasesMax = 8

// webMeCasework is that part of the officer's page.
type webMeCasework struct {
	OnPhone bool // holds or just held a phone duty
	Cases   []roster.Case
	More    int // open cases not listed
}

// webLoadCasework fills the part for officer.
func (s *Server) webLoadCasework(c *gin.Context, officer int64) (*webMeCasework, error) {
	now := s.now()
	phone, err := s.webPhoneDuties(c, officer, now.Add(-webPhoneRecent), now)
	if err != nil {
		return nil, err
	}
	cases, err := s.store.ListCases(c.Request.Context(), store.CaseFilter{HandlerID: officer, Open: true})
	if err != nil {
		return nil, err
	}
	w := &webMeCasework{OnPhone: len(phone) > 0}
	for i := len(cases) - 1; i >= 0; i-- { // the newest first
		if len(w.Cases) == webMeCasesMax {
			w.More = i + 1
			break
		}
		w.Cases = append(w.Cases, cases[i])
	}
	return w, nil
}
