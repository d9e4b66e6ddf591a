package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DocumentSettings are the Center's settings for its official documents:
// who issues them, where, under what number and who signs.
type DocumentSettings struct {
	Authority    string   `json:"authority"`     // the body above the issuer: "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG"
	Issuer       string   `json:"issuer"`        // the issuing body, printed bold; "\n" breaks its line where the Center wants it
	Place        string   `json:"place"`         // where the document is issued: "Hải Phòng"
	NumberSuffix string   `json:"number_suffix"` // after the number: "LT-TTTGPL" gives "Số: 12/LT-TTTGPL"
	SignerTitle  []string `json:"signer_title"`  // lines above the signature: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
	SignerName   string   `json:"signer_name"`   // the signer's full name, under the signature
	Recipients   []string `json:"recipients"`    // "Nơi nhận" lines, each printed after "- "
}

// DefaultDocumentSettings are the document settings of the State Legal Aid
// Center of Hai Phong, without a signer's name: data, which a manager
// changes in the Center's settings.
func DefaultDocumentSettings() DocumentSettings {
	return DocumentSettings{
		Authority:    "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG",
		Issuer:       "TRUNG TÂM TRỢ GIÚP PHÁP LÝ\nNHÀ NƯỚC",
		Place:        "Hải Phòng",
		NumberSuffix: "LT-TTTGPL",
		SignerTitle:  []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
		Recipients:   []string{"Tòa án nhân dân thành phố Hải Phòng;", "Sở Tư pháp (để báo cáo);", "Giám đốc Trung tâm;", "Lưu: VT, NV."},
	}
}

// Clone returns a copy of s that shares no slice with it.
func (s DocumentSettings) Clone() DocumentSettings {
	s.SignerTitle = slices.Clone(s.SignerTitle)
	s.Recipients = slices.Clone(s.Recipients)
	return s
}

// Settings are the Center's settings: one record, versioned like any
// resource (If-Match), read by every path that needs one of its groups.
// Adding a group is one field here, its default in DefaultSettings and its
// check in Validate; storage keeps the record whole, so it needs no
// migration.
type Settings struct {
	Version  int              `json:"version"`
	Document DocumentSettings `json:"document"` // official documents (schedule PDF and spreadsheets)
	Custody  CustodySettings  `json:"custody"`  // requests from custody and the courts
	Rules    RuleSettings     `json:"rules"`    // the safe-plan rules: rest, length, area and travel, weekly rest
}

// DefaultSettings are the settings of the State Legal Aid Center of Hai
// Phong before a manager changes them.
func DefaultSettings() Settings {
	return Settings{Document: DefaultDocumentSettings(), Custody: DefaultCustodySettings(), Rules: DefaultRuleSettings()}
}

// Clone returns a copy of s that shares no slice or map with it.
func (s Settings) Clone() Settings {
	s.Document = s.Document.Clone()
	return s
}

// Validate checks every group of the settings; field names are the JSON
// paths ("document.signer_title[1]"), each with its rule key.
func (s Settings) Validate() error {
	var fields []FieldError
	fields = append(fields, s.Document.validate("document.")...)
	fields = append(fields, s.Custody.validate("custody.")...)
	var e *Error
	if err := s.Rules.Validate("rules."); errors.As(err, &e) {
		fields = append(fields, e.Fields...)
	}
	if len(fields) == 0 {
		return nil
	}
	return Invalid(fields...)
}

// Limits of the document settings.
const (
	settingsTextMax   = 200 // a line of text
	settingsSuffixMax = 40  // the number's suffix
	settingsLinesMax  = 12  // lines of a list (signer's title, recipients)
)

// validate checks the document settings; prefix is the group's path.
func (d DocumentSettings) validate(prefix string) []FieldError {
	var out []FieldError
	text := func(field, s string, required bool, max int) {
		switch {
		case required && strings.TrimSpace(s) == "":
			out = append(out, settingIssue(prefix+field, RuleRequired, "is required"))
		case utf8.RuneCountInString(s) > max:
			out = append(out, settingIssue(prefix+field, RuleTooLong, fmt.Sprintf("is longer than %d characters", max)))
		}
	}
	text("authority", d.Authority, true, settingsTextMax)
	text("issuer", d.Issuer, true, settingsTextMax)
	text("place", d.Place, true, settingsTextMax)
	text("signer_name", d.SignerName, false, settingsTextMax)
	text("number_suffix", d.NumberSuffix, true, settingsSuffixMax)
	if d.NumberSuffix != "" && !validSuffix(d.NumberSuffix) {
		out = append(out, settingIssue(prefix+"number_suffix", RuleFormat, "may hold only letters, digits, '-', '.' and '/'"))
	}
	if strings.Count(d.Issuer, "\n") > 2 {
		out = append(out, settingIssue(prefix+"issuer", RuleRange, "has more than 3 lines"))
	}
	list := func(field string, lines []string, min int) {
		if len(lines) < min {
			out = append(out, settingIssue(prefix+field, RuleRequired, "is required"))
		}
		if len(lines) > settingsLinesMax {
			out = append(out, settingIssue(prefix+field, RuleRange, fmt.Sprintf("has more than %d lines", settingsLinesMax)))
			return
		}
		for i, l := range lines {
			text(fmt.Sprintf("%s[%d]", field, i), l, true, settingsTextMax)
		}
	}
	list("signer_title", d.SignerTitle, 1)
	list("recipients", d.Recipients, 0)
	return out
}

// validSuffix reports whether s is a document number's suffix: letters
// (any script), digits, '-', '.', '/'.
func validSuffix(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-./", r) {
			return false
		}
	}
	return true
}

// settingIssue is a field error of the settings under a rule key.
func settingIssue(field, rule, msg string) FieldError {
	return FieldError{Field: field, Code: rule, Message: msg}
}
