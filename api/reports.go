package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
)

// Reports: the Center's yearly outreach figures and who held how many
// duties, as JSON or as CSV for Excel.

// csvSep reads ?sep=: "," (the default) or ";".
func csvSep(c *gin.Context) (rune, error) {
	switch c.DefaultQuery("sep", ",") {
	case ",", "comma":
		return ',', nil
	case ";", "semicolon":
		return ';', nil
	}
	return 0, errField("sep", roster.RuleOneOf, "must be , or ;")
}

// writeCSV sends rows as a CSV attachment Excel opens right: UTF-8 with a
// byte order mark, CRLF line ends, and text cells a spreadsheet would take
// for a formula prefixed with an apostrophe.
func writeCSV(c *gin.Context, filename string, sep rune, rows [][]string) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = sep, true
	for _, r := range rows {
		w.Write(r)
	}
	w.Flush()
	c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// csvText makes a text cell safe from formula injection.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// fieldHeaders are the CSV headers of the consultation fields.
func fieldHeaders() []string {
	out := make([]string, len(roster.ConsultationFields))
	for i, f := range roster.ConsultationFields {
		out[i] = catalog.VI.Field(f)
	}
	return out
}

type figuresJSON struct {
	Sessions      int            `json:"sessions"`
	Attendees     int            `json:"attendees"`
	Consultations int            `json:"consultations"`
	Requests      int            `json:"requests"`
	ByField       map[string]int `json:"by_field"`
}

func figures(f roster.OutreachFigures) figuresJSON {
	return figuresJSON{Sessions: f.Sessions, Attendees: f.Attendees, Consultations: f.Consultations, Requests: f.Requests, ByField: f.ByField}
}

type monthFiguresJSON struct {
	Month int `json:"month"`
	figuresJSON
}

