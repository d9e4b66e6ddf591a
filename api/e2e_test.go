package api

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// TestE2EBrowser drives headless Chromium against a real server on
// 127.0.0.1 with a SQLite store: a manager signs in, plans January with the
// planning form (preview, then confirm), reassigns this morning's duty, and
// the reception board shows the new officer; then an officer signs in and
// sees their page. It saves screenshots of the board, the month grid, the
// officer page (and the plan preview and the printable week) and fails on
// any JavaScript exception or Content-Security-Policy violation.
func TestE2EBrowser(t *testing.T) {
	t.Parallel()
	// A real server on 127.0.0.1; the clock stays at testNow, Monday
	// 4 January 2027, 09:00: the morning duty is on.
	h, base, _ := newE2EServer(t)
	st := h.store

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
	board := strings.TrimPrefix(site["board_url"].(string), base)
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

	b := newE2EBrowser(t)

	// The manager signs in.
	b.do("sign in",
		chromedp.Navigate(base+"/manage"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#sites-h")),
	)

	// Plan the rest of January: preview (nothing saved), then confirm.
	b.do("plan preview",
		chromedp.Navigate(base+"/manage/sites/TAND-HP/plan"),
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
	b.do("plan confirm",
		chromedp.Click(css(`button[value="confirm"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := b.text(".flash"); f != "Đã lưu lịch trực." {
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
		if roster.DateOf(a.Start.In(testLoc)) == (roster.Date{Year: 2027, Month: 1, Day: 4}) {
			busy[a.OfficerID] = true // one slot a day at a site: free means free all that day
		}
		if a.Start.Equal(time.Date(2027, 1, 4, 7, 30, 0, 0, testLoc)) {
			if a.Role == roster.Primary {
				morning = a
			}
		}
	}
	if morning.ID == 0 {
		t.Fatal("no primary duty this morning after planning")
	}
	b.do("board before", chromedp.Navigate(base+board), chromedp.WaitVisible(css("#board")))
	if got := b.text(".duty-now .role-primary .officer-name"); got != officers[morning.OfficerID] {
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
	b.do("reassign",
		chromedp.Navigate(base+"/manage/sites/TAND-HP?month=2027-01"),
		chromedp.WaitVisible(css("table.month-grid")),
		chromedp.Click(css(fmt.Sprintf(`a[href="/manage/assignments/%d"]`, morning.ID))),
		chromedp.WaitVisible(css("#reassign-h")),
		shot("duty.png"),
		chromedp.SetValue(css("#officer_id"), fmt.Sprint(other)),
		chromedp.Click(css(`#reassign-h ~ form button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := b.text(".flash"); f != "Đã phân công lại ca trực." {
		t.Fatalf("after reassigning: %q", f)
	}

	// Bình falls ill on 11–12 January: the leave page lists the duties it
	// cancelled, and the month grid shows them as uncovered.
	b.do("leave",
		chromedp.Navigate(base+"/manage/leaves"),
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
	if n := e2eEval[float64](b, `document.querySelectorAll(".affected li").length`); int(n) != len(cancelled) {
		t.Fatalf("the leave page lists %.0f cancelled duties, want %d", n, len(cancelled))
	}
	b.do("month grid",
		chromedp.Navigate(base+"/manage/sites/TAND-HP?month=2027-01"),
		chromedp.WaitVisible(css("table.month-grid")),
		shot("month-grid.png"),
	)
	if n := e2eEval[float64](b, `document.querySelectorAll("#d-2027-01-11 td.is-gap, #d-2027-01-12 td.is-gap, #d-2027-01-11 .gap-backup, #d-2027-01-12 .gap-backup").length`); n == 0 {
		t.Fatal("the month grid shows no gap where Bình's duties were")
	}

	// The board changes: the new officer, with their phone, large.
	b.do("board after",
		chromedp.EmulateViewport(1920, 1080),
		chromedp.Navigate(base+board),
		chromedp.WaitVisible(css("#board")),
	)
	if got := b.text(".duty-now .role-primary .officer-name"); got != officers[other] {
		t.Fatalf("board after reassigning: on duty %q, want %q", got, officers[other])
	}
	phone := b.attr(".duty-now .role-primary .phone-big", "href")
	size := e2eEval[float64](b, `parseFloat(getComputedStyle(document.querySelector(".duty-now .role-primary .phone-big")).fontSize)`)
	if !strings.HasPrefix(phone, "tel:0912345") || size < 48 {
		t.Fatalf("board phone: href %q, font size %.0fpx (want a tel: link of at least 48px on a TV)", phone, size)
	}
	if h := e2eEval[float64](b, `document.documentElement.scrollHeight`); h > 1080 {
		t.Errorf("the board is %.0fpx high on a 1920×1080 TV: it must fit the screen", h)
	}
	b.do("board shots", shot("board-tv.png"),
		chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#board")), shot("board-phone.png"),
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+board+"/print?week=2027-01-04"), chromedp.WaitVisible(css(".doc")), shot("print-week.png"),
	)
	// Printed with the page's own @page size: one A4 sheet (595×842 pt).
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
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
	b.do("sign out",
		chromedp.Navigate(base+"/manage"),
		chromedp.WaitVisible(css("#sites-h")),
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css("#login-h")),
	)
	b.do("officer signs in",
		chromedp.EmulateViewport(390, 844),
		chromedp.SendKeys(css("#name"), "an"),
		chromedp.SendKeys(css("#password"), "trực-ban-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#next-h")),
		// The calendar subscription folds away below the duties and actions.
		chromedp.Click(css("details.subscribe summary")),
		chromedp.WaitVisible(css(".qr img")),
	)
	if w := e2eEval[float64](b, `new Promise(r => { const i = document.querySelector(".qr img"); i.complete ? r(i.naturalWidth) : i.onload = () => r(i.naturalWidth) })`); w < 100 {
		t.Fatalf("the QR code did not load (natural width %.0f)", w)
	}
	if href := b.attr(`a[href^="webcal://"]`, "href"); !strings.HasPrefix(href, "webcal://127.0.0.1:") || !strings.HasSuffix(href, ".ics") {
		t.Fatalf("webcal link %q", href)
	}
	b.do("officer page", shot("officer-page.png"))
	b.checkProblems()
	// An officer cannot open the managers' pages (the browser logs the 403).
	b.do("officer at /manage", chromedp.Navigate(base+"/manage"), chromedp.WaitVisible(css(".status-code")))
	if got := b.text(".status-code"); got != "HTTP 403" {
		t.Fatalf("officer at /manage: %q", got)
	}

	t.Logf("screenshots in %s", e2eScreenshots)
}
