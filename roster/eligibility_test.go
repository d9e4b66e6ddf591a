package roster

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMayHold(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	site := ptCourt(1, "TA")
	site.Slots = append(site.Slots, Slot{Name: "Hình sự", Start: ptClock("18:00"), End: ptClock("20:00"), Officers: 1, Days: Workdays, Specialty: "criminal"})
	from := ptDay(2026, 3, 1)
	closed := site
	closed.ValidFrom = &from
	closed.ValidTo = &from
	o := Officer{ID: 1, FullName: "Nguyễn Văn A", Active: true, MonthlyLimit: 3}
	morning := ptDuty(t, loc, site, "Sáng", mon, Primary, 1, 0)
	other := func(id int64, day Date, start, end string) Assignment {
		return Assignment{ID: id, SiteCode: "TB", SlotName: "X", OfficerID: 1, Start: ptAt(loc, day, start), End: ptAt(loc, day, end), Status: Scheduled}
	}
	tests := []struct {
		name   string
		a      Assignment
		o      Officer
		site   Site
		leaves []Leave
		others []Assignment
		rules  HoldRules
		code   Code
		rule   string
		msg    string
		args   map[string]any
	}{
		{name: "ok", a: morning, o: o, others: []Assignment{other(5, mon, "11:30", "13:00"), other(6, mon.AddDays(-1), "07:30", "11:30")}},
		{name: "inactive", a: morning, o: Officer{ID: 1, FullName: "B"}, code: EInvalid, rule: RuleInactive, msg: "B is not active"},
		{name: "specialty", a: ptDuty(t, loc, site, "Hình sự", mon, Primary, 1, 0), o: o, code: EInvalid, rule: RuleSpecialty, msg: "does not practise criminal"},
		{name: "site closed", a: morning, o: o, site: closed, code: EInvalid, rule: RuleSiteClosed, msg: "TA is not open on 2026-03-09"},
		{name: "serves other sites", a: morning, o: Officer{ID: 1, FullName: "C", Active: true, Sites: []int64{7}}, code: EInvalid, rule: RuleNotEligible,
			msg: "C does not serve at TA", args: map[string]any{"officer_id": int64(1), "site": "TA"}},
		{name: "serves this site", a: morning, o: Officer{ID: 1, FullName: "C", Active: true, Sites: []int64{7, site.ID}}},
		{name: "outreach is staffed session by session", a: morning, o: Officer{ID: 1, FullName: "C", Active: true, Sites: []int64{7}},
			site: func() Site { x := site; x.Kind = SiteOutreach; return x }()},
		{name: "empty window", a: Assignment{OfficerID: 1, Start: ptAt(loc, mon, "08:00"), End: ptAt(loc, mon, "08:00")}, o: o, code: EInvalid, rule: RuleInvalid},
		{name: "on leave", a: morning, o: o, leaves: []Leave{{ID: 4, OfficerID: 1, From: mon, To: mon}}, code: EConflict, rule: RuleLeave, msg: "on leave from 2026-03-09",
			args: map[string]any{"officer_id": int64(1), "leave_id": int64(4), "from": "2026-03-09", "to": "2026-03-09"}},
		{name: "someone else's leave", a: morning, o: o, leaves: []Leave{{OfficerID: 2, From: mon, To: mon}}},
		{name: "clash", a: morning, o: o, others: []Assignment{other(5, mon, "11:00", "12:00")}, code: EConflict, rule: RuleClash, msg: "is already on duty at TB",
			args: map[string]any{"officer_id": int64(1), "assignment_id": int64(5), "start": "2026-03-09T11:00:00+07:00", "end": "2026-03-09T12:00:00+07:00", "site": "TB", "slot": "X"}},
		{name: "a duty changing hands does not clash", a: morning, o: o, others: []Assignment{other(5, mon, "11:00", "12:00")}, rules: HoldRules{Exclude: []int64{5}}},
		{name: "cancelled duty does not clash", a: morning, o: o, others: []Assignment{func() Assignment {
			a := other(5, mon, "11:00", "12:00")
			a.Status = Cancelled
			return a
		}()}},
		{name: "itself does not clash", a: func() Assignment { a := morning; a.ID = 5; return a }(), o: o, others: []Assignment{func() Assignment {
			a := morning
			a.ID = 5
			return a
		}()}},
		{name: "second slot same day", a: morning, o: o, others: []Assignment{ptDuty(t, loc, site, "Chiều", mon, Backup, 1, 7)}, code: EConflict, rule: RuleSameDay, msg: "already holds slot Chiều at TA"},
		{name: "monthly limit", a: morning, o: o, others: []Assignment{other(1, ptDay(2026, 3, 2), "08:00", "09:00"), other(2, ptDay(2026, 3, 3), "08:00", "09:00"), other(3, ptDay(2026, 3, 31), "20:00", "21:00"), other(4, ptDay(2026, 4, 1), "08:00", "09:00")},
			code: EConflict, rule: RuleMonthlyLimit, msg: "already has 3 duties in 2026-03"},
		{name: "monthly limit overridden", a: morning, o: o, others: []Assignment{other(1, ptDay(2026, 3, 2), "08:00", "09:00"), other(2, ptDay(2026, 3, 3), "08:00", "09:00"), other(3, ptDay(2026, 3, 31), "20:00", "21:00")},
			rules: HoldRules{Override: "court asked for her"}},
		{name: "override does not lift a hard rule", a: morning, o: o, others: []Assignment{other(5, mon, "11:00", "12:00")}, rules: HoldRules{Override: "urgent"}, code: EConflict, rule: RuleClash},
		{name: "earliest clash is named", a: Assignment{OfficerID: 1, Start: ptAt(loc, mon, "07:00"), End: ptAt(loc, mon, "23:00")}, o: o,
			others: []Assignment{other(8, mon, "15:00", "16:00"), other(7, mon, "09:00", "10:00")}, code: EConflict, rule: RuleClash, msg: "from 2026-03-09 09:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := site
			if tc.site.Code != "" {
				s = tc.site
			}
			err := MayHold(tc.a, CandidateState{Officer: tc.o, Site: s, Leaves: tc.leaves, Duties: tc.others, Loc: loc}, tc.rules)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if ErrorCode(err) != tc.code || RuleOf(err) != tc.rule || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Errorf("got %v (rule %q), want %s %s %q", err, RuleOf(err), tc.code, tc.rule, tc.msg)
			}
			if tc.args != nil {
				var e *Error
				errors.As(err, &e)
				if !reflect.DeepEqual(e.Args, tc.args) {
					t.Errorf("args %v, want %v", e.Args, tc.args)
				}
			}
		})
	}
}

