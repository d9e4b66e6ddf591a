package api

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// TestE2ECustodyAndCaseOnAPhone: the phone-duty officer, on a 390 px
// phone, logs a call from the police from the button on its page, then
// registers a case from that request (picked from the list of recent ones)
// and closes it as successful; a manager sees both at 1920×1080.
// Screenshots of each page on the phone and on the desktop.
func TestE2ECustodyAndCaseOnAPhone(t *testing.T) {
	t.Parallel()
	h, base, _ := newE2EServer(t)
	h.csPhoneSite()
	an := h.officer("Nguyễn Văn An")
	h.webUser("an", roster.RoleOfficer, an, "trực-ban-2027")
	h.webUser("lan", roster.RoleManager, 0, "quản-lý-2027")
	h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TRUC-DT", "slot": "Ngày", "officer_id": an,
		"start": "2027-01-04T07:00:00+07:00", "end": "2027-01-04T19:00:00+07:00"}) // on now (09:00)

	b := newE2EBrowser(t)
	narrow := func(page string) {
		t.Helper()
		if w := e2eEval[string](b, `String(document.documentElement.scrollWidth)`); w != "390" {
			t.Errorf("%s is %spx wide on a 390px phone: it must not scroll sideways", page, w)
		}
	}
	b.do("officer signs in on a phone",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(css("#login-h")),
		chromedp.SendKeys(css("#name"), "an"),
		chromedp.SendKeys(css("#password"), "trực-ban-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#me-casework-h")),
	)
	b.do("log a call from the button",
		chromedp.Click(css(`.me-casework a.button.primary[href="/me/custody/new"]`)),
		chromedp.WaitVisible(css("#source_name")),
		shot("custody-new-phone.png"),
		chromedp.Click(css(`input[name="source"][value="police"]`)),
		chromedp.SendKeys(css("#source_name"), "Công an quận Lê Chân"),
		chromedp.SendKeys(css("#person_name"), "Vũ Văn D"),
		chromedp.SendKeys(css("#person_age"), "17"),
	)
	narrow("the custody form")
	b.do("save the call", chromedp.Click(css(`.custody-form button[type="submit"]`)), chromedp.WaitVisible(css(".flash")))
	if got := b.text(".flash"); got != "Đã ghi nhận yêu cầu cử người trợ giúp pháp lý." {
		t.Fatalf("flash %q", got)
	}
	list, err := h.store.ListCustodyRequests(context.Background(), store.CustodyFilter{})
	if err != nil || len(list) != 1 || list[0].TakenBy != an || list[0].AssignmentID == nil || list[0].PersonAge == nil || *list[0].PersonAge != 17 {
		t.Fatalf("stored %+v, %v", list, err)
	}
	b.do("register a case from it",
		chromedp.Click(css(`.me-casework a[href="/me/cases/new"]`)),
		chromedp.WaitVisible(css("#origin_id_custody")),
		chromedp.Click(css(`input[name="origin"][value="custody"]`)),
		chromedp.SetValue(css("#origin_id_custody"), fmt.Sprint(list[0].ID)),
		chromedp.SetValue(css("#field"), "criminal"),
		chromedp.SetValue(css("#beneficiary_group"), "accused_minor"),
		chromedp.SendKeys(css("#summary"), "Bào chữa cho người bị tạm giữ"),
		shot("case-new-phone.png"),
	)
	narrow("the case form")
	b.do("save the case", chromedp.Submit(css("#summary")), chromedp.WaitVisible(css("#outcome")))
	if got := b.text(".flash"); got != "Đã thụ lý vụ việc." {
		t.Fatalf("flash %q", got)
	}
	b.do("close it as successful",
		chromedp.SetValue(css("#outcome"), "successful"),
		shot("case-phone.png"),
		chromedp.Submit(css("#summary")),
		chromedp.WaitVisible(css(".flash")),
	)
	narrow("the case page")
	cases, err := h.store.ListCases(context.Background(), store.CaseFilter{})
	if err != nil || len(cases) != 1 || cases[0].Outcome != roster.OutcomeSuccessful || cases[0].Origin != roster.OriginCustody || cases[0].HandlerID != an {
		t.Fatalf("stored %+v, %v", cases, err)
	}
	b.do("the officer's page", chromedp.Navigate(base+"/me"), chromedp.WaitVisible(css("#me-casework-h")), shot("me-casework-phone.png"))
	narrow("the officer's page")
	b.checkProblems()

	b.do("sign out", chromedp.Click(css(`form[action="/logout"] button`)), chromedp.WaitVisible(css("#login-h")))
	b.do("manager signs in",
		chromedp.EmulateViewport(1920, 1080),
		chromedp.SendKeys(css("#name"), "lan"),
		chromedp.SendKeys(css("#password"), "quản-lý-2027"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css("#sites-h")),
		chromedp.Navigate(base+"/manage/custody"),
		chromedp.WaitVisible(css("table.custody")),
		shot("custody-list-desktop.png"),
		chromedp.Navigate(base+"/me/custody/new"),
		chromedp.WaitVisible(css("#taken_by")),
		shot("custody-new-desktop.png"),
		chromedp.Navigate(base+"/me/cases/new"),
		chromedp.WaitVisible(css("#handler_id")),
		shot("case-new-desktop.png"),
		chromedp.Navigate(base+"/manage/cases"),
		chromedp.WaitVisible(css("table.cases")),
		shot("cases-desktop.png"),
		chromedp.Click(css(`table.cases a[href^="/me/cases/"]`)),
		chromedp.WaitVisible(css("#handler_id")),
		shot("case-desktop.png"),
	)
	b.checkProblems()
	t.Logf("screenshots in %s", e2eScreenshots)
}
