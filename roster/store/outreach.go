package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"lichtruc/roster"
)

// OutreachSiteCode is the code of the site outreach duties are put on when a
// session names none. The store creates it ("Trợ giúp pháp lý lưu động",
// kind outreach, no slots) the first time it is needed.
const OutreachSiteCode = "LUU-DONG"

// outreachSiteName is the name OutreachSiteCode is created with.
const outreachSiteName = "Trợ giúp pháp lý lưu động"

type outreachRow struct {
	ID        int64 `gorm:"primaryKey"`
	Title     string
	Venue     string
	Commune   string
	Address   string
	Notes     string
	SiteID    int64
	StartsAt  time.Time
	EndsAt    time.Time
	Status    string
	Attendees *int
	Requests  *int
	ResultsAt *time.Time
	ResultsBy string
	Version   int
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	SiteCode  string `gorm:"->;-:migration"` // read from a join
}

func (outreachRow) TableName() string { return "outreach_sessions" }

type sessionPartnerRow struct {
	SessionID int64 `gorm:"primaryKey;autoIncrement:false"`
	PartnerID int64 `gorm:"primaryKey;autoIncrement:false"`
	Position  int
}

func (sessionPartnerRow) TableName() string { return "session_partners" }

type consultationRow struct {
	SessionID int64  `gorm:"primaryKey;autoIncrement:false"`
	Field     string `gorm:"primaryKey"`
	Cases     int
}

func (consultationRow) TableName() string { return "session_consultations" }

// renameField returns err with its field errors named from renamed to.
func renameField(err error, from, to string) error {
	var re *roster.Error
	if !errors.As(err, &re) || len(re.Fields) == 0 {
		return err
	}
	cp := *re
	cp.Fields = slices.Clone(re.Fields)
	for i := range cp.Fields {
		if cp.Fields[i].Field == from {
			cp.Fields[i].Field = to
		}
	}
	return &cp
}

// outreachSite returns the site a session's duties go on: the outreach
// site named code, or OutreachSiteCode (created in tx when missing). The
// site must be open on the session's first day.
func (s *Store) outreachSite(tx *gorm.DB, actor, code string, start time.Time) (roster.Site, error) {
	if code == "" {
		code = OutreachSiteCode
		now := ts(s.now())
		res := tx.Exec(`INSERT INTO sites (code, name, kind, feed_secret, board_secret, version, created_at, updated_at)
			VALUES (?, ?, 'outreach', ?, ?, 1, ?, ?) ON CONFLICT (code) DO NOTHING`, code, outreachSiteName, NewSecret(), NewSecret(), now, now)
		if res.Error != nil {
			return roster.Site{}, res.Error
		}
		if res.RowsAffected > 0 {
			if err := s.audit(tx, actor, "create", "site", code, `{"kind":"outreach","for":"outreach sessions"}`); err != nil {
				return roster.Site{}, err
			}
		}
	}
	site, err := s.siteWhereTx(tx, "code = ?", code)
	if roster.ErrorCode(err) == roster.ENotFound {
		return roster.Site{}, roster.Invalid(roster.FieldError{Field: "site", Code: roster.RuleNotFound, Message: fmt.Sprintf("no site with code %q", code)})
	}
	if err != nil {
		return roster.Site{}, err
	}
	if site.Kind != roster.SiteOutreach {
		return roster.Site{}, roster.Invalid(roster.FieldError{Field: "site", Code: roster.RuleOneOf,
			Message: fmt.Sprintf("site %s is a %s site; outreach duties go on an outreach site", site.Code, site.Kind)})
	}
	if day := roster.DateOf(start.In(s.loc)); !site.OpenOn(day) {
		return roster.Site{}, roster.Invalid(roster.FieldError{Field: "site", Code: roster.RuleSiteClosed, Message: fmt.Sprintf("site %s is closed on %s", site.Code, day)})
	}
	return site, nil
}

