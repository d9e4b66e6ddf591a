package roster

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// PartnerKind is the kind of organisation the Center holds outreach
// sessions with.
type PartnerKind string

// Partner kinds, after the organisations the Center works with.
const (
	PartnerDisability  PartnerKind = "disability_association"   // Hội Người khuyết tật
	PartnerAgentOrange PartnerKind = "agent_orange_association" // Hội Nạn nhân chất độc da cam/dioxin
	PartnerVeterans    PartnerKind = "veterans_association"     // Hội Cựu chiến binh
	PartnerFarmers     PartnerKind = "farmers_association"      // Hội Nông dân
	PartnerWomen       PartnerKind = "womens_union"             // Hội Liên hiệp Phụ nữ
	PartnerElderly     PartnerKind = "elderly_association"      // Hội Người cao tuổi
	PartnerJustice     PartnerKind = "justice_division"         // Phòng Tư pháp quận, huyện
	PartnerCommune     PartnerKind = "commune_committee"        // UBND xã, phường, thị trấn
	PartnerOther       PartnerKind = "other"                    // any other body
)

// PartnerKinds lists the partner kinds in the order the Center's reports
// name them.
var PartnerKinds = []PartnerKind{PartnerDisability, PartnerAgentOrange, PartnerVeterans, PartnerFarmers, PartnerWomen,
	PartnerElderly, PartnerJustice, PartnerCommune, PartnerOther}

var partnerKindLabels = map[PartnerKind]string{
	PartnerDisability:  "Hội Người khuyết tật",
	PartnerAgentOrange: "Hội Nạn nhân chất độc da cam/dioxin",
	PartnerVeterans:    "Hội Cựu chiến binh",
	PartnerFarmers:     "Hội Nông dân",
	PartnerWomen:       "Hội Liên hiệp Phụ nữ",
	PartnerElderly:     "Hội Người cao tuổi",
	PartnerJustice:     "Phòng Tư pháp quận, huyện",
	PartnerCommune:     "Ủy ban nhân dân xã, phường, thị trấn",
	PartnerOther:       "Cơ quan, tổ chức khác",
}

// Valid reports whether k is a known partner kind.
func (k PartnerKind) Valid() bool { _, ok := partnerKindLabels[k]; return ok }

// Label returns the Vietnamese name of the kind.
func (k PartnerKind) Label() string { return partnerKindLabels[k] }

// Partner is an organisation that holds outreach sessions with the Center.
type Partner struct {
	ID           int64
	Name         string // e.g. "Hội Nông dân thành phố"
	Kind         PartnerKind
	ContactName  string
	ContactPhone string
	ContactEmail string
	Address      string
	Notes        string
	Active       bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Validate checks the partner's own fields (not the contact's formats,
// which the API checks).
func (p Partner) Validate() error {
	var v Validator
	v.CheckText("name", p.Name, 200)
	v.Check(p.Kind.Valid(), "kind", RuleOneOf, "must be one of %s", joinKinds())
	v.Check(utf8.RuneCountInString(p.ContactName) <= 200, "contact_name", RuleTooLong, "at most 200 characters")
	v.Check(utf8.RuneCountInString(p.Address) <= 300, "address", RuleTooLong, "at most 300 characters")
	v.Check(utf8.RuneCountInString(p.Notes) <= 2000, "notes", RuleTooLong, "at most 2000 characters")
	return v.Err()
}

func joinKinds() string {
	s := make([]string, len(PartnerKinds))
	for i, k := range PartnerKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// PartnerNameKey is the form of a partner's name that must be unique:
// Unicode NFC (a name typed on a phone and on a PC compares equal), lower
// case, single spaces.
func PartnerNameKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(name))), " ")
}

// partnerKindHints maps the start of a (keyed) name to its kind; the first
// match wins, so longer phrases come first.
var partnerKindHints = []struct {
	prefix string
	kind   PartnerKind
}{
	{"hội người khuyết tật", PartnerDisability},
	{"hội nạn nhân chất độc da cam", PartnerAgentOrange},
	{"hội nạn nhân da cam", PartnerAgentOrange},
	{"hội cựu chiến binh", PartnerVeterans},
	{"hội nông dân", PartnerFarmers},
	{"hội liên hiệp phụ nữ", PartnerWomen},
	{"hội lhpn", PartnerWomen},
	{"hội phụ nữ", PartnerWomen},
	{"hội người cao tuổi", PartnerElderly},
	{"phòng tư pháp", PartnerJustice},
	{"ubnd xã", PartnerCommune},
	{"ubnd phường", PartnerCommune},
	{"ubnd thị trấn", PartnerCommune},
	{"ủy ban nhân dân xã", PartnerCommune},
	{"ủy ban nhân dân phường", PartnerCommune},
	{"ủy ban nhân dân thị trấn", PartnerCommune},
	{"uỷ ban nhân dân xã", PartnerCommune},
	{"uỷ ban nhân dân phường", PartnerCommune},
	{"uỷ ban nhân dân thị trấn", PartnerCommune},
}

