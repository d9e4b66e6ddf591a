package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// TestE2EDutyResultOnAPhone: an officer, on a 390 px phone, records the
// result of this morning's court duty from its page (took place, 3 people,
// two requests, the second in a row added by the button); a manager then
// sees it in the year report, its summary and the rows behind a figure.
// Screenshots: the form on the phone, the year report on a phone and at
// 1920×1080.
func TestE2EDutyResultOnAPhone(t *testing.T) {
	t.Parallel()
	h, base, clock := newE2EServer(t)
	h.courtSite()
	an := h.officer("Nguyễn Văn An")
	h.webUser("an", roster.RoleOfficer, an, "trực-ban-2027")
	h.webUser("lan", roster.RoleManager, 0, "quản-lý-2027")
	duty := id(h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30")) // on now (09:00)

	b := newE2EBrowser(t)
	b.do("officer signs in on a phone",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "an"),
		chromedp.SendKeys(css("#password"), "trực-ban-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#me-results-h")),
	)
	start := time.Now()
	b.do("open the form from the officer's page",
		chromedp.Click(css(`.result-due a[href$="/result"]`)),
		chromedp.WaitVisible(css("#people")),
		chromedp.WaitVisible(css("#add-request")),
	)
	b.do("fill the result",
		chromedp.SendKeys(css("#people"), "3"),
		chromedp.SetValue(css(`.req-row:nth-child(1) select[name="field"]`), "criminal"),
		chromedp.SetValue(css(`.req-row:nth-child(1) select[name="group"]`), "accused_minor"),
		chromedp.SetValue(css(`.req-row:nth-child(1) select[name="action"]`), "accepted"),
		chromedp.Click(css("#add-request")),
		chromedp.WaitVisible(css(".req-row:nth-child(4)")),
		chromedp.SetValue(css(`.req-row:nth-child(4) select[name="field"]`), "land"),
		chromedp.SetValue(css(`.req-row:nth-child(4) select[name="group"]`), "poor_household"),
		chromedp.SetValue(css(`.req-row:nth-child(4) select[name="action"]`), "advised"),
		shot("result-form-phone.png"),
	)
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the result form is %spx wide on a 390px phone: it must not scroll sideways", w)
	}
	b.do("save",
		chromedp.Click(css(`.result-form button[type="submit"]`)),
		chromedp.WaitVisible(css(".flash")),
	)
	if took := time.Since(start); took > time.Minute {
		t.Errorf("recording the result took %v", took)
	}
	if got := b.text(".flash"); got != "Đã lưu kết quả ca trực." {
		t.Fatalf("flash %q", got)
	}
	b.do("the page says it is recorded", chromedp.WaitVisible(css(`.result-due a.button:not(.primary)`)))
	res, err := h.store.DutyResultOf(context.Background(), duty)
	if err != nil || !res.Held || res.HeldBy != an || res.PeopleReceived != 3 || len(res.Requests) != 2 ||
		res.Requests[0].Group != roster.GroupAccusedMinor || res.Requests[1].Field != "land" {
		t.Fatalf("stored result %+v, %v", res, err)
	}
	b.checkProblems()

	// The manager sees it in the year report, at 1920×1080 and on a phone.
	clock.Set(testNow.Add(3 * time.Hour))
	b.do("sign out", chromedp.Click(css(`form[action="/logout"] button`)), chromedp.WaitVisible(css("#login-h")))
	b.do("manager signs in",
		chromedp.EmulateViewport(1920, 1080),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#sites-h")),
		chromedp.Navigate(base+"/manage/reports/year?year=2027"),
		chromedp.WaitVisible(css("#sum-h")),
		shot("year-report-desktop.png"),
	)
	summary := b.text(".summary-text")
	for _, want := range []string{"Trung tâm đã bố trí 1 ca trực tại Tòa án và trực điện thoại, trong đó 1 ca đã diễn ra",
		"tiếp nhận 3 lượt người, 2 yêu cầu trợ giúp pháp lý"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q: %s", want, summary)
		}
	}
	if got := b.text(`a[data-figure="duties.people_received"]`); got != "3" {
		t.Errorf("people received %q", got)
	}
	b.do("year report on a phone", chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(css("#sum-h")),
		shot("year-report-phone.png"))
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the year report is %spx wide on a 390px phone", w)
	}
	h.must(201, "POST", "/api/v1/custody-requests", h.manager, map[string]any{"taken_by": an, "received_at": "2027-01-04T07:40:00+07:00",
		"source": "police", "source_name": "Công an phường Lê Chân", "person_status": "detained", "person_age": 17, "field": "criminal"})
	b.do("custody requests on a phone", chromedp.Navigate(base+"/manage/custody"), chromedp.WaitVisible(css("table.custody")),
		shot("custody-phone.png"))
	if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
		t.Errorf("the custody page is %spx wide on a 390px phone", w)
	}
	if got := b.text("tr.is-late .chip-late"); got != "Chậm" {
		t.Errorf("late flag %q", got)
	}
	b.do("back to the year report", chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(base+"/manage/reports/year?year=2027"),
		chromedp.WaitVisible(css("#sum-h")))
	b.do("open a figure's rows",
		chromedp.EmulateViewport(1920, 1080),
		chromedp.Click(css(`a[data-figure="duties.requests.group.accused_minor"]`)),
		chromedp.WaitVisible(css("table.figure-rows")),
		shot("year-figure-rows.png"),
	)
	if rows := b.text("table.figure-rows tbody"); !strings.Contains(rows, "Nguyễn Văn An") || !strings.Contains(rows, "người bị buộc tội từ đủ 16 tuổi") ||
		strings.Contains(rows, "người thuộc hộ nghèo") {
		t.Errorf("rows behind the figure: %s", rows)
	}
	if n, _ := h.store.MissingDutyResults(context.Background(), store.MissingResultFilter{}); len(n) != 0 {
		t.Errorf("duties still missing results: %v", n)
	}
	b.checkProblems()
	t.Logf("screenshots in %s", e2eScreenshots)
}
