package roster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// DutyFigures count duties: those held (scheduled) split into primary and
// backup, their length, and those cancelled.
type DutyFigures struct {
	Scheduled      int // duties held (status scheduled)
	Primary        int
	Backup         int
	Outreach       int // of Scheduled, duties for outreach sessions
	Minutes        int // length of the scheduled duties
	PrimaryMinutes int
	BackupMinutes  int
	Cancelled      int // duties cancelled (leave, replanning, a manager)
}

// Hours returns Minutes in hours, rounded to 0.01.
func (f DutyFigures) Hours() float64 { return hours(f.Minutes) }

// PrimaryHours returns PrimaryMinutes in hours, rounded to 0.01.
func (f DutyFigures) PrimaryHours() float64 { return hours(f.PrimaryMinutes) }

// BackupHours returns BackupMinutes in hours, rounded to 0.01.
func (f DutyFigures) BackupHours() float64 { return hours(f.BackupMinutes) }

func hours(min int) float64 { return math.Round(float64(min)/60*100) / 100 }

func (f *DutyFigures) add(a Assignment) {
	if a.Status == Cancelled {
		f.Cancelled++
		return
	}
	min := int(a.End.Sub(a.Start) / time.Minute)
	f.Scheduled++
	f.Minutes += min
	if a.Role == Backup {
		f.Backup++
		f.BackupMinutes += min
	} else {
		f.Primary++
		f.PrimaryMinutes += min
	}
	if a.SessionID != nil {
		f.Outreach++
	}
}

// SiteDuties are the duties held at one site.
type SiteDuties struct {
	Site Site
	DutyFigures
}

// OfficerDuties are the duties one officer held.
type OfficerDuties struct {
	Officer Officer
	DutyFigures
	SwapsGiven int // applied swap requests in which the officer gave a duty away
	SwapsTaken int // applied swap requests in which the officer took a duty
}

// SwapFigures count the swap requests made in a period.
type SwapFigures struct {
	Requested int
	ByStatus  map[SwapStatus]int
	Given     map[int64]int // applied requests by the officer who gave the duty
	Taken     map[int64]int // applied requests by the officer who took it
}

// Applied returns the number of requests that changed duties.
func (s SwapFigures) Applied() int { return s.ByStatus[SwapApplied] }

// DutyReport is who held how many duties, where, in a period of days.
type DutyReport struct {
	From, To  Date // inclusive
	Total     DutyFigures
	BySite    []SiteDuties    // by site code
	ByOfficer []OfficerDuties // by officer id
	Swaps     *SwapFigures    // nil when not counted
}

// BuildDutyReport counts the duties that start in [from, to] (days in loc).
// BySite lists every site with a duty in the period; ByOfficer every active
// officer and every officer with a duty in it (an active officer with none
// is worth seeing). Sites and officers missing from the lists given appear
// with their id only. swaps may be nil.
func BuildDutyReport(from, to Date, loc *time.Location, as []Assignment, sites []Site, officers []Officer, swaps *SwapFigures) DutyReport {
	r := DutyReport{From: from, To: to, Swaps: swaps}
	lo, hi := from.In(loc), to.AddDays(1).In(loc)
	siteByID := map[int64]Site{}
	for _, s := range sites {
		siteByID[s.ID] = s
	}
	bySite := map[int64]*SiteDuties{}
	byOfficer := map[int64]*OfficerDuties{}
	for _, o := range officers {
		if o.Active {
			byOfficer[o.ID] = &OfficerDuties{Officer: o}
		}
	}
	officerByID := map[int64]Officer{}
	for _, o := range officers {
		officerByID[o.ID] = o
	}
	for _, a := range as {
		if a.Start.Before(lo) || !a.Start.Before(hi) {
			continue
		}
		r.Total.add(a)
		sd := bySite[a.SiteID]
		if sd == nil {
			site, ok := siteByID[a.SiteID]
			if !ok {
				site = Site{ID: a.SiteID, Code: a.SiteCode}
			}
			sd = &SiteDuties{Site: site}
			bySite[a.SiteID] = sd
		}
		sd.add(a)
		od := byOfficer[a.OfficerID]
		if od == nil {
			o, ok := officerByID[a.OfficerID]
			if !ok {
				o = Officer{ID: a.OfficerID}
			}
			od = &OfficerDuties{Officer: o}
			byOfficer[a.OfficerID] = od
		}
		od.add(a)
	}
	if swaps != nil {
		for id, n := range swaps.Given {
			if od := byOfficer[id]; od != nil {
				od.SwapsGiven = n
			}
		}
		for id, n := range swaps.Taken {
			if od := byOfficer[id]; od != nil {
				od.SwapsTaken = n
			}
		}
	}
	for _, sd := range bySite {
		r.BySite = append(r.BySite, *sd)
	}
	slices.SortFunc(r.BySite, func(a, b SiteDuties) int { return strings.Compare(a.Site.Code, b.Site.Code) })
	for _, od := range byOfficer {
		r.ByOfficer = append(r.ByOfficer, *od)
	}
	slices.SortFunc(r.ByOfficer, func(a, b OfficerDuties) int { return cmp.Compare(a.Officer.ID, b.Officer.ID) })
	return r
}
