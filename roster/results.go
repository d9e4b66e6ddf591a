package roster

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// checkRule records a problem with field, under rule, when ok is false.
// It is the one place the rule key meets the Validator, so that giving
// the Validator a code argument is a change of this function only.
func checkRule(v *Validator, ok bool, rule, field, format string, args ...any) {
	v.Check(ok, field, rule, format, args...)
}

// BeneficiaryGroup is who is entitled to legal aid, after art. 7 of the
// Law on Legal Aid 2017.
type BeneficiaryGroup string

// Beneficiary groups, in the order of art. 7.
const (
	GroupRevolutionaryMerit BeneficiaryGroup = "revolutionary_merit" // người có công với cách mạng
	GroupPoorHousehold      BeneficiaryGroup = "poor_household"      // người thuộc hộ nghèo
	GroupChild              BeneficiaryGroup = "child"               // trẻ em
	GroupEthnicMinority     BeneficiaryGroup = "ethnic_minority"     // dân tộc thiểu số ở vùng đặc biệt khó khăn
	GroupAccusedMinor       BeneficiaryGroup = "accused_minor"       // người bị buộc tội từ đủ 16 đến dưới 18 tuổi
	GroupDisability         BeneficiaryGroup = "disability"          // người khuyết tật có khó khăn về tài chính
	GroupElderly            BeneficiaryGroup = "elderly"             // người cao tuổi có khó khăn về tài chính
	GroupDomesticViolence   BeneficiaryGroup = "domestic_violence"   // nạn nhân bạo lực gia đình
	GroupTrafficking        BeneficiaryGroup = "trafficking"         // nạn nhân mua bán người
	GroupAgentOrange        BeneficiaryGroup = "agent_orange"        // người nhiễm chất độc da cam
	GroupHIV                BeneficiaryGroup = "hiv"                 // người nhiễm HIV có khó khăn về tài chính
	GroupOther              BeneficiaryGroup = "other"               // anyone else entitled
)

// BeneficiaryGroups lists the groups in the order reports name them.
var BeneficiaryGroups = []BeneficiaryGroup{GroupRevolutionaryMerit, GroupPoorHousehold, GroupChild, GroupEthnicMinority,
	GroupAccusedMinor, GroupDisability, GroupElderly, GroupDomesticViolence, GroupTrafficking, GroupAgentOrange, GroupHIV, GroupOther}

// Valid reports whether g is one of BeneficiaryGroups.
func (g BeneficiaryGroup) Valid() bool { return oneOf(g, BeneficiaryGroups) }

// RequestAction is what the duty officer did with a request.
type RequestAction string

// Request actions.
const (
	ActionAdvised  RequestAction = "advised"  // tư vấn tại chỗ
	ActionAccepted RequestAction = "accepted" // thụ lý thành vụ việc
	ActionReferred RequestAction = "referred" // hướng dẫn, chuyển đến nơi khác
)

// RequestActions lists the actions in report order.
var RequestActions = []RequestAction{ActionAdvised, ActionAccepted, ActionReferred}

// Valid reports whether a is one of RequestActions.
func (a RequestAction) Valid() bool { return oneOf(a, RequestActions) }

func oneOf[T ~string](x T, list []T) bool {
	for _, y := range list {
		if x == y {
			return true
		}
	}
	return false
}