// checkOutreachOfficers fails naming "officer_ids[i]" when an officer in
// ids (indexes as in all) does not exist or is not active.
func (s *Store) checkOutreachOfficers(tx *gorm.DB, all []int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var rows []officerRow
	if err := tx.Select("id, active").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return err
	}
	active := map[int64]bool{}
	exists := map[int64]bool{}
	for _, r := range rows {
		exists[r.ID], active[r.ID] = true, r.Active
	}
	var v roster.Validator
	for i, id := range all {
		if !slices.Contains(ids, id) {
			continue
		}
		f := fmt.Sprintf("officer_ids[%d]", i)
		switch {
		case !exists[id]:
			v.Add(f, roster.RuleNotFound, "officer %d does not exist", id)
		case !active[id]:
			v.Add(f, roster.RuleInactive, "officer %d is not active", id)
		}
	}
	return v.Err()
}

// CreateOutreachSession stores a session and books each of its officers
// for it: one assignment per officer with SessionID set, on the outreach
// site, checked like any duty (EConflict on a clash with another duty or a
// leave), all in one transaction under the officers' locks. Partners are
// given by ID or by Name (new names make new partners). Results may be
// given for a session that has started.
func (s *Store) CreateOutreachSession(ctx context.Context, actor string, sess roster.OutreachSession) (roster.OutreachSession, error) {
	trimSession(&sess)
	now := s.now()
	if err := sess.Validate(now); err != nil {
		return roster.OutreachSession{}, err
	}
	var id int64
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.createSessionTx(tx, actor, sess, now)
		return err
	})
	if err != nil {
		return roster.OutreachSession{}, err
	}
	return s.OutreachSession(ctx, id)
}

// createSessionTx stores a checked session in tx and books its officers
// (CreateOutreachSession); it returns the session's ID.
func (s *Store) createSessionTx(tx *gorm.DB, actor string, sess roster.OutreachSession, now time.Time) (int64, error) {
	site, err := s.outreachSite(tx, actor, sess.SiteCode, sess.Start)
	if err != nil {
		return 0, err
	}
	partners, err := s.resolvePartners(tx, actor, sess.Partners)
	if err != nil {
		return 0, err
	}
	if err := s.checkOutreachOfficers(tx, sess.OfficerIDs, sess.OfficerIDs); err != nil {
		return 0, err
	}
	if len(sess.OfficerIDs) > 0 {
		if err := s.lockOfficers(tx, sess.OfficerIDs...); err != nil {
			return 0, err
		}
	}
	nowTS := ts(now)
	row := outreachRow{Title: sess.Title, Venue: sess.Venue, Commune: sess.Commune, Address: sess.Address, Notes: sess.Notes,
		SiteID: site.ID, StartsAt: ts(sess.Start), EndsAt: ts(sess.End), Status: string(roster.SessionScheduled),
		Version: 1, CreatedBy: actor, CreatedAt: nowTS, UpdatedAt: nowTS}
	if sess.Results != nil {
		setResults(&row, *sess.Results, actor, nowTS)
	}
	if err := tx.Omit("SiteCode").Create(&row).Error; err != nil {
		return 0, err
	}
	id := row.ID
	if err := s.writeSessionPartners(tx, id, partners); err != nil {
		return 0, err
	}
	if sess.Results != nil {
		if err := s.writeConsultations(tx, id, sess.Results.Consultations); err != nil {
			return 0, err
		}
	}
	for i, oid := range sess.OfficerIDs {
		_, err := s.insertAssignment(tx, actor, roster.Assignment{SiteID: site.ID, Role: roster.Primary, OfficerID: oid,
			SessionID: &id, Start: sess.Start, End: sess.End}, roster.HoldRules{})
		if err != nil {
			return 0, renameField(err, "officer_id", fmt.Sprintf("officer_ids[%d]", i))
		}
	}
	return id, s.audit(tx, actor, "create", "outreach_session", id, jsonDetail(map[string]any{
		"title": sess.Title, "venue": sess.Venue, "site": site.Code, "start": sess.Start.Format(time.RFC3339),
		"end": sess.End.Format(time.RFC3339), "partner_ids": partnerIDs(partners), "officer_ids": sess.OfficerIDs}))
}

