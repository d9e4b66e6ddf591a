package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/document"
	"lichtruc/api/pages"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// Imports of officers and of an outreach plan from .xlsx or .csv: parsed
// by package document, written by the store in one transaction, all or
// nothing; ?dry_run=true previews exactly what would be written.

// Limits of an import file.
const (
	maxImportBytes = 5 << 20 // 5 MiB: 413 beyond
	maxImportRows  = 2000    // data rows: 422 beyond
)

// importIssueJSON is one bad cell of an import.
type importIssueJSON struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Cell   string `json:"cell,omitempty"`
	Field  string `json:"field"`
	Code   string `json:"code"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

// importFile reads the multipart field "file" (413 beyond the cap).
func importFile(c *gin.Context) ([]byte, error) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBytes+64<<10)
	fh, err := c.FormFile("file")
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return nil, errTooLarge()
	case err != nil:
		return nil, errField("file", roster.RuleRequired, "send the .xlsx or .csv file as the multipart field \"file\"")
	case fh.Size > maxImportBytes:
		return nil, errTooLarge()
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxImportBytes+1))
}

// errImportTooLarge marks a file over the cap; readImport answers it 413.
var errImportTooLarge = errors.New("import file too large")

func errTooLarge() error { return errImportTooLarge }

// readImport reads ?dry_run and the file; on an error it has answered
// (413 for a file over the cap) and returns ok false.
func (s *Server) readImport(c *gin.Context) (data []byte, dry, ok bool) {
	dry, err := importDryRun(c)
	if err == nil {
		data, err = importFile(c)
	}
	switch {
	case errors.Is(err, errImportTooLarge):
		msg := fmt.Sprintf("an import file is at most %d MiB", maxImportBytes>>20)
		writeProblem(c, Problem{Type: "urn:lichtruc:problem:too_large", Title: http.StatusText(http.StatusRequestEntityTooLarge),
			Status: http.StatusRequestEntityTooLarge, Detail: msg, Code: roster.RuleRange,
			Errors: []roster.FieldError{{Field: "file", Code: roster.RuleRange, Message: msg}}})
		return nil, false, false
	case err != nil:
		s.fail(c, err)
		return nil, false, false
	}
	return data, dry, true
}

// importDryRun reads ?dry_run=true|false.
func importDryRun(c *gin.Context) (bool, error) {
	switch c.DefaultQuery("dry_run", "false") {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, errField("dry_run", roster.RuleOneOf, "must be true or false")
}

// tooManyRows is the 422 of a file with more data rows than the cap.
func tooManyRows(n int) error {
	if n <= maxImportRows {
		return nil
	}
	return errField("file", roster.RuleRange, "%d rows; an import takes at most %d", n, maxImportRows)
}

// failImport answers 422 with every bad cell, as problem+json with "rows".
func (s *Server) failImport(c *gin.Context, issues []importIssueJSON) {
	lang := catalog.Parse(c.GetHeader("Accept-Language"))
	p := struct {
		Problem
		Rows []importIssueJSON `json:"rows"`
	}{Problem: Problem{Type: "urn:lichtruc:problem:invalid", Title: http.StatusText(http.StatusUnprocessableEntity),
		Status: http.StatusUnprocessableEntity, Code: roster.RuleInvalid,
		Detail: fmt.Sprintf("%d bad cells; nothing was imported", len(issues))}, Rows: issues}
	for i := range issues {
		issues[i].Reason = lang.Rule(issues[i].Code, nil)
		p.Errors = append(p.Errors, roster.FieldError{Field: fmt.Sprintf("rows[%d].%s", issues[i].Row, issues[i].Field), Code: issues[i].Code,
			Message: catalog.EN.Rule(issues[i].Code, nil)})
	}
	b, err := json.Marshal(p)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusUnprocessableEntity, "application/problem+json", b)
}

// documentIssues converts the parser's issues.
func documentIssues(in []document.ImportIssue) []importIssueJSON {
	out := make([]importIssueJSON, len(in))
	for i, x := range in {
		out[i] = importIssueJSON{Row: x.Row, Column: x.Column, Cell: x.Cell, Field: x.Field, Code: x.Code, Value: x.Value}
	}
	return out
}

// storeIssues converts the store's problems, naming columns by the
// template's headers.
func storeIssues(in []store.ImportProblem, header func(string) string) []importIssueJSON {
	out := make([]importIssueJSON, len(in))
	for i, x := range in {
		out[i] = importIssueJSON{Row: x.Row, Column: header(x.Field), Field: x.Field, Code: x.Code, Value: x.Value}
	}
	return out
}

// importedOfficerJSON is a row of an officers' import: what it writes. The
// id is null for an officer a dry run would create.
type importedOfficerJSON struct {
	Row          int      `json:"row"`
	Action       string   `json:"action"`
	ID           *int64   `json:"id"`
	FullName     string   `json:"full_name"`
	Kind         string   `json:"kind"`
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Specialties  []string `json:"specialties"`
	MonthlyLimit int      `json:"monthly_limit"`
	Sites        []string `json:"sites"`
}

// importedSessionJSON is a session of an outreach import; id is null in a
// dry run.
type importedSessionJSON struct {
	Row        int      `json:"row"`
	ID         *int64   `json:"id"`
	Title      string   `json:"title"`
	Venue      string   `json:"venue"`
	Partners   []string `json:"partners"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	OfficerIDs []int64  `json:"officer_ids"`
}

