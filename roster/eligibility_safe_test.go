package roster

import (
	"errors"
	"testing"
	"time"
)

func TestMayHoldSafeRules(t *testing.T) {
	loc := ptLoc(t)
	mon := ptDay(2026, 3, 9)
	hp := Site{ID: 1, Code: "HP", Area: "Hải Phòng", Slots: []Slot{ptSlot("Sáng", "07:30", "11:30", 1, 0, Workdays)}}
	hp2 := Site{ID: 3, Code: "HP2", Area: "hải phòng "}
	hd := Site{ID: 2, Code: "HD", Area: "Hải Dương"}
	duty := func(site Site, id int64, day Date, from, to string) Assignment {
		s, e := ptAt(loc, day, from), ptAt(loc, day, to)
		if !e.After(s) {
			e = e.AddDate(0, 0, 1)
		}
		return Assignment{ID: id, SiteID: site.ID, SiteCode: site.Code, Area: site.Area, OfficerID: 1, Start: s, End: e, Status: Scheduled}
	}
	week := func(site Site, days int) []Assignment {
		var out []Assignment
		for i := range days {
			out = append(out, duty(site, int64(10+i), mon.AddDays(i), "07:30", "11:30"))
		}
		return out
	}
	noRest := DefaultRuleSettings()
	noRest.RestMinutes = 0
	tuesday := []Unavailability{{Weekdays: []time.Weekday{time.Tuesday}}}
	tuesdayMorning := []Unavailability{{Weekdays: []time.Weekday{time.Tuesday}, HasTimes: true, Start: ptClock("08:00"), End: ptClock("12:00")}}
	tests := []struct {
		name     string
		site     Site
		duty     Assignment
		others   []Assignment
		unav     []Unavailability
		rules    *RuleSettings
		override string
		want     string // rule key, "" for allowed
		wantID   int64  // the other duty named, if any
	}{
		{name: "rest after a night", site: hp, duty: duty(hp, 0, mon.AddDays(1), "13:30", "17:00"),
			others: []Assignment{duty(hp, 5, mon, "17:00", "07:30")}, want: RuleRest, wantID: 5},
		{name: "rest after a night, 12 h later", site: hp, duty: duty(hp, 0, mon.AddDays(1), "19:30", "22:00"),
			others: []Assignment{duty(hp, 5, mon, "17:00", "07:30")}},
		{name: "rest after a late evening", site: hp, duty: duty(hp, 0, mon.AddDays(1), "07:30", "11:30"),
			others: []Assignment{duty(hp, 5, mon, "18:00", "22:30")}, want: RuleRest, wantID: 5},
		{name: "rest after a long day", site: hp, duty: duty(hp, 0, mon, "18:00", "21:00"),
			others: []Assignment{duty(hp, 5, mon, "07:30", "16:00")}, want: RuleRest, wantID: 5},
		{name: "short day needs no rest", site: hp, duty: duty(hp, 0, mon, "13:30", "17:00"),
			others: []Assignment{duty(hp, 5, mon, "07:30", "11:30")}},
		{name: "a night before another duty needs its rest", site: hp, duty: duty(hp, 0, mon, "17:00", "07:30"),
			others: []Assignment{duty(hp, 5, mon.AddDays(1), "13:30", "17:00")}, want: RuleRest, wantID: 5},
		{name: "override does not break rest", site: hp, duty: duty(hp, 0, mon.AddDays(1), "07:30", "11:30"),
			others: []Assignment{duty(hp, 5, mon, "17:00", "07:30")}, override: "short of staff", want: RuleRest, wantID: 5},
		{name: "length: more than 16 h in 24", site: hp, duty: duty(hp, 0, mon, "17:00", "01:00"), rules: &noRest,
			others: []Assignment{duty(hp, 5, mon, "07:30", "17:00")}, want: RuleLength, wantID: 5},
		{name: "length: 16 h in 24 is allowed", site: hp, duty: duty(hp, 0, mon, "17:00", "23:30"), rules: &noRest,
			others: []Assignment{duty(hp, 5, mon, "07:30", "17:00")}},
		{name: "length: one duty over 16 h", site: hp, duty: duty(hp, 0, mon, "07:00", "07:00"), want: RuleLength},
		{name: "one area a day", site: hd, duty: duty(hd, 0, mon, "13:30", "17:00"),
			others: []Assignment{duty(hp, 5, mon, "07:30", "11:30")}, want: RuleArea, wantID: 5},
		{name: "same area, other site, same day", site: hp2, duty: duty(hp2, 0, mon, "11:30", "17:00"),
			others: []Assignment{duty(hp, 5, mon, "07:30", "11:30")}},
		{name: "travel between areas", site: hd, duty: duty(hd, 0, mon.AddDays(1), "07:30", "11:30"), rules: &noRest,
			others: []Assignment{duty(hp, 5, mon, "23:00", "07:00")}, want: RuleTravel, wantID: 5},
		{name: "travel time met", site: hd, duty: duty(hd, 0, mon.AddDays(1), "08:00", "11:30"), rules: &noRest,
			others: []Assignment{duty(hp, 5, mon, "23:00", "07:00")}},
		{name: "weekly rest: six mornings in a row", site: hp, duty: duty(hp, 0, mon.AddDays(5), "07:30", "11:30"),
			others: week(hp, 5), want: RuleWeeklyRest, wantID: 10},
		{name: "weekly rest: five mornings and a free weekend", site: hp, duty: duty(hp, 0, mon.AddDays(7), "07:30", "11:30"),
			others: week(hp, 5)},
		{name: "weekly rest: filling the only long gap", site: hp, duty: duty(hp, 0, mon.AddDays(2), "07:30", "11:30"),
			others: append(week(hp, 2), duty(hp, 20, mon.AddDays(3), "07:30", "11:30"), duty(hp, 21, mon.AddDays(4), "07:30", "11:30"),
				duty(hp, 22, mon.AddDays(5), "07:30", "11:30")), want: RuleWeeklyRest, wantID: 10},
		{name: "unavailable all Tuesday", site: hp, duty: duty(hp, 0, mon.AddDays(1), "13:30", "17:00"), unav: tuesday, want: RuleUnavailable},
		{name: "unavailable Tuesday, night before reaches in", site: hp, duty: duty(hp, 0, mon, "17:00", "07:30"), unav: tuesday, want: RuleUnavailable},
		{name: "unavailable Tuesday morning only", site: hp, duty: duty(hp, 0, mon.AddDays(1), "13:30", "17:00"), unav: tuesdayMorning},
		{name: "unavailable Tuesday morning", site: hp, duty: duty(hp, 0, mon.AddDays(1), "07:30", "11:30"), unav: tuesdayMorning, want: RuleUnavailable},
		{name: "rules off", site: hd, duty: duty(hd, 0, mon, "13:30", "17:00"), rules: &RuleSettings{},
			others: append(week(hp, 7), duty(hp, 5, mon, "07:30", "11:30"))[1:]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := Officer{ID: 1, FullName: "A", Active: true, Unavailability: tc.unav}
			err := MayHold(tc.duty, CandidateState{Officer: o, Site: tc.site, Duties: tc.others, Loc: loc, Rules: tc.rules},
				HoldRules{Override: tc.override})
			var e *Error
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "":
				return
			case !errors.As(err, &e):
				t.Fatalf("allowed, want %s", tc.want)
			case e.Rule != tc.want || e.Code != EConflict:
				t.Fatalf("rule %s (%s), want %s: %v", e.Rule, e.Code, tc.want, err)
			case tc.wantID != 0 && e.Args["assignment_id"] != tc.wantID:
				t.Fatalf("names duty %v, want %d: %v", e.Args["assignment_id"], tc.wantID, err)
			}
			if SoftRule(e.Rule) {
				t.Errorf("%s is soft; the safe-plan rules are hard", e.Rule)
			}
		})
	}
}

func TestRuleSettingsValidate(t *testing.T) {
	if err := DefaultRuleSettings().Validate("rules."); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if err := (RuleSettings{}).Validate(""); err != nil {
		t.Fatalf("all off invalid: %v", err)
	}
	bad := DefaultRuleSettings()
	bad.WeeklyRestMinutes = 4 * 24 * 60
	bad.MaxDutyMinutesPer24 = 25 * 60
	var e *Error
	if err := bad.Validate("rules."); !errors.As(err, &e) || len(e.Fields) != 2 || e.Fields[0].Field != "rules.max_duty_minutes_per_24h" {
		t.Fatalf("got %v", err)
	}
}
