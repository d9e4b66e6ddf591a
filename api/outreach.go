package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

type outreachPartnerJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type outreachOfficerJSON struct {
	OfficerID    int64  `json:"officer_id"`
	FullName     string `json:"full_name"`
	Phone        string `json:"phone"`
	AssignmentID int64  `json:"assignment_id"`
}

type outreachJSON struct {
	ID                 int64                 `json:"id"`
	Title              string                `json:"title"`
	Venue              string                `json:"venue"`
	Commune            string                `json:"commune"`
	Address            string                `json:"address"`
	Notes              string                `json:"notes"`
	Site               string                `json:"site"`
	Partner            string                `json:"partner"` // the first partner's name, as posted
	PartnerIDs         []int64               `json:"partner_ids"`
	Partners           []outreachPartnerJSON `json:"partners"`
	Start              string                `json:"start"`
	End                string                `json:"end"`
	OfficerIDs         []int64               `json:"officer_ids"`
	Officers           []outreachOfficerJSON `json:"officers"`
	Duties             []assignmentJSON      `json:"duties"`
	Status             string                `json:"status"`
	Attendees          *int                  `json:"attendees"`
	Requests           *int                  `json:"requests"`
	Consultations      map[string]int        `json:"consultations"`
	TotalConsultations *int                  `json:"total_consultations"`
	ResultsRecordedAt  *string               `json:"results_recorded_at"`
	ResultsRecordedBy  string                `json:"results_recorded_by,omitempty"`
	Version            int                   `json:"version"`
	CreatedBy          string                `json:"created_by"`
	CreatedAt          string                `json:"created_at"`
	UpdatedAt          string                `json:"updated_at"`
}

// outreachListJSON renders sessions with their officers' names and phones.
func (s *Server) outreachListJSON(c *gin.Context, list []roster.OutreachSession) ([]outreachJSON, error) {
	var ids []int64
	for _, x := range list {
		ids = append(ids, x.OfficerIDs...)
	}
	officers, err := s.store.OfficersByID(c.Request.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]outreachJSON, len(list))
	for i, x := range list {
		j := outreachJSON{ID: x.ID, Title: x.Title, Venue: x.Venue, Commune: x.Commune, Address: x.Address, Notes: x.Notes, Site: x.SiteCode,
			PartnerIDs: []int64{}, Partners: []outreachPartnerJSON{}, Start: x.Start.In(s.cfg.Loc).Format(time.RFC3339),
			End: x.End.In(s.cfg.Loc).Format(time.RFC3339), OfficerIDs: x.OfficerIDs, Officers: []outreachOfficerJSON{},
			Duties: s.assignmentsJSON(x.Duties), Status: string(x.Status), Version: x.Version, CreatedBy: x.CreatedBy,
			CreatedAt: x.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339), UpdatedAt: x.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
		if j.OfficerIDs == nil {
			j.OfficerIDs = []int64{}
		}
		for k, p := range x.Partners {
			if k == 0 {
				j.Partner = p.Name
			}
			j.PartnerIDs = append(j.PartnerIDs, p.ID)
			j.Partners = append(j.Partners, outreachPartnerJSON{ID: p.ID, Name: p.Name, Kind: string(p.Kind)})
		}
		for _, d := range x.Duties {
			if d.Status == roster.Scheduled {
				o := officers[d.OfficerID]
				j.Officers = append(j.Officers, outreachOfficerJSON{OfficerID: d.OfficerID, FullName: o.FullName, Phone: o.Phone, AssignmentID: d.ID})
			}
		}
		if r := x.Results; r != nil {
			att, req, total := r.Attendees, r.Requests, r.Total()
			j.Attendees, j.Requests, j.TotalConsultations = &att, &req, &total
			j.Consultations = map[string]int{}
			for _, f := range roster.ConsultationFields {
				j.Consultations[f] = r.Consultations[f]
			}
			at := r.RecordedAt.In(s.cfg.Loc).Format(time.RFC3339)
			j.ResultsRecordedAt, j.ResultsRecordedBy = &at, r.RecordedBy
		}
		out[i] = j
	}
	return out, nil
}

func (s *Server) respondOutreach(c *gin.Context, status int, x roster.OutreachSession) {
	out, err := s.outreachListJSON(c, []roster.OutreachSession{x})
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, status, x.Version, out[0])
}

// partnerRefs reads "partner" (a name or an id) and "partner_ids" into
// references, "partner" first. hasPartner says whether "partner" was given.
func partnerRefs(v *roster.Validator, raw json.RawMessage, ids []int64) (refs []roster.Partner, hasPartner bool) {
	if b := bytes.TrimSpace(raw); len(b) > 0 && string(b) != "null" {
		hasPartner = true
		var x any
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		_ = dec.Decode(&x) // bindJSON has checked the syntax
		switch p := x.(type) {
		case json.Number:
			id, err := strconv.ParseInt(p.String(), 10, 64)
			if err != nil || id <= 0 {
				v.Add("partner", roster.RuleInvalid, "must be a partner's name or id")
			}
			refs = append(refs, roster.Partner{ID: id})
		case string:
			p = strings.TrimSpace(p)
			if id, err := strconv.ParseInt(p, 10, 64); err == nil && id > 0 {
				refs = append(refs, roster.Partner{ID: id})
			} else if p == "" {
				v.Add("partner", roster.RuleRequired, "must not be empty")
			} else {
				refs = append(refs, roster.Partner{Name: p})
			}
		default:
			v.Add("partner", roster.RuleInvalid, "must be a partner's name or id")
		}
	}
	for _, id := range ids {
		refs = append(refs, roster.Partner{ID: id})
	}
	return refs, hasPartner
}

