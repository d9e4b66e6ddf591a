package notify

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"lichtruc/roster"
)

// Reminder is one reminder that should exist for a duty: its officer is told
// Lead before Start, at DueAt.
type Reminder struct {
	AssignmentID int64         // the duty
	OfficerID    int64         // who is reminded: the duty's officer
	Lead         time.Duration // how long before Start
	Version      int           // the duty's version the reminder was computed from
	DueAt        time.Time     // Start - Lead
	Start        time.Time     // when the duty starts
}

// Key is the outbox's unique key of the reminder: duty, lead and duty
// version, as "reminder:<assignment id>:<lead seconds>:v<version>". A duty
// that changes (new officer, new time) gets a new version and so new
// reminders; an unchanged one keeps its keys, so scanning again adds nothing.
func (r Reminder) Key() string {
	return "reminder:" + strconv.FormatInt(r.AssignmentID, 10) + ":" +
		strconv.FormatInt(int64(r.Lead/time.Second), 10) + ":v" + strconv.Itoa(r.Version)
}

// DueReminders returns the reminders of duties that are due at now: those
// with DueAt <= now < Start. A reminder that fell due while the service was
// down is still due as long as the duty has not started. Cancelled duties get
// none; any other status (including the zero one) counts as scheduled.
//
// Leads come from perOfficer[officer] when the map has an entry for the
// duty's officer (an empty entry means that officer wants no reminders), and
// from defaults otherwise. Leads that are not positive are ignored.
//
// When several leads of one duty are due at once, only the shortest is
// returned: after an outage the officer gets the one reminder that still
// makes sense ("in an hour") rather than a stale "tomorrow" as well. A scan
// that runs regularly sees each lead on its own, as each falls due before
// the next.
//
// The result is ordered by DueAt, then assignment ID, then longest lead.
func DueReminders(now time.Time, duties []roster.Assignment, defaults []time.Duration, perOfficer map[int64][]time.Duration) []Reminder {
	var out []Reminder
	for _, a := range duties {
		if a.Status == roster.Cancelled || !now.Before(a.Start) {
			continue
		}
		leads, ok := perOfficer[a.OfficerID]
		if !ok {
			leads = defaults
		}
		best := time.Duration(0) // the shortest due lead so far
		for _, lead := range leads {
			if lead <= 0 {
				continue
			}
			if due := a.Start.Add(-lead); due.After(now) {
				continue
			}
			if best == 0 || lead < best {
				best = lead
			}
		}
		if best == 0 {
			continue
		}
		out = append(out, Reminder{
			AssignmentID: a.ID,
			OfficerID:    a.OfficerID,
			Lead:         best,
			Version:      a.Version,
			DueAt:        a.Start.Add(-best),
			Start:        a.Start,
		})
	}
	slices.SortFunc(out, func(x, y Reminder) int {
		return cmp.Or(x.DueAt.Compare(y.DueAt), cmp.Compare(x.AssignmentID, y.AssignmentID), cmp.Compare(y.Lead, x.Lead))
	})
	return out
}

// Retry policy: the delay doubles from FirstRetryDelay up to MaxRetryDelay,
// and a message is given up after MaxAttempts attempts.
const (
	FirstRetryDelay = 30 * time.Second
	MaxRetryDelay   = 30 * time.Minute
	MaxAttempts     = 10
)

// RetryDelay returns how long to wait after failed attempt n (1-based)
// before the next: 30s, 1m, 2m, 4m, 8m, 16m, then 30m for every later one.
// An n below 1 counts as 1.
func RetryDelay(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	d := FirstRetryDelay
	for i := 1; i < attempt; i++ {
		d *= 2
		if d >= MaxRetryDelay {
			return MaxRetryDelay
		}
	}
	return d
}

// GiveUp reports whether a message that has failed attempts times should not
// be tried again at now: after MaxAttempts attempts, or, for a message about
// a duty (start not zero), once the duty has started, since a reminder is
// no use then.
func GiveUp(attempts int, start, now time.Time) bool {
	if attempts >= MaxAttempts {
		return true
	}
	return !start.IsZero() && !now.Before(start)
}

// NextRetry says when to try again a message whose attempt number attempts
// (1-based) failed at now with err, for a duty starting at start (zero if the
// message has no deadline). ok is false when it should be given up: err is
// permanent, GiveUp says so, or the next try would come at or after start.
// A server's Retry-After (see DeliveryError) is honoured when it is longer
// than RetryDelay.
func NextRetry(now time.Time, attempts int, start time.Time, err error) (next time.Time, ok bool) {
	if IsPermanent(err) || GiveUp(attempts, start, now) {
		return time.Time{}, false
	}
	delay := RetryDelay(attempts)
	if ra := retryAfter(err); ra > delay {
		delay = min(ra, MaxRetryDelay)
	}
	next = now.Add(delay)
	if !start.IsZero() && !next.Before(start) {
		return time.Time{}, false
	}
	return next, true
}

// String formats the reminder for logs.
func (r Reminder) String() string {
	return fmt.Sprintf("%s due %s (duty starts %s)", r.Key(), r.DueAt.Format(time.RFC3339), r.Start.Format(time.RFC3339))
}

// shortDuration is a lead as roster.FormatLeads writes it: 24h, 1h30m, 45s.
func shortDuration(d time.Duration) string { return roster.FormatLeads([]time.Duration{d}) }
