package roster

import (
	"slices"
	"strings"
	"time"
)

// Role is what a user may do.
type Role string

// The roles of the contract.
const (
	RoleManager   Role = "manager"   // may do everything
	RoleOfficer   Role = "officer"   // reads, and changes only its own leave and swaps
	RoleReception Role = "reception" // reads only
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleManager || r == RoleOfficer || r == RoleReception }

// User is someone who calls the API or signs in to the pages.
type User struct {
	ID        int64
	Name      string
	Role      Role
	OfficerID *int64 // the officer this user is, for role officer
	Disabled  bool   // a disabled user can neither sign in nor use a token
	CreatedAt time.Time
}

// OfficerKind is the kind of person who can be rostered.
type OfficerKind string

// Officer kinds.
const (
	KindLegalAidOfficer OfficerKind = "legal_aid_officer" // Trợ giúp viên pháp lý
	KindLawyer          OfficerKind = "lawyer"            // Luật sư ký hợp đồng
	KindStaff           OfficerKind = "staff"             // other staff of the Center
)

// Valid reports whether k is a known kind.
func (k OfficerKind) Valid() bool {
	return k == KindLegalAidOfficer || k == KindLawyer || k == KindStaff
}

// Specialties are the fields of law officers practise; outreach results are
// counted by the same fields plus "other".
var Specialties = []string{
	"criminal",         // hình sự
	"civil",            // dân sự
	"land",             // đất đai
	"administrative",   // hành chính
	"labour",           // lao động
	"social_insurance", // bảo hiểm xã hội
	"marriage_family",  // hôn nhân gia đình
}

// ValidSpecialty reports whether s is one of Specialties.
func ValidSpecialty(s string) bool { return slices.Contains(Specialties, s) }

