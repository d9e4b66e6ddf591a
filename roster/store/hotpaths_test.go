package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// counted opens stores whose statements are counted in n.
func counted(n *atomic.Int64) store.Options {
	return store.Options{OnStatement: func(string) { n.Add(1) }}
}

func TestDutyAt(t *testing.T) {
	var n atomic.Int64
	storetest.ForEach(t, counted(&n), func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		other, err := s.CreateSite(ctx, "test", roster.Site{Code: "VKS", Name: "Viện kiểm sát", Kind: roster.SiteOffice})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Lê Văn Cường", Kind: roster.KindStaff, Active: true, Phone: "0912 345 678"})
		if err != nil {
			t.Fatal(err)
		}
		more := make([]roster.Officer, 2)
		for i := range more {
			if more[i], err = s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Phạm Thị Dung " + string(rune('A'+i)), Kind: roster.KindLawyer, Active: true}); err != nil {
				t.Fatal(err)
			}
		}
		book := func(siteID, officer int64, role roster.AssignmentRole, start, end time.Time) roster.Assignment {
			t.Helper()
			x, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: siteID, OfficerID: officer, Role: role, Start: start, End: end})
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		rulesOff(t, s) // the week-long duty below is data the bound must find, not a plan
		T := at("2027-01-08", "10:00")
		// A week-long duty (the longest allowed) that started just under
		// seven days before T, a backup on now, one that ended at T, a
		// cancelled one, one elsewhere, and years of history before.
		long := book(site.ID, a.ID, roster.Primary, T.Add(-roster.MaxDutyLength+time.Minute), T.Add(time.Minute))
		backup := book(site.ID, c.ID, roster.Backup, at("2027-01-08", "07:30"), at("2027-01-08", "11:30"))
		book(site.ID, b.ID, roster.Primary, at("2027-01-08", "08:00"), T)
		gone := book(site.ID, more[0].ID, roster.Primary, at("2027-01-08", "09:00"), at("2027-01-08", "12:00"))
		if _, err := s.CancelAssignment(ctx, "test", gone.ID, 0); err != nil {
			t.Fatal(err)
		}
		book(other.ID, more[1].ID, roster.Primary, at("2027-01-08", "09:30"), at("2027-01-08", "10:30"))
		for y := 2017; y < 2027; y++ {
			book(site.ID, c.ID, roster.Primary, time.Date(y, 3, 1, 8, 0, 0, 0, loc), time.Date(y, 3, 1, 12, 0, 0, 0, loc))
		}

		n.Store(0)
		d, err := s.DutyAt(ctx, site.Code, T)
		if err != nil {
			t.Fatal(err)
		}
		if got := n.Load(); got != 1 {
			t.Errorf("DutyAt ran %d statements, want 1", got)
		}
		var ids []int64
		for _, x := range d.OnDuty {
			ids = append(ids, x.ID)
		}
		if !slices.Equal(ids, []int64{long.ID, backup.ID}) {
			t.Fatalf("on duty at %s: %v, want [%d %d] (primary first)", T, ids, long.ID, backup.ID)
		}
		if d.Site.Code != site.Code || d.Site.Name != site.Name || d.OnDuty[0].SiteCode != site.Code {
			t.Fatalf("site: %+v / %+v", d.Site, d.OnDuty[0])
		}
		if o := d.Officers[c.ID]; o.FullName != c.FullName || o.Phone != c.Phone || len(d.Officers) != 2 {
			t.Fatalf("officers: %+v", d.Officers)
		}
		// The same answer as the one rule over every duty of the site.
		all, err := s.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID, IncludeCancelled: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, when := range []time.Time{T, T.Add(-time.Hour), T.Add(time.Minute), at("2018-03-01", "09:00"), at("2027-01-02", "10:00")} {
			d, err := s.DutyAt(ctx, site.Code, when)
			if err != nil {
				t.Fatal(err)
			}
			want := roster.OnDutyAt(all, when)
			if len(d.OnDuty) != len(want) {
				t.Fatalf("at %s: %d on duty, roster.OnDutyAt says %d", when, len(d.OnDuty), len(want))
			}
			for i := range want {
				if d.OnDuty[i].ID != want[i].ID {
					t.Fatalf("at %s: %v, want %v", when, d.OnDuty, want)
				}
			}
		}
		empty, err := s.DutyAt(ctx, other.Code, at("2027-01-09", "10:00"))
		if err != nil || len(empty.OnDuty) != 0 || empty.Site.ID != other.ID {
			t.Fatalf("a site with nobody on duty: %+v %v", empty, err)
		}
		if _, err := s.DutyAt(ctx, "NOPE", T); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("unknown site: %v", err)
		}
	})
}

