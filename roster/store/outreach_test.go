package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// outreachNow is the store clock of these tests: Monday 4 January 2027, 09:00.
var outreachNow = time.Date(2027, 1, 4, 9, 0, 0, 0, loc)

func outreachStore(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	storetest.ForEach(t, store.Options{Now: func() time.Time { return outreachNow }}, fn)
}

func otFields(err error) []string {
	var out []string
	if e, ok := err.(*roster.Error); ok {
		for _, f := range e.Fields {
			out = append(out, f.Field)
		}
	}
	return out
}

func TestOutreachPartners(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nd, err := s.CreatePartner(ctx, "test", roster.Partner{Name: "  Hội Nông dân   thành phố ", Kind: roster.PartnerFarmers,
			ContactName: "Ông Vũ Văn Hải", ContactPhone: "0225 3842 111", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if nd.Name != "Hội Nông dân thành phố" || nd.Version != 1 || !nd.Active {
			t.Fatalf("created %+v", nd)
		}
		_, err = s.CreatePartner(ctx, "test", roster.Partner{Name: "HỘI NÔNG DÂN THÀNH PHỐ", Kind: roster.PartnerFarmers})
		if roster.ErrorCode(err) != roster.EConflict || !slices.Contains(otFields(err), "name") {
			t.Fatalf("same name in capitals: %v, want a conflict naming name", err)
		}
		if _, err := s.CreatePartner(ctx, "test", roster.Partner{Name: "X", Kind: "club"}); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("bad kind: %v", err)
		}
		dis, err := s.CreatePartner(ctx, "test", roster.Partner{Name: "Hội Người khuyết tật thành phố", Kind: roster.PartnerDisability, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.PartnerByName(ctx, "hội người khuyết tật THÀNH PHỐ")
		if err != nil || got.ID != dis.ID {
			t.Fatalf("by name: %+v %v", got, err)
		}
		list, _ := s.ListPartners(ctx, store.PartnerFilter{Kind: roster.PartnerFarmers})
		if len(list) != 1 || list[0].ID != nd.ID {
			t.Fatalf("by kind: %+v", list)
		}
		list, _ = s.ListPartners(ctx, store.PartnerFilter{Query: "KHUYẾT"})
		if len(list) != 1 || list[0].ID != dis.ID {
			t.Fatalf("by query: %+v", list)
		}
		nd.ContactPhone = "0912 345 678"
		if _, err := s.UpdatePartner(ctx, "test", nd, 5); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		upd, err := s.UpdatePartner(ctx, "test", nd, 1)
		if err != nil || upd.Version != 2 || upd.ContactPhone != "0912 345 678" {
			t.Fatalf("update: %+v %v", upd, err)
		}
		nd.Name = dis.Name
		if _, err := s.UpdatePartner(ctx, "test", nd, 0); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("rename onto another partner: %v", err)
		}
		// A partner a session names stays; an unused one can go.
		a, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Nguyễn Văn An", Kind: roster.KindLegalAidOfficer, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "TGPL cho nông dân", Venue: "Hội trường xã",
			Start: at("2027-02-02", "08:00"), End: at("2027-02-02", "11:00"), Partners: []roster.Partner{{ID: nd.ID}}, OfficerIDs: []int64{a.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePartner(ctx, "test", nd.ID); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("delete a partner in use: %v", err)
		}
		if err := s.DeletePartner(ctx, "test", dis.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePartner(ctx, "test", dis.ID); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("delete twice: %v", err)
		}
	})
}

