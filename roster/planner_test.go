package roster

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

// ---- rules ----------------------------------------------------------------

func TestPlanFillsSlotsOnTheirDays(t *testing.T) {
	loc := ptLoc(t)
	// 2025: Fri 2 May is off, Sat 26 Apr is a working day (làm bù); 30 Apr and 1 May are holidays.
	cal := ptCalendar{
		off: map[Date]bool{ptDay(2025, 4, 30): true, ptDay(2025, 5, 1): true, ptDay(2025, 5, 2): true},
		on:  map[Date]bool{ptDay(2025, 4, 26): true},
	}
	site := Site{ID: 1, Code: "KV1", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays), ptSlot("Đêm", "17:00", "07:30", 1, 0, Daily)}}
	tests := []struct {
		name     string
		site     Site
		from, to Date
		want     []string
	}{
		{"swapped Saturday worked, holidays off", Site{ID: 1, Code: "KV1", Slots: site.Slots[:1]}, ptDay(2025, 4, 24), ptDay(2025, 5, 4),
			[]string{"2025-04-24 Sáng", "2025-04-25 Sáng", "2025-04-26 Sáng", "2025-04-28 Sáng", "2025-04-29 Sáng"}},
		{"daily slot every day", Site{ID: 1, Code: "KV1", Slots: site.Slots[1:]}, ptDay(2025, 4, 29), ptDay(2025, 5, 3),
			[]string{"2025-04-29 Đêm", "2025-04-30 Đêm", "2025-05-01 Đêm", "2025-05-02 Đêm", "2025-05-03 Đêm"}},
		{"site valid only part of the range", func() Site {
			s := site
			s.Slots = site.Slots[:1]
			from, to := ptDay(2025, 6, 25), ptDay(2025, 6, 30)
			s.ValidFrom, s.ValidTo = &from, &to
			return s
		}(), ptDay(2025, 6, 20), ptDay(2025, 7, 4),
			[]string{"2025-06-25 Sáng", "2025-06-26 Sáng", "2025-06-27 Sáng", "2025-06-30 Sáng"}},
		{"range of one Sunday", site, ptDay(2025, 5, 4), ptDay(2025, 5, 4), []string{"2025-05-04 Đêm"}},
		{"empty range", site, ptDay(2025, 5, 4), ptDay(2025, 5, 3), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := ptPlan(t, PlanInput{Sites: []Site{tc.site}, From: tc.from, To: tc.to, Officers: ptTeam(4), Calendar: cal, Loc: loc})
			if got := ptDates(res.Add, loc); !slices.Equal(got, tc.want) {
				t.Errorf("duties on %v, want %v", got, tc.want)
			}
			if len(res.Uncovered) > 0 {
				t.Errorf("uncovered: %+v", res.Uncovered)
			}
		})
	}
}

func TestPlanNightSlotCrossesMidnight(t *testing.T) {
	loc := ptLoc(t)
	res := ptPlan(t, PlanInput{Sites: []Site{ptPhoneLine(1, "PHONE")}, From: ptDay(2026, 3, 31), To: ptDay(2026, 3, 31), Officers: ptTeam(4), Loc: loc})
	if len(res.Add) != 4 {
		t.Fatalf("%d duties, want 4 (2 slots × primary+backup)", len(res.Add))
	}
	for _, a := range res.Add {
		if a.SlotName != "Đêm" {
			continue
		}
		if want := time.Date(2026, 4, 1, 7, 30, 0, 0, loc); !a.End.Equal(want) || !a.Start.Equal(time.Date(2026, 3, 31, 17, 0, 0, 0, loc)) {
			t.Errorf("night duty %v–%v, want 17:00 to %v", a.Start, a.End, want)
		}
	}
}

