package api

import (
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lichtruc/api/pages"
	"lichtruc/calendar"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

type slotJSON struct {
	Name      string `json:"name"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Officers  *int   `json:"officers"`
	Backups   int    `json:"backups"`
	Days      string `json:"days,omitempty"`
	Specialty string `json:"specialty,omitempty"`
}

// siteInput is a site as a client sends it.
type siteInput struct {
	Code                string     `json:"code"`
	Name                string     `json:"name"`
	Kind                string     `json:"kind"`
	Address             string     `json:"address"`
	Area                string     `json:"area"` // officers serve one area a day (see the rule settings)
	ReceptionPhone      string     `json:"reception_phone"`
	ContactEmail        string     `json:"contact_email"`
	ValidFrom           *string    `json:"valid_from"`
	ValidTo             *string    `json:"valid_to"`
	RequireSwapApproval bool       `json:"require_swap_approval"`
	Slots               []slotJSON `json:"slots"`
}

// siteJSON is a site as the API returns it: its id, what a client sends
// (the embedded fields are encoded in place, in order), its URLs and its
// version.
type siteJSON struct {
	ID int64 `json:"id"`
	siteInput
	FeedURL   string `json:"feed_url"`
	WebcalURL string `json:"webcal_url"`
	BoardURL  string `json:"board_url"`
	Version   int    `json:"version"`
}

var siteCodeRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$`)

// site validates the input into a roster.Site.
func (in siteInput) site() (roster.Site, error) {
	var v roster.Validator
	codeRule := roster.RuleRequired
	if in.Code != "" {
		codeRule = roster.RuleFormat
	}
	v.Check(siteCodeRE.MatchString(in.Code), "code", codeRule, "is required: 1–40 letters, digits, '-', '_' or '.', starting with a letter or digit")
	v.CheckText("name", in.Name, 200)
	v.Check(roster.SiteKind(in.Kind).Valid(), "kind", roster.RuleOneOf, "must be court, outreach or office")
	v.Check(utf8.RuneCountInString(in.Area) <= 100, "area", roster.RuleTooLong, "at most 100 characters")
	v.Check(len(in.Slots) <= 24, "slots", roster.RuleRange, "at most 24 slots")
	site := roster.Site{Code: in.Code, Name: strings.TrimSpace(in.Name), Kind: roster.SiteKind(in.Kind), Address: in.Address,
		Area: strings.TrimSpace(in.Area), ReceptionPhone: in.ReceptionPhone, ContactEmail: in.ContactEmail, RequireSwapApproval: in.RequireSwapApproval, Slots: []roster.Slot{}}
	if in.ContactEmail != "" {
		v.Check(roster.ValidEmail(in.ContactEmail), "contact_email", roster.RuleFormat, "is not an e-mail address")
	}
	if in.ValidFrom != nil {
		d := parseDay(&v, "valid_from", *in.ValidFrom)
		site.ValidFrom = &d
	}
	if in.ValidTo != nil {
		d := parseDay(&v, "valid_to", *in.ValidTo)
		site.ValidTo = &d
	}
	if site.ValidFrom != nil && site.ValidTo != nil && site.ValidTo.Before(*site.ValidFrom) {
		v.Add("valid_to", roster.RuleRange, "must not be before valid_from")
	}
	names := map[string]bool{}
	for i, sj := range in.Slots {
		f := func(name string) string { return "slots[" + itoa(i) + "]." + name }
		sl := roster.Slot{Name: strings.TrimSpace(sj.Name), Backups: sj.Backups, Days: roster.SlotDays(sj.Days), Specialty: sj.Specialty}
		v.CheckText(f("name"), sl.Name, 60)
		v.Check(!names[strings.ToLower(sl.Name)], f("name"), roster.RuleDuplicate, "%q is used twice", sl.Name)
		names[strings.ToLower(sl.Name)] = true
		var err error
		if sl.Start, err = roster.ParseClock(sj.Start); err != nil {
			v.Add(f("start"), roster.RuleFormat, "must be a time HH:MM")
		}
		if sl.End, err = roster.ParseClock(sj.End); err != nil {
			v.Add(f("end"), roster.RuleFormat, "must be a time HH:MM")
		}
		if sj.Officers == nil {
			sl.Officers = 1
		} else {
			sl.Officers = *sj.Officers
		}
		v.Check(sl.Officers >= 1 && sl.Officers <= 20, f("officers"), roster.RuleRange, "must be from 1 to 20")
		v.Check(sl.Backups >= 0 && sl.Backups <= 20, f("backups"), roster.RuleRange, "must be from 0 to 20")
		if sl.Days == "" {
			sl.Days = roster.Workdays
		}
		v.Check(sl.Days == roster.Workdays || sl.Days == roster.Daily, f("days"), roster.RuleOneOf, "must be workdays or daily")
		v.Check(sl.Specialty == "" || roster.ValidSpecialty(sl.Specialty), f("specialty"), roster.RuleOneOf, "must be one of %s", strings.Join(roster.Specialties, ", "))
		site.Slots = append(site.Slots, sl)
	}
	return site, v.Err()
}

func (s *Server) siteJSON(site roster.Site) siteJSON {
	out := siteJSON{ID: site.ID, siteInput: siteInput{Code: site.Code, Name: site.Name, Kind: string(site.Kind), Address: site.Address, Area: site.Area,
		ReceptionPhone: site.ReceptionPhone, ContactEmail: site.ContactEmail, RequireSwapApproval: site.RequireSwapApproval, Slots: []slotJSON{}},
		FeedURL: s.siteFeedURL(site), BoardURL: s.boardURL(site), Version: site.Version}
	out.WebcalURL = webcal(out.FeedURL)
	if site.ValidFrom != nil {
		d := site.ValidFrom.String()
		out.ValidFrom = &d
	}
	if site.ValidTo != nil {
		d := site.ValidTo.String()
		out.ValidTo = &d
	}
	for _, sl := range site.Slots {
		n := sl.Officers
		out.Slots = append(out.Slots, slotJSON{Name: sl.Name, Start: sl.Start.String(), End: sl.End.String(), Officers: &n,
			Backups: sl.Backups, Days: string(sl.Days), Specialty: sl.Specialty})
	}
	return out
}

// siteFeedURL is the site's calendar feed (secret in the path).
func (s *Server) siteFeedURL(site roster.Site) string {
	return calendar.SiteFeedURL(s.cfg.BaseURL, store.FeedToken(site.ID, site.FeedSecret))
}

// boardURL is the site's reception board (secret in the path).
func (s *Server) boardURL(site roster.Site) string {
	return s.cfg.BaseURL + "/board/" + store.FeedToken(site.ID, site.BoardSecret)
}

// webcal turns an http(s) feed URL into its webcal:// form (pages.Webcal).
func webcal(u string) string { return pages.Webcal(u) }

func (s *Server) createSite(c *gin.Context) {
	var in siteInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	site, err := in.site()
	if err != nil {
		s.fail(c, err)
		return
	}
	site, err = s.store.CreateSite(c.Request.Context(), actor(c), site)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, s.siteJSON(site))
}

