package roster

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CaseForm is the form of legal aid a case takes (Law on Legal Aid 2017,
// art. 27).
type CaseForm string

// Forms of legal aid.
const (
	FormProceedings    CaseForm = "proceedings"    // tham gia tố tụng
	FormAdvice         CaseForm = "advice"         // tư vấn pháp luật
	FormRepresentation CaseForm = "representation" // đại diện ngoài tố tụng
)

// CaseForms lists the forms in report order.
var CaseForms = []CaseForm{FormProceedings, FormAdvice, FormRepresentation}

// Valid reports whether f is one of CaseForms.
func (f CaseForm) Valid() bool { return oneOf(f, CaseForms) }

// CaseOrigin is where a case came from.
type CaseOrigin string

// Case origins; all but OriginOffice name their source by id.
const (
	OriginDuty     CaseOrigin = "duty"     // a duty result (court or phone duty)
	OriginCustody  CaseOrigin = "custody"  // a custody request
	OriginOutreach CaseOrigin = "outreach" // an outreach session
	OriginOffice   CaseOrigin = "office"   // a request at the Center's office
)

// CaseOrigins lists the origins.
var CaseOrigins = []CaseOrigin{OriginDuty, OriginCustody, OriginOutreach, OriginOffice}

// Valid reports whether o is one of CaseOrigins.
func (o CaseOrigin) Valid() bool { return oneOf(o, CaseOrigins) }

// CaseStage is how far a case has got.
type CaseStage string

// Case stages.
const (
	StageAccepted CaseStage = "accepted" // thụ lý
	StageHandling CaseStage = "handling" // đang thực hiện
	StageClosed   CaseStage = "closed"   // kết thúc (has an outcome)
)

// CaseStages lists the stages in order.
var CaseStages = []CaseStage{StageAccepted, StageHandling, StageClosed}

// Valid reports whether s is one of CaseStages.
func (s CaseStage) Valid() bool { return oneOf(s, CaseStages) }

// CaseOutcome is how a closed case ended.
type CaseOutcome string

// Case outcomes. A successful case is a completed one that also meets the
// Ministry of Justice's criteria of success; only cases in proceedings
// are judged so.
const (
	OutcomeNone       CaseOutcome = ""
	OutcomeCompleted  CaseOutcome = "completed"  // hoàn thành
	OutcomeSuccessful CaseOutcome = "successful" // thành công, hiệu quả theo tiêu chí của Bộ Tư pháp
	OutcomeStopped    CaseOutcome = "stopped"    // dừng, rút yêu cầu
)

// CaseOutcomes lists the outcomes of a closed case.
var CaseOutcomes = []CaseOutcome{OutcomeCompleted, OutcomeSuccessful, OutcomeStopped}

// Valid reports whether o is one of CaseOutcomes (not OutcomeNone).
func (o CaseOutcome) Valid() bool { return oneOf(o, CaseOutcomes) }

// Completed reports whether the case was carried through (successful
// cases included).
func (o CaseOutcome) Completed() bool { return o == OutcomeCompleted || o == OutcomeSuccessful }

// Case is one case in the Center's light register: accepted (thụ lý) from a
// duty, a custody request, an outreach session or the office, handled by an
// officer or contracted lawyer, and closed with an outcome.
type Case struct {
	ID        int64
	Year      int    // the year of its number
	Seq       int    // its place in the year
	Number    string // CaseNumber(Seq, Year): "12/2027/TGPL"
	Form      CaseForm
	Field     string // one of ConsultationFields
	Group     BeneficiaryGroup
	Origin    CaseOrigin
	OriginID  int64 // the duty result, custody request or outreach session; 0 for the office
	HandlerID int64 // the officer or lawyer handling it
	Accepted  Date  // thụ lý
	Stage     CaseStage
	Outcome   CaseOutcome
	ClosedOn  *Date
	Summary   string
	Version   int
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CaseNumber is the number of the seq-th case of year: "12/2027/TGPL".
func CaseNumber(seq, year int) string { return fmt.Sprintf("%d/%d/TGPL", seq, year) }

// NewIn reports whether the case was accepted in year.
func (c Case) NewIn(year int) bool { return c.Accepted.Year == year }

// CarriedOverInto reports whether the case is carried over into year:
// accepted before 1 January and not closed before it.
func (c Case) CarriedOverInto(year int) bool {
	jan1 := NewDate(year, time.January, 1)
	return c.Accepted.Before(jan1) && (c.ClosedOn == nil || !c.ClosedOn.Before(jan1))
}

// HandledIn reports whether the case counts among year's cases: new in it
// or carried over into it.
func (c Case) HandledIn(year int) bool { return c.NewIn(year) || c.CarriedOverInto(year) }

// ClosedIn reports whether the case was closed in year.
func (c Case) ClosedIn(year int) bool { return c.ClosedOn != nil && c.ClosedOn.Year == year }

// MaySeeCase reports whether u may see c: managers see all, officers their
// own; reception none.
func MaySeeCase(u User, c Case) bool {
	if u.Role == RoleManager {
		return true
	}
	return u.Role == RoleOfficer && u.OfficerID != nil && *u.OfficerID == c.HandlerID
}

// Validate checks c as stored on day today: a known form, field, group and
// origin (with its source id unless from the office), a handler, an
// accepted date not after today and in the number's year, a stage, and an
// outcome with its date exactly when the stage is closed — the date not
// before acceptance nor after today. Only cases in proceedings may be
// successful.
func (c Case) Validate(today Date) error {
	var v Validator
	checkRule(&v, c.Form.Valid(), RuleOneOf, "form", "must be one of %s", joinCodes(CaseForms))
	checkRule(&v, ValidConsultationField(c.Field), RuleOneOf, "field", "must be one of %s", strings.Join(ConsultationFields, ", "))
	checkRule(&v, c.Group.Valid(), RuleOneOf, "beneficiary_group", "must be one of %s", joinCodes(BeneficiaryGroups))
	checkRule(&v, c.Origin.Valid(), RuleOneOf, "origin", "must be one of %s", joinCodes(CaseOrigins))
	if c.Origin.Valid() {
		if c.Origin == OriginOffice {
			checkRule(&v, c.OriginID == 0, RuleInvalid, "origin_id", "must be empty for a case from the office")
		} else {
			checkRule(&v, c.OriginID > 0, RuleRequired, "origin_id", "is required for a case from a %s", c.Origin)
		}
	}
	checkRule(&v, c.HandlerID != 0, RuleRequired, "handler_id", "is required")
	checkRule(&v, !c.Accepted.IsZero(), RuleRequired, "accepted_on", "is required")
	if !c.Accepted.IsZero() {
		checkRule(&v, !c.Accepted.After(today), RuleRange, "accepted_on", "is in the future")
		checkRule(&v, c.Year == 0 || c.Accepted.Year == c.Year, RuleRange, "accepted_on", "must lie in %d, the year of the case number", c.Year)
	}
	checkRule(&v, c.Stage.Valid(), RuleOneOf, "stage", "must be one of %s", joinCodes(CaseStages))
	if c.Stage == StageClosed {
		checkRule(&v, c.Outcome.Valid(), RuleOneOf, "outcome", "a closed case needs one of %s", joinCodes(CaseOutcomes))
		checkRule(&v, c.ClosedOn != nil, RuleRequired, "closed_on", "is required for a closed case")
	} else {
		checkRule(&v, c.Outcome == OutcomeNone, RuleInvalid, "outcome", "only a closed case has an outcome")
		checkRule(&v, c.ClosedOn == nil, RuleInvalid, "closed_on", "only a closed case has a closing date")
	}
	if c.ClosedOn != nil {
		checkRule(&v, !c.ClosedOn.Before(c.Accepted), RuleRange, "closed_on", "is before the case was accepted")
		checkRule(&v, !c.ClosedOn.After(today), RuleRange, "closed_on", "is in the future")
	}
	checkRule(&v, c.Outcome != OutcomeSuccessful || c.Form == FormProceedings, RuleInvalid, "outcome",
		"only cases in proceedings are judged successful")
	checkRule(&v, utf8.RuneCountInString(c.Summary) <= MaxNotes, RuleTooLong, "summary", "at most %d characters", MaxNotes)
	return v.Err()
}
