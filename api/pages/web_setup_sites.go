package pages

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webSlotRow is one slot row of the site form, as typed.
type webSlotRow struct {
	Index             int
	Name, Start, End  string
	Officers, Backups string
	Days, Specialty   string
}

// webSiteForm is the site form as typed.
type webSiteForm struct {
	Code, Name, Kind, Address    string
	Area                         string
	ReceptionPhone, ContactEmail string
	ValidFrom, ValidTo           string
	RequireSwapApproval          bool
	Slots                        []webSlotRow
	Version                      int
}

// webSiteRow is a site of the list.
type webSiteRow struct {
	roster.Site
	Open bool
}

// webSitesView is /manage/sites, or one site's form (Edit set).
type webSitesView struct {
	Q           string
	Rows        []webSiteRow
	Edit        *roster.Site
	Form        webSiteForm
	Errs        webFieldErrs
	Kinds       []roster.SiteKind
	Specialties []string
	Today       roster.Date
}

// webSlotBlank is how many empty slot rows the site form offers.
const webSlotBlank = 2

var webSiteHints = map[string]string{"code": "setup.site.hint.code", "contact_email": "setup.hint.email", "reception_phone": "setup.hint.phone"}

// webSiteFormOf fills the form with a site and blank slot rows.
func webSiteFormOf(site roster.Site) webSiteForm {
	f := webSiteForm{Code: site.Code, Name: site.Name, Kind: string(site.Kind), Address: site.Address, Area: site.Area, ReceptionPhone: site.ReceptionPhone,
		ContactEmail: site.ContactEmail, RequireSwapApproval: site.RequireSwapApproval, Version: site.Version}
	if site.ValidFrom != nil {
		f.ValidFrom = site.ValidFrom.String()
	}
	if site.ValidTo != nil {
		f.ValidTo = site.ValidTo.String()
	}
	for _, sl := range site.Slots {
		f.Slots = append(f.Slots, webSlotRow{Name: sl.Name, Start: sl.Start.String(), End: sl.End.String(),
			Officers: strconv.Itoa(sl.Officers), Backups: strconv.Itoa(sl.Backups), Days: string(sl.Days), Specialty: sl.Specialty})
	}
	return f.withBlanks()
}

// withBlanks numbers the rows and adds the empty ones.
func (f webSiteForm) withBlanks() webSiteForm {
	rows := []webSlotRow{}
	for _, r := range f.Slots {
		if r.Name != "" || r.Start != "" || r.End != "" {
			rows = append(rows, r)
		}
	}
	for range webSlotBlank {
		rows = append(rows, webSlotRow{Officers: "1", Backups: "0", Days: string(roster.Workdays)})
	}
	for i := range rows {
		rows[i].Index = i
	}
	f.Slots = rows
	return f
}

func (s *Server) webSitesView(c *gin.Context) (webSitesView, error) {
	today := roster.DateOf(s.nowLocal())
	v := webSitesView{Q: c.Query("q"), Kinds: []roster.SiteKind{roster.SiteCourt, roster.SiteOffice, roster.SiteOutreach},
		Specialties: roster.Specialties, Today: today, Form: webSiteForm{Kind: string(roster.SiteCourt)}.withBlanks()}
	sites, err := s.store.ListSites(c.Request.Context(), nil)
	if err != nil {
		return v, err
	}
	for _, site := range sites {
		if webMatches(v.Q, site.Name, site.Code, site.Address) {
			v.Rows = append(v.Rows, webSiteRow{Site: site, Open: site.OpenOn(today)})
		}
	}
	return v, nil
}

// webSites is GET /manage/sites?q=: the sites and the form that adds one
// with its slots.
func (s *Server) webSites(c *gin.Context) { s.webRenderSites(c, 0, nil, nil) }

