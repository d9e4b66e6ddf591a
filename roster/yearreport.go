package roster

import (
	"slices"
	"time"
)

// Entities a Figure's rows are, for opening a figure to the rows behind it.
const (
	EntitySession        = "outreach_session"
	EntityAssignment     = "assignment"
	EntityDutyResult     = "duty_result"
	EntityDutyRequest    = "duty_request"
	EntityCustodyRequest = "custody_request"
	EntityCase           = "case"
)

// Figure is one number of the year report with the rows behind it: Value
// is len(IDs) for a count, or the sum over those rows (attendees, people
// received).
type Figure struct {
	Value  int     `json:"value"`
	Entity string  `json:"entity"`
	IDs    []int64 `json:"ids"`
}

func newFigure(entity string) Figure { return Figure{Entity: entity, IDs: []int64{}} }

// add counts row id with weight n.
func (f *Figure) add(id int64, n int) {
	f.Value += n
	if len(f.IDs) == 0 || f.IDs[len(f.IDs)-1] != id {
		f.IDs = append(f.IDs, id)
	}
}

func figures[K comparable](entity string, keys []K) map[K]Figure {
	m := make(map[K]Figure, len(keys))
	for _, k := range keys {
		m[k] = newFigure(entity)
	}
	return m
}

func bump[K comparable](m map[K]Figure, k K, id int64, n int) {
	f, ok := m[k]
	if !ok {
		return
	}
	f.add(id, n)
	m[k] = f
}

// YearRows are the rows a year report is computed from. Callers may pass
// rows of other years; the report selects its own.
type YearRows struct {
	Year     int
	Sessions []OutreachSession
	Duties   []Assignment
	Results  []DutyResult
	Custody  []CustodyRequest
	Cases    []Case // the year's and the previous year's, and those carried over
}

// OutreachYear is the outreach part: the outreach report of the year, and
// its main figures with the sessions behind them.
type OutreachYear struct {
	Report    OutreachReport
	Sessions  Figure            // sessions held
	Attendees Figure            // attendees of the held sessions with results
	Advised   Figure            // cases advised, all fields
	ByField   map[string]Figure // cases advised by field (ConsultationFields)
}

// DutyYear is what the year's court and phone duties achieved.
type DutyYear struct {
	Duties         Figure // scheduled duties of the year that have started
	Held           Figure // with a result: took place
	Missed         Figure // with a result: did not take place (no-show)
	StandIns       Figure // held by someone other than their officer
	WithoutResult  Figure // ended, and no result recorded
	PeopleReceived Figure // over duty results
	Requests       Figure // requests recorded
	ByField        map[string]Figure
	ByGroup        map[BeneficiaryGroup]Figure
	ByAction       map[RequestAction]Figure
}

// CustodyYear is the year's custody requests and how fast officers were sent.
type CustodyYear struct {
	Target     time.Duration
	Requests   Figure
	Assigned   Figure
	Unassigned Figure
	Late       Figure // missed Target (assigned late, or still waiting beyond it)
	Median     time.Duration
	Max        time.Duration
	MaxID      int64 // the request with the longest response
	BySource   map[CustodySource]Figure
}

// CaseYear is the year's cases in proceedings, as the Ministry counts them,
// and the new cases of every form.
type CaseYear struct {
	Total             Figure // handled in the year: new plus carried over
	New               Figure // accepted in the year (thụ lý mới)
	CarriedOver       Figure // accepted before 1 January, open on it
	PreviousNew       Figure // accepted in the previous year
	Change            int    // New − PreviousNew
	Completed         Figure // closed in the year, completed (successful included)
	Successful        Figure // closed in the year, successful by the Ministry's criteria
	SuccessfulByField map[string]Figure
	Stopped           Figure // closed in the year, stopped or withdrawn
	NewByForm         map[CaseForm]Figure
}

// YearReport is the Center's year in figures, like its annual report. Its
// words, the summary paragraph included, are the catalog's
// (catalog.Lang.YearSummary).
type YearReport struct {
	Year     int
	Outreach OutreachYear
	Duties   DutyYear
	Custody  CustodyYear
	Cases    CaseYear
}

// BuildYearReport computes the report of rows.Year at now: days and years
// in loc, custody responses against target (DefaultCustodyTarget when 0).
func BuildYearReport(rows YearRows, target time.Duration, now time.Time, loc *time.Location) YearReport {
	if target <= 0 {
		target = DefaultCustodyTarget
	}
	y := rows.Year
	r := YearReport{Year: y}
	r.Outreach = outreachYear(y, rows.Sessions, now, loc)
	r.Duties = dutyYear(y, rows.Duties, rows.Results, now, loc)
	r.Custody = custodyYear(y, rows.Custody, target, now, loc)
	r.Cases = caseYear(y, rows.Cases)
	return r
}

func outreachYear(y int, sessions []OutreachSession, now time.Time, loc *time.Location) OutreachYear {
	o := OutreachYear{Report: BuildOutreachReport(y, sessions, now, loc), Sessions: newFigure(EntitySession),
		Attendees: newFigure(EntitySession), Advised: newFigure(EntitySession), ByField: figures(EntitySession, ConsultationFields)}
	for _, s := range sortedBy(sessions, func(s OutreachSession) int64 { return s.ID }) {
		if s.Start.In(loc).Year() != y || !s.Held(now) {
			continue
		}
		o.Sessions.add(s.ID, 1)
		if s.Results == nil {
			continue
		}
		o.Attendees.add(s.ID, s.Results.Attendees)
		for _, f := range ConsultationFields {
			if n := s.Results.Consultations[f]; n > 0 {
				o.Advised.add(s.ID, n)
				bump(o.ByField, f, s.ID, n)
			}
		}
	}
	return o
}