func TestOutreachSessionDuties(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		court, a, b := seed(t, s)
		c, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Lê Văn Cường", Kind: roster.KindLawyer, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		// a is at court on the morning of 2 February.
		courtDuty, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: court.ID, SlotName: "Sáng", OfficerID: a.ID,
			Start: at("2027-02-02", "07:30"), End: at("2027-02-02", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		plan := roster.OutreachSession{Title: "TGPL lưu động cho hội viên nông dân", Venue: "Nhà văn hóa thôn Cẩm Văn", Commune: "xã An Lư",
			Start: at("2027-02-02", "08:00"), End: at("2027-02-02", "11:00"), Partners: []roster.Partner{{Name: "Hội Nông dân huyện Thủy Nguyên"}},
			OfficerIDs: []int64{b.ID, a.ID}}
		_, err = s.CreateOutreachSession(ctx, "test", plan)
		if roster.ErrorCode(err) != roster.EConflict || !slices.Contains(otFields(err), "officer_ids[1]") {
			t.Fatalf("session over a court duty: %v, want a conflict naming officer_ids[1]", err)
		}
		// Nothing of the failed session stays: no partner, no site, no duty for b.
		if _, err := s.PartnerByName(ctx, "Hội Nông dân huyện Thủy Nguyên"); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("partner of a rolled-back session: %v", err)
		}
		if _, err := s.Site(ctx, store.OutreachSiteCode); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("site of a rolled-back session: %v", err)
		}
		if l, _ := s.ListAssignments(ctx, store.AssignmentFilter{OfficerID: b.ID}); len(l) != 0 {
			t.Fatalf("duties of a rolled-back session: %+v", l)
		}

		plan.Start, plan.End = at("2027-02-02", "13:30"), at("2027-02-02", "16:30")
		sess, err := s.CreateOutreachSession(ctx, "test", plan)
		if err != nil {
			t.Fatal(err)
		}
		if sess.SiteCode != store.OutreachSiteCode || sess.Status != roster.SessionScheduled || sess.Version != 1 || sess.Results != nil ||
			!slices.Equal(sess.OfficerIDs, []int64{b.ID, a.ID}) || len(sess.Duties) != 2 || sess.Commune != "xã An Lư" {
			t.Fatalf("session: %+v", sess)
		}
		if len(sess.Partners) != 1 || sess.Partners[0].Kind != roster.PartnerFarmers || sess.Partners[0].ID == 0 {
			t.Fatalf("partner made from a name: %+v", sess.Partners)
		}
		site, err := s.Site(ctx, store.OutreachSiteCode)
		if err != nil || site.Kind != roster.SiteOutreach || site.Name != "Trợ giúp pháp lý lưu động" || len(site.Slots) != 0 {
			t.Fatalf("outreach site: %+v %v", site, err)
		}
		for _, d := range sess.Duties {
			if d.SessionID == nil || *d.SessionID != sess.ID || d.SiteID != site.ID || !d.Start.Equal(plan.Start) || d.Role != roster.Primary {
				t.Fatalf("duty: %+v", d)
			}
		}
		// Its duties are duties: they clash with a court duty, and a leave.
		if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: court.ID, OfficerID: b.ID,
			Start: at("2027-02-02", "13:30"), End: at("2027-02-02", "17:00")}); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("court duty over a session: %v", err)
		}
		// Moving onto a's court morning fails and changes nothing.
		ch := roster.SessionChange{Start: otPtr(at("2027-02-02", "09:00")), End: otPtr(at("2027-02-02", "12:00"))}
		if _, err := s.UpdateOutreachSession(ctx, "test", sess.ID, ch, 0); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("move onto a court duty: %v", err)
		}
		if got, _ := s.OutreachSession(ctx, sess.ID); got.Version != 1 || !got.Start.Equal(plan.Start) || got.Duties[0].Version != 1 {
			t.Fatalf("a failed move changed the session: %+v", got)
		}
		// Moving to the next day moves both duties.
		ch = roster.SessionChange{Start: otPtr(at("2027-02-03", "08:00")), End: otPtr(at("2027-02-03", "11:00"))}
		if _, err := s.UpdateOutreachSession(ctx, "test", sess.ID, ch, 9); roster.ErrorCode(err) != roster.EPrecondition {
			t.Fatalf("stale version: %v", err)
		}
		moved, err := s.UpdateOutreachSession(ctx, "test", sess.ID, ch, 1)
		if err != nil {
			t.Fatal(err)
		}
		if moved.Version != 2 || len(moved.Duties) != 2 {
			t.Fatalf("moved: %+v", moved)
		}
		for _, d := range moved.Duties {
			if !d.Start.Equal(*ch.Start) || !d.End.Equal(*ch.End) || d.Version != 2 || d.Status != roster.Scheduled {
				t.Fatalf("moved duty: %+v", d)
			}
		}
		// a is now free on the afternoon of 2 February again.
		if _, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: court.ID, OfficerID: b.ID,
			Start: at("2027-02-02", "13:30"), End: at("2027-02-02", "17:00")}); err != nil {
			t.Fatalf("the old time is free: %v", err)
		}
		// Officers: b leaves the session, c joins.
		moved, err = s.UpdateOutreachSession(ctx, "test", sess.ID, roster.SessionChange{OfficerIDs: otPtr([]int64{a.ID, c.ID})}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(moved.OfficerIDs, []int64{a.ID, c.ID}) || len(moved.Duties) != 3 {
			t.Fatalf("officers changed: %+v", moved)
		}
		for _, d := range moved.Duties {
			if want := roster.Scheduled; d.OfficerID == b.ID {
				want = roster.Cancelled
				if d.Status != want {
					t.Fatalf("b's duty: %+v", d)
				}
			} else if d.Status != want {
				t.Fatalf("duty: %+v", d)
			}
		}
		// An officer on leave cannot join; the failure names them.
		if _, _, err := s.CreateLeave(ctx, "test", roster.Leave{OfficerID: b.ID, From: roster.NewDate(2027, 2, 3), To: roster.NewDate(2027, 2, 3)}); err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateOutreachSession(ctx, "test", sess.ID, roster.SessionChange{OfficerIDs: otPtr([]int64{a.ID, c.ID, b.ID})}, 0)
		if roster.ErrorCode(err) != roster.EConflict || !slices.Contains(otFields(err), "officer_ids[2]") {
			t.Fatalf("officer on leave joins: %v", err)
		}
		// Results only once it has started; a leave of c cancels c's duty.
		if _, err := s.UpdateOutreachSession(ctx, "test", sess.ID, roster.SessionChange{Attendees: otPtr(50)}, 0); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("results before the start: %v", err)
		}
		_, affected, err := s.CreateLeave(ctx, "test", roster.Leave{OfficerID: c.ID, From: roster.NewDate(2027, 2, 3), To: roster.NewDate(2027, 2, 4)})
		if err != nil || len(affected) != 1 || affected[0].SessionID == nil {
			t.Fatalf("leave over a session duty: %+v %v", affected, err)
		}
		if got, _ := s.OutreachSession(ctx, sess.ID); !slices.Equal(got.OfficerIDs, []int64{a.ID}) {
			t.Fatalf("after c's leave: %v", got.OfficerIDs)
		}
		// Cancelling cancels the remaining duty; the session stays.
		cancelled, err := s.CancelOutreachSession(ctx, "test", sess.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if cancelled.Status != roster.SessionCancelled || len(cancelled.OfficerIDs) != 0 {
			t.Fatalf("cancelled: %+v", cancelled)
		}
		for _, d := range cancelled.Duties {
			if d.Status != roster.Cancelled {
				t.Fatalf("duty of a cancelled session: %+v", d)
			}
		}
		again, err := s.CancelOutreachSession(ctx, "test", sess.ID, 0)
		if err != nil || again.Version != cancelled.Version {
			t.Fatalf("cancel twice: %+v %v", again, err)
		}
		if _, err := s.UpdateOutreachSession(ctx, "test", sess.ID, roster.SessionChange{Title: otPtr("x")}, 0); roster.ErrorCode(err) != roster.EConflict {
			t.Fatalf("change a cancelled session: %v", err)
		}
		if _, err := s.OutreachSession(ctx, 999); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("missing session: %v", err)
		}
		if _, err := s.CancelOutreachSession(ctx, "test", 999, 0); roster.ErrorCode(err) != roster.ENotFound {
			t.Fatalf("cancel a missing session: %v", err)
		}
		// The court duty of a was never touched.
		if got, _ := s.Assignment(ctx, courtDuty.ID); got.Version != 1 || got.Status != roster.Scheduled {
			t.Fatalf("court duty: %+v", got)
		}
		audit, _ := s.ListAudit(ctx, store.AuditFilter{Entity: "outreach_session"})
		if len(audit) != 4 { // create, move, officers, cancel
			t.Fatalf("%d audit entries", len(audit))
		}
	})
}

