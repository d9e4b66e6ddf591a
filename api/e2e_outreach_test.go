package api

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lichtruc/notify"
	"lichtruc/roster"
	"lichtruc/roster/store"
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
	t.Parallel()
	h, base, clock := newE2EServer(t) // Monday 4 January 2027, 09:00
	st := h.store

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
	clock.Set(time.Date(2027, 1, 2, 12, 0, 0, 0, testLoc)) // a past session, with results, recorded on Saturday
	h.otSession(201, map[string]any{"title": "TGPL cho hội viên Hội Phụ nữ", "venue": "Hội trường UBND phường Lạch Tray", "commune": "phường Lạch Tray",
		"partner": "Hội Liên hiệp Phụ nữ thành phố", "start": "2027-01-02T08:00:00+07:00", "end": "2027-01-02T11:00:00+07:00",
		"officer_ids": []int64{dung}, "attendees": 48, "requests": 2, "consultations": map[string]int{"marriage_family": 6, "civil": 3}})
	clock.Set(testNow)
	h.otSession(201, map[string]any{"title": "TGPL cho người cao tuổi", "venue": "Nhà văn hóa thôn Đông", "commune": "xã Kiến Quốc",
		"partner": "Hội Người cao tuổi huyện Kiến Thụy", "start": "2027-01-21T08:00:00+07:00", "end": "2027-01-21T11:30:00+07:00",
		"officer_ids": []int64{chau}})

	// The 409 of the clash is expected in the browser's log.
	b := newE2EBrowser(t, "409")
	box := func(name string, id int64) chromedp.CSS {
		return css(fmt.Sprintf(`#new input[name="%s"][value="%d"]`, name, id))
	}

	b.do("sign in",
		chromedp.Navigate(base+"/manage/outreach"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#list-h")),
	)

	// The reminder scan runs on Monday evening for Tuesday's duties: Em's
	// e-mail goes, Bình's server says "later", Châu's address is refused.
	// The outbox shows who was reminded and what failed.
	clock.Set(time.Date(2027, 1, 4, 18, 0, 0, 0, testLoc))
	sch, err := notify.NewScheduler(st, notify.Senders{Email: otSender{}}, notify.SchedulerConfig{BaseURL: base, Loc: testLoc}, nil, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sch.RunReminderScan(context.Background()); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2027, 1, 4, 18, 2, 0, 0, testLoc))
	b.do("outbox",
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/manage/notifications"),
		chromedp.WaitVisible(css("table.outbox")),
		shot("notifications.png"),
	)
	if got := b.text(`table.outbox tr.st-row-failed td[data-label="Lỗi gần nhất"]`); !strings.Contains(got, "mailbox busy") {
		t.Fatalf("the failed reminder's error: %q", got)
	}
	b.do("outbox failed only",
		chromedp.Click(css(`.status-counts a.st-failed`)),
		chromedp.WaitVisible(css(`.status-counts a[aria-current="true"]`)),
	)
	if n := e2eEval[string](b, `String(document.querySelectorAll("table.outbox tbody tr").length) + " " + document.querySelector("table.outbox tbody tr").className`); n != "1 st-row-failed" {
		t.Fatalf("the failed filter shows %q", n)
	}
	b.do("outbox on a phone",
		chromedp.Navigate(base+"/manage/notifications"),
		chromedp.EmulateViewport(390, 844),
		chromedp.Reload(),
		chromedp.WaitVisible(css("table.outbox")),
		shot("notifications-phone.png"),
	)
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the outbox page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}
	b.do("back to the desktop", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/manage/outreach"), chromedp.WaitVisible(css("#list-h")))
	// Plan Wednesday's session with An and Bình: An is at the court
	// that morning, so the page says so and keeps the form.
	b.do("plan with a clash",
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
	if got := b.text(".alert p"); got != "Nguyễn Văn An đã có ca trực tại TAND-HP, Thứ Tư, 06/01/2027, 07:30–11:30." {
		t.Fatalf("clash message: %q", got)
	}
	if got := b.text("#err-officers"); !strings.Contains(got, "Nguyễn Văn An") {
		t.Fatalf("the officers' field error: %q", got)
	}
	if v := e2eEval[string](b, `document.querySelector("#title").value + "|" + document.querySelector("#new_partner").value`); v != "TGPL cho người khuyết tật|Hội Người khuyết tật huyện Thủy Nguyên" {
		t.Fatalf("the form lost what was typed: %q", v)
	}
	b.do("plan without An",
		chromedp.Click(box("officer", an)),
		chromedp.Click(css(`#new button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if f := b.text(".flash"); f != "Đã lên kế hoạch đợt trợ giúp pháp lý lưu động." {
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
	clock.Set(time.Date(2027, 1, 6, 12, 0, 0, 0, testLoc))
	b.do("results",
		chromedp.Navigate(fmt.Sprintf("%s/manage/outreach/%d", base, planned.ID)),
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
	if f := b.text(".flash"); f != "Đã lưu kết quả của đợt." {
		t.Fatalf("after the results: %q", f)
	}
	b.do("session on a phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#attendees")),
		shot("outreach-session-phone.png"))
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the session page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}
	b.do("back to the desktop", chromedp.EmulateViewport(1366, 900))
	x, err := st.OutreachSession(context.Background(), planned.ID)
	if err != nil || x.Results == nil || x.Results.Attendees != 85 || x.Results.Total() != 20 {
		t.Fatalf("stored results: %+v (%v)", x.Results, err)
	}

	// The year: three sessions, two held with results, the figures and
	// the summary; the CSV link answers with the year's rows.
	b.do("year", chromedp.Navigate(base+"/manage/outreach"), chromedp.WaitVisible(css("#fig-h")), shot("outreach.png"))
	if got := b.text(".stats > div:nth-child(2) dd"); got != "133" {
		t.Fatalf("attendees of the year: %q", got)
	}
	if got := b.text(".summary-text"); !strings.Contains(got, "tổ chức được 2 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 133 lượt người tham dự") {
		t.Fatalf("summary: %q", got)
	}
	if csv := e2eEval[string](b, `fetch(document.querySelector('a[href^="/manage/reports/outreach.csv"]').href).then(r => r.text())`); !strings.Contains(csv, "Cả năm 2027,2,133,29") {
		t.Fatalf("CSV from the page's link: %q", csv)
	}
	b.do("year on a phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#list-h")), shot("outreach-phone.png"))
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the outreach page is %spx wide on a 390px phone: it must not scroll sideways", w)
	}

	b.checkProblems()
	t.Logf("screenshots in %s", e2eScreenshots)
}
