package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

type assignmentRow struct {
	ID        int64 `gorm:"primaryKey"`
	SiteID    int64
	SlotName  string
	Role      string
	OfficerID int64
	SessionID *int64
	StartsAt  time.Time
	EndsAt    time.Time
	Status    string
	Version   int
	UpdatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	SiteCode  string `gorm:"->;-:migration"` // read from a join
	SiteArea  string `gorm:"->;-:migration"` // read from a join
}

func (assignmentRow) TableName() string { return "assignments" }

func (r assignmentRow) domain(loc *time.Location) roster.Assignment {
	return roster.Assignment{ID: r.ID, SiteID: r.SiteID, SiteCode: r.SiteCode, Area: r.SiteArea, SlotName: r.SlotName, Role: roster.AssignmentRole(r.Role),
		OfficerID: r.OfficerID, SessionID: r.SessionID, Start: r.StartsAt.In(loc), End: r.EndsAt.In(loc),
		Status: roster.AssignmentStatus(r.Status), Version: r.Version, UpdatedBy: r.UpdatedBy,
		CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc)}
}

type releaseRow struct {
	ID           int64 `gorm:"primaryKey"`
	AssignmentID int64
	OfficerID    int64
	Version      int
	ReleasedAt   time.Time
}

func (releaseRow) TableName() string { return "assignment_releases" }

const assignmentSelect = "assignments.*, sites.code AS site_code, sites.area AS site_area"

func (s *Store) assignmentQuery(db *gorm.DB) *gorm.DB {
	return db.Model(&assignmentRow{}).Select(assignmentSelect).Joins("JOIN sites ON sites.id = assignments.site_id")
}

// CreateAssignment books an officer for a duty, under every rule of
// roster.MayHold (a broken rule is EInvalid or EConflict naming it); the
// check and the insert are one transaction under a lock on the officer.
func (s *Store) CreateAssignment(ctx context.Context, actor string, a roster.Assignment) (roster.Assignment, error) {
	return s.BookAssignment(ctx, actor, a, "")
}

// BookAssignment is CreateAssignment where a manager may knowingly break
// the soft rules (the monthly limit) by giving an override reason, which
// the audit log records. "" enforces every rule.
func (s *Store) BookAssignment(ctx context.Context, actor string, a roster.Assignment, override string) (roster.Assignment, error) {
	var id int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.insertAssignment(tx, actor, a, roster.HoldRules{Override: override})
		return err
	})
	if err != nil {
		return roster.Assignment{}, err
	}
	return s.Assignment(ctx, id)
}

// insertAssignment checks and inserts a within tx; a.SiteID must be set.
func (s *Store) insertAssignment(tx *gorm.DB, actor string, a roster.Assignment, rules roster.HoldRules) (int64, error) {
	if err := s.lockOfficers(tx, a.OfficerID); err != nil {
		return 0, err
	}
	if err := s.mayHold(tx, a, a.OfficerID, "officer_id", rules); err != nil {
		return 0, err
	}
	now := ts(s.now())
	if a.Role == "" {
		a.Role = roster.Primary
	}
	row := assignmentRow{SiteID: a.SiteID, SlotName: a.SlotName, Role: string(a.Role), OfficerID: a.OfficerID, SessionID: a.SessionID,
		StartsAt: ts(a.Start), EndsAt: ts(a.End), Status: string(roster.Scheduled), Version: 1, UpdatedBy: actor, CreatedAt: now, UpdatedAt: now}
	if err := tx.Omit("SiteCode").Create(&row).Error; err != nil {
		return 0, err
	}
	return row.ID, s.audit(tx, actor, "create", "assignment", row.ID,
		fmt.Sprintf(`{"officer_id":%d,"site_id":%d,"slot":%q,"start":%q,"end":%q%s}`, a.OfficerID, a.SiteID, a.SlotName,
			a.Start.Format(time.RFC3339), a.End.Format(time.RFC3339), overrideDetail(rules.Override)))
}

// overrideDetail is the audit detail's override member, or "".
func overrideDetail(reason string) string {
	if reason == "" {
		return ""
	}
	return fmt.Sprintf(`,"override":%q`, reason)
}

// Assignment returns the assignment with id.
func (s *Store) Assignment(ctx context.Context, id int64) (roster.Assignment, error) {
	return s.assignmentTx(s.db.WithContext(ctx), id)
}

