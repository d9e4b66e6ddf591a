package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"lichtruc/roster"
)

// The hot paths — who is on duty at a site, and a calendar app polling a
// feed that has not changed — answer in one query each, bounded at both
// ends on an index, so that they cost the same after ten years of history
// as after one.

// SiteDuty is who is on duty at a site at an instant.
type SiteDuty struct {
	Site     roster.Site              // its id, code, name and reception phone
	OnDuty   []roster.Assignment      // as roster.OnDutyAt decides: primaries first
	Officers map[int64]roster.Officer // the officers of OnDuty, by id
}

// DutyAt returns the site with code and who is on duty there at the
// instant at. It answers from the hot-path cache when the duties of that
// hour were read at the current change mark (hotcache.go); otherwise in
// one query, which reads the mark too: the site, joined with its scheduled
// duties that may be on at some instant of the hour (started before its
// end and at most roster.MaxDutyLength before its start: the
// assignments_site_time index, bounded at both ends) and their officers.
// roster.OnDutyAt then decides, as on every other path. Site has its id,
// code, name and reception phone; Officers their id, name and phone.
func (s *Store) DutyAt(ctx context.Context, code string, at time.Time) (SiteDuty, error) {
	from := ts(at).Truncate(time.Hour)
	key := dutyKey{code: code, hour: from.Unix()}
	if d, ok, err := s.cachedDuty(ctx, key, at); err != nil || ok {
		return d, err
	}
	const q = `SELECT c.n, s.id, s.code, s.name, s.reception_phone, a.id, a.officer_id, a.slot_name, a.role,
	a.status, a.starts_at, a.ends_at, o.full_name, o.phone
FROM change_counter c
LEFT JOIN sites s ON s.code = ?
LEFT JOIN assignments a ON a.site_id = s.id AND a.status = ? AND a.starts_at < ? AND a.starts_at > ? AND a.ends_at > ?
LEFT JOIN officers o ON o.id = a.officer_id
WHERE c.id = 1`
	// Scanned by hand, not by gorm's reflection: on this path that was a
	// good part of the cost.
	rows, err := s.db.WithContext(ctx).Raw(q, code, roster.Scheduled, from.Add(time.Hour), from.Add(-roster.MaxDutyLength), from).Rows()
	if err != nil {
		return SiteDuty{}, mapErr(err)
	}
	defer rows.Close()
	w := dutyWindow{officers: map[int64]roster.Officer{}}
	var (
		mark  int64
		found bool
		read  bool
	)
	for rows.Next() {
		var (
			siteID, aID, officerID                                  sql.NullInt64
			siteCode, name, phone, slot, role, status, fullName, op sql.NullString
			start, end                                              sql.NullTime
		)
		if err := rows.Scan(&mark, &siteID, &siteCode, &name, &phone, &aID, &officerID, &slot, &role,
			&status, &start, &end, &fullName, &op); err != nil {
			return SiteDuty{}, mapErr(err)
		}
		read = true
		if !siteID.Valid {
			continue // no such site: one row, the mark and NULLs
		}
		found = true
		w.site = roster.Site{ID: siteID.Int64, Code: siteCode.String, Name: name.String, ReceptionPhone: phone.String}
		if !aID.Valid {
			continue // the site has no duty then
		}
		w.as = append(w.as, roster.Assignment{ID: aID.Int64, SiteID: w.site.ID, SiteCode: w.site.Code, SlotName: slot.String,
			Role: roster.AssignmentRole(role.String), OfficerID: officerID.Int64, Start: start.Time.In(s.loc), End: end.Time.In(s.loc),
			Status: roster.AssignmentStatus(status.String)})
		w.officers[officerID.Int64] = roster.Officer{ID: officerID.Int64, FullName: fullName.String, Phone: op.String}
	}
	if err := rows.Err(); err != nil {
		return SiteDuty{}, mapErr(err)
	}
	if !read {
		return SiteDuty{}, roster.Errorf(roster.EUnavailable, "the change counter is missing")
	}
	noteMark(ctx, mark)
	if !found {
		return SiteDuty{}, roster.Errorf(roster.ENotFound, "site %s not found", code)
	}
	s.hot.duties.put(key, mark, w)
	return w.at(at), nil
}

// FeedLookup is what a feed request needs before it can answer from a
// cache: whose feed the token names, and the change mark (ChangeMark).
type FeedLookup struct {
	ID   int64 // the officer's or the site's id
	Mark int64
}

// OfficerFeedLookup finds the officer whose personal feed token is token
// and reads the change mark, in one short query (ENotFound for a token that
// names no feed; the secret is compared in constant time). The officer
// itself is loaded only to render the feed (Officer). A feed polled again
// costs only the reading of the mark (hotcache.go).
func (s *Store) OfficerFeedLookup(ctx context.Context, token string) (FeedLookup, error) {
	return s.feedLookup(ctx, token, false, "SELECT c.n, o.id, o.feed_secret FROM change_counter c LEFT JOIN officers o ON o.id = ? WHERE c.id = 1")
}

// SiteFeedLookup finds the site whose feed token is token and reads the
// change mark, in one short query; the site is loaded only to render the
// feed (SiteByID).
func (s *Store) SiteFeedLookup(ctx context.Context, token string) (FeedLookup, error) {
	return s.feedLookup(ctx, token, true, "SELECT c.n, s.id, s.feed_secret FROM change_counter c LEFT JOIN sites s ON s.id = ? WHERE c.id = 1")
}

func (s *Store) feedLookup(ctx context.Context, token string, site bool, q string) (FeedLookup, error) {
	id, secret, ok := splitToken(token)
	key := feedKey{site: site, id: id}
	if ok && s.hot.feeds.has(key) {
		mark, err := s.currentMark(ctx)
		if err != nil {
			return FeedLookup{}, err
		}
		if want, hit := s.hot.feeds.get(key, mark); hit {
			if !secretsEqual(want, secret) {
				return FeedLookup{}, errNoFeed
			}
			return FeedLookup{ID: id, Mark: mark}, nil
		}
	}
	var (
		mark  int64
		found sql.NullInt64
		want  sql.NullString
	)
	if err := s.db.WithContext(ctx).Raw(q, id).Row().Scan(&mark, &found, &want); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return FeedLookup{}, roster.Errorf(roster.EUnavailable, "the change counter is missing")
		}
		return FeedLookup{}, mapErr(err)
	}
	noteMark(ctx, mark)
	w := want.String
	if !ok || !found.Valid || w == "" {
		w = dummySecret
	}
	if !secretsEqual(w, secret) || !ok || !found.Valid {
		return FeedLookup{}, errNoFeed
	}
	s.hot.feeds.put(key, mark, w)
	return FeedLookup{ID: found.Int64, Mark: mark}, nil
}
