package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on machines without tzdata

	"github.com/prometheus/client_golang/prometheus"

	"lichtruc/api"
	"lichtruc/api/metrics"
	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The goals of issue 15, as ratios to the /healthz rate measured in the
// same run.
const (
	goalDuty     = 0.5
	goalFeed     = 0.35
	goal304      = 0.6
	goalP99      = 20 * time.Millisecond
	goalHistoric = 0.10 // the lookup rate after 10 years within 10 % of that after 1
)

// phase is one kind of request measured on its own.
type phase struct {
	name string
	req  func() *http.Request
	want int // the status every answer must have
}

// phaseResult is what one phase measured.
type phaseResult struct {
	n, failures int
	elapsed     time.Duration
	lat         []time.Duration
	firstErr    string
}

func (r phaseResult) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r phaseResult) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
}

// merge adds the samples of o (a second run of the same phase).
func (r phaseResult) merge(o phaseResult) phaseResult {
	r.n += o.n
	r.failures += o.failures
	r.elapsed += o.elapsed
	r.lat = append(r.lat, o.lat...)
	slices.Sort(r.lat)
	if r.firstErr == "" {
		r.firstErr = o.firstErr
	}
	return r
}

func runRatios(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("loadtest -mode ratios", flag.ContinueOnError)
	dsn := fs.String("db", "", "an empty PostgreSQL database (postgres://…); empty: a new SQLite file in a temporary directory")
	conc := fs.Int("c", 32, "connections")
	each := fs.Duration("phase", 8*time.Second, "how long each phase runs in all")
	rounds := fs.Int("rounds", 8, "slices each phase runs in, interleaved with the other phases")
	maxN := fs.Int("max", 800000, "most requests of one phase in all")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "lichtruc-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*dsn = filepath.Join(dir, "load.db")
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *dsn, store.Options{Loc: loc})
	if err != nil {
		return err
	}
	defer st.Close()
	token := randomToken()
	if err := st.EnsureAdmin(ctx, store.HashToken(token)); err != nil {
		return err
	}
	t0 := time.Now()
	sites, feedOfficer, duties, err := seedHistory(ctx, st, loc)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: planned %d duties at %s (1 year of history) and %s (10 years), a year ahead each, in %s\n",
		st.Dialect(), duties, sites[0], sites[1], time.Since(t0).Round(time.Second))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	m := metrics.New(prometheus.NewRegistry())
	m.WatchStore(st, time.Now)
	srv := api.NewServer(api.Config{BaseURL: base, Loc: loc, Version: "loadtest"},
		api.Deps{Store: st, Logger: slog.New(slog.DiscardHandler), Metrics: m})
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer hs.Shutdown(context.Background())

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: *conc * 2, MaxIdleConnsPerHost: *conc * 2, MaxConnsPerHost: *conc, DisableCompression: true}}
	authed := func(path string) func() *http.Request {
		return func() *http.Request {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			return req
		}
	}
	feedURL, etag, size, events, err := feedOf(client, base, token, feedOfficer)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "year feed: %d events, %d bytes\n", events, size)
	plain := func(h ...string) func() *http.Request {
		return func() *http.Request {
			req, _ := http.NewRequest("GET", feedURL, nil)
			for i := 0; i+1 < len(h); i += 2 {
				req.Header.Set(h[i], h[i+1])
			}
			return req
		}
	}
	phases := map[string]phase{
		"healthz":   {"GET /healthz", func() *http.Request { r, _ := http.NewRequest("GET", base+"/healthz", nil); return r }, 200},
		"duty1":     {"GET /api/v1/duty (1 year of history)", authed("/api/v1/duty?site=" + sites[0]), 200},
		"duty10":    {"GET /api/v1/duty (10 years of history)", authed("/api/v1/duty?site=" + sites[1]), 200},
		"feed":      {"GET year feed (200)", plain(), 200},
		"notmodifd": {"GET year feed (If-None-Match: 304)", plain("If-None-Match", etag), 304},
	}
	// Each phase runs in -rounds slices, the order mirrored every other
	// round, so that a drift of the machine's speed during the run (other
	// work on it) weighs on every phase alike.
	order := []string{"healthz", "duty1", "duty10", "feed", "notmodifd"}
	back := slices.Clone(order)
	slices.Reverse(back)
	var run []string
	for i := range max(*rounds, 1) {
		run = append(run, [][]string{order, back}[i%2]...)
	}
	slice := *each / time.Duration(max(*rounds, 1))
	res := map[string]phaseResult{}
	measure(client, phases["healthz"], *conc, time.Second, *maxN) // warm-up
	for _, key := range run {
		r := measure(client, phases[key], *conc, slice, *maxN/max(*rounds, 1))
		if prev, ok := res[key]; ok {
			r = prev.merge(r)
		}
		res[key] = r
	}

	hz := res["healthz"].rate()
	fmt.Fprintf(w, "\n%d connections, %s per phase in %d interleaved slices, on loopback; %s\n", *conc, *each, max(*rounds, 1), st.Dialect())
	fmt.Fprintf(w, "  %-40s %9s %7s %9s %9s %8s\n", "request", "req/s", "ratio", "p50", "p99", "failures")
	failed := false
	var goals []string
	for _, key := range order {
		r := res[key]
		ratio := r.rate() / hz
		fmt.Fprintf(w, "  %-40s %9.0f %7.2f %9s %9s %8d\n", phases[key].name, r.rate(), ratio,
			r.pct(0.5).Round(time.Microsecond), r.pct(0.99).Round(time.Microsecond), r.failures)
		if r.failures > 0 {
			failed = true
			fmt.Fprintf(w, "    first failure: %s\n", r.firstErr)
		}
		goal := map[string]float64{"duty1": goalDuty, "duty10": goalDuty, "feed": goalFeed, "notmodifd": goal304}[key]
		if goal > 0 {
			goals = append(goals, verdict(fmt.Sprintf("%s ≥ %.2f of /healthz", phases[key].name, goal), ratio >= goal))
		}
		goals = append(goals, verdict(fmt.Sprintf("%s p99 < %s", phases[key].name, goalP99), r.pct(0.99) < goalP99))
	}
	hist := res["duty10"].rate() / res["duty1"].rate()
	goals = append(goals, verdict(fmt.Sprintf("lookup after 10 years at %.2f of the rate after 1 (within %.0f %%)", hist, goalHistoric*100),
		hist >= 1-goalHistoric && hist <= 1+goalHistoric))
	fmt.Fprintln(w, "\ngoals:")
	for _, g := range goals {
		fmt.Fprintln(w, "  "+g)
	}
	if failed {
		return errors.New("failed requests")
	}
	return nil
}