// optionalID is id, nil for 0.
func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// importOutcome is what an import did or would do: the officers' rows or
// the sessions, or the bad cells (then nothing was written).
type importOutcome struct {
	DryRun                      bool
	Created, Updated, Unchanged int
	Officers                    []importedOfficerJSON
	Sessions                    []importedSessionJSON
	Issues                      []importIssueJSON
}

// The kinds of import.
const (
	importKindOfficers = "officers"
	importKindOutreach = "outreach-sessions"
)

// runImport parses and writes (dry: previews) an import of kind: the one
// path of POST /imports/… and of the import page. Bad rows come back in
// Issues; an error is a file that cannot be read, too many rows, or a
// failure.
func (s *Server) runImport(ctx context.Context, actor, kind string, data []byte, dry bool) (importOutcome, error) {
	if kind == importKindOutreach {
		return s.runOutreachImport(ctx, actor, data, dry)
	}
	out := importOutcome{DryRun: dry, Officers: []importedOfficerJSON{}}
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		return out, err
	}
	codes := make([]string, len(sites))
	for i, st := range sites {
		codes[i] = st.Code
	}
	parsed, err := document.ParseOfficers(data, document.ImportOptions{SiteCodes: codes, Loc: s.cfg.Loc})
	if err != nil {
		return out, err
	}
	if err := tooManyRows(len(parsed.Rows) + len(parsed.Issues)); err != nil {
		return out, err
	}
	if len(parsed.Issues) > 0 {
		out.Issues = documentIssues(parsed.Issues)
		return out, nil
	}
	rows := make([]store.OfficerImportRow, len(parsed.Rows))
	for i, r := range parsed.Rows {
		rows[i] = store.OfficerImportRow{Row: r.Row, Officer: r.Officer, Sites: r.Sites}
	}
	done, problems, err := s.store.ImportOfficers(ctx, actor, rows, dry)
	if err != nil {
		return out, err
	}
	if len(problems) > 0 {
		out.Issues = storeIssues(problems, document.OfficerColumn)
		return out, nil
	}
	for _, d := range done {
		switch d.Action {
		case store.ImportCreated:
			out.Created++
		case store.ImportUpdated:
			out.Updated++
		default:
			out.Unchanged++
		}
		o := d.Officer
		row := importedOfficerJSON{Row: d.Row, Action: string(d.Action), ID: optionalID(o.ID), FullName: o.FullName, Kind: string(o.Kind),
			Email: o.Email, Phone: o.Phone, Specialties: o.Specialties, MonthlyLimit: o.MonthlyLimit, Sites: d.Sites}
		if row.Specialties == nil {
			row.Specialties = []string{}
		}
		if row.Sites == nil {
			row.Sites = []string{}
		}
		out.Officers = append(out.Officers, row)
	}
	return out, nil
}

// runOutreachImport is runImport of an outreach plan.
func (s *Server) runOutreachImport(ctx context.Context, actor string, data []byte, dry bool) (importOutcome, error) {
	out := importOutcome{DryRun: dry, Sessions: []importedSessionJSON{}}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		return out, err
	}
	parsed, err := document.ParseOutreachPlan(data, document.ImportOptions{Officers: officers, Loc: s.cfg.Loc})
	if err != nil {
		return out, err
	}
	if err := tooManyRows(len(parsed.Rows) + len(parsed.Issues)); err != nil {
		return out, err
	}
	if len(parsed.Issues) > 0 {
		out.Issues = documentIssues(parsed.Issues)
		return out, nil
	}
	rows := make([]store.OutreachImportRow, len(parsed.Rows))
	for i, r := range parsed.Rows {
		rows[i] = store.OutreachImportRow{Row: r.Row, Session: r.Session}
	}
	done, problems, err := s.store.ImportOutreach(ctx, actor, rows, dry)
	if err != nil {
		return out, err
	}
	if len(problems) > 0 {
		out.Issues = storeIssues(problems, document.OutreachColumn)
		return out, nil
	}
	for i, se := range done {
		j := importedSessionJSON{Row: rows[i].Row, ID: optionalID(se.ID), Title: se.Title, Venue: se.Venue, Partners: []string{},
			Start: se.Start.In(s.cfg.Loc).Format(time.RFC3339), End: se.End.In(s.cfg.Loc).Format(time.RFC3339), OfficerIDs: se.OfficerIDs}
		for _, p := range se.Partners {
			j.Partners = append(j.Partners, p.Name)
		}
		if j.OfficerIDs == nil {
			j.OfficerIDs = []int64{}
		}
		out.Sessions = append(out.Sessions, j)
	}
	out.Created = len(out.Sessions)
	return out, nil
}