type partnerFiguresJSON struct {
	PartnerID int64  `json:"partner_id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	figuresJSON
}

type outreachReportJSON struct {
	Year int `json:"year"`
	figuresJSON
	WithoutResults int                  `json:"without_results"`
	Planned        int                  `json:"planned"`
	Cancelled      int                  `json:"cancelled"`
	Officers       int                  `json:"officers"`
	ByMonth        []monthFiguresJSON   `json:"by_month"`
	ByPartner      []partnerFiguresJSON `json:"by_partner"`
	Summary        string               `json:"summary"`
}

// outreachReport answers ?year=Y (default this year): the sessions held in
// the year (not cancelled, started), their attendees and the cases advised
// in all and by field, by month and by partner, and the year in a
// Vietnamese paragraph. ?format=csv gives the months as CSV (?by=partner
// the partners).
func (s *Server) outreachReport(c *gin.Context) {
	year, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
	if err != nil {
		s.fail(c, err)
		return
	}
	format, sep, err := tableFormat(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	by := c.DefaultQuery("by", "month")
	if by != "month" && by != "partner" {
		s.fail(c, errField("by", roster.RuleOneOf, "must be month or partner"))
		return
	}
	_, r, err := s.outreachYear(c.Request.Context(), year)
	if err != nil {
		s.fail(c, err)
		return
	}
	switch format {
	case "csv":
		writeOutreachCSV(c, r, by, sep)
		return
	case "xlsx":
		rows, name := outreachMonthRows(r), catalog.VI.T("file.outreach")+" "+strconv.Itoa(year)
		if by == "partner" {
			rows, name = outreachPartnerRows(r), name+" "+by
		}
		s.sendTable(c, format, sep, name, stringTable(catalog.VI.Tf("file.outreach_title", year), rows))
		return
	}
	out := outreachReportJSON{Year: r.Year, figuresJSON: figures(r.OutreachFigures), WithoutResults: r.WithoutResults, Planned: r.Planned,
		Cancelled: r.Cancelled, Officers: r.Officers, Summary: r.Summary, ByMonth: []monthFiguresJSON{}, ByPartner: []partnerFiguresJSON{}}
	for _, m := range r.ByMonth {
		out.ByMonth = append(out.ByMonth, monthFiguresJSON{Month: int(m.Month), figuresJSON: figures(m.OutreachFigures)})
	}
	for _, p := range r.ByPartner {
		out.ByPartner = append(out.ByPartner, partnerFiguresJSON{PartnerID: p.Partner.ID, Name: p.Partner.Name, Kind: string(p.Partner.Kind),
			figuresJSON: figures(p.OutreachFigures)})
	}
	c.JSON(http.StatusOK, out)
}

// outreachYear lists every session that starts in year (cancelled ones
// included) and totals them: the one report of GET /reports/outreach and
// of the managers' outreach page.
func (s *Server) outreachYear(ctx context.Context, year int) ([]roster.OutreachSession, roster.OutreachReport, error) {
	from, to := roster.NewDate(year, time.January, 1), roster.NewDate(year+1, time.January, 1)
	list, err := s.store.ListOutreachSessions(ctx, store.OutreachFilter{From: from.In(s.cfg.Loc), To: to.In(s.cfg.Loc)})
	if err != nil {
		return nil, roster.OutreachReport{}, err
	}
	return list, roster.BuildOutreachReport(year, list, s.now(), s.cfg.Loc), nil
}

// writeOutreachCSV sends the year's figures by month (by "partner": by
// partner) as CSV.
func writeOutreachCSV(c *gin.Context, r roster.OutreachReport, by string, sep rune) {
	y := strconv.Itoa(r.Year)
	if by == "partner" {
		writeCSV(c, "tgpl-ngoai-tru-so-"+y+"-theo-doi-tac.csv", sep, outreachPartnerRows(r))
		return
	}
	writeCSV(c, "tgpl-ngoai-tru-so-"+y+".csv", sep, outreachMonthRows(r))
}

// figureCells are the counts of a CSV row after its label columns.
func figureCells(f roster.OutreachFigures) []string {
	row := []string{strconv.Itoa(f.Sessions), strconv.Itoa(f.Attendees), strconv.Itoa(f.Consultations)}
	for _, k := range roster.ConsultationFields {
		row = append(row, strconv.Itoa(f.ByField[k]))
	}
	return append(row, strconv.Itoa(f.Requests))
}

func figureHeaders() []string {
	vi := catalog.VI
	h := []string{vi.T("csv.sessions"), vi.T("csv.attendees"), vi.T("csv.consultations")}
	h = append(h, fieldHeaders()...)
	return append(h, vi.T("csv.requests"))
}

// outreachMonthRows is the year by month, then the year's total.
func outreachMonthRows(r roster.OutreachReport) [][]string {
	vi := catalog.VI
	rows := [][]string{append([]string{vi.T("csv.month")}, figureHeaders()...)}
	for _, m := range r.ByMonth {
		rows = append(rows, append([]string{vi.MonthName(m.Month)}, figureCells(m.OutreachFigures)...))
	}
	return append(rows, append([]string{vi.Tf("csv.year", r.Year)}, figureCells(r.OutreachFigures)...))
}

// outreachPartnerRows is the year by partner, then the year's total.
func outreachPartnerRows(r roster.OutreachReport) [][]string {
	vi := catalog.VI
	rows := [][]string{append([]string{vi.T("csv.partner"), vi.T("csv.kind")}, figureHeaders()...)}
	for _, p := range r.ByPartner {
		rows = append(rows, append([]string{csvText(p.Partner.Name), p.Partner.Kind.Label()}, figureCells(p.OutreachFigures)...))
	}
	return append(rows, append([]string{vi.Tf("csv.year", r.Year), ""}, figureCells(r.OutreachFigures)...))
}

type dutyFiguresJSON struct {
	Scheduled    int     `json:"scheduled"`
	Primary      int     `json:"primary"`
	Backup       int     `json:"backup"`
	Hours        float64 `json:"hours"`
	PrimaryHours float64 `json:"primary_hours"`
	BackupHours  float64 `json:"backup_hours"`
	Outreach     int     `json:"outreach"`
	Cancelled    int     `json:"cancelled"`
}

func dutyFigures(f roster.DutyFigures) dutyFiguresJSON {
	return dutyFiguresJSON{Scheduled: f.Scheduled, Primary: f.Primary, Backup: f.Backup, Hours: f.Hours(), PrimaryHours: f.PrimaryHours(),
		BackupHours: f.BackupHours(), Outreach: f.Outreach, Cancelled: f.Cancelled}
}

type siteDutiesJSON struct {
	Site string `json:"site"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	dutyFiguresJSON
}

