package roster

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ConsultationFields are the fields of law outreach results count cases
// by, in the order of the Center's reports.
var ConsultationFields = []string{"civil", "land", "criminal", "administrative", "social_insurance", "labour", "marriage_family", "other"}

var fieldLabels = map[string]string{
	"civil":            "dân sự",
	"land":             "đất đai",
	"criminal":         "hình sự",
	"administrative":   "hành chính",
	"social_insurance": "bảo hiểm xã hội",
	"labour":           "lao động",
	"marriage_family":  "hôn nhân gia đình",
	"other":            "lĩnh vực khác",
}

// ValidConsultationField reports whether f is one of ConsultationFields.
func ValidConsultationField(f string) bool { _, ok := fieldLabels[f]; return ok }

// FieldLabel returns the Vietnamese name of a consultation field, in lower
// case as it reads inside a sentence ("đất đai").
func FieldLabel(f string) string { return fieldLabels[f] }

// Limits on outreach data.
const (
	MaxAttendees       = 10000              // attendees of one session
	MaxCasesPerField   = 5000               // cases of one field in one session
	MaxRequests        = 5000               // legal aid requests received at one session
	MaxSessionOfficers = 20                 // officers staffing one session
	MaxSessionPartners = 10                 // partners of one session
	MaxSessionLength   = 7 * 24 * time.Hour // the longest session
)

// SessionResults are what a session achieved, recorded after it started.
type SessionResults struct {
	Attendees     int            // lượt người tham dự
	Requests      int            // legal aid requests received (yêu cầu trợ giúp pháp lý)
	Consultations map[string]int // cases advised by field; a missing field is 0
	RecordedAt    time.Time
	RecordedBy    string
}

// Total returns the number of cases advised in all fields.
func (r SessionResults) Total() int {
	n := 0
	for _, c := range r.Consultations {
		n += c
	}
	return n
}

// Validate checks the counts: whole numbers from 0, attendees at most
// MaxAttendees, requests at most MaxRequests, each field at most
// MaxCasesPerField, and only ConsultationFields. Fields are named
// "attendees", "requests" and "consultations.<field>".
func (r SessionResults) Validate() error {
	var v Validator
	r.validate(&v)
	return v.Err()
}

func (r SessionResults) validate(v *Validator) {
	v.Check(r.Attendees >= 0 && r.Attendees <= MaxAttendees, "attendees", RuleRange, "must be a whole number from 0 to %d", MaxAttendees)
	v.Check(r.Requests >= 0 && r.Requests <= MaxRequests, "requests", RuleRange, "must be a whole number from 0 to %d", MaxRequests)
	for _, f := range slices.Sorted(maps.Keys(r.Consultations)) {
		n := r.Consultations[f]
		switch {
		case !ValidConsultationField(f):
			v.Add("consultations."+f, RuleInvalid, "is not a field of law; use %s", strings.Join(ConsultationFields, ", "))
		case n < 0 || n > MaxCasesPerField:
			v.Add("consultations."+f, RuleRange, "must be a whole number from 0 to %d", MaxCasesPerField)
		}
	}
}

// SessionStatus is the state of an outreach session.
type SessionStatus string

// Session states. A cancelled session keeps its row and its duties, cancelled.
const (
	SessionScheduled SessionStatus = "scheduled"
	SessionCancelled SessionStatus = "cancelled"
)

