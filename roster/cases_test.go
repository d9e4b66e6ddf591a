package roster

import (
	"slices"
	"testing"
)

func yrCase(accepted Date, closed *Date, outcome CaseOutcome) Case {
	c := Case{Year: accepted.Year, Seq: 1, Form: FormProceedings, Field: "criminal", Group: GroupAccusedMinor, Origin: OriginCustody,
		OriginID: 5, HandlerID: 3, Accepted: accepted, Stage: StageHandling}
	if closed != nil {
		c.Stage, c.ClosedOn, c.Outcome = StageClosed, closed, outcome
	}
	return c
}

func TestCaseNumberAndYears(t *testing.T) {
	if got := CaseNumber(12, 2027); got != "12/2027/TGPL" {
		t.Fatalf("CaseNumber = %q", got)
	}
	d := NewDate
	tests := []struct {
		name                        string
		c                           Case
		newIn, carried, handled, cl bool // for 2027
	}{
		{"accepted in the year, open", yrCase(d(2027, 3, 1), nil, ""), true, false, true, false},
		{"accepted 31 Dec before, open", yrCase(d(2026, 12, 31), nil, ""), false, true, true, false},
		{"accepted before, closed 1 Jan", yrCase(d(2026, 5, 2), yrPtr(d(2027, 1, 1)), OutcomeCompleted), false, true, true, true},
		{"accepted before, closed 31 Dec before", yrCase(d(2026, 5, 2), yrPtr(d(2026, 12, 31)), OutcomeCompleted), false, false, false, false},
		{"accepted the year after", yrCase(d(2028, 1, 1), nil, ""), false, false, false, false},
		{"accepted two years before, open", yrCase(d(2025, 6, 1), nil, ""), false, true, true, false},
	}
	for _, tt := range tests {
		c := tt.c
		if c.NewIn(2027) != tt.newIn || c.CarriedOverInto(2027) != tt.carried || c.HandledIn(2027) != tt.handled || c.ClosedIn(2027) != tt.cl {
			t.Errorf("%s: new %v carried %v handled %v closed %v, want %v %v %v %v", tt.name, c.NewIn(2027), c.CarriedOverInto(2027),
				c.HandledIn(2027), c.ClosedIn(2027), tt.newIn, tt.carried, tt.handled, tt.cl)
		}
	}
	mine := User{Role: RoleOfficer, OfficerID: yrPtr(int64(3))}
	other := User{Role: RoleOfficer, OfficerID: yrPtr(int64(4))}
	c := yrCase(d(2027, 3, 1), nil, "")
	if !MaySeeCase(mine, c) || MaySeeCase(other, c) || !MaySeeCase(User{Role: RoleManager}, c) || MaySeeCase(User{Role: RoleReception}, c) {
		t.Error("officers see their own cases, managers all, reception none")
	}
}

func TestCaseValidate(t *testing.T) {
	today := NewDate(2027, 6, 30)
	d := NewDate
	tests := []struct {
		name   string
		edit   func(c *Case)
		fields []string
	}{
		{"open", func(c *Case) {}, nil},
		{"closed successful", func(c *Case) { c.Stage, c.Outcome, c.ClosedOn = StageClosed, OutcomeSuccessful, yrPtr(d(2027, 6, 1)) }, nil},
		{"from the office", func(c *Case) { c.Origin, c.OriginID = OriginOffice, 0 }, nil},
		{"office with a source", func(c *Case) { c.Origin = OriginOffice }, []string{"origin_id"}},
		{"duty without a source", func(c *Case) { c.Origin, c.OriginID = OriginDuty, 0 }, []string{"origin_id"}},
		{"empty", func(c *Case) { *c = Case{} },
			[]string{"form", "field", "beneficiary_group", "origin", "handler_id", "accepted_on", "stage"}},
		{"accepted in the future", func(c *Case) { c.Accepted = d(2027, 7, 1) }, []string{"accepted_on"}},
		{"accepted outside the number's year", func(c *Case) { c.Year = 2026 }, []string{"accepted_on"}},
		{"closed without outcome", func(c *Case) { c.Stage = StageClosed }, []string{"outcome", "closed_on"}},
		{"outcome while open", func(c *Case) { c.Outcome, c.ClosedOn = OutcomeStopped, yrPtr(d(2027, 6, 1)) }, []string{"outcome", "closed_on"}},
		{"closed before accepted", func(c *Case) { c.Stage, c.Outcome, c.ClosedOn = StageClosed, OutcomeCompleted, yrPtr(d(2027, 2, 1)) },
			[]string{"closed_on"}},
		{"advice cannot be successful", func(c *Case) {
			c.Form, c.Stage, c.Outcome, c.ClosedOn = FormAdvice, StageClosed, OutcomeSuccessful, yrPtr(d(2027, 6, 1))
		}, []string{"outcome"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := yrCase(d(2027, 3, 1), nil, "")
			tt.edit(&c)
			err := c.Validate(today)
			got := yrFields(err)
			slices.Sort(got)
			got = slices.Compact(got)
			want := slices.Clone(tt.fields)
			slices.Sort(want)
			if (tt.fields == nil) != (err == nil) || !slices.Equal(got, want) {
				t.Fatalf("fields %v (%v), want %v", got, err, want)
			}
		})
	}
}