// GuessPartnerKind guesses a partner's kind from its Vietnamese name, for
// partners first named in a session ("partner":"Hội Nông dân huyện An Lão").
// A name it does not recognise is PartnerOther.
func GuessPartnerKind(name string) PartnerKind {
	key := PartnerNameKey(name)
	for _, h := range partnerKindHints {
		if strings.HasPrefix(key, h.prefix) {
			return h.kind
		}
	}
	return PartnerOther
}

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
		v.Add("end", RuleRange, "must be after start")
	case s.End.Sub(s.Start) > MaxSessionLength:
		v.Add("end", RuleRange, "a session lasts at most 7 days")
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
			v.Add("start", RuleInvalid, "results are recorded, so the session must have started; it starts at %s", s.Start.Format(time.RFC3339))
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
			v.Add(field, RuleInvalid, "the session starts at %s; record its results once it has started", next.Start.Format(time.RFC3339))
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

// OutreachFigures are the totals of a set of sessions.
type OutreachFigures struct {
	Sessions      int
	Attendees     int
	Requests      int
	Consultations int            // cases advised, all fields
	ByField       map[string]int // every field of ConsultationFields
}

func newFigures() OutreachFigures {
	f := OutreachFigures{ByField: make(map[string]int, len(ConsultationFields))}
	for _, k := range ConsultationFields {
		f.ByField[k] = 0
	}
	return f
}

func (f *OutreachFigures) add(s OutreachSession) {
	f.Sessions++
	if s.Results == nil {
		return
	}
	f.Attendees += s.Results.Attendees
	f.Requests += s.Results.Requests
	for k, n := range s.Results.Consultations {
		f.ByField[k] += n
		f.Consultations += n
	}
}

// MonthFigures are the figures of one month.
type MonthFigures struct {
	Month time.Month
	OutreachFigures
}

// PartnerFigures are the figures of the sessions held with one partner. A
// session with two partners counts for both, so these do not add up to the
// year's totals.
type PartnerFigures struct {
	Partner Partner
	OutreachFigures
}

// OutreachReport is the year's outreach figures, as the Center reports them.
type OutreachReport struct {
	Year int
	OutreachFigures
	WithoutResults int // held sessions whose results are not recorded yet
	Planned        int // sessions of the year not started yet
	Cancelled      int // sessions of the year cancelled
	Officers       int // distinct officers who staffed the held sessions
	ByMonth        []MonthFigures
	ByPartner      []PartnerFigures // most sessions first
	Summary        string           // the year in one Vietnamese paragraph
}

// BuildOutreachReport totals the sessions of year: those held (not
// cancelled, started by now) whose start falls in the year in loc. Sessions
// of other years are ignored, so callers may pass more.
func BuildOutreachReport(year int, sessions []OutreachSession, now time.Time, loc *time.Location) OutreachReport {
	r := OutreachReport{Year: year, OutreachFigures: newFigures(), ByMonth: make([]MonthFigures, 12)}
	for m := range r.ByMonth {
		r.ByMonth[m] = MonthFigures{Month: time.Month(m + 1), OutreachFigures: newFigures()}
	}
	byPartner := map[int64]*PartnerFigures{}
	officers := map[int64]bool{}
	for _, s := range sessions {
		start := s.Start.In(loc)
		if start.Year() != year {
			continue
		}
		switch {
		case s.Status == SessionCancelled:
			r.Cancelled++
			continue
		case !s.Started(now):
			r.Planned++
			continue
		}
		r.add(s)
		r.ByMonth[start.Month()-1].add(s)
		if s.Results == nil {
			r.WithoutResults++
		}
		for _, id := range s.OfficerIDs {
			officers[id] = true
		}
		for _, p := range s.Partners {
			pf := byPartner[p.ID]
			if pf == nil {
				pf = &PartnerFigures{Partner: p, OutreachFigures: newFigures()}
				byPartner[p.ID] = pf
			}
			pf.add(s)
		}
	}
	r.Officers = len(officers)
	r.ByPartner = make([]PartnerFigures, 0, len(byPartner))
	for _, pf := range byPartner {
		r.ByPartner = append(r.ByPartner, *pf)
	}
	slices.SortFunc(r.ByPartner, func(a, b PartnerFigures) int {
		if a.Sessions != b.Sessions {
			return b.Sessions - a.Sessions
		}
		if a.Attendees != b.Attendees {
			return b.Attendees - a.Attendees
		}
		return strings.Compare(a.Partner.Name, b.Partner.Name)
	})
	r.Summary = OutreachSummary(r)
	return r
}

