package pages

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The Center's settings page: the document group (who issues the official
// documents, where, under what number suffix, who signs, recipients).

// webSettingsView is the settings page.
type webSettingsView struct {
	Settings roster.Settings
	Errs     webFieldErrs
}

// Lines joins list entries one a line, for a textarea.
func (webSettingsView) Lines(list []string) string { return strings.Join(list, "\n") }

// webSettings is GET /manage/settings.
func (s *Server) webSettings(c *gin.Context) {
	set, err := s.store.Settings(c.Request.Context())
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderSettings(c, http.StatusOK, webSettingsView{Settings: set}, nil)
}

// webSaveSettings is POST /manage/settings: the document fields, with the
// version read (a stale one is refused: someone saved meanwhile).
func (s *Server) webSaveSettings(c *gin.Context) {
	ctx := c.Request.Context()
	cur, err := s.store.Settings(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	set := cur.Clone()
	set.Version, _ = strconv.Atoi(c.PostForm("version"))
	d := &set.Document
	d.Authority, d.Issuer = strings.TrimSpace(c.PostForm("authority")), webText(c.PostForm("issuer"))
	d.Place, d.NumberSuffix = strings.TrimSpace(c.PostForm("place")), strings.TrimSpace(c.PostForm("number_suffix"))
	d.SignerName = strings.TrimSpace(c.PostForm("signer_name"))
	d.SignerTitle, d.Recipients = webLines(c.PostForm("signer_title")), webLines(c.PostForm("recipients"))
	if _, err := s.store.UpdateSettings(ctx, actor(c), set); err != nil {
		v := webSettingsView{Settings: set, Errs: webFieldErrs{}}
		l := s.webPageLang(c)
		var re *roster.Error
		if errors.As(err, &re) {
			for _, f := range re.Fields {
				name := strings.TrimPrefix(f.Field, "document.")
				if i := strings.IndexByte(name, '['); i >= 0 {
					name = name[:i]
				}
				v.Errs[name] = l.Rule(f.Code, f.Args)
			}
		}
		s.webRenderSettings(c, statusOf(roster.ErrorCode(err)), v, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/manage/settings?msg=settings_saved")
}

// webRenderSettings shows the settings page.
func (s *Server) webRenderSettings(c *gin.Context, status int, v webSettingsView, fail error) {
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("settings.title"), "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "settings", p)
}

// webLines splits a textarea into its non-blank lines, trimmed.
func webLines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// webText trims each line of a textarea and drops blank ones, keeping the
// line breaks between them.
func webText(s string) string { return strings.Join(webLines(s), "\n") }
