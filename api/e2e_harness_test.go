package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// e2eChromium finds a Chromium to drive: $LICHTRUC_CHROMIUM, else the
// usual names on PATH.
func e2eChromium() string {
	if p := os.Getenv("LICHTRUC_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// e2eScreenshots is where the end-to-end tests leave their screenshots
// (out/ is git-ignored).
const e2eScreenshots = "../out/screenshots"

// newE2EServer starts a real server on 127.0.0.1 over a fresh SQLite store,
// its base URL known before it is built, with the clock at testNow. It
// returns the harness (with its manager token), the base URL and the clock.
func newE2EServer(t *testing.T) (*harness, string, *storetest.Clock) {
	clock := storetest.NewClock(testNow)
	st := storetest.Open(t, "sqlite", store.Options{Now: clock.Now})
	var srv *Server
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { srv.ServeHTTP(w, r) }))
	t.Cleanup(ts.Close)
	srv = NewServer(Config{BaseURL: ts.URL, Loc: testLoc, Version: "e2e"}, Deps{Store: st, Now: clock.Now, PasswordCost: bcrypt.MinCost})
	h := &harness{t: t, srv: srv, store: st, now: testNow, manager: "manager-token"}
	if err := st.EnsureAdmin(context.Background(), store.HashToken(h.manager)); err != nil {
		t.Fatal(err)
	}
	return h, ts.URL, clock
}

// e2eBrowser is a headless Chromium with a 60-second budget. Every
// JavaScript exception, console error and browser error (a
// Content-Security-Policy violation, a failed load) is kept as a problem,
// which checkProblems reports.
type e2eBrowser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

// newE2EBrowser starts Chromium, or skips the test when there is none (it
// fails on CI). Browser log entries whose text contains one of expected
// are not problems.
func newE2EBrowser(t *testing.T, expected ...string) *e2eBrowser {
	chrome := e2eChromium()
	if chrome == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is needed for the end-to-end test: apt-get install -y chromium (or set LICHTRUC_CHROMIUM)")
		}
		t.Skip("end-to-end test skipped: no Chromium found; apt-get install -y chromium, or set LICHTRUC_CHROMIUM=/path/to/chrome")
	}
	if err := os.MkdirAll(e2eScreenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	// The first call starts the browser; it must not run under a timeout.
	if _, err := chromedp.Call(browser, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	t.Cleanup(cancel)
	b := &e2eBrowser{t: t, ctx: ctx}

	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			b.report("exception: " + msg)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				b.report("console.error: " + strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError && !containsAny(ev.Entry.Text, expected) {
				b.report(fmt.Sprintf("browser %s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}()
	return b
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func (b *e2eBrowser) report(s string) { b.mu.Lock(); b.problems = append(b.problems, s); b.mu.Unlock() }

// checkProblems fails the test if the browser has reported any problem.
func (b *e2eBrowser) checkProblems() {
	b.t.Helper()
	b.mu.Lock()
	problems := b.problems
	b.mu.Unlock()
	if len(problems) > 0 {
		b.t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
}

// do runs the actions of one step, failing the test with the step's name.
func (b *e2eBrowser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

// text is the trimmed text of the visible node sel.
func (b *e2eBrowser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// attr is the attribute name of the node sel.
func (b *e2eBrowser) attr(sel, name string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return v.Value
}

// e2eEval evaluates js in the page, awaiting a promise.
func e2eEval[T any](b *e2eBrowser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// shot saves a full-page screenshot as name under e2eScreenshots.
func shot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		png, err := chromedp.FullScreenshot(100)(ctx, tg)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(e2eScreenshots, name), png, 0o644)
	})
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }
