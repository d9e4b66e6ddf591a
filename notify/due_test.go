package notify

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"slices"
	"testing"
	"time"
	_ "time/tzdata"

	"lichtruc/roster"
)

// hcm is the service's zone, loaded from the embedded tzdata.
func hcm(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestReminderKey(t *testing.T) {
	tests := []struct {
		r    Reminder
		want string
	}{
		{Reminder{AssignmentID: 42, Lead: 24 * time.Hour, Version: 3}, "reminder:42:86400:v3"},
		{Reminder{AssignmentID: 7, Lead: time.Hour, Version: 1}, "reminder:7:3600:v1"},
		{Reminder{AssignmentID: 7, Lead: 90 * time.Minute}, "reminder:7:5400:v0"},
	}
	for _, tt := range tests {
		if got := tt.r.Key(); got != tt.want {
			t.Errorf("Key() = %q, want %q", got, tt.want)
		}
	}
}

func TestDueReminders(t *testing.T) {
	loc := hcm(t)
	at := func(day, h, m, s int) time.Time { return time.Date(2027, 1, day, h, m, s, 0, loc) }
	// Monday 4 January 2027, 07:30–11:30, and 13:30–17:00.
	morning := roster.Assignment{ID: 1, OfficerID: 10, Start: at(4, 7, 30, 0), End: at(4, 11, 30, 0), Status: roster.Scheduled, Version: 2}
	afternoon := roster.Assignment{ID: 2, OfficerID: 20, Start: at(4, 13, 30, 0), End: at(4, 17, 0, 0), Status: roster.Scheduled, Version: 1}
	cancelled := morning
	cancelled.ID, cancelled.Status = 3, roster.Cancelled
	zeroStatus := afternoon
	zeroStatus.ID, zeroStatus.Status = 4, ""
	defaults := []time.Duration{24 * time.Hour, time.Hour}

	type want struct {
		id   int64
		lead time.Duration
	}
	tests := []struct {
		name       string
		now        time.Time
		duties     []roster.Assignment
		perOfficer map[int64][]time.Duration
		want       []want
	}{
		{"a second before the day-before reminder", at(3, 7, 29, 59), []roster.Assignment{morning}, nil, nil},
		{"day-before reminder exactly at due time", at(3, 7, 30, 0), []roster.Assignment{morning}, nil, []want{{1, 24 * time.Hour}}},
		{"day-before reminder later that day", at(3, 20, 0, 0), []roster.Assignment{morning}, nil, []want{{1, 24 * time.Hour}}},
		{"hour-before supersedes the day-before one", at(4, 6, 30, 0), []roster.Assignment{morning}, nil, []want{{1, time.Hour}}},
		{"after an outage only the hour-before one", at(4, 7, 29, 59), []roster.Assignment{morning}, nil, []want{{1, time.Hour}}},
		{"duty has started", at(4, 7, 30, 0), []roster.Assignment{morning}, nil, nil},
		{"duty is under way", at(4, 9, 0, 0), []roster.Assignment{morning}, nil, nil},
		{"cancelled duty gets none", at(4, 7, 0, 0), []roster.Assignment{cancelled}, nil, nil},
		{"zero status counts as scheduled", at(4, 13, 0, 0), []roster.Assignment{zeroStatus}, nil, []want{{4, time.Hour}}},
		{"per-officer leads replace the defaults", at(4, 5, 30, 0), []roster.Assignment{morning},
			map[int64][]time.Duration{10: {2 * time.Hour}}, []want{{1, 2 * time.Hour}}},
		{"per-officer leads: no day-before reminder", at(3, 8, 0, 0), []roster.Assignment{morning},
			map[int64][]time.Duration{10: {2 * time.Hour}}, nil},
		{"per-officer empty entry means none", at(4, 7, 0, 0), []roster.Assignment{morning},
			map[int64][]time.Duration{10: {}}, nil},
		{"other officers keep the defaults", at(4, 7, 0, 0), []roster.Assignment{morning},
			map[int64][]time.Duration{99: {2 * time.Hour}}, []want{{1, time.Hour}}},
		{"non-positive leads are ignored", at(4, 7, 29, 0), []roster.Assignment{morning},
			map[int64][]time.Duration{10: {0, -time.Hour}}, nil},
		{"several duties, ordered by due time", at(4, 7, 0, 0), []roster.Assignment{afternoon, morning, cancelled},
			nil, []want{{2, 24 * time.Hour}, {1, time.Hour}}},
		{"no duties", at(4, 7, 0, 0), nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DueReminders(tt.now, tt.duties, defaults, tt.perOfficer)
			var gotIDs []want
			for _, r := range got {
				gotIDs = append(gotIDs, want{r.AssignmentID, r.Lead})
				if r.DueAt.After(tt.now) || !tt.now.Before(r.Start) {
					t.Errorf("%v is not due at %v", r, tt.now)
				}
				if !r.DueAt.Equal(r.Start.Add(-r.Lead)) {
					t.Errorf("%v: DueAt is not Start-Lead", r)
				}
			}
			if !slices.Equal(gotIDs, tt.want) {
				t.Errorf("DueReminders at %v = %v, want %v", tt.now, gotIDs, tt.want)
			}
		})
	}

	// The reminder carries the duty's officer and version into its key.
	got := DueReminders(at(4, 7, 0, 0), []roster.Assignment{morning}, defaults, nil)
	if len(got) != 1 || got[0].OfficerID != 10 || got[0].Version != 2 || got[0].Key() != "reminder:1:3600:v2" {
		t.Errorf("reminder = %+v", got)
	}
	// A new version of the duty (say, another officer) gives a new key.
	moved := morning
	moved.Version, moved.OfficerID = 3, 11
	got2 := DueReminders(at(4, 7, 0, 0), []roster.Assignment{moved}, defaults, nil)
	if len(got2) != 1 || got2[0].Key() == got[0].Key() || got2[0].OfficerID != 11 {
		t.Errorf("reminder of new version = %+v", got2)
	}
}

