package pages

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webPartnerForm is the partner form as typed.
type webPartnerForm struct {
	Name, Kind, ContactName, ContactPhone, ContactEmail, Address, Notes string
	Version                                                             int
}

// webPartnersView is /manage/partners, or one partner's form (Edit set).
type webPartnersView struct {
	Q     string
	Rows  []roster.Partner
	Edit  *roster.Partner
	Kinds []roster.PartnerKind
	Form  webPartnerForm
	Errs  webFieldErrs
}

var webPartnerHints = map[string]string{"contact_email": "setup.hint.email", "contact_phone": "setup.hint.phone"}

// webPartners is GET /manage/partners?q=.
func (s *Server) webPartners(c *gin.Context) { s.webRenderPartners(c, 0, nil, nil, nil) }

func (s *Server) webRenderPartners(c *gin.Context, status int, edit *roster.Partner, form *webPartnerForm, errs webFieldErrs) {
	v := webPartnersView{Q: c.Query("q"), Kinds: roster.PartnerKinds, Edit: edit, Errs: errs}
	if edit == nil {
		list, err := s.store.ListPartners(c.Request.Context(), store.PartnerFilter{})
		if err != nil {
			s.webError(c, err)
			return
		}
		for _, p := range list {
			if webMatches(v.Q, p.Name, p.ContactName, p.Address) {
				v.Rows = append(v.Rows, p)
			}
		}
	} else {
		v.Form = webPartnerForm{Name: edit.Name, Kind: string(edit.Kind), ContactName: edit.ContactName, ContactPhone: edit.ContactPhone,
			ContactEmail: edit.ContactEmail, Address: edit.Address, Notes: edit.Notes, Version: edit.Version}
	}
	if form != nil {
		v.Form = *form
	}
	s.webSetupPage(c, webOK(status), "partners", "setup.partners.title", "partners", v)
}

// webReadPartnerForm reads the partner form over p.
func webReadPartnerForm(c *gin.Context, p roster.Partner) (webPartnerForm, roster.Partner) {
	f := webPartnerForm{Name: strings.TrimSpace(c.PostForm("name")), Kind: c.PostForm("kind"),
		ContactName: strings.TrimSpace(c.PostForm("contact_name")), ContactPhone: strings.TrimSpace(c.PostForm("contact_phone")),
		ContactEmail: strings.TrimSpace(c.PostForm("contact_email")), Address: strings.TrimSpace(c.PostForm("address")),
		Notes: strings.TrimSpace(c.PostForm("notes"))}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	p.Name, p.Kind, p.ContactName, p.ContactPhone = f.Name, roster.PartnerKind(f.Kind), f.ContactName, f.ContactPhone
	p.ContactEmail, p.Address, p.Notes = f.ContactEmail, f.Address, f.Notes
	return f, p
}

// webCreatePartner is POST /manage/partners; an empty kind is guessed
// from the name.
func (s *Server) webCreatePartner(c *gin.Context) {
	f, p := webReadPartnerForm(c, roster.Partner{Active: true})
	p, err := s.json.CheckPartner(p, true)
	if err == nil {
		p, err = s.store.CreatePartner(c.Request.Context(), actor(c), p)
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(s.webPageLang(c), err, nil, webPartnerHints), func(status int, errs webFieldErrs) {
			s.webRenderPartners(c, status, nil, &f, errs)
		})
		return
	}
	webRedirect(c, "/manage/partners", "partner_saved")
}

// webPartner is GET /manage/partners/{id}.
func (s *Server) webPartner(c *gin.Context) {
	p, ok := s.webPartnerOf(c)
	if ok {
		s.webRenderPartners(c, 0, &p, nil, nil)
	}
}

func (s *Server) webPartnerOf(c *gin.Context) (roster.Partner, bool) {
	id, err := pathID(c, "id")
	if err == nil {
		var p roster.Partner
		if p, err = s.store.Partner(c.Request.Context(), id); err == nil {
			return p, true
		}
	}
	s.webError(c, err)
	return roster.Partner{}, false
}

// webUpdatePartner is POST /manage/partners/{id}; active=0|1 alone
// (the deactivate button) changes only whether the partner is active.
func (s *Server) webUpdatePartner(c *gin.Context) {
	cur, ok := s.webPartnerOf(c)
	if !ok {
		return
	}
	f, p := webReadPartnerForm(c, cur)
	if raw, only := c.GetPostForm("active"); only {
		p = cur
		p.Active = raw == "1"
	}
	p, err := s.json.CheckPartner(p, false)
	if err == nil {
		_, err = s.store.UpdatePartner(c.Request.Context(), actor(c), p, f.Version)
	}
	if err != nil {
		s.webSetupFail(c, err, webSetupErrs(s.webPageLang(c), err, nil, webPartnerHints), func(status int, errs webFieldErrs) {
			s.webRenderPartners(c, status, &cur, &f, errs)
		})
		return
	}
	webRedirect(c, fmt.Sprintf("/manage/partners/%d", cur.ID), "partner_saved")
}