// importOfficers is POST /api/v1/imports/officers (managers): 201 with
// what was written, or with ?dry_run=true 200 and what would be; 422 with
// every bad row; 413 for a file over 5 MiB.
func (s *Server) importOfficers(c *gin.Context) { s.importHandler(c, importKindOfficers) }

// importOutreach is POST /api/v1/imports/outreach-sessions (managers): a
// year's outreach plan; each session is booked like POST
// /outreach-sessions (its officers through the one may-hold rule: a clash
// is a bad row). Answers as importOfficers.
func (s *Server) importOutreach(c *gin.Context) { s.importHandler(c, importKindOutreach) }

// importHandler answers an import of kind.
func (s *Server) importHandler(c *gin.Context, kind string) {
	data, dry, ok := s.readImport(c)
	if !ok {
		return
	}
	out, err := s.runImport(c.Request.Context(), actor(c), kind, data, dry)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(out.Issues) > 0 {
		s.failImport(c, out.Issues)
		return
	}
	if kind == importKindOutreach {
		c.JSON(importStatus(dry), gin.H{"dry_run": dry, "created": out.Created, "sessions": out.Sessions})
		return
	}
	c.JSON(importStatus(dry), gin.H{"dry_run": dry, "created": out.Created, "updated": out.Updated, "unchanged": out.Unchanged, "rows": out.Officers})
}

// importStatus is 200 for a preview, 201 for an import.
func importStatus(dry bool) int {
	if dry {
		return http.StatusOK
	}
	return http.StatusCreated
}

// officerTemplate is GET /api/v1/imports/officers/template.xlsx.
func (s *Server) officerTemplate(c *gin.Context) {
	if err := s.importTemplate(c, importKindOfficers); err != nil {
		s.fail(c, err)
	}
}

// outreachTemplate is GET /api/v1/imports/outreach-sessions/template.xlsx.
func (s *Server) outreachTemplate(c *gin.Context) {
	if err := s.importTemplate(c, importKindOutreach); err != nil {
		s.fail(c, err)
	}
}

// importTemplate answers the template of an import of kind.
func (s *Server) importTemplate(c *gin.Context, kind string) error {
	build, name := document.OfficerTemplateXLSX, catalog.VI.T("file.template_officers")
	if kind == importKindOutreach {
		build, name = document.OutreachTemplateXLSX, catalog.VI.T("file.template_outreach")
	}
	b, err := build()
	if err != nil {
		return err
	}
	sendFile(c, mediaXLSX, name+".xlsx", b)
	return nil
}

// pageImport runs an import for the import page, in its terms.
func (s *Server) pageImport(ctx context.Context, actor, kind string, data []byte, dry bool) (pages.ImportResult, error) {
	out, err := s.runImport(ctx, actor, kind, data, dry)
	if err != nil {
		return pages.ImportResult{}, err
	}
	res := pages.ImportResult{DryRun: dry, Created: out.Created, Updated: out.Updated, Unchanged: out.Unchanged}
	for _, x := range out.Issues {
		res.Issues = append(res.Issues, pages.ImportIssue{Row: x.Row, Column: x.Column, Cell: x.Cell, Code: x.Code, Value: x.Value})
	}
	for _, o := range out.Officers {
		res.Rows = append(res.Rows, pages.ImportRow{Row: o.Row, Action: o.Action, Name: o.FullName,
			Details: strings.Join(slices.DeleteFunc([]string{o.Email, o.Phone, strings.Join(o.Sites, ", ")}, func(s string) bool { return s == "" }), " · ")})
	}
	for _, se := range out.Sessions {
		res.Rows = append(res.Rows, pages.ImportRow{Row: se.Row, Action: string(store.ImportCreated), Name: se.Title,
			Details: se.Venue + " · " + se.Start[:10] + " " + se.Start[11:16] + "–" + se.End[11:16]})
	}
	return res, nil
}
