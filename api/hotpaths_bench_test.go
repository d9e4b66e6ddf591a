package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// The hot paths' benchmarks, on SQLite and (with LICHTRUC_TEST_POSTGRES)
// PostgreSQL: /healthz as the baseline the load script divides by, the
// duty lookup after 1 and after 10 years of a court's history, and a
// calendar app's 304. Figures are in the README ("Performance and
// limits"); no test asserts a timing.

// benchHistory plans a court with morning (with backup), afternoon and
// overnight phone duty from years ago to a year after the benchmark's
// clock, and returns the server, the court's code and an officer's feed.
func benchHistory(b *testing.B, dialect string, years int) (*Server, string, string) {
	st := storetest.Open(b, dialect, store.Options{Now: func() time.Time { return testNow }})
	ctx := context.Background()
	srv := NewServer(Config{BaseURL: testBase, Loc: testLoc}, Deps{Store: st, Now: func() time.Time { return testNow }})
	if err := st.EnsureAdmin(ctx, store.HashToken("manager-token")); err != nil {
		b.Fatal(err)
	}
	site, err := st.CreateSite(ctx, "bench", roster.Site{Code: "TAND-HP", Name: "Tòa án nhân dân thành phố Hải Phòng", Kind: roster.SiteCourt,
		ReceptionPhone: "0225 3745 123", Slots: []roster.Slot{
			{Name: "Sáng", Start: 450, End: 690, Officers: 1, Backups: 1, Days: roster.Workdays},
			{Name: "Chiều", Start: 810, End: 1020, Officers: 1, Days: roster.Workdays},
			{Name: "Trực điện thoại", Start: 1020, End: 450, Officers: 1, Days: roster.Daily}}})
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range 10 {
		o, err := st.CreateOfficer(ctx, "bench", roster.Officer{FullName: fmt.Sprintf("Trợ giúp viên pháp lý %02d", i+1), Kind: roster.KindLegalAidOfficer,
			Active: true, Phone: "0912 345 600"})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	today := roster.DateOf(testNow)
	n := 0
	for from := today.AddDays(-365 * years); from.Before(today.AddDays(365)); from = from.AddDays(365) {
		out, err := st.Plan(ctx, "bench", store.PlanRequest{SiteIDs: []int64{site.ID}, From: from, To: from.AddDays(364), OfficerIDs: ids})
		if err != nil {
			b.Fatal(err)
		}
		n += len(out.Added)
	}
	b.ReportMetric(float64(n), "duties")
	o, _ := st.Officer(ctx, ids[0])
	return srv, site.Code, "/ical/o/" + store.FeedToken(o.ID, o.FeedSecret) + ".ics"
}

func benchServe(b *testing.B, srv *Server, path, token string, want int, headers ...string) {
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != want {
			b.Fatalf("%s: %d, want %d", path, rec.Code, want)
		}
	}
}

func BenchmarkHealthz(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			srv, _, _ := benchHistory(b, d, 1)
			benchServe(b, srv, "/healthz", "", 200)
		})
	}
}

// BenchmarkDutyLookup asks who is on duty now at a court with 1 and with
// 10 years of history: the same cost, since the query is bounded at both
// ends (roster.MaxDutyLength).
func BenchmarkDutyLookup(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		for _, years := range []int{1, 10} {
			b.Run(fmt.Sprintf("%s/years=%d", d, years), func(b *testing.B) {
				srv, code, _ := benchHistory(b, d, years)
				benchServe(b, srv, "/api/v1/duty?site="+code, "manager-token", 200)
			})
		}
	}
}

// BenchmarkFeedHandler serves a year's feed from the cache (200) and
// answers a calendar app that has it (304).
func BenchmarkFeedHandler(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		srv, _, feed := benchHistory(b, d, 1)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", feed, nil))
		etag := rec.Header().Get("ETag")
		b.Run(d+"/200", func(b *testing.B) { benchServe(b, srv, feed, "", 200) })
		b.Run(d+"/304", func(b *testing.B) { benchServe(b, srv, feed, "", 304, "If-None-Match", etag) })
	}
}