// TestPlanAgreesWithMayHold checks that the planner and MayHold are one
// rule: every duty a plan adds passes MayHold against the roster the plan
// leaves behind (kept and added duties, duties elsewhere, leaves).
func TestPlanAgreesWithMayHold(t *testing.T) {
	loc := ptLoc(t)
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 150 {
		in := ptRandomInput(r, loc, ptGenOptions{})
		res := Plan(in)
		after := append(ptWithIDs(ptApplied(in.Existing, res), 1_000_000), in.Busy...)
		officers := map[int64]Officer{}
		for _, o := range in.Officers {
			officers[o.ID] = o
		}
		for _, a := range ptWithIDs(res.Add, 1_000_000+int64(len(in.Existing))) {
			var site Site
			for _, s := range in.Sites {
				if s.ID == a.SiteID {
					site = s
				}
			}
			c := CandidateState{Officer: officers[a.OfficerID], Site: site, Leaves: in.Leaves, Duties: after, Loc: loc}
			if err := MayHold(a, c, HoldRules{}); err != nil {
				t.Fatalf("case %d: the plan adds %s %s %s for officer %d, which MayHold refuses: %v", i, a.SiteCode, a.SlotName,
					a.Start.Format(time.RFC3339), a.OfficerID, err)
			}
		}
	}
}
