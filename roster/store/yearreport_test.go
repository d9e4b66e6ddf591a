package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestYearReportSeedLike builds, through the store, a year like the
// Center's 2022 (38 outreach sessions, 2,050 attendees, 268 cases advised;
// 716 cases in proceedings, 586 new and 130 carried over, 238 new the year
// before; 246 successful: 221 criminal, 24 civil, 1 administrative) and
// finds every figure in the year report, in its summary, and behind each
// figure the rows that make it.
func TestYearReportSeedLike(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a year of rows")
	}
	storetest.ForEach(t, store.Options{Now: func() time.Time { return at("2023-01-10", "09:00") }}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)

		// Outreach: 38 sessions, 36 × 54 + 2 × 53 = 2,050 attendees, 268 cases advised.
		advised := map[string]int{"civil": 80, "land": 70, "criminal": 40, "administrative": 30, "social_insurance": 28, "labour": 20}
		cons := make([]map[string]int, 38)
		for i := range cons {
			cons[i] = map[string]int{}
		}
		k := 0
		for _, f := range roster.ConsultationFields {
			for range advised[f] {
				cons[k%38][f]++
				k++
			}
		}
		var sessionIDs []int64
		for i := range 38 {
			att := 54
			if i < 2 {
				att = 53
			}
			start := time.Date(2022, time.Month(1+i%12), 3+i/12, 8, 0, 0, 0, loc)
			sess, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: fmt.Sprintf("Đợt %d", i+1), Venue: "Nhà văn hóa",
				Start: start, End: start.Add(3 * time.Hour), Partners: []roster.Partner{{Name: "Hội Nông dân thành phố"}},
				Results: &roster.SessionResults{Attendees: att, Consultations: cons[i]}})
			if err != nil {
				t.Fatal(err)
			}
			sessionIDs = append(sessionIDs, sess.ID)
		}

		// Duties of March 2022: held, a stand-in, a no-show, one without result.
		var duties []roster.Assignment
		for day := 1; day <= 4; day++ {
			duties = append(duties, drDuty(t, s, site, a.ID, fmt.Sprintf("2022-03-%02d", day)))
		}
		results := []roster.DutyResult{
			{AssignmentID: duties[0].ID, Held: true, HeldBy: a.ID, PeopleReceived: 3, Requests: []roster.DutyRequest{
				{Field: "criminal", Group: roster.GroupAccusedMinor, Action: roster.ActionAccepted},
				{Field: "civil", Group: roster.GroupPoorHousehold, Action: roster.ActionAdvised}}},
			{AssignmentID: duties[1].ID, Held: true, HeldBy: b.ID, PeopleReceived: 1, Requests: []roster.DutyRequest{
				{Field: "land", Group: roster.GroupElderly, Action: roster.ActionReferred}}},
			{AssignmentID: duties[2].ID, Held: false},
		}
		var dutyResult roster.DutyResult
		for i, r := range results {
			got, err := s.RecordDutyResult(ctx, "an", r)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				dutyResult = got
			}
		}

		// Custody requests: 40 minutes, 3 hours (late), one never assigned (late).
		call := at("2022-04-02", "21:00")
		var custodyID int64
		for _, after := range []time.Duration{40 * time.Minute, 3 * time.Hour, -1} {
			r := roster.CustodyRequest{ReceivedAt: call, Source: roster.SourcePolice, TakenBy: a.ID, PersonStatus: roster.PersonDetained}
			if after >= 0 {
				at := call.Add(after)
				r.SentOfficer, r.AssignedAt = &b.ID, &at
			}
			got, err := s.CreateCustodyRequest(ctx, "an", r)
			if err != nil {
				t.Fatal(err)
			}
			custodyID = got.ID
		}

		// Cases.
		d := roster.NewDate
		specs := []struct {
			n        int
			form     roster.CaseForm
			field    string
			accepted roster.Date
			closed   *roster.Date
			outcome  roster.CaseOutcome
		}{
			{200, roster.FormProceedings, "criminal", d(2022, 2, 1), drPtr(d(2022, 10, 1)), roster.OutcomeSuccessful},
			{200, roster.FormProceedings, "criminal", d(2022, 3, 1), drPtr(d(2022, 11, 1)), roster.OutcomeCompleted},
			{15, roster.FormProceedings, "civil", d(2022, 4, 1), drPtr(d(2022, 6, 1)), roster.OutcomeStopped},
			{171, roster.FormProceedings, "criminal", d(2022, 12, 31), nil, ""},
			{21, roster.FormProceedings, "criminal", d(2021, 9, 1), drPtr(d(2022, 3, 1)), roster.OutcomeSuccessful},
			{24, roster.FormProceedings, "civil", d(2021, 10, 1), drPtr(d(2022, 4, 1)), roster.OutcomeSuccessful},
			{1, roster.FormProceedings, "administrative", d(2021, 11, 1), drPtr(d(2022, 1, 1)), roster.OutcomeSuccessful},
			{30, roster.FormProceedings, "land", d(2021, 12, 1), drPtr(d(2022, 5, 1)), roster.OutcomeCompleted},
			{44, roster.FormProceedings, "criminal", d(2021, 12, 31), nil, ""},
			{118, roster.FormProceedings, "criminal", d(2021, 1, 4), drPtr(d(2021, 12, 31)), roster.OutcomeSuccessful},
			{10, roster.FormProceedings, "civil", d(2020, 6, 1), nil, ""},
			{20, roster.FormProceedings, "civil", d(2020, 2, 1), drPtr(d(2020, 9, 1)), roster.OutcomeCompleted},
			{12, roster.FormAdvice, "land", d(2022, 5, 1), nil, ""},
		}
		origins := []struct {
			o  roster.CaseOrigin
			id int64
		}{{roster.OriginOffice, 0}, {roster.OriginDuty, dutyResult.ID}, {roster.OriginCustody, custodyID}, {roster.OriginOutreach, sessionIDs[0]}}
		n := 0
		for _, sp := range specs {
			for range sp.n {
				og := origins[n%len(origins)]
				n++
				c := roster.Case{Form: sp.form, Field: sp.field, Group: roster.BeneficiaryGroups[n%len(roster.BeneficiaryGroups)], Origin: og.o,
					OriginID: og.id, HandlerID: a.ID, Accepted: sp.accepted, Stage: roster.StageHandling}
				if sp.closed != nil {
					c.Stage, c.ClosedOn, c.Outcome = roster.StageClosed, sp.closed, sp.outcome
				}
				if _, err := s.CreateCase(ctx, "test", c); err != nil {
					t.Fatal(err)
				}
			}
		}

		r, err := s.YearReport(ctx, 2022, 0)
		if err != nil {
			t.Fatal(err)
		}
		o, c, du, cu := r.Outreach, r.Cases, r.Duties, r.Custody
		checks := []struct {
			name      string
			got, want int
		}{
			{"sessions", o.Sessions.Value, 38}, {"attendees", o.Attendees.Value, 2050}, {"advised", o.Advised.Value, 268},
			{"advised civil", o.ByField["civil"].Value, advised["civil"]},
			{"total", c.Total.Value, 716}, {"new", c.New.Value, 586}, {"carried over", c.CarriedOver.Value, 130},
			{"previous new", c.PreviousNew.Value, 238}, {"change", c.Change, 348},
			{"successful", c.Successful.Value, 246}, {"criminal", c.SuccessfulByField["criminal"].Value, 221},
			{"civil", c.SuccessfulByField["civil"].Value, 24}, {"administrative", c.SuccessfulByField["administrative"].Value, 1},
			{"completed", c.Completed.Value, 246 + 230}, {"stopped", c.Stopped.Value, 15}, {"advice", c.NewByForm[roster.FormAdvice].Value, 12},
			{"duties", du.Duties.Value, 4}, {"held", du.Held.Value, 2}, {"missed", du.Missed.Value, 1}, {"stand-ins", du.StandIns.Value, 1},
			{"without result", du.WithoutResult.Value, 1}, {"people", du.PeopleReceived.Value, 4}, {"requests", du.Requests.Value, 3},
			{"poor household", du.ByGroup[roster.GroupPoorHousehold].Value, 1},
			{"custody", cu.Requests.Value, 3}, {"late", cu.Late.Value, 2}, {"max minutes", int(cu.Max / time.Minute), 180},
		}
		for _, ch := range checks {
			if ch.got != ch.want {
				t.Errorf("%s: %d, want %d", ch.name, ch.got, ch.want)
			}
		}
		// Behind each figure, its rows.
		rowsOf := func(f roster.Figure) []roster.Case {
			cs, err := s.ListCases(ctx, store.CaseFilter{IDs: f.IDs})
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}
		succ := rowsOf(c.Successful)
		for _, k := range succ {
			if k.Outcome != roster.OutcomeSuccessful || k.ClosedOn.Year != 2022 || k.Form != roster.FormProceedings {
				t.Fatalf("%s behind successful: %+v", k.Number, k)
			}
		}
		carried := rowsOf(c.CarriedOver)
		for _, k := range carried {
			if !k.CarriedOverInto(2022) || k.NewIn(2022) {
				t.Fatalf("%s behind carried over: %+v", k.Number, k)
			}
		}
		if len(succ) != 246 || len(carried) != 130 || len(rowsOf(c.New)) != 586 {
			t.Errorf("rows: %d successful, %d carried, want 246 and 130", len(succ), len(carried))
		}
		missed, _ := s.ListAssignments(ctx, store.AssignmentFilter{IDs: du.Missed.IDs})
		if len(missed) != 1 || missed[0].ID != duties[2].ID {
			t.Errorf("behind missed: %v", missed)
		}
		late, _ := s.ListCustodyRequests(ctx, store.CustodyFilter{Year: 2022, Late: true})
		if len(late) != len(cu.Late.IDs) || late[0].ID != cu.Late.IDs[0] {
			t.Errorf("late: store %d, report %v", len(late), cu.Late.IDs)
		}
		for _, want := range []string{"Năm 2022, Trung tâm đã thực hiện 716 vụ việc tham gia tố tụng", "thụ lý mới 586 vụ việc, tăng 348 vụ việc so với năm trước",
			"130 vụ việc chuyển tiếp", "246 vụ việc thành công", "(221 hình sự, 24 dân sự, 1 hành chính)", "38 đợt trợ giúp pháp lý ngoài trụ sở",
			"2.050 lượt người tham dự", "tư vấn 268 vụ việc", "1 ca do người khác trực thay", "1 ca không diễn ra", "lâu nhất 3 giờ",
			"2 yêu cầu cử người chậm quá 2 giờ"} {
			if summary := catalog.VI.YearSummary(r); !strings.Contains(summary, want) {
				t.Errorf("summary lacks %q:\n%s", want, summary)
			}
		}
	})
}
