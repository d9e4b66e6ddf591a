package pages

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"lichtruc/api/request"
	"lichtruc/roster"
)

// The import page: upload an officers' file or an outreach plan, see what
// it would write or every bad row, then confirm. The preview carries the
// file back (base64 in a hidden field), so the confirmation imports
// exactly the file previewed.

// webImportKinds are the imports the page offers.
var webImportKinds = []string{"officers", "outreach-sessions"}

// webImportView is the import page.
type webImportView struct {
	Kinds  []string
	Kind   string // of the preview or result
	File   string // its name
	Data   string // the file, base64, for the confirmation
	Result *ImportResult
	Done   bool // the import was written
}

// webImportCSRF checks the session's form token of an import's POST as
// webCSRF does, with room for the file.
func (s *Server) webImportCSRF(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.json.MaxImportBytes*4/3+1<<20)
	ws, ok := webSessionOf(c)
	got := c.PostForm(csrfField)
	if !ok || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(ws.CSRFToken)) != 1 {
		s.webCSRFFailed(c)
		return
	}
	if err := request.CleanForm(c); err != nil {
		s.webError(c, err)
		return
	}
	c.Next()
}

// webImports is GET /manage/imports.
func (s *Server) webImports(c *gin.Context) {
	s.webRenderImport(c, http.StatusOK, webImportView{}, nil)
}

// webImportKind reads the {kind} of the path.
func webImportKind(c *gin.Context) (string, error) {
	k := c.Param("kind")
	for _, known := range webImportKinds {
		if k == known {
			return k, nil
		}
	}
	return "", roster.Errorf(roster.ENotFound, "no import of %q", k)
}

// webImportPreview is POST /manage/imports/{kind} with the file: a dry
// run, shown with its rows or bad cells.
func (s *Server) webImportPreview(c *gin.Context) {
	kind, err := webImportKind(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	v := webImportView{Kind: kind}
	fh, err := c.FormFile("file")
	if err != nil {
		s.webRenderImport(c, http.StatusUnprocessableEntity, v, errField("file", roster.RuleRequired, "choose a .xlsx or .csv file"))
		return
	}
	if fh.Size > s.json.MaxImportBytes {
		s.webRenderImport(c, http.StatusRequestEntityTooLarge, v, errField("file", roster.RuleRange, "the file is too large"))
		return
	}
	f, err := fh.Open()
	if err != nil {
		s.webError(c, err)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.json.MaxImportBytes))
	if err != nil {
		s.webError(c, err)
		return
	}
	v.File = fh.Filename
	s.webRunImport(c, v, data, true)
}

// webImportConfirm is POST /manage/imports/{kind}/confirm with the
// previewed file: the import, all or nothing.
func (s *Server) webImportConfirm(c *gin.Context) {
	kind, err := webImportKind(c)
	if err != nil {
		s.webError(c, err)
		return
	}
	data, err := base64.StdEncoding.DecodeString(c.PostForm("data"))
	if err != nil || len(data) == 0 {
		s.webRenderImport(c, http.StatusUnprocessableEntity, webImportView{Kind: kind}, errField("file", roster.RuleRequired, "upload the file again"))
		return
	}
	s.webRunImport(c, webImportView{Kind: kind, File: c.PostForm("name")}, data, false)
}

// webRunImport imports (dry: previews) data and shows the outcome.
func (s *Server) webRunImport(c *gin.Context, v webImportView, data []byte, dry bool) {
	res, err := s.json.Import(c.Request.Context(), actor(c), v.Kind, data, dry)
	var re *roster.Error
	if err != nil && !errors.As(err, &re) {
		s.webError(c, err)
		return
	}
	if err != nil {
		s.webRenderImport(c, statusOf(re.Code), v, err)
		return
	}
	v.Result = &res
	status := http.StatusOK
	switch {
	case len(res.Issues) > 0:
		status = http.StatusUnprocessableEntity
	case dry:
		v.Data = base64.StdEncoding.EncodeToString(data)
	default:
		v.Done = true
	}
	s.webRenderImport(c, status, v, nil)
}

// webRenderImport shows the import page, with fail's message when set.
func (s *Server) webRenderImport(c *gin.Context, status int, v webImportView, fail error) {
	v.Kinds = webImportKinds
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("import.title"), "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "imports", p)
}

// webImportTemplate is GET /manage/imports/{kind}/template.xlsx.
func (s *Server) webImportTemplate(c *gin.Context) {
	kind, err := webImportKind(c)
	if err == nil {
		err = s.json.ImportTemplate(c, kind)
	}
	if err != nil {
		s.webError(c, err)
	}
}
