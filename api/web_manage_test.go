package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// webManager signs in a manager and returns the browser.
func (h *harness) webManager() *webClient {
	h.t.Helper()
	h.webUser("lan", roster.RoleManager, 0, "mật-khẩu-tốt")
	w := h.webBrowser()
	if r := w.login("lan", "mật-khẩu-tốt"); r.Code != http.StatusSeeOther {
		h.t.Fatalf("manager sign-in: %d", r.Code)
	}
	return w
}

func TestPageManageHomeAndMonth(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30")
		h.webBook(binh, "2027-01-04", "Sáng", "07:30", "11:30", "backup")
		h.webBook(binh, "2027-01-05", "Chiều", "13:30", "17:00")
		h.webBook(an, "2027-01-06", "", "18:00", "20:00") // ad-hoc, no slot
		w := h.webManager()

		b := w.page(200, "/manage")
		webContains(t, b, "Quản lý lịch trực", "Tòa án nhân dân thành phố Hải Phòng", "TAND-HP", `href="/manage/sites/TAND-HP?month=2027-01"`,
			`href="/manage/sites/TAND-HP/plan"`, "/board/", `aria-current="page"`, `<nav aria-label="Điều hướng chính">`,
			// 4–15 January: 10 working days × 2 slots = 20 occurrences, 2 covered
			"18 ca chưa có người trực trong 14 ngày tới")

		b = w.page(200, "/manage/sites/TAND-HP?month=2027-01")
		webContains(t, b, "Tòa án nhân dân thành phố Hải Phòng — Tháng 1/2027",
			// January 2027: 20 working days (1 Jan is a holiday) × 2 slots
			"40 ca trực, 38 ca chưa đủ người.",
			`id="d-2027-01-01"`, "Tết Dương lịch", `id="d-2027-01-31"`,
			"Nguyễn Văn An", "Trần Thị Bình", "Dự bị", "Chưa có người trực",
			`href="/manage/sites/TAND-HP/duties/new?date=2027-01-05&amp;slot=S%c3%a1ng&amp;role=primary"`,
			"Ca ngoài khung", "18:00–20:00",
			`href="/manage/sites/TAND-HP?month=2026-12"`, `href="/manage/sites/TAND-HP?month=2027-02"`)
		if n := strings.Count(b, `<tr id="d-`); n != 31 {
			t.Fatalf("January has %d rows, want 31", n)
		}
		// A month with Tết: its days off are marked and not counted.
		b = w.page(200, "/manage/sites/TAND-HP?month=2027-02")
		webContains(t, b, "Tết Nguyên đán", "Tháng 2/2027")
		if n := strings.Count(b, `<tr id="d-`); n != 28 {
			t.Fatalf("February 2027 has %d rows, want 28", n)
		}
		r := w.get("/manage/sites/TAND-HP?month=2027-13")
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webCheckHTML(t, w.get("/manage/sites/NOPE"), http.StatusNotFound)

		// English.
		b = w.page(200, "/manage/sites/TAND-HP?month=2027-01&lang=en")
		webContains(t, b, `<html lang="en">`, "January 2027", "40 slot occurrences, 38 not fully covered.", "Uncovered")
	})
}

