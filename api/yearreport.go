package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/api/document"
	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// The Center's year report (GET /api/v1/reports/year), for managers only:
// its figures open to the rows behind them, which are officers' duties,
// custody requests and cases of every officer.

type yearFigureJSON struct {
	Key     string  `json:"key"`
	Part    string  `json:"part"`
	Label   string  `json:"label"`
	LabelEN string  `json:"label_en"`
	Value   int     `json:"value"`
	Entity  string  `json:"entity"`
	IDs     []int64 `json:"ids"`
	RowsURL string  `json:"rows_url"`
}

type yearReportJSON struct {
	Year      int               `json:"year"`
	Summary   string            `json:"summary"`    // the Vietnamese paragraph of the Center's report
	SummaryEN string            `json:"summary_en"` // the same in English
	Values    map[string]int    `json:"values"`     // every figure's value by key, and cases.change and the custody times in minutes
	Figures   []yearFigureJSON  `json:"figures"`
	Downloads map[string]string `json:"downloads"`
}

// yearReport builds the report of year with the Center's custody target.
func (s *Server) yearReport(ctx context.Context, year int) (roster.YearReport, error) {
	target, err := s.custodyTarget(ctx)
	if err != nil {
		return roster.YearReport{}, err
	}
	return s.store.YearReport(ctx, year, target)
}

// yearValues are the report's values by key: its figures, and the numbers
// that are no count of rows.
func yearValues(r roster.YearReport) map[string]int {
	m := map[string]int{}
	for _, f := range r.Figures() {
		m[f.Key] = f.Value
	}
	minutes := func(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) }
	m["cases.change"] = r.Cases.Change
	m["custody.median_minutes"], m["custody.max_minutes"] = minutes(r.Custody.Median), minutes(r.Custody.Max)
	m["custody.target_minutes"] = minutes(r.Custody.Target)
	return m
}

func (s *Server) yearURL(year int, q ...string) string {
	v := url.Values{"year": {itoa(year)}}
	for i := 0; i+1 < len(q); i += 2 {
		v.Set(q[i], q[i+1])
	}
	return s.cfg.BaseURL + "/api/v1/reports/year?" + v.Encode()
}

// yearReportHandler is GET /api/v1/reports/year?year=Y[&format=csv|xlsx|pdf][&figure=KEY].
func (s *Server) yearReportHandler(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1900, 2200)
	if err != nil {
		s.fail(c, err)
		return
	}
	format := c.DefaultQuery("format", "json")
	if !slices.Contains([]string{"json", "csv", "xlsx", "pdf"}, format) {
		s.fail(c, errField("format", roster.RuleOneOf, "must be one of json, csv, xlsx, pdf"))
		return
	}
	ctx := c.Request.Context()
	r, err := s.yearReport(ctx, year)
	if err != nil {
		s.fail(c, err)
		return
	}
	if key := c.Query("figure"); key != "" {
		s.yearFigureRows(c, r, key)
		return
	}
	if format != "json" {
		if err := s.writeYearFile(c, r, format); err != nil {
			s.fail(c, err)
		}
		return
	}
	out := yearReportJSON{Year: year, Summary: catalog.VI.YearSummary(r), SummaryEN: catalog.EN.YearSummary(r), Values: yearValues(r),
		Downloads: map[string]string{}}
	for _, f := range r.Figures() {
		out.Figures = append(out.Figures, yearFigureJSON{Key: f.Key, Part: f.Part, Label: catalog.VI.FigureLabel(f), LabelEN: catalog.EN.FigureLabel(f),
			Value: f.Value, Entity: f.Entity, IDs: orEmpty(f.IDs), RowsURL: s.yearURL(year, "figure", f.Key)})
	}
	for _, ff := range []string{"csv", "xlsx", "pdf"} {
		out.Downloads[ff] = s.yearURL(year, "format", ff)
	}
	c.JSON(http.StatusOK, out)
}

// yearFigureRows answers ?figure=KEY: the figure and the rows behind it,
// each as its own endpoint shows it.
func (s *Server) yearFigureRows(c *gin.Context, r roster.YearReport, key string) {
	f, ok := r.Figure(key)
	if !ok {
		s.fail(c, errField("figure", roster.RuleOneOf, "no figure %q in the year report", key))
		return
	}
	rows, err := s.figureRows(c, r.Year, f.Figure)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"year": r.Year, "key": f.Key, "label": catalog.VI.FigureLabel(f), "label_en": catalog.EN.FigureLabel(f),
		"value": f.Value, "entity": f.Entity, "ids": orEmpty(f.IDs), "rows": rows})
}

