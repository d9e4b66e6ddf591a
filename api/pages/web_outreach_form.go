package pages

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The outreach forms: what a manager types to plan, move or record an
// outreach, read and checked here, and the store's field errors put back
// next to the inputs they belong to.

// webFieldErrs maps a form input's name to what is wrong with it.
type webFieldErrs map[string]string

// webFieldErr is one field's error, for the "ferr" template.
type webFieldErr struct{ Name, Msg string }

// webOutreachArgs is what the "outreach_fields" template needs.
type webOutreachArgs struct {
	P        *webPage
	Form     webOutreachForm
	Errs     webFieldErrs
	Officers []roster.Officer
}

// webOutreachForm is the form that plans a session, or moves it and
// changes its officers. Times are in the service's zone.
type webOutreachForm struct {
	Year                           int // the list the form is on
	Title, Venue, Commune, Address string
	Day, EndDay                    string // YYYY-MM-DD; EndDay empty: the same day
	StartTime, EndTime             string // HH:MM
	PartnerIDs                     []int64
	NewPartner                     string
	OfficerIDs                     []int64 // in the order posted
}

// HasPartner reports whether the form names partner id.
func (f webOutreachForm) HasPartner(id int64) bool { return slices.Contains(f.PartnerIDs, id) }

// HasOfficer reports whether the form names officer id.
func (f webOutreachForm) HasOfficer(id int64) bool { return slices.Contains(f.OfficerIDs, id) }

// webResultsForm is the results form of a session, as typed.
type webResultsForm struct {
	Attendees, Requests string
	Cases               map[string]string // by consultation field
	Notes               string
}

// webOutreachDefaultTimes are the hours a new session's form offers.
const webOutreachStart, webOutreachEnd = "08:00", "11:30"

// webOutreachInput names the input a store field error belongs to.
func webOutreachInput(field string) string {
	switch {
	case field == "start":
		return "start_time"
	case field == "end":
		return "end_time"
	case field == "partner" || strings.HasPrefix(field, "partner_ids"):
		return "partners"
	case strings.HasPrefix(field, "officer_ids"):
		return "officers"
	}
	return field
}

// webFieldText is a field error in l, translated from its rule key and
// arguments (never from its English message): the rules every user of the
// outreach forms meets have their own words, any other key its catalog text.
func webFieldText(l webLang, f roster.FieldError) string {
	field := f.Field
	counts := map[string]int{"attendees": roster.MaxAttendees, "requests": roster.MaxRequests}
	max, isCount := counts[field]
	if strings.HasPrefix(field, "consultations") {
		max, isCount = roster.MaxCasesPerField, true
	}
	switch {
	case roster.ResultsTooEarly(f):
		return l.T("outreach.err.not_started")
	case isCount && f.Code == roster.RuleRange:
		return l.Tf("outreach.err.count", roster.FormatCount(max))
	case (field == "title" || field == "venue") && f.Code == roster.RuleRequired:
		return l.T("outreach.err.required")
	case field == "end" && f.Code == roster.RuleRange && f.Args["after"] == "start":
		return l.T("outreach.err.end_after")
	case field == "end" && f.Code == roster.RuleRange && f.Args["max_days"] != nil:
		return l.Tf("outreach.err.too_long", f.Args["max_days"])
	case field == "partner" && f.Code == roster.RuleRequired:
		return l.T("outreach.err.partner")
	case (field == "day" || field == "end_day") && f.Code == roster.RuleFormat:
		return l.T("outreach.err.day")
	case (field == "start_time" || field == "end_time") && f.Code == roster.RuleFormat:
		return l.T("outreach.err.time")
	}
	return l.Rule(f.Code, f.Args)
}

// webOutreachFieldErrs sorts err's field errors by input, in l. name turns
// "officer_ids[i]" and "partner_ids[i]" into the name of who they are
// about, so that a clash says whose duty clashes. A field error without
// arguments of its own that names the error's rule takes the error's.
func webOutreachFieldErrs(l webLang, err error, name func(field string) string) webFieldErrs {
	var re *roster.Error
	if !errors.As(err, &re) || len(re.Fields) == 0 {
		return nil
	}
	out := webFieldErrs{}
	for _, f := range re.Fields {
		in := webOutreachInput(f.Field)
		if f.Args == nil && f.Code == re.Rule {
			f.Args = re.Args
		}
		msg := webFieldText(l, f)
		if who := name(f.Field); who != "" {
			msg = who + ": " + msg
		}
		if prev, ok := out[in]; ok {
			msg = prev + "; " + msg
		}
		out[in] = msg
	}
	return out
}

// webIndexOf reads i from "prefix[i]"; -1 when field is not of that form.
func webIndexOf(field, prefix string) int {
	rest, ok := strings.CutPrefix(field, prefix+"[")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil {
		return -1
	}
	return n
}

// webFormIDs reads the positive ids of a repeated form field, once each,
// in the order given.
func webFormIDs(c *gin.Context, name string) []int64 {
	var out []int64
	for _, raw := range c.PostFormArray(name) {
		if id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64); err == nil && id > 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// webClock parses "HH:MM".
func webClock(raw string) (h, m int, ok bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(raw))
	if err != nil {
		return 0, 0, false
	}
	return t.Hour(), t.Minute(), true
}