func dutyYear(y int, duties []Assignment, results []DutyResult, now time.Time, loc *time.Location) DutyYear {
	d := DutyYear{Duties: newFigure(EntityAssignment), Held: newFigure(EntityAssignment), Missed: newFigure(EntityAssignment),
		StandIns: newFigure(EntityAssignment), WithoutResult: newFigure(EntityAssignment), PeopleReceived: newFigure(EntityDutyResult),
		Requests: newFigure(EntityDutyRequest), ByField: figures(EntityDutyRequest, ConsultationFields),
		ByGroup: figures(EntityDutyRequest, BeneficiaryGroups), ByAction: figures(EntityDutyRequest, RequestActions)}
	byDuty := make(map[int64]DutyResult, len(results))
	for _, res := range results {
		byDuty[res.AssignmentID] = res
	}
	for _, a := range sortedBy(duties, func(a Assignment) int64 { return a.ID }) {
		if a.Start.In(loc).Year() != y || a.Status != Scheduled || a.SessionID != nil || now.Before(a.Start) {
			continue
		}
		d.Duties.add(a.ID, 1)
		res, ok := byDuty[a.ID]
		switch {
		case !ok:
			if ResultMissing(a, false, now) {
				d.WithoutResult.add(a.ID, 1)
			}
			continue
		case !res.Held:
			d.Missed.add(a.ID, 1)
			continue
		}
		d.Held.add(a.ID, 1)
		if res.StandIn(a) {
			d.StandIns.add(a.ID, 1)
		}
		d.PeopleReceived.add(res.ID, res.PeopleReceived)
		for _, q := range res.Requests {
			d.Requests.add(q.ID, 1)
			bump(d.ByField, q.Field, q.ID, 1)
			bump(d.ByGroup, q.Group, q.ID, 1)
			bump(d.ByAction, q.Action, q.ID, 1)
		}
	}
	return d
}

func custodyYear(y int, reqs []CustodyRequest, target time.Duration, now time.Time, loc *time.Location) CustodyYear {
	c := CustodyYear{Target: target, Requests: newFigure(EntityCustodyRequest), Assigned: newFigure(EntityCustodyRequest),
		Unassigned: newFigure(EntityCustodyRequest), Late: newFigure(EntityCustodyRequest),
		BySource: figures(EntityCustodyRequest, CustodySources)}
	var times []time.Duration
	for _, q := range sortedBy(reqs, func(q CustodyRequest) int64 { return q.ID }) {
		if q.ReceivedAt.In(loc).Year() != y {
			continue
		}
		c.Requests.add(q.ID, 1)
		bump(c.BySource, q.Source, q.ID, 1)
		if q.Late(target, now) {
			c.Late.add(q.ID, 1)
		}
		d, ok := q.ResponseTime()
		if !ok {
			c.Unassigned.add(q.ID, 1)
			continue
		}
		c.Assigned.add(q.ID, 1)
		times = append(times, d)
		if d > c.Max || c.MaxID == 0 {
			c.Max, c.MaxID = d, q.ID
		}
	}
	c.Median = median(times)
	return c
}

// median returns the middle of ds (the mean of the two middle ones for an
// even count), 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func caseYear(y int, cases []Case) CaseYear {
	c := CaseYear{Total: newFigure(EntityCase), New: newFigure(EntityCase), CarriedOver: newFigure(EntityCase),
		PreviousNew: newFigure(EntityCase), Completed: newFigure(EntityCase), Successful: newFigure(EntityCase),
		SuccessfulByField: figures(EntityCase, ConsultationFields), Stopped: newFigure(EntityCase),
		NewByForm: figures(EntityCase, CaseForms)}
	for _, k := range sortedBy(cases, func(k Case) int64 { return k.ID }) {
		if k.NewIn(y) {
			bump(c.NewByForm, k.Form, k.ID, 1)
		}
		if k.Form != FormProceedings {
			continue
		}
		if k.NewIn(y - 1) {
			c.PreviousNew.add(k.ID, 1)
		}
		if !k.HandledIn(y) {
			continue
		}
		c.Total.add(k.ID, 1)
		if k.NewIn(y) {
			c.New.add(k.ID, 1)
		} else {
			c.CarriedOver.add(k.ID, 1)
		}
		if !k.ClosedIn(y) {
			continue
		}
		switch {
		case k.Outcome == OutcomeStopped:
			c.Stopped.add(k.ID, 1)
		case k.Outcome.Completed():
			c.Completed.add(k.ID, 1)
			if k.Outcome == OutcomeSuccessful {
				c.Successful.add(k.ID, 1)
				bump(c.SuccessfulByField, k.Field, k.ID, 1)
			}
		}
	}
	c.Change = c.New.Value - c.PreviousNew.Value
	return c
}

// sortedBy returns a copy of xs in order of id, so every Figure lists its
// rows in id order whatever order the rows came in.
func sortedBy[T any](xs []T, id func(T) int64) []T {
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int {
		ia, ib := id(a), id(b)
		switch {
		case ia < ib:
			return -1
		case ia > ib:
			return 1
		}
		return 0
	})
	return out
}