// OutreachSession is a legal-aid session held outside the Center's office
// (trợ giúp pháp lý ngoài trụ sở, lưu động) with partner organisations, in
// a commune or ward. Its officers are on duty for it: each has an
// Assignment with SessionID set, on an outreach site.
type OutreachSession struct {
	ID         int64
	Title      string
	Venue      string // where: "Nhà văn hóa thôn 3"
	Commune    string // commune or ward: "xã An Lư"
	Address    string
	Notes      string
	SiteID     int64
	SiteCode   string // the outreach site its duties are on
	Start      time.Time
	End        time.Time
	Partners   []Partner    // in the order given; on input an entry has ID, or Name only
	OfficerIDs []int64      // officers with a scheduled duty for it
	Duties     []Assignment // its duties, cancelled ones included
	Status     SessionStatus
	Results    *SessionResults // nil until recorded
	Version    int
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// notStartedArgs are the arguments of the field error that says results
// came before the session started: when it starts.
func notStartedArgs(start time.Time) map[string]any {
	return map[string]any{"starts_at": start.Format(time.RFC3339)}
}

// ResultsTooEarly reports whether f is the field error that says results
// were recorded before the session started.
func ResultsTooEarly(f FieldError) bool {
	_, ok := f.Args["starts_at"]
	return ok && f.Code == RuleInvalid
}

// Started reports whether the session has started at now.
func (s OutreachSession) Started(now time.Time) bool { return !now.Before(s.Start) }

// Held reports whether the session counts as held at now: not cancelled,
// and started.
func (s OutreachSession) Held(now time.Time) bool {
	return s.Status != SessionCancelled && s.Started(now)
}

// Validate checks a session as it would be stored at now: title and venue,
// times (end after start, at most MaxSessionLength), one to
// MaxSessionPartners partners, at most MaxSessionOfficers officers with no
// one twice, and results only for a session that has started.
func (s OutreachSession) Validate(now time.Time) error {
	var v Validator
	v.CheckText("title", s.Title, 200)
	v.CheckText("venue", s.Venue, 300)
	v.Check(utf8.RuneCountInString(s.Commune) <= 100, "commune", RuleTooLong, "at most 100 characters")
	v.Check(utf8.RuneCountInString(s.Address) <= 300, "address", RuleTooLong, "at most 300 characters")
	v.Check(utf8.RuneCountInString(s.Notes) <= 2000, "notes", RuleTooLong, "at most 2000 characters")
	switch {
	case s.Start.IsZero():
		v.Add("start", RuleRequired, "is required")
	case s.End.IsZero():
		v.Add("end", RuleRequired, "is required")
	case !s.End.After(s.Start):
		v.AddArgs("end", RuleRange, map[string]any{"after": "start"}, "must be after start")
	case s.End.Sub(s.Start) > MaxSessionLength:
		v.AddArgs("end", RuleRange, map[string]any{"max_days": int(MaxSessionLength / (24 * time.Hour))}, "a session lasts at most 7 days")
	}
	v.Check(len(s.Partners) >= 1, "partner", RuleRequired, "is required: the partner organisation (a name or id), or partner_ids")
	v.Check(len(s.Partners) <= MaxSessionPartners, "partner_ids", RuleRange, "at most %d partners", MaxSessionPartners)
	seenP := map[string]bool{}
	for i, p := range s.Partners {
		key := PartnerNameKey(p.Name)
		if p.ID > 0 {
			key = fmt.Sprint(p.ID)
		}
		v.Check(key != "", fmt.Sprintf("partner_ids[%d]", i), RuleNotFound, "names no partner")
		v.Check(key == "" || !seenP[key], fmt.Sprintf("partner_ids[%d]", i), RuleDuplicate, "partner named twice")
		seenP[key] = true
	}
	v.Check(len(s.OfficerIDs) <= MaxSessionOfficers, "officer_ids", RuleRange, "at most %d officers", MaxSessionOfficers)
	seenO := map[int64]bool{}
	for i, id := range s.OfficerIDs {
		f := fmt.Sprintf("officer_ids[%d]", i)
		v.Check(id > 0, f, RuleInvalid, "must be an officer id")
		v.Check(!seenO[id], f, RuleDuplicate, "officer %d is named twice", id)
		seenO[id] = true
	}
	if s.Results != nil {
		s.Results.validate(&v)
		if !s.Start.IsZero() && !s.Started(now) {
			v.AddArgs("start", RuleInvalid, notStartedArgs(s.Start), "results are recorded, so the session must have started; it starts at %s", s.Start.Format(time.RFC3339))
		}
	}
	return v.Err()
}

// SessionChange is a change to a session; nil fields stay as they are.
type SessionChange struct {
	Title, Venue, Commune, Address, Notes *string
	Start, End                            *time.Time
	Partners                              *[]Partner // replaces the partners
	OfficerIDs                            *[]int64   // replaces the officers: removed ones' duties are cancelled, new ones booked
	Attendees, Requests                   *int
	Consultations                         map[string]int // non-nil replaces the counts by field
}

// HasResults reports whether the change records results.
func (ch SessionChange) HasResults() bool {
	return ch.Attendees != nil || ch.Requests != nil || ch.Consultations != nil
}

// Empty reports whether the change changes nothing.
func (ch SessionChange) Empty() bool {
	return ch.Title == nil && ch.Venue == nil && ch.Commune == nil && ch.Address == nil && ch.Notes == nil &&
		ch.Start == nil && ch.End == nil && ch.Partners == nil && ch.OfficerIDs == nil && !ch.HasResults()
}

// Moves reports whether the change gives s other times.
func (ch SessionChange) Moves(s OutreachSession) bool {
	return (ch.Start != nil && !ch.Start.Equal(s.Start)) || (ch.End != nil && !ch.End.Equal(s.End))
}

// Apply returns s changed by ch at now by actor, validated. A cancelled
// session cannot change (EConflict); results can be recorded only once the
// session has started (EInvalid naming the results field).
func (s OutreachSession) Apply(ch SessionChange, actor string, now time.Time) (OutreachSession, error) {
	if s.Status == SessionCancelled {
		return s, &Error{Code: EConflict, Rule: RuleInvalid, Message: fmt.Sprintf("outreach session %d is cancelled", s.ID)}
	}
	next := s
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&next.Title, ch.Title)
	set(&next.Venue, ch.Venue)
	set(&next.Commune, ch.Commune)
	set(&next.Address, ch.Address)
	set(&next.Notes, ch.Notes)
	if ch.Start != nil {
		next.Start = *ch.Start
	}
	if ch.End != nil {
		next.End = *ch.End
	}
	if ch.Partners != nil {
		next.Partners = slices.Clone(*ch.Partners)
	}
	if ch.OfficerIDs != nil {
		next.OfficerIDs = slices.Clone(*ch.OfficerIDs)
	}
	if ch.HasResults() {
		var v Validator
		if !next.Started(now) {
			field := "attendees"
			switch {
			case ch.Attendees != nil:
			case ch.Consultations != nil:
				field = "consultations"
			default:
				field = "requests"
			}
			v.AddArgs(field, RuleInvalid, notStartedArgs(next.Start), "the session starts at %s; record its results once it has started", next.Start.Format(time.RFC3339))
		}
		r := SessionResults{Consultations: map[string]int{}}
		if s.Results != nil {
			r = *s.Results
			r.Consultations = maps.Clone(s.Results.Consultations)
		}
		if ch.Attendees != nil {
			r.Attendees = *ch.Attendees
		}
		if ch.Requests != nil {
			r.Requests = *ch.Requests
		}
		if ch.Consultations != nil {
			r.Consultations = map[string]int{}
			for f, n := range ch.Consultations {
				if n != 0 || !ValidConsultationField(f) {
					r.Consultations[f] = n
				}
			}
		}
		r.RecordedAt, r.RecordedBy = now, actor
		r.validate(&v)
		if err := v.Err(); err != nil {
			return s, err
		}
		next.Results = &r
	}
	return next, next.Validate(now)
}