func TestOutreachResultsAndList(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, b := seed(t, s)
		// A site of another kind is refused; an outreach site is used.
		if _, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "x", Venue: "y", SiteCode: "TAND-HP",
			Start: at("2026-12-01", "08:00"), End: at("2026-12-01", "11:00"), Partners: []roster.Partner{{Name: "Hội Cựu chiến binh"}}}); !slices.Contains(otFields(err), "site") {
			t.Fatalf("court site: %v", err)
		}
		if _, err := s.CreateSite(ctx, "test", roster.Site{Code: "LD-TN", Name: "Lưu động Thủy Nguyên", Kind: roster.SiteOutreach}); err != nil {
			t.Fatal(err)
		}
		past, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "TGPL cho cựu chiến binh", Venue: "UBND xã", SiteCode: "LD-TN",
			Start: at("2026-12-01", "08:00"), End: at("2026-12-01", "11:00"), OfficerIDs: []int64{a.ID},
			Partners: []roster.Partner{{Name: "Hội Cựu chiến binh huyện Thủy Nguyên"}, {Name: "UBND xã Lập Lễ"}},
			Results:  &roster.SessionResults{Attendees: 80, Requests: 2, Consultations: map[string]int{"land": 6, "criminal": 1}}})
		if err != nil {
			t.Fatal(err)
		}
		if past.SiteCode != "LD-TN" || past.Results == nil || past.Results.Attendees != 80 || past.Results.Total() != 7 ||
			past.Results.Requests != 2 || past.Results.RecordedBy != "test" {
			t.Fatalf("past session: %+v %+v", past, past.Results)
		}
		if past.Partners[0].Kind != roster.PartnerVeterans || past.Partners[1].Kind != roster.PartnerCommune {
			t.Fatalf("partners: %+v", past.Partners)
		}
		// Consultations replace; attendees stay.
		got, err := s.UpdateOutreachSession(ctx, "test", past.ID, roster.SessionChange{Consultations: map[string]int{"civil": 3, "land": 0}}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Results.Attendees != 80 || got.Results.Total() != 3 || got.Results.Consultations["civil"] != 3 || len(got.Results.Consultations) != 1 {
			t.Fatalf("results: %+v", got.Results)
		}
		if _, err := s.UpdateOutreachSession(ctx, "test", past.ID, roster.SessionChange{Consultations: map[string]int{"astrology": 1}}, 0); !slices.Contains(otFields(err), "consultations.astrology") {
			t.Fatalf("unknown field: %v", err)
		}
		// Partners by id replace the partners.
		vet := got.Partners[0]
		got, err = s.UpdateOutreachSession(ctx, "test", past.ID, roster.SessionChange{Partners: &[]roster.Partner{{ID: vet.ID}}}, 0)
		if err != nil || len(got.Partners) != 1 || got.Partners[0].ID != vet.ID {
			t.Fatalf("partners replaced: %+v %v", got.Partners, err)
		}
		if _, err := s.UpdateOutreachSession(ctx, "test", past.ID, roster.SessionChange{Partners: &[]roster.Partner{{ID: vet.ID}, {Name: vet.Name}}}, 0); !slices.Contains(otFields(err), "partner_ids[1]") {
			t.Fatalf("one partner twice: %v", err)
		}
		if _, err := s.UpdateOutreachSession(ctx, "test", past.ID, roster.SessionChange{Partners: &[]roster.Partner{{ID: 999}}}, 0); !slices.Contains(otFields(err), "partner_ids[0]") {
			t.Fatalf("unknown partner: %v", err)
		}
		future, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "TGPL cho phụ nữ", Venue: "Nhà văn hóa phường",
			Start: at("2027-03-08", "08:00"), End: at("2027-03-08", "11:00"), OfficerIDs: []int64{b.ID},
			Partners: []roster.Partner{{Name: "Hội Liên hiệp Phụ nữ quận Lê Chân"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "x", Venue: "y", Start: at("2027-03-09", "08:00"),
			End: at("2027-03-09", "11:00"), Partners: []roster.Partner{{ID: vet.ID}}, Results: &roster.SessionResults{Attendees: 1}}); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("results for a future session: %v", err)
		}
		all, err := s.ListOutreachSessions(ctx, store.OutreachFilter{})
		if err != nil || len(all) != 2 || all[0].ID != past.ID || all[1].ID != future.ID {
			t.Fatalf("all: %+v %v", all, err)
		}
		for _, tc := range []struct {
			f    store.OutreachFilter
			want []int64
		}{
			{store.OutreachFilter{From: at("2027-01-01", "00:00")}, []int64{future.ID}},
			{store.OutreachFilter{To: at("2027-01-01", "00:00")}, []int64{past.ID}},
			{store.OutreachFilter{PartnerID: vet.ID}, []int64{past.ID}},
			{store.OutreachFilter{OfficerID: b.ID}, []int64{future.ID}},
			{store.OutreachFilter{Status: roster.SessionCancelled}, nil},
		} {
			list, err := s.ListOutreachSessions(ctx, tc.f)
			var ids []int64
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			if err != nil || !slices.Equal(ids, tc.want) {
				t.Errorf("filter %+v: %v %v, want %v", tc.f, ids, err, tc.want)
			}
		}
	})
}

