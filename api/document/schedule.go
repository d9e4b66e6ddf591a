package document

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"lichtruc/roster"
)

// Settings are the Center's settings for its official documents
// (roster.DocumentSettings).
type Settings = roster.DocumentSettings

// DefaultSettings returns the settings of the State Legal Aid Center of Hai
// Phong, without a signer's name.
func DefaultSettings() Settings { return roster.DefaultDocumentSettings() }

// Schedule is a duty schedule of one or more sites over a span of days.
type Schedule struct {
	Number   string      // the number given at publication; "" before it
	Date     roster.Date // the date the document bears; zero before publication
	From, To roster.Date // the span, both days included
	Sections []Section   // one per site, in this order
	Officers map[int64]roster.Officer
	Sessions map[int64]roster.OutreachSession // by ID: an outreach duty's row names its session and venue
	Loc      *time.Location                   // the Center's time zone
}

// Section is one site's part of a schedule.
type Section struct {
	Site   roster.Site
	Duties []roster.Assignment // the site's duties in the span; cancelled ones are left out
}

// scheduleRow is one line of a schedule's table: one slot occurrence with
// its primary and backup officers.
type scheduleRow struct {
	Start, End time.Time
	Date       roster.Date
	Slot       string // the slot's name, or the outreach session's title and venue; "" for an ad-hoc duty
	Hours      string // "07:30 – 11:30", "07:00 – 07:00 hôm sau"
	Primaries  []roster.Officer
	Backups    []roster.Officer
}

// sectionTitle is the title of a site's section (catalog.Document.Title).
func sectionTitle(s roster.Site) string { return vi.Title(s) }

// rows groups the section's duties by occurrence (start, end, slot), in time
// order, primaries and backups each in the order of the duties' IDs.
func (s Schedule) rows(sec Section) []scheduleRow {
	duties := slices.Clone(sec.Duties)
	slices.SortFunc(duties, func(a, b roster.Assignment) int {
		return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End), strings.Compare(a.SlotName, b.SlotName),
			cmp.Compare(sessionOf(a), sessionOf(b)), cmp.Compare(a.ID, b.ID))
	})
	var out []scheduleRow
	for _, a := range duties {
		if a.Status == roster.Cancelled {
			continue
		}
		slot := nfc(a.SlotName)
		if a.SessionID != nil {
			if se, ok := s.Sessions[*a.SessionID]; ok {
				slot = nfc(strings.TrimSpace(se.Title + vi.VenueSep + se.Venue))
			}
		}
		if n := len(out); n == 0 || !out[n-1].Start.Equal(a.Start) || !out[n-1].End.Equal(a.End) || out[n-1].Slot != slot {
			start, end := a.Start.In(s.Loc), a.End.In(s.Loc)
			out = append(out, scheduleRow{Start: start, End: end, Date: roster.DateOf(start), Slot: slot, Hours: hours(start, end)})
		}
		r := &out[len(out)-1]
		o := s.Officers[a.OfficerID]
		if a.Role == roster.Backup {
			r.Backups = append(r.Backups, o)
		} else {
			r.Primaries = append(r.Primaries, o)
		}
	}
	return out
}

// sessionOf is the ID of the outreach session a duty staffs, 0 for none.
func sessionOf(a roster.Assignment) int64 {
	if a.SessionID == nil {
		return 0
	}
	return *a.SessionID
}

// hours formats a duty's times: "07:30 – 11:30", or "19:00 – 07:00 hôm sau"
// when it ends on a later day.
func hours(start, end time.Time) string {
	sd, ed := roster.DateOf(start), roster.DateOf(end)
	endText := end.Format("15:04")
	switch {
	case ed == sd:
	case ed == sd.AddDays(1) && end.Hour() == 0 && end.Minute() == 0:
		endText = "24:00"
	case ed == sd.AddDays(1):
		endText += " " + vi.NextDay
	default:
		endText += " " + dayDate(ed)
	}
	return start.Format("15:04") + " – " + endText
}

// dayDate formats d as "04/01/2027".
func dayDate(d roster.Date) string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year) }

// weekday names d's day of the week: "Thứ Hai".
func weekday(d roster.Date) string { return vi.Weekday(d) }

// dateLine is the place and date of a document in the form of Decree 30:
// days below 10 and the months January and February take a leading zero.
func (s Schedule) dateLine(place string) string {
	if s.Date.IsZero() {
		return fmt.Sprintf(vi.DateBlank, place, s.From.Year)
	}
	month := fmt.Sprint(int(s.Date.Month))
	if s.Date.Month <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf(vi.DateLine, place, fmt.Sprintf("%02d", s.Date.Day), month, s.Date.Year)
}

// numberLine is "Số: 12/LT-TTTGPL", dots in place of the number before
// publication.
func (s Schedule) numberLine(suffix string) string {
	n := strings.TrimSpace(s.Number)
	if n == "" {
		n = vi.NumberBlank
	}
	return fmt.Sprintf(vi.NumberLabel, n, suffix)
}

// names joins officers' names, one a line.
func names(os []roster.Officer) string {
	var b []string
	for _, o := range os {
		b = append(b, nfc(o.FullName))
	}
	return strings.Join(b, "\n")
}

// phones joins officers' phone numbers, one a line.
func phones(os []roster.Officer) string {
	var b []string
	for _, o := range os {
		b = append(b, o.Phone)
	}
	return strings.Join(b, "\n")
}

// nfc puts text in precomposed form, the form the embedded font covers.
func nfc(s string) string { return norm.NFC.String(s) }
