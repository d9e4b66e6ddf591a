package api

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

func TestPageDutyResult(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webUser("binh", roster.RoleOfficer, binh, "binh-mat-khau")
		past := id(h.webBook(an, "2027-01-01", "Sáng", "07:30", "11:30"))
		h.webBook(an, "2027-01-05", "Chiều", "13:30", "17:00") // not started: no result yet

		w := h.webBrowser()
		w.login("an", "an-mat-khau")
		b := w.page(200, "/me")
		path := fmt.Sprintf("/me/duties/%d/result", past)
		webContains(t, b, "Kết quả ca trực", "Còn 1 ca trực chưa ghi kết quả.", `href="`+path+`"`, "Ghi kết quả")
		if strings.Contains(b, "05/01/2027</strong> · 13:30") {
			t.Fatal("a duty not started is offered for its result")
		}
		b = w.page(200, path)
		webContains(t, b, "Ca trực có diễn ra không?", `name="held" value="yes" checked`, `<label for="people">`,
			`<option value="criminal">Hình sự</option>`, `<option value="accused_minor">người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi</option>`,
			`<option value="accepted">thụ lý vụ việc</option>`, "Trực thay: Trần Thị Bình")
		if n := strings.Count(b, `name="field"`); n != 3 {
			t.Fatalf("%d request rows, want 3", n)
		}
		// A bad row is shown with its rule; nothing is saved.
		form := url.Values{"held": {"yes"}, "people": {"2"}, "field": {"criminal", "land", ""}, "group": {"accused_minor", "", ""},
			"action": {"accepted", "advised", ""}, "version": {"0"}}
		r := w.post(path, form)
		webCheckHTML(t, r, 422)
		webContains(t, r.Body, "Thông tin nhập chưa hợp lệ.")
		// A good one: back to the officer's page.
		form.Set("csrf", w.csrf())
		form["group"] = []string{"accused_minor", "poor_household", ""}
		r = w.post(path, form)
		if r.Code != 303 || !strings.HasPrefix(r.Header.Get("Location"), "/me?msg=result_saved") {
			t.Fatalf("save: %d %s", r.Code, r.Header.Get("Location"))
		}
		res := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d/result", past), h.manager, nil)
		if res["people_received"].(float64) != 2 || len(res["requests"].([]any)) != 2 || res["recorded_by"] != "an" || res["stand_in"] != false {
			t.Fatalf("saved: %v", res)
		}
		b = w.page(200, "/me")
		webContains(t, b, "Đã ghi — sửa")
		// Edit: a stand-in, with the version.
		b = w.page(200, path)
		webContains(t, b, `name="version" value="1"`, `<option value="land" selected>`, "Đã ghi bởi an")
		r = w.post(path, url.Values{"held": {"yes"}, "held_by": {fmt.Sprint(binh)}, "people": {"1"}, "version": {"1"}})
		if r.Code != 303 {
			t.Fatalf("edit: %d %s", r.Code, r.Body)
		}
		if res := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d/result", past), h.manager, nil); res["stand_in"] != true {
			t.Fatalf("stand-in: %v", res)
		}
		// A stale form is 412; another officer may not open the form.
		w.page(200, path)
		webCheckHTML(t, w.post(path, url.Values{"held": {"no"}, "version": {"1"}}), 412)
		other := h.webBrowser()
		other.login("binh", "binh-mat-khau")
		webCheckHTML(t, other.get(path), 403)
	})
}

