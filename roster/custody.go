package roster

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultCustodyTarget is the response target for custody requests before
// a manager sets the Center's own (Settings.Custody): an officer assigned
// within 2 hours of the call.
// The law asks the Center to send someone "quickly, from the start of a
// case"; 2 hours is the Center's own working target (a half-day's delay is
// too late for a first interrogation), not a statutory limit.
const DefaultCustodyTarget = 2 * time.Hour

// Limits of the custody target, in minutes.
const (
	MinCustodyTargetMinutes = 5
	MaxCustodyTargetMinutes = 48 * 60
)

// CustodySettings are the Center's settings for requests from custody and
// the courts.
type CustodySettings struct {
	// TargetMinutes is how soon after the call an officer must be sent;
	// a request answered later, or still waiting beyond it, is late.
	TargetMinutes int `json:"target_minutes"`
}

// DefaultCustodySettings are the settings before a manager changes them.
func DefaultCustodySettings() CustodySettings {
	return CustodySettings{TargetMinutes: int(DefaultCustodyTarget / time.Minute)}
}

// Target is the response target as a duration.
func (c CustodySettings) Target() time.Duration { return time.Duration(c.TargetMinutes) * time.Minute }

// validate checks the group; prefix is its path in the settings.
func (c CustodySettings) validate(prefix string) []FieldError {
	var v Validator
	checkRule(&v, c.TargetMinutes >= MinCustodyTargetMinutes && c.TargetMinutes <= MaxCustodyTargetMinutes, RuleRange,
		prefix+"target_minutes", "must be from %d to %d minutes", MinCustodyTargetMinutes, MaxCustodyTargetMinutes)
	var re *Error
	if err := v.Err(); errors.As(err, &re) {
		return re.Fields
	}
	return nil
}

// CustodySource is the body that asked for legal aid.
type CustodySource string

// Custody request sources.
const (
	SourcePolice    CustodySource = "police"    // cơ quan điều tra, Công an
	SourceProcuracy CustodySource = "procuracy" // Viện kiểm sát
	SourceCourt     CustodySource = "court"     // Tòa án
	SourceDetention CustodySource = "detention" // nhà tạm giữ, trại tạm giam
)

// CustodySources lists the sources in report order.
var CustodySources = []CustodySource{SourcePolice, SourceProcuracy, SourceCourt, SourceDetention}

// Valid reports whether s is one of CustodySources.
func (s CustodySource) Valid() bool { return oneOf(s, CustodySources) }

// PersonStatus is the procedural position of the person who needs aid.
type PersonStatus string

// Person states.
const (
	PersonDetained PersonStatus = "detained" // bị tạm giữ, tạm giam
	PersonAccused  PersonStatus = "accused"  // bị can, bị cáo (not detained)
)

// PersonStatuses lists the states.
var PersonStatuses = []PersonStatus{PersonDetained, PersonAccused}

// Valid reports whether p is one of PersonStatuses.
func (p PersonStatus) Valid() bool { return oneOf(p, PersonStatuses) }

// CustodyRequest is a call on phone duty from the police, procuracy, court
// or a detention facility asking for legal aid for a detained or accused
// person, and who was sent.
type CustodyRequest struct {
	ID           int64
	ReceivedAt   time.Time
	Source       CustodySource
	SourceName   string // "Công an quận Lê Chân"
	TakenBy      int64  // the duty officer who took the call
	AssignmentID *int64 // the phone duty it came in on, if known
	PersonName   string // may be empty
	PersonAge    *int   // nil: not known
	PersonStatus PersonStatus
	Field        string // usually "criminal"
	SentOfficer  *int64 // the officer sent; nil until someone is
	AssignedAt   *time.Time
	Notes        string
	RecordedBy   string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// clockSkew is how far in the future a time may lie (phones' clocks).
const clockSkew = 5 * time.Minute

// ResponseTime returns assigned − received, and whether an officer has been
// assigned.
func (r CustodyRequest) ResponseTime() (time.Duration, bool) {
	if r.AssignedAt == nil {
		return 0, false
	}
	return r.AssignedAt.Sub(r.ReceivedAt), true
}

// Late reports whether the request missed target at now: assigned after
// more than target, or still unassigned more than target after the call.
func (r CustodyRequest) Late(target time.Duration, now time.Time) bool {
	if d, ok := r.ResponseTime(); ok {
		return d > target
	}
	return now.Sub(r.ReceivedAt) > target
}

// Validate checks the request at now: received (not in the future), a
// known source, the officer who took it, the person's position and age
// (0–120), and that the officer sent and the time they were assigned come
// together, no earlier than the call and not in the future.
func (r CustodyRequest) Validate(now time.Time) error {
	var v Validator
	checkRule(&v, !r.ReceivedAt.IsZero(), RuleRequired, "received_at", "is required")
	checkRule(&v, r.ReceivedAt.IsZero() || !r.ReceivedAt.After(now.Add(clockSkew)), RuleRange, "received_at", "is in the future")
	checkRule(&v, r.Source.Valid(), RuleOneOf, "source", "must be one of %s", joinCodes(CustodySources))
	checkRule(&v, utf8.RuneCountInString(r.SourceName) <= 200, RuleTooLong, "source_name", "at most 200 characters")
	checkRule(&v, r.TakenBy != 0, RuleRequired, "taken_by", "is required")
	checkRule(&v, utf8.RuneCountInString(r.PersonName) <= 200, RuleTooLong, "person_name", "at most 200 characters")
	checkRule(&v, r.PersonAge == nil || (*r.PersonAge >= 0 && *r.PersonAge <= 120), RuleRange, "person_age", "must be from 0 to 120")
	checkRule(&v, r.PersonStatus.Valid(), RuleOneOf, "person_status", "must be one of %s", joinCodes(PersonStatuses))
	checkRule(&v, r.Field == "" || ValidConsultationField(r.Field), RuleOneOf, "field", "must be one of %s", strings.Join(ConsultationFields, ", "))
	checkRule(&v, (r.SentOfficer == nil) == (r.AssignedAt == nil), RuleRequired, "assigned_at",
		"the officer sent and the time they were assigned go together")
	if r.AssignedAt != nil && !r.ReceivedAt.IsZero() {
		checkRule(&v, !r.AssignedAt.Before(r.ReceivedAt), RuleRange, "assigned_at", "is before the request was received")
		checkRule(&v, !r.AssignedAt.After(now.Add(clockSkew)), RuleRange, "assigned_at", "is in the future")
	}
	checkRule(&v, utf8.RuneCountInString(r.Notes) <= MaxNotes, RuleTooLong, "notes", "at most %d characters", MaxNotes)
	return v.Err()
}

// ValidateDuty checks the phone duty the request names: a scheduled duty
// of the officer who took the call, running when the call came (its end
// included). The field is "assignment_id".
func (r CustodyRequest) ValidateDuty(a Assignment) error {
	var v Validator
	checkRule(&v, a.Status == Scheduled, RuleInvalid, "assignment_id", "the duty is cancelled")
	checkRule(&v, a.OfficerID == r.TakenBy, RuleInvalid, "assignment_id", "is not a duty of the officer who took the call")
	checkRule(&v, !r.ReceivedAt.Before(a.Start) && !r.ReceivedAt.After(a.End), RuleRange, "assignment_id",
		"the call did not come during this duty")
	return v.Err()
}