// Officer is a legal-aid officer, contracted lawyer or staff member who can
// hold duties.
type Officer struct {
	ID           int64
	FullName     string
	Kind         OfficerKind
	Email        string
	Phone        string
	Specialties  []string
	Active       bool
	MonthlyLimit int      // most duties in one calendar month; 0 = no limit
	Language     string   // "vi" (default) or "en", for reminders
	Channels     []string // reminder channels: "email", "webhook", "log"
	Sites        []int64  // the duty sites the officer may serve; empty: every site
	FeedSecret   string   // secret part of the personal feed URL
	// Unavailability is when the officer can never hold duty (a contracted
	// lawyer who pleads elsewhere on Tuesdays): a hard rule.
	Unavailability []Unavailability
	// PreferredSites are the codes of the sites the officer would rather
	// serve: a soft wish the planner follows when it can.
	PreferredSites []string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// MayServeAt reports whether o may hold duty at site: every officer may
// when o.Sites is empty, and at outreach sites (staffed session by session).
func (o Officer) MayServeAt(site Site) bool {
	return len(o.Sites) == 0 || site.Kind == SiteOutreach || slices.Contains(o.Sites, site.ID)
}

// HasSpecialty reports whether o practises s; an empty s is always met.
func (o Officer) HasSpecialty(s string) bool {
	return s == "" || slices.Contains(o.Specialties, s)
}

// SiteKind is the kind of a duty site.
type SiteKind string

// Site kinds.
const (
	SiteCourt    SiteKind = "court"
	SiteOutreach SiteKind = "outreach"
	SiteOffice   SiteKind = "office"
)

// Valid reports whether k is a known site kind.
func (k SiteKind) Valid() bool { return k == SiteCourt || k == SiteOutreach || k == SiteOffice }

// SlotDays says on which days a slot runs.
type SlotDays string

// Slot day rules.
const (
	Workdays SlotDays = "workdays" // Monday–Friday minus days off, plus swapped working Saturdays
	Daily    SlotDays = "daily"    // every day, as 24/7 phone duty
)

// Slot is a recurring duty period at a site, such as "Sáng" 07:30–11:30.
type Slot struct {
	ID        int64
	Name      string
	Start     Clock
	End       Clock // at or before Start: runs into the next day (equal: 24 hours)
	Officers  int   // primary officers needed
	Backups   int   // backup officers needed
	Days      SlotDays
	Specialty string // required specialty, or ""
}

// Window returns the instants a slot occurrence on day d starts and ends.
func (s Slot) Window(d Date, loc *time.Location) (start, end time.Time) {
	start = d.In(loc).Add(time.Duration(s.Start) * time.Minute)
	endDay := d
	if s.End <= s.Start {
		endDay = d.AddDays(1)
	}
	end = endDay.In(loc).Add(time.Duration(s.End) * time.Minute)
	return start, end
}

// RunsOn reports whether the slot runs on day d, given whether d is a working day.
func (s Slot) RunsOn(d Date, workday bool) bool {
	if s.Days == Daily {
		return true
	}
	return workday
}

// Site is a place where officers hold duty: a court's reception, a phone
// duty line, an office. Sites are data with a validity period: courts are
// reorganised and a closed site keeps its history.
type Site struct {
	ID                  int64
	Code                string
	Name                string
	Kind                SiteKind
	Address             string
	Area                string // e.g. "Hải Phòng", "Hải Dương": an officer serves one area a day
	ReceptionPhone      string
	ContactEmail        string
	ValidFrom           *Date
	ValidTo             *Date
	RequireSwapApproval bool
	Slots               []Slot
	FeedSecret          string
	BoardSecret         string
	Version             int
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// OpenOn reports whether the site is valid on day d.
func (s Site) OpenOn(d Date) bool {
	if s.ValidFrom != nil && d.Before(*s.ValidFrom) {
		return false
	}
	if s.ValidTo != nil && d.After(*s.ValidTo) {
		return false
	}
	return true
}

// Slot returns the slot named name.
func (s Site) Slot(name string) (Slot, bool) {
	for _, sl := range s.Slots {
		if strings.EqualFold(sl.Name, name) {
			return sl, true
		}
	}
	return Slot{}, false
}

// Leave is a period an officer is away; the officer holds no duty in it.
type Leave struct {
	ID        int64
	OfficerID int64
	From      Date // inclusive
	To        Date // inclusive
	Reason    string
	CreatedBy string
	CreatedAt time.Time
}

// Span returns the instants the leave covers in loc: [From 00:00, To+1 00:00).
func (l Leave) Span(loc *time.Location) (start, end time.Time) {
	return l.From.In(loc), l.To.AddDays(1).In(loc)
}

// AssignmentRole is whether an officer is the primary or the backup of a slot.
type AssignmentRole string

// Assignment roles.
const (
	Primary AssignmentRole = "primary"
	Backup  AssignmentRole = "backup"
)

// AssignmentStatus is the state of a duty.
type AssignmentStatus string

// Assignment states. A cancelled duty keeps its row (history, feeds).
const (
	Scheduled AssignmentStatus = "scheduled"
	Cancelled AssignmentStatus = "cancelled"
)

// Assignment is one duty: an officer at a site (and slot) from Start to End.
type Assignment struct {
	ID        int64
	SiteID    int64
	SiteCode  string
	Area      string // the site's area, "" when unknown (see RuleSettings)
	SlotName  string // "" for an ad-hoc duty
	Role      AssignmentRole
	OfficerID int64
	SessionID *int64 // the outreach session this duty staffs, if any
	Start     time.Time
	End       time.Time
	Status    AssignmentStatus
	Version   int
	UpdatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Overlaps reports whether [aStart,aEnd) and [bStart,bEnd) share an instant.
func Overlaps(aStart, aEnd, bStart, bEnd time.Time) bool {
	return aStart.Before(bEnd) && bStart.Before(aEnd)
}

// AuditEntry records one change: who, when, what.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    string
	Action   string // "create", "update", "cancel", "delete", "plan", ...
	Entity   string // "officer", "site", "assignment", ...
	EntityID string
	Detail   string // JSON or text describing the change
}