func TestPlanHardRules(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9) // a Monday
	one := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	night := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Đêm", "17:00", "07:30", 1, 0, Daily)}}
	inactive := ptTeam(2)
	inactive[0].Active = false
	criminal := ptTeam(3)
	criminal[2].Specialties = []string{"criminal", "land"}
	spec := one
	spec.Slots = []Slot{{Name: "Hình sự", Start: ptClock("07:30"), End: ptClock("11:30"), Officers: 1, Days: Workdays, Specialty: "criminal"}}
	limited := ptTeam(2)
	limited[0].MonthlyLimit = 2
	tests := []struct {
		name   string
		in     PlanInput
		check  func(t *testing.T, res PlanResult)
		wantUn string // substring of the first Uncovered reason, "" for none
	}{
		{name: "never on leave, even the night before", in: PlanInput{Sites: []Site{night}, From: mon, To: mon.AddDays(2), Officers: ptTeam(2),
			Leaves: []Leave{{OfficerID: 1, From: mon.AddDays(1), To: mon.AddDays(1)}}, Rules: &RuleSettings{}}, // two officers cannot rest between nights
			check: func(t *testing.T, res PlanResult) {
				for _, a := range res.Add {
					if a.OfficerID == 1 && DateOf(a.Start.In(loc)) != mon.AddDays(2) {
						t.Errorf("officer 1 holds the night of %s around a leave on %s", DateOf(a.Start.In(loc)), mon.AddDays(1))
					}
				}
			}},
		{name: "leave leaves the slot uncovered", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: ptTeam(1),
			Leaves: []Leave{{OfficerID: 1, From: mon, To: mon}}}, wantUn: "no eligible officer: 1 on leave"},
		{name: "busy elsewhere", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: ptTeam(2),
			Busy: []Assignment{{ID: 9, SiteCode: "OTHER", OfficerID: 1, Start: ptAt(loc, mon, "10:00"), End: ptAt(loc, mon, "12:00"), Status: Scheduled}}},
			check: func(t *testing.T, res PlanResult) {
				if len(res.Add) != 1 || res.Add[0].OfficerID != 2 {
					t.Errorf("want officer 2, got %+v", res.Add)
				}
			}},
		{name: "cancelled busy duty does not block", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: ptTeam(1),
			Busy: []Assignment{{ID: 9, SiteCode: "OTHER", OfficerID: 1, Start: ptAt(loc, mon, "10:00"), End: ptAt(loc, mon, "12:00"), Status: Cancelled}}},
			check: func(t *testing.T, res PlanResult) {
				if len(res.Add) != 1 {
					t.Errorf("want one duty, got %+v", res.Add)
				}
			}},
		{name: "busy only officer", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: ptTeam(1),
			Busy: []Assignment{{SiteCode: "OTHER", OfficerID: 1, Start: ptAt(loc, mon, "07:00"), End: ptAt(loc, mon, "08:00")}}},
			wantUn: "no eligible officer: 1 busy"},
		{name: "touching duties do not clash", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: ptTeam(1),
			Busy: []Assignment{{SiteCode: "OTHER", OfficerID: 1, Start: ptAt(loc, mon, "11:30"), End: ptAt(loc, mon, "12:00")}}},
			check: func(t *testing.T, res PlanResult) {
				if len(res.Add) != 1 {
					t.Errorf("want one duty, got %+v", res.Add)
				}
			}},
		{name: "inactive never rostered", in: PlanInput{Sites: []Site{one}, From: mon, To: mon.AddDays(4), Officers: inactive},
			check: func(t *testing.T, res PlanResult) {
				if c := ptCount(res.Add, []int64{1, 2}, nil); c[1] != 0 || c[2] != 5 {
					t.Errorf("counts %v, want all five to officer 2", c)
				}
			}},
		{name: "only inactive", in: PlanInput{Sites: []Site{one}, From: mon, To: mon, Officers: inactive[:1]}, wantUn: "no eligible officer: 1 inactive"},
		{name: "no candidates", in: PlanInput{Sites: []Site{one}, From: mon, To: mon}, wantUn: "no candidate officers"},
		{name: "specialty", in: PlanInput{Sites: []Site{spec}, From: mon, To: mon.AddDays(4), Officers: criminal},
			check: func(t *testing.T, res PlanResult) {
				if c := ptCount(res.Add, ptIDs(criminal), nil); c[3] != 5 {
					t.Errorf("counts %v, want all five to the criminal lawyer", c)
				}
			}},
		{name: "specialty missing", in: PlanInput{Sites: []Site{spec}, From: mon, To: mon, Officers: ptTeam(2)},
			wantUn: "no eligible officer: 2 without specialty criminal"},
		{name: "monthly limit counts busy duties", in: PlanInput{Sites: []Site{one}, From: mon, To: mon.AddDays(4), Officers: limited,
			Busy: []Assignment{{SiteCode: "OTHER", OfficerID: 1, Start: ptAt(loc, ptDay(2026, 3, 2), "08:00"), End: ptAt(loc, ptDay(2026, 3, 2), "09:00")}}},
			check: func(t *testing.T, res PlanResult) {
				if c := ptCount(res.Add, []int64{1, 2}, nil); c[1] != 1 || c[2] != 4 {
					t.Errorf("counts %v, want officer 1 once (limit 2, one busy)", c)
				}
			}},
		{name: "monthly limit uncovered", in: PlanInput{Sites: []Site{one}, From: mon, To: mon.AddDays(4), Officers: limited[:1]},
			wantUn: "no eligible officer: 1 over monthly limit"},
		{name: "limit resets with the month", in: PlanInput{Sites: []Site{one}, From: ptDay(2026, 3, 30), To: ptDay(2026, 4, 2), Officers: limited[:1]},
			check: func(t *testing.T, res PlanResult) {
				if got := ptDates(res.Add, loc); !slices.Equal(got, []string{"2026-03-30 Sáng", "2026-03-31 Sáng", "2026-04-01 Sáng", "2026-04-02 Sáng"}) {
					t.Errorf("duties %v", got)
				}
			}},
		{name: "one slot a day per site, primary and backup differ", in: PlanInput{Sites: []Site{{ID: 1, Code: "TA", Slots: []Slot{
			ptSlot("Sáng", "07:30", "11:30", 1, 1, Workdays), ptSlot("Chiều", "13:30", "17:00", 1, 1, Workdays)}}},
			From: mon, To: mon, Officers: ptTeam(3)},
			wantUn: "no eligible officer: 3 already on duty there that day"},
		{name: "two sites share the pool", in: PlanInput{Sites: []Site{ptCourt(1, "A"), ptCourt(2, "B")}, From: mon, To: mon, Officers: ptTeam(2)},
			check: func(t *testing.T, res PlanResult) {
				if len(res.Add) != 4 || len(res.Uncovered) != 0 {
					t.Errorf("%d duties, %d uncovered; want 4 and 0", len(res.Add), len(res.Uncovered))
				}
			}},
		{name: "same hours at two sites need two officers", in: PlanInput{Sites: []Site{one, {ID: 2, Code: "TB", Slots: one.Slots}}, From: mon, To: mon, Officers: ptTeam(1)},
			wantUn: "no eligible officer: 1 busy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Loc = loc
			res := ptPlan(t, tc.in)
			if tc.check != nil {
				tc.check(t, res)
			}
			switch {
			case tc.wantUn == "" && len(res.Uncovered) > 0:
				t.Errorf("unexpected uncovered: %+v", res.Uncovered)
			case tc.wantUn != "" && len(res.Uncovered) == 0:
				t.Errorf("want uncovered %q, got none", tc.wantUn)
			case tc.wantUn != "" && !strings.Contains(res.Uncovered[0].Reason, tc.wantUn):
				t.Errorf("uncovered reason %q, want %q", res.Uncovered[0].Reason, tc.wantUn)
			}
		})
	}
}

