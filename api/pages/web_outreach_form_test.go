package pages

import (
	"errors"
	"testing"
	"time"

	"lichtruc/roster"
)

// TestWebFieldTextFromRuleKey checks that the outreach forms translate a
// field error from its rule key and arguments: the errors the roster and
// the form really produce show the expected words, and the same errors with
// their English message reworded still do.
func TestWebFieldTextFromRuleKey(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, testLoc)
	start := time.Date(2027, 3, 10, 8, 0, 0, 0, testLoc)
	ok := roster.OutreachSession{Title: "Tuyên truyền", Venue: "Nhà văn hóa thôn 3", Start: start, End: start.Add(3 * time.Hour),
		Partners: []roster.Partner{{Name: "Hội Nông dân xã"}}}
	fieldErr := func(err error, field string) roster.FieldError {
		t.Helper()
		var re *roster.Error
		if !errors.As(err, &re) {
			t.Fatalf("%s: no roster error: %v", field, err)
		}
		for _, f := range re.Fields {
			if f.Field == field {
				return f
			}
		}
		t.Fatalf("no error on %s in %+v", field, re.Fields)
		return roster.FieldError{}
	}
	session := func(change func(*roster.OutreachSession), field string) roster.FieldError {
		s := ok
		change(&s)
		return fieldErr(s.Validate(now), field)
	}
	form := func(f webOutreachForm, field string) roster.FieldError {
		var v roster.Validator
		f.times(&v, testLoc)
		return fieldErr(v.Err(), field)
	}
	tests := []struct {
		name string
		err  roster.FieldError
		l    webLang
		want string
	}{
		{"title required", session(func(s *roster.OutreachSession) { s.Title = " " }, "title"), langVI, langVI.T("outreach.err.required")},
		{"title too long", session(func(s *roster.OutreachSession) { s.Title = string(make([]rune, 201)) }, "title"), langEN, "At most 200 characters."},
		{"end before start", session(func(s *roster.OutreachSession) { s.End = s.Start }, "end"), langVI, langVI.T("outreach.err.end_after")},
		{"session too long", session(func(s *roster.OutreachSession) { s.End = s.Start.Add(8 * 24 * time.Hour) }, "end"), langVI, "Một đợt kéo dài tối đa 7 ngày."},
		{"no partner", session(func(s *roster.OutreachSession) { s.Partners = nil }, "partner"), langEN, langEN.T("outreach.err.partner")},
		{"results too early", session(func(s *roster.OutreachSession) { s.Results = &roster.SessionResults{} }, "start"), langVI, langVI.T("outreach.err.not_started")},
		{"attendees", session(func(s *roster.OutreachSession) {
			s.Start, s.End = now.Add(-3*time.Hour), now.Add(-time.Hour)
			s.Results = &roster.SessionResults{Attendees: -1}
		}, "attendees"), langEN, langEN.Tf("outreach.err.count", roster.FormatCount(roster.MaxAttendees))},
		{"bad day", form(webOutreachForm{Day: "10/03", StartTime: "08:00", EndTime: "11:00"}, "day"), langVI, langVI.T("outreach.err.day")},
		{"bad time", form(webOutreachForm{Day: "2027-03-10", StartTime: "8h", EndTime: "11:00"}, "start_time"), langEN, langEN.T("outreach.err.time")},
		{"other key", session(func(s *roster.OutreachSession) { s.OfficerIDs = []int64{4, 4} }, "officer_ids[1]"), langVI, langVI.Rule(roster.RuleDuplicate, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := webFieldText(tt.l, tt.err)
			if got != tt.want {
				t.Fatalf("%+v: got %q, want %q", tt.err, got, tt.want)
			}
			reworded := tt.err
			reworded.Message = "worded some other way"
			if again := webFieldText(tt.l, reworded); again != got {
				t.Fatalf("reworded %q shows %q, not %q", reworded.Message, again, got)
			}
		})
	}
}

// TestWebOutreachFieldErrsTakeTheRuleArgs checks that a field error naming
// the error's rule is said with the error's arguments, whatever its
// message, and with the name of whom it is about.
func TestWebOutreachFieldErrsTakeTheRuleArgs(t *testing.T) {
	t.Parallel()
	args := map[string]any{"assignment_id": 12, "site": "TAND-KV1", "start": "2027-01-04T07:30:00+07:00"}
	err := &roster.Error{Code: roster.EConflict, Rule: roster.RuleClash, Args: args, Message: "whatever it says",
		Fields: []roster.FieldError{{Field: "officer_ids[0]", Code: roster.RuleClash, Message: "reworded"}}}
	got := webOutreachFieldErrs(langVI, err, func(string) string { return "Nguyễn Văn An" })
	want := "Nguyễn Văn An: " + langVI.Rule(roster.RuleClash, args)
	if got["officers"] != want || want == "Nguyễn Văn An: "+langVI.Rule(roster.RuleClash, nil) {
		t.Fatalf("got %q, want %q", got["officers"], want)
	}
}
