package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
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

	"lichtruc/roster/store/storetest"
)

// The Center run from the browser, from an empty database: the first
// manager made with the command line, then everything else by clicking.
// One Chromium serves the whole test; screenshots of every page at
// 1920×1080 and 390×844 in both languages go to out/screenshots/pages.

// pagesShots is where the screenshots go (out/ is git-ignored).
const pagesShots = "../../out/screenshots/pages"

// pagesBrowser is a headless Chromium that keeps every JavaScript
// exception, console error and browser error as a problem.
type pagesBrowser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

func pagesChromium() string {
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

func newPagesBrowser(t *testing.T) *pagesBrowser {
	chrome := pagesChromium()
	if chrome == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is needed for the browser test: apt-get install -y chromium (or set LICHTRUC_CHROMIUM)")
		}
		t.Skip("browser test skipped: no Chromium found; apt-get install -y chromium, or set LICHTRUC_CHROMIUM")
	}
	if err := os.MkdirAll(pagesShots, 0o755); err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1366, 900))
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if _, err := chromedp.Call(browser, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(browser, 150*time.Second)
	t.Cleanup(cancel)
	b := &pagesBrowser{t: t, ctx: ctx}
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			b.report("exception: " + ev.ExceptionDetails.Text)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				b.report("console.error")
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(browser, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				b.report(fmt.Sprintf("browser %s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	}()
	return b
}

func (b *pagesBrowser) report(s string) {
	b.mu.Lock()
	b.problems = append(b.problems, s)
	b.mu.Unlock()
}

func (b *pagesBrowser) checkProblems() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		b.t.Fatalf("the browser reported problems:\n%s", strings.Join(b.problems, "\n"))
	}
}

func (b *pagesBrowser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

func (b *pagesBrowser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func pagesEval[T any](b *pagesBrowser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func pagesShot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		png, err := chromedp.FullScreenshot(100)(ctx, tg)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(pagesShots, name), png, 0o644)
	})
}

func sel(s string) chromedp.CSS { return chromedp.CSS(s) }

