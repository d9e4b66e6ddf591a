package roster

import (
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