func TestPlanUncoveredReasonCountsEachOfficer(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	officers := ptTeam(7)
	officers[5].MonthlyLimit = 1
	officers[6].Active = false
	in := PlanInput{
		Sites: []Site{{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 2, 1, Workdays)}}},
		From:  mon, To: mon, Officers: officers, Loc: loc,
		Leaves: []Leave{{OfficerID: 1, From: mon, To: mon}, {OfficerID: 2, From: mon.AddDays(-3), To: mon.AddDays(3)}, {OfficerID: 3, From: mon, To: mon}},
		Busy: []Assignment{
			{SiteCode: "X", OfficerID: 4, Start: ptAt(loc, mon, "08:00"), End: ptAt(loc, mon, "09:00")},
			{SiteCode: "X", OfficerID: 5, Start: ptAt(loc, mon, "11:00"), End: ptAt(loc, mon, "13:00")},
			{SiteCode: "X", OfficerID: 6, Start: ptAt(loc, mon.AddDays(-7), "11:00"), End: ptAt(loc, mon.AddDays(-7), "13:00")},
		},
	}
	res := ptPlan(t, in)
	want := []Uncovered{
		{Date: mon, Site: "TA", Slot: "Sáng", Role: Primary, Missing: 2, Rule: RuleLeave, Reason: "no eligible officer: 1 inactive, 3 on leave, 2 busy, 1 over monthly limit"},
		{Date: mon, Site: "TA", Slot: "Sáng", Role: Backup, Missing: 1, Rule: RuleLeave, Reason: "no eligible officer: 1 inactive, 3 on leave, 2 busy, 1 over monthly limit"},
	}
	for i := range want {
		want[i].Start, want[i].End = ptAt(loc, mon, "07:30"), ptAt(loc, mon, "11:30")
	}
	if !reflect.DeepEqual(res.Uncovered, want) {
		t.Errorf("uncovered\n got %+v\nwant %+v", res.Uncovered, want)
	}
}