func TestPagesOfResultsForManagers(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.csPhoneSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("chi", roster.RoleManager, 0, "chi-mat-khau")
		anTok := h.user("an", roster.RoleOfficer, an)
		missing := id(h.webBook(binh, "2026-12-31", "Chiều", "13:30", "17:00"))
		held := id(h.webBook(an, "2026-12-30", "Sáng", "07:30", "11:30"))
		h.must(201, "PUT", fmt.Sprintf("/api/v1/assignments/%d/result", held), anTok,
			rsResult(true, 2, rsRequest("criminal", "accused_minor", "accepted"), rsRequest("land", "elderly", "referred")))
		late := id(h.must(201, "POST", "/api/v1/custody-requests", h.manager, map[string]any{"taken_by": an, "received_at": "2027-01-04T06:00:00+07:00",
			"source": "police", "source_name": "Công an phường Ngô Quyền", "person_status": "detained", "person_age": 17}))
		h.must(201, "POST", "/api/v1/custody-requests", h.manager, map[string]any{"taken_by": an, "received_at": "2027-01-03T20:00:00+07:00",
			"source": "court", "person_status": "accused", "sent_officer_id": binh, "assigned_at": "2027-01-03T20:40:00+07:00"})
		h.must(201, "POST", "/api/v1/cases", h.manager, map[string]any{"form": "proceedings", "field": "criminal", "beneficiary_group": "accused_minor",
			"origin": "custody", "origin_id": late, "handler_id": binh, "summary": "Bào chữa cho người bị tạm giữ"})
		h.must(201, "POST", "/api/v1/cases", h.manager, map[string]any{"form": "advice", "field": "land", "beneficiary_group": "elderly",
			"origin": "office", "handler_id": an, "accepted_on": "2026-10-02"})

		w := h.webBrowser()
		w.login("chi", "chi-mat-khau")
		b := w.page(200, "/manage/duty-results")
		webContains(t, b, `href="/manage/duty-results" aria-current="page"`, "Ca trực đã kết thúc nhưng chưa ghi kết quả", "Trần Thị Bình",
			fmt.Sprintf(`href="/me/duties/%d/result"`, missing))
		if strings.Contains(b, fmt.Sprintf(`href="/me/duties/%d/result"`, held)) {
			t.Fatal("a duty with its result is listed as missing")
		}
		// A manager records a result from there: back to the list.
		w.page(200, fmt.Sprintf("/me/duties/%d/result", missing))
		if r := w.post(fmt.Sprintf("/me/duties/%d/result", missing), url.Values{"held": {"no"}, "version": {"0"}}); r.Code != 303 ||
			!strings.HasPrefix(r.Header.Get("Location"), "/manage/duty-results") {
			t.Fatalf("manager's record: %d %s", r.Code, r.Header.Get("Location"))
		}

		b = w.page(200, "/manage/custody?year=2027")
		webContains(t, b, "Thời hạn cử người: 2 giờ", "1 yêu cầu chậm", "Công an phường Ngô Quyền", "người bị tạm giữ, tạm giam · 17 tuổi", "Đang chờ 3 giờ", "40 phút", "Kịp thời",
			fmt.Sprintf(`action="/manage/custody/%d/assign"`, late))
		r := w.post(fmt.Sprintf("/manage/custody/%d/assign", late), url.Values{"officer_id": {fmt.Sprint(binh)}, "version": {"1"}})
		if r.Code != 303 {
			t.Fatalf("assign: %d %s", r.Code, r.Body)
		}
		if m := h.must(200, "GET", fmt.Sprintf("/api/v1/custody-requests/%d", late), h.manager, nil); m["response_minutes"].(float64) != 180 || m["late"] != true {
			t.Fatalf("assigned: %v", m)
		}

		b = w.page(200, "/manage/cases?year=2027")
		webContains(t, b, "Sổ vụ việc năm 2027", "1/2027/TGPL", "1/2026/TGPL", "Chuyển tiếp", "Bào chữa cho người bị tạm giữ", "2 vụ việc")
		b = w.page(200, "/manage/cases?year=2027&q=b%C3%A0o+ch%E1%BB%AFa")
		if !strings.Contains(b, "1/2027/TGPL") || strings.Contains(b, "1/2026/TGPL") {
			t.Fatal("search")
		}
		b = w.page(200, "/manage/cases?year=2027&form=advice")
		if strings.Contains(b, "1/2027/TGPL") || !strings.Contains(b, "1/2026/TGPL") {
			t.Fatal("filter by form")
		}

		h.now = testNow.Add(time.Hour)
		b = w.page(200, "/manage/reports/year?year=2026")
		webContains(t, b, "Báo cáo kết quả năm 2026", "Trung tâm đã bố trí 2 ca trực tại Tòa án và trực điện thoại, trong đó 1 ca đã diễn ra, 1 ca không diễn ra",
			`href="/manage/reports/year/rows?year=2026&amp;figure=duties.requests.group.accused_minor"`, `href="/manage/reports/year.pdf?year=2026"`,
			`href="/manage/reports/year.xlsx?year=2026"`, `href="/manage/reports/year.csv?year=2026"`)
		b = w.page(200, "/manage/reports/year/rows?year=2026&figure=duties.requests.group.accused_minor")
		webContains(t, b, "Nguyễn Văn An", "Hình sự · người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi · thụ lý vụ việc")
		if strings.Contains(b, "người cao tuổi") {
			t.Fatal("a request outside the figure is listed")
		}
		b = w.page(200, "/manage/reports/year/rows?year=2027&figure=cases.new.advice")
		webContains(t, b, "0 dòng")
		b = w.page(200, "/manage/reports/year/rows?year=2026&figure=cases.new.advice")
		webContains(t, b, "1/2026/TGPL")
		webCheckHTML(t, w.get("/manage/reports/year/rows?year=2026&figure=nope"), 404)
		for _, f := range []string{"csv", "xlsx", "pdf"} {
			if r := w.get("/manage/reports/year." + f + "?year=2026"); r.Code != 200 || !strings.Contains(r.Header.Get("Content-Disposition"), "bao-cao-nam-2026."+f) {
				t.Errorf("%s: %d %v", f, r.Code, r.Header)
			}
		}
		// English.
		b = w.page(200, "/manage/reports/year?year=2026&lang=en")
		webContains(t, b, "Year report 2026", "The Center staffed 2 court and phone duties")
	})
}
