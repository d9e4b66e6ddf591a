package roster

import (
	"slices"
	"testing"
	"time"
)

func yrCustody(received time.Time, assigned *time.Time) CustodyRequest {
	r := CustodyRequest{ReceivedAt: received, Source: SourcePolice, SourceName: "Công an quận Lê Chân", TakenBy: 3,
		PersonAge: yrPtr(17), PersonStatus: PersonDetained, Field: "criminal"}
	if assigned != nil {
		r.SentOfficer, r.AssignedAt = yrPtr(int64(4)), assigned
	}
	return r
}

func TestCustodyResponseAndLate(t *testing.T) {
	call := yrAt(2027, 3, 6, 22, 15) // a Saturday night
	tests := []struct {
		name     string
		assigned *time.Time
		now      time.Time
		resp     time.Duration
		assignOK bool
		late     bool
	}{
		{"assigned in 40 minutes", yrPtr(call.Add(40 * time.Minute)), call.Add(5 * time.Hour), 40 * time.Minute, true, false},
		{"assigned exactly on target", yrPtr(call.Add(2 * time.Hour)), call.Add(5 * time.Hour), 2 * time.Hour, true, false},
		{"assigned a minute late", yrPtr(call.Add(2*time.Hour + time.Minute)), call.Add(5 * time.Hour), 2*time.Hour + time.Minute, true, true},
		{"waiting, within target", nil, call.Add(90 * time.Minute), 0, false, false},
		{"waiting beyond target", nil, call.Add(2*time.Hour + time.Second), 0, false, true},
	}
	for _, tt := range tests {
		r := yrCustody(call, tt.assigned)
		d, ok := r.ResponseTime()
		if d != tt.resp || ok != tt.assignOK {
			t.Errorf("%s: response %v %v, want %v %v", tt.name, d, ok, tt.resp, tt.assignOK)
		}
		if got := r.Late(DefaultCustodyTarget, tt.now); got != tt.late {
			t.Errorf("%s: late %v, want %v", tt.name, got, tt.late)
		}
	}
}

func TestCustodyValidate(t *testing.T) {
	call := yrAt(2027, 3, 6, 22, 15)
	now := call.Add(3 * time.Hour)
	tests := []struct {
		name   string
		edit   func(r *CustodyRequest)
		fields []string
	}{
		{"valid, assigned", func(r *CustodyRequest) {}, nil},
		{"valid, waiting, no name nor age", func(r *CustodyRequest) {
			r.SentOfficer, r.AssignedAt, r.PersonName, r.PersonAge = nil, nil, "", nil
		}, nil},
		{"missing everything", func(r *CustodyRequest) { *r = CustodyRequest{} },
			[]string{"received_at", "source", "taken_by", "person_status"}},
		{"in the future", func(r *CustodyRequest) {
			r.ReceivedAt = now.Add(time.Hour)
			r.AssignedAt = yrPtr(now.Add(2 * time.Hour))
		},
			[]string{"received_at", "assigned_at"}},
		{"assigned before received", func(r *CustodyRequest) { r.AssignedAt = yrPtr(call.Add(-time.Minute)) }, []string{"assigned_at"}},
		{"officer without time", func(r *CustodyRequest) { r.AssignedAt = nil }, []string{"assigned_at"}},
		{"bad values", func(r *CustodyRequest) {
			r.Source, r.PersonStatus, r.PersonAge, r.Field = "army", "free", yrPtr(130), "tax"
		},
			[]string{"source", "person_status", "person_age", "field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := yrCustody(call, yrPtr(call.Add(30*time.Minute)))
			tt.edit(&r)
			err := r.Validate(now)
			got := yrFields(err)
			slices.Sort(got)
			want := slices.Clone(tt.fields)
			slices.Sort(want)
			if (tt.fields == nil) != (err == nil) || !slices.Equal(got, want) {
				t.Fatalf("fields %v (%v), want %v", got, err, want)
			}
		})
	}
}

func TestCustodyValidateDuty(t *testing.T) {
	duty := Assignment{ID: 5, OfficerID: 3, Status: Scheduled, Start: yrAt(2027, 3, 6, 17, 0), End: yrAt(2027, 3, 7, 7, 0)}
	cancelled := duty
	cancelled.Status = Cancelled
	tests := []struct {
		name     string
		received time.Time
		takenBy  int64
		duty     Assignment
		valid    bool
	}{
		{"during the night duty", yrAt(2027, 3, 6, 22, 15), 3, duty, true},
		{"at its very end", yrAt(2027, 3, 7, 7, 0), 3, duty, true},
		{"before it", yrAt(2027, 3, 6, 16, 59), 3, duty, false},
		{"after it", yrAt(2027, 3, 7, 7, 1), 3, duty, false},
		{"another officer's duty", yrAt(2027, 3, 6, 22, 15), 4, duty, false},
		{"a cancelled duty", yrAt(2027, 3, 6, 22, 15), 3, cancelled, false},
	}
	for _, tt := range tests {
		r := yrCustody(tt.received, nil)
		r.TakenBy = tt.takenBy
		err := r.ValidateDuty(tt.duty)
		if (err == nil) != tt.valid || (err != nil && !slices.Equal(yrFields(err), slices.Repeat([]string{"assignment_id"}, len(yrFields(err))))) {
			t.Errorf("%s: %v, want valid %v", tt.name, err, tt.valid)
		}
	}
}