// pagesCLI runs a lichtruc command as a person at the server would.
func pagesCLI(t *testing.T, env map[string]string, stdin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runTool(context.Background(), args[0], args[1:], func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	if err != nil {
		t.Fatalf("lichtruc %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func TestPagesFromAnEmptyCenter(t *testing.T) {
	b := newPagesBrowser(t)
	env := map[string]string{"LICHTRUC_DB": storetest.DSN(t, "sqlite"), "LICHTRUC_ADDR": freeAddr(t)}
	var serverLog syncBuffer
	stop := startServe(t, []string{"serve"}, env, io.Discard, &serverLog)
	defer stop()
	base := "http://" + env["LICHTRUC_ADDR"]

	// An empty Center: the sign-in page says how to make the first manager.
	b.do("sign-in page", chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/login"), chromedp.WaitVisible(sel(".setup-hint")),
		pagesShot("public-login-first-390-vi.png"))
	if w := pagesEval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the first-manager steps are %d px wide at 390 px", w)
	}
	b.do("sign-in page, wide", chromedp.EmulateViewport(1366, 900), chromedp.Reload(), chromedp.WaitVisible(sel(".setup-hint")))
	if got := b.text(".setup-hint pre"); !strings.Contains(got, "lichtruc user add --name quanly --role manager") {
		t.Fatalf("first-manager steps: %q", got)
	}
	pagesCLI(t, env, "", "user", "add", "--name", "quanly", "--role", "manager")
	pagesCLI(t, env, "mật-khẩu-quản-lý\n", "user", "password", "quanly")
	b.do("sign in",
		chromedp.Reload(), chromedp.WaitVisible(sel("#login-h")),
		chromedp.SendKeys(sel("#name"), "quanly"), chromedp.SendKeys(sel("#password"), "mật-khẩu-quản-lý"),
		chromedp.Submit(sel("#password")), chromedp.WaitVisible(sel("#todo-h")))
	if n := pagesEval[int](b, `document.querySelectorAll(".setup-hint").length`); n != 0 {
		t.Fatal("the first-manager steps are still shown")
	}

	// Two sites with their slots, through the sites page.
	type slot struct{ name, start, end, days string }
	sites := []struct {
		code, name, email string
		slots             []slot
	}{
		{"TAND-HP", "Tòa án nhân dân thành phố Hải Phòng", "toaan@hp.gov.vn", []slot{{"Sáng", "07:30", "11:30", "workdays"}, {"Chiều", "13:30", "17:00", "workdays"}}},
		{"TD-24", "Đường dây nóng trợ giúp pháp lý", "", []slot{{"Cả ngày", "08:00", "20:00", "daily"}}},
	}
	for _, s := range sites {
		acts := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/manage/sites"), chromedp.WaitVisible(sel("details.plan-new summary")),
			chromedp.Click(sel("details.plan-new summary")), chromedp.WaitVisible(sel("#name")),
			chromedp.SendKeys(sel("#name"), s.name), chromedp.SendKeys(sel("#code"), s.code),
		}
		if s.email != "" {
			acts = append(acts, chromedp.SendKeys(sel("#contact_email"), s.email))
		}
		for i, sl := range s.slots {
			acts = append(acts, chromedp.SendKeys(sel(fmt.Sprintf("#slot_name_%d", i)), sl.name),
				chromedp.SetValue(sel(fmt.Sprintf("#slot_start_%d", i)), sl.start), chromedp.SetValue(sel(fmt.Sprintf("#slot_end_%d", i)), sl.end),
				chromedp.SetValue(sel(fmt.Sprintf("#slot_days_%d", i)), sl.days))
		}
		acts = append(acts, chromedp.Click(sel(`form[action="/manage/sites"] button[type="submit"]`)),
			chromedp.WaitVisible(sel(fmt.Sprintf(`a[href="/manage/sites/%s/plan"]`, s.code))))
		b.do("create site "+s.code, acts...)
	}

	// Six officers, through the officers page.
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thu Dung", "Hoàng Quốc Em", "Vũ Thị Giang"}
	for i, n := range names {
		b.do("create officer "+n,
			chromedp.Navigate(base+"/manage/officers"), chromedp.WaitVisible(sel("details.plan-new summary")),
			chromedp.Click(sel("details.plan-new summary")), chromedp.WaitVisible(sel("#full_name")),
			chromedp.SendKeys(sel("#full_name"), n), chromedp.SendKeys(sel("#phone"), fmt.Sprintf("0912 345 %03d", 100+i)),
			chromedp.SendKeys(sel("#email"), fmt.Sprintf("o%d@tgpl.haiphong.gov.vn", i)),
			chromedp.Click(sel(`form[action="/manage/officers"] button[type="submit"]`)), chromedp.WaitVisible(sel("#duties-h")))
	}
	b.do("officer list", chromedp.Navigate(base+"/manage/officers?q=giang"), chromedp.WaitVisible(sel(".setup-list")))
	if n := pagesEval[int](b, `document.querySelectorAll(".setup-list tbody tr").length`); n != 1 {
		t.Fatalf("searching for giang finds %d officers", n)
	}

	// Plan next month at the court, and publish it.
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Now().In(loc)
	first := time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, loc)
	last := first.AddDate(0, 1, -1)
	month := first.Format("2006-01")
	b.do("plan",
		chromedp.Navigate(base+"/manage/sites/TAND-HP/plan"), chromedp.WaitVisible(sel("#from")),
		chromedp.SetValue(sel("#from"), first.Format("2006-01-02")), chromedp.SetValue(sel("#to"), last.Format("2006-01-02")),
		chromedp.Click(sel(`button[value="preview"]`)), chromedp.WaitVisible(sel("#preview-h")),
		chromedp.Click(sel(`button[value="confirm"]`)), chromedp.WaitVisible(sel(".flash")))
	b.do("publish",
		chromedp.Navigate(base+"/manage/sites/TAND-HP?month="+month), chromedp.WaitVisible(sel("details.publish summary")),
		chromedp.Click(sel("details.publish summary")), chromedp.WaitVisible(sel(`form[action$="/publish"] button`)))
	if got := b.text("details.publish form"); !strings.Contains(got, "toaan@hp.gov.vn") {
		t.Fatalf("publish form does not say who receives it: %q", got)
	}
	b.do("publish click", chromedp.Click(sel(`form[action$="/publish"] button`)), chromedp.WaitVisible(sel(".flash")))
	if got := b.text(".flash"); !strings.Contains(got, "Đã công bố lịch") {
		t.Fatalf("after publishing: %q", got)
	}
	b.do("publish warning", chromedp.Navigate(base+"/manage/sites/TD-24?month="+month), chromedp.WaitVisible(sel("details.publish summary")),
		chromedp.Click(sel("details.publish summary")), chromedp.WaitVisible(sel("details.publish .alert")))

	// A leave on a day someone holds the morning duty, and its gap covered.
	b.do("month grid", chromedp.Navigate(base+"/manage/sites/TAND-HP?month="+month), chromedp.WaitVisible(sel(".month-grid")))
	duty := pagesEval[[]string](b, `(() => { const a = document.querySelector(".month-grid tbody tr td .duties li:not(.backup) a");
		return [a.closest("tr").id.slice(2), a.textContent.trim()] })()`)
	day, name := duty[0], duty[1]
	b.do("leave",
		chromedp.Navigate(base+"/manage/leaves"), chromedp.WaitVisible(sel("#officer_id")),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#officer_id");
			for (const o of s.options) if (o.textContent.trim() === `+jsString(name)+`) s.value = o.value; })()`),
		chromedp.SetValue(sel("#from"), day), chromedp.SetValue(sel("#to"), day),
		chromedp.Click(sel(`form[action="/manage/leaves"] button[type="submit"]`)), chromedp.WaitVisible(sel(".affected")))
	b.do("cover: click one", chromedp.Click(sel(`.affected a[href*="/duties/new"]`)), chromedp.WaitVisible(sel("#quick-h")))
	if got := b.text(".quick-list"); strings.Contains(got, name) {
		t.Fatalf("the officer on leave is offered to cover: %q", got)
	}
	b.do("cover: click two", chromedp.Click(sel(".quick-list button")), chromedp.WaitVisible(sel(".flash")))
	if got := b.text(".flash"); got != "Đã thêm ca trực." {
		t.Fatalf("after covering: %q", got)
	}

	// An officer's account, through the users page, to see the officer's page.
	b.do("officer user",
		chromedp.Navigate(base+"/manage/users"), chromedp.WaitVisible(sel("details.plan-new summary")),
		chromedp.Click(sel("details.plan-new summary")), chromedp.WaitVisible(sel("#name")),
		chromedp.SendKeys(sel("#name"), "an"),
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#officer_id");
			for (const o of s.options) if (o.textContent.trim() === "Nguyễn Văn An") s.value = o.value; })()`),
		chromedp.Click(sel(`form[action="/manage/users"] button[type="submit"]`)), chromedp.WaitVisible(sel(".token")))
	userID := pagesEval[string](b, `[...document.querySelectorAll(".user-list > li")].find(li => li.querySelector("h2").textContent.startsWith("an ")).id.slice(5)`)
	b.do("officer password",
		chromedp.Click(sel("#user-"+userID+" details summary")), chromedp.SendKeys(sel("#password_"+userID), "mật-khẩu-của-an"),
		chromedp.Click(sel(`form[action="/manage/users/`+userID+`/password"] button`)), chromedp.WaitVisible(sel(".flash")))

	// A yearly holiday, so the holidays page is checked with its table.
	b.do("a yearly holiday", chromedp.Navigate(base+"/manage/holidays"), chromedp.WaitVisible(sel("#recurring summary")),
		chromedp.Click(sel("#recurring summary")), chromedp.WaitVisible(sel("#r_day")),
		chromedp.SendKeys(sel("#r_day"), "24"), chromedp.SendKeys(sel("#r_month"), "11"),
		chromedp.SendKeys(sel("#r_name"), "Ngày Văn hóa Việt Nam"),
		chromedp.Click(sel(`form[action="/manage/recurring-holidays"] button[type="submit"]`)), chromedp.WaitVisible(sel("#recurring tbody tr")))

	// Every page fits a 390 px phone in both languages; screenshots of each.
	b.do("an officer's page", chromedp.Navigate(base+"/manage/officers"), chromedp.WaitVisible(sel(".setup-list a")))
	firstOfficer := pagesEval[string](b, `document.querySelector(".setup-list a").getAttribute("href")`)
	b.do("board link", chromedp.Navigate(base+"/manage"), chromedp.WaitVisible(sel(`a[href^="/board/"]`)))
	boardPath := pagesEval[string](b, `document.querySelector('a[href^="/board/"]').getAttribute("href")`)
	pages := []struct{ name, path string }{
		{"manage", "/manage"}, {"officers", "/manage/officers"}, {"officer", firstOfficer}, {"sites", "/manage/sites"},
		{"site", "/manage/sites/TAND-HP/edit"}, {"users", "/manage/users"}, {"holidays", "/manage/holidays"},
		{"partners", "/manage/partners"}, {"month", "/manage/sites/TAND-HP?month=" + month},
		{"cover", "/manage/sites/TAND-HP/duties/new?date=" + first.AddDate(0, 0, 14).Format("2006-01-02") + "&slot=Chiều&role=backup"},
		{"leaves", "/manage/leaves"}, {"notifications", "/manage/notifications"},
	}
	b.checkPages(base, pages, "manager")

	// The officer signs in and sees their page.
	b.do("sign out", chromedp.Click(sel(`form[action="/logout"] button`)), chromedp.WaitVisible(sel("#login-h")))
	b.checkPages(base, []struct{ name, path string }{{"login", "/login"}}, "public")
	b.do("officer signs in",
		chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/login?lang=vi"), chromedp.WaitVisible(sel("#login-h")),
		chromedp.SendKeys(sel("#name"), "an"), chromedp.SendKeys(sel("#password"), "mật-khẩu-của-an"),
		chromedp.Submit(sel("#password")), chromedp.WaitVisible(sel("#next-h")))
	b.checkPages(base, []struct{ name, path string }{{"me", "/me"}}, "officer")
	if h := pagesEval[float64](b, `document.querySelector("#leave-h").getBoundingClientRect().top + window.scrollY`); h > 3*844 {
		t.Errorf("leave is %.0f px down the officer's phone page", h)
	}

	// The board fits a 1920×1080 screen in both languages.
	for _, lang := range []string{"vi", "en"} {
		b.do("board "+lang, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(base+boardPath+"?lang="+lang),
			chromedp.WaitVisible(sel("#board")), pagesShot("board-1920-"+lang+".png"))
		w := pagesEval[int](b, `document.documentElement.scrollWidth`)
		h := pagesEval[int](b, `document.documentElement.scrollHeight`)
		if w > 1920 || h > 1080 {
			t.Errorf("board (%s) is %d×%d, larger than 1920×1080", lang, w, h)
		}
	}
	b.checkProblems()
}