func joinCodes[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, x := range list {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// Limits on duty results.
const (
	MaxPeopleReceived = 500 // people received at one duty
	MaxDutyRequests   = 200 // requests recorded for one duty
	MaxNotes          = 2000
)

// DutyRequest is one request for legal aid received at a duty.
type DutyRequest struct {
	ID     int64
	Field  string // one of ConsultationFields
	Group  BeneficiaryGroup
	Action RequestAction
}

// DutyResult is what came of one court or phone duty (kết quả trực): did it
// take place, who actually held it, how many people came and what they
// asked. One assignment has at most one result.
type DutyResult struct {
	ID             int64
	AssignmentID   int64
	Held           bool  // false: nobody held the duty (a no-show)
	HeldBy         int64 // the officer who held it; 0 when not held
	PeopleReceived int
	Requests       []DutyRequest
	Notes          string
	RecordedBy     string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// StandIn reports whether the duty was held by someone other than its
// officer.
func (r DutyResult) StandIn(a Assignment) bool { return r.Held && r.HeldBy != a.OfficerID }

// MayRecordDutyResult reports whether u may record or change the result of
// duty a: a manager, or the officer the duty is assigned to.
func MayRecordDutyResult(u User, a Assignment) bool {
	if u.Role == RoleManager {
		return true
	}
	return u.Role == RoleOfficer && u.OfficerID != nil && *u.OfficerID == a.OfficerID
}

// Validate checks r as the result of duty a at now: the duty is a
// scheduled court or phone duty (not an outreach session's, whose results
// are the session's) that has started; a held duty names who held it, one
// not held has no holder, nobody received and no requests; every request
// has a field, beneficiary group and action. Fields are named
// "held_by", "people_received", "requests[i].field", ….
func (r DutyResult) Validate(a Assignment, now time.Time) error {
	var v Validator
	checkRule(&v, a.Status == Scheduled, RuleInvalid, "assignment_id", "the duty is cancelled")
	checkRule(&v, a.SessionID == nil, RuleInvalid, "assignment_id", "the duty staffs an outreach session; record the session's results")
	checkRule(&v, !now.Before(a.Start), RuleRange, "assignment_id", "the duty has not started yet")
	if r.Held {
		checkRule(&v, r.HeldBy != 0, RuleRequired, "held_by", "is required when the duty took place")
	} else {
		checkRule(&v, r.HeldBy == 0, RuleInvalid, "held_by", "must be empty when the duty did not take place")
		checkRule(&v, r.PeopleReceived == 0, RuleInvalid, "people_received", "must be 0 when the duty did not take place")
		checkRule(&v, len(r.Requests) == 0, RuleInvalid, "requests", "must be empty when the duty did not take place")
	}
	checkRule(&v, r.PeopleReceived >= 0 && r.PeopleReceived <= MaxPeopleReceived, RuleRange, "people_received",
		"must be a whole number from 0 to %d", MaxPeopleReceived)
	checkRule(&v, len(r.Requests) == 0 || r.PeopleReceived > 0, RuleRange, "people_received",
		"must be at least 1 when requests are recorded")
	checkRule(&v, len(r.Requests) <= MaxDutyRequests, RuleRange, "requests", "at most %d requests", MaxDutyRequests)
	checkRule(&v, utf8.RuneCountInString(r.Notes) <= MaxNotes, RuleTooLong, "notes", "at most %d characters", MaxNotes)
	for i, q := range r.Requests {
		validateRequest(&v, q, "requests["+strconv.Itoa(i)+"]")
	}
	return v.Err()
}

func validateRequest(v *Validator, q DutyRequest, prefix string) {
	checkRule(v, q.Field != "", RuleRequired, prefix+".field", "is required")
	checkRule(v, q.Field == "" || ValidConsultationField(q.Field), RuleOneOf, prefix+".field", "must be one of %s",
		strings.Join(ConsultationFields, ", "))
	checkRule(v, q.Group.Valid(), RuleOneOf, prefix+".beneficiary_group", "must be one of %s", joinCodes(BeneficiaryGroups))
	checkRule(v, q.Action.Valid(), RuleOneOf, prefix+".action", "must be one of %s", joinCodes(RequestActions))
}

// ResultMissing reports whether duty a still lacks a result at now: a
// scheduled court or phone duty that has ended.
func ResultMissing(a Assignment, hasResult bool, now time.Time) bool {
	return !hasResult && a.Status == Scheduled && a.SessionID == nil && !now.Before(a.End)
}