// An officer who serves other sites is not planned here, and an existing
// duty of theirs here is cancelled by the same rule MayHold says.
func TestPlanOfficerServesOnlyTheirSites(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	officers := ptTeam(3)
	officers[0].Sites = []int64{2}
	officers[1].Sites = []int64{1, 2}
	site := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	kept := Assignment{ID: 9, SiteID: 1, SiteCode: "TA", SlotName: "Sáng", Role: Primary, OfficerID: 1,
		Start: ptAt(loc, mon, "07:30"), End: ptAt(loc, mon, "11:30"), Status: Scheduled}
	res := ptPlan(t, PlanInput{Sites: []Site{site}, From: mon, To: mon.AddDays(4), Officers: officers, Existing: []Assignment{kept}, Loc: loc})
	for _, a := range res.Add {
		if a.OfficerID == 1 {
			t.Fatalf("officer 1 serves only site 2 but was planned at TA: %+v", a)
		}
	}
	if len(res.Cancel) != 1 || !strings.Contains(res.CancelReasons[0], "does not serve at TA") {
		t.Fatalf("the existing duty of officer 1 is not cancelled for the site: %+v %v", res.Cancel, res.CancelReasons)
	}
	if len(res.Add) != 5 {
		t.Fatalf("%d duties added, want 5", len(res.Add))
	}
	officers[1].Sites, officers[2].Sites = []int64{2}, []int64{2}
	res = ptPlan(t, PlanInput{Sites: []Site{site}, From: mon, To: mon, Officers: officers, Loc: loc})
	if len(res.Uncovered) != 1 || res.Uncovered[0].Reason != "no eligible officer: 3 not serving this site" {
		t.Fatalf("uncovered %+v", res.Uncovered)
	}
}

