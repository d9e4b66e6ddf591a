package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"lichtruc/roster"
)

// TestPageLogCustodyRequest: the phone-duty officer logs a call from its
// page (the prominent button while on phone duty), errors by field and
// rule, the officer who took it is itself whatever the form says, the call
// is linked to the duty; a manager logs one for another officer from the
// custody list; reception is refused.
func TestPageLogCustodyRequest(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.csPhoneSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webUser("binh", roster.RoleOfficer, binh, "binh-mat-khau")
		h.webUser("chi", roster.RoleManager, 0, "chi-mat-khau")
		h.webUser("letan", roster.RoleReception, 0, "letan-mat-khau")
		duty := id(h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TRUC-DT", "slot": "Ngày", "officer_id": an,
			"start": "2027-01-04T07:00:00+07:00", "end": "2027-01-04T19:00:00+07:00"}))

		w := h.webBrowser()
		w.login("an", "an-mat-khau")
		b := w.page(200, "/me")
		webContains(t, b, `class="button primary wide" href="/me/custody/new">Ghi nhận yêu cầu từ cơ quan tiến hành tố tụng`, "Bạn không có vụ việc nào đang thực hiện.")
		b = w.page(200, "/me/custody/new")
		webContains(t, b, `name="received_at" type="datetime-local"`, `value="2027-01-04T09:00"`, `value="detained" checked`,
			`<option value="criminal" selected>`, "Nguyễn Văn An", `name="sent_officer_id"`)
		if strings.Contains(b, `name="taken_by"`) {
			t.Fatal("an officer is offered to say someone else took the call")
		}
		// No source, an age out of range, a call in the future: each next to its field, nothing saved.
		bad := url.Values{"received_at": {"2027-01-04T12:00"}, "person_age": {"130"}, "person_status": {"detained"}, "field": {"criminal"}}
		r := w.post("/me/custody/new", bad)
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, `<p class="field-error" id="err-source">Không phải một giá trị được phép.`,
			`id="err-person_age">`, `id="err-received_at">`, `value="130"`)
		bad = url.Values{"received_at": {"hôm nay"}, "source": {"police"}, "person_status": {"detained"}}
		webContains(t, w.post("/me/custody/new", bad).Body, `id="err-received_at">`)
		if l := h.must(200, "GET", "/api/v1/custody-requests", h.manager, nil)["custody_requests"].([]any); len(l) != 0 {
			t.Fatalf("a bad form saved %v", l)
		}
		// A good one, claiming someone else took it: it is the officer's, on its phone duty.
		w.page(200, "/me/custody/new")
		good := url.Values{"received_at": {"2027-01-04T08:40"}, "source": {"police"}, "source_name": {"Công an quận Lê Chân"}, "person_name": {"Vũ Văn D"},
			"person_age": {"17"}, "person_status": {"detained"}, "field": {"criminal"}, "taken_by": {fmt.Sprint(binh)}, "sent_officer_id": {fmt.Sprint(binh)}}
		r = w.post("/me/custody/new", good)
		if r.Code != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/me?msg=custody_logged") {
			t.Fatalf("log: %d %s %.2000s", r.Code, r.Header.Get("Location"), r.Body)
		}
		l := h.must(200, "GET", "/api/v1/custody-requests", h.manager, nil)["custody_requests"].([]any)
		if len(l) != 1 {
			t.Fatalf("logged %v", l)
		}
		got := l[0].(map[string]any)
		if got["taken_by"].(float64) != float64(an) || got["assignment_id"].(float64) != float64(duty) || got["sent_officer_id"].(float64) != float64(binh) ||
			got["response_minutes"].(float64) != 20 || got["person_age"].(float64) != 17 || got["recorded_by"] != "an" {
			t.Fatalf("logged %v", got)
		}
		webContains(t, w.page(200, "/me?msg=custody_logged"), "Đã ghi nhận yêu cầu cử người trợ giúp pháp lý.")

		// Binh is not on phone duty: only the small link.
		o := h.webBrowser()
		o.login("binh", "binh-mat-khau")
		b = o.page(200, "/me")
		webContains(t, b, `<a href="/me/custody/new">Ghi nhận yêu cầu cử người</a>`)
		if strings.Contains(b, `class="button primary wide" href="/me/custody/new"`) {
			t.Fatal("an officer off phone duty gets the prominent button")
		}

		// A manager, from the custody list, names who took the call.
		m := h.webBrowser()
		m.login("chi", "chi-mat-khau")
		webContains(t, m.page(200, "/manage/custody?year=2027"), `href="/me/custody/new"`, fmt.Sprintf(`href="/me/cases/new?origin=custody&amp;origin_id=%d"`, id(got)))
		b = m.page(200, "/me/custody/new")
		webContains(t, b, `name="taken_by"`, `href="/manage/custody"`)
		r = m.post("/me/custody/new", url.Values{"received_at": {"2027-01-04T08:50"}, "source": {"court"}, "person_status": {"accused"}})
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, `id="err-taken_by">Bắt buộc nhập.`)
		r = m.post("/me/custody/new", url.Values{"received_at": {"2027-01-04T08:50"}, "source": {"court"}, "person_status": {"accused"}, "taken_by": {fmt.Sprint(binh)}})
		if r.Code != 303 || r.Header.Get("Location") != "/manage/custody?msg=custody_logged&year=2027" {
			t.Fatalf("manager's log: %d %s", r.Code, r.Header.Get("Location"))
		}
		webContains(t, m.page(200, "/manage/custody?year=2027"), "Tòa án", "Trần Thị Bình")

		// Reception may not log requests.
		rc := h.webBrowser()
		rc.login("letan", "letan-mat-khau")
		webCheckHTML(t, rc.get("/me/custody/new"), 403)
		webCheckHTML(t, rc.post("/me/custody/new", good), 403)

		// English.
		webContains(t, w.page(200, "/me/custody/new?lang=en"), "Log a request for legal aid", "Call received at")
	})
}

