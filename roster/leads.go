package roster

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Reminder leads say how long before a duty starts its reminders go out:
// the service's default (LICHTRUC_REMINDER_LEADS) and each officer's own.

// DefaultLeads is the default of LICHTRUC_REMINDER_LEADS: the day before and
// an hour before a duty starts.
const DefaultLeads = "24h,1h"

// MaxLead is the longest reminder lead ParseLeads accepts.
const MaxLead = 31 * 24 * time.Hour

// ParseLeads parses a comma-separated list of Go durations, such as
// "24h,1h", into reminder leads sorted longest first. Every lead must be
// positive, at least MinLead (a minute: reminders are scanned every
// minute), at most MaxLead, and appear once; blanks around the commas are
// ignored. An empty list is an error: the caller applies DefaultLeads when
// the setting is unset. Errors are *roster.Error with code EInvalid and name
// the offending value.
func ParseLeads(s string) ([]time.Duration, error) {
	if strings.TrimSpace(s) == "" {
		return nil, Errorf(EInvalid, "reminder leads: empty list; give Go durations such as %q", DefaultLeads)
	}
	parts := strings.Split(s, ",")
	leads := make([]time.Duration, 0, len(parts))
	seen := make(map[time.Duration]string, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, Errorf(EInvalid, "reminder leads %q: empty entry between commas", s)
		}
		d, err := time.ParseDuration(p)
		if err != nil {
			return nil, Errorf(EInvalid, "reminder leads %q: %q is not a Go duration such as 24h, 90m or 1h30m", s, p)
		}
		if d <= 0 {
			return nil, Errorf(EInvalid, "reminder leads %q: %q is not positive", s, p)
		}
		if d < MinLead {
			return nil, Errorf(EInvalid, "reminder leads %q: %q is shorter than %s", s, p, FormatLeads([]time.Duration{MinLead}))
		}
		if d > MaxLead {
			return nil, Errorf(EInvalid, "reminder leads %q: %q is longer than %s", s, p, FormatLeads([]time.Duration{MaxLead}))
		}
		if prev, dup := seen[d]; dup {
			return nil, Errorf(EInvalid, "reminder leads %q: %q repeats %q", s, p, prev)
		}
		seen[d] = p
		leads = append(leads, d)
	}
	slices.SortFunc(leads, func(a, b time.Duration) int { return cmp.Compare(b, a) })
	return leads, nil
}

// FormatLeads formats leads the way ParseLeads reads them, in their order,
// with short durations: "24h,1h,30m", "1h30m".
func FormatLeads(leads []time.Duration) string {
	parts := make([]string, len(leads))
	for i, d := range leads {
		parts[i] = shortDuration(d)
	}
	return strings.Join(parts, ",")
}

// shortDuration is time.Duration.String without the zero units: 24h, 1h30m, 45s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
