package roster

import (
	"slices"
	"testing"
	"time"
)

// yrCaseSpec makes n cases alike.
type yrCaseSpec struct {
	n        int
	form     CaseForm
	field    string
	accepted Date
	closed   *Date
	outcome  CaseOutcome
}

// yrSeedFigures are the figures of the Center's 2022 report the seed-like
// year is built from, and which the report must find again.
var yrSeedFigures = struct {
	sessions, attendees, advised   int
	total, newCases, carried, prev int
	successful                     map[string]int
}{38, 2050, 268, 716, 586, 130, 238, map[string]int{"criminal": 221, "civil": 24, "administrative": 1}}

// yrSeedYear builds rows like the Center's 2022: 38 outreach sessions with
// 2,050 attendees and 268 cases advised; 586 new cases in proceedings and
// 130 carried over (120 from 2021, 10 from 2020), 238 new in 2021; 246
// successful in 2022 (221 criminal, 24 civil, 1 administrative), spread
// over new and carried-over cases; plus noise that must not count.
func yrSeedYear() YearRows {
	rows := YearRows{Year: 2022}
	advised := map[string]int{"civil": 80, "land": 70, "criminal": 40, "administrative": 30, "social_insurance": 28, "labour": 20}
	for i := range 38 {
		att := 54
		if i < 2 {
			att = 53
		}
		start := yrAt(2022, time.Month(1+i%12), 3+i/12, 8, 0)
		rows.Sessions = append(rows.Sessions, OutreachSession{ID: int64(i + 1), Start: start, End: start.Add(3 * time.Hour),
			Status: SessionScheduled, Results: &SessionResults{Attendees: att, Consultations: map[string]int{}}})
	}
	k := 0
	for _, f := range ConsultationFields {
		for range advised[f] {
			rows.Sessions[k%38].Results.Consultations[f]++
			k++
		}
	}
	cancelled := OutreachSession{ID: 39, Start: yrAt(2022, 5, 5, 8, 0), End: yrAt(2022, 5, 5, 11, 0), Status: SessionCancelled}
	rows.Sessions = append(rows.Sessions, cancelled)

	d := NewDate
	specs := []yrCaseSpec{
		{200, FormProceedings, "criminal", d(2022, 2, 1), yrPtr(d(2022, 10, 1)), OutcomeSuccessful},
		{200, FormProceedings, "criminal", d(2022, 3, 1), yrPtr(d(2022, 11, 1)), OutcomeCompleted},
		{15, FormProceedings, "civil", d(2022, 4, 1), yrPtr(d(2022, 6, 1)), OutcomeStopped},
		{171, FormProceedings, "criminal", d(2022, 12, 31), nil, ""}, // 586 new in 2022
		{21, FormProceedings, "criminal", d(2021, 9, 1), yrPtr(d(2022, 3, 1)), OutcomeSuccessful},
		{24, FormProceedings, "civil", d(2021, 10, 1), yrPtr(d(2022, 4, 1)), OutcomeSuccessful},
		{1, FormProceedings, "administrative", d(2021, 11, 1), yrPtr(d(2022, 1, 1)), OutcomeSuccessful},
		{30, FormProceedings, "land", d(2021, 12, 1), yrPtr(d(2022, 5, 1)), OutcomeCompleted},
		{44, FormProceedings, "criminal", d(2021, 12, 31), nil, ""},                                  // 120 carried from 2021
		{118, FormProceedings, "criminal", d(2021, 1, 4), yrPtr(d(2021, 12, 31)), OutcomeSuccessful}, // 238 new in 2021
		{10, FormProceedings, "civil", d(2020, 6, 1), nil, ""},                                       // carried from 2020
		{50, FormProceedings, "civil", d(2020, 2, 1), yrPtr(d(2020, 9, 1)), OutcomeCompleted},
		{40, FormAdvice, "land", d(2022, 5, 1), nil, ""},
		{5, FormRepresentation, "labour", d(2022, 7, 1), yrPtr(d(2022, 8, 1)), OutcomeCompleted},
		{3, FormProceedings, "criminal", d(2023, 1, 2), nil, ""},
	}
	id := int64(0)
	for _, sp := range specs {
		for range sp.n {
			id++
			c := Case{ID: id, Year: sp.accepted.Year, Form: sp.form, Field: sp.field, Group: GroupPoorHousehold, Origin: OriginOffice,
				HandlerID: 1, Accepted: sp.accepted, Stage: StageHandling}
			if sp.closed != nil {
				c.Stage, c.ClosedOn, c.Outcome = StageClosed, sp.closed, sp.outcome
			}
			rows.Cases = append(rows.Cases, c)
		}
	}

	duty := func(id int64, day int, officer int64) Assignment {
		return Assignment{ID: id, OfficerID: officer, Role: Primary, Status: Scheduled,
			Start: yrAt(2022, 3, day, 7, 30), End: yrAt(2022, 3, day, 11, 30)}
	}
	for i := range 8 {
		rows.Duties = append(rows.Duties, duty(int64(101+i), 1+i, 7))
	}
	cancelledDuty := duty(109, 10, 7)
	cancelledDuty.Status = Cancelled
	sessionDuty := duty(110, 11, 7)
	sessionDuty.SessionID = yrPtr(int64(1))
	lastYear := duty(111, 1, 7)
	lastYear.Start, lastYear.End = yrAt(2021, 12, 31, 7, 30), yrAt(2021, 12, 31, 11, 30)
	rows.Duties = append(rows.Duties, cancelledDuty, sessionDuty, lastYear)
	req := func(id int64, f string, g BeneficiaryGroup, a RequestAction) DutyRequest {
		return DutyRequest{ID: id, Field: f, Group: g, Action: a}
	}
	rows.Results = []DutyResult{
		{ID: 1, AssignmentID: 101, Held: true, HeldBy: 7, PeopleReceived: 3, Requests: []DutyRequest{
			req(1, "criminal", GroupAccusedMinor, ActionAccepted), req(2, "land", GroupElderly, ActionAdvised)}},
		{ID: 2, AssignmentID: 102, Held: true, HeldBy: 7, PeopleReceived: 1, Requests: []DutyRequest{req(3, "civil", GroupPoorHousehold, ActionReferred)}},
		{ID: 3, AssignmentID: 103, Held: true, HeldBy: 9, PeopleReceived: 2, Requests: []DutyRequest{req(4, "criminal", GroupPoorHousehold, ActionAccepted)}},
		{ID: 4, AssignmentID: 104, Held: true, HeldBy: 7},
		{ID: 5, AssignmentID: 105, Held: false},
		{ID: 6, AssignmentID: 106, Held: true, HeldBy: 7, PeopleReceived: 4},
		{ID: 7, AssignmentID: 110, Held: true, HeldBy: 7, PeopleReceived: 50}, // a session's duty: not counted
		{ID: 8, AssignmentID: 111, Held: true, HeldBy: 7, PeopleReceived: 60}, // 2021: not counted
	} // 107 and 108 have no result

	call := yrAt(2022, 4, 2, 21, 0)
	assigned := func(id int64, after time.Duration) CustodyRequest {
		return CustodyRequest{ID: id, ReceivedAt: call, Source: SourcePolice, TakenBy: 7, PersonStatus: PersonDetained,
			SentOfficer: yrPtr(int64(9)), AssignedAt: yrPtr(call.Add(after))}
	}
	rows.Custody = []CustodyRequest{
		assigned(1, 30*time.Minute), assigned(2, time.Hour), assigned(3, 90*time.Minute), assigned(4, 3*time.Hour),
		{ID: 5, ReceivedAt: call, Source: SourceCourt, TakenBy: 7, PersonStatus: PersonAccused},
		{ID: 6, ReceivedAt: yrAt(2021, 12, 31, 23, 0), Source: SourcePolice, TakenBy: 7, PersonStatus: PersonDetained},
	}
	return rows
}

