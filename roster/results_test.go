package roster

import (
	"slices"
	"testing"
	"time"
)

var yrZone = time.FixedZone("ICT", 7*3600)

func yrAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, yrZone)
}

func yrPtr[T any](v T) *T { return &v }

func yrFields(err error) []string {
	var out []string
	if e, ok := err.(*Error); ok {
		for _, f := range e.Fields {
			out = append(out, f.Field)
		}
	}
	return out
}

// yrDuty is a court duty of officer 7 on Monday 4 January 2027, 07:30–11:30.
func yrDuty() Assignment {
	return Assignment{ID: 1, SiteID: 1, OfficerID: 7, Role: Primary, Status: Scheduled,
		Start: yrAt(2027, 1, 4, 7, 30), End: yrAt(2027, 1, 4, 11, 30)}
}

func TestDutyResultValidate(t *testing.T) {
	after := yrAt(2027, 1, 4, 12, 0)
	ok := DutyResult{Held: true, HeldBy: 7, PeopleReceived: 3, Requests: []DutyRequest{
		{Field: "criminal", Group: GroupPoorHousehold, Action: ActionAccepted},
		{Field: "land", Group: GroupElderly, Action: ActionAdvised},
	}}
	cancelled := yrDuty()
	cancelled.Status = Cancelled
	session := yrDuty()
	session.SessionID = yrPtr(int64(4))
	tests := []struct {
		name   string
		r      DutyResult
		duty   Assignment
		now    time.Time
		fields []string // nil: valid
	}{
		{"held with requests", ok, yrDuty(), after, nil},
		{"stand-in", DutyResult{Held: true, HeldBy: 9, PeopleReceived: 0}, yrDuty(), after, nil},
		{"during the duty", ok, yrDuty(), yrAt(2027, 1, 4, 9, 0), nil},
		{"no-show", DutyResult{Held: false}, yrDuty(), after, nil},
		{"before the duty", ok, yrDuty(), yrAt(2027, 1, 4, 7, 0), []string{"assignment_id"}},
		{"cancelled duty", ok, cancelled, after, []string{"assignment_id"}},
		{"outreach duty", ok, session, after, []string{"assignment_id"}},
		{"held without holder", DutyResult{Held: true}, yrDuty(), after, []string{"held_by"}},
		{"no-show with people", DutyResult{Held: false, HeldBy: 7, PeopleReceived: 2, Requests: ok.Requests}, yrDuty(), after,
			[]string{"held_by", "people_received", "requests"}},
		{"negative people", DutyResult{Held: true, HeldBy: 7, PeopleReceived: -1}, yrDuty(), after, []string{"people_received"}},
		{"too many people", DutyResult{Held: true, HeldBy: 7, PeopleReceived: MaxPeopleReceived + 1}, yrDuty(), after, []string{"people_received"}},
		{"requests but nobody", DutyResult{Held: true, HeldBy: 7, Requests: ok.Requests}, yrDuty(), after, []string{"people_received"}},
		{"bad request", DutyResult{Held: true, HeldBy: 7, PeopleReceived: 1, Requests: []DutyRequest{
			{Field: "criminal", Group: GroupChild, Action: ActionReferred},
			{Field: "tax", Group: "rich", Action: "ignored"},
			{Group: GroupChild, Action: ActionAdvised},
		}}, yrDuty(), after, []string{"requests[1].field", "requests[1].beneficiary_group", "requests[1].action", "requests[2].field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate(tt.duty, tt.now)
			got := yrFields(err)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			slices.Sort(got)
			got = slices.Compact(got)
			want := slices.Clone(tt.fields)
			slices.Sort(want)
			if ErrorCode(err) != EInvalid || !slices.Equal(got, want) {
				t.Fatalf("fields %v (%v), want %v", got, err, want)
			}
		})
	}
}

func TestDutyResultWhoAndMissing(t *testing.T) {
	d := yrDuty()
	tests := []struct {
		name string
		u    User
		want bool
	}{
		{"manager", User{Role: RoleManager}, true},
		{"its officer", User{Role: RoleOfficer, OfficerID: yrPtr(int64(7))}, true},
		{"another officer", User{Role: RoleOfficer, OfficerID: yrPtr(int64(8))}, false},
		{"officer user without officer", User{Role: RoleOfficer}, false},
		{"reception", User{Role: RoleReception, OfficerID: yrPtr(int64(7))}, false},
	}
	for _, tt := range tests {
		if got := MayRecordDutyResult(tt.u, d); got != tt.want {
			t.Errorf("%s: may record %v, want %v", tt.name, got, tt.want)
		}
	}
	if (DutyResult{Held: true, HeldBy: 7}).StandIn(d) || !(DutyResult{Held: true, HeldBy: 9}).StandIn(d) || (DutyResult{}).StandIn(d) {
		t.Error("StandIn: only a held duty with another holder is a stand-in")
	}
	session := yrDuty()
	session.SessionID = yrPtr(int64(2))
	missing := []struct {
		name   string
		a      Assignment
		has    bool
		now    time.Time
		expect bool
	}{
		{"ended without result", d, false, yrAt(2027, 1, 4, 11, 30), true},
		{"still running", d, false, yrAt(2027, 1, 4, 11, 29), false},
		{"has a result", d, true, yrAt(2027, 1, 5, 0, 0), false},
		{"outreach duty", session, false, yrAt(2027, 1, 5, 0, 0), false},
	}
	for _, tt := range missing {
		if got := ResultMissing(tt.a, tt.has, tt.now); got != tt.expect {
			t.Errorf("%s: missing %v, want %v", tt.name, got, tt.expect)
		}
	}
}
