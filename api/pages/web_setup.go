package pages

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"lichtruc/roster"
)

// The setup pages (officers, sites and slots, users, holidays, partners)
// share how they read a form and how they put a store's or a validator's
// field errors next to the inputs: from the error's rule key, in the
// page's language, never from its English message.

// SiteInput is a site as the sites page sends it, for Borrowed.CheckSite.
type SiteInput struct {
	Code, Name, Kind, Address    string
	Area                         string
	ReceptionPhone, ContactEmail string
	ValidFrom, ValidTo           string // YYYY-MM-DD or ""
	RequireSwapApproval          bool
	Slots                        []SlotInput
}

// SlotInput is one slot row of the sites page.
type SlotInput struct {
	Name, Start, End string
	Officers         int
	Backups          int
	Days, Specialty  string
}

// webSetupErrs turns err's field errors into messages by input name; in
// maps a field of the error ("slots[1].start") to its input
// ("slot_start_1"), nil keeps it. Each message is the rule key's text,
// with hint (a catalog key per input, optional) after it. An error
// without fields gives nil.
func webSetupErrs(l webLang, err error, in func(field string) string, hints map[string]string) webFieldErrs {
	var re *roster.Error
	if !errors.As(err, &re) || len(re.Fields) == 0 {
		return nil
	}
	out := webFieldErrs{}
	for _, f := range re.Fields {
		name := f.Field
		if in != nil {
			name = in(f.Field)
		}
		msg := l.Rule(f.Code, nil)
		if h, ok := hints[name]; ok {
			msg += " " + l.T(h)
		}
		if prev, ok := out[name]; ok && prev != msg {
			msg = prev + " " + msg
		}
		out[name] = msg
	}
	return out
}

// webSetupFail shows a form's error: field errors next to their inputs
// (render draws the page again with them), any other error on the error
// page.
func (s *Server) webSetupFail(c *gin.Context, err error, errs webFieldErrs, render func(status int, errs webFieldErrs)) {
	if len(errs) == 0 {
		s.webError(c, err)
		return
	}
	render(statusOf(roster.ErrorCode(err)), errs)
}

// webFormNumber reads a whole number from a form; a wrong one is a format
// error of field, and def stands for an empty one.
func webFormNumber(v *roster.Validator, c *gin.Context, input, field string, def int) int {
	raw := strings.TrimSpace(c.PostForm(input))
	if raw == "" {
		return def
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		v.Add(field, roster.RuleFormat, "must be a whole number")
		return def
	}
	return n
}

// webMatches reports whether any of texts holds q, ignoring case and the
// accents of Vietnamese letters ("nguyen" finds "Nguyễn").
func webMatches(q string, texts ...string) bool {
	q = webFold(strings.TrimSpace(q))
	if q == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(webFold(t), q) {
			return true
		}
	}
	return false
}

// webFold lowers s and strips its diacritics: the marks go with the
// canonical decomposition, and đ is the one letter that does not decompose.
func webFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\u0111':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// webSetupPage renders one of the setup pages with its section in the
// navigation.
func (s *Server) webSetupPage(c *gin.Context, status int, tmpl, titleKey, nav string, data any) {
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T(titleKey), nav, data
	s.webRender(c, status, tmpl, p)
}

// webOK is the status of a page shown after a form with errors, or not.
func webOK(status int) int {
	if status == 0 {
		return http.StatusOK
	}
	return status
}