func trimSession(s *roster.OutreachSession) {
	for _, f := range []*string{&s.Title, &s.Venue, &s.Commune, &s.Address, &s.Notes} {
		*f = strings.TrimSpace(*f)
	}
	s.SiteCode = strings.TrimSpace(s.SiteCode)
}

func partnerIDs(ps []roster.Partner) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

func setResults(row *outreachRow, r roster.SessionResults, actor string, now time.Time) {
	att, req := r.Attendees, r.Requests
	row.Attendees, row.Requests, row.ResultsAt, row.ResultsBy = &att, &req, &now, actor
}

func (s *Store) writeSessionPartners(tx *gorm.DB, id int64, partners []roster.Partner) error {
	if err := tx.Where("session_id = ?", id).Delete(&sessionPartnerRow{}).Error; err != nil {
		return err
	}
	rows := make([]sessionPartnerRow, len(partners))
	for i, p := range partners {
		rows[i] = sessionPartnerRow{SessionID: id, PartnerID: p.ID, Position: i}
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Create(&rows).Error
}

func (s *Store) writeConsultations(tx *gorm.DB, id int64, cases map[string]int) error {
	if err := tx.Where("session_id = ?", id).Delete(&consultationRow{}).Error; err != nil {
		return err
	}
	var rows []consultationRow
	for _, f := range roster.ConsultationFields {
		if n := cases[f]; n > 0 {
			rows = append(rows, consultationRow{SessionID: id, Field: f, Cases: n})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Create(&rows).Error
}

// OutreachSession returns the session with id, with its partners, duties
// and results.
func (s *Store) OutreachSession(ctx context.Context, id int64) (roster.OutreachSession, error) {
	return s.outreachSessionTx(s.db.WithContext(ctx), id)
}

func (s *Store) outreachSessionTx(db *gorm.DB, id int64) (roster.OutreachSession, error) {
	list, err := s.listOutreach(db, OutreachFilter{IDs: []int64{id}})
	if err != nil {
		return roster.OutreachSession{}, err
	}
	if len(list) == 0 {
		return roster.OutreachSession{}, roster.Errorf(roster.ENotFound, "outreach session %d not found", id)
	}
	return list[0], nil
}

// OutreachFilter selects sessions; zero fields select all.
type OutreachFilter struct {
	From, To  time.Time // sessions starting in [From, To)
	PartnerID int64     // held with this partner
	OfficerID int64     // with a scheduled duty of this officer
	Status    roster.SessionStatus
	IDs       []int64
}

// ListOutreachSessions returns sessions ordered by start, then id.
func (s *Store) ListOutreachSessions(ctx context.Context, f OutreachFilter) ([]roster.OutreachSession, error) {
	return s.listOutreach(s.db.WithContext(ctx), f)
}

func (s *Store) listOutreach(db *gorm.DB, f OutreachFilter) ([]roster.OutreachSession, error) {
	q := db.Model(&outreachRow{}).Select("outreach_sessions.*, sites.code AS site_code").
		Joins("JOIN sites ON sites.id = outreach_sessions.site_id").
		Order("outreach_sessions.starts_at, outreach_sessions.id")
	if !f.From.IsZero() {
		q = q.Where("outreach_sessions.starts_at >= ?", ts(f.From))
	}
	if !f.To.IsZero() {
		q = q.Where("outreach_sessions.starts_at < ?", ts(f.To))
	}
	if f.PartnerID != 0 {
		q = q.Where("outreach_sessions.id IN (SELECT session_id FROM session_partners WHERE partner_id = ?)", f.PartnerID)
	}
	if f.OfficerID != 0 {
		q = q.Where("outreach_sessions.id IN (SELECT session_id FROM assignments WHERE officer_id = ? AND status = ? AND session_id IS NOT NULL)",
			f.OfficerID, roster.Scheduled)
	}
	if f.Status != "" {
		q = q.Where("outreach_sessions.status = ?", f.Status)
	}
	if f.IDs != nil {
		q = q.Where("outreach_sessions.id IN ?", orNone(f.IDs))
	}
	var rows []outreachRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]roster.OutreachSession, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	index := map[int64]int{}
	for i, r := range rows {
		ids[i], index[r.ID] = r.ID, i
		out[i] = roster.OutreachSession{ID: r.ID, Title: r.Title, Venue: r.Venue, Commune: r.Commune, Address: r.Address, Notes: r.Notes,
			SiteID: r.SiteID, SiteCode: r.SiteCode, Start: r.StartsAt.In(s.loc), End: r.EndsAt.In(s.loc), Status: roster.SessionStatus(r.Status),
			Partners: []roster.Partner{}, OfficerIDs: []int64{}, Duties: []roster.Assignment{}, Version: r.Version, CreatedBy: r.CreatedBy,
			CreatedAt: r.CreatedAt.In(s.loc), UpdatedAt: r.UpdatedAt.In(s.loc)}
		if r.ResultsAt != nil && r.Attendees != nil {
			res := &roster.SessionResults{Attendees: *r.Attendees, Consultations: map[string]int{}, RecordedAt: r.ResultsAt.In(s.loc), RecordedBy: r.ResultsBy}
			if r.Requests != nil {
				res.Requests = *r.Requests
			}
			out[i].Results = res
		}
	}
	// Partners, in the order the session names them.
	var links []sessionPartnerRow
	if err := db.Where("session_id IN ?", ids).Order("session_id, position").Find(&links).Error; err != nil {
		return nil, mapErr(err)
	}
	var pids []int64
	for _, l := range links {
		pids = append(pids, l.PartnerID)
	}
	partners := map[int64]roster.Partner{}
	if len(pids) > 0 {
		var prows []partnerRow
		if err := db.Where("id IN ?", uniqueSorted(pids)).Find(&prows).Error; err != nil {
			return nil, mapErr(err)
		}
		for _, p := range prows {
			partners[p.ID] = p.domain(s.loc)
		}
	}
	for _, l := range links {
		i := index[l.SessionID]
		out[i].Partners = append(out[i].Partners, partners[l.PartnerID])
	}
	// Results by field.
	var cons []consultationRow
	if err := db.Where("session_id IN ?", ids).Find(&cons).Error; err != nil {
		return nil, mapErr(err)
	}
	for _, c := range cons {
		if r := out[index[c.SessionID]].Results; r != nil {
			r.Consultations[c.Field] = c.Cases
		}
	}
	// Duties, in the order they were booked.
	var duties []assignmentRow
	if err := s.assignmentQuery(db).Where("assignments.session_id IN ?", ids).Order("assignments.id").Find(&duties).Error; err != nil {
		return nil, mapErr(err)
	}
	for _, d := range duties {
		i := index[*d.SessionID]
		out[i].Duties = append(out[i].Duties, d.domain(s.loc))
		if d.Status == string(roster.Scheduled) && !slices.Contains(out[i].OfficerIDs, d.OfficerID) {
			out[i].OfficerIDs = append(out[i].OfficerIDs, d.OfficerID)
		}
	}
	return out, nil
}

// lockSession takes a row lock on the session (PostgreSQL) so that two
// changes to one session run one after the other, and returns it as it
// stands. It fails with ENotFound when there is no such session, and with
// EPrecondition when ifVersion > 0 is not its version.
func (s *Store) lockSession(tx *gorm.DB, id int64, ifVersion int) (roster.OutreachSession, error) {
	q := "SELECT id FROM outreach_sessions WHERE id = ?"
	if s.dialect == "postgres" {
		q += " FOR UPDATE"
	}
	var found []int64
	if err := tx.Raw(q, id).Scan(&found).Error; err != nil {
		return roster.OutreachSession{}, err
	}
	if len(found) == 0 {
		return roster.OutreachSession{}, roster.Errorf(roster.ENotFound, "outreach session %d not found", id)
	}
	cur, err := s.outreachSessionTx(tx, id)
	if err != nil {
		return roster.OutreachSession{}, err
	}
	if ifVersion > 0 && cur.Version != ifVersion {
		return roster.OutreachSession{}, roster.Errorf(roster.EPrecondition, "outreach session %d has changed (version %d, not %d)", id, cur.Version, ifVersion)
	}
	return cur, nil
}

// UpdateOutreachSession changes a session (roster.OutreachSession.Apply
// says what may change) and its duties in one transaction: moving the
// session moves each scheduled duty through the same checks as any duty
// (EConflict on a clash, versions bumped); officers no longer named have
// their duties cancelled, new ones are booked. ifVersion > 0 must match
// the session's version (EPrecondition otherwise).
func (s *Store) UpdateOutreachSession(ctx context.Context, actor string, id int64, ch roster.SessionChange, ifVersion int) (roster.OutreachSession, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		cur, err := s.lockSession(tx, id, ifVersion)
		if err != nil {
			return err
		}
		if ch.Title != nil || ch.Venue != nil || ch.Commune != nil || ch.Address != nil || ch.Notes != nil {
			trim := func(p *string) *string {
				if p == nil {
					return nil
				}
				t := strings.TrimSpace(*p)
				return &t
			}
			ch.Title, ch.Venue, ch.Commune, ch.Address, ch.Notes = trim(ch.Title), trim(ch.Venue), trim(ch.Commune), trim(ch.Address), trim(ch.Notes)
		}
		now := s.now()
		next, err := cur.Apply(ch, actor, now)
		if err != nil {
			return err
		}
		if ch.Partners != nil {
			if next.Partners, err = s.resolvePartners(tx, actor, next.Partners); err != nil {
				return err
			}
		}
		// Duties: cancel the removed officers', move the kept ones', book the new ones'.
		dutyOf := map[int64]roster.Assignment{}
		for _, d := range cur.Duties {
			if d.Status == roster.Scheduled {
				dutyOf[d.OfficerID] = d
			}
		}
		var added []int64
		for _, oid := range next.OfficerIDs {
			if _, ok := dutyOf[oid]; !ok {
				added = append(added, oid)
			}
		}
		if err := s.checkOutreachOfficers(tx, next.OfficerIDs, added); err != nil {
			return err
		}
		if lock := append(slices.Clone(cur.OfficerIDs), next.OfficerIDs...); len(lock) > 0 {
			if err := s.lockOfficers(tx, lock...); err != nil {
				return err
			}
		}
		var removed []roster.Assignment
		for oid, d := range dutyOf {
			if !slices.Contains(next.OfficerIDs, oid) {
				removed = append(removed, d)
			}
		}
		slices.SortFunc(removed, func(a, b roster.Assignment) int { return cmp.Compare(a.ID, b.ID) })
		if err := s.cancelAssignments(tx, actor, "cancel_for_session", removed); err != nil {
			return err
		}
		moved := !next.Start.Equal(cur.Start) || !next.End.Equal(cur.End)
		for i, oid := range next.OfficerIDs {
			field := fmt.Sprintf("officer_ids[%d]", i)
			if d, ok := dutyOf[oid]; ok {
				if !moved {
					continue
				}
				err := s.updateAssignment(tx, actor, d.ID, AssignmentChange{Start: &next.Start, End: &next.End}, 0)
				if err != nil {
					return renameField(err, "officer_id", field)
				}
				continue
			}
			_, err := s.insertAssignment(tx, actor, roster.Assignment{SiteID: cur.SiteID, Role: roster.Primary, OfficerID: oid,
				SessionID: &cur.ID, Start: next.Start, End: next.End}, roster.HoldRules{})
			if err != nil {
				return renameField(err, "officer_id", field)
			}
		}
		nowTS := ts(now)
		up := map[string]any{"title": next.Title, "venue": next.Venue, "commune": next.Commune, "address": next.Address, "notes": next.Notes,
			"starts_at": ts(next.Start), "ends_at": ts(next.End), "version": cur.Version + 1, "updated_at": nowTS}
		if ch.HasResults() {
			up["attendees"], up["requests"], up["results_at"], up["results_by"] = next.Results.Attendees, next.Results.Requests, nowTS, actor
		}
		res := tx.Model(&outreachRow{}).Where("id = ? AND version = ?", id, cur.Version).Updates(up)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.EPrecondition, "outreach session %d has changed", id)
		}
		if ch.Partners != nil {
			if err := s.writeSessionPartners(tx, id, next.Partners); err != nil {
				return err
			}
		}
		if ch.HasResults() {
			if err := s.writeConsultations(tx, id, next.Results.Consultations); err != nil {
				return err
			}
		}
		detail := map[string]any{}
		if moved {
			detail["start"] = []string{cur.Start.Format(time.RFC3339), next.Start.Format(time.RFC3339)}
			detail["end"] = []string{cur.End.Format(time.RFC3339), next.End.Format(time.RFC3339)}
		}
		if ch.OfficerIDs != nil {
			detail["officer_ids"] = [][]int64{cur.OfficerIDs, next.OfficerIDs}
		}
		if ch.Partners != nil {
			detail["partner_ids"] = [][]int64{partnerIDs(cur.Partners), partnerIDs(next.Partners)}
		}
		if ch.HasResults() {
			detail["results"] = map[string]any{"attendees": next.Results.Attendees, "requests": next.Results.Requests,
				"consultations": next.Results.Consultations}
		}
		return s.audit(tx, actor, "update", "outreach_session", id, jsonDetail(detail))
	})
	if err != nil {
		return roster.OutreachSession{}, err
	}
	return s.OutreachSession(ctx, id)
}