// renamePartnerFields names partner errors after the input: with
// "partner" given, reference 0 is "partner" and reference i is
// "partner_ids[i-1]".
func renamePartnerFields(err error, hasPartner bool) error {
	var re *roster.Error
	if !hasPartner || !errors.As(err, &re) {
		return err
	}
	cp := *re
	cp.Fields = make([]roster.FieldError, len(re.Fields))
	for i, f := range re.Fields {
		var n int
		if _, e := fmt.Sscanf(f.Field, "partner_ids[%d]", &n); e == nil {
			if n == 0 {
				f.Field = "partner"
			} else {
				f.Field = fmt.Sprintf("partner_ids[%d]", n-1)
			}
		}
		cp.Fields[i] = f
	}
	return &cp
}

// parseCount reads a count: a JSON whole number. Absent or null is nil.
func parseCount(v *roster.Validator, field string, raw json.RawMessage) *int {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 32)
	if err != nil {
		v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
		return nil
	}
	i := int(n)
	return &i
}

// parseConsultations reads {"land":N,…}; nil when absent.
func parseConsultations(v *roster.Validator, in map[string]json.RawMessage) map[string]int {
	if in == nil {
		return nil
	}
	out := make(map[string]int, len(in))
	for f, raw := range in {
		field := "consultations." + f
		if b := bytes.TrimSpace(raw); string(b) == "null" {
			v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
			continue
		}
		if n := parseCount(v, field, raw); n != nil {
			out[f] = *n
		}
	}
	return out
}

type outreachInput struct {
	Title         string                     `json:"title"`
	Venue         string                     `json:"venue"`
	Commune       string                     `json:"commune"`
	Address       string                     `json:"address"`
	Notes         string                     `json:"notes"`
	Site          string                     `json:"site"`
	Partner       json.RawMessage            `json:"partner"`
	PartnerIDs    []int64                    `json:"partner_ids"`
	Start         string                     `json:"start"`
	End           string                     `json:"end"`
	OfficerIDs    []int64                    `json:"officer_ids"`
	Attendees     json.RawMessage            `json:"attendees"`
	Requests      json.RawMessage            `json:"requests"`
	Consultations map[string]json.RawMessage `json:"consultations"`
}

// createOutreach plans a session and books its officers for it (409 on a
// clash with another duty or a leave). Results may come with it for a
// session that has already started, to record past sessions.
func (s *Server) createOutreach(c *gin.Context) {
	var in outreachInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	sess := roster.OutreachSession{Title: in.Title, Venue: in.Venue, Commune: in.Commune, Address: in.Address, Notes: in.Notes,
		SiteCode: in.Site, OfficerIDs: in.OfficerIDs}
	sess.Start = parseInstant(&v, "start", in.Start)
	sess.End = parseInstant(&v, "end", in.End)
	refs, hasPartner := partnerRefs(&v, in.Partner, in.PartnerIDs)
	sess.Partners = refs
	att := parseCount(&v, "attendees", in.Attendees)
	req := parseCount(&v, "requests", in.Requests)
	cons := parseConsultations(&v, in.Consultations)
	if att != nil || req != nil || cons != nil {
		r := roster.SessionResults{Consultations: map[string]int{}}
		if att != nil {
			r.Attendees = *att
		}
		if req != nil {
			r.Requests = *req
		}
		for f, n := range cons {
			if n != 0 || !roster.ValidConsultationField(f) {
				r.Consultations[f] = n
			}
		}
		sess.Results = &r
	}
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	x, err := s.store.CreateOutreachSession(c.Request.Context(), actor(c), sess)
	if err != nil {
		s.fail(c, renamePartnerFields(err, hasPartner))
		return
	}
	c.Header("Location", "/api/v1/outreach-sessions/"+strconv.FormatInt(x.ID, 10))
	s.respondOutreach(c, http.StatusCreated, x)
}

