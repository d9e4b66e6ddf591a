package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs the program with args and env on a goroutine and waits, with
// a deadline, until /healthz at LICHTRUC_ADDR answers 200. stop shuts the
// program down and fails the test unless run returns nil in time.
func startServe(t *testing.T, args []string, env map[string]string, stdout io.Writer, stderr *syncBuffer) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, func(k string) string { return env[k] }, stdout, stderr)
	}()
	base := "http://" + env["LICHTRUC_ADDR"]
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz never answered 200: %v\nlog: %s", err, stderr.String())
		}
		select {
		case err := <-done:
			t.Fatalf("run returned early: %v\nlog: %s", err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	return func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run after shutdown: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("run did not shut down")
		}
	}
}

// TestRunServes starts the whole program on a free port, waits for
// /healthz, calls the API with the bootstrap token, then shuts it down.
func TestRunServes(t *testing.T) {
	addr := freeAddr(t)
	env := map[string]string{
		"LICHTRUC_ADDR":            addr,
		"LICHTRUC_DB":              filepath.Join(t.TempDir(), "run.db"),
		"LICHTRUC_BOOTSTRAP_TOKEN": "secret-admin-token",
		"LICHTRUC_BASE_URL":        "http://" + addr,
	}
	var out, errOut syncBuffer
	stop := startServe(t, []string{"serve", "--demo"}, env, &out, &errOut)
	base := "http://" + addr
	req, _ := http.NewRequest("GET", base+"/api/v1/sites/TAND-HP", nil)
	req.Header.Set("Authorization", "Bearer secret-admin-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET demo site with bootstrap token: %d", resp.StatusCode)
	}
	if !strings.Contains(out.String(), "manager token:    secret-admin-token") {
		t.Errorf("demo output does not show the manager token:\n%s", out.String())
	}
	stop()
	if !strings.Contains(errOut.String(), "msg=request") || !strings.Contains(errOut.String(), "status=200") {
		t.Errorf("expected one log line per request, got:\n%s", errOut.String())
	}
}

func TestConfigFlagsOverrideEnv(t *testing.T) {
	env := map[string]string{"LICHTRUC_ADDR": ":9000", "LICHTRUC_TZ": "Asia/Ho_Chi_Minh"}
	cfg, err := parseConfig("serve", []string{"--addr", ":9001"}, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":9001" || cfg.DB != "lichtruc.db" || cfg.Loc.String() != "Asia/Ho_Chi_Minh" || cfg.ReminderLeads != "24h,1h" {
		t.Fatalf("config: %+v", cfg)
	}
	for _, bad := range []map[string]string{{"LICHTRUC_TZ": "Mars/Olympus"}, {"LICHTRUC_BASE_URL": "localhost:8080"}} {
		if _, err := parseConfig("serve", nil, func(k string) string { return bad[k] }, &bytes.Buffer{}); err == nil {
			t.Errorf("config %v: expected an error", bad)
		}
	}
}

func TestVersionAndMigrate(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, &out, &out); err != nil || !strings.HasPrefix(out.String(), "lichtruc ") {
		t.Fatalf("version: %q %v", out.String(), err)
	}
	out.Reset()
	env := map[string]string{"LICHTRUC_DB": filepath.Join(t.TempDir(), "m.db")}
	if err := run(context.Background(), []string{"migrate"}, func(k string) string { return env[k] }, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "schema at version") {
		t.Fatalf("migrate output: %q", out.String())
	}
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, &out, &bytes.Buffer{}); err == nil {
		t.Fatal("unknown command must fail")
	}
}
