package api

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"lichtruc/notify"
	"lichtruc/roster"
)

// otCount is how many outreach sessions the API lists for 2027, cancelled
// ones included.
func (h *harness) otCount() int {
	h.t.Helper()
	return len(h.must(200, "GET", "/api/v1/outreach-sessions?from=2027-01-01&status=all", h.manager, nil)["outreach_sessions"].([]any))
}

// otChecked is the markup of a ticked box.
func otChecked(name string, id int64) string {
	return fmt.Sprintf(`name="%s" value="%d" checked`, name, id)
}

func TestPageOutreachPlan(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")
		farmers := id(h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Nông dân thành phố"}))
		h.webBook(an, "2027-01-12", "Sáng", "07:30", "11:30")
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", chau), h.manager, map[string]any{"from": "2027-01-12", "to": "2027-01-13"})
		w := h.webManager()

		b := w.page(200, "/manage/outreach")
		webContains(t, b, "Trợ giúp pháp lý lưu động năm 2027", "Chưa có đợt nào trong năm này.",
			`<a href="/manage/outreach" aria-current="page">TGPL lưu động</a>`, `href="/manage/notifications"`,
			"Lên kế hoạch đợt mới", `<details class="card plan-new" id="new">`, fmt.Sprintf(`name="partner" value="%d"`, farmers),
			"Hội Nông dân thành phố", "Nguyễn Văn An", `value="08:00"`, `value="11:30"`, `name="year" value="2027"`,
			"Năm 2027, Trung tâm chưa tổ chức đợt trợ giúp pháp lý ngoài trụ sở nào.",
			`href="/manage/reports/outreach.csv?year=2027"`, `href="/manage/reports/outreach.csv?year=2027&amp;by=partner"`,
			`href="/manage/reports/duties.csv?year=2027"`, `href="/manage/outreach?year=2026"`, `href="/manage/outreach?year=2028"`)
		webCheckHTML(t, w.get("/manage/outreach?year=abc"), http.StatusUnprocessableEntity)
		webContains(t, w.page(200, "/manage/outreach?year=2022"), "Trợ giúp pháp lý lưu động năm 2022", `name="year" value="2022"`)

		// Missing title and partner, end before start: 422, each error
		// next to its field, the form open and filled as typed.
		w.page(200, "/manage/outreach")
		r := w.post("/manage/outreach", url.Values{"venue": {"Nhà văn hóa thôn 3"}, "day": {"2027-01-20"}, "start_time": {"10:00"},
			"end_time": {"09:00"}, "officer": {itoa(int(binh))}, "year": {"2027"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "Thông tin nhập chưa hợp lệ: xem các ô được đánh dấu.",
			`aria-invalid="true" aria-describedby="err-title"`, `<p class="field-error" id="err-title">Bắt buộc nhập.</p>`,
			`<p class="field-error" id="err-end_time">Giờ kết thúc phải sau giờ bắt đầu.</p>`,
			`<p class="field-error" id="err-partners">Chọn ít nhất một đơn vị phối hợp hoặc gõ tên đơn vị mới.</p>`,
			`value="Nhà văn hóa thôn 3"`, `value="2027-01-20"`, `value="10:00"`, otChecked("officer", binh), `id="new" open>`)
		if strings.Contains(r.Body, `id="err-venue"`) {
			t.Fatal("the venue was given but is marked")
		}
		// An unreadable day is named in Vietnamese, with the other problems.
		r = w.post("/manage/outreach", url.Values{"title": {"Đợt 1"}, "venue": {"UBND xã"}, "day": {"20/01/2027"}, "start_time": {"8h"}, "end_time": {"11:00"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `id="err-day">Chọn ngày.`, `id="err-start_time">Nhập giờ dạng 08:00.`, `id="err-partners"`)
		if strings.Contains(r.Body, `id="err-end_time"`) {
			t.Fatal("a readable end time is marked")
		}

		// An is on duty at the court that morning: 409, said readably,
		// nothing saved, the form as typed.
		form := url.Values{"title": {"TGPL cho người khuyết tật"}, "venue": {"Nhà văn hóa thôn 3"}, "commune": {"xã An Lư"},
			"address": {"Thôn 3, xã An Lư, huyện Thủy Nguyên"}, "day": {"2027-01-12"}, "start_time": {"08:00"}, "end_time": {"11:00"},
			"partner": {itoa(int(farmers))}, "new_partner": {"Hội Người khuyết tật huyện Thủy Nguyên"},
			"officer": {itoa(int(binh)), itoa(int(an))}, "year": {"2027"}}
		r = w.post("/manage/outreach", form)
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "Nguyễn Văn An đã có ca trực tại TAND-HP, Thứ Ba, 12/01/2027, 07:30–11:30.",
			"already on duty", `id="err-officers"`, `value="TGPL cho người khuyết tật"`, `value="xã An Lư"`,
			`value="Hội Người khuyết tật huyện Thủy Nguyên"`, otChecked("partner", farmers), otChecked("officer", an), otChecked("officer", binh))
		// Châu is on leave: said as well.
		form["officer"] = []string{itoa(int(binh)), itoa(int(chau))}
		r = w.post("/manage/outreach", form)
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "Lê Minh Châu nghỉ phép từ ngày 12/01/2027 đến ngày 13/01/2027.")
		if n := h.otCount(); n != 0 {
			t.Fatalf("a refused plan saved %d sessions", n)
		}
		if got := h.must(200, "GET", "/api/v1/partners", h.manager, nil)["partners"].([]any); len(got) != 1 {
			t.Fatalf("a refused plan left partners behind: %v", got)
		}

		// CSRF: a forged or missing token plans nothing.
		form["officer"] = []string{itoa(int(binh))}
		for _, tok := range []string{"", "forged"} {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("csrf", tok)
			r = w.do("POST", "/manage/outreach", f)
			webCheckHTML(t, r, http.StatusForbidden)
			webContains(t, r.Body, "Biểu mẫu đã hết hạn")
		}
		if n := h.otCount(); n != 0 {
			t.Fatalf("a forged form planned %d sessions", n)
		}

		// Bình alone: planned, with the ticked partner and the new one.
		r = w.post("/manage/outreach", form)
		if r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/manage/outreach/") || !strings.HasSuffix(r.Location, "?msg=outreach_planned") {
			t.Fatalf("plan: %d %q\n%.2000s", r.Code, r.Location, r.Body)
		}
		list := h.must(200, "GET", "/api/v1/outreach-sessions", h.manager, nil)["outreach_sessions"].([]any)
		if len(list) != 1 {
			t.Fatalf("sessions: %v", list)
		}
		x := list[0].(map[string]any)
		if x["start"] != "2027-01-12T08:00:00+07:00" || x["end"] != "2027-01-12T11:00:00+07:00" || x["commune"] != "xã An Lư" ||
			fmt.Sprint(otIDs(x["officer_ids"])) != fmt.Sprint([]int64{binh}) || len(x["partners"].([]any)) != 2 ||
			x["partners"].([]any)[1].(map[string]any)["name"] != "Hội Người khuyết tật huyện Thủy Nguyên" ||
			x["partners"].([]any)[1].(map[string]any)["kind"] != "disability_association" {
			t.Fatalf("planned session: %v", x)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã lên kế hoạch đợt trợ giúp pháp lý lưu động.", "<h1>TGPL cho người khuyết tật</h1>",
			"Thứ Ba, 12/01/2027, 08:00–11:00", "Hội Nông dân thành phố; Hội Người khuyết tật huyện Thủy Nguyên", "Trần Thị Bình",
			"Sắp diễn ra", "Đợt bắt đầu vào Thứ Ba, 12/01/2027, 08:00; có thể nhập kết quả từ lúc đó.", `href="/manage/outreach?year=2027"`)
		if strings.Contains(b, "/results") {
			t.Fatal("a session that has not started offers the results form")
		}
		// The list shows it, without results; the year has none held yet.
		b = w.page(200, "/manage/outreach")
		webContains(t, b, fmt.Sprintf(`href="/manage/outreach/%d"`, id(x)), "TGPL cho người khuyết tật", "Nhà văn hóa thôn 3, xã An Lư",
			"Trần Thị Bình", "Sắp diễn ra", "Chưa nhập kết quả", "Đã lên kế hoạch 1 đợt.", "Sắp diễn ra: 1 · Đã hủy: 0 · Chưa nhập kết quả: 0")
	})
}

func TestPageOutreachDetail(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")
		x := h.otSession(201, map[string]any{"title": "TGPL tại xã An Lư", "venue": "Nhà văn hóa thôn 3", "partner": "Hội Nông dân huyện Thủy Nguyên",
			"start": "2027-01-05T08:00:00+07:00", "end": "2027-01-05T11:00:00+07:00", "officer_ids": []int64{an}})
		h.webBook(binh, "2027-01-07", "Sáng", "07:30", "11:30")
		w := h.webManager()
		path := fmt.Sprintf("/manage/outreach/%d", id(x))
		get := func() map[string]any {
			return h.must(200, "GET", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(x)), h.manager, nil)
		}

		b := w.page(200, path)
		webContains(t, b, "<h1>TGPL tại xã An Lư</h1>", "Đổi thời gian, địa điểm hoặc cán bộ", `name="version" value="1"`,
			`value="2027-01-05"`, `value="08:00"`, `value="11:00"`, otChecked("officer", an), "Hủy đợt này", `data-confirm="Hủy đợt trợ giúp pháp lý này?`,
			"Đợt bắt đầu vào Thứ Ba, 05/01/2027, 08:00")

		// Moving it to Thursday morning with Bình, who is at the court
		// then: 409, readable, the form as typed.
		move := url.Values{"title": {"TGPL tại xã An Lư"}, "venue": {"Nhà văn hóa thôn 3"}, "day": {"2027-01-07"}, "start_time": {"08:00"},
			"end_time": {"11:00"}, "officer": {itoa(int(an)), itoa(int(binh))}, "version": {"1"}}
		r := w.post(path, move)
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "Trần Thị Bình đã có ca trực tại TAND-HP, Thứ Năm, 07/01/2027, 07:30–11:30.", `value="2027-01-07"`,
			otChecked("officer", binh), `name="version" value="1"`)
		if g := get(); g["start"] != "2027-01-05T08:00:00+07:00" || g["version"] != 1.0 {
			t.Fatalf("a refused move changed the session: %v", g)
		}
		// The afternoon, with Châu instead of An: moved, duties with it.
		move.Set("start_time", "13:30")
		move.Set("end_time", "16:30")
		move["officer"] = []string{itoa(int(chau)), itoa(int(binh))}
		move.Set("venue", "Hội trường UBND xã An Lư")
		r = w.post(path, move)
		if r.Code != http.StatusSeeOther || r.Location != path+"?msg=outreach_saved" {
			t.Fatalf("move: %d %q\n%.2000s", r.Code, r.Location, r.Body)
		}
		g := get()
		if g["start"] != "2027-01-07T13:30:00+07:00" || g["end"] != "2027-01-07T16:30:00+07:00" || g["venue"] != "Hội trường UBND xã An Lư" ||
			g["version"] != 2.0 || fmt.Sprint(otIDs(g["officer_ids"])) != fmt.Sprint([]int64{chau, binh}) {
			t.Fatalf("after moving: %v", g)
		}
		webContains(t, w.page(200, r.Location), "Đã lưu thay đổi của đợt.", "Thứ Năm, 07/01/2027, 13:30–16:30", "Lê Minh Châu", `name="version" value="2"`)
		// Invalid times are shown next to the fields.
		bad := url.Values{"title": {"x"}, "venue": {"y"}, "day": {"2027-01-07"}, "start_time": {"13:30"}, "end_time": {"13:00"}, "version": {"2"}}
		r = w.post(path, bad)
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `id="err-end_time">Giờ kết thúc phải sau giờ bắt đầu.`, `value="13:00"`)
		bad.Set("start_time", "")
		r = w.post(path, bad)
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `id="err-start_time">Nhập giờ dạng 08:00.`)

		// A second manager with the page from before the move: 412, and
		// the page shows the session as it is now.
		stale := url.Values{"title": {"TGPL tại xã An Lư"}, "venue": {"Nhà văn hóa thôn 3"}, "day": {"2027-01-05"}, "start_time": {"08:00"},
			"end_time": {"11:00"}, "officer": {itoa(int(an))}, "version": {"1"}}
		r = w.post(path, stale)
		webCheckHTML(t, r, http.StatusPreconditionFailed)
		webContains(t, r.Body, "Đợt này vừa được người khác thay đổi.", `name="version" value="2"`, `value="2027-01-07"`, `value="13:30"`)
		if g := get(); g["version"] != 2.0 || g["start"] != "2027-01-07T13:30:00+07:00" {
			t.Fatalf("a stale form overwrote the session: %v", g)
		}
		// A form without its version cannot change anything either.
		stale.Del("version")
		webCheckHTML(t, w.post(path, stale), http.StatusPreconditionFailed)

		// Results before the session started: refused, said in Vietnamese.
		r = w.post(path+"/results", url.Values{"attendees": {"50"}, "version": {"2"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "Chỉ nhập được kết quả sau khi đợt đã bắt đầu.")

		// Thursday afternoon: the results form is offered.
		h.now = time.Date(2027, 1, 7, 15, 0, 0, 0, testLoc)
		b = w.page(200, path)
		webContains(t, b, fmt.Sprintf(`action="/manage/outreach/%d/results"`, id(x)), `id="c-land"`, `name="consultations.land"`,
			"Đất đai", "Hôn nhân gia đình", "Đã diễn ra")
		// Bad counts: each error next to its field, the input kept.
		r = w.post(path+"/results", url.Values{"attendees": {"nhiều"}, "requests": {"2"}, "consultations.land": {"-1"},
			"consultations.civil": {"6000"}, "notes": {"Ghi chú thử"}, "version": {"2"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `id="err-attendees">Nhập số nguyên từ 0 đến 10.000.`, `id="err-consultations.land">Nhập số nguyên từ 0 đến 5.000.`,
			`id="err-consultations.civil">Nhập số nguyên từ 0 đến 5.000.`, `value="nhiều"`, `value="-1"`, `value="6000"`, "Ghi chú thử")
		if strings.Contains(r.Body, `id="err-requests"`) {
			t.Fatal("a good count is marked")
		}
		// The store's own check (the API's): too many attendees.
		r = w.post(path+"/results", url.Values{"attendees": {"10001"}, "version": {"2"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `id="err-attendees">Nhập số nguyên từ 0 đến 10.000.`, "attendees: must be a whole number from 0 to 10000")
		if g := get(); g["attendees"] != nil {
			t.Fatalf("bad results were saved: %v", g)
		}
		// Good results.
		r = w.post(path+"/results", url.Values{"attendees": {"62"}, "requests": {"3"}, "consultations.land": {"7"}, "consultations.civil": {"5"},
			"consultations.marriage_family": {"2"}, "consultations.labour": {""}, "notes": {"Nhiều câu hỏi về đất đai"}, "version": {"2"}})
		if r.Code != http.StatusSeeOther || r.Location != path+"?msg=outreach_results" {
			t.Fatalf("results: %d %q\n%.3000s", r.Code, r.Location, r.Body)
		}
		g = get()
		if g["attendees"] != 62.0 || g["requests"] != 3.0 || g["total_consultations"] != 14.0 || g["version"] != 3.0 ||
			g["consultations"].(map[string]any)["land"] != 7.0 || g["notes"] != "Nhiều câu hỏi về đất đai" || g["results_recorded_by"] != "lan" {
			t.Fatalf("after results: %v", g)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã lưu kết quả của đợt.", "62 người tham dự · 14 vụ việc", `id="c-land" name="consultations.land" type="number" inputmode="numeric" min="0" step="1" value="7"`,
			"Nhiều câu hỏi về đất đai", "Tổng số vụ việc: <strong>14</strong>", "bởi lan")
		// Results typed over an old page: 412, the stored ones shown.
		r = w.post(path+"/results", url.Values{"attendees": {"99"}, "version": {"2"}})
		webCheckHTML(t, r, http.StatusPreconditionFailed)
		webContains(t, r.Body, "Đợt này vừa được người khác thay đổi.", `name="version" value="3"`, `value="62"`)
		if g := get(); g["attendees"] != 62.0 {
			t.Fatalf("a stale results form overwrote them: %v", g)
		}

		// The list and the year's figures, from the API's report.
		rep := h.must(200, "GET", "/api/v1/reports/outreach?year=2027", h.manager, nil)
		summary := rep["summary"].(string)
		if !strings.Contains(summary, "thu hút 62 lượt người tham dự") {
			t.Fatalf("report summary: %q", summary)
		}
		b = w.page(200, "/manage/outreach")
		webContains(t, b, "62 người tham dự · 14 vụ việc", "Đã diễn ra", `<blockquote class="summary-text" lang="vi">`+html.EscapeString(summary)+"</blockquote>",
			"<dt>Lượt người tham dự</dt><dd>62</dd>", "<dt>Vụ việc được tư vấn</dt><dd>14</dd>", "<dt>Đợt đã tổ chức</dt><dd>1</dd>",
			"<span>Đất đai</span> <strong>7</strong>", "<span>Lao động</span> <strong>0</strong>")
		webContains(t, w.page(200, "/manage/outreach?lang=en"), "62 attendees · 14 cases", "Cases by field", "<span>Land</span> <strong>7</strong>")
		w.page(200, "/manage/outreach?lang=vi")

		// The CSV links give what the API gives, byte for byte.
		for _, q := range []string{"?year=2027", "?year=2027&by=partner", "?year=2027&sep=%3B", ""} {
			web := w.get("/manage/reports/outreach.csv" + q)
			apiQ := strings.TrimPrefix(q, "?")
			api := h.do("GET", "/api/v1/reports/outreach?format=csv&"+apiQ, h.manager, nil)
			if web.Code != 200 || api.Code != 200 || web.Body != string(api.Body) || web.Header.Get("Content-Disposition") != api.Header.Get("Content-Disposition") ||
				web.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
				t.Fatalf("outreach CSV %s: %d %q\nAPI: %d %q", q, web.Code, web.Body, api.Code, api.Body)
			}
		}
		rows := otCSV(t, response{Code: 200, Header: w.get("/manage/reports/outreach.csv?year=2027").Header,
			Body: []byte(w.get("/manage/reports/outreach.csv?year=2027").Body)}, "tgpl-ngoai-tru-so-2027.csv")
		if last := rows[len(rows)-1]; last[0] != "Cả năm 2027" || last[1] != "1" || last[2] != "62" || last[3] != "14" {
			t.Fatalf("outreach CSV total: %v", last)
		}
		for _, q := range []string{"?year=2027", "?year=2027&sep=%3B"} {
			web := w.get("/manage/reports/duties.csv" + q)
			api := h.do("GET", "/api/v1/reports/duties?format=csv&"+strings.TrimPrefix(q, "?"), h.manager, nil)
			if web.Code != 200 || web.Body != string(api.Body) || !strings.Contains(web.Body, "Lê Minh Châu") ||
				web.Header.Get("Content-Disposition") != `attachment; filename="truc-tgpl-2027.csv"` {
				t.Fatalf("duties CSV %s: %d %q\nAPI: %q", q, web.Code, web.Body, api.Body)
			}
		}
		webCheckHTML(t, w.get("/manage/reports/outreach.csv?year=20x7"), http.StatusUnprocessableEntity)
		webCheckHTML(t, w.get("/manage/reports/outreach.csv?by=officer"), http.StatusUnprocessableEntity)
		webCheckHTML(t, w.get("/manage/reports/duties.csv?sep=tab"), http.StatusUnprocessableEntity)

		// CSRF on every form of the page: nothing changes.
		w.page(200, path)
		for _, p := range []string{path, path + "/results", path + "/cancel"} {
			r := w.do("POST", p, url.Values{"attendees": {"1"}, "day": {"2027-01-07"}, "start_time": {"08:00"}, "end_time": {"09:00"},
				"version": {"3"}, "csrf": {"forged"}})
			webCheckHTML(t, r, http.StatusForbidden)
		}
		if g := get(); g["version"] != 3.0 || g["status"] != "scheduled" {
			t.Fatalf("a forged form changed the session: %v", g)
		}

		// Cancel: without the right version, 412; with it, done.
		webCheckHTML(t, w.post(path+"/cancel", nil), http.StatusPreconditionFailed)
		webCheckHTML(t, w.post(path+"/cancel", url.Values{"version": {"2"}}), http.StatusPreconditionFailed)
		r = w.post(path+"/cancel", url.Values{"version": {"3"}})
		if r.Code != http.StatusSeeOther || r.Location != path+"?msg=outreach_cancelled" {
			t.Fatalf("cancel: %d %q\n%.2000s", r.Code, r.Location, r.Body)
		}
		if g := get(); g["status"] != "cancelled" || len(g["officer_ids"].([]any)) != 0 {
			t.Fatalf("after cancelling: %v", g)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã hủy đợt trợ giúp pháp lý.", "Đợt này đã bị hủy.", "62 người tham dự")
		if strings.Contains(b, `action="`+path) {
			t.Fatal("a cancelled session still offers its forms")
		}
		webContains(t, w.page(200, "/manage/outreach"), "Đã hủy", `class="is-cancelled"`)
		// A cancelled session cannot change: 409, readable.
		r = w.post(path+"/results", url.Values{"attendees": {"1"}, "version": {"4"}})
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "is cancelled")

		// No such session.
		webCheckHTML(t, w.get("/manage/outreach/9999"), http.StatusNotFound)
		webCheckHTML(t, w.get("/manage/outreach/abc"), http.StatusNotFound)
		w.page(200, path)
		webCheckHTML(t, w.post("/manage/outreach/9999/cancel", url.Values{"version": {"1"}}), http.StatusNotFound)
		webCheckHTML(t, w.post("/manage/outreach/9999", url.Values{"version": {"1"}, "day": {"2027-01-07"}, "start_time": {"08:00"}, "end_time": {"09:00"}}), http.StatusNotFound)
	})
}

// otSender is an e-mail sender for tests: Bình's mail server answers
// "try again later", Châu's refuses for good, the rest accept.
type otSender struct{}

func (otSender) Send(_ context.Context, m notify.Message) error {
	for _, to := range m.To {
		switch {
		case strings.Contains(to, "binh@"):
			return &notify.DeliveryError{Channel: "smtp", Code: 421, Err: errors.New("4.7.0 mailbox busy, try again later")}
		case strings.Contains(to, "chau@"):
			return &notify.DeliveryError{Channel: "smtp", Permanent: true, Code: 550, Err: errors.New("5.1.1 no such user")}
		}
	}
	return nil
}

// otReminders books three officers for Tuesday morning and runs the
// reminder scan on Monday at 09:00, with otSender.
func otReminders(h *harness) (an, binh, chau int64) {
	h.t.Helper()
	h.courtSite()
	mk := func(name, email string) int64 {
		return id(h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": name, "kind": "legal_aid_officer",
			"email": email, "phone": "0912 000 111", "specialties": []string{}}))
	}
	an, binh, chau = mk("Nguyễn Văn An", "an@tgpl.example"), mk("Trần Thị Bình", "binh@tgpl.example"), mk("Lê Minh Châu", "chau@tgpl.example")
	h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30")
	h.webBook(binh, "2027-01-05", "", "08:00", "10:00")
	h.webBook(chau, "2027-01-05", "", "06:00", "07:00")
	sch, err := notify.NewScheduler(h.store, notify.Senders{Email: otSender{}}, notify.SchedulerConfig{BaseURL: testBase, Loc: testLoc}, nil,
		func() time.Time { return h.now })
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := sch.RunReminderScan(context.Background()); err != nil {
		h.t.Fatal(err)
	}
	return an, binh, chau
}

