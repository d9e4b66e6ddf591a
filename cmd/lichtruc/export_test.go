package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lichtruc/notify"
	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestExportImportEveryTable: the demo plus a row of every other kind in
// SQLite → lichtruc export → lichtruc import into PostgreSQL (and into a
// new SQLite file) → lichtruc export; both files hold the same rows in
// every table, and every table has rows (a new table needs a row in
// fillEveryTable). The PostgreSQL run is skipped with a message when
// LICHTRUC_TEST_POSTGRES is unset.
func TestExportImportEveryTable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	env := map[string]string{"LICHTRUC_DB": src}
	getenv := func(k string) string { return env[k] }
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"demo"}, getenv, &out, &errOut); err != nil {
		t.Fatalf("demo: %v\n%s", err, errOut.String())
	}
	fillEveryTable(t, src)

	first := filepath.Join(dir, "first.jsonl.gz")
	if err := run(ctx, []string{"export", first}, getenv, &out, &errOut); err != nil {
		t.Fatalf("export: %v\n%s", err, errOut.String())
	}
	if err := run(ctx, []string{"export", first}, getenv, &out, &errOut); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("export over an existing file: %v", err)
	}
	b1, _ := os.ReadFile(first)
	h1, rows1 := storetest.ExportRows(t, b1)
	for table, rows := range rows1 {
		if len(rows) == 0 {
			t.Errorf("table %s has no rows: add one to fillEveryTable so its round trip is tested", table)
		}
	}
	for _, dialect := range []string{"postgres", "sqlite"} {
		t.Run(dialect, func(t *testing.T) {
			target := storetest.DSN(t, dialect) // skips PostgreSQL with a message without LICHTRUC_TEST_POSTGRES
			out.Reset()
			if err := run(ctx, []string{"import", first, "--db", target}, getenv, &out, &errOut); err != nil {
				t.Fatalf("import: %v\n%s", err, errOut.String())
			}
			if !strings.Contains(out.String(), "into the "+dialect+" database") {
				t.Errorf("import output: %s", out.String())
			}
			second := filepath.Join(t.TempDir(), "second.jsonl")
			if err := run(ctx, []string{"export", "--db", target, second}, getenv, &out, &errOut); err != nil {
				t.Fatalf("export after the import: %v\n%s", err, errOut.String())
			}
			b2, _ := os.ReadFile(second)
			h2, rows2 := storetest.ExportRows(t, b2)
			if h1["dialect"] != "sqlite" || h2["dialect"] != dialect || h1["schema_version"] != h2["schema_version"] {
				t.Errorf("headers %v / %v", h1, h2)
			}
			var tables []string
			for table, rows := range rows1 {
				tables = append(tables, table)
				got := rows2[table]
				if !slices.Equal(rows, got) {
					t.Errorf("table %s: %d rows exported, %d after the import, not all equal", table, len(rows), len(got))
					for i := range min(len(rows), len(got)) {
						if rows[i] != got[i] {
							t.Errorf("  first difference:\n  %s\n  %s", rows[i], got[i])
							break
						}
					}
				}
			}
			if len(rows2) != len(rows1) {
				t.Errorf("%d tables exported, %d after the import", len(rows1), len(rows2))
			}
			slices.Sort(tables)
			t.Logf("tables compared: %s", strings.Join(tables, ", "))

			// The imported database works: a new officer gets the next id.
			st, err := store.Open(ctx, target, store.Options{Loc: storetest.Loc})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			o, err := st.CreateOfficer(ctx, "test", roster.Officer{FullName: "Phan Văn Quang", Kind: roster.KindLawyer, Active: true})
			if err != nil {
				t.Fatalf("a new officer after the import: %v", err)
			}
			if want := int64(len(rows1["officers"]) + 1); o.ID != want {
				t.Errorf("new officer id %d, want %d", o.ID, want)
			}
			// Importing again into a database that is no longer empty is refused.
			if err := run(ctx, []string{"import", first, "--db", target}, getenv, &out, &errOut); err == nil || !strings.Contains(err.Error(), "not empty") {
				t.Errorf("second import: %v", err)
			}
		})
	}
}