// figureRows loads the rows of f, in the order of its ids.
func (s *Server) figureRows(c *gin.Context, year int, f roster.Figure) (any, error) {
	ctx := c.Request.Context()
	ids := orEmpty(f.IDs)
	switch f.Entity {
	case roster.EntitySession:
		list, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{IDs: ids})
		if err != nil {
			return nil, err
		}
		return s.outreachListJSON(c, list)
	case roster.EntityAssignment:
		list, err := s.store.ListAssignments(ctx, store.AssignmentFilter{IDs: ids, IncludeCancelled: true})
		return s.assignmentsJSON(list), err
	case roster.EntityDutyResult, roster.EntityDutyRequest:
		results, err := s.store.ListDutyResults(ctx, store.DutyResultFilter{Year: year})
		if err != nil {
			return nil, err
		}
		duties, err := s.dutiesOf(c, results)
		if err != nil {
			return nil, err
		}
		want := map[int64]bool{}
		for _, id := range ids {
			want[id] = true
		}
		type requestRow struct {
			dutyRequestJSON
			ResultID     int64 `json:"result_id"`
			AssignmentID int64 `json:"assignment_id"`
		}
		resultRows, requestRows := []dutyResultJSON{}, []requestRow{}
		for _, res := range results {
			a := duties[res.AssignmentID]
			if f.Entity == roster.EntityDutyResult && want[res.ID] {
				resultRows = append(resultRows, s.dutyResultJSON(res, &a))
			}
			for _, q := range res.Requests {
				if f.Entity == roster.EntityDutyRequest && want[q.ID] {
					requestRows = append(requestRows, requestRow{dutyRequestJSON{ID: q.ID, Field: q.Field, Group: string(q.Group), Action: string(q.Action)}, res.ID, res.AssignmentID})
				}
			}
		}
		if f.Entity == roster.EntityDutyResult {
			return resultRows, nil
		}
		return requestRows, nil
	case roster.EntityCustodyRequest:
		target, err := s.custodyTarget(ctx)
		if err != nil {
			return nil, err
		}
		list, err := s.store.ListCustodyRequests(ctx, store.CustodyFilter{Year: year})
		if err != nil {
			return nil, err
		}
		out := []custodyJSON{}
		for _, q := range list {
			if slices.Contains(ids, q.ID) {
				out = append(out, s.custodyJSON(q, target))
			}
		}
		return out, nil
	case roster.EntityCase:
		list, err := s.store.ListCases(ctx, store.CaseFilter{IDs: ids})
		out := make([]caseJSON, len(list))
		for i, k := range list {
			out[i] = s.caseJSON(k)
		}
		return out, err
	}
	return nil, roster.Errorf(roster.EInvalid, "unknown entity %q", f.Entity)
}

// YearTable is the year report as one table: part, figure, value; the
// breakdowns only where they count something, the custody times and the
// change from the year before in their places, the summary last.
func YearTable(l catalog.Lang, r roster.YearReport) document.Table {
	t := document.Table{Title: l.Tf("year.doc.table", r.Year),
		Header: []string{l.T("year.col.part"), l.T("year.col.figure"), l.T("year.col.value")}, Widths: []float64{40, 70, 16}}
	for _, f := range r.Figures() {
		if f.Dimension != "" && f.Value == 0 {
			continue
		}
		t.Rows = append(t.Rows, []any{l.YearPart(f.Part), l.FigureLabel(f), f.Value})
		switch f.Key {
		case "cases.previous_new":
			t.Rows = append(t.Rows, []any{l.YearPart("cases"), l.T("year.fig.cases.change"), r.Cases.Change})
		case "custody.late":
			k := r.Custody
			t.Rows = append(t.Rows, []any{l.YearPart("custody"), l.T("year.fig.custody.target"), l.Duration(k.Target)},
				[]any{l.YearPart("custody"), l.T("year.fig.custody.median"), l.Duration(k.Median)},
				[]any{l.YearPart("custody"), l.T("year.fig.custody.max"), l.Duration(k.Max)})
		}
	}
	return t
}

// writeYearFile answers the report as CSV, a workbook or an official PDF,
// in Vietnamese.
func (s *Server) writeYearFile(c *gin.Context, r roster.YearReport, format string) error {
	l := catalog.VI
	t := YearTable(l, r)
	summary := l.YearSummary(r)
	name := l.Tf("year.doc.file", r.Year)
	var data []byte
	var err error
	var ctype string
	switch format {
	case "csv":
		sep, serr := csvSep(c)
		if serr != nil {
			return serr
		}
		t.Rows = append(t.Rows, []any{l.T("year.col.summary"), summary, ""})
		ctype = "text/csv; charset=utf-8"
		data, err = document.ReportCSV(t, sep)
	case "xlsx":
		t.Rows = append(t.Rows, []any{l.T("year.col.summary"), summary, ""})
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		data, err = document.ReportXLSX(t)
	case "pdf":
		ctype = "application/pdf"
		set, serr := s.documentSettings(c.Request.Context())
		if serr != nil {
			return serr
		}
		data, err = document.ReportPDF(document.Report{Date: roster.DateOf(s.nowLocal()), Title: l.T("year.doc.title"),
			Subtitle: l.Tf("year.doc.subtitle", r.Year), Paragraphs: []string{summary}, Tables: []document.Table{t}, Loc: s.cfg.Loc}, set)
	}
	if err != nil {
		return fmt.Errorf("year report %s: %w", format, err)
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	c.Data(http.StatusOK, ctype, data)
	return nil
}

// documentSettings are the Center's settings for its official documents.
func (s *Server) documentSettings(ctx context.Context) (document.Settings, error) {
	set, err := s.store.Settings(ctx)
	return set.Document, err
}