// webReadOutreachForm reads the date, times and officers of the form (and,
// for a new session, its other fields).
func webReadOutreachForm(c *gin.Context, create bool) webOutreachForm {
	f := webOutreachForm{Day: strings.TrimSpace(c.PostForm("day")), EndDay: strings.TrimSpace(c.PostForm("end_day")),
		StartTime: strings.TrimSpace(c.PostForm("start_time")), EndTime: strings.TrimSpace(c.PostForm("end_time")),
		Title: c.PostForm("title"), Venue: c.PostForm("venue"), Commune: c.PostForm("commune"), Address: c.PostForm("address"),
		OfficerIDs: webFormIDs(c, "officer")}
	if create {
		f.PartnerIDs = webFormIDs(c, "partner")
		f.NewPartner = strings.TrimSpace(c.PostForm("new_partner"))
		f.Year, _ = strconv.Atoi(c.PostForm("year"))
	}
	return f
}

// times turns the form's days and hours into instants in loc; problems go
// to v under the inputs' names.
func (f webOutreachForm) times(v *roster.Validator, loc *time.Location) (start, end time.Time) {
	day, err := roster.ParseDate(f.Day)
	v.Check(err == nil, "day", roster.RuleFormat, "must be a day YYYY-MM-DD")
	endDay := day
	if f.EndDay != "" {
		var err error
		endDay, err = roster.ParseDate(f.EndDay)
		v.Check(err == nil, "end_day", roster.RuleFormat, "must be a day YYYY-MM-DD")
	}
	sh, sm, ok1 := webClock(f.StartTime)
	v.Check(ok1, "start_time", roster.RuleFormat, "must be a time HH:MM")
	eh, em, ok2 := webClock(f.EndTime)
	v.Check(ok2, "end_time", roster.RuleFormat, "must be a time HH:MM")
	if len(v.Fields) > 0 {
		return time.Time{}, time.Time{}
	}
	return time.Date(day.Year, day.Month, day.Day, sh, sm, 0, 0, loc), time.Date(endDay.Year, endDay.Month, endDay.Day, eh, em, 0, 0, loc)
}

// webFormOf fills the move form from a stored session.
func (s *Server) webFormOf(x roster.OutreachSession) webOutreachForm {
	start, end := x.Start.In(s.cfg.Loc), x.End.In(s.cfg.Loc)
	f := webOutreachForm{Title: x.Title, Venue: x.Venue, Commune: x.Commune, Address: x.Address, Day: roster.DateOf(start).String(),
		StartTime: start.Format("15:04"), EndTime: end.Format("15:04"), OfficerIDs: slices.Clone(x.OfficerIDs)}
	if d := roster.DateOf(end); d != roster.DateOf(start) {
		f.EndDay = d.String()
	}
	return f
}

// webResultsOf fills the results form from a stored session.
func webResultsOf(x roster.OutreachSession) webResultsForm {
	r := webResultsForm{Cases: map[string]string{}, Notes: x.Notes}
	if x.Results != nil {
		r.Attendees, r.Requests = strconv.Itoa(x.Results.Attendees), strconv.Itoa(x.Results.Requests)
		for _, f := range roster.ConsultationFields {
			r.Cases[f] = strconv.Itoa(x.Results.Consultations[f])
		}
	}
	return r
}

// webFormVersion reads the version a form was made from; a form without
// one cannot say it saw the latest, so it is refused (412).
func webFormVersion(c *gin.Context) (int, error) {
	v := int(webFormInt(c, "version"))
	if v == 0 {
		return 0, roster.Errorf(roster.EPrecondition, "the form did not say which version of the session it changes")
	}
	return v, nil
}

// webReadResults reads the results form as the API reads its JSON: each
// count a whole number (an empty count by field or of requests is 0).
func webReadResults(c *gin.Context) (webResultsForm, roster.SessionChange, error) {
	r := webResultsForm{Attendees: strings.TrimSpace(c.PostForm("attendees")), Requests: strings.TrimSpace(c.PostForm("requests")),
		Cases: map[string]string{}, Notes: c.PostForm("notes")}
	var v roster.Validator
	count := func(field, raw string, required bool) *int {
		if raw == "" {
			if required {
				v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
				return nil
			}
			raw = "0"
		}
		n, err := strconv.ParseInt(raw, 10, 32)
		if err != nil {
			v.Add(field, roster.RuleRange, "must be a whole number, 0 or more")
			return nil
		}
		i := int(n)
		return &i
	}
	ch := roster.SessionChange{Notes: &r.Notes, Consultations: map[string]int{}}
	ch.Attendees = count("attendees", r.Attendees, true)
	ch.Requests = count("requests", r.Requests, false)
	for _, f := range roster.ConsultationFields {
		raw := strings.TrimSpace(c.PostForm("consultations." + f))
		r.Cases[f] = raw
		if n := count("consultations."+f, raw, false); n != nil {
			ch.Consultations[f] = *n
		}
	}
	if len(v.Fields) > 0 {
		// Some counts are unreadable: say what the store would say of
		// the others too, so that one answer shows every problem.
		res := roster.SessionResults{Consultations: ch.Consultations}
		if ch.Attendees != nil {
			res.Attendees = *ch.Attendees
		}
		if ch.Requests != nil {
			res.Requests = *ch.Requests
		}
		var re *roster.Error
		if errors.As(res.Validate(), &re) {
			v.Fields = append(v.Fields, re.Fields...)
		}
	}
	return r, ch, v.Err()
}