func TestPlanExistingDuties(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	site := ptCourt(1, "TA")
	officers := ptTeam(4)
	officers[3].Active = false
	moved := site
	moved.Slots = []Slot{ptSlot("Sáng", "08:00", "11:30", 1, 0, Workdays), site.Slots[1]}
	shortened := site
	shortened.Slots = []Slot{ptSlot("Sáng", "07:30", "11:00", 1, 0, Workdays), site.Slots[1]}
	tests := []struct {
		name     string
		site     Site
		existing []Assignment
		busy     []Assignment
		leaves   []Leave
		limit    int // monthly limit of officer 1
		cal      WorkdayCalendar
		officers []Officer
		want     string // cancel reason substring; "" = kept
	}{
		{name: "valid duty kept", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)}},
		{name: "case-insensitive slot and code", existing: []Assignment{func() Assignment {
			a := ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)
			a.SiteID, a.SiteCode, a.SlotName = 0, "ta", "SÁNG"
			return a
		}()}},
		{name: "on leave", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)},
			leaves: []Leave{{OfficerID: 1, From: mon, To: mon}}, want: "on leave from 2026-03-09 to 2026-03-09"},
		{name: "inactive", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 4, 10)}, want: "Officer 4 is not active"},
		{name: "not a candidate", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 99, 10)}, want: "officer 99 is not among the officers"},
		{name: "slot gone", existing: []Assignment{func() Assignment {
			a := ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)
			a.SlotName = "Tối"
			return a
		}()}, want: `slot "Tối" no longer exists at TA`},
		{name: "slot hours changed", site: moved, existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)},
			want: "slot Sáng now runs 08:00–11:30"},
		{name: "slot shortened", site: shortened, existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)},
			want: "slot Sáng now runs 07:30–11:00"},
		{name: "day became a holiday", cal: ptCalendar{off: map[Date]bool{mon: true}},
			existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)}, want: "does not run on 2026-03-09"},
		{name: "clash with a busy duty", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10)},
			busy: []Assignment{{ID: 77, SiteCode: "HOINONGDAN", OfficerID: 1, Start: ptAt(loc, mon, "09:00"), End: ptAt(loc, mon, "10:00"), Status: Scheduled}},
			want: "is already on duty at HOINONGDAN"},
		{name: "second slot the same day", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10), ptDuty(t, loc, site, "Chiều", mon, Primary, 1, 11)},
			want: "already holds slot Sáng at TA on 2026-03-09"},
		{name: "surplus primary", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 10), ptDuty(t, loc, site, "Sáng", mon, Primary, 2, 11)},
			want: "needs only 1 primary officer(s)"},
		{name: "backup not wanted", existing: []Assignment{ptDuty(t, loc, site, "Sáng", mon, Backup, 1, 10)}, want: "needs only 0 backup officer(s)"},
		{name: "over monthly limit", limit: 2, existing: []Assignment{
			ptDuty(t, loc, site, "Sáng", ptDay(2026, 3, 2), Primary, 1, 8), // before the range: counts, not decided
			ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 9),
			ptDuty(t, loc, site, "Sáng", mon.AddDays(1), Primary, 1, 10)},
			want: "already has 2 duties in 2026-03, the monthly limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := site
			if tc.site.Code != "" {
				s = tc.site
			}
			offs := slices.Clone(officers)
			offs[0].MonthlyLimit = tc.limit
			in := PlanInput{Sites: []Site{s}, From: mon, To: mon.AddDays(4), Officers: offs, Existing: tc.existing,
				Busy: tc.busy, Leaves: tc.leaves, Calendar: tc.cal, Loc: loc}
			res := ptPlan(t, in)
			last := tc.existing[len(tc.existing)-1]
			switch {
			case tc.want == "":
				if len(res.Cancel) != 0 || len(res.Keep) != len(tc.existing) {
					t.Fatalf("kept %d, cancelled %v", len(res.Keep), res.CancelReasons)
				}
			case len(res.Cancel) != 1 || res.Cancel[0].ID != last.ID:
				t.Fatalf("cancelled %+v (%v), want only duty %d", res.Cancel, res.CancelReasons, last.ID)
			case !strings.Contains(res.CancelReasons[0], tc.want):
				t.Errorf("reason %q, want %q", res.CancelReasons[0], tc.want)
			}
			// Whatever was cancelled is refilled: 10 positions in the week.
			if got := len(res.Keep) + len(res.Add); got+len(res.Uncovered) != 10 && tc.cal == nil {
				t.Errorf("kept %d + added %d, want 10 positions", len(res.Keep), len(res.Add))
			}
		})
	}
}