// fillEveryTable adds, to the demo's database at path, rows of the tables
// the demo leaves empty: leave, a holiday override, reminder preferences,
// a reassigned duty (release), a swap request, a publication, an outreach
// session with partner and results, an outbox message, a web session and a
// failed sign-in.
func fillEveryTable(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	loc := storetest.Loc
	clock := storetest.NewClock(time.Date(2031, 3, 3, 8, 0, 0, 0, loc))
	st, err := store.Open(ctx, path, store.Options{Loc: loc, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	site, err := st.CreateSite(ctx, "test", roster.Site{Code: "TAND-KV3", Name: "Tòa án nhân dân khu vực 3 – Hải Phòng", Kind: roster.SiteCourt,
		ContactEmail: "tand-kv3@example.vn", Slots: []roster.Slot{{Name: "Sáng", Start: 450, End: 690, Officers: 1, Days: roster.Workdays}}})
	must("site", err)
	a, err := st.CreateOfficer(ctx, "test", roster.Officer{FullName: "Phan Văn Quang", Kind: roster.KindLawyer, Active: true, Email: "quang@example.vn"})
	must("officer", err)
	b, err := st.CreateOfficer(ctx, "test", roster.Officer{FullName: "Đinh Thị Yến", Kind: roster.KindLegalAidOfficer, Active: true})
	must("officer", err)
	duty := func(day int) roster.Assignment {
		d, err := st.CreateAssignment(ctx, "test", roster.Assignment{SiteID: site.ID, SlotName: "Sáng", Role: roster.Primary, OfficerID: a.ID,
			Start: time.Date(2031, 3, day, 7, 30, 0, 0, loc), End: time.Date(2031, 3, day, 11, 30, 0, 0, loc), Status: roster.Scheduled})
		must("duty", err)
		return d
	}
	d1, d2 := duty(10), duty(11)
	_, err = st.UpdateAssignment(ctx, "test", d1.ID, store.AssignmentChange{OfficerID: &b.ID}, 0)
	must("reassign", err)
	_, err = st.CreateSwap(ctx, "test", roster.SwapRequest{Kind: roster.SwapTake, AssignmentID: d2.ID, AssignmentVersion: d2.Version,
		FromOfficerID: a.ID, ToOfficerID: b.ID, Message: "nhờ chị trực giúp", Status: roster.SwapPending, CreatedBy: "test"})
	must("swap", err)
	_, _, err = st.CreateLeave(ctx, "test", roster.Leave{OfficerID: b.ID, From: roster.NewDate(2031, 3, 20), To: roster.NewDate(2031, 3, 21), Reason: "ốm"})
	must("leave", err)
	must("holiday", st.PutHolidayOverride(ctx, "test", roster.SpecialDay{Date: roster.NewDate(2031, 11, 24), Name: "Ngày Văn hóa Việt Nam", Kind: roster.DayOff}))
	_, err = st.AddRecurringHoliday(ctx, "test", roster.RecurringHoliday{Month: time.November, Day: 24, Name: "Ngày Văn hóa Việt Nam", FromYear: 2032})
	must("recurring holiday", err)
	leads := "48h,2h"
	must("preferences", st.SetReminderLeads(ctx, "test", a.ID, &leads))
	_, err = st.CreatePublication(ctx, "test", roster.Publication{SiteID: site.ID, SiteCode: site.Code, From: roster.NewDate(2031, 3, 1),
		To: roster.NewDate(2031, 3, 31), Recipient: site.ContactEmail})
	must("publication", err)
	_, problems, err := st.ImportOfficers(ctx, "test", []store.OfficerImportRow{{Row: 2, Officer: roster.Officer{FullName: "Phan Văn Quang",
		Kind: roster.KindLawyer, Email: "quang@example.vn", Specialties: []string{"criminal"}}, Sites: []string{"TAND-KV3"}}}, false)
	if len(problems) > 0 {
		t.Fatalf("import: %+v", problems)
	}
	must("officers import (officer_sites)", err)
	sess, err := st.CreateOutreachSession(ctx, "test", roster.OutreachSession{Title: "Trợ giúp pháp lý cho người khuyết tật",
		Venue: "Nhà văn hóa thôn 3", Commune: "xã An Lư", Start: time.Date(2031, 3, 12, 8, 0, 0, 0, loc), End: time.Date(2031, 3, 12, 11, 30, 0, 0, loc),
		Partners: []roster.Partner{{Name: "Hội Người khuyết tật"}}, OfficerIDs: []int64{a.ID}})
	must("outreach session", err)
	clock.Set(time.Date(2031, 3, 12, 12, 0, 0, 0, loc))
	attendees, requests := 42, 7
	_, err = st.UpdateOutreachSession(ctx, "test", sess.ID, roster.SessionChange{Attendees: &attendees, Requests: &requests,
		Consultations: map[string]int{"land": 4, "civil": 3}}, 0)
	must("outreach results", err)
	ob := notify.NewOutbox(st, notify.OutboxOptions{Now: clock.Now})
	_, err = ob.Enqueue(ctx, []notify.Entry{{Kind: notify.KindReminder, Channel: notify.ChannelEmail, Recipient: a.Email, OfficerID: a.ID,
		AssignmentID: d2.ID, AssignmentVersion: d2.Version, SiteID: site.ID, DueAt: clock.Now(), GiveUpAt: d2.Start,
		Message: notify.Message{To: []string{a.Email}, Subject: "Nhắc lịch trực", Text: "Ngày mai anh trực tại TAND-KV3.",
			Key: "reminder:test", Event: "duty.reminder", Data: map[string]any{"site": "TAND-KV3"}}}})
	must("outbox", err)
	users, err := st.ListUsers(ctx)
	must("users", err)
	_, err = st.CreateWebSession(ctx, users[0].Name, users[0].ID, store.HashToken("cookie"), store.NewSecret(), time.Hour)
	must("web session", err)
	_, _, _, err = st.CountLoginAttempt(ctx, "nobody", 5, 15*time.Minute)
	must("sign-in attempt", err)
	past := duty(2) // held before the clock's now, so it can have results
	_, err = st.RecordDutyResult(ctx, "test", roster.DutyResult{AssignmentID: past.ID, Held: true, HeldBy: a.ID, PeopleReceived: 1,
		Requests: []roster.DutyRequest{{Field: "land", Group: roster.GroupElderly, Action: roster.ActionAdvised}}})
	must("duty result", err)
	_, err = st.CreateCustodyRequest(ctx, "test", roster.CustodyRequest{ReceivedAt: time.Date(2031, 3, 2, 20, 0, 0, 0, loc),
		Source: roster.SourcePolice, SourceName: "Công an phường Lê Chân", TakenBy: a.ID, PersonStatus: roster.PersonDetained, Field: "criminal"})
	must("custody request", err)
	_, err = st.CreateCase(ctx, "test", roster.Case{Form: roster.FormProceedings, Field: "criminal", Group: roster.GroupAccusedMinor,
		Origin: roster.OriginOffice, HandlerID: b.ID, Accepted: roster.NewDate(2031, 3, 1), Stage: roster.StageAccepted})
	must("case", err)
}
