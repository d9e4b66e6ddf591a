// Package metrics holds lichtruc's Prometheus metrics: the HTTP requests
// by route and status, the feed cache, the notification jobs and messages,
// and — read when scraped — the outbox and the database pool. Everything is
// registered on a registry passed in (no global registry), and every method
// is safe on a nil *Metrics, which records nothing, so code that records
// metrics runs unchanged in tests that do not care about them.
package metrics

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the collectors lichtruc records into.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	feedCache   *prometheus.CounterVec
	messages    *prometheus.CounterVec
	jobRuns     *prometheus.CounterVec
	jobDuration *prometheus.HistogramVec
	jobLastOK   *prometheus.GaugeVec
	unpublished prometheus.Gauge
}

// New creates lichtruc's collectors and registers them on reg, with the Go
// runtime's and the process's collectors.
func New(reg *prometheus.Registry) *Metrics {
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lichtruc_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lichtruc_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		feedCache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lichtruc_feed_cache_requests_total", Help: "Calendar feed requests, by whether the rendered feed came from the cache (hit) or was rendered (miss).",
		}, []string{"result"}),
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lichtruc_notify_messages_total", Help: "Outbox messages tried, by channel, kind and outcome (sent, failed: to be retried, given_up).",
		}, []string{"channel", "kind", "outcome"}),
		jobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lichtruc_job_runs_total", Help: "Runs of the notification jobs, by job and result (ok, error, skipped: another replica held the job's lock).",
		}, []string{"job", "result"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lichtruc_job_duration_seconds", Help: "Duration of the notification jobs' runs, by job.",
			Buckets: []float64{.005, .01, .05, .1, .5, 1, 5, 10, 30, 60, 300},
		}, []string{"job"}),
		jobLastOK: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "lichtruc_job_last_success_timestamp_seconds", Help: "When a run of the job last succeeded in this process (Unix time).",
		}, []string{"job"}),
		unpublished: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "lichtruc_unpublished_sites",
			Help: "Sites whose schedule for next month is not published in full though its publication deadline has come, as of the last daily check.",
		}),
	}
	reg.MustRegister(m.requests, m.latency, m.feedCache, m.messages, m.jobRuns, m.jobDuration, m.jobLastOK, m.unpublished,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}

// Handler serves the registry in the Prometheus text format; errors of a
// collector are logged and the other metrics still served.
func (m *Metrics) Handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorLog: slogPrinter{log}, ErrorHandling: promhttp.ContinueOnError})
}

type slogPrinter struct{ log *slog.Logger }

func (p slogPrinter) Println(v ...any) {
	if p.log != nil {
		p.log.Error("metrics", "err", v)
	}
}

