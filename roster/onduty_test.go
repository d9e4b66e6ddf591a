package roster

import (
	"testing"
	"time"
)

func TestOnDutyAt(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := func(h, m int) time.Time { return time.Date(2027, 1, 4, h, m, 0, 0, loc) }
	duty := func(id int64, role AssignmentRole, start, end time.Time, st AssignmentStatus) Assignment {
		return Assignment{ID: id, SiteID: 1, Role: role, OfficerID: id, Start: start, End: end, Status: st}
	}
	as := []Assignment{
		duty(1, Backup, at(7, 30), at(11, 30), Scheduled),
		duty(2, Primary, at(7, 30), at(11, 30), Scheduled),
		duty(3, Primary, at(7, 30), at(11, 30), Cancelled),
		duty(4, Primary, at(11, 30), at(17, 0), Scheduled),
		duty(5, Primary, at(6, 0), at(12, 0), Scheduled),
		duty(6, "", at(9, 0), at(10, 0), Scheduled), // no role: primary
	}
	ids := func(as []Assignment) []int64 {
		out := []int64{}
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	tests := []struct {
		name string
		t    time.Time
		want []int64
	}{
		{"before any", at(5, 59), []int64{}},
		{"start is on", at(6, 0), []int64{5}},
		{"primaries first, earlier start first", at(9, 30), []int64{5, 2, 6, 1}},
		{"end is off", at(11, 30), []int64{5, 4}},
		{"after all", at(17, 0), []int64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(OnDutyAt(as, tc.t))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	if as[0].ID != 1 || as[1].ID != 2 {
		t.Fatal("OnDutyAt reordered its input")
	}
}