func (s *Server) getSite(c *gin.Context) {
	site, err := s.store.Site(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, site.Version, s.siteJSON(site))
}

// updateSite replaces a site's fields and slots (If-Match optional).
func (s *Server) updateSite(c *gin.Context) {
	var in siteInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if in.Code == "" {
		in.Code = c.Param("code")
	}
	if in.Code != c.Param("code") {
		s.fail(c, errField("code", roster.RuleInvalid, "cannot be changed (the URL names %s)", c.Param("code")))
		return
	}
	site, err := in.site()
	if err != nil {
		s.fail(c, err)
		return
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	site, err = s.store.UpdateSite(c.Request.Context(), actor(c), site, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, site.Version, s.siteJSON(site))
}

func (s *Server) listSites(c *gin.Context) {
	var openOn *roster.Date
	if d, ok, err := queryDate(c, "open_on"); err != nil {
		s.fail(c, err)
		return
	} else if ok {
		openOn = &d
	}
	sites, err := s.store.ListSites(c.Request.Context(), openOn)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]siteJSON, 0, len(sites))
	for _, site := range sites {
		if k := c.Query("kind"); k != "" && string(site.Kind) != k {
			continue
		}
		out = append(out, s.siteJSON(site))
	}
	c.JSON(http.StatusOK, gin.H{"sites": out})
}

// rotateSiteSecrets replaces the feed and/or board secret: {"feed":true,"board":true}.
func (s *Server) rotateSiteSecrets(c *gin.Context) {
	var in struct {
		Feed  bool `json:"feed"`
		Board bool `json:"board"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if !in.Feed && !in.Board {
		s.fail(c, errField("feed", roster.RuleRequired, "say which secret to rotate: feed, board or both"))
		return
	}
	site, err := s.store.RotateSiteSecrets(c.Request.Context(), actor(c), c.Param("code"), in.Feed, in.Board)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.siteJSON(site))
}