func TestMaxDutyLength(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, _ := seed(t, s)
		rulesOff(t, s)
		start := at("2027-02-01", "08:00")
		_, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: start, End: start.Add(roster.MaxDutyLength + time.Second)})
		var re *roster.Error
		if roster.ErrorCode(err) != roster.EInvalid || !errors.As(err, &re) || re.RuleKey() != roster.RuleRange {
			t.Fatalf("a duty longer than %s: %v, want invalid (range)", roster.MaxDutyLength, err)
		}
		week, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: start, End: start.Add(roster.MaxDutyLength)})
		if err != nil {
			t.Fatal(err)
		}
		// A window that starts a second before the week ends still finds it.
		list, err := s.ListAssignments(ctx, store.AssignmentFilter{SiteID: site.ID, From: week.End.Add(-time.Second), To: week.End.Add(time.Hour)})
		if err != nil || len(list) != 1 || list[0].ID != week.ID {
			t.Fatalf("window at the end of a week-long duty: %v %v", list, err)
		}
		if _, err := s.UpdateAssignment(ctx, "test", week.ID, store.AssignmentChange{End: ptr(start.Add(roster.MaxDutyLength + time.Hour))}, 0); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("stretching a duty past the maximum: %v", err)
		}
	})
}

func TestFeedLookup(t *testing.T) {
	var n atomic.Int64
	storetest.ForEach(t, counted(&n), func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, _ := seed(t, s)
		n.Store(0)
		l, err := s.OfficerFeedLookup(ctx, store.FeedToken(a.ID, a.FeedSecret))
		if err != nil || l.ID != a.ID {
			t.Fatalf("officer lookup: %+v %v", l, err)
		}
		sl, err := s.SiteFeedLookup(ctx, store.FeedToken(site.ID, site.FeedSecret))
		if err != nil || sl.ID != site.ID {
			t.Fatalf("site lookup: %+v %v", sl, err)
		}
		if got := n.Load(); got != 2 {
			t.Errorf("two lookups ran %d statements, want 2", got)
		}
		mark, err := s.ChangeMark(ctx)
		if err != nil || mark != l.Mark || mark != sl.Mark || mark == 0 {
			t.Fatalf("mark %d (%v); lookups read %d and %d", mark, err, l.Mark, sl.Mark)
		}
		for _, bad := range []string{store.FeedToken(a.ID, "wrong-secret-wrong-secret"), store.FeedToken(9999, a.FeedSecret), "garbage", store.FeedToken(site.ID, site.BoardSecret)} {
			if _, err := s.OfficerFeedLookup(ctx, bad); roster.ErrorCode(err) != roster.ENotFound {
				t.Fatalf("officer lookup of %q: %v", bad, err)
			}
			if _, err := s.SiteFeedLookup(ctx, bad); roster.ErrorCode(err) != roster.ENotFound {
				t.Fatalf("site lookup of %q: %v", bad, err)
			}
		}
		// Every audited write moves the mark, and the lookup sees it.
		if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, OfficerID: a.ID, Start: at("2027-01-04", "07:30"), End: at("2027-01-04", "11:30")}); err != nil {
			t.Fatal(err)
		}
		l2, err := s.OfficerFeedLookup(ctx, store.FeedToken(a.ID, a.FeedSecret))
		if err != nil || l2.Mark <= l.Mark {
			t.Fatalf("mark after a write: %d, before %d (%v)", l2.Mark, l.Mark, err)
		}
	})
}

func TestPlanIsOneAuditEntry(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, a, b := seed(t, s)
		req := store.PlanRequest{SiteIDs: []int64{site.ID}, From: roster.NewDate(2027, 1, 4), To: roster.NewDate(2027, 1, 15), OfficerIDs: []int64{a.ID, b.ID}}
		out, err := s.Plan(ctx, "manager", req)
		if err != nil || len(out.Added) < 5 {
			t.Fatalf("plan: %d added, %v", len(out.Added), err)
		}
		entries, err := s.ListAudit(ctx, store.AuditFilter{Entity: "plan"})
		if err != nil || len(entries) != 1 {
			t.Fatalf("plan audit entries: %v %v", entries, err)
		}
		e := entries[0]
		var detail struct {
			Sites     []string   `json:"sites"`
			From      string     `json:"from"`
			To        string     `json:"to"`
			Added     [][2]int64 `json:"added"`
			Cancelled [][2]int64 `json:"cancelled"`
		}
		if err := json.Unmarshal([]byte(e.Detail), &detail); err != nil {
			t.Fatalf("detail %s: %v", e.Detail, err)
		}
		if e.Actor != "manager" || e.Action != "plan" || e.EntityID != site.Code || !slices.Equal(detail.Sites, []string{site.Code}) || len(detail.Added) != len(out.Added) {
			t.Fatalf("plan entry: %+v", e)
		}
		for i, x := range out.Added {
			if detail.Added[i] != [2]int64{x.ID, x.OfficerID} {
				t.Fatalf("added[%d] = %v, want [%d %d]", i, detail.Added[i], x.ID, x.OfficerID)
			}
		}
		per, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "assignment"})
		if len(per) != 0 {
			t.Fatalf("a plan run must not write one entry per duty: %v", per)
		}
	})
}

