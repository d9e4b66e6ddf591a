package roster

import "unicode/utf8"

// Rules for user accounts, checked by every path that makes a user or
// sets a password (the API, the pages, the command line).

// Password limits for signing in to the pages; bcrypt reads at most 72
// bytes.
const (
	MinPasswordRunes = 8
	MaxPasswordBytes = 72
)

// CheckNewUser checks a user about to be made: a name, a known role, and
// an officer link exactly when the role is officer — only officer users
// act for an officer, so no other role may be linked to one.
func CheckNewUser(u User) error {
	var v Validator
	v.Check(u.Name != "" && utf8.RuneCountInString(u.Name) <= 100, "name", RuleRequired, "is required (at most 100 characters)")
	v.Check(u.Role.Valid(), "role", RuleOneOf, "must be manager, officer or reception")
	switch {
	case u.Role == RoleOfficer && u.OfficerID == nil:
		v.Add("officer_id", RuleRequired, "is required for role officer")
	case u.Role.Valid() && u.Role != RoleOfficer && u.OfficerID != nil:
		v.Add("officer_id", RuleInvalid, "only officer users are linked to an officer")
	case u.OfficerID != nil && *u.OfficerID <= 0:
		v.Add("officer_id", RuleRange, "must be a positive officer id")
	}
	return v.Err()
}

// CheckPassword checks a new password for signing in to the pages.
func CheckPassword(p string) error {
	var v Validator
	switch {
	case utf8.RuneCountInString(p) < MinPasswordRunes:
		v.Add("password", RuleRange, "must have at least %d characters", MinPasswordRunes)
	case len(p) > MaxPasswordBytes:
		v.Add("password", RuleTooLong, "must be at most %d bytes", MaxPasswordBytes)
	case !utf8.ValidString(p):
		v.Add("password", RuleFormat, "must be valid UTF-8 text")
	}
	return v.Err()
}