func TestRetryDelay(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{-5, 30 * time.Second}, {0, 30 * time.Second}, {1, 30 * time.Second}, {2, time.Minute},
		{3, 2 * time.Minute}, {4, 4 * time.Minute}, {5, 8 * time.Minute}, {6, 16 * time.Minute},
		{7, 30 * time.Minute}, {8, 30 * time.Minute}, {100, 30 * time.Minute}, {1 << 40, 30 * time.Minute},
	}
	for _, tt := range tests {
		if got := RetryDelay(tt.attempt); got != tt.want {
			t.Errorf("RetryDelay(%d) = %v, want %v", tt.attempt, got, tt.want)
		}
	}
}

func TestGiveUp(t *testing.T) {
	loc := hcm(t)
	start := time.Date(2027, 1, 4, 7, 30, 0, 0, loc)
	tests := []struct {
		name     string
		attempts int
		start    time.Time
		now      time.Time
		want     bool
	}{
		{"first failure, long before", 1, start, start.Add(-24 * time.Hour), false},
		{"one attempt left", MaxAttempts - 1, start, start.Add(-time.Hour), false},
		{"attempts used up", MaxAttempts, start, start.Add(-time.Hour), true},
		{"duty has started", 1, start, start, true},
		{"duty is over", 1, start, start.Add(5 * time.Hour), true},
		{"no deadline", 3, time.Time{}, start, false},
		{"no deadline, attempts used up", MaxAttempts + 1, time.Time{}, start, true},
	}
	for _, tt := range tests {
		if got := GiveUp(tt.attempts, tt.start, tt.now); got != tt.want {
			t.Errorf("%s: GiveUp(%d) = %v, want %v", tt.name, tt.attempts, got, tt.want)
		}
	}
}

func TestNextRetry(t *testing.T) {
	loc := hcm(t)
	start := time.Date(2027, 1, 4, 7, 30, 0, 0, loc)
	temp := &DeliveryError{Channel: "smtp", Err: errors.New("connection refused")}
	perm := &DeliveryError{Channel: "smtp", Permanent: true, Code: 550, Err: errors.New("no such user")}
	slow := &DeliveryError{Channel: "webhook", Code: 503, RetryAfter: 5 * time.Minute, Err: errors.New("busy")}
	tooSlow := &DeliveryError{Channel: "webhook", Code: 503, RetryAfter: 5 * time.Hour, Err: errors.New("busy")}
	tests := []struct {
		name     string
		now      time.Time
		attempts int
		start    time.Time
		err      error
		wantOK   bool
		wantNext time.Time
	}{
		{"temporary, first attempt", start.Add(-time.Hour), 1, start, temp, true, start.Add(-time.Hour + 30*time.Second)},
		{"temporary, third attempt", start.Add(-time.Hour), 3, start, fmt.Errorf("outbox: %w", temp), true, start.Add(-time.Hour + 2*time.Minute)},
		{"permanent", start.Add(-time.Hour), 1, start, perm, false, time.Time{}},
		{"next try would be after the start", start.Add(-20 * time.Second), 1, start, temp, false, time.Time{}},
		{"Retry-After longer than the backoff", start.Add(-time.Hour), 1, start, slow, true, start.Add(-time.Hour + 5*time.Minute)},
		{"Retry-After capped", start.Add(-2 * time.Hour), 1, start, tooSlow, true, start.Add(-2*time.Hour + MaxRetryDelay)},
		{"no deadline", start, 2, time.Time{}, temp, true, start.Add(time.Minute)},
		{"attempts used up", start, MaxAttempts, time.Time{}, temp, false, time.Time{}},
	}
	for _, tt := range tests {
		next, ok := NextRetry(tt.now, tt.attempts, tt.start, tt.err)
		if ok != tt.wantOK || !next.Equal(tt.wantNext) {
			t.Errorf("%s: NextRetry = %v, %v; want %v, %v", tt.name, next, ok, tt.wantNext, tt.wantOK)
		}
	}
}

func TestIsPermanent(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain error", errors.New("boom"), false},
		{"permanent delivery error", &DeliveryError{Permanent: true, Err: errors.New("x")}, true},
		{"temporary delivery error", &DeliveryError{Err: errors.New("x")}, false},
		{"wrapped permanent", fmt.Errorf("send: %w", &DeliveryError{Permanent: true, Err: errors.New("x")}), true},
		{"SMTP 550 reply", &textproto.Error{Code: 550, Msg: "no such user"}, true},
		{"SMTP 421 reply", &textproto.Error{Code: 421, Msg: "try later"}, false},
		{"cancelled", context.Canceled, false},
		{"deadline", fmt.Errorf("dial: %w", context.DeadlineExceeded), false},
	}
	for _, tt := range tests {
		if got := IsPermanent(tt.err); got != tt.want {
			t.Errorf("%s: IsPermanent = %v, want %v", tt.name, got, tt.want)
		}
	}
}
