package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"lichtruc/notify"
	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestE2EOutreach drives headless Chromium, as TestE2EBrowser does. A
// manager first reads the outbox after a reminder scan in which one e-mail
// failed and one was refused; then plans an outreach session with the form
// (a clash with a court duty is shown, then the session is planned without
// that officer), enters its results once it has been held, and sees the
// year's figures and the CSV. Screenshots: notifications.png,
// notifications-phone.png, outreach-clash.png, outreach-session.png,
// outreach-session-phone.png, outreach.png and outreach-phone.png.
func TestE2EOutreach(t *testing.T) {
	chrome := e2eChromium()
	if chrome == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is needed for the end-to-end test: apt-get install -y chromium (or set LICHTRUC_CHROMIUM)")
		}
		t.Skip("end-to-end test skipped: no Chromium found; apt-get install -y chromium, or set LICHTRUC_CHROMIUM=/path/to/chrome")
	}
	var mu sync.Mutex
	now := testNow // Monday 4 January 2027, 09:00
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	setNow := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	st := storetest.Open(t, "sqlite", store.Options{Now: clock})
	var srv *Server
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { srv.ServeHTTP(w, r) }))
	defer ts.Close()
	srv = NewServer(Config{BaseURL: ts.URL, Loc: testLoc, Version: "e2e"}, Deps{Store: st, Now: clock})
	h := &harness{t: t, srv: srv, store: st, now: testNow, manager: "manager-token"}
	if err := st.EnsureAdmin(context.Background(), store.HashToken(h.manager)); err != nil {
		t.Fatal(err)
	}

	// The Center: the city court, five officers, two partners, a duty of
	// An at the court on Wednesday morning, and sessions already planned
	// and held this year.
	h.courtSite()
	mk := func(name, email, phone string) int64 {
		return id(h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": name, "kind": "legal_aid_officer",
			"email": email, "phone": phone, "specialties": []string{"civil", "land"}}))
	}
	an := mk("Nguyễn Văn An", "an@tgpl.example", "0912 345 100")
	binh := mk("Trần Thị Bình", "binh@tgpl.example", "0912 345 101")
	chau := mk("Lê Minh Châu", "chau@tgpl.example", "0912 345 102")
	dung := mk("Phạm Thu Dung", "dung@tgpl.example", "0912 345 103")
	em := mk("Hoàng Quốc Em", "em@tgpl.example", "0912 345 104")
	farmers := id(h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Nông dân huyện Thủy Nguyên"}))
	h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Liên hiệp Phụ nữ thành phố"})
	h.webBook(an, "2027-01-06", "Sáng", "07:30", "11:30")
	h.webBook(binh, "2027-01-05", "Sáng", "07:30", "11:30")
	h.webBook(chau, "2027-01-05", "Chiều", "13:30", "17:00")
	h.webBook(em, "2027-01-05", "", "09:00", "11:00")
	h.webUser("lan", roster.RoleManager, 0, "quản-lý-2027")
	setNow(time.Date(2027, 1, 2, 12, 0, 0, 0, testLoc)) // a past session, with results, recorded on Saturday
	h.otSession(201, map[string]any{"title": "TGPL cho hội viên Hội Phụ nữ", "venue": "Hội trường UBND phường Lạch Tray", "commune": "phường Lạch Tray",
		"partner": "Hội Liên hiệp Phụ nữ thành phố", "start": "2027-01-02T08:00:00+07:00", "end": "2027-01-02T11:00:00+07:00",
		"officer_ids": []int64{dung}, "attendees": 48, "requests": 2, "consultations": map[string]int{"marriage_family": 6, "civil": 3}})
	setNow(testNow)
	h.otSession(201, map[string]any{"title": "TGPL cho người cao tuổi", "venue": "Nhà văn hóa thôn Đông", "commune": "xã Kiến Quốc",
		"partner": "Hội Người cao tuổi huyện Kiến Thụy", "start": "2027-01-21T08:00:00+07:00", "end": "2027-01-21T11:30:00+07:00",
		"officer_ids": []int64{chau}})

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
	if _, err := chromedp.Call(browser, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 60*time.Second)
	defer cancel()

	// JavaScript exceptions, console errors and browser errors (a CSP
	// violation) fail the test; the 409 of the clash is expected.
	var pmu sync.Mutex
	var problems []string
	report := func(s string) { pmu.Lock(); problems = append(problems, s); pmu.Unlock() }
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			report("exception: " + ev.ExceptionDetails.Text)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				report("console.error")
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError && !strings.Contains(ev.Entry.Text, "409") {
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
	evalString := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	box := func(name string, id int64) chromedp.CSS {
		return css(fmt.Sprintf(`#new input[name="%s"][value="%d"]`, name, id))
	}

	do("sign in",
		chromedp.Navigate(ts.URL+"/manage/outreach"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#list-h")),
	)

	// The reminder scan runs on Monday evening for Tuesday's duties: Em's
	// e-mail goes, Bình's server says "later", Châu's address is refused.
	// The outbox shows who was reminded and what failed.
	setNow(time.Date(2027, 1, 4, 18, 0, 0, 0, testLoc))
	sch, err := notify.NewScheduler(st, notify.Senders{Email: otSender{}}, notify.SchedulerConfig{BaseURL: ts.URL, Loc: testLoc}, nil, clock)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sch.RunReminderScan(context.Background()); err != nil {
		t.Fatal(err)
	}
	setNow(time.Date(2027, 1, 4, 18, 2, 0, 0, testLoc))
	do("outbox",
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(ts.URL+"/manage/notifications"),
		chromedp.WaitVisible(css("table.outbox")),
		shot("notifications.png"),
	)
	if got := text(`table.outbox tr.st-row-failed td[data-label="Lỗi gần nhất"]`); !strings.Contains(got, "mailbox busy") {
		t.Fatalf("the failed reminder's error: %q", got)
	}
	do("outbox failed only",
		chromedp.Click(css(`.status-counts a.st-failed`)),
		chromedp.WaitVisible(css(`.status-counts a[aria-current="true"]`)),
	)
	if n := evalString(`String(document.querySelectorAll("table.outbox tbody tr").length) + " " + document.querySelector("table.outbox tbody tr").className`); n != "1 st-row-failed" {
		t.Fatalf("the failed filter shows %q", n)
	}
	do("outbox on a phone",
		chromedp.Navigate(ts.URL+"/manage/notifications"),
		chromedp.EmulateViewport(390, 844),
		chromedp.Reload(),
		chromedp.WaitVisible(css("table.outbox")),
		shot("notifications-phone.png"),
	)
	if w := evalString(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the outbox page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}
	do("back to the desktop", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/manage/outreach"), chromedp.WaitVisible(css("#list-h")))
	// Plan Wednesday's session with An and Bình: An is at the court
	// that morning, so the page says so and keeps the form.
	do("plan with a clash",
		chromedp.Click(css("#new > summary")),
		chromedp.WaitVisible(css("#title")),
		chromedp.SendKeys(css("#title"), "TGPL cho người khuyết tật"),
		chromedp.SendKeys(css("#venue"), "Nhà văn hóa thôn 3"),
		chromedp.SendKeys(css("#commune"), "xã An Lư"),
		chromedp.SetValue(css("#day"), "2027-01-06"),
		chromedp.SetValue(css("#start_time"), "08:00"),
		chromedp.SetValue(css("#end_time"), "11:00"),
		chromedp.Click(box("partner", farmers)),
		chromedp.SendKeys(css("#new_partner"), "Hội Người khuyết tật huyện Thủy Nguyên"),
		chromedp.Click(box("officer", an)),
		chromedp.Click(box("officer", binh)),
		chromedp.Click(css(`#new button[type="submit"]`)),
		chromedp.WaitVisible(css(".alert")),
		shot("outreach-clash.png"),
	)
	if got := text(".alert p"); got != "Nguyễn Văn An đã có ca trực tại TAND-HP lúc 07:30–11:30, Thứ Tư 06/01/2027." {
		t.Fatalf("clash message: %q", got)
	}
	if got := text("#err-officers"); !strings.Contains(got, "Nguyễn Văn An") {
		t.Fatalf("the officers' field error: %q", got)
	}
	if v := evalString(`document.querySelector("#title").value + "|" + document.querySelector("#new_partner").value`); v != "TGPL cho người khuyết tật|Hội Người khuyết tật huyện Thủy Nguyên" {
		t.Fatalf("the form lost what was typed: %q", v)
	}
	do("plan without An",
		chromedp.Click(box("officer", an)),
		chromedp.Click(css(`#new button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := text(".flash"); f != "Đã lên kế hoạch đợt trợ giúp pháp lý lưu động." {
		t.Fatalf("after planning: %q", f)
	}
	list, err := st.ListOutreachSessions(context.Background(), store.OutreachFilter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("sessions after planning: %d (%v)", len(list), err)
	}
	planned := list[1]
	if planned.Title != "TGPL cho người khuyết tật" || len(planned.Partners) != 2 || fmt.Sprint(planned.OfficerIDs) != fmt.Sprint([]int64{binh}) {
		t.Fatalf("planned session: %+v", planned)
	}

	// Wednesday noon: the session was held; its results are entered.
	setNow(time.Date(2027, 1, 6, 12, 0, 0, 0, testLoc))
	do("results",
		chromedp.Navigate(fmt.Sprintf("%s/manage/outreach/%d", ts.URL, planned.ID)),
		chromedp.WaitVisible(css("#attendees")),
		chromedp.SendKeys(css("#attendees"), "85"),
		chromedp.SendKeys(css("#requests"), "4"),
		chromedp.SendKeys(css("#c-land"), "9"),
		chromedp.SendKeys(css("#c-civil"), "6"),
		chromedp.SendKeys(css("#c-social_insurance"), "3"),
		chromedp.SendKeys(css("#c-labour"), "2"),
		chromedp.SendKeys(css("#notes"), "Nhiều câu hỏi về tranh chấp đất đai và chế độ trợ cấp."),
		chromedp.Click(css(`#results-h ~ form button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
		shot("outreach-session.png"),
	)
	if f := text(".flash"); f != "Đã lưu kết quả của đợt." {
		t.Fatalf("after the results: %q", f)
	}
	do("session on a phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#attendees")),
		shot("outreach-session-phone.png"))
	if w := evalString(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the session page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}
	do("back to the desktop", chromedp.EmulateViewport(1366, 900))
	x, err := st.OutreachSession(context.Background(), planned.ID)
	if err != nil || x.Results == nil || x.Results.Attendees != 85 || x.Results.Total() != 20 {
		t.Fatalf("stored results: %+v (%v)", x.Results, err)
	}

	// The year: three sessions, two held with results, the figures and
	// the summary; the CSV link answers with the year's rows.
	do("year", chromedp.Navigate(ts.URL+"/manage/outreach"), chromedp.WaitVisible(css("#fig-h")), shot("outreach.png"))
	if got := text(".stats > div:nth-child(2) dd"); got != "133" {
		t.Fatalf("attendees of the year: %q", got)
	}
	if got := text(".summary-text"); !strings.Contains(got, "tổ chức được 2 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 133 lượt người tham dự") {
		t.Fatalf("summary: %q", got)
	}
	if csv := evalString(`fetch(document.querySelector('a[href^="/manage/reports/outreach.csv"]').href).then(r => r.text())`); !strings.Contains(csv, "Cả năm 2027,2,133,29") {
		t.Fatalf("CSV from the page's link: %q", csv)
	}
	do("year on a phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#list-h")), shot("outreach-phone.png"))
	if w := evalString(`String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the outreach page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}

	pmu.Lock()
	defer pmu.Unlock()
	if len(problems) > 0 {
		t.Fatalf("the browser reported problems:\n%s", strings.Join(problems, "\n"))
	}
	t.Logf("screenshots in %s", e2eScreenshots)
}