// TestPageRegisterAndEditCase: a case is registered from a custody request
// (origin picked, fields filled), from a duty result and from the office;
// errors by field; the officer's open cases on /me; stage and outcome
// changed with the version (stale is a readable 412); an officer may not
// open or edit another's case, nor hand its own on; reception is refused.
func TestPageRegisterAndEditCase(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webUser("binh", roster.RoleOfficer, binh, "binh-mat-khau")
		h.webUser("chi", roster.RoleManager, 0, "chi-mat-khau")
		h.webUser("letan", roster.RoleReception, 0, "letan-mat-khau")
		anTok := h.user("an-api", roster.RoleOfficer, an)
		call := id(h.must(201, "POST", "/api/v1/custody-requests", anTok, map[string]any{"received_at": "2027-01-03T20:00:00+07:00",
			"source": "police", "source_name": "Công an phường Ngô Quyền", "person_status": "detained", "field": "criminal"}))
		past := id(h.webBook(an, "2027-01-02", "Sáng", "07:30", "11:30"))
		res := id(h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", past), anTok,
			rsResult(true, 1, rsRequest("land", "elderly", "accepted"))))

		w := h.webBrowser()
		w.login("an", "an-mat-khau")
		b := w.page(200, fmt.Sprintf("/me/cases/new?origin=custody&origin_id=%d", call))
		webContains(t, b, `name="origin" value="custody" checked`, fmt.Sprintf(`<option value="%d" selected>`, call), "Công an phường Ngô Quyền",
			`<option value="criminal" selected>`, `<option value="proceedings" selected>`, `value="2027-01-04"`, fmt.Sprintf(`<option value="%d">`, res))
		// No group, a day in the future: next to their fields.
		form := url.Values{"origin": {"custody"}, "origin_id_custody": {fmt.Sprint(call)}, "form": {"proceedings"}, "field": {"criminal"},
			"accepted_on": {"2027-02-01"}, "handler_id": {fmt.Sprint(binh)}}
		r := w.post("/me/cases/new", form)
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, `id="err-beneficiary_group">`, `id="err-accepted_on">`)
		// From a duty without picking which: the origin's rule.
		r = w.post("/me/cases/new", url.Values{"origin": {"duty"}, "form": {"advice"}, "field": {"land"}, "beneficiary_group": {"elderly"}, "accepted_on": {"2027-01-04"}})
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, `id="err-origin_id">Bắt buộc nhập.`)
		// A good one: handled by the officer itself, whatever the form says.
		form.Set("accepted_on", "2027-01-04")
		form.Set("beneficiary_group", "accused_minor")
		r = w.post("/me/cases/new", form)
		if r.Code != 303 || !strings.Contains(r.Header.Get("Location"), "msg=case_created") {
			t.Fatalf("create: %d %s %.2000s", r.Code, r.Header.Get("Location"), r.Body)
		}
		casePath := strings.SplitN(r.Header.Get("Location"), "?", 2)[0]
		k := h.must(200, "GET", "/api/v1"+strings.TrimPrefix(casePath, "/me"), h.manager, nil)
		if k["number"] != "1/2027/TGPL" || k["handler_id"].(float64) != float64(an) || k["origin"] != "custody" || k["origin_id"].(float64) != float64(call) {
			t.Fatalf("created %v", k)
		}
		// From the duty result page's link: filled from the request accepted.
		webContains(t, w.page(200, fmt.Sprintf("/me/duties/%d/result", past)), fmt.Sprintf(`href="/me/cases/new?origin=duty&amp;origin_id=%d"`, res))
		b = w.page(200, fmt.Sprintf("/me/cases/new?origin=duty&origin_id=%d", res))
		webContains(t, b, `name="origin" value="duty" checked`, `<option value="land" selected>`, `<option value="elderly" selected>`)
		r = w.post("/me/cases/new", url.Values{"origin": {"duty"}, "origin_id_duty": {fmt.Sprint(res)}, "form": {"advice"}, "field": {"land"},
			"beneficiary_group": {"elderly"}, "accepted_on": {"2027-01-04"}, "summary": {"Tranh chấp đất"}})
		if r.Code != 303 {
			t.Fatalf("from duty: %d %.2000s", r.Code, r.Body)
		}
		b = w.page(200, "/me")
		webContains(t, b, "Vụ việc của tôi đang thực hiện", "1/2027/TGPL", "2/2027/TGPL", "Tranh chấp đất", `href="`+casePath+`"`)

		// Stage and outcome: an outcome closes the case today.
		b = w.page(200, casePath)
		webContains(t, b, "Vụ việc 1/2027/TGPL", `name="version" value="1"`, `<option value="accepted" selected>`)
		if strings.Contains(b, `name="handler_id"`) {
			t.Fatal("an officer is offered to hand its case on")
		}
		r = w.post(casePath, url.Values{"stage": {"accepted"}, "outcome": {"successful"}, "version": {"1"}, "handler_id": {fmt.Sprint(binh)}})
		if r.Code != 303 || !strings.Contains(r.Header.Get("Location"), "msg=case_saved") {
			t.Fatalf("save: %d %.2000s", r.Code, r.Body)
		}
		k = h.must(200, "GET", "/api/v1"+strings.TrimPrefix(casePath, "/me"), h.manager, nil)
		if k["stage"] != "closed" || k["outcome"] != "successful" || k["closed_on"] != "2027-01-04" || k["handler_id"].(float64) != float64(an) {
			t.Fatalf("saved %v", k)
		}
		// A stale form: 412, readable, the latest version shown.
		r = w.post(casePath, url.Values{"stage": {"handling"}, "version": {"1"}})
		webCheckHTML(t, r, 412)
		webContains(t, r.Body, "Vụ việc vừa được người khác thay đổi (nay là phiên bản 2)", `name="version" value="2"`, `<option value="successful" selected>`)
		// A rule next to its field: only cases in proceedings succeed.
		p2 := strings.Replace(casePath, "/"+fmt.Sprint(id(k)), "/"+fmt.Sprint(id(k)+1), 1)
		w.page(200, p2)
		r = w.post(p2, url.Values{"stage": {"handling"}, "outcome": {"successful"}, "version": {"1"}})
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, `id="err-outcome">`)

		// Another officer may neither open nor change it; reception neither.
		o := h.webBrowser()
		o.login("binh", "binh-mat-khau")
		webCheckHTML(t, o.get(casePath), 403)
		webCheckHTML(t, o.post(casePath, url.Values{"stage": {"handling"}, "version": {"2"}}), 403)
		rc := h.webBrowser()
		rc.login("letan", "letan-mat-khau")
		webCheckHTML(t, rc.get("/me/cases/new"), 403)
		webCheckHTML(t, rc.get(casePath), 403)

		// A manager: from the register, from the office, for another officer; may hand a case on.
		m := h.webBrowser()
		m.login("chi", "chi-mat-khau")
		webContains(t, m.page(200, "/manage/cases?year=2027"), `href="/me/cases/new"`, `href="`+casePath+`"`)
		m.page(200, "/me/cases/new")
		r = m.post("/me/cases/new", url.Values{"origin": {"office"}, "form": {"representation"}, "field": {"labour"}, "beneficiary_group": {"poor_household"},
			"accepted_on": {"2027-01-04"}, "handler_id": {fmt.Sprint(binh)}})
		if r.Code != 303 {
			t.Fatalf("manager's case: %d %.2000s", r.Code, r.Body)
		}
		b = m.page(200, p2)
		webContains(t, b, `name="handler_id"`, `href="/manage/cases?year=2027"`)
		if r := m.post(p2, url.Values{"stage": {"handling"}, "version": {"1"}, "handler_id": {fmt.Sprint(binh)}}); r.Code != 303 {
			t.Fatalf("hand on: %d %.2000s", r.Code, r.Body)
		}
		if k := h.must(200, "GET", "/api/v1"+strings.TrimPrefix(p2, "/me"), h.manager, nil); k["handler_id"].(float64) != float64(binh) || k["stage"] != "handling" {
			t.Fatalf("handed on %v", k)
		}
		webContains(t, o.page(200, "/me"), "2/2027/TGPL", "3/2027/TGPL")
		webContains(t, w.page(200, casePath+"?lang=en"), "Case 1/2027/TGPL", "Save the case")
	})
}
