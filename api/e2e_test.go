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

	"lichtruc/roster"
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

// e2eScreenshots is where the end-to-end test leaves its screenshots
// (out/ is git-ignored).
const e2eScreenshots = "../out/screenshots"

// TestE2EBrowser drives headless Chromium against a real server on
// 127.0.0.1 with a SQLite store: a manager signs in, plans January with the
// planning form (preview, then confirm), reassigns this morning's duty, and
// the reception board shows the new officer; then an officer signs in and
// sees their page. It saves screenshots of the board, the month grid, the
// officer page (and the plan preview and the printable week) and fails on
// any JavaScript exception or Content-Security-Policy violation.
func TestE2EBrowser(t *testing.T) {
	chrome := e2eChromium()
	if chrome == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is needed for the end-to-end test: apt-get install -y chromium (or set LICHTRUC_CHROMIUM)")
		}
		t.Skip("end-to-end test skipped: no Chromium found; apt-get install -y chromium, or set LICHTRUC_CHROMIUM=/path/to/chrome")
	}

	// A real server on 127.0.0.1, its base URL known before it is built.
	var mu sync.Mutex
	now := testNow // Monday 4 January 2027, 09:00: the morning duty is on
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	st := storetest.Open(t, "sqlite", store.Options{Now: clock})
	var srv *Server
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { srv.ServeHTTP(w, r) }))
	defer ts.Close()
	srv = NewServer(Config{BaseURL: ts.URL, Loc: testLoc, Version: "e2e"}, Deps{Store: st, Now: clock})
	h := &harness{t: t, srv: srv, store: st, now: testNow, manager: "manager-token"}
	if err := st.EnsureAdmin(context.Background(), store.HashToken(h.manager)); err != nil {
		t.Fatal(err)
	}

	// The Center: one court with a morning slot (with a backup) and an
	// afternoon slot, six officers, a manager and an officer who sign in.
	site := h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{
		"code": "TAND-HP", "name": "Tòa án nhân dân thành phố Hải Phòng", "kind": "court",
		"address": "Số 1 Hồng Bàng, Hải Phòng", "reception_phone": "0225 3745 123",
		"slots": []map[string]any{
			{"name": "Sáng", "start": "07:30", "end": "11:30", "officers": 1, "backups": 1},
			{"name": "Chiều", "start": "13:30", "end": "17:00", "officers": 1},
		},
	})
	board := strings.TrimPrefix(site["board_url"].(string), ts.URL)
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thu Dung", "Hoàng Quốc Em", "Vũ Thị Giang"}
	officers := map[int64]string{}
	var ids []int64
	for i, n := range names {
		m := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": n, "kind": "legal_aid_officer",
			"email": fmt.Sprintf("o%d@tgpl.haiphong.gov.vn", i), "phone": fmt.Sprintf("0912 345 %03d", 100+i), "specialties": []string{"criminal"}})
		officers[id(m)] = n
		ids = append(ids, id(m))
	}
	h.webUser("lan", roster.RoleManager, 0, "quản-lý-2027")
	h.webUser("an", roster.RoleOfficer, ids[0], "trực-ban-2027")

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
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	// The first call starts the browser; it must not run under a timeout.
	if _, err := chromedp.Call(browser, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()

	// Every JavaScript exception, console error and browser error (a
	// Content-Security-Policy violation, a failed load) fails the test.
	var pmu sync.Mutex
	var problems []string
	report := func(s string) { pmu.Lock(); problems = append(problems, s); pmu.Unlock() }
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			msg := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
			report("exception: " + msg)
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
				report("console.error: " + strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				report(fmt.Sprintf("browser %s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(e2eScreenshots, name), png, 0o644)
		})
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	eval := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("attribute %s of %s: %v", name, sel, err)
		}
		return v.Value
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }

	// The manager signs in.
	do("sign in",
		chromedp.Navigate(ts.URL+"/manage"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#sites-h")),
	)

	// Plan the rest of January: preview (nothing saved), then confirm.
	do("plan preview",
		chromedp.Navigate(ts.URL+"/manage/sites/TAND-HP/plan"),
		chromedp.WaitVisible(css("#from")),
		chromedp.SetValue(css("#from"), "2027-01-04"),
		chromedp.SetValue(css("#to"), "2027-01-31"),
		chromedp.Click(css(`button[value="preview"]`)),
		chromedp.WaitVisible(css("#preview-h")),
		shot("plan-preview.png"),
	)
	if n, _ := st.ListAssignments(context.Background(), store.AssignmentFilter{}); len(n) != 0 {
		t.Fatalf("the preview saved %d duties", len(n))
	}
	do("plan confirm",
		chromedp.Click(css(`button[value="confirm"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := text(".flash"); f != "Đã lưu lịch trực." {
		t.Fatalf("after confirming the plan: %q", f)
	}
	planned, err := st.ListAssignments(context.Background(), store.AssignmentFilter{})
	if err != nil || len(planned) < 40 {
		t.Fatalf("the plan saved %d duties (%v), want every slot of 4–31 January", len(planned), err)
	}

	// The board shows this morning's primary officer.
	var morning roster.Assignment
	busy := map[int64]bool{}
	for _, a := range planned {
		if a.Start.Equal(time.Date(2027, 1, 4, 7, 30, 0, 0, testLoc)) {
			busy[a.OfficerID] = true
			if a.Role == roster.Primary {
				morning = a
			}
		}
	}
	if morning.ID == 0 {
		t.Fatal("no primary duty this morning after planning")
	}
	do("board before", chromedp.Navigate(ts.URL+board), chromedp.WaitVisible(css("#board")))
	if got := text(".duty-now .role-primary .officer-name"); got != officers[morning.OfficerID] {
		t.Fatalf("board before: on duty %q, want %q", got, officers[morning.OfficerID])
	}

	// Reassign this morning's duty from the month grid to someone free.
	var other int64
	for _, o := range ids {
		if !busy[o] {
			other = o
			break
		}
	}
	do("reassign",
		chromedp.Navigate(ts.URL+"/manage/sites/TAND-HP?month=2027-01"),
		chromedp.WaitVisible(css("table.month-grid")),
		chromedp.Click(css(fmt.Sprintf(`a[href="/manage/assignments/%d"]`, morning.ID))),
		chromedp.WaitVisible(css("#reassign-h")),
		shot("duty.png"),
		chromedp.SetValue(css("#officer_id"), fmt.Sprint(other)),
		chromedp.Click(css(`#reassign-h ~ form button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := text(".flash"); f != "Đã phân công lại ca trực." {
		t.Fatalf("after reassigning: %q", f)
	}

	// Bình falls ill on 11–12 January: the leave page lists the duties it
	// cancelled, and the month grid shows them as uncovered.
	do("leave",
		chromedp.Navigate(ts.URL+"/manage/leaves"),
		chromedp.WaitVisible(css("#officer_id")),
		chromedp.SetValue(css("#officer_id"), fmt.Sprint(ids[1])),
		chromedp.SetValue(css("#from"), "2027-01-11"),
		chromedp.SetValue(css("#to"), "2027-01-12"),
		chromedp.SendKeys(css("#reason"), "Ốm"),
		chromedp.Submit(css("#reason")),
		chromedp.WaitVisible(css("#result-h")),
		shot("leave.png"),
	)
	cancelled, err := st.ListAssignments(context.Background(), store.AssignmentFilter{OfficerID: ids[1], IncludeCancelled: true,
		From: time.Date(2027, 1, 11, 0, 0, 0, 0, testLoc), To: time.Date(2027, 1, 13, 0, 0, 0, 0, testLoc)})
	if err != nil || len(cancelled) == 0 {
		t.Fatalf("Bình had no duty on 11–12 January to cancel (%v)", err)
	}
	if n := eval(`document.querySelectorAll(".affected li").length`); int(n) != len(cancelled) {
		t.Fatalf("the leave page lists %.0f cancelled duties, want %d", n, len(cancelled))
	}
	do("month grid",
		chromedp.Navigate(ts.URL+"/manage/sites/TAND-HP?month=2027-01"),
		chromedp.WaitVisible(css("table.month-grid")),
		shot("month-grid.png"),
	)
	if n := eval(`document.querySelectorAll("#d-2027-01-11 td.is-gap, #d-2027-01-12 td.is-gap, #d-2027-01-11 .gap-backup, #d-2027-01-12 .gap-backup").length`); n == 0 {
		t.Fatal("the month grid shows no gap where Bình's duties were")
	}

	// The board changes: the new officer, with their phone, large.
	do("board after",
		chromedp.EmulateViewport(1920, 1080),
		chromedp.Navigate(ts.URL+board),
		chromedp.WaitVisible(css("#board")),
	)
	if got := text(".duty-now .role-primary .officer-name"); got != officers[other] {
		t.Fatalf("board after reassigning: on duty %q, want %q", got, officers[other])
	}
	phone := attr(".duty-now .role-primary .phone-big", "href")
	size := eval(`parseFloat(getComputedStyle(document.querySelector(".duty-now .role-primary .phone-big")).fontSize)`)
	if !strings.HasPrefix(phone, "tel:0912345") || size < 48 {
		t.Fatalf("board phone: href %q, font size %.0fpx (want a tel: link of at least 48px on a TV)", phone, size)
	}
	if h := eval(`document.documentElement.scrollHeight`); h > 1080 {
		t.Errorf("the board is %.0fpx high on a 1920×1080 TV: it must fit the screen", h)
	}
	do("board shots", shot("board-tv.png"),
		chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#board")), shot("board-phone.png"),
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(ts.URL+board+"/print?week=2027-01-04"), chromedp.WaitVisible(css(".doc")), shot("print-week.png"),
	)
	// Printed with the page's own @page size: one A4 sheet (595×842 pt).
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if err := os.WriteFile(filepath.Join(e2eScreenshots, "print-week.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pdf), "/Type /Pages") || !strings.Contains(string(pdf), "/Count 1") || !strings.Contains(string(pdf), "/MediaBox [0 0 594.9") {
		t.Errorf("the printed week is not one A4 page (want /Count 1 and a 595×842 pt MediaBox)")
	}

	// Sign out; the officer signs in on a phone and sees their page.
	do("sign out",
		chromedp.Navigate(ts.URL+"/manage"),
		chromedp.WaitVisible(css("#sites-h")),
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-h")),
	)
	do("officer signs in",
		chromedp.EmulateViewport(390, 844),
		chromedp.SendKeys(css("#name"), "an"),
		chromedp.SendKeys(css("#password"), "trực-ban-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#duties-h")),
		chromedp.WaitVisible(css(".qr img")),
	)
	if w := eval(`new Promise(r => { const i = document.querySelector(".qr img"); i.complete ? r(i.naturalWidth) : i.onload = () => r(i.naturalWidth) })`); w < 100 {
		t.Fatalf("the QR code did not load (natural width %.0f)", w)
	}
	if href := attr(`a[href^="webcal://"]`, "href"); !strings.HasPrefix(href, "webcal://127.0.0.1:") || !strings.HasSuffix(href, ".ics") {
		t.Fatalf("webcal link %q", href)
	}
	do("officer page", shot("officer-page.png"))
	pmu.Lock()
	if len(problems) > 0 {
		t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
	pmu.Unlock()
	// An officer cannot open the managers' pages (the browser logs the 403).
	do("officer at /manage", chromedp.Navigate(ts.URL+"/manage"), chromedp.WaitVisible(css(".status-code")))
	if got := text(".status-code"); got != "HTTP 403" {
		t.Fatalf("officer at /manage: %q", got)
	}

	t.Logf("screenshots in %s", e2eScreenshots)
}
