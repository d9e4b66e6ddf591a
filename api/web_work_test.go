package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The month's work in the pages: the sign-in page's first steps, the
// start page's to-do list, publishing, covering a gap in two clicks, and
// changing one's own password.

func TestPageFirstManagerHint(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		// Only the bootstrap manager, with no password: the page says how.
		b := h.webBrowser().page(200, "/login")
		webContains(t, b, "Chưa có quản lý nào có mật khẩu", "lichtruc user add --name quanly --role manager", "lichtruc user password quanly")
		webContains(t, h.webBrowser().page(200, "/login?lang=en"), "No manager has a password yet")
		h.webUser("lan", roster.RoleManager, 0, "mật-khẩu-tốt")
		if b := h.webBrowser().page(200, "/login"); strings.Contains(b, "lichtruc user add") {
			t.Fatal("the first-manager steps still show once a manager has a password")
		}
	})
}

func TestPageManageTodoAndPublish(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		webContains(t, w.page(200, "/manage"), "Bắt đầu bằng việc thêm điểm trực", `href="/manage/sites"`)
		h.courtSite()
		webContains(t, w.page(200, "/manage"), "Tiếp theo, thêm các cán bộ sẽ trực.")
		an := h.officer("Nguyễn Văn An")
		h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30")
		h.webBook(an, "2027-01-05", "Sáng", "07:30", "11:30", "backup")
		// The cap lowered below what is booked.
		h.must(200, "PATCH", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, map[string]any{"monthly_limit": 1})
		b := w.page(200, "/manage")
		// testNow is Monday 4 January 2027: February is next; its 5th working day before 1 February is 25 January.
		webContains(t, b, "Việc cần làm", "ca chưa có người trực trong 14 ngày tới tại Tòa án nhân dân thành phố Hải Phòng",
			"Lịch Tháng 2/2027 của Tòa án nhân dân thành phố Hải Phòng chưa công bố — hạn 25/01/2027",
			"Nguyễn Văn An vượt số ca tối đa tháng này (2/1)")

		// Publishing from the month grid: no contact e-mail, a warning.
		b = w.page(200, "/manage/sites/TAND-HP?month=2027-02")
		webContains(t, b, "Công bố lịch tháng", "từ ngày 01/02/2027 đến ngày 28/02/2027", "Điểm trực chưa có e-mail liên hệ",
			"/print?month=2027-02", "/print?week=2027-02-01", "/manage/sites/TAND-HP/schedule.pdf?from=2027-02-01&amp;to=2027-02-28",
			"/manage/sites/TAND-HP/schedule.xlsx?from=2027-02-01&amp;to=2027-02-28")
		r := w.post("/manage/sites/TAND-HP/publish", url.Values{"from": {"2027-02-01"}, "to": {"2027-02-28"}})
		if r.Code != http.StatusSeeOther || !strings.Contains(r.Location, "msg=published_no_email") {
			t.Fatalf("publish: %d %s", r.Code, r.Location)
		}
		webContains(t, w.page(200, r.Location), "Đã công bố lịch, nhưng không gửi e-mail")
		pubs, err := h.store.ListPublications(t.Context(), store.PublicationFilter{SiteID: 1})
		if err != nil || len(pubs) != 1 || pubs[0].From.String() != "2027-02-01" || pubs[0].Recipient != "" {
			t.Fatalf("publications %+v %v", pubs, err)
		}
		if b := w.page(200, "/manage"); strings.Contains(b, "chưa công bố") {
			t.Fatal("next month still unpublished on the start page")
		}
		h.must(200, "PUT", "/api/v1/sites/TAND-HP", h.manager, map[string]any{"code": "TAND-HP", "name": "Tòa án nhân dân thành phố Hải Phòng",
			"kind": "court", "contact_email": "toaan@hp.gov.vn", "slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		b = w.page(200, "/manage/sites/TAND-HP?month=2027-03")
		webContains(t, b, "Lịch sẽ được gửi e-mail tới toaan@hp.gov.vn.")
		r = w.post("/manage/sites/TAND-HP/publish", url.Values{"from": {"2027-03-31"}, "to": {"2027-03-01"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		r = w.post("/manage/sites/TAND-HP/publish", url.Values{"from": {"2027-03-01"}, "to": {"2027-03-31"}})
		if !strings.HasSuffix(r.Location, "msg=published") {
			t.Fatalf("publish with e-mail: %s", r.Location)
		}
		// The month's print.
		site := h.must(200, "GET", "/api/v1/sites/TAND-HP", h.manager, nil)
		webContains(t, w.page(200, h.webBoardPath(site)+"/print?month=2027-01"), "Tháng 1/2027", "31/01")
	})
}

func TestPageCoverGapInTwoClicks(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", an), h.manager, map[string]any{"from": "2027-01-05", "to": "2027-01-05"})
		h.webBook(chau, "2027-01-05", "Chiều", "13:30", "17:00")
		h.webBook(chau, "2027-01-04", "Sáng", "07:30", "11:30")
		w := h.webManager()
		// Click one: the gap's link.
		b := w.page(200, "/manage/sites/TAND-HP/duties/new?date=2027-01-05&slot=S%C3%A1ng&role=primary")
		webContains(t, b, "Giao ca Sáng (Thứ Ba, 05/01/2027) cho", fmt.Sprintf(`name="officer_id" value="%d">`, binh),
			"2 cán bộ không thể nhận ca này", "Nguyễn Văn An: Cán bộ nghỉ phép", "Lê Minh Châu: Cán bộ đã có ca khác trong ngày")
		if strings.Contains(b, fmt.Sprintf(`name="officer_id" value="%d">`, an)) {
			t.Fatal("an officer on leave is offered")
		}
		// Click two: her name.
		r := w.post("/manage/sites/TAND-HP/duties", url.Values{"date": {"2027-01-05"}, "slot": {"Sáng"}, "role": {"primary"}, "officer_id": {fmt.Sprint(binh)}})
		if r.Code != http.StatusSeeOther || !strings.Contains(r.Location, "msg=created") {
			t.Fatalf("cover: %d %s", r.Code, r.Location)
		}
	})
}

func TestPageOwnPassword(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		h.webUser("an", roster.RoleOfficer, an, "mật-khẩu-cũ-1")
		other := h.webBrowser()
		other.login("an", "mật-khẩu-cũ-1")
		w := h.webBrowser()
		w.login("an", "mật-khẩu-cũ-1")
		b := w.page(200, "/me")
		webContains(t, b, "Ba ca trực tới", `href="#leave-h"`, `href="#swap-h"`, "Đổi mật khẩu")
		r := w.post("/me/password", url.Values{"current": {"sai"}, "password": {"ngắn"}, "confirm": {"ngắn"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		if got := webFieldError(t, r.Body, "current"); !strings.Contains(got, "Mật khẩu hiện tại chưa đúng.") {
			t.Fatalf("current: %q", got)
		}
		if got := webFieldError(t, r.Body, "password"); !strings.Contains(got, "Ít nhất 8 ký tự.") {
			t.Fatalf("password: %q", got)
		}
		r = w.post("/me/password", url.Values{"current": {"mật-khẩu-cũ-1"}, "password": {"mật-khẩu-mới-2"}, "confirm": {"mật-khẩu-mới-3"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "confirm")
		r = w.post("/me/password", url.Values{"current": {"mật-khẩu-cũ-1"}, "password": {"mật-khẩu-mới-2"}, "confirm": {"mật-khẩu-mới-2"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("change: %d\n%.2000s", r.Code, r.Body)
		}
		webContains(t, w.page(200, r.Location), "Đã đổi mật khẩu.")
		if r := other.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("the other session goes on: %d", r.Code)
		}
		if r := h.webBrowser().login("an", "mật-khẩu-mới-2"); r.Code != http.StatusSeeOther {
			t.Fatalf("sign-in with the new password: %d", r.Code)
		}
	})
}

func TestPageLoggedIsNotSent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		now := h.now
		if _, err := h.store.EnqueueOutbox(ctx, now, []store.OutboxEntry{{Key: "reminder:log-only", Kind: roster.KindReminder, Event: "reminder",
			Channel: roster.ChannelLog, Recipient: "", Subject: "Nhắc ca trực", Text: "x", DueAt: now}}); err != nil {
			t.Fatal(err)
		}
		msgs, token, err := h.store.ClaimOutbox(ctx, now, time.Minute, 10)
		if err != nil || len(msgs) != 1 {
			t.Fatalf("claim %v %v", msgs, err)
		}
		if _, err := h.store.CompleteOutbox(ctx, now, token, []store.OutboxOutcome{{ID: msgs[0].ID, Status: roster.StatusSent}}); err != nil {
			t.Fatal(err)
		}
		w := h.webManager()
		b := w.page(200, "/manage/notifications")
		webContains(t, b, `<span class="chip st-logged">chỉ ghi log (chưa gửi)</span>`, "Ghi log lúc")
		if strings.Contains(b, `<span class="chip st-sent">`) || strings.Contains(b, "Đã gửi Thứ") {
			t.Fatal("a message written only to the log is shown as sent")
		}
		webContains(t, w.page(200, "/manage/notifications?lang=en"), "logged, not sent")
		w.page(200, "/manage?lang=vi")

		// Internal version numbers are not shown on a duty's page.
		h.courtSite()
		a := h.webBook(h.officer("Nguyễn Văn An"), "2027-01-05", "Sáng", "07:30", "11:30")
		if b := w.page(200, fmt.Sprintf("/manage/assignments/%d", id(a))); strings.Contains(b, "Phiên bản") {
			t.Fatal("the duty's page shows its version")
		}
	})
}
