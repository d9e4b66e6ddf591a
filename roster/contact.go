package roster

import "strings"

// ValidEmail is the one check of an e-mail address, for every path that
// takes one (the API, the pages, imports): one @, something on each side,
// a dot in the domain, no spaces or separators, at most 254 characters.
func ValidEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n<>,;") && strings.Contains(s[at:], ".") && len(s) <= 254
}

// ValidPhone is the one check of a phone number: 3 to 15 digits, with
// spaces, dots, dashes, parentheses and a leading +.
func ValidPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}