// yrCheckIDs fails unless f counts exactly the rows of want (by id, in order).
func yrCheckIDs(t *testing.T, name string, f Figure, entity string, want []int64) {
	t.Helper()
	if f.Entity != entity || !slices.Equal(f.IDs, want) {
		t.Errorf("%s: %s rows %v, want %s rows %v", name, f.Entity, f.IDs, entity, want)
	}
}

func TestYearReportSeedLike(t *testing.T) {
	rows := yrSeedYear()
	now := yrAt(2023, 1, 10, 9, 0)
	r := BuildYearReport(rows, 0, now, yrZone)
	want := yrSeedFigures

	// Outreach.
	o := r.Outreach
	if o.Sessions.Value != want.sessions || o.Attendees.Value != want.attendees || o.Advised.Value != want.advised ||
		o.Report.Sessions != want.sessions || o.Report.Consultations != want.advised {
		t.Fatalf("outreach: %d sessions, %d attendees, %d advised", o.Sessions.Value, o.Attendees.Value, o.Advised.Value)
	}
	if len(o.Sessions.IDs) != want.sessions || slices.Contains(o.Sessions.IDs, 39) || o.ByField["civil"].Value != 80 || o.ByField["other"].Value != 0 {
		t.Errorf("outreach rows: %v, civil %+v", o.Sessions.IDs, o.ByField["civil"])
	}

	// Cases in proceedings: each figure must be the rows its rule selects.
	byID := map[int64]Case{}
	for _, c := range rows.Cases {
		byID[c.ID] = c
	}
	sel := func(keep func(c Case) bool) []int64 {
		var ids []int64
		for _, c := range rows.Cases {
			if keep(c) {
				ids = append(ids, c.ID)
			}
		}
		return ids
	}
	proc := func(c Case) bool { return c.Form == FormProceedings }
	c := r.Cases
	if c.Total.Value != want.total || c.New.Value != want.newCases || c.CarriedOver.Value != want.carried ||
		c.PreviousNew.Value != want.prev || c.Change != want.newCases-want.prev {
		t.Fatalf("cases: total %d new %d carried %d prev %d change %d", c.Total.Value, c.New.Value, c.CarriedOver.Value, c.PreviousNew.Value, c.Change)
	}
	succ := 0
	for f, n := range want.successful {
		succ += n
		if c.SuccessfulByField[f].Value != n {
			t.Errorf("successful %s: %d, want %d", f, c.SuccessfulByField[f].Value, n)
		}
	}
	if c.Successful.Value != succ {
		t.Errorf("successful: %d, want %d", c.Successful.Value, succ)
	}
	yrCheckIDs(t, "new", c.New, EntityCase, sel(func(k Case) bool { return proc(k) && k.Accepted.Year == 2022 }))
	yrCheckIDs(t, "carried", c.CarriedOver, EntityCase, sel(func(k Case) bool {
		return proc(k) && k.Accepted.Year < 2022 && (k.ClosedOn == nil || k.ClosedOn.Year >= 2022)
	}))
	yrCheckIDs(t, "successful", c.Successful, EntityCase, sel(func(k Case) bool {
		return proc(k) && k.Outcome == OutcomeSuccessful && k.ClosedOn.Year == 2022
	}))
	yrCheckIDs(t, "completed", c.Completed, EntityCase, sel(func(k Case) bool {
		return proc(k) && k.Outcome.Completed() && k.ClosedOn.Year == 2022
	}))
	yrCheckIDs(t, "stopped", c.Stopped, EntityCase, sel(func(k Case) bool { return k.Outcome == OutcomeStopped }))
	if len(c.Total.IDs) != want.total || c.NewByForm[FormAdvice].Value != 40 || c.NewByForm[FormRepresentation].Value != 5 {
		t.Errorf("total rows %d, advice %d, representation %d", len(c.Total.IDs), c.NewByForm[FormAdvice].Value, c.NewByForm[FormRepresentation].Value)
	}

	// Duties.
	du := r.Duties
	yrCheckIDs(t, "duties", du.Duties, EntityAssignment, []int64{101, 102, 103, 104, 105, 106, 107, 108})
	yrCheckIDs(t, "held", du.Held, EntityAssignment, []int64{101, 102, 103, 104, 106})
	yrCheckIDs(t, "missed", du.Missed, EntityAssignment, []int64{105})
	yrCheckIDs(t, "stand-ins", du.StandIns, EntityAssignment, []int64{103})
	yrCheckIDs(t, "without result", du.WithoutResult, EntityAssignment, []int64{107, 108})
	yrCheckIDs(t, "people", du.PeopleReceived, EntityDutyResult, []int64{1, 2, 3, 4, 6})
	yrCheckIDs(t, "criminal requests", du.ByField["criminal"], EntityDutyRequest, []int64{1, 4})
	yrCheckIDs(t, "poor household", du.ByGroup[GroupPoorHousehold], EntityDutyRequest, []int64{3, 4})
	yrCheckIDs(t, "accepted", du.ByAction[ActionAccepted], EntityDutyRequest, []int64{1, 4})
	if du.PeopleReceived.Value != 10 || du.Requests.Value != 4 {
		t.Errorf("people %d, requests %d", du.PeopleReceived.Value, du.Requests.Value)
	}

	// Custody.
	k := r.Custody
	yrCheckIDs(t, "custody", k.Requests, EntityCustodyRequest, []int64{1, 2, 3, 4, 5})
	yrCheckIDs(t, "late", k.Late, EntityCustodyRequest, []int64{4, 5})
	yrCheckIDs(t, "unassigned", k.Unassigned, EntityCustodyRequest, []int64{5})
	if k.Median != 75*time.Minute || k.Max != 3*time.Hour || k.MaxID != 4 || k.Target != DefaultCustodyTarget || k.BySource[SourceCourt].Value != 1 {
		t.Errorf("custody: median %v max %v (#%d) target %v", k.Median, k.Max, k.MaxID, k.Target)
	}
}

func TestMedian(t *testing.T) {
	m := time.Minute
	medians := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5 * m}, 5 * m},
		{[]time.Duration{90 * m, 10 * m, 30 * m}, 30 * m},
		{[]time.Duration{40 * m, 10 * m, 20 * m, 30 * m}, 25 * m},
	}
	for _, tt := range medians {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// BenchmarkBuildYearReport builds the seed-like year's report (39
// sessions, 932 cases, 11 duties, 6 custody requests).
func BenchmarkBuildYearReport(b *testing.B) {
	rows := yrSeedYear()
	now := yrAt(2023, 1, 10, 9, 0)
	for b.Loop() {
		BuildYearReport(rows, 0, now, yrZone)
	}
}
