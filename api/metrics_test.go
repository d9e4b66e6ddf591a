package api

import (
	"fmt"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/api/metrics"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestHotPathRoundTrips counts the statements of the hot paths: a duty
// lookup is the token and one query, a cached feed (200 or 304) one query.
func TestHotPathRoundTrips(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	opt := store.Options{Now: func() time.Time { return testNow }, OnStatement: func(string) { n.Add(1) }}
	storetest.ForEach(t, opt, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-04T07:30:00+07:00", "end": "2027-01-04T11:30:00+07:00"})
		feed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)["feed_url"].(string), testBase)
		site := h.must(200, "GET", "/api/v1/sites/TAND-HP", h.manager, nil)
		siteFeed := strings.TrimPrefix(site["feed_url"].(string), testBase)

		n.Store(0)
		d := h.must(200, "GET", "/api/v1/duty?site=TAND-HP&at=2027-01-04T09:00:00%2B07:00", h.manager, nil)
		if got := n.Load(); got > 2 {
			t.Errorf("a duty lookup ran %d statements, want at most 2", got)
		}
		if on := d["on_duty"].([]any); len(on) != 1 || on[0].(map[string]any)["full_name"] != "Nguyễn Văn An" {
			t.Fatalf("duty: %v", d)
		}
		for _, path := range []string{feed, siteFeed} {
			first := h.do("GET", path, "", nil)
			if first.Code != 200 {
				t.Fatalf("feed %s: %d", path, first.Code)
			}
			n.Store(0)
			if r := h.do("GET", path, "", nil); r.Code != 200 || string(r.Body) != string(first.Body) {
				t.Fatalf("cached feed: %d", r.Code)
			}
			if got := n.Load(); got != 1 {
				t.Errorf("a cached feed ran %d statements, want 1", got)
			}
			n.Store(0)
			if r := h.do("GET", path, "", nil, "If-None-Match", first.Header.Get("ETag")); r.Code != 304 {
				t.Fatalf("If-None-Match: %d", r.Code)
			}
			if got := n.Load(); got != 1 {
				t.Errorf("a 304 ran %d statements, want 1", got)
			}
		}
		// A write seen through the change counter: the feed is rendered anew.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		if r := h.do("GET", feed, "", nil); !strings.Contains(string(r.Body), "20270105T073000") {
			t.Fatalf("feed after a write lacks the new duty:\n%s", r.Body)
		}
	})
}

// metricsHarness is a harness whose server records metrics into reg.
func metricsHarness(t *testing.T, st *store.Store, cfg Config) (*harness, *metrics.Metrics) {
	m := metrics.New(prometheus.NewRegistry())
	m.WatchStore(st, func() time.Time { return testNow })
	h := newHarness(t, st)
	cfg.BaseURL, cfg.Loc, cfg.Version = testBase, testLoc, "test"
	h.srv = NewServer(cfg, Deps{Store: st, Now: func() time.Time { return h.now }, PasswordCost: bcrypt.MinCost, Metrics: m})
	return h, m
}

// scrape reads /metrics from addr as Prometheus would and parses it.
func scrape(t *testing.T, h *harness, addr string, headers ...string) (int, map[string]*dto.MetricFamily) {
	t.Helper()
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = addr
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	if rec.Code != 200 {
		return rec.Code, nil
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("/metrics is not the text format: %v", err)
	}
	return rec.Code, fams
}