func TestPageReassign(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")
		a := h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30")
		h.webBook(chau, "2027-01-04", "Sáng", "07:30", "11:30", "backup")
		w := h.webManager()
		dutyPath := fmt.Sprintf("/manage/assignments/%d", id(a))

		b := w.page(200, dutyPath)
		webContains(t, b, "Phân công lại", "Nguyễn Văn An", `name="version" value="1"`, "Trần Thị Bình", "07:30–11:30",
			`<label for="officer_id">`, "Hủy ca trực")
		if strings.Contains(b, fmt.Sprintf(`<option value="%d">Nguyễn Văn An`, an)) {
			t.Fatal("the current officer is offered as the new one")
		}

		// A clash is refused with a readable message and 409.
		r := w.post(dutyPath, url.Values{"officer_id": {itoa(int(chau))}, "version": {"1"}})
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "Không thực hiện được vì trùng lịch", "already on duty")
		// Missing officer: 422.
		r = w.post(dutyPath, url.Values{"version": {"1"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)

		// Reassign: back to the month grid, at the day, with a message.
		w.page(200, dutyPath)
		r = w.post(dutyPath, url.Values{"officer_id": {itoa(int(binh))}, "version": {"1"}})
		if r.Code != http.StatusSeeOther || r.Location != "/manage/sites/TAND-HP?month=2027-01&msg=reassigned#d-2027-01-04" {
			t.Fatalf("reassign: %d %q\n%s", r.Code, r.Location, r.Body)
		}
		webContains(t, w.page(200, r.Location), "Đã phân công lại ca trực.")
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); int64(g["officer_id"].(float64)) != binh || g["version"] != float64(2) {
			t.Fatalf("after reassigning: %v", g)
		}
		// The board changes with it.
		webContains(t, h.webBrowser().page(200, h.webBoardPath(site)), "Trần Thị Bình")

		// Two managers on the same duty: the second, with the old
		// version, gets 412 and the page shows the duty as it is now.
		r = w.post(dutyPath, url.Values{"officer_id": {itoa(int(an))}, "version": {"1"}})
		webCheckHTML(t, r, http.StatusPreconditionFailed)
		webContains(t, r.Body, "Ca trực này vừa được người khác thay đổi", `name="version" value="2"`, "<strong>Trần Thị Bình</strong>")
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); int64(g["officer_id"].(float64)) != binh {
			t.Fatalf("a stale form overwrote the duty: %v", g)
		}

		// CSRF: a forged or missing token changes nothing.
		for _, tok := range []string{"", "forged"} {
			r = w.do("POST", dutyPath, url.Values{"officer_id": {itoa(int(an))}, "version": {"2"}, "csrf": {tok}})
			webCheckHTML(t, r, http.StatusForbidden)
			webContains(t, r.Body, "Biểu mẫu đã hết hạn")
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); g["version"] != float64(2) {
			t.Fatalf("a forged form changed the duty: %v", g)
		}

		// Cancel, with the version.
		w.page(200, dutyPath)
		r = w.post(dutyPath+"/cancel", url.Values{"version": {"1"}})
		webCheckHTML(t, r, http.StatusPreconditionFailed)
		r = w.post(dutyPath+"/cancel", url.Values{"version": {"2"}})
		if r.Code != http.StatusSeeOther || !strings.Contains(r.Location, "msg=cancelled") {
			t.Fatalf("cancel: %d %q", r.Code, r.Location)
		}
		webContains(t, w.page(200, dutyPath), "Ca trực này đã bị hủy.")
		webCheckHTML(t, w.get("/manage/assignments/9999"), http.StatusNotFound)
		webCheckHTML(t, w.get("/manage/assignments/abc"), http.StatusNotFound)
	})
}

func TestPageCreateDuty(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		w := h.webManager()
		b := w.page(200, "/manage/sites/TAND-HP/duties/new?date=2027-01-05&slot=Chi%E1%BB%81u&role=primary")
		webContains(t, b, "Thêm ca trực", `value="2027-01-05"`, `<option value="Chiều" selected>`, `value="primary" checked`)
		r := w.post("/manage/sites/TAND-HP/duties", url.Values{"date": {"2027-01-05"}, "slot": {"Chiều"}, "role": {"primary"}, "officer_id": {itoa(int(an))}})
		if r.Code != http.StatusSeeOther || r.Location != "/manage/sites/TAND-HP?month=2027-01&msg=created#d-2027-01-05" {
			t.Fatalf("create: %d %q\n%s", r.Code, r.Location, r.Body)
		}
		list := h.must(200, "GET", "/api/v1/assignments?site=TAND-HP&from=2027-01-05&to=2027-01-05", h.manager, nil)["assignments"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["start"] != "2027-01-05T13:30:00+07:00" || list[0].(map[string]any)["end"] != "2027-01-05T17:00:00+07:00" {
			t.Fatalf("created duty: %v", list)
		}
		// The same officer again at the same time: 409, shown on the form.
		w.page(200, "/manage/sites/TAND-HP/duties/new")
		r = w.post("/manage/sites/TAND-HP/duties", url.Values{"date": {"2027-01-05"}, "slot": {"Chiều"}, "role": {"backup"}, "officer_id": {itoa(int(an))}})
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, "trùng lịch", `value="backup" checked`)
		r = w.post("/manage/sites/TAND-HP/duties", url.Values{"date": {"05/01/2027"}, "slot": {"Tối"}, "role": {"x"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "date", "slot", "role", "officer_id")
	})
}

