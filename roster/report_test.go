package roster

import (
	"fmt"
	"testing"
	"time"
)

func TestDutyReport(t *testing.T) {
	court := Site{ID: 1, Code: "TAND-HP", Name: "Tòa án nhân dân thành phố", Kind: SiteCourt}
	phone := Site{ID: 2, Code: "TRUC-DT", Name: "Trực điện thoại", Kind: SiteOffice}
	an := Officer{ID: 1, FullName: "Nguyễn Văn An", Active: true}
	binh := Officer{ID: 2, FullName: "Trần Thị Bình", Active: true}
	idle := Officer{ID: 3, FullName: "Lê Văn Cường", Active: true}
	gone := Officer{ID: 4, FullName: "Phạm Thị Dung", Active: false}
	session := int64(9)
	duty := func(id, site, officer int64, role AssignmentRole, start time.Time, minutes int, status AssignmentStatus) Assignment {
		return Assignment{ID: id, SiteID: site, OfficerID: officer, Role: role, Start: start, End: start.Add(time.Duration(minutes) * time.Minute), Status: status}
	}
	outreach := duty(8, 3, 2, Primary, otAt(2027, 1, 20, 8, 0), 180, Scheduled)
	outreach.SiteCode, outreach.SessionID = "LUU-DONG", &session
	as := []Assignment{
		duty(1, 1, 1, Primary, otAt(2027, 1, 4, 7, 30), 240, Scheduled),
		duty(2, 1, 2, Primary, otAt(2027, 1, 4, 13, 30), 210, Scheduled),
		duty(3, 2, 1, Primary, otAt(2027, 1, 4, 17, 0), 870, Scheduled), // past midnight
		duty(4, 2, 2, Backup, otAt(2027, 1, 4, 17, 0), 870, Scheduled),
		duty(5, 1, 2, Primary, otAt(2027, 1, 5, 7, 30), 240, Cancelled),
		duty(6, 1, 4, Primary, otAt(2027, 1, 6, 7, 30), 240, Scheduled),   // an inactive officer still counts
		duty(7, 1, 1, Primary, otAt(2026, 12, 31, 23, 0), 120, Scheduled), // starts before the period
		outreach,
		duty(10, 1, 1, Primary, otAt(2027, 2, 1, 0, 0), 60, Scheduled), // starts the day after
	}
	swaps := &SwapFigures{Requested: 3, ByStatus: map[SwapStatus]int{SwapApplied: 1, SwapDeclined: 2}, Given: map[int64]int{1: 1}, Taken: map[int64]int{2: 1}}
	r := BuildDutyReport(NewDate(2027, 1, 1), NewDate(2027, 1, 31), otZone, as, []Site{court, phone}, []Officer{an, binh, idle, gone}, swaps)

	row := func(f DutyFigures) string {
		return fmt.Sprintf("%d/%d/%d out%d %.2fh(%.2f+%.2f) x%d", f.Scheduled, f.Primary, f.Backup, f.Outreach, f.Hours(), f.PrimaryHours(), f.BackupHours(), f.Cancelled)
	}
	if got, want := row(r.Total), "6/5/1 out1 43.50h(29.00+14.50) x1"; got != want {
		t.Fatalf("total %s, want %s", got, want)
	}
	wantSites := []string{
		"LUU-DONG 1/1/0 out1 3.00h(3.00+0.00) x0",
		"TAND-HP 3/3/0 out0 11.50h(11.50+0.00) x1",
		"TRUC-DT 2/1/1 out0 29.00h(14.50+14.50) x0",
	}
	if len(r.BySite) != len(wantSites) {
		t.Fatalf("%d sites", len(r.BySite))
	}
	for i, w := range wantSites {
		if got := r.BySite[i].Site.Code + " " + row(r.BySite[i].DutyFigures); got != w {
			t.Errorf("site %d: %s, want %s", i, got, w)
		}
	}
	if r.BySite[1].Site.Name != court.Name {
		t.Errorf("site name %q", r.BySite[1].Site.Name)
	}
	wantOfficers := []string{
		"1 Nguyễn Văn An 2/2/0 out0 18.50h(18.50+0.00) x0 swaps 1/0",
		"2 Trần Thị Bình 3/2/1 out1 21.00h(6.50+14.50) x1 swaps 0/1",
		"3 Lê Văn Cường 0/0/0 out0 0.00h(0.00+0.00) x0 swaps 0/0",
		"4 Phạm Thị Dung 1/1/0 out0 4.00h(4.00+0.00) x0 swaps 0/0",
	}
	if len(r.ByOfficer) != len(wantOfficers) {
		t.Fatalf("%d officers: %+v", len(r.ByOfficer), r.ByOfficer)
	}
	for i, w := range wantOfficers {
		o := r.ByOfficer[i]
		if got := fmt.Sprintf("%d %s %s swaps %d/%d", o.Officer.ID, o.Officer.FullName, row(o.DutyFigures), o.SwapsGiven, o.SwapsTaken); got != w {
			t.Errorf("officer %d: %s, want %s", i, got, w)
		}
	}
	if r.Swaps.Applied() != 1 || r.From != NewDate(2027, 1, 1) || r.To != NewDate(2027, 1, 31) {
		t.Fatalf("swaps %+v from %v to %v", r.Swaps, r.From, r.To)
	}

	// An empty period lists the active officers with nothing, and no sites.
	empty := BuildDutyReport(NewDate(2030, 1, 1), NewDate(2030, 1, 1), otZone, as, []Site{court}, []Officer{an, gone}, nil)
	if len(empty.BySite) != 0 || len(empty.ByOfficer) != 1 || empty.Total.Scheduled != 0 || empty.Swaps != nil {
		t.Fatalf("empty: %+v", empty)
	}
}
