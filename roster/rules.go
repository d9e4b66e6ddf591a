package roster

// Rule keys: the stable, machine-readable reason an Error or a FieldError
// carries (its "code" in problem+json). The catalog holds a Vietnamese and
// an English text for each, so pages and e-mails translate from the key.
const (
	// Input rules.
	RuleRequired     = "required"      // a value is missing
	RuleMalformed    = "malformed"     // unparseable JSON, date or time
	RuleUnknownField = "unknown_field" // a field the request does not know
	RuleFormat       = "format"        // bad e-mail, phone, code or date format
	RuleRange        = "range"         // number or date out of range
	RuleTooLong      = "too_long"      // text longer than allowed
	RuleOneOf        = "one_of"        // not one of the allowed values
	RuleDuplicate    = "duplicate"     // a unique value already taken
	RuleNotFound     = "not_found"     // the thing does not exist
	RuleForbidden    = "forbidden"     // the role may not do this
	RuleUnauthorized = "unauthorized"  // no or unknown credential
	RuleVersion      = "version"       // stale If-Match or version (412)
	RuleInvalid      = "invalid"       // any other invalid input

	// May-hold-this-duty rules (see MayHold).
	RuleClash        = "clash"         // overlaps another duty of the officer
	RuleLeave        = "leave"         // the officer is on leave
	RuleInactive     = "inactive"      // the officer is deactivated
	RuleSpecialty    = "specialty"     // lacks the slot's specialty
	RuleMonthlyLimit = "monthly_limit" // monthly cap reached (soft: a manager may override)
	RuleSameDay      = "same_day"      // already holds another slot of that day at that site
	RuleSiteClosed   = "site_closed"   // the site is not valid on that date
	RuleNotEligible  = "not_eligible"  // the officer may not serve this site

	// Reserved for the safe-plans rules.
	RuleRest        = "rest"
	RuleLength      = "length"
	RuleTravel      = "travel"
	RuleArea        = "area"
	RuleWeeklyRest  = "weekly_rest"
	RuleUnavailable = "unavailable"
	RuleNoOneFree   = "no_one_free"
)

// SoftRule reports whether a manager may knowingly break rule with an
// explicit override.
func SoftRule(rule string) bool { return rule == RuleMonthlyLimit }