func TestPlanReplanIsStable(t *testing.T) {
	loc := ptLoc(t)
	in := PlanInput{Sites: []Site{ptCourt(1, "TA"), ptPhoneLine(2, "PHONE")}, From: ptDay(2026, 3, 1), To: ptDay(2026, 3, 31), Officers: ptTeam(12), Loc: loc}
	first := ptPlan(t, in)
	in.Existing = ptWithIDs(first.Add, 1000)
	second := ptPlan(t, in)
	if len(second.Add) != 0 || len(second.Cancel) != 0 || len(second.Keep) != len(first.Add) {
		t.Fatalf("re-plan added %d, cancelled %d (%v), kept %d of %d", len(second.Add), len(second.Cancel), second.CancelReasons, len(second.Keep), len(first.Add))
	}
	// Extending the range keeps March and plans April.
	in.To = ptDay(2026, 4, 30)
	third := ptPlan(t, in)
	if len(third.Cancel) != 0 || len(third.Keep) != len(first.Add) {
		t.Fatalf("extending: kept %d, cancelled %d", len(third.Keep), len(third.Cancel))
	}
	c := ptCount(slices.Concat(third.Keep, third.Add), ptIDs(in.Officers), nil)
	if s := ptSpread(c); s > 1 {
		t.Errorf("spread %d after extending the plan: %v", s, c)
	}
}

// ptApplied is existing after the plan is saved: cancelled duties marked,
// new duties given IDs from 100000.
func ptApplied(existing []Assignment, res PlanResult) []Assignment {
	out := slices.Clone(existing)
	for i := range out {
		for _, c := range res.Cancel {
			if out[i].ID == c.ID {
				out[i].Status = Cancelled
			}
		}
	}
	return append(out, ptWithIDs(res.Add, 100000)...)
}

func ptWithIDs(as []Assignment, base int64) []Assignment {
	out := slices.Clone(as)
	for i := range out {
		out[i].ID = base + int64(i)
	}
	return out
}

func TestPlanReplanAfterLeaveMovesOnlyHitDuties(t *testing.T) {
	loc := ptLoc(t)
	in := PlanInput{Sites: []Site{ptCourt(1, "TA")}, From: ptDay(2026, 3, 1), To: ptDay(2026, 3, 31), Officers: ptTeam(8), Loc: loc}
	first := ptPlan(t, in)
	in.Existing = ptWithIDs(first.Add, 1)
	in.Leaves = []Leave{{OfficerID: 3, From: ptDay(2026, 3, 10), To: ptDay(2026, 3, 17)}}
	res := ptPlan(t, in)
	hit := 0
	for _, a := range in.Existing {
		if a.OfficerID == 3 && Overlaps(a.Start, a.End, ptDay(2026, 3, 10).In(loc), ptDay(2026, 3, 18).In(loc)) {
			hit++
		}
	}
	if hit == 0 {
		t.Fatal("test needs officer 3 to have duties in the leave")
	}
	if len(res.Cancel) != hit || len(res.Add) != hit || len(res.Keep) != len(in.Existing)-hit {
		t.Errorf("leave hit %d duties; cancelled %d, added %d, kept %d", hit, len(res.Cancel), len(res.Add), len(res.Keep))
	}
	before := ptCount(first.Add, ptIDs(in.Officers), nil)
	after := ptCount(slices.Concat(res.Keep, res.Add), ptIDs(in.Officers), nil)
	if after[3] != before[3]-hit {
		t.Errorf("officer 3 had %d duties, lost %d to the leave, has %d", before[3], hit, after[3])
	}
	for _, a := range res.Add {
		if a.OfficerID == 3 {
			t.Errorf("officer 3 given a new duty on %v", a.Start)
		}
	}
}

func TestPlanReplanFillsHolesWithTheLeastLoaded(t *testing.T) {
	// Officers 1 and 2 hold the second week's five mornings; the first
	// week is empty. Kept duties count from the start of the range, so the
	// first week goes mostly to officer 3 and the fortnight ends balanced.
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	site := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	var existing []Assignment
	for i := range 5 {
		existing = append(existing, ptDuty(t, loc, site, "Sáng", mon.AddDays(7+i), Primary, int64(1+i%2), int64(10+i)))
	}
	res := ptPlan(t, PlanInput{Sites: []Site{site}, From: mon, To: mon.AddDays(11), Officers: ptTeam(3), Existing: existing, Loc: loc})
	if len(res.Keep) != 5 || len(res.Add) != 5 {
		t.Fatalf("kept %d, added %d", len(res.Keep), len(res.Add))
	}
	all := ptCount(slices.Concat(res.Keep, res.Add), []int64{1, 2, 3}, nil)
	if s := ptSpread(all); s > 1 || all[3] < 3 {
		t.Errorf("fortnight %v, want officer 3 to take at least 3 of the first week", all)
	}
}