// value is the value of the sample of family name whose labels include
// every pair of labels ("k=v"); -1 when there is none.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for _, kv := range labels {
			k, v, _ := strings.Cut(kv, "=")
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{Now: func() time.Time { return testNow }}, func(t *testing.T, st *store.Store) {
		h, _ := metricsHarness(t, st, Config{})
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		feed := strings.TrimPrefix(h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)["feed_url"].(string), testBase)
		h.must(200, "GET", "/healthz", "", nil)
		h.must(200, "GET", "/api/v1/duty?site=TAND-HP", h.manager, nil)
		h.do("GET", "/api/v1/sites/NOPE", h.manager, nil)
		h.do("GET", feed, "", nil)
		h.do("GET", feed, "", nil)

		code, fams := scrape(t, h, "127.0.0.1:40000")
		if code != 200 {
			t.Fatalf("/metrics from loopback: %d", code)
		}
		checks := []struct {
			name   string
			labels []string
			want   float64
		}{
			{"lichtruc_http_requests_total", []string{"route=/api/v1/duty", "method=GET", "status=200"}, 1},
			{"lichtruc_http_requests_total", []string{"route=/healthz", "status=200"}, 1},
			{"lichtruc_http_requests_total", []string{"route=/api/v1/sites/:code", "method=GET", "status=404"}, 1},
			{"lichtruc_http_requests_total", []string{"route=/ical/o/:file", "status=200"}, 2},
			{"lichtruc_http_request_duration_seconds", []string{"route=/api/v1/duty"}, 1},
			{"lichtruc_feed_cache_requests_total", []string{"result=miss"}, 1},
			{"lichtruc_feed_cache_requests_total", []string{"result=hit"}, 1},
			{"lichtruc_outbox_messages", []string{"status=pending"}, 0},
			{"lichtruc_outbox_oldest_pending_age_seconds", nil, 0},
		}
		for _, c := range checks {
			if got := value(fams, c.name, c.labels...); got != c.want {
				t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
			}
		}
		if got := value(fams, "lichtruc_db_connections_max_open"); got < 1 {
			t.Errorf("pool figures missing: max open %v", got)
		}
		if fams["go_goroutines"] == nil {
			t.Error("runtime collectors missing")
		}
		// Counters move.
		h.must(200, "GET", "/api/v1/duty?site=TAND-HP", h.manager, nil)
		h.do("GET", feed, "", nil)
		_, fams = scrape(t, h, "[::1]:40000")
		if got := value(fams, "lichtruc_http_requests_total", "route=/api/v1/duty", "status=200"); got != 2 {
			t.Errorf("duty requests after one more: %v, want 2", got)
		}
		if got := value(fams, "lichtruc_feed_cache_requests_total", "result=hit"); got != 2 {
			t.Errorf("feed cache hits after one more: %v, want 2", got)
		}
		if got := value(fams, "lichtruc_http_requests_total", "route=/metrics", "status=200"); got != 1 {
			t.Errorf("the first scrape is counted: %v", got)
		}
		// Secrets in feed paths never become label values.
		for _, m := range fams["lichtruc_http_requests_total"].GetMetric() {
			for _, l := range m.GetLabel() {
				if strings.Contains(l.GetValue(), ".ics") {
					t.Errorf("a raw path as a label: %s", l.GetValue())
				}
			}
		}
	})
}

func TestMetricsAccess(t *testing.T) {
	t.Parallel()
	allow, err := ParseMetricsAllow("10.0.0.0/8, 192.0.2.7")
	if err != nil || len(allow) != 2 {
		t.Fatalf("ParseMetricsAllow: %v %v", allow, err)
	}
	if _, err := ParseMetricsAllow("10.0.0.0/33"); err == nil {
		t.Fatal("a bad network must be refused")
	}
	st := storetest.Open(t, "sqlite", store.Options{})
	cases := []struct {
		name    string
		cfg     Config
		addr    string
		headers []string
		want    int
	}{
		{"default: loopback", Config{}, "127.0.0.1:1", nil, 200},
		{"default: not loopback", Config{}, "192.0.2.1:1", nil, 403},
		{"allowed network", Config{MetricsAllow: allow}, "10.1.2.3:1", nil, 200},
		{"allowed address", Config{MetricsAllow: allow}, "192.0.2.7:1", nil, 200},
		{"not allowed; loopback is no longer implied", Config{MetricsAllow: allow}, "127.0.0.1:1", nil, 403},
		{"token", Config{MetricsToken: "s3cret"}, "192.0.2.1:1", []string{"Authorization", "Bearer s3cret"}, 200},
		{"wrong token", Config{MetricsToken: "s3cret"}, "192.0.2.1:1", []string{"Authorization", "Bearer s3cre"}, 401},
		{"no token", Config{MetricsToken: "s3cret"}, "127.0.0.1:1", nil, 401},
		{"token or address", Config{MetricsToken: "s3cret", MetricsAllow: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, "10.9.9.9:1", nil, 200},
	}
	for _, c := range cases {
		h, _ := metricsHarness(t, st, c.cfg)
		if code, _ := scrape(t, h, c.addr, c.headers...); code != c.want {
			t.Errorf("%s: %d, want %d", c.name, code, c.want)
		}
	}
	// Without metrics there is no /metrics.
	h := newHarness(t, st)
	if r := h.do("GET", "/metrics", "", nil); r.Code != 404 {
		t.Errorf("no metrics configured: %d", r.Code)
	}
}