// OutreachSummary writes the report as the Center's annual summary does:
// "Năm 2022, Trung tâm đã phối hợp với Hội Người khuyết tật, … tổ chức được
// 38 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 2.050 lượt người tham dự;
// tiếp nhận và tư vấn 268 vụ việc về dân sự, đất đai, …".
func OutreachSummary(r OutreachReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Năm %d, ", r.Year)
	if r.Sessions == 0 {
		b.WriteString("Trung tâm chưa tổ chức đợt trợ giúp pháp lý ngoài trụ sở nào.")
		if r.Planned > 0 {
			fmt.Fprintf(&b, " Đã lên kế hoạch %s đợt.", FormatCount(r.Planned))
		}
		return b.String()
	}
	b.WriteString("Trung tâm đã ")
	if partners := partnerPhrase(r.ByPartner); partners != "" {
		b.WriteString("phối hợp với " + partners + " ")
	}
	fmt.Fprintf(&b, "tổ chức được %s đợt trợ giúp pháp lý ngoài trụ sở", FormatCount(r.Sessions))
	if r.Attendees > 0 {
		fmt.Fprintf(&b, ", thu hút %s lượt người tham dự", FormatCount(r.Attendees))
	}
	if r.Consultations > 0 {
		var fields []string
		for _, f := range ConsultationFields {
			if r.ByField[f] > 0 {
				fields = append(fields, FieldLabel(f))
			}
		}
		fmt.Fprintf(&b, "; tiếp nhận và tư vấn %s vụ việc về %s", FormatCount(r.Consultations), joinVi(fields))
	}
	b.WriteString(".")
	if r.Requests > 0 {
		fmt.Fprintf(&b, " Qua các đợt này, Trung tâm đã nhận %s yêu cầu trợ giúp pháp lý.", FormatCount(r.Requests))
	}
	if r.WithoutResults > 0 {
		fmt.Fprintf(&b, " Còn %s đợt chưa cập nhật kết quả.", FormatCount(r.WithoutResults))
	}
	return b.String()
}

// maxNamedPartners is how many partners the summary names before it says
// "và N đơn vị khác".
const maxNamedPartners = 10

// partnerPhrase names the partners in the order of PartnerKinds; several
// justice divisions or commune committees are named together, as the
// Center's reports do ("Phòng Tư pháp các quận, huyện", "các xã, phường,
// thị trấn").
func partnerPhrase(pfs []PartnerFigures) string {
	byKind := map[PartnerKind][]string{}
	for _, pf := range pfs { // already most sessions first
		k := pf.Partner.Kind
		if !k.Valid() {
			k = PartnerOther
		}
		byKind[k] = append(byKind[k], pf.Partner.Name)
	}
	var names []string
	for _, k := range PartnerKinds {
		list := byKind[k]
		switch {
		case len(list) > 1 && k == PartnerJustice:
			names = append(names, "Phòng Tư pháp các quận, huyện")
		case len(list) > 1 && k == PartnerCommune:
			names = append(names, "các xã, phường, thị trấn")
		default:
			names = append(names, list...)
		}
	}
	if len(names) > maxNamedPartners {
		rest := len(names) - maxNamedPartners
		names = append(names[:maxNamedPartners], fmt.Sprintf("%d đơn vị khác", rest))
	}
	return joinVi(names)
}

// joinVi joins "a", "b", "c" as "a, b và c".
func joinVi(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}

// FormatCount writes n the Vietnamese way, with dots between thousands:
// 2050 is "2.050".
func FormatCount(n int) string {
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