func TestPageNotifications(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		otReminders(h)
		api := h.must(200, "GET", "/api/v1/notifications?kind=reminder", h.manager, nil)["notifications"].([]any)
		statuses := map[string]string{}
		for _, n := range api {
			m := n.(map[string]any)
			statuses[m["recipient"].(string)] = m["status"].(string)
		}
		if statuses["an@tgpl.example"] != "sent" || statuses["binh@tgpl.example"] != "failed" || statuses["chau@tgpl.example"] != "given_up" {
			t.Fatalf("the reminders did not go as planned: %v", statuses)
		}
		w := h.webManager()
		b := w.page(200, "/manage/notifications")
		webContains(t, b, "Nhắc lịch và thông báo", `<a href="/manage/notifications" aria-current="page">Thông báo</a>`,
			"Nhắc ca trực", "Nguyễn Văn An", "an@tgpl.example", "Đã gửi", "Trần Thị Bình", "binh@tgpl.example", "Lỗi, sẽ gửi lại",
			"4.7.0 mailbox busy, try again later", "Lê Minh Châu", "Đã dừng gửi", "5.1.1 no such user", "E-mail",
			`href="/manage/notifications?status=failed"`, `<option value="given_up">Đã dừng gửi</option>`, `<option value="unpublished">Nhắc công bố lịch</option>`,
			"/manage/assignments/")
		// Newest first, as the API lists them.
		all := h.must(200, "GET", "/api/v1/notifications", h.manager, nil)["notifications"].([]any)
		first, last := all[0].(map[string]any)["recipient"].(string), all[len(all)-1].(map[string]any)["recipient"].(string)
		if first != last && strings.Index(b, first) > strings.LastIndex(b, last) {
			t.Fatal("the page is not newest first")
		}
		// The failed one: its attempt, next attempt and error.
		b = w.page(200, "/manage/notifications?status=failed")
		webContains(t, b, "binh@tgpl.example", `<td data-label="Số lần gửi" class="num">1</td>`, "4.7.0 mailbox busy", `<option value="failed" selected>`)
		if strings.Contains(b, "an@tgpl.example") || strings.Contains(b, "chau@tgpl.example") {
			t.Fatal("status=failed shows other messages")
		}
		if !regexpMatch(`data-label="Gửi lại lúc">Thứ Hai, 04/01/2027, \d\d:\d\d`, b) {
			t.Fatalf("the failed message shows no next attempt:\n%s", b)
		}
		b = w.page(200, "/manage/notifications?status=given_up&kind=reminder")
		webContains(t, b, "chau@tgpl.example", "5.1.1 no such user")
		webContains(t, w.page(200, "/manage/notifications?kind=publish"), "Không có tin nào.")
		webCheckHTML(t, w.get("/manage/notifications?status=lost"), http.StatusUnprocessableEntity)
		webCheckHTML(t, w.get("/manage/notifications?kind=sms"), http.StatusUnprocessableEntity)
		webCheckHTML(t, w.get("/manage/notifications?limit=0"), http.StatusUnprocessableEntity)

		// Paging, one at a time: every message once, newest first.
		var seen []string
		next := "/manage/notifications?limit=1"
		for i := 0; next != "" && i < 20; i++ {
			b := w.page(200, next)
			n := strings.Count(b, `<tr class="st-row-`)
			if n != 1 {
				t.Fatalf("page %d has %d rows", i, n)
			}
			if i > 0 {
				webContains(t, b, `href="/manage/notifications?limit=1">← Mới nhất</a>`)
			}
			m := regexpFind(`href="(/manage/notifications\?[^"]*cursor=\d+[^"]*)" rel="next"`, b)
			seen = append(seen, regexpFind(`<td data-label="Người nhận" class="break">([^<]*)<`, b))
			next = html.UnescapeString(m)
		}
		if len(seen) != len(all) {
			t.Fatalf("paging showed %d messages, the outbox has %d", len(seen), len(all))
		}
		for i, n := range all {
			if want := n.(map[string]any)["recipient"].(string); seen[i] != want {
				t.Fatalf("page %d shows %q, want %q", i, seen[i], want)
			}
		}

		// English.
		b = w.page(200, "/manage/notifications?lang=en")
		webContains(t, b, "Reminders and notices", "Duty reminder", "Failed, will retry", "Given up", "Sent")
	})
}