func (s *Store) assignmentTx(tx *gorm.DB, id int64) (roster.Assignment, error) {
	var row assignmentRow
	if err := s.assignmentQuery(tx).Where("assignments.id = ?", id).Take(&row).Error; err != nil {
		return roster.Assignment{}, notFound(err, "assignment")
	}
	return row.domain(s.loc), nil
}

// AssignmentFilter selects assignments overlapping [From, To); zero fields
// select all.
type AssignmentFilter struct {
	IDs              []int64
	SiteID           int64
	SiteIDs          []int64
	OfficerID        int64
	OfficerIDs       []int64
	Starts           []time.Time // duties starting at one of these instants
	SessionID        int64
	From, To         time.Time
	IncludeCancelled bool
	Role             roster.AssignmentRole
	Limit            int
}

// ListAssignments returns assignments ordered by start, then id.
func (s *Store) ListAssignments(ctx context.Context, f AssignmentFilter) ([]roster.Assignment, error) {
	return s.listAssignments(s.db.WithContext(ctx), f)
}

func (s *Store) listAssignments(db *gorm.DB, f AssignmentFilter) ([]roster.Assignment, error) {
	q := s.assignmentQuery(db).Order("assignments.starts_at, assignments.id")
	if f.IDs != nil {
		q = q.Where("assignments.id IN ?", orNone(f.IDs))
	}
	if f.SiteID != 0 {
		q = q.Where("assignments.site_id = ?", f.SiteID)
	}
	if f.SiteIDs != nil {
		q = q.Where("assignments.site_id IN ?", orNone(f.SiteIDs))
	}
	if f.OfficerID != 0 {
		q = q.Where("assignments.officer_id = ?", f.OfficerID)
	}
	if f.OfficerIDs != nil {
		q = q.Where("assignments.officer_id IN ?", orNone(f.OfficerIDs))
	}
	if f.Starts != nil {
		starts := make([]time.Time, len(f.Starts))
		for i, t := range f.Starts {
			starts[i] = ts(t)
		}
		q = q.Where("assignments.starts_at IN ?", starts)
	}
	if f.SessionID != 0 {
		q = q.Where("assignments.session_id = ?", f.SessionID)
	}
	if !f.From.IsZero() {
		// Bounded at both ends on the (site|officer, starts_at) indexes: a
		// duty lasts at most roster.MaxDutyLength, so one that ends after
		// From started after From minus that.
		q = q.Where("assignments.ends_at > ? AND assignments.starts_at > ?", ts(f.From), ts(f.From.Add(-roster.MaxDutyLength)))
	}
	if !f.To.IsZero() {
		q = q.Where("assignments.starts_at < ?", ts(f.To))
	}
	if !f.IncludeCancelled {
		q = q.Where("assignments.status = ?", roster.Scheduled)
	}
	if f.Role != "" {
		q = q.Where("assignments.role = ?", f.Role)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []assignmentRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.Assignment, len(rows))
	for i, r := range rows {
		out[i] = r.domain(s.loc)
	}
	return out, nil
}

// AssignmentChange is a change to an assignment; nil fields stay.
// Override is a manager's reason to break the soft rules (see
// BookAssignment); "" enforces every rule.
type AssignmentChange struct {
	OfficerID *int64
	Start     *time.Time
	End       *time.Time
	Override  string
}

// UpdateAssignment reassigns or moves a scheduled duty. ifVersion > 0 must
// match the stored version (EPrecondition otherwise). The new officer must
// be free (EConflict). The officer who gives the duty up keeps it in their
// feed as cancelled.
func (s *Store) UpdateAssignment(ctx context.Context, actor string, id int64, ch AssignmentChange, ifVersion int) (roster.Assignment, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		return s.updateAssignment(tx, actor, id, ch, ifVersion)
	})
	if err != nil {
		return roster.Assignment{}, err
	}
	return s.Assignment(ctx, id)
}