// TestOutreachConcurrentSessions plans, at once, many sessions at the same
// hour that share one officer: exactly one may win.
func TestOutreachConcurrentSessions(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, b := seed(t, s)
		oneWins(t, 6, "sessions booked", func(i int) error {
			officers := []int64{a.ID, b.ID}
			if i%2 == 1 {
				officers = []int64{b.ID, a.ID} // the other lock order
			}
			_, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "Đợt", Venue: "Xã", OfficerIDs: officers,
				Start: at("2027-02-10", "08:00").Add(time.Duration(i) * time.Minute), End: at("2027-02-10", "11:00"),
				Partners: []roster.Partner{{Name: "Hội Nông dân thành phố"}}})
			return err
		})
		partners, _ := s.ListPartners(ctx, store.PartnerFilter{})
		if len(partners) != 1 {
			t.Fatalf("partners: %+v", partners)
		}
	})
}

// TestOutreachSchema checks the database itself refuses what the code
// never writes.
func TestOutreachSchema(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, _ := seed(t, s)
		sess, err := s.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "Đợt", Venue: "Xã", OfficerIDs: []int64{a.ID},
			Start: at("2026-11-10", "08:00"), End: at("2026-11-10", "11:00"), Partners: []roster.Partner{{Name: "Hội Nông dân"}},
			Results: &roster.SessionResults{Attendees: 5}})
		if err != nil {
			t.Fatal(err)
		}
		db := storetest.SQL(t, s).WithContext(ctx)
		bad := map[string]string{
			"attendees over 10000":   "UPDATE outreach_sessions SET attendees = 10001 WHERE id = ?",
			"negative requests":      "UPDATE outreach_sessions SET requests = -1 WHERE id = ?",
			"attendees without date": "UPDATE outreach_sessions SET results_at = NULL WHERE id = ?",
			"unknown status":         "UPDATE outreach_sessions SET status = 'held' WHERE id = ?",
			"end before start":       "UPDATE outreach_sessions SET ends_at = starts_at WHERE id = ?",
			"unknown field":          "INSERT INTO session_consultations (session_id, field, cases) VALUES (?, 'astrology', 1)",
			"too many cases":         "INSERT INTO session_consultations (session_id, field, cases) VALUES (?, 'land', 5001)",
			"missing partner":        "INSERT INTO session_partners (session_id, partner_id, position) VALUES (?, 999, 5)",
			"partner twice":          "INSERT INTO session_partners (session_id, partner_id, position) SELECT session_id, partner_id, 7 FROM session_partners WHERE session_id = ?",
			"unknown partner kind":   "UPDATE partners SET kind = 'club' WHERE id IN (SELECT partner_id FROM session_partners WHERE session_id = ?)",
			"missing site":           "UPDATE outreach_sessions SET site_id = 999 WHERE id = ?",
		}
		for name, q := range bad {
			if err := db.Exec(q, sess.ID).Error; err == nil {
				t.Errorf("%s: the database accepted %s", name, q)
			}
		}
		if err := db.Exec("INSERT INTO partners (name, name_key, kind, created_at, updated_at) VALUES ('Hội Nông dân', 'hội nông dân', 'other', ?, ?)",
			outreachNow, outreachNow).Error; err == nil {
			t.Error("the database accepted a second partner with the same name key")
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v < 4 {
			t.Fatalf("schema version %d %v", v, err)
		}
	})
}

