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

// PhoneKey is the form two phone numbers are compared in: its digits, a
// leading +84 (Viet Nam) written as the 0 of a national number, so that
// "+84 912 345 678" and "0912.345.678" are one number.
func PhoneKey(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+84") {
		d = "0" + strings.TrimPrefix(d, "84")
	}
	return d
}