func TestPlanFairnessOneCourtYear(t *testing.T) {
	loc := ptLoc(t)
	for _, n := range []int{3, 5, 10, 12, 25} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			officers := ptTeam(n)
			res := ptPlan(t, PlanInput{Sites: []Site{ptCourt(1, "TA")}, From: ptDay(2026, 1, 1), To: ptDay(2026, 12, 31), Officers: officers, Loc: loc})
			all := ptCount(res.Add, ptIDs(officers), nil)
			unpop := ptCount(res.Add, ptIDs(officers), func(a Assignment) bool {
				return a.Start.In(loc).Weekday() == time.Friday && a.SlotName == "Chiều"
			})
			if s := ptSpread(all); s > 1 {
				t.Errorf("duties spread %d: %v", s, all)
			}
			if s := ptSpread(unpop); s > 1 {
				t.Errorf("Friday afternoons spread %d: %v", s, unpop)
			}
			consecutive := ptConsecutiveDays(res.Add, loc)
			if n >= 5 && consecutive > 0 {
				t.Errorf("%d duties on consecutive days with %d officers", consecutive, n)
			}
			for _, l := range res.Loads {
				if l.Unpopular != unpop[l.OfficerID] || l.Duties != all[l.OfficerID] {
					t.Errorf("load %+v, counted %d duties %d unpopular", l, all[l.OfficerID], unpop[l.OfficerID])
				}
			}
		})
	}
}

// ptConsecutiveDays counts duties of an officer the day after another of its
// duties (weekends included: Friday then Monday is not consecutive).
func ptConsecutiveDays(as []Assignment, loc *time.Location) int {
	days := map[string]bool{}
	for _, a := range as {
		days[fmt.Sprint(a.OfficerID, DateOf(a.Start.In(loc)))] = true
	}
	n := 0
	for _, a := range as {
		if days[fmt.Sprint(a.OfficerID, DateOf(a.Start.In(loc)).AddDays(-1))] {
			n++
		}
	}
	return n
}

func TestPlanPhoneDutyAroundTheClock(t *testing.T) {
	loc := ptLoc(t)
	officers := ptTeam(9)
	res := ptPlan(t, PlanInput{Sites: []Site{ptPhoneLine(1, "PHONE")}, From: ptDay(2026, 1, 1), To: ptDay(2026, 3, 31), Officers: officers, Loc: loc})
	if len(res.Uncovered) != 0 || len(res.Add) != 90*4 {
		t.Fatalf("%d duties, %d uncovered; want 360 and 0", len(res.Add), len(res.Uncovered))
	}
	all := ptCount(res.Add, ptIDs(officers), nil)
	backups := ptCount(res.Add, ptIDs(officers), func(a Assignment) bool { return a.Role == Backup })
	nights := ptCount(res.Add, ptIDs(officers), func(a Assignment) bool { return a.SlotName == "Đêm" })
	unpop := map[int64]int{}
	for _, l := range res.Loads {
		unpop[l.OfficerID] = l.Unpopular
	}
	if s := ptSpread(all); s > 1 {
		t.Errorf("duties spread %d: %v", s, all)
	}
	if s := ptSpread(unpop); s > 1 {
		t.Errorf("unpopular spread %d: %v", s, unpop)
	}
	if s := ptSpread(nights); s > 2 {
		t.Errorf("nights spread %d: %v", s, nights)
	}
	if s := ptSpread(backups); s > 2 {
		t.Errorf("backups spread %d: %v", s, backups)
	}
	// Nine officers for four duties a day: nobody need work two days running.
	if n := ptConsecutiveDays(res.Add, loc); n > 0 {
		t.Errorf("%d duties the day after another", n)
	}
	t.Logf("duties %v\nunpopular %v\nnights %v\nbackups %v\nconsecutive %d", all, unpop, nights, backups, ptConsecutiveDays(res.Add, loc))
}