func TestPageOutreachRoles(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		x := h.otSession(201, otBody("Đợt 1", "Hội Nông dân", "2027-01-05T08:00:00+07:00", "2027-01-05T11:00:00+07:00", an))
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		path := fmt.Sprintf("/manage/outreach/%d", id(x))
		pages := []string{"/manage/outreach", path, "/manage/notifications", "/manage/reports/outreach.csv", "/manage/reports/duties.csv"}

		// Not signed in: to the sign-in page, and back afterwards.
		anon := h.webBrowser()
		for _, p := range pages {
			if r := anon.get(p); r.Code != http.StatusSeeOther || r.Location != "/login?next="+url.QueryEscape(p) {
				t.Fatalf("anonymous %s: %d %q", p, r.Code, r.Location)
			}
		}
		// An officer: 403 on every page and form.
		w := h.webBrowser()
		w.login("an", "an-mat-khau")
		for _, p := range pages {
			r := w.get(p)
			webCheckHTML(t, r, http.StatusForbidden)
			webContains(t, r.Body, "Tài khoản của bạn không được mở trang này.")
		}
		if b := w.page(200, "/me"); strings.Contains(b, `href="/manage/outreach"`) || strings.Contains(b, `href="/manage/notifications"`) {
			t.Fatal("an officer sees the managers' links")
		}
		for _, p := range []string{"/manage/outreach", path, path + "/results", path + "/cancel"} {
			w.page(200, "/me")
			r := w.post(p, url.Values{"version": {"1"}, "attendees": {"5"}, "title": {"x"}, "venue": {"y"}, "day": {"2027-01-06"},
				"start_time": {"08:00"}, "end_time": {"09:00"}, "partner": {"1"}})
			webCheckHTML(t, r, http.StatusForbidden)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(x)), h.manager, nil); g["version"] != 1.0 || h.otCount() != 1 {
			t.Fatalf("an officer changed outreach: %v", g)
		}

		// English pages: translated throughout, the language remembered.
		m := h.webManager()
		for _, p := range []string{"/manage/outreach?lang=en", path, "/manage/notifications"} {
			webContains(t, m.page(200, p), `<html lang="en">`, `hreflang="vi"`)
		}
		webContains(t, m.page(200, "/manage/outreach"), "Outreach sessions 2027", "Plan a session", "Figures for 2027", "Summary for the annual report")
		webContains(t, m.page(200, path), "Move it, or change its venue or officers", "Cancel this session", "its results can be entered from then")
		// After a failed form, the language link leads to the session's page.
		r := m.post(path+"/results", url.Values{"version": {"1"}, "attendees": {"x"}})
		webContains(t, r.Body, fmt.Sprintf(`href="%s?lang=vi"`, path))
		if !slices.Contains([]int{http.StatusUnprocessableEntity}, r.Code) {
			t.Fatalf("results on a future session: %d", r.Code)
		}
	})
}

// regexpMatch reports whether the pattern matches s.
func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

// regexpFind returns the first group of the pattern's first match in s, or "".
func regexpFind(pattern, s string) string {
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}
