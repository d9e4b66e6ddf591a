package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/calendar"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

type officerJSON struct {
	ID           int64    `json:"id"`
	FullName     string   `json:"full_name"`
	Kind         string   `json:"kind"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Specialties  []string `json:"specialties"`
	Active       bool     `json:"active"`
	MonthlyLimit int      `json:"monthly_limit"`
	Language     string   `json:"language"`
	Channels     []string `json:"channels"`
	// Unavailability is recurring (hard); PreferredSites are site codes (soft).
	Unavailability []roster.UnavailabilityJSON `json:"unavailability"`
	PreferredSites []string                    `json:"preferred_sites"`
	// Sites are the codes of the duty sites the officer may serve; []: every site.
	Sites     []string `json:"sites"`
	FeedURL   string   `json:"feed_url,omitempty"`
	WebcalURL string   `json:"webcal_url,omitempty"`
	Version   int      `json:"version"`
}

type officerInput struct {
	FullName     *string   `json:"full_name"`
	Kind         *string   `json:"kind"`
	Email        *string   `json:"email"`
	Phone        *string   `json:"phone"`
	Specialties  *[]string `json:"specialties"`
	Active       *bool     `json:"active"`
	MonthlyLimit *int      `json:"monthly_limit"`
	Language     *string   `json:"language"`
	Channels     *[]string `json:"channels"`
	// Unavailability replaces the officer's recurring unavailability.
	Unavailability *[]roster.UnavailabilityJSON `json:"unavailability"`
	PreferredSites *[]string                    `json:"preferred_sites"`
	// Sites replaces the duty sites the officer may serve (codes; []: every site).
	Sites *[]string `json:"sites"`
}

// maxUnavailability is the most recurring unavailability entries an officer has.
const maxUnavailability = 14

// applyAvailability validates and applies the availability fields of in.
func (in officerInput) applyAvailability(v *roster.Validator, o *roster.Officer) {
	if in.Unavailability != nil {
		list := *in.Unavailability
		v.Check(len(list) <= maxUnavailability, "unavailability", roster.RuleRange, "at most %d entries", maxUnavailability)
		o.Unavailability = []roster.Unavailability{}
		for i, u := range list {
			o.Unavailability = append(o.Unavailability, u.Parse(v, "unavailability["+itoa(i)+"]"))
		}
	}
	if in.PreferredSites != nil {
		o.PreferredSites = []string{}
		for i, code := range *in.PreferredSites {
			code = strings.TrimSpace(code)
			if !siteCodeRE.MatchString(code) {
				v.Add("preferred_sites["+itoa(i)+"]", roster.RuleFormat, "must be a site code")
			} else if !slices.Contains(o.PreferredSites, code) {
				o.PreferredSites = append(o.PreferredSites, code)
			}
		}
	}
}

// siteIndex maps the sites by id and by code, to show and accept an
// officer's sites by code.
type siteIndex struct {
	codes map[int64]string
	sites map[string]roster.Site
}

// siteIndex reads every site (closed ones too: history keeps them).
func (s *Server) siteIndex(c *gin.Context) (siteIndex, error) {
	list, err := s.store.ListSites(c.Request.Context(), nil)
	if err != nil {
		return siteIndex{}, err
	}
	x := siteIndex{codes: map[int64]string{}, sites: map[string]roster.Site{}}
	for _, site := range list {
		x.codes[site.ID] = site.Code
		x.sites[site.Code] = site
	}
	return x, nil
}

// applySites validates and applies the sites the officer may serve: codes
// of existing duty sites (outreach sites are staffed session by session).
func (in officerInput) applySites(v *roster.Validator, o *roster.Officer, sites siteIndex) {
	if in.Sites == nil {
		return
	}
	o.Sites = nil
	for i, code := range *in.Sites {
		field := "sites[" + itoa(i) + "]"
		site, ok := sites.sites[strings.TrimSpace(code)]
		switch {
		case !ok:
			v.Add(field, roster.RuleNotFound, "site %q does not exist", code)
		case site.Kind == roster.SiteOutreach:
			v.Add(field, roster.RuleOneOf, "site %q is an outreach site; only duty sites limit an officer", code)
		case !slices.Contains(o.Sites, site.ID):
			o.Sites = append(o.Sites, site.ID)
		}
	}
}

// Channels an officer can be reminded through.
var channels = []string{"email", "webhook", "log"}

// apply validates the input and applies it over o (a PATCH applies only
// what is given; a POST starts from an empty officer).
func (in officerInput) apply(o roster.Officer, sites siteIndex) (roster.Officer, error) {
	var v roster.Validator
	if in.FullName != nil {
		o.FullName = strings.TrimSpace(*in.FullName)
	}
	v.CheckText("full_name", o.FullName, 200)
	if in.Kind != nil {
		o.Kind = roster.OfficerKind(*in.Kind)
	}
	v.Check(o.Kind.Valid(), "kind", roster.RuleOneOf, "must be legal_aid_officer, lawyer or staff")
	if in.Email != nil {
		o.Email = strings.TrimSpace(*in.Email)
	}
	v.Check(o.Email == "" || roster.ValidEmail(o.Email), "email", roster.RuleFormat, "is not an e-mail address")
	if in.Phone != nil {
		o.Phone = strings.TrimSpace(*in.Phone)
	}
	v.Check(o.Phone == "" || roster.ValidPhone(o.Phone), "phone", roster.RuleFormat, "is not a phone number")
	if in.Specialties != nil {
		o.Specialties = []string{}
		for i, sp := range *in.Specialties {
			if !roster.ValidSpecialty(sp) {
				v.Add("specialties["+itoa(i)+"]", roster.RuleOneOf, "must be one of %s", strings.Join(roster.Specialties, ", "))
			} else if !slices.Contains(o.Specialties, sp) {
				o.Specialties = append(o.Specialties, sp)
			}
		}
	}
	if o.Specialties == nil {
		o.Specialties = []string{}
	}
	if in.Active != nil {
		o.Active = *in.Active
	}
	if in.MonthlyLimit != nil {
		o.MonthlyLimit = *in.MonthlyLimit
	}
	v.Check(o.MonthlyLimit >= 0 && o.MonthlyLimit <= 62, "monthly_limit", roster.RuleRange, "must be from 0 (no limit) to 62")
	if in.Language != nil {
		o.Language = *in.Language
	}
	if o.Language == "" {
		o.Language = "vi"
	}
	v.Check(o.Language == "vi" || o.Language == "en", "language", roster.RuleOneOf, "must be vi or en")
	if in.Channels != nil {
		o.Channels = []string{}
		for i, ch := range *in.Channels {
			if !slices.Contains(channels, ch) {
				v.Add("channels["+itoa(i)+"]", roster.RuleOneOf, "must be one of email, webhook, log")
			} else if !slices.Contains(o.Channels, ch) {
				o.Channels = append(o.Channels, ch)
			}
		}
	}
	in.applyAvailability(&v, &o)
	in.applySites(&v, &o, sites)
	return o, v.Err()
}

// officerJSON shows an officer; the feed URL only to managers and the
// officer themself, since it is a credential.
func (s *Server) officerJSON(c *gin.Context, o roster.Officer, sites siteIndex) officerJSON {
	out := officerJSON{ID: o.ID, FullName: o.FullName, Kind: string(o.Kind), Email: o.Email, Phone: o.Phone, Specialties: o.Specialties,
		Active: o.Active, MonthlyLimit: o.MonthlyLimit, Language: o.Language, Channels: o.Channels, Version: o.Version,
		Unavailability: []roster.UnavailabilityJSON{}, PreferredSites: o.PreferredSites}
	for _, u := range o.Unavailability {
		out.Unavailability = append(out.Unavailability, u.JSON())
	}
	out.Sites = []string{}
	for _, id := range o.Sites {
		if code, ok := sites.codes[id]; ok {
			out.Sites = append(out.Sites, code)
		}
	}
	slices.Sort(out.Sites)
	if out.PreferredSites == nil {
		out.PreferredSites = []string{}
	}
	if out.Specialties == nil {
		out.Specialties = []string{}
	}
	if out.Channels == nil {
		out.Channels = []string{}
	}
	if u := caller(c); u.Role == roster.RoleManager || u.ownsOfficer(o.ID) {
		out.FeedURL = s.officerFeedURL(o)
		out.WebcalURL = webcal(out.FeedURL)
	}
	return out
}

// officerFeedURL is the officer's personal calendar feed.
func (s *Server) officerFeedURL(o roster.Officer) string {
	return calendar.OfficerFeedURL(s.cfg.BaseURL, store.FeedToken(o.ID, o.FeedSecret))
}

func (s *Server) createOfficer(c *gin.Context) {
	var in officerInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	sites, err := s.siteIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err := in.apply(roster.Officer{Active: true}, sites)
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err = s.store.CreateOfficer(c.Request.Context(), actor(c), o)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, s.officerJSON(c, o, sites))
}

func (s *Server) getOfficer(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err := s.store.Officer(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	sites, err := s.siteIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, o.Version, s.officerJSON(c, o, sites))
}

// updateOfficer changes an officer. Managers change anything; an officer
// changes only their own reminder preferences (language, channels).
func (s *Server) updateOfficer(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	var in officerInput
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	u := caller(c)
	if u.Role != roster.RoleManager {
		if !u.ownsOfficer(id) {
			s.fail(c, roster.Errorf(roster.EForbidden, "officers may change only their own preferences"))
			return
		}
		if in.FullName != nil || in.Kind != nil || in.Email != nil || in.Phone != nil || in.Specialties != nil || in.Active != nil || in.MonthlyLimit != nil ||
			in.Unavailability != nil || in.PreferredSites != nil || in.Sites != nil {
			s.fail(c, roster.Errorf(roster.EForbidden, "officers may change only language and channels; ask a manager for the rest"))
			return
		}
	}
	ver, err := ifMatchVersion(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	cur, err := s.store.Officer(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	sites, err := s.siteIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	o, err := in.apply(cur, sites)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ver == 0 {
		ver = cur.Version // never overwrite a change made since we read it
	}
	o, err = s.store.UpdateOfficer(c.Request.Context(), actor(c), o, ver)
	if err != nil {
		s.fail(c, err)
		return
	}
	versioned(c, http.StatusOK, o.Version, s.officerJSON(c, o, sites))
}

// rotateOfficerFeed gives the officer a new feed URL (manager, or the officer).
func (s *Server) rotateOfficerFeed(c *gin.Context) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	if u := caller(c); u.Role != roster.RoleManager && !u.ownsOfficer(id) {
		s.fail(c, roster.Errorf(roster.EForbidden, "officers may rotate only their own feed"))
		return
	}
	o, err := s.store.RotateOfficerFeed(c.Request.Context(), actor(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	sites, err := s.siteIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, s.officerJSON(c, o, sites))
}

// listOfficers pages with limit/offset and filters by active, specialty, q.
func (s *Server) listOfficers(c *gin.Context) {
	limit, offset, err := queryOffset(c, 100)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := store.OfficerFilter{Limit: limit + 1, Offset: offset, Specialty: c.Query("specialty"), Query: c.Query("q")}
	switch c.Query("active") {
	case "":
	case "true":
		t := true
		f.Active = &t
	case "false":
		fa := false
		f.Active = &fa
	default:
		s.fail(c, errField("active", roster.RuleOneOf, "must be true or false"))
		return
	}
	list, err := s.store.ListOfficers(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	sites, err := s.siteIndex(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	resp := gin.H{}
	if len(list) > limit {
		list = list[:limit]
		resp["next_offset"] = offset + limit
	}
	out := make([]officerJSON, len(list))
	for i, o := range list {
		out[i] = s.officerJSON(c, o, sites)
	}
	resp["officers"] = out
	c.JSON(http.StatusOK, resp)
}
