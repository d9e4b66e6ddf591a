// Command loadtest measures lichtruc from loopback. It has two modes.
//
// -mode mix (the default) puts a running lichtruc under a mixed load and
// reports throughput and latency per kind of request: calendar apps
// polling feeds (half with If-None-Match), reception asking who is on duty,
// and managers booking duties at the same time (writes that contend for
// the same officers):
//
//	go run ./cmd/lichtruc serve --demo   # with LICHTRUC_BOOTSTRAP_TOKEN=dev-admin-token
//	go run ./cmd/loadtest -token dev-admin-token -duration 20s -c 16
//
// -mode ratios starts lichtruc itself on a new database (a SQLite file in a
// temporary directory, or the empty PostgreSQL database -db names), plans
// two court sites — one with 1 year of history, one with 10 — and a year
// ahead, then measures one kind of request after another at -c connections
// for -phase each (in -rounds interleaved slices): /healthz, the duty
// lookup at each site, a year's feed and its 304 answer. It prints each rate as a ratio to /healthz, with p99
// and failures, checks them against the goals of issue 15, and compares the
// lookup rate after 1 and after 10 years (ratios.go):
//
//	go run ./cmd/loadtest -mode ratios
//	go run ./cmd/loadtest -mode ratios -db 'postgres://postgres@127.0.0.1:5432/lichtruc_load?sslmode=disable'
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type result struct {
	kind    string
	status  int
	latency time.Duration
	err     error
}

func run(args []string, w io.Writer) error {
	for i, a := range args {
		if a == "-mode" || a == "--mode" {
			if i+1 < len(args) && args[i+1] == "ratios" {
				return runRatios(append(slices.Clone(args[:i]), args[i+2:]...), w)
			}
		}
		if a == "-mode=ratios" || a == "--mode=ratios" {
			return runRatios(append(slices.Clone(args[:i]), args[i+1:]...), w)
		}
	}
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.String("mode", "mix", "mix (a running server under mixed load) or ratios (see the package doc)")
	base := fs.String("base", "http://127.0.0.1:8080", "lichtruc base URL (loopback only)")
	token := fs.String("token", "", "manager API token")
	duration := fs.Duration("duration", 10*time.Second, "how long to run")
	conc := fs.Int("c", 8, "concurrent clients")
	writes := fs.Float64("writes", 0.05, "fraction of requests that book a duty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !strings.HasPrefix(*base, "http://127.") && !strings.HasPrefix(*base, "http://localhost") && !strings.HasPrefix(*base, "http://[::1]") {
		return errors.New("-base must be a loopback address")
	}
	if *token == "" {
		return errors.New("-token is required (a manager's API token)")
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	get := func(path string, out any) error {
		req, _ := http.NewRequest("GET", *base+path, nil)
		req.Header.Set("Authorization", "Bearer "+*token)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return json.NewDecoder(resp.Body).Decode(out)
	}
	var sites struct {
		Sites []struct {
			Code    string
			FeedURL string `json:"feed_url"`
		}
	}
	var officers struct {
		Officers []struct {
			ID      int64
			FeedURL string `json:"feed_url"`
		}
	}
	if err := get("/api/v1/sites", &sites); err != nil {
		return err
	}
	if err := get("/api/v1/officers?limit=1000", &officers); err != nil {
		return err
	}
	if len(sites.Sites) == 0 || len(officers.Officers) == 0 {
		return errors.New("no sites or officers: start the server with --demo")
	}
	results := make(chan result, 1024)
	deadline := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for i := range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 7))
			etags := map[string]string{}
			for time.Now().Before(deadline) {
				var req *http.Request
				var kind string
				switch p := rng.Float64(); {
				case p < *writes:
					kind = "POST /assignments"
					o := officers.Officers[rng.IntN(len(officers.Officers))]
					day := time.Now().AddDate(0, 3, rng.IntN(60))
					start := time.Date(day.Year(), day.Month(), day.Day(), 18+rng.IntN(4), 0, 0, 0, time.FixedZone("ICT", 7*3600))
					body := fmt.Sprintf(`{"site":%q,"officer_id":%d,"start":%q,"end":%q}`, sites.Sites[0].Code, o.ID,
						start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339))
					req, _ = http.NewRequest("POST", *base+"/api/v1/assignments", strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+*token)
				case p < 0.5:
					kind = "GET /api/v1/duty"
					req, _ = http.NewRequest("GET", *base+"/api/v1/duty?site="+sites.Sites[rng.IntN(len(sites.Sites))].Code, nil)
					req.Header.Set("Authorization", "Bearer "+*token)
				default:
					kind = "GET feed"
					u := officers.Officers[rng.IntN(len(officers.Officers))].FeedURL
					req, _ = http.NewRequest("GET", u, nil)
					if tag := etags[u]; tag != "" && rng.IntN(2) == 0 {
						req.Header.Set("If-None-Match", tag)
						kind = "GET feed (If-None-Match)"
					}
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				r := result{kind: kind, err: err}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					r.status = resp.StatusCode
					if tag := resp.Header.Get("ETag"); tag != "" {
						etags[req.URL.String()] = tag
					}
				}
				r.latency = time.Since(t0)
				results <- r
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	type stats struct {
		lat    []time.Duration
		status map[int]int
		errs   int
	}
	byKind := map[string]*stats{}
	total := 0
	for r := range results {
		st := byKind[r.kind]
		if st == nil {
			st = &stats{status: map[int]int{}}
			byKind[r.kind] = st
		}
		total++
		if r.err != nil {
			st.errs++
			continue
		}
		st.lat = append(st.lat, r.latency)
		st.status[r.status]++
	}
	fmt.Fprintf(w, "%d requests in %s with %d clients: %.0f req/s\n", total, *duration, *conc, float64(total)/duration.Seconds())
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fail := false
	for _, k := range kinds {
		st := byKind[k]
		slices.Sort(st.lat)
		pct := func(p float64) time.Duration {
			if len(st.lat) == 0 {
				return 0
			}
			return st.lat[min(len(st.lat)-1, int(p*float64(len(st.lat))))]
		}
		fmt.Fprintf(w, "  %-26s n=%-6d p50=%-9s p95=%-9s p99=%-9s statuses=%v errors=%d\n", k, len(st.lat)+st.errs,
			pct(0.5).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), st.status, st.errs)
		for code := range st.status {
			if code >= 500 {
				fail = true
			}
		}
		fail = fail || st.errs > 0
	}
	if fail {
		return errors.New("server errors or failed requests under load")
	}
	return nil
}