// Request records one answered HTTP request; route is the router's
// pattern ("/api/v1/sites/:code"), never the raw path, so that secrets and
// ids do not become label values.
func (m *Metrics) Request(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, method, statusText(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

// FeedCache records whether a feed request was answered from the cache.
func (m *Metrics) FeedCache(hit bool) {
	if m == nil {
		return
	}
	if hit {
		m.feedCache.WithLabelValues("hit").Inc()
	} else {
		m.feedCache.WithLabelValues("miss").Inc()
	}
}

// Message records the outcome of one outbox message: "sent", "failed"
// (to be tried again) or "given_up".
func (m *Metrics) Message(channel, kind, outcome string) {
	if m == nil {
		return
	}
	m.messages.WithLabelValues(channel, kind, outcome).Inc()
}

// JobRun records a run of a job: result "ok", "error" or "skipped".
func (m *Metrics) JobRun(job, result string, d time.Duration) {
	if m == nil {
		return
	}
	m.jobRuns.WithLabelValues(job, result).Inc()
	if result != "skipped" {
		m.jobDuration.WithLabelValues(job).Observe(d.Seconds())
	}
	if result == "ok" {
		m.jobLastOK.WithLabelValues(job).SetToCurrentTime()
	}
}

// Unpublished records how many sites' next period is unpublished past its
// publication deadline (the daily check).
func (m *Metrics) Unpublished(n int) {
	if m == nil {
		return
	}
	m.unpublished.Set(float64(n))
}

// Source is what the scrape-time metrics read from the store.
type Source interface {
	// OutboxCounts returns how many messages the outbox holds in each status.
	OutboxCounts(ctx context.Context) (map[string]int, error)
	// OldestPending returns when the oldest message still to be sent
	// (pending, failed or being sent) fell due; ok is false when none is.
	OldestPending(ctx context.Context) (due time.Time, ok bool, err error)
	// PoolStats returns the figures of the connection pool.
	PoolStats() sql.DBStats
}

// WatchStore registers the metrics read from src when scraped: the outbox
// by status, the age of its oldest pending message (at now), and the
// database pool.
func (m *Metrics) WatchStore(src Source, now func() time.Time) {
	if m == nil {
		return
	}
	m.reg.MustRegister(&storeCollector{src: src, now: now})
}

var (
	outboxDesc = prometheus.NewDesc("lichtruc_outbox_messages", "Messages in the notification outbox, by status.", []string{"status"}, nil)
	oldestDesc = prometheus.NewDesc("lichtruc_outbox_oldest_pending_age_seconds",
		"How long ago the oldest message still to be sent (pending, failed or sending) fell due; 0 when none is.", nil, nil)
	poolOpenDesc    = prometheus.NewDesc("lichtruc_db_connections_open", "Open database connections, in use and idle.", nil, nil)
	poolInUseDesc   = prometheus.NewDesc("lichtruc_db_connections_in_use", "Database connections in use.", nil, nil)
	poolIdleDesc    = prometheus.NewDesc("lichtruc_db_connections_idle", "Idle database connections.", nil, nil)
	poolMaxDesc     = prometheus.NewDesc("lichtruc_db_connections_max_open", "Most database connections the pool opens.", nil, nil)
	poolWaitsDesc   = prometheus.NewDesc("lichtruc_db_connection_waits_total", "Times a request waited for a free database connection.", nil, nil)
	poolWaitDesc    = prometheus.NewDesc("lichtruc_db_connection_wait_seconds_total", "Time spent waiting for a free database connection.", nil, nil)
	poolClosedDesc  = prometheus.NewDesc("lichtruc_db_connections_closed_total", "Database connections closed, by reason (max_idle, max_idle_time, max_lifetime).", []string{"reason"}, nil)
	outboxStatuses  = []string{"pending", "sending", "sent", "failed", "given_up"}
	scrapeQueryTime = 3 * time.Second
)

// storeCollector reads the outbox and the pool when scraped.
type storeCollector struct {
	src Source
	now func() time.Time
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{outboxDesc, oldestDesc, poolOpenDesc, poolInUseDesc, poolIdleDesc, poolMaxDesc, poolWaitsDesc, poolWaitDesc, poolClosedDesc} {
		ch <- d
	}
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeQueryTime)
	defer cancel()
	if counts, err := c.src.OutboxCounts(ctx); err != nil {
		ch <- prometheus.NewInvalidMetric(outboxDesc, err)
	} else {
		for _, st := range outboxStatuses {
			ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(counts[st]), st)
		}
	}
	if due, ok, err := c.src.OldestPending(ctx); err != nil {
		ch <- prometheus.NewInvalidMetric(oldestDesc, err)
	} else {
		age := 0.0
		if ok {
			age = max(c.now().Sub(due).Seconds(), 0)
		}
		ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, age)
	}
	p := c.src.PoolStats()
	ch <- prometheus.MustNewConstMetric(poolOpenDesc, prometheus.GaugeValue, float64(p.OpenConnections))
	ch <- prometheus.MustNewConstMetric(poolInUseDesc, prometheus.GaugeValue, float64(p.InUse))
	ch <- prometheus.MustNewConstMetric(poolIdleDesc, prometheus.GaugeValue, float64(p.Idle))
	ch <- prometheus.MustNewConstMetric(poolMaxDesc, prometheus.GaugeValue, float64(p.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(poolWaitsDesc, prometheus.CounterValue, float64(p.WaitCount))
	ch <- prometheus.MustNewConstMetric(poolWaitDesc, prometheus.CounterValue, p.WaitDuration.Seconds())
	ch <- prometheus.MustNewConstMetric(poolClosedDesc, prometheus.CounterValue, float64(p.MaxIdleClosed), "max_idle")
	ch <- prometheus.MustNewConstMetric(poolClosedDesc, prometheus.CounterValue, float64(p.MaxIdleTimeClosed), "max_idle_time")
	ch <- prometheus.MustNewConstMetric(poolClosedDesc, prometheus.CounterValue, float64(p.MaxLifetimeClosed), "max_lifetime")
}

func statusText(code int) string {
	const digits = "0123456789"
	if code < 100 || code > 999 {
		return "unknown"
	}
	return string([]byte{digits[code/100], digits[code/10%10], digits[code%10]})
}