// checkPages shows each page at 390×844 and 1920×1080 in both languages,
// screenshots it, and fails when one is wider than a 390 px phone.
func (b *pagesBrowser) checkPages(base string, pages []struct{ name, path string }, who string) {
	b.t.Helper()
	for _, p := range pages {
		for _, lang := range []string{"vi", "en"} {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			u := base + p.path + sep + "lang=" + lang
			for _, size := range [][2]int64{{390, 844}, {1920, 1080}} {
				b.do(fmt.Sprintf("%s %s %d", p.name, lang, size[0]), chromedp.EmulateViewport(size[0], size[1]),
					chromedp.Navigate(u), chromedp.WaitReady(sel("footer")),
					pagesShot(fmt.Sprintf("%s-%s-%d-%s.png", who, p.name, size[0], lang)))
				if size[0] != 390 {
					continue
				}
				if w := pagesEval[int](b, `document.documentElement.scrollWidth`); w > 390 {
					wide := pagesEval[string](b, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 391 && !(e.parentElement && e.parentElement.closest(".table-scroll"))).slice(0, 5).map(e => e.tagName + "." + e.className).join(", ")`)
					b.t.Errorf("%s (%s) is %d px wide at 390 px: %s", p.path, lang, w, wide)
				}
			}
		}
	}
	b.do("back to Vietnamese", chromedp.Navigate(base+"/login?lang=vi"))
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "\"" + strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(s) + "\""
}