func (s *Server) webRenderSites(c *gin.Context, status int, form *webSiteForm, errs webFieldErrs) {
	v, err := s.webSitesView(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	if form != nil {
		v.Form = form.withBlanks()
	}
	v.Errs = errs
	s.webSetupPage(c, webOK(status), "sites", "setup.sites.title", "sites", v)
}

// webReadSiteForm reads the site form (code, when given, instead of the
// form's) and validates it; the function it returns names the input of a
// field error, mapping each slot sent to its row on the form.
func (s *Server) webReadSiteForm(c *gin.Context, code string) (webSiteForm, roster.Site, func(string) string, error) {
	f := webSiteForm{Code: strings.TrimSpace(c.PostForm("code")), Name: strings.TrimSpace(c.PostForm("name")), Kind: c.PostForm("kind"),
		Address: strings.TrimSpace(c.PostForm("address")), Area: strings.TrimSpace(c.PostForm("area")), ReceptionPhone: strings.TrimSpace(c.PostForm("reception_phone")),
		ContactEmail: strings.TrimSpace(c.PostForm("contact_email")), ValidFrom: c.PostForm("valid_from"), ValidTo: c.PostForm("valid_to"),
		RequireSwapApproval: c.PostForm("require_swap_approval") == "1"}
	if code != "" {
		f.Code = code
	}
	f.Version, _ = strconv.Atoi(c.PostForm("version"))
	in := SiteInput{Code: f.Code, Name: f.Name, Kind: f.Kind, Address: f.Address, Area: f.Area, ReceptionPhone: f.ReceptionPhone,
		ContactEmail: f.ContactEmail, ValidFrom: f.ValidFrom, ValidTo: f.ValidTo, RequireSwapApproval: f.RequireSwapApproval}
	var v roster.Validator
	n, _ := strconv.Atoi(c.PostForm("slots"))
	var rows []int // index of the slot sent → row
	for i := range min(n, 48) {
		k := strconv.Itoa(i)
		r := webSlotRow{Name: strings.TrimSpace(c.PostForm("slot_name_" + k)), Start: c.PostForm("slot_start_" + k), End: c.PostForm("slot_end_" + k),
			Officers: c.PostForm("slot_officers_" + k), Backups: c.PostForm("slot_backups_" + k), Days: c.PostForm("slot_days_" + k),
			Specialty: c.PostForm("slot_specialty_" + k)}
		if r.Name == "" && r.Start == "" && r.End == "" {
			continue
		}
		row := len(f.Slots)
		f.Slots = append(f.Slots, r)
		rows = append(rows, row)
		sl := SlotInput{Name: r.Name, Start: r.Start, End: r.End, Days: r.Days, Specialty: r.Specialty}
		sl.Officers = webFormNumber(&v, c, "slot_officers_"+k, "slots["+strconv.Itoa(len(rows)-1)+"].officers", 1)
		sl.Backups = webFormNumber(&v, c, "slot_backups_"+k, "slots["+strconv.Itoa(len(rows)-1)+"].backups", 0)
		in.Slots = append(in.Slots, sl)
	}
	site, err := s.json.CheckSite(in)
	var re *roster.Error
	if errors.As(err, &re) {
		v.Fields = append(v.Fields, re.Fields...)
	}
	input := func(field string) string {
		rest, ok := strings.CutPrefix(field, "slots[")
		if !ok {
			return field
		}
		idx, name, _ := strings.Cut(rest, "].")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= len(rows) || name == "" {
			return "slots"
		}
		return "slot_" + name + "_" + strconv.Itoa(rows[i])
	}
	return f, site, input, v.Err()
}

// webCreateSite is POST /manage/sites.
func (s *Server) webCreateSite(c *gin.Context) {
	f, site, input, err := s.webReadSiteForm(c, "")
	if err == nil {
		site, err = s.store.CreateSite(c.Request.Context(), actor(c), site)
	}
	if err != nil {
		l := s.webPageLang(c)
		s.webSetupFail(c, err, webSetupErrs(l, err, input, webSiteHints), func(status int, errs webFieldErrs) {
			s.webRenderSites(c, status, &f, errs)
		})
		return
	}
	webRedirect(c, "/manage/sites/"+site.Code+"/edit", "site_saved")
}

// webSiteEdit is GET /manage/sites/{code}/edit: a site's form with its
// slots, and closing it.
func (s *Server) webSiteEdit(c *gin.Context) { s.webRenderSite(c, 0, nil, nil) }

func (s *Server) webRenderSite(c *gin.Context, status int, form *webSiteForm, errs webFieldErrs) {
	site, err := s.store.Site(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	v, err := s.webSitesView(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	v.Rows, v.Edit, v.Form, v.Errs = nil, &site, webSiteFormOf(site), errs
	if form != nil {
		f := *form
		f.Code = site.Code
		v.Form = f.withBlanks()
	}
	s.webSetupPage(c, webOK(status), "sites", "setup.sites.title", "sites", v)
}

// webUpdateSite is POST /manage/sites/{code}/edit. The code stays.
func (s *Server) webUpdateSite(c *gin.Context) {
	code := c.Param("code")
	f, site, input, err := s.webReadSiteForm(c, code)
	if err == nil {
		_, err = s.store.UpdateSite(c.Request.Context(), actor(c), site, f.Version)
	}
	if err != nil {
		l := s.webPageLang(c)
		s.webSetupFail(c, err, webSetupErrs(l, err, input, webSiteHints), func(status int, errs webFieldErrs) {
			s.webRenderSite(c, status, &f, errs)
		})
		return
	}
	webRedirect(c, "/manage/sites/"+code+"/edit", "site_saved")
}

// webCloseSite is POST /manage/sites/{code}/close: the site is valid up to
// the day given (default today); its duties and history stay.
func (s *Server) webCloseSite(c *gin.Context) {
	ctx := c.Request.Context()
	site, err := s.store.Site(ctx, c.Param("code"))
	if err != nil {
		s.webError(c, err)
		return
	}
	var v roster.Validator
	last := roster.DateOf(s.nowLocal())
	if raw := c.PostForm("valid_to"); raw != "" {
		last = parseDay(&v, "valid_to", raw)
	}
	if site.ValidFrom != nil && last.Before(*site.ValidFrom) {
		v.Add("valid_to", roster.RuleRange, "must not be before valid_from")
	}
	version, _ := strconv.Atoi(c.PostForm("version"))
	if err := v.Err(); err != nil {
		f := webSiteFormOf(site)
		s.webRenderSite(c, statusOf(roster.ErrorCode(err)), &f, webSetupErrs(s.webPageLang(c), err, nil, nil))
		return
	}
	site.ValidTo = &last
	if _, err := s.store.UpdateSite(ctx, actor(c), site, version); err != nil {
		s.webError(c, err)
		return
	}
	webRedirect(c, "/manage/sites/"+site.Code+"/edit", "site_closed")
}