func TestPlanUnpopularRotatesWhenTeamMatchesTheWeek(t *testing.T) {
	// Ten officers and ten half-day positions a week: without rotation the
	// same officer would be last every week and take every Friday afternoon.
	loc := ptLoc(t)
	officers := ptTeam(10)
	res := ptPlan(t, PlanInput{Sites: []Site{ptCourt(1, "TA")}, From: ptDay(2026, 3, 2), To: ptDay(2026, 7, 19), Officers: officers, Loc: loc})
	fri := ptCount(res.Add, ptIDs(officers), func(a Assignment) bool {
		return a.Start.In(loc).Weekday() == time.Friday && a.SlotName == "Chiều"
	})
	if s := ptSpread(fri); s > 1 {
		t.Errorf("Friday afternoons %v", fri)
	}
}

func TestPlanHistoryContinuesTheBalance(t *testing.T) {
	loc := ptLoc(t)
	officers := ptTeam(4)
	in := PlanInput{Sites: []Site{{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}},
		From: ptDay(2026, 3, 1), To: ptDay(2026, 3, 31), Officers: officers, Loc: loc}
	tests := []struct {
		name    string
		history map[int64]float64
		cap     float64
		check   func(c map[int64]int) bool
	}{
		{"equal history is no history", map[int64]float64{1: 30, 2: 30, 3: 30, 4: 30}, 0,
			func(c map[int64]int) bool { return ptSpread(c) <= 1 }},
		{"did two more: two fewer now", map[int64]float64{1: 32, 2: 30, 3: 30, 4: 30}, 0,
			func(c map[int64]int) bool { return c[1] <= min(c[2], c[3], c[4])-1 }},
		{"did one less: one more now", map[int64]float64{1: 29, 2: 30, 3: 30, 4: 30}, 0,
			func(c map[int64]int) bool { return c[1] >= max(c[2], c[3], c[4]) }},
		{"capped: a newcomer does not take the whole month", map[int64]float64{2: 200, 3: 200, 4: 200}, 0,
			func(c map[int64]int) bool { return c[1] <= min(c[2], c[3], c[4])+3 }},
		{"uncapped: the newcomer catches up", map[int64]float64{2: 200, 3: 200, 4: 200}, -1,
			func(c map[int64]int) bool { return c[1] == 22 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := in
			in.History, in.HistoryCap = tc.history, tc.cap
			res := ptPlan(t, in)
			c := ptCount(res.Add, ptIDs(officers), nil)
			if !tc.check(c) {
				t.Errorf("counts %v", c)
			}
			adjusted := map[int64]float64{}
			for _, l := range res.Loads {
				adjusted[l.OfficerID] = float64(l.Duties) + l.Carry
			}
			if tc.cap == 0 {
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, v := range adjusted {
					lo, hi = min(lo, v), max(hi, v)
				}
				if hi-lo > 1+1e-9 {
					t.Errorf("history-adjusted counts %v differ by more than one", adjusted)
				}
			}
		})
	}
}

func TestPlanLeaveGivesProportionalShare(t *testing.T) {
	loc := ptLoc(t)
	officers := ptTeam(6)
	site := Site{ID: 1, Code: "TA", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	leave := Leave{OfficerID: 1, From: ptDay(2026, 1, 1), To: ptDay(2026, 2, 28)}
	res := ptPlan(t, PlanInput{Sites: []Site{site}, From: ptDay(2026, 1, 1), To: ptDay(2026, 4, 30), Officers: officers, Leaves: []Leave{leave}, Loc: loc})
	for _, l := range res.Loads {
		if diff := float64(l.Duties) + l.Carry - l.Share; math.Abs(diff) > 1 {
			t.Errorf("officer %d: %d duties, fair share %.2f", l.OfficerID, l.Duties, l.Share)
		}
	}
	// No burst on return: in the first two weeks back, about 10/6 duties.
	back := 0
	for _, a := range res.Add {
		if a.OfficerID == 1 && a.Start.Before(ptDay(2026, 3, 14).In(loc)) {
			back++
		}
	}
	if back > 3 {
		t.Errorf("officer 1 held %d duties in the first two weeks back", back)
	}
	if res.Loads[0].DaysOff != 59 {
		t.Errorf("days off %d, want 59", res.Loads[0].DaysOff)
	}
}
