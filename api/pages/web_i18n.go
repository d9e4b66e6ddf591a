package pages

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/roster/catalog"
)

// webLang is the language of a page: "vi" (the default) or "en". Templates
// translate with {{.L.T "key"}} and format days with its other methods;
// the words and formats are the catalog's.
type webLang = catalog.Lang

// The languages of the pages.
const (
	langVI = catalog.VI
	langEN = catalog.EN
)

// langCookie remembers the language chosen with ?lang=.
const langCookie = "lt_lang"

// webPageLang returns the language of the request: ?lang= (remembered in a
// cookie for a year), else the cookie, else Vietnamese.
func (s *Server) webPageLang(c *gin.Context) webLang {
	if q := webLang(c.Query("lang")); q == langVI || q == langEN {
		http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: string(q), Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: s.webSecureCookies(), SameSite: http.SameSiteLaxMode})
		return q
	}
	if ck, err := c.Cookie(langCookie); err == nil && webLang(ck) == langEN {
		return langEN
	}
	return langVI
}