type officerDutiesJSON struct {
	OfficerID int64  `json:"officer_id"`
	FullName  string `json:"full_name"`
	Active    bool   `json:"active"`
	dutyFiguresJSON
	SwapsGiven int `json:"swaps_given"`
	SwapsTaken int `json:"swaps_taken"`
}

type swapsJSON struct {
	Requested int            `json:"requested"`
	Applied   int            `json:"applied"`
	ByStatus  map[string]int `json:"by_status"`
}

type dutyReportJSON struct {
	Year *int   `json:"year,omitempty"`
	From string `json:"from"`
	To   string `json:"to"`
	dutyFiguresJSON
	BySite    []siteDutiesJSON    `json:"by_site"`
	ByOfficer []officerDutiesJSON `json:"by_officer"`
	Swaps     swapsJSON           `json:"swaps"`
}

// maxReportDays is the longest period of a duty report.
const maxReportDays = 366

// dutyReport answers ?year=Y or ?from=&to= (days, inclusive; default this
// year): the duties that start in the period, per site and per officer
// (held, primary and backup, hours, outreach duties, cancelled), and the
// swap requests made in it. ?format=csv|xlsx gives it as a file.
func (s *Server) dutyReport(c *gin.Context) {
	var year *int
	from, hasFrom, err := queryDate(c, "from")
	if err != nil {
		s.fail(c, err)
		return
	}
	to, hasTo, err := queryDate(c, "to")
	if err != nil {
		s.fail(c, err)
		return
	}
	if hasFrom || hasTo {
		if c.Query("year") != "" {
			s.fail(c, errField("year", roster.RuleInvalid, "give year, or from and to, not both"))
			return
		}
		if !hasFrom || !hasTo {
			s.fail(c, errField("from", roster.RuleRequired, "give both from and to"))
			return
		}
		if to.Before(from) {
			s.fail(c, errField("to", roster.RuleRange, "must not be before from"))
			return
		}
		if from.DaysUntil(to)+1 > maxReportDays {
			s.fail(c, errField("to", roster.RuleRange, "a report covers at most %d days", maxReportDays))
			return
		}
	} else {
		y, err := queryInt(c, "year", s.nowLocal().Year(), 1990, 2200)
		if err != nil {
			s.fail(c, err)
			return
		}
		year = &y
		from, to = roster.NewDate(y, time.January, 1), roster.NewDate(y, time.December, 31)
	}
	format, sep, err := tableFormat(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := s.dutyPeriod(c.Request.Context(), from, to)
	if err != nil {
		s.fail(c, err)
		return
	}
	switch format {
	case "csv":
		writeDutyCSV(c, r, year, sep)
		return
	case "xlsx":
		s.sendTable(c, format, sep, catalog.VI.T("file.duty_report")+" "+from.String()+"_"+to.String(),
			stringTable(catalog.VI.Tf("file.duties_title", catalog.VI.DaySpan(from, to)), dutyRows(r, ',')))
		return
	}
	swaps := *r.Swaps
	out := dutyReportJSON{Year: year, From: from.String(), To: to.String(), dutyFiguresJSON: dutyFigures(r.Total),
		BySite: []siteDutiesJSON{}, ByOfficer: []officerDutiesJSON{},
		Swaps: swapsJSON{Requested: swaps.Requested, Applied: swaps.Applied(), ByStatus: map[string]int{}}}
	for st, n := range swaps.ByStatus {
		out.Swaps.ByStatus[string(st)] = n
	}
	for _, sd := range r.BySite {
		out.BySite = append(out.BySite, siteDutiesJSON{Site: sd.Site.Code, Name: sd.Site.Name, Kind: string(sd.Site.Kind), dutyFiguresJSON: dutyFigures(sd.DutyFigures)})
	}
	for _, od := range r.ByOfficer {
		out.ByOfficer = append(out.ByOfficer, officerDutiesJSON{OfficerID: od.Officer.ID, FullName: od.Officer.FullName, Active: od.Officer.Active,
			dutyFiguresJSON: dutyFigures(od.DutyFigures), SwapsGiven: od.SwapsGiven, SwapsTaken: od.SwapsTaken})
	}
	c.JSON(http.StatusOK, out)
}

// dutyPeriod counts the duties that start in [from, to] and the swap
// requests made in it: the one report of GET /reports/duties and of the
// managers' CSV link. Its Swaps is never nil.
func (s *Server) dutyPeriod(ctx context.Context, from, to roster.Date) (roster.DutyReport, error) {
	lo, hi := from.In(s.cfg.Loc), to.AddDays(1).In(s.cfg.Loc)
	as, err := s.store.ListAssignments(ctx, store.AssignmentFilter{From: lo, To: hi, IncludeCancelled: true})
	if err != nil {
		return roster.DutyReport{}, err
	}
	sites, err := s.store.ListSites(ctx, nil)
	if err != nil {
		return roster.DutyReport{}, err
	}
	officers, err := s.store.ListOfficers(ctx, store.OfficerFilter{})
	if err != nil {
		return roster.DutyReport{}, err
	}
	swaps, err := s.store.SwapFigures(ctx, lo, hi)
	if err != nil {
		return roster.DutyReport{}, err
	}
	return roster.BuildDutyReport(from, to, s.cfg.Loc, as, sites, officers, &swaps), nil
}

// writeDutyCSV sends the duty report as CSV, named after its year when it
// covers one (year not nil), else after its days.
func writeDutyCSV(c *gin.Context, r roster.DutyReport, year *int, sep rune) {
	name := "truc-tgpl-" + r.From.String() + "-" + r.To.String() + ".csv"
	if year != nil {
		name = "truc-tgpl-" + strconv.Itoa(*year) + ".csv"
	}
	writeCSV(c, name, sep, dutyRows(r, sep))
}

// dutyRows is the duty report as one table: a row per site, a row per
// officer, and the total. With sep ';' hours have a decimal comma, as
// Excel in a Vietnamese locale expects.
func dutyRows(r roster.DutyReport, sep rune) [][]string {
	num := func(h float64) string {
		s := strconv.FormatFloat(h, 'f', -1, 64)
		if sep == ';' {
			s = strings.ReplaceAll(s, ".", ",")
		}
		return s
	}
	cells := func(f roster.DutyFigures) []string {
		return []string{strconv.Itoa(f.Scheduled), strconv.Itoa(f.Primary), strconv.Itoa(f.Backup), num(f.Hours()), num(f.PrimaryHours()),
			num(f.BackupHours()), strconv.Itoa(f.Outreach), strconv.Itoa(f.Cancelled)}
	}
	vi := catalog.VI
	rows := [][]string{{vi.T("csv.group"), vi.T("csv.code"), vi.T("csv.name"), vi.T("csv.duties"), vi.Role(roster.Primary), vi.Role(roster.Backup),
		vi.T("csv.hours"), vi.T("csv.primary_hours"), vi.T("csv.backup_hours"), vi.T("csv.outreach"), vi.T("csv.cancelled"), vi.T("csv.given"), vi.T("csv.taken")}}
	for _, sd := range r.BySite {
		rows = append(rows, append(append([]string{vi.T("common.site"), csvText(sd.Site.Code), csvText(sd.Site.Name)}, cells(sd.DutyFigures)...), "", ""))
	}
	given, taken := 0, 0
	for _, od := range r.ByOfficer {
		given += od.SwapsGiven
		taken += od.SwapsTaken
		rows = append(rows, append(append([]string{vi.T("csv.officer"), strconv.FormatInt(od.Officer.ID, 10), csvText(od.Officer.FullName)}, cells(od.DutyFigures)...),
			strconv.Itoa(od.SwapsGiven), strconv.Itoa(od.SwapsTaken)))
	}
	label := vi.DaySpan(r.From, r.To)
	return append(rows, append(append([]string{vi.T("csv.total"), "", label}, cells(r.Total)...), strconv.Itoa(given), strconv.Itoa(taken)))
}