func (s *Server) getOutreach(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	x, err := s.store.OutreachSession(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondOutreach(c, http.StatusOK, x)
}

// maxOutreachListDays is the longest range GET /outreach-sessions answers.
const maxOutreachListDays = 3660

// listOutreach answers ?from=&to=&partner=&officer_id=&status=, ordered by
// start. from defaults to 1 January of this year and to to a year after
// from; status is scheduled (default), cancelled or all.
func (s *Server) listOutreach(c *gin.Context) {
	ctx := c.Request.Context()
	var f store.OutreachFilter
	from, ok, err := queryDate(c, "from")
	if err != nil {
		s.fail(c, err)
		return
	}
	if !ok {
		from = roster.NewDate(s.nowLocal().Year(), time.January, 1)
	}
	to, ok, err := queryDate(c, "to")
	if err != nil {
		s.fail(c, err)
		return
	}
	if !ok {
		to = roster.NewDate(from.Year+1, from.Month, from.Day).AddDays(-1)
	}
	if to.Before(from) {
		s.fail(c, errField("to", roster.RuleRange, "must not be before from"))
		return
	}
	if from.DaysUntil(to)+1 > maxOutreachListDays {
		s.fail(c, errField("to", roster.RuleRange, "a range of at most %d days comes in one answer", maxOutreachListDays))
		return
	}
	f.From, f.To = from.In(s.cfg.Loc), to.AddDays(1).In(s.cfg.Loc)
	if raw := strings.TrimSpace(c.Query("partner")); raw != "" {
		var p roster.Partner
		if id, perr := strconv.ParseInt(raw, 10, 64); perr == nil {
			p, err = s.store.Partner(ctx, id)
		} else {
			p, err = s.store.PartnerByName(ctx, raw)
		}
		if roster.ErrorCode(err) == roster.ENotFound {
			err = errField("partner", roster.RuleNotFound, "no partner %q", raw)
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		f.PartnerID = p.ID
	}
	if raw := c.Query("officer_id"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			s.fail(c, errField("officer_id", roster.RuleInvalid, "must be an officer id"))
			return
		}
		f.OfficerID = id
	}
	switch st := c.Query("status"); st {
	case "", "scheduled":
		f.Status = roster.SessionScheduled
	case "cancelled":
		f.Status = roster.SessionCancelled
	case "all":
	default:
		s.fail(c, errField("status", roster.RuleOneOf, "must be scheduled, cancelled or all"))
		return
	}
	list, err := s.store.ListOutreachSessions(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.outreachListJSON(c, list)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"from": from.String(), "to": to.String(), "outreach_sessions": out})
}

type outreachPatch struct {
	Title         *string                    `json:"title"`
	Venue         *string                    `json:"venue"`
	Commune       *string                    `json:"commune"`
	Address       *string                    `json:"address"`
	Notes         *string                    `json:"notes"`
	Site          *string                    `json:"site"`
	Partner       json.RawMessage            `json:"partner"`
	PartnerIDs    *[]int64                   `json:"partner_ids"`
	Start         *string                    `json:"start"`
	End           *string                    `json:"end"`
	OfficerIDs    *[]int64                   `json:"officer_ids"`
	Attendees     json.RawMessage            `json:"attendees"`
	Requests      json.RawMessage            `json:"requests"`
	Consultations map[string]json.RawMessage `json:"consultations"`
}

// updateOutreach records results ({"attendees","requests","consultations"},
// the counts by field replacing those recorded), moves the session (start,
// end: its duties move with it), changes its officers, partners, title,
// venue or notes. With If-Match, a stale version is 412.
func (s *Server) updateOutreach(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in outreachPatch
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var v roster.Validator
	ch := roster.SessionChange{Title: in.Title, Venue: in.Venue, Commune: in.Commune, Address: in.Address, Notes: in.Notes, OfficerIDs: in.OfficerIDs}
	if in.Start != nil {
		t := parseInstant(&v, "start", *in.Start)
		ch.Start = &t
	}
	if in.End != nil {
		t := parseInstant(&v, "end", *in.End)
		ch.End = &t
	}
	var hasPartner bool
	if len(bytes.TrimSpace(in.Partner)) > 0 || in.PartnerIDs != nil {
		var ids []int64
		if in.PartnerIDs != nil {
			ids = *in.PartnerIDs
		}
		var refs []roster.Partner
		refs, hasPartner = partnerRefs(&v, in.Partner, ids)
		ch.Partners = &refs
	}
	ch.Attendees = parseCount(&v, "attendees", in.Attendees)
	ch.Requests = parseCount(&v, "requests", in.Requests)
	ch.Consultations = parseConsultations(&v, in.Consultations)
	if err := v.Err(); err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	if in.Site != nil {
		cur, err := s.store.OutreachSession(ctx, id)
		if err != nil {
			s.fail(c, err)
			return
		}
		if *in.Site != cur.SiteCode {
			s.fail(c, errField("site", roster.RuleInvalid, "a session's site cannot change; cancel it and plan it again on the other site"))
			return
		}
	}
	if ch.Empty() {
		s.fail(c, errField("body", roster.RuleRequired, "nothing to change: give results (attendees, requests, consultations), start, end, officer_ids, partner, title, venue, commune, address or notes"))
		return
	}
	x, err := s.store.UpdateOutreachSession(ctx, actor(c), id, ch, ver)
	if err != nil {
		s.fail(c, renamePartnerFields(err, hasPartner))
		return
	}
	s.respondOutreach(c, http.StatusOK, x)
}

// cancelOutreach cancels a session and its duties; the session stays, with
// status cancelled.
func (s *Server) cancelOutreach(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	x, err := s.store.CancelOutreachSession(c.Request.Context(), actor(c), id, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondOutreach(c, http.StatusOK, x)
}