func verdict(what string, ok bool) string {
	if ok {
		return "met     " + what
	}
	return "MISSED  " + what
}

// measure runs one phase at conc connections for d or n requests,
// whichever comes first.
func measure(client *http.Client, p phase, conc int, d time.Duration, n int) phaseResult {
	var (
		mu  sync.Mutex
		out phaseResult
		wg  sync.WaitGroup
	)
	left := make(chan struct{}, n)
	for range n {
		left <- struct{}{}
	}
	close(left)
	start := time.Now()
	deadline := start.Add(d)
	for range conc {
		wg.Go(func() {
			var lat []time.Duration
			fails, firstErr := 0, ""
			for range left {
				if time.Now().After(deadline) {
					break
				}
				t := time.Now()
				resp, err := client.Do(p.req())
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != p.want {
						err = fmt.Errorf("status %d, want %d", resp.StatusCode, p.want)
					}
				}
				lat = append(lat, time.Since(t))
				if err != nil {
					fails++
					if firstErr == "" {
						firstErr = err.Error()
					}
				}
			}
			mu.Lock()
			out.lat = append(out.lat, lat...)
			out.failures += fails
			if out.firstErr == "" {
				out.firstErr = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	out.elapsed = time.Since(start)
	out.n = len(out.lat)
	slices.Sort(out.lat)
	return out
}

// feedOf returns the feed URL of officer id, the ETag of its answer, its
// size and its number of events.
func feedOf(client *http.Client, base, token string, id int64) (string, string, int, int, error) {
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/officers/%d", base, id), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return "", "", 0, 0, err
	}
	var o struct {
		FeedURL string `json:"feed_url"`
	}
	err = json.NewDecoder(resp.Body).Decode(&o)
	resp.Body.Close()
	if err != nil || o.FeedURL == "" {
		return "", "", 0, 0, fmt.Errorf("officer %d: no feed URL (%v)", id, err)
	}
	resp, err = client.Get(o.FeedURL)
	if err != nil {
		return "", "", 0, 0, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		return "", "", 0, 0, fmt.Errorf("feed: %s %v", resp.Status, err)
	}
	return o.FeedURL, resp.Header.Get("ETag"), len(body), strings.Count(string(body), "BEGIN:VEVENT"), nil
}

// seedHistory plans two court sites on an empty database, each with its own
// officers: the first from a year ago, the second from ten years ago, both
// to a year ahead. It returns the sites' codes, an officer of the second
// site (whose feed has a year ahead) and the number of duties planned.
func seedHistory(ctx context.Context, st *store.Store, loc *time.Location) ([2]string, int64, int, error) {
	var codes [2]string
	if existing, err := st.ListSites(ctx, nil); err != nil || len(existing) > 0 {
		return codes, 0, 0, fmt.Errorf("-db must name an empty database (it has %d sites; %v)", len(existing), err)
	}
	today := roster.DateOf(time.Now().In(loc))
	var feedOfficer int64
	total := 0
	for i, years := range []int{1, 10} {
		codes[i] = fmt.Sprintf("TAND-%dY", years)
		site, err := st.CreateSite(ctx, "loadtest", roster.Site{Code: codes[i], Name: fmt.Sprintf("Tòa án nhân dân khu vực %d – Hải Phòng", i+1),
			Kind: roster.SiteCourt, Address: "Số 3 Hoàng Diệu, Hồng Bàng, Hải Phòng", ReceptionPhone: "0225 3745 123",
			Slots: []roster.Slot{
				{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Officers: 1, Backups: 1, Days: roster.Workdays},
				{Name: "Chiều", Start: 13*60 + 30, End: 17 * 60, Officers: 1, Days: roster.Workdays},
				{Name: "Trực điện thoại", Start: 17 * 60, End: 7*60 + 30, Officers: 1, Days: roster.Daily},
			}})
		if err != nil {
			return codes, 0, 0, err
		}
		var ids []int64
		for k := range 10 {
			o, err := st.CreateOfficer(ctx, "loadtest", roster.Officer{FullName: fmt.Sprintf("Trợ giúp viên pháp lý %d-%02d", i+1, k+1),
				Kind: roster.KindLegalAidOfficer, Email: fmt.Sprintf("tgv%d%02d@tgpl.example", i+1, k+1), Phone: "0904 111 2" + fmt.Sprintf("%02d", k), Active: true})
			if err != nil {
				return codes, 0, 0, err
			}
			ids = append(ids, o.ID)
		}
		if i == 1 {
			feedOfficer = ids[0]
		}
		to := today.AddDays(365)
		for from := today.AddDays(-365 * years); !to.Before(from); from = from.AddDays(365) {
			end := from.AddDays(364)
			if to.Before(end) {
				end = to
			}
			out, err := st.Plan(ctx, "loadtest", store.PlanRequest{SiteIDs: []int64{site.ID}, From: from, To: end, OfficerIDs: ids})
			if err != nil {
				return codes, 0, 0, fmt.Errorf("plan %s %s–%s: %w", codes[i], from, end, err)
			}
			total += len(out.Added)
		}
	}
	return codes, feedOfficer, total, nil
}

func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
