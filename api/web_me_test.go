package api

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lichtruc/roster"
)

func TestPageMe(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		h.webUser("an", roster.RoleOfficer, an, "an-mat-khau")
		h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30") // on now
		h.webBook(an, "2027-01-05", "Chiều", "13:30", "17:00", "backup")
		h.webBook(binh, "2027-01-06", "Sáng", "07:30", "11:30")
		h.webBook(an, "2027-04-05", "Sáng", "07:30", "11:30") // beyond 60 days
		off := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)
		feed := off["feed_url"].(string)

		w := h.webBrowser()
		w.login("an", "an-mat-khau")
		b := w.page(200, "/me")
		webContains(t, b, "Lịch trực của tôi", "Xin chào, Nguyễn Văn An",
			// coming duties, backups included
			"Thứ Hai, 04/01/2027", "Thứ Ba, 05/01/2027", "Dự bị", "Trực chính",
			// subscribe: webcal, Google "add by URL", the feed URL and its QR code
			`href="`+webcal(feed)+`"`, `href="https://calendar.google.com/calendar/r?cid=`+url.QueryEscape(webcal(feed))+`"`,
			`value="`+feed+`"`, `<img src="/me/feed-qr.png"`, `alt="Mã QR địa chỉ lịch`,
			"Google Calendar bỏ qua lời nhắc trong lịch đăng ký, còn iPhone mặc định xoá lời nhắc",
			// forms with labels
			`<label for="assignment_id">`, `<label for="to_officer_id">`, `<label for="from">`, `<legend>Nhận nhắc lịch qua</legend>`,
			`name="channels" value="email" checked`, `name="language" value="vi" checked`)
		if strings.Contains(b, "05/04/2027") {
			t.Fatal("a duty 3 months ahead is listed")
		}
		if strings.Contains(b, fmt.Sprintf(`<option value="%d">04/01/2027`, 1)) {
			t.Fatal("a duty that has started is offered for a swap")
		}

		// The QR code is a PNG of the feed URL, for the signed-in officer only.
		r := w.get("/me/feed-qr.png")
		if r.Code != 200 || r.Header.Get("Content-Type") != "image/png" || !strings.Contains(r.Header.Get("Cache-Control"), "no-store") {
			t.Fatalf("QR: %d %v", r.Code, r.Header)
		}
		if img, err := png.Decode(bytes.NewReader([]byte(r.Body))); err != nil || img.Bounds().Dx() < 200 {
			t.Fatalf("QR is not a PNG of a useful size: %v", err)
		}
		if r := h.webBrowser().get("/me/feed-qr.png"); r.Code != http.StatusSeeOther {
			t.Fatalf("anonymous QR: %d", r.Code)
		}

		// Reminder preferences, with the version.
		r = w.post("/me/preferences", url.Values{"language": {"en"}, "channels": {"email", "webhook"}, "version": {itoa(int(off["version"].(float64)))}})
		if r.Code != http.StatusSeeOther || r.Location != "/me?msg=prefs_saved" {
			t.Fatalf("preferences: %d %q\n%s", r.Code, r.Location, r.Body)
		}
		got := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)
		if got["language"] != "en" || fmt.Sprint(got["channels"]) != "[email webhook]" {
			t.Fatalf("after saving preferences: %v", got)
		}
		webContains(t, w.page(200, "/me?msg=prefs_saved"), "Đã lưu lựa chọn nhắc lịch.", `name="language" value="en" lang="en" checked`)
		// A stale form (the officer changed meanwhile) is 412, not a silent overwrite.
		r = w.post("/me/preferences", url.Values{"language": {"vi"}, "version": {itoa(int(off["version"].(float64)))}})
		webCheckHTML(t, r, http.StatusPreconditionFailed)
		r = w.post("/me/preferences", url.Values{"language": {"fr"}, "channels": {"pigeon"}, "version": {"2"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "language", "channels")

		// Forged forms are refused.
		r = w.do("POST", "/me/leaves", url.Values{"from": {"2027-01-05"}, "to": {"2027-01-05"}, "csrf": {"forged"}})
		webCheckHTML(t, r, http.StatusForbidden)

		// Leave: my duties in it are cancelled and listed.
		w.page(200, "/me")
		r = w.post("/me/leaves", url.Values{"from": {"2027-01-05"}, "to": {"2027-01-08"}, "reason": {"Nghỉ phép năm"}})
		webCheckHTML(t, r, http.StatusOK)
		webContains(t, r.Body, "Đã ghi nhận nghỉ phép của Nguyễn Văn An từ ngày 05/01/2027 đến ngày 08/01/2027",
			"Các ca trực sau đã bị hủy và cần người thay:", "Thứ Ba, 05/01/2027", "Nghỉ phép đã báo", "Nghỉ phép năm")
		r = w.post("/me/leaves", url.Values{"from": {"2027-01-06"}, "to": {"2027-01-06"}})
		webCheckHTML(t, r, http.StatusConflict)
		webContains(t, r.Body, `value="2027-01-06"`)

		// English page.
		b = w.page(200, "/me?lang=en")
		webContains(t, b, `<html lang="en">`, "My duties", "Google Calendar ignores the reminders", "Subscribe on iPhone")
	})
}