// TestMigratePlanAudit applies migration 61 again over entries in the old
// form (one per duty), as a database from before it holds them.
func TestMigratePlanAudit(t *testing.T) {
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		db := storetest.SQL(t, s)
		run := time.Date(2026, 11, 2, 3, 4, 5, 0, time.UTC)
		later := run.Add(time.Hour)
		old := []struct {
			at                    time.Time
			actor, action, entity string
			id, detail            string
		}{
			{run, "admin", "cancel_by_plan", "assignment", "7", `{"officer_id":3}`},
			{run, "admin", "plan", "assignment", "11", `{"officer_id":1,"site":"TAND","slot":"Sáng","role":"primary","start":"2026-11-09T07:30:00+07:00"}`},
			{run, "admin", "plan", "assignment", "12", `{"officer_id":2,"site":"TAND","slot":"Sáng","role":"primary","start":"2026-11-10T07:30:00+07:00"}`},
			{run, "admin", "create", "officer", "5", `{"full_name":"x"}`},
			{later, "other", "plan", "assignment", "13", `{"officer_id":2,"site":"VKS","slot":"Chiều","role":"backup","start":"2026-11-11T13:30:00+07:00"}`},
		}
		var firstID int64
		for i, o := range old {
			if err := db.Exec("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)", o.at, o.actor, o.action, o.entity, o.id, o.detail).Error; err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				db.Raw("SELECT MAX(id) FROM audit_log").Scan(&firstID)
			}
		}
		if err := db.Exec("DELETE FROM schema_migrations WHERE version = 61").Error; err != nil {
			t.Fatal(err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if per, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "assignment"}); len(per) != 0 {
			t.Fatalf("per-duty plan entries left: %v", per)
		}
		if kept, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "officer", EntityID: "5"}); len(kept) != 1 {
			t.Fatalf("other entries must stay: %v", kept)
		}
		runs, err := s.ListAudit(ctx, store.AuditFilter{Entity: "plan"})
		if err != nil || len(runs) != 2 {
			t.Fatalf("plan runs: %v %v", runs, err)
		}
		type item struct {
			ID        int64  `json:"id"`
			OfficerID int64  `json:"officer_id"`
			Slot      string `json:"slot"`
		}
		var first struct {
			Migrated  bool   `json:"migrated"`
			Added     []item `json:"added"`
			Cancelled []item `json:"cancelled"`
		}
		r := runs[1] // newest first: the later run is runs[0]
		if err := json.Unmarshal([]byte(r.Detail), &first); err != nil {
			t.Fatalf("detail %s: %v", r.Detail, err)
		}
		if r.ID != firstID || r.Actor != "admin" || !r.At.Equal(run) || !first.Migrated ||
			len(first.Added) != 2 || first.Added[0] != (item{11, 1, "Sáng"}) || first.Added[1] != (item{12, 2, "Sáng"}) ||
			len(first.Cancelled) != 1 || first.Cancelled[0].ID != 7 || first.Cancelled[0].OfficerID != 3 {
			t.Fatalf("first run: %+v %+v", r, first)
		}
		if runs[0].Actor != "other" || !strings.Contains(runs[0].Detail, `"cancelled":[]`) || !strings.Contains(runs[0].Detail, `"backup"`) {
			t.Fatalf("second run: %+v", runs[0])
		}
	})
}

func ptr[T any](v T) *T { return &v }

// rulesOff switches the safe-plan rules off (every limit 0), so that a
// test can write the long duties that the bounded lookups must still find.
func rulesOff(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Rules = roster.RuleSettings{}
	if _, err := s.UpdateSettings(ctx, "test", set); err != nil {
		t.Fatal(err)
	}
}