// CancelOutreachSession cancels a session and its scheduled duties in one
// transaction; the rows stay. Cancelling a cancelled session changes
// nothing. ifVersion > 0 must match (EPrecondition otherwise).
func (s *Store) CancelOutreachSession(ctx context.Context, actor string, id int64, ifVersion int) (roster.OutreachSession, error) {
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		cur, err := s.lockSession(tx, id, ifVersion)
		if err != nil {
			return err
		}
		if cur.Status == roster.SessionCancelled {
			return nil
		}
		var duties []roster.Assignment
		for _, d := range cur.Duties {
			if d.Status == roster.Scheduled {
				duties = append(duties, d)
			}
		}
		if len(cur.OfficerIDs) > 0 {
			if err := s.lockOfficers(tx, cur.OfficerIDs...); err != nil {
				return err
			}
		}
		res := tx.Model(&outreachRow{}).Where("id = ? AND version = ?", id, cur.Version).Updates(map[string]any{
			"status": roster.SessionCancelled, "version": cur.Version + 1, "updated_at": ts(s.now())})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return roster.Errorf(roster.EPrecondition, "outreach session %d has changed", id)
		}
		if err := s.cancelAssignments(tx, actor, "cancel_for_session", duties); err != nil {
			return err
		}
		return s.audit(tx, actor, "cancel", "outreach_session", id, fmt.Sprintf(`{"duties_cancelled":%d}`, len(duties)))
	})
	if err != nil {
		return roster.OutreachSession{}, err
	}
	return s.OutreachSession(ctx, id)
}