func (s *Store) updateAssignment(tx *gorm.DB, actor string, id int64, ch AssignmentChange, ifVersion int) error {
	// Lock the officers concerned and work from the row as it is under
	// those locks: whoever else changes the duty's officer or times holds
	// the same officer's lock, so nothing changes under us (a cancellation
	// meanwhile is caught by the version-checked UPDATE below). Locks are
	// taken officers first, duty rows after, as on every other path.
	var cur roster.Assignment
	for locked := map[int64]bool{}; ; {
		var err error
		if cur, err = s.assignmentTx(tx, id); err != nil {
			return err
		}
		need := []int64{cur.OfficerID}
		if ch.OfficerID != nil {
			need = append(need, *ch.OfficerID)
		}
		if locked[need[0]] && locked[need[len(need)-1]] {
			break
		}
		if err := s.lockOfficers(tx, need...); err != nil {
			return err
		}
		for _, o := range need {
			locked[o] = true
		}
	}
	next := cur
	if ch.OfficerID != nil {
		next.OfficerID = *ch.OfficerID
	}
	if ch.Start != nil {
		next.Start = *ch.Start
	}
	if ch.End != nil {
		next.End = *ch.End
	}
	if !next.End.After(next.Start) {
		return roster.Invalid(roster.FieldError{Field: "end", Code: roster.RuleRange, Message: "must be after start"})
	}
	if ifVersion > 0 && cur.Version != ifVersion {
		return roster.Errorf(roster.EPrecondition, "assignment %d has changed (version %d, not %d)", id, cur.Version, ifVersion)
	}
	if cur.Status == roster.Cancelled {
		return &roster.Error{Code: roster.EConflict, Rule: roster.RuleInvalid, Message: fmt.Sprintf("assignment %d is cancelled", id)}
	}
	if err := s.mayHold(tx, next, next.OfficerID, "officer_id", roster.HoldRules{Override: ch.Override}); err != nil {
		return err
	}
	res := tx.Model(&assignmentRow{}).Where("id = ? AND version = ?", id, cur.Version).Updates(map[string]any{
		"officer_id": next.OfficerID, "starts_at": ts(next.Start), "ends_at": ts(next.End),
		"version": cur.Version + 1, "updated_by": actor, "updated_at": ts(s.now()),
	})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return roster.Errorf(roster.EPrecondition, "assignment %d has changed", id)
	}
	if next.OfficerID != cur.OfficerID {
		if err := tx.Create(&releaseRow{AssignmentID: id, OfficerID: cur.OfficerID, Version: cur.Version + 1, ReleasedAt: ts(s.now())}).Error; err != nil {
			return err
		}
	}
	return s.audit(tx, actor, "update", "assignment", id, fmt.Sprintf(`{"officer_id":[%d,%d],"start":[%q,%q],"end":[%q,%q]%s}`,
		cur.OfficerID, next.OfficerID, cur.Start.Format(time.RFC3339), next.Start.Format(time.RFC3339),
		cur.End.Format(time.RFC3339), next.End.Format(time.RFC3339), overrideDetail(ch.Override)))
}

// CancelAssignment marks a duty cancelled; the row stays, for history and
// so feeds can tell calendar apps to remove it. Cancelling a cancelled duty
// changes nothing.
func (s *Store) CancelAssignment(ctx context.Context, actor string, id int64, ifVersion int) (roster.Assignment, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		cur, err := s.assignmentTx(tx, id)
		if err != nil {
			return err
		}
		if ifVersion > 0 && cur.Version != ifVersion {
			return roster.Errorf(roster.EPrecondition, "assignment %d has changed (version %d, not %d)", id, cur.Version, ifVersion)
		}
		if cur.Status == roster.Cancelled {
			return nil
		}
		return s.cancelAssignments(tx, actor, "cancel", []roster.Assignment{cur})
	})
	if err != nil {
		return roster.Assignment{}, err
	}
	return s.Assignment(ctx, id)
}

// cancelAssignments cancels scheduled duties inside tx, with an audit
// entry for each duty it cancelled.
func (s *Store) cancelAssignments(tx *gorm.DB, actor, why string, as []roster.Assignment) error {
	done, err := s.cancelRows(tx, actor, as)
	if err != nil {
		return err
	}
	for _, a := range done {
		if err := s.audit(tx, actor, why, "assignment", a.ID, fmt.Sprintf(`{"officer_id":%d}`, a.OfficerID)); err != nil {
			return err
		}
	}
	return nil
}

