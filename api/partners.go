package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// Partners: the organisations outreach sessions are held with.

type partnerJSON struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	KindLabel    string `json:"kind_label"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	ContactEmail string `json:"contact_email"`
	Address      string `json:"address"`
	Notes        string `json:"notes"`
	Active       bool   `json:"active"`
	Version      int    `json:"version"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
}

func (s *Server) partnerJSON(p roster.Partner) partnerJSON {
	return partnerJSON{ID: p.ID, Name: p.Name, Kind: string(p.Kind), KindLabel: p.Kind.Label(), ContactName: p.ContactName,
		ContactPhone: p.ContactPhone, ContactEmail: p.ContactEmail, Address: p.Address, Notes: p.Notes, Active: p.Active,
		Version: p.Version, CreatedAt: p.CreatedAt.In(s.cfg.Loc).Format(time.RFC3339), UpdatedAt: p.UpdatedAt.In(s.cfg.Loc).Format(time.RFC3339)}
}

type partnerInput struct {
	Name         *string `json:"name"`
	Kind         *string `json:"kind"`
	ContactName  *string `json:"contact_name"`
	ContactPhone *string `json:"contact_phone"`
	ContactEmail *string `json:"contact_email"`
	Address      *string `json:"address"`
	Notes        *string `json:"notes"`
	Active       *bool   `json:"active"`
}

// apply validates the input over p (a PATCH applies what is given; a POST
// starts from an active partner whose kind, when not given, is guessed
// from the name).
func (in partnerInput) apply(p roster.Partner, create bool) (roster.Partner, error) {
	str := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	str(&p.Name, in.Name)
	str(&p.ContactName, in.ContactName)
	str(&p.ContactPhone, in.ContactPhone)
	str(&p.ContactEmail, in.ContactEmail)
	str(&p.Address, in.Address)
	str(&p.Notes, in.Notes)
	if in.Kind != nil {
		p.Kind = roster.PartnerKind(*in.Kind)
	} else if create {
		p.Kind = roster.GuessPartnerKind(p.Name)
	}
	if in.Active != nil {
		p.Active = *in.Active
	}
	var v roster.Validator
	v.Check(p.ContactEmail == "" || roster.ValidEmail(p.ContactEmail), "contact_email", roster.RuleFormat, "is not an e-mail address")
	v.Check(p.ContactPhone == "" || roster.ValidPhone(p.ContactPhone), "contact_phone", roster.RuleFormat, "is not a phone number")
	if err := p.Validate(); err != nil {
		var re *roster.Error
		if errors.As(err, &re) {
			v.Fields = append(v.Fields, re.Fields...)
		}
	}
	return p, v.Err()
}

func (s *Server) createPartner(c *gin.Context) {
	var in partnerInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	p, err := in.apply(roster.Partner{Active: true}, true)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err = s.store.CreatePartner(c.Request.Context(), actor(c), p)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/partners/"+strconv.FormatInt(p.ID, 10))
	versioned(c, http.StatusCreated, p.Version, s.partnerJSON(p))
}

func (s *Server) getPartner(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err := s.store.Partner(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, p.Version, s.partnerJSON(p))
}

// listPartners answers ?kind=&q=&active=, ordered by name.
func (s *Server) listPartners(c *gin.Context) {
	var f store.PartnerFilter
	if k := c.Query("kind"); k != "" {
		if !roster.PartnerKind(k).Valid() {
			s.fail(c, errField("kind", roster.RuleOneOf, "must be a partner kind"))
			return
		}
		f.Kind = roster.PartnerKind(k)
	}
	switch c.Query("active") {
	case "":
	case "true":
		f.Active = new(true)
	case "false":
		f.Active = new(false)
	default:
		s.fail(c, errField("active", roster.RuleOneOf, "must be true or false"))
		return
	}
	f.Query = c.Query("q")
	list, err := s.store.ListPartners(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]partnerJSON, len(list))
	for i, p := range list {
		out[i] = s.partnerJSON(p)
	}
	c.JSON(http.StatusOK, gin.H{"partners": out})
}

func (s *Server) updatePartner(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in partnerInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	cur, err := s.store.Partner(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err := in.apply(cur, false)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, err = s.store.UpdatePartner(ctx, actor(c), p, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, p.Version, s.partnerJSON(p))
}

// deletePartner removes a partner no session names (409 otherwise).
func (s *Server) deletePartner(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := s.store.DeletePartner(c.Request.Context(), actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