// TestOutreachSwapFigures counts the swap requests of a period for the
// duty report.
func TestOutreachSwapFigures(t *testing.T) {
	outreachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		court, a, b := seed(t, s)
		d1, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: court.ID, OfficerID: a.ID, Start: at("2027-02-01", "07:30"), End: at("2027-02-01", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		d2, err := s.CreateAssignment(ctx, "test", roster.Assignment{SiteID: court.ID, OfficerID: a.ID, Start: at("2027-02-02", "07:30"), End: at("2027-02-02", "11:30")})
		if err != nil {
			t.Fatal(err)
		}
		r1, err := s.CreateSwap(ctx, "test", roster.SwapRequest{AssignmentID: d1.ID, ToOfficerID: b.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideSwap(ctx, "test", r1.ID, store.SwapAccept, ""); err != nil {
			t.Fatal(err)
		}
		r2, err := s.CreateSwap(ctx, "test", roster.SwapRequest{AssignmentID: d2.ID, ToOfficerID: b.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideSwap(ctx, "test", r2.ID, store.SwapDecline, "bận"); err != nil {
			t.Fatal(err)
		}
		f, err := s.SwapFigures(ctx, at("2027-01-01", "00:00"), at("2027-02-01", "00:00"))
		if err != nil {
			t.Fatal(err)
		}
		if f.Requested != 2 || f.Applied() != 1 || f.ByStatus[roster.SwapDeclined] != 1 || f.Given[a.ID] != 1 || f.Taken[b.ID] != 1 || f.Given[b.ID] != 0 {
			t.Fatalf("swap figures: %+v", f)
		}
		if f, _ := s.SwapFigures(ctx, at("2027-02-01", "00:00"), at("2027-03-01", "00:00")); f.Requested != 0 {
			t.Fatalf("another month: %+v", f)
		}
	})
}

func otPtr[T any](v T) *T { return &v }
