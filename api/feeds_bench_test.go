package api

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// benchFeed sets up a court planned for a year with 12 officers and returns
// the server and one officer's feed path.
func benchFeed(b *testing.B) (*Server, string) {
	st := storetest.Open(b, "sqlite", store.Options{})
	ctx := context.Background()
	srv := NewServer(Config{BaseURL: testBase, Loc: testLoc}, Deps{Store: st, Now: func() time.Time { return testNow }})
	site, err := st.CreateSite(ctx, "bench", roster.Site{Code: "TAND-HP", Name: "Tòa án nhân dân thành phố Hải Phòng", Kind: roster.SiteCourt,
		Address: "Số 1 Hồng Bàng, Hải Phòng", ReceptionPhone: "0225 3745 123",
		Slots: []roster.Slot{{Name: "Sáng", Start: 450, End: 690, Officers: 1, Backups: 1, Days: roster.Workdays},
			{Name: "Chiều", Start: 810, End: 1020, Officers: 1, Days: roster.Workdays}}})
	if err != nil {
		b.Fatal(err)
	}
	var first roster.Officer
	for i := range 6 {
		o, err := st.CreateOfficer(ctx, "bench", roster.Officer{FullName: "Cán bộ trợ giúp pháp lý số " + string(rune('A'+i)), Kind: roster.KindLegalAidOfficer, Active: true, Phone: "0912 345 600"})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			first = o
		}
	}
	out, err := st.Plan(ctx, "bench", store.PlanRequest{SiteIDs: []int64{site.ID}, From: roster.NewDate(2027, 1, 1), To: roster.NewDate(2027, 12, 31)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(out.Added)), "duties")
	return srv, "/ical/o/" + store.FeedToken(first.ID, first.FeedSecret) + ".ics"
}

// BenchmarkFeedServeCached is a calendar app polling an unchanged feed: one
// indexed query and a copy of the cached bytes.
func BenchmarkFeedServeCached(b *testing.B) {
	srv, path := benchFeed(b)
	req := httptest.NewRequest("GET", path, nil)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	b.ReportMetric(float64(strings.Count(rec.Body.String(), "BEGIN:VEVENT")), "events")
	b.ReportMetric(float64(rec.Body.Len()), "bytes")
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkFeedServeUncached loads and renders the feed every time.
func BenchmarkFeedServeUncached(b *testing.B) {
	srv, path := benchFeed(b)
	for b.Loop() {
		clear(srv.feeds.entries)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