func TestPageLeave(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30")
		h.webBook(an, "2027-01-06", "Chiều", "13:30", "17:00")
		h.webBook(an, "2027-01-12", "Chiều", "13:30", "17:00")
		w := h.webManager()
		webContains(t, w.page(200, "/manage/leaves"), "Ghi nhận nghỉ phép", `<label for="from">`, "Nguyễn Văn An")
		r := w.post("/manage/leaves", url.Values{"officer_id": {itoa(int(an))}, "from": {"2027-01-05"}, "to": {"2027-01-07"}, "reason": {"Ốm"}})
		webCheckHTML(t, r, http.StatusOK)
		webContains(t, r.Body, "Đã ghi nhận nghỉ phép của Nguyễn Văn An từ ngày 05/01/2027 đến ngày 07/01/2027",
			"Các ca trực sau đã bị hủy và cần người thay:", "Thứ Ba, 05/01/2027", "Thứ Tư, 06/01/2027", "Tìm người thay",
			`href="/manage/sites/TAND-HP/duties/new?date=2027-01-05&amp;slot=S%c3%a1ng&amp;role=primary"`,
			"Nghỉ phép sắp tới", "Ốm")
		if strings.Contains(r.Body, "12/01/2027") {
			t.Fatal("a duty outside the leave is listed as cancelled")
		}
		// Overlapping leave: 409; bad range: 422; the form keeps the input.
		r = w.post("/manage/leaves", url.Values{"officer_id": {itoa(int(an))}, "from": {"2027-01-06"}, "to": {"2027-01-06"}})
		webCheckHTML(t, r, http.StatusConflict)
		r = w.post("/manage/leaves", url.Values{"officer_id": {itoa(int(an))}, "from": {"2027-01-09"}, "to": {"2027-01-08"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, `value="2027-01-09"`)
		r = w.post("/manage/leaves", url.Values{"officer_id": {"999"}, "from": {"2027-01-09"}, "to": {"2027-01-09"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
	})
}

func TestPageSwapsApproval(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.must(200, "PUT", "/api/v1/sites/TAND-HP", h.manager, map[string]any{"name": "Tòa án nhân dân thành phố Hải Phòng", "kind": "court",
			"require_swap_approval": true, "slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}, {"name": "Chiều", "start": "13:30", "end": "17:00"}}})
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webUser("binh", roster.RoleOfficer, binh, "binh-mat-khau")
		a := h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30")
		a2 := h.webBook(an, "2027-01-06", "Sáng", "07:30", "11:30")

		// An asks Bình on their page; Bình accepts on theirs.
		wa := h.webBrowser()
		wa.login("an", "an-mat-khau")
		b := wa.page(200, "/me")
		webContains(t, b, "Nhờ đồng nghiệp trực thay", fmt.Sprintf(`<option value="%d">Thứ Ba, 05/01/2027, 07:30–11:30 · Sáng · Tòa án nhân dân thành phố Hải Phòng</option>`, id(a)),
			fmt.Sprintf(`<option value="%d">Trần Thị Bình</option>`, binh))
		r := wa.post("/me/swaps", url.Values{"assignment_id": {itoa(int(id(a)))}, "to_officer_id": {itoa(int(binh))}, "message": {"Nhờ chị trực giúp"}})
		if r.Code != http.StatusSeeOther || r.Location != "/me?msg=swap_requested" {
			t.Fatalf("swap request: %d %q\n%s", r.Code, r.Location, r.Body)
		}
		webContains(t, wa.page(200, "/me?msg=swap_requested"), "Đã gửi đề nghị đổi ca.", "Bạn nhờ Trần Thị Bình trực thay", "Rút đề nghị")
		wb := h.webBrowser()
		wb.login("binh", "binh-mat-khau")
		b = wb.page(200, "/me")
		webContains(t, b, "Nguyễn Văn An nhờ bạn trực thay", "Nhờ chị trực giúp", "Nhận ca", "Từ chối")
		swaps := h.must(200, "GET", "/api/v1/swap-requests", h.manager, nil)["swap_requests"].([]any)
		sid := int64(swaps[0].(map[string]any)["id"].(float64))
		// An cannot accept their own request; Bình can.
		r = wa.post(fmt.Sprintf("/me/swaps/%d/accept", sid), nil)
		webCheckHTML(t, r, http.StatusForbidden)
		r = wb.post(fmt.Sprintf("/me/swaps/%d/accept", sid), nil)
		if r.Code != http.StatusSeeOther {
			t.Fatalf("accept: %d\n%s", r.Code, r.Body)
		}

		// The site needs approval: a manager approves on the swaps page.
		w := h.webManager()
		b = w.page(200, "/manage")
		webContains(t, b, "Đề nghị đổi ca chờ duyệt: 1")
		b = w.page(200, "/manage/swaps")
		webContains(t, b, "Nguyễn Văn An nhờ Trần Thị Bình", "Chờ quản lý duyệt", "Nhờ chị trực giúp", "Duyệt", "Từ chối",
			fmt.Sprintf(`action="/manage/swaps/%d/approve"`, sid))
		webCheckHTML(t, w.post(fmt.Sprintf("/manage/swaps/%d/accept", sid), nil), http.StatusNotFound)
		r = w.post(fmt.Sprintf("/manage/swaps/%d/approve", sid), nil)
		if r.Code != http.StatusSeeOther || r.Location != "/manage/swaps?msg=swap_decided" {
			t.Fatalf("approve: %d %q", r.Code, r.Location)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); int64(g["officer_id"].(float64)) != binh {
			t.Fatalf("after approval: %v", g)
		}
		webContains(t, w.page(200, "/manage/swaps?msg=swap_decided"), "Không có đề nghị nào đang mở.")
		// Approving again: 409, readable.
		r = w.post(fmt.Sprintf("/manage/swaps/%d/approve", sid), nil)
		webCheckHTML(t, r, http.StatusConflict)

		// An withdraws a second request; declining and rejecting end others.
		wa.page(200, "/me")
		wa.post("/me/swaps", url.Values{"assignment_id": {itoa(int(id(a2)))}, "to_officer_id": {itoa(int(binh))}})
		sid2 := int64(h.must(200, "GET", "/api/v1/swap-requests?open=true", h.manager, nil)["swap_requests"].([]any)[0].(map[string]any)["id"].(float64))
		wb.page(200, "/me")
		webCheckHTML(t, wb.post(fmt.Sprintf("/me/swaps/%d/cancel", sid2), nil), http.StatusForbidden)
		wa.page(200, "/me")
		if r := wa.post(fmt.Sprintf("/me/swaps/%d/cancel", sid2), nil); r.Code != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", r.Code)
		}
		webContains(t, wa.page(200, "/me"), "Đề nghị đã kết thúc", "Đã rút")
		// Someone else's duty cannot be offered.
		r = wb.post("/me/swaps", url.Values{"assignment_id": {itoa(int(id(a2)))}, "to_officer_id": {itoa(int(an))}})
		webCheckHTML(t, r, http.StatusForbidden)
	})
}

func TestPagePlan(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		ids := []int64{h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")}
		w := h.webManager()
		b := w.page(200, "/manage/sites/TAND-HP/plan")
		// Next month by default, every active officer ticked.
		webContains(t, b, "Lập lịch trực Tòa án nhân dân thành phố Hải Phòng", `value="2027-02-01"`, `value="2027-02-28"`, "Xem trước")
		// Officers are listed with their kind.
		webContains(t, b, `Nguyễn Văn An <span class="muted">(Trợ giúp viên pháp lý)</span>`)
		if strings.Count(b, "checked") != 3 || strings.Contains(b, `value="confirm"`) {
			t.Fatal("the first visit must tick every officer and offer only a preview")
		}
		form := url.Values{"from": {"2027-03-01"}, "to": {"2027-03-31"}, "action": {"preview"}}
		for _, o := range ids {
			form.Add("officer", itoa(int(o)))
		}
		r := w.post("/manage/sites/TAND-HP/plan", form)
		webCheckHTML(t, r, http.StatusOK)
		webContains(t, r.Body, "Dự kiến: thêm 46 ca, giữ 0 ca đã có, hủy 0 ca; 0 ca chưa đủ người.", `value="confirm"`,
			"Phân bổ theo cán bộ", `id="d-2027-03-31"`, "Chưa có gì được lưu")
		if n := len(h.must(200, "GET", "/api/v1/assignments?site=TAND-HP&from=2027-03-01&to=2027-03-31", h.manager, nil)["assignments"].([]any)); n != 0 {
			t.Fatalf("the preview saved %d duties", n)
		}
		form.Set("action", "confirm")
		r = w.post("/manage/sites/TAND-HP/plan", form)
		if r.Code != http.StatusSeeOther || r.Location != "/manage/sites/TAND-HP?month=2027-03&msg=planned#d-2027-03-01" {
			t.Fatalf("confirm: %d %q\n%.2000s", r.Code, r.Location, r.Body)
		}
		if n := len(h.must(200, "GET", "/api/v1/assignments?site=TAND-HP&from=2027-03-01&to=2027-03-31", h.manager, nil)["assignments"].([]any)); n != 46 {
			t.Fatalf("the plan saved %d duties, want 46 (23 working days × 2)", n)
		}
		webContains(t, w.page(200, "/manage/sites/TAND-HP?month=2027-03&msg=planned"), "Đã lưu lịch trực.", "46 ca trực, 0 ca chưa đủ người.")
		// No officer ticked, or a bad range: 422 with the reason.
		r = w.post("/manage/sites/TAND-HP/plan", url.Values{"from": {"2027-04-01"}, "to": {"2027-04-30"}, "action": {"preview"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "officer_ids")
		r = w.post("/manage/sites/TAND-HP/plan", url.Values{"from": {"2027-04-30"}, "to": {"2027-04-01"}, "officer": {itoa(int(ids[0]))}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
	})
}

func TestWebRoles(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		an := h.officer("Nguyễn Văn An")
		a := h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webUser("quay", roster.RoleReception, 0, "le-tan-2027")
		w := h.webBrowser()
		if r := w.login("an", "an-mat-khau"); r.Code != http.StatusSeeOther || r.Location != "/me" {
			t.Fatalf("officer sign-in: %d %q", r.Code, r.Location)
		}
		// An officer cannot open or post to the managers' pages.
		for _, p := range []string{"/manage", "/manage/sites/TAND-HP", "/manage/leaves", "/manage/swaps", "/manage/sites/TAND-HP/plan",
			fmt.Sprintf("/manage/assignments/%d", id(a))} {
			r := w.get(p)
			webCheckHTML(t, r, http.StatusForbidden)
			webContains(t, r.Body, "Tài khoản của bạn không được mở trang này.")
		}
		w.page(200, "/me")
		r := w.post(fmt.Sprintf("/manage/assignments/%d", id(a)), url.Values{"officer_id": {itoa(int(an))}, "version": {"1"}})
		webCheckHTML(t, r, http.StatusForbidden)
		if r := w.get("/"); r.Location != "/me" {
			t.Fatalf("officer at /: %q", r.Location)
		}
		// The officer's navigation has no managers' links.
		if b := w.page(200, "/me"); strings.Contains(b, `href="/manage"`) {
			t.Fatal("an officer sees a link to /manage")
		}
		// A reception account has no officer page and no managers' pages;
		// its board is the board link.
		wr := h.webBrowser()
		wr.login("quay", "le-tan-2027")
		webContains(t, wr.page(200, "/me"), "Tài khoản này chưa gắn với cán bộ nào")
		webCheckHTML(t, wr.get("/manage"), http.StatusForbidden)
		webCheckHTML(t, wr.post("/me/leaves", url.Values{"from": {"2027-01-05"}, "to": {"2027-01-05"}}), http.StatusForbidden)
		if r := wr.get("/me/feed-qr.png"); r.Code != http.StatusForbidden {
			t.Fatalf("reception QR: %d", r.Code)
		}
		_ = site
	})
}

func TestWebSessionRenewal(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		// Used within the week, the session is extended; left alone longer, it ends.
		for i := 0; i < 4; i++ {
			h.now = h.now.Add(5 * 24 * time.Hour)
			if r := w.get("/manage"); r.Code != 200 {
				t.Fatalf("day %d: %d", 5*(i+1), r.Code)
			}
		}
		h.now = h.now.Add(8 * 24 * time.Hour)
		if r := w.get("/manage"); r.Code != http.StatusSeeOther {
			t.Fatalf("after 8 idle days: %d", r.Code)
		}
	})
}

// TestPageEnglish opens every page in English: none may show an
// untranslated key, and each says it is English.
func TestPageEnglish(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		an := h.officer("Nguyễn Văn An")
		a := h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30")
		w := h.webManager()
		w.page(200, "/manage?lang=en") // remembered from here on
		board := h.webBoardPath(site)
		for _, p := range []string{"/login", "/manage", "/manage/sites/TAND-HP", "/manage/sites/TAND-HP/plan", "/manage/leaves",
			"/manage/swaps", fmt.Sprintf("/manage/assignments/%d", id(a)), "/manage/sites/TAND-HP/duties/new", "/me", board, board + "/print"} {
			r := w.get(p)
			if p == "/login" {
				if r.Code != http.StatusSeeOther {
					t.Fatalf("signed-in /login: %d", r.Code)
				}
				webContains(t, h.webBrowser().page(200, "/login?lang=en"), "Sign in", `<html lang="en">`)
				continue
			}
			webCheckHTML(t, r, http.StatusOK)
			webContains(t, r.Body, `<html lang="en">`, `hreflang="vi"`)
		}
		// After a form, the language link leads to a page, not to the form's action.
		r := w.post("/manage/sites/TAND-HP/duties", url.Values{"date": {"x"}})
		webContains(t, r.Body, `href="/manage/sites/TAND-HP?lang=vi"`)
	})
}
