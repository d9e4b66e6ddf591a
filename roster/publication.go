package roster

import (
	"strconv"
	"time"
)

// Publication records that a site's duty schedule (lịch phân công) for the
// days From through To was published: sent to the court or partner, as the
// Center must do at least 5 working days before a period starts.
type Publication struct {
	ID          int64
	SiteID      int64
	SiteCode    string
	From, To    Date   // inclusive
	Recipient   string // the site's contact e-mail it was sent to, "" if none
	PublishedAt time.Time
	PublishedBy string
	// The document number given at publication: Number (sequential in
	// NumberYear, the year of publication) and the suffix the Center's
	// settings had then. Number is 0 for a publication made before numbers.
	Number       int
	NumberYear   int
	NumberSuffix string
}

// NumberText is the publication's document number as printed after "Số:",
// "12/LT-TTTGPL"; "" when it has none.
func (p Publication) NumberText() string {
	if p.Number == 0 {
		return ""
	}
	if p.NumberSuffix == "" {
		return strconv.Itoa(p.Number)
	}
	return strconv.Itoa(p.Number) + "/" + p.NumberSuffix
}

// Covering returns the latest publication (by PublishedAt, then ID) that
// covers every day from from to to: the one whose number and date a
// document of those days bears. Publications of other sites must be
// filtered out by the caller.
func Covering(pubs []Publication, from, to Date) (Publication, bool) {
	var best Publication
	found := false
	for _, p := range pubs {
		if p.From.After(from) || p.To.Before(to) {
			continue
		}
		if !found || p.PublishedAt.After(best.PublishedAt) || (p.PublishedAt.Equal(best.PublishedAt) && p.ID > best.ID) {
			best, found = p, true
		}
	}
	return best, found
}

// PublishedThrough reports whether the publications together cover every
// day from from to to (inclusive); publications of other sites must be
// filtered out by the caller.
func PublishedThrough(pubs []Publication, from, to Date) bool {
	if to.Before(from) {
		return true
	}
	covered := make([]bool, from.DaysUntil(to)+1)
	for _, p := range pubs {
		for d := maxDate(p.From, from); !d.After(p.To) && !d.After(to); d = d.AddDays(1) {
			covered[from.DaysUntil(d)] = true
		}
	}
	for _, c := range covered {
		if !c {
			return false
		}
	}
	return true
}

func maxDate(a, b Date) Date {
	if a.After(b) {
		return a
	}
	return b
}

// OnSchedule reports whether the published schedule of the days from
// through until lists duty a: it is not cancelled and starts on one of
// those days in loc (nil: the zone of a's start). A night duty that starts
// the day before from belongs to the schedule of that day.
func OnSchedule(a Assignment, from, until Date, loc *time.Location) bool {
	if loc == nil {
		loc = a.Start.Location()
	}
	day := DateOf(a.Start.In(loc))
	return a.Status != Cancelled && !day.Before(from) && !day.After(until)
}