// cancelRows cancels the scheduled duties of as inside tx, without audit
// entries, and returns those it cancelled (the others were already).
func (s *Store) cancelRows(tx *gorm.DB, actor string, as []roster.Assignment) ([]roster.Assignment, error) {
	now := ts(s.now())
	var done []roster.Assignment
	for _, a := range as {
		res := tx.Model(&assignmentRow{}).Where("id = ? AND status = ?", a.ID, roster.Scheduled).Updates(map[string]any{
			"status": roster.Cancelled, "version": gorm.Expr("version + 1"), "updated_by": actor, "updated_at": now,
		})
		if res.Error != nil {
			return nil, res.Error
		}
		if res.RowsAffected > 0 {
			done = append(done, a)
		}
	}
	return done, nil
}

// OnDuty returns the duties at a site on at the instant at, as
// roster.OnDutyAt decides (primaries first).
func (s *Store) OnDuty(ctx context.Context, siteID int64, at time.Time) ([]roster.Assignment, error) {
	as, err := s.ListAssignments(ctx, AssignmentFilter{SiteID: siteID, From: at, To: at.Add(time.Second)})
	if err != nil {
		return nil, err
	}
	return roster.OnDutyAt(as, at), nil
}

// Release is a duty an officer held and gave up (reassigned to someone
// else): their feed keeps it as cancelled for a while.
type Release struct {
	Assignment roster.Assignment // as it is now (another officer holds it)
	OfficerID  int64             // who gave it up
	Version    int               // the assignment version at release
	ReleasedAt time.Time
}

// ReleasesOf returns the duties officerID gave up to others, whose times
// overlap [from, to), latest release per duty, unless they hold it again.
func (s *Store) ReleasesOf(ctx context.Context, officerID int64, from, to time.Time) ([]Release, error) {
	var rels []releaseRow
	err := s.db.WithContext(ctx).Where("officer_id = ?", officerID).Order("released_at, id").Find(&rels).Error
	if err != nil {
		return nil, mapErr(err)
	}
	latest := map[int64]releaseRow{}
	var ids []int64
	for _, r := range rels {
		if _, ok := latest[r.AssignmentID]; !ok {
			ids = append(ids, r.AssignmentID)
		}
		latest[r.AssignmentID] = r
	}
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []assignmentRow
	err = s.assignmentQuery(s.db.WithContext(ctx)).
		Where("assignments.id IN ? AND assignments.officer_id <> ? AND assignments.ends_at > ? AND assignments.starts_at < ?", ids, officerID, ts(from), ts(to)).
		Order("assignments.starts_at, assignments.id").Find(&rows).Error
	if err != nil {
		return nil, mapErr(err)
	}
	out := make([]Release, 0, len(rows))
	for _, r := range rows {
		rel := latest[r.ID]
		out = append(out, Release{Assignment: r.domain(s.loc), OfficerID: officerID, Version: rel.Version, ReleasedAt: rel.ReleasedAt.In(s.loc)})
	}
	return out, nil
}

// Colleagues returns, for each scheduled duty in as, the other scheduled
// duties of the same slot occurrence (roster.OccurrenceOf): the backups of
// a primary, the primary of a backup.
func (s *Store) Colleagues(ctx context.Context, as []roster.Assignment) (map[int64][]roster.Assignment, error) {
	seen := map[roster.SlotOccurrence]bool{}
	var siteIDs []int64
	var starts []time.Time
	for _, a := range as {
		if a.Status != roster.Scheduled {
			continue
		}
		if k := roster.OccurrenceOf(a); !seen[k] {
			seen[k] = true
			siteIDs = append(siteIDs, a.SiteID)
			starts = append(starts, ts(a.Start))
		}
	}
	if len(seen) == 0 {
		return map[int64][]roster.Assignment{}, nil
	}
	// Equality on (site, start) uses the assignments_site_time index; the
	// exact occurrence is matched by roster.Colleagues.
	var candidates []roster.Assignment
	for i := 0; i < len(starts); i += 500 {
		j := min(i+500, len(starts))
		list, err := s.listAssignments(s.db.WithContext(ctx), AssignmentFilter{SiteIDs: uniqueSorted(siteIDs[i:j]), Starts: starts[i:j]})
		if err != nil {
			return nil, err
		}
		candidates = append(candidates, list...)
	}
	return roster.Colleagues(as, candidates), nil
}
