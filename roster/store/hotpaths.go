package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm/schema"

	"lichtruc/roster"
)

// The hot paths — who is on duty at a site, and a calendar app polling a
// feed that has not changed — answer in one query each, bounded at both
// ends on an index, so that they cost the same after ten years of history
// as after one.

// SiteDuty is who is on duty at a site at an instant.
type SiteDuty struct {
	Site     roster.Site              // without its slots
	OnDuty   []roster.Assignment      // as roster.OnDutyAt decides: primaries first
	Officers map[int64]roster.Officer // the officers of OnDuty, by id
}

// dutyAtRow is a row of DutyAt's query: only the columns the lookup
// shows, since the pure-Go SQLite parses every statement anew and a long
// column list is a good part of its cost.
type dutyAtRow struct {
	SiteID, AID, OfficerID int64
	Code, Name, Phone      string
	SlotName, Role, Status string
	StartsAt, EndsAt       time.Time
	FullName, OfficerPhone string
}

// DutyAt returns the site with code and who is on duty there at the
// instant at, in one query: the site, joined with its scheduled duties
// that started at most roster.MaxDutyLength before at (the
// assignments_site_time index, bounded at both ends) and their officers.
// roster.OnDutyAt then decides, as on every other path. Site has its id,
// code, name and reception phone; Officers their id, name and phone.
func (s *Store) DutyAt(ctx context.Context, code string, at time.Time) (SiteDuty, error) {
	const q = `SELECT s.id AS site_id, s.code, s.name, s.reception_phone AS phone, a.id AS a_id, a.officer_id, a.slot_name, a.role,
	a.status, a.starts_at, a.ends_at, o.full_name, o.phone AS officer_phone
FROM sites s
LEFT JOIN assignments a ON a.site_id = s.id AND a.status = ? AND a.starts_at <= ? AND a.starts_at > ? AND a.ends_at > ?
LEFT JOIN officers o ON o.id = a.officer_id
WHERE s.code = ?`
	var rows []dutyAtRow
	if err := s.db.WithContext(ctx).Raw(q, roster.Scheduled, ts(at), ts(at.Add(-roster.MaxDutyLength)), ts(at), code).Scan(&rows).Error; err != nil {
		return SiteDuty{}, mapErr(err)
	}
	if len(rows) == 0 {
		return SiteDuty{}, roster.Errorf(roster.ENotFound, "site %s not found", code)
	}
	r0 := rows[0]
	out := SiteDuty{Site: roster.Site{ID: r0.SiteID, Code: r0.Code, Name: r0.Name, ReceptionPhone: r0.Phone}, Officers: map[int64]roster.Officer{}}
	var as []roster.Assignment
	for _, r := range rows {
		if r.AID == 0 {
			continue // the site has no duty then: one row of NULLs
		}
		as = append(as, roster.Assignment{ID: r.AID, SiteID: r.SiteID, SiteCode: r.Code, SlotName: r.SlotName, Role: roster.AssignmentRole(r.Role),
			OfficerID: r.OfficerID, Start: r.StartsAt.In(s.loc), End: r.EndsAt.In(s.loc), Status: roster.AssignmentStatus(r.Status)})
		out.Officers[r.OfficerID] = roster.Officer{ID: r.OfficerID, FullName: r.FullName, Phone: r.OfficerPhone}
	}
	out.OnDuty = roster.OnDutyAt(as, at)
	return out, nil
}

// FeedLookup is what a feed request needs before it can answer from a
// cache: whose feed the token names, and the change mark (ChangeMark).
type FeedLookup struct {
	Officer roster.Officer // an officer's feed
	Site    roster.Site    // a site's feed, without its slots
	Mark    int64
}

type feedLookupRow struct {
	Mark int64
	O    officerRow `gorm:"embedded;embeddedPrefix:o_"`
	S    siteRow    `gorm:"embedded;embeddedPrefix:s_"`
}

// OfficerFeedLookup finds the officer whose personal feed token is token
// and reads the change mark, in one query (ENotFound for a token that
// names no feed; the secret is compared in constant time).
func (s *Store) OfficerFeedLookup(ctx context.Context, token string) (FeedLookup, error) {
	id, secret, ok := splitToken(token)
	row, err := s.feedLookup(ctx, "SELECT c.n AS mark, "+s.columns(officerRow{}, "o", "o_")+
		" FROM change_counter c LEFT JOIN officers o ON o.id = ? WHERE c.id = 1", id)
	if err != nil {
		return FeedLookup{}, err
	}
	want := row.O.FeedSecret
	if !ok || row.O.ID == 0 || want == "" {
		want = dummySecret
	}
	if !secretsEqual(want, secret) || !ok || row.O.ID == 0 {
		return FeedLookup{}, errNoFeed
	}
	return FeedLookup{Officer: row.O.domain(), Mark: row.Mark}, nil
}

// SiteFeedLookup finds the site whose feed token is token and reads the
// change mark, in one query; the site comes without its slots.
func (s *Store) SiteFeedLookup(ctx context.Context, token string) (FeedLookup, error) {
	id, secret, ok := splitToken(token)
	row, err := s.feedLookup(ctx, "SELECT c.n AS mark, "+s.columns(siteRow{}, "s", "s_")+
		" FROM change_counter c LEFT JOIN sites s ON s.id = ? WHERE c.id = 1", id)
	if err != nil {
		return FeedLookup{}, err
	}
	want := row.S.FeedSecret
	if !ok || row.S.ID == 0 || want == "" {
		want = dummySecret
	}
	if !secretsEqual(want, secret) || !ok || row.S.ID == 0 {
		return FeedLookup{}, errNoFeed
	}
	return FeedLookup{Site: row.S.domain(nil), Mark: row.Mark}, nil
}

func (s *Store) feedLookup(ctx context.Context, q string, id int64) (feedLookupRow, error) {
	var rows []feedLookupRow
	if err := s.db.WithContext(ctx).Raw(q, id).Scan(&rows).Error; err != nil {
		return feedLookupRow{}, mapErr(err)
	}
	if len(rows) != 1 {
		return feedLookupRow{}, roster.Errorf(roster.EUnavailable, "the change counter is missing")
	}
	return rows[0], nil
}

// columns lists the columns of model's table as "alias.col AS prefixcol",
// from the row type itself, so a column added to the row type is read here
// too; read-only fields filled from joins are left out.
func (s *Store) columns(model any, alias, prefix string) string {
	key := fmt.Sprintf("%s|%s|%T", alias, prefix, model)
	if v, ok := s.columnLists.Load(key); ok {
		return v.(string)
	}
	sch, err := schema.Parse(model, &s.schemas, s.db.NamingStrategy)
	if err != nil {
		panic("store: " + err.Error()) // a row type of this package that gorm cannot parse
	}
	var cols []string
	for _, f := range sch.Fields {
		if f.DBName == "" || f.IgnoreMigration {
			continue
		}
		cols = append(cols, alias+"."+f.DBName+" AS "+prefix+f.DBName)
	}
	list := strings.Join(cols, ", ")
	s.columnLists.Store(key, list)
	return list
}
