package notify

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"lichtruc/api/metrics"
	"lichtruc/roster"
)

// TestJobAndMessageMetrics scrapes the metrics of a scheduler whose
// reminders are sent, refused for good, and failed while the SMTP server is
// down, and reads the outbox and the age of its oldest pending message.
func TestJobAndMessageMetrics(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		m := metrics.New(prometheus.NewRegistry())
		m.WatchStore(f.st, f.clock.Now)
		huong := f.officer("Nguyễn Thị Hương", "huong@tgpl.example")
		refused := f.officer("Lê Văn Bị Từ Chối", "refused@tgpl.example")
		f.duty(huong, 4, "Sáng", roster.Primary)
		f.duty(refused, 4, "Chiều", roster.Primary)
		f.duty(huong, 5, "Sáng", roster.Primary)
		f.be.rcptErr = func(to string) error {
			if to == "refused@tgpl.example" {
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
			}
			return nil
		}
		s := f.scheduler(nil, Senders{}, SchedulerConfig{Leads: []time.Duration{time.Hour}, Metrics: m})
		f.clock.Set(f.at(4, 6, 30))
		f.scan(s)
		f.clock.Set(f.at(4, 12, 30))
		f.scan(s)
		fams := scrapeMetrics(t, m)
		for _, c := range []struct {
			name   string
			labels []string
			want   float64
		}{
			{"lichtruc_notify_messages_total", []string{"channel=email", "kind=reminder", "outcome=sent"}, 1},
			{"lichtruc_notify_messages_total", []string{"channel=email", "kind=reminder", "outcome=given_up"}, 1},
			{"lichtruc_job_runs_total", []string{"job=reminders", "result=ok"}, 2},
			{"lichtruc_job_runs_total", []string{"job=dispatch", "result=ok"}, 2},
			{"lichtruc_job_duration_seconds", []string{"job=reminders"}, 2},
			{"lichtruc_outbox_messages", []string{"status=sent"}, 1},
			{"lichtruc_outbox_messages", []string{"status=given_up"}, 1},
			{"lichtruc_outbox_oldest_pending_age_seconds", nil, 0},
		} {
			if got := sample(fams, c.name, c.labels...); got != c.want {
				t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
			}
		}

		// The SMTP server goes down: the next reminder fails, waits, and
		// its age grows with the clock.
		f.stop()
		f.clock.Set(f.at(5, 6, 30))
		f.scan(s)
		f.clock.Add(10 * time.Minute)
		fams = scrapeMetrics(t, m)
		if got := sample(fams, "lichtruc_notify_messages_total", "outcome=failed"); got != 1 {
			t.Errorf("failed sends: %v, want 1", got)
		}
		if got := sample(fams, "lichtruc_outbox_messages", "status=failed"); got != 1 {
			t.Errorf("failed messages in the outbox: %v, want 1", got)
		}
		if got := sample(fams, "lichtruc_outbox_oldest_pending_age_seconds"); got != 600 {
			t.Errorf("oldest pending age: %v s, want 600", got)
		}
		if got := sample(fams, "lichtruc_job_runs_total", "job=reminders", "result=ok"); got != 3 {
			t.Errorf("reminder runs: %v, want 3", got)
		}
	})
}

// TestUnpublishedMetric: the daily check sets how many sites' next month
// is unpublished past its deadline, for the alert rule of the README.
func TestUnpublishedMetric(t *testing.T) {
	t.Parallel()
	forEachDialect(t, func(t *testing.T, f *fixture) {
		m := metrics.New(prometheus.NewRegistry())
		s := f.scheduler(nil, Senders{}, SchedulerConfig{ManagerEmails: []string{"nghiepvu@tgpl.example"}, Metrics: m})
		// February 2027: the deadline is Monday 25 January (5 working days).
		for _, c := range []struct {
			day     int
			publish bool
			want    float64
		}{{22, false, 0}, {25, false, 1}, {26, true, 0}} {
			if c.publish {
				if _, err := f.st.CreatePublication(f.ctx, "manager", roster.Publication{SiteID: f.site.ID,
					From: roster.NewDate(2027, 2, 1), To: roster.NewDate(2027, 2, 28)}); err != nil {
					t.Fatal(err)
				}
			}
			f.clock.Set(time.Date(2027, 1, c.day, 7, 0, 0, 0, f.loc))
			if _, err := s.RunDaily(f.ctx); err != nil {
				t.Fatal(err)
			}
			fams := scrapeMetrics(t, m)
			if got := sample(fams, "lichtruc_unpublished_sites"); got != c.want {
				t.Errorf("on 2027-01-%d: %v unpublished sites, want %v", c.day, got, c.want)
			}
			if got := sample(fams, "lichtruc_job_last_success_timestamp_seconds", "job=publications"); got <= 0 {
				t.Errorf("last success of the publication check: %v", got)
			}
		}
	})
}

// scrapeMetrics reads m's handler as Prometheus would and parses the text.
func scrapeMetrics(t *testing.T, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler(nil).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil || rec.Code != 200 {
		t.Fatalf("scrape: %d %v", rec.Code, err)
	}
	return fams
}

// sample is the value of family name's first sample whose labels include
// each "k=v" of labels (a histogram's count); -1 when none.
func sample(fams map[string]*dto.MetricFamily, name string, labels ...string) float64 {
next:
	for _, m := range fams[name].GetMetric() {
		for _, kv := range labels {
			k, v, _ := strings.Cut(kv, "=")
			found := false
			for _, l := range m.GetLabel() {
				found = found || l.GetName() == k && l.GetValue() == v
			}
			if !found {
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
