package api

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestBoardPage(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		board := h.webBoardPath(site)
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Lê Minh Châu")
		h.must(200, "PATCH", "/api/v1/officers/"+itoa(int(chau)), h.manager, map[string]any{"phone": "0913 222 333"})
		h.webBook(an, "2027-01-04", "Sáng", "07:30", "11:30")
		h.webBook(binh, "2027-01-04", "Sáng", "07:30", "11:30", "backup")
		h.webBook(chau, "2027-01-04", "Chiều", "13:30", "17:00")
		h.webBook(an, "2027-01-07", "Chiều", "13:30", "17:00")
		// A day off in the week ahead, entered by a manager.
		h.must(200, "PUT", "/api/v1/holidays/2027-01-08", h.manager, map[string]any{"name": "Nghỉ bù thử nghiệm", "kind": "holiday"})

		w := h.webBrowser() // no sign-in: the secret is the credential
		r := w.get(board)
		webCheckHTML(t, r, http.StatusOK)
		b := r.Body
		webContains(t, b, `<html lang="vi">`, "Tòa án nhân dân thành phố Hải Phòng", "Đang trực",
			// who is on duty now, primary first, with a big tel: link
			"Nguyễn Văn An", `class="phone-big" href="tel:0912000111"`, "Trực chính", "Dự bị", "Trần Thị Bình", "đến 11:30",
			// who is next
			"Ca trực tiếp theo", "Thứ Hai, 04/01/2027, 13:30", "Lê Minh Châu", `href="tel:0913222333"`,
			// the site's reception phone
			"Điện thoại tiếp nhận", `href="tel:02253745123"`, "0225 3745 123",
			// the week ahead: 7 days × slots, with the holiday and the gaps
			"Lịch trực 7 ngày tới", "T2</span> <span class=\"dm\">04/01", "CN</span> <span class=\"dm\">10/01", "Nghỉ bù thử nghiệm",
			"Chưa phân công", "Ngày nghỉ lễ trong tuần",
			// refreshes itself, with and without JS
			`<noscript><meta http-equiv="refresh" content="60"></noscript>`, `data-refresh="60"`, "/static/board.js?v=",
			// landmarks and a print link
			`<main id="main"`, `<h1>`, `aria-labelledby="now-h"`, board+"/print")
		if strings.Index(b, "Nguyễn Văn An") > strings.Index(b, "Trần Thị Bình") {
			t.Fatal("the primary must come before the backup")
		}
		if got := strings.Count(b, "<th scope=\"col\" class="); got != 7 {
			t.Fatalf("the week grid has %d day columns, want 7", got)
		}
		if r.Header.Get("Referrer-Policy") != "no-referrer" || r.Header.Get("Cache-Control") != "no-store" ||
			!strings.Contains(r.Header.Get("X-Robots-Tag"), "noindex") {
			t.Fatalf("board headers: %v", r.Header)
		}
		// The API's board_url is what the page answers (the contract).
		if !strings.HasPrefix(site["board_url"].(string), testBase+"/board/") {
			t.Fatalf("board_url %v", site["board_url"])
		}

		// At lunch nobody is on duty: the board says so and shows the
		// reception phone, large.
		h.now = time.Date(2027, 1, 4, 12, 0, 0, 0, testLoc)
		b = w.page(200, board)
		webContains(t, b, "Hiện không có cán bộ trực.", `class="phone-big phone-reception" href="tel:02253745123"`, "Lê Minh Châu")
		// In the afternoon Châu is on duty; the board changes.
		h.now = time.Date(2027, 1, 4, 14, 0, 0, 0, testLoc)
		b = w.page(200, board)
		if i, j := strings.Index(b, "Lê Minh Châu"), strings.Index(b, "Ca trực tiếp theo"); i < 0 || i > j {
			t.Fatal("at 14:00 Châu must be on duty, before the next-duty box")
		}

		// English, remembered in a cookie.
		b = w.page(200, board+"?lang=en")
		webContains(t, b, `<html lang="en">`, "On duty now", "The week ahead", "Mon</span>")
		b = w.page(200, board)
		webContains(t, b, `<html lang="en">`, "On duty now")
		b = w.page(200, board+"?lang=vi")
		webContains(t, b, `<html lang="vi">`)

		// A wrong, rotated or malformed secret is a 404 page.
		for _, bad := range []string{"/board/nope", "/board/1-" + strings.Repeat("A", 22), board + "x", "/board/99999-x"} {
			r := w.get(bad)
			webCheckHTML(t, r, http.StatusNotFound)
			webContains(t, r.Body, "Không tìm thấy bảng lịch trực này")
		}
		rot := h.must(200, "POST", "/api/v1/sites/TAND-HP/secrets", h.manager, map[string]any{"board": true})
		if r := w.get(board); r.Code != http.StatusNotFound {
			t.Fatalf("old board secret after rotation: %d", r.Code)
		}
		w.page(200, h.webBoardPath(rot))
	})
}

func TestBoardPrint(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		site := h.courtSite()
		board := h.webBoardPath(site)
		an := h.officer("Nguyễn Văn An")
		h.webBook(an, "2027-01-12", "Sáng", "07:30", "11:30")
		w := h.webBrowser()
		// Any day picks its Monday-to-Sunday week.
		r := w.get(board + "/print?week=2027-01-13")
		webCheckHTML(t, r, http.StatusOK)
		webContains(t, r.Body, "LỊCH TRỰC TRỢ GIÚP PHÁP LÝ TẠI TÒA ÁN NHÂN DÂN", // the title fits the site's kind (issue 13)
			"SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG", "TRUNG TÂM TRỢ GIÚP PHÁP LÝ NHÀ NƯỚC",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"Hải Phòng, ngày 04 tháng 01 năm 2027", "Tuần từ ngày 11/01/2027 đến ngày 17/01/2027",
			"Thứ Ba<br>12/01/2027", "Nguyễn Văn An", "ĐT: 0912 000 111", "Chưa phân công", "Không trực", "Chủ nhật<br>17/01/2027",
			"GIÁM ĐỐC", "Nơi nhận", "/static/print.js?v=", `id="print-button"`,
			board+"/print?week=2027-01-04", board+"/print?week=2027-01-18")
		// The week's print CSS is in the stylesheet.
		css := w.get("/static/site.css")
		if css.Code != 200 || !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") ||
			!strings.Contains(css.Body, "@media print") || !strings.Contains(css.Body, "size: A4") {
			t.Fatalf("site.css: %d %s", css.Code, css.Header.Get("Content-Type"))
		}
		// Without ?week, this week; a bad week is a readable 422 page.
		webContains(t, w.page(200, board+"/print"), "Tuần từ ngày 04/01/2027 đến ngày 10/01/2027")
		r = w.get(board + "/print?week=13-01-2027")
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "Thông tin nhập chưa hợp lệ")
		webCheckHTML(t, w.get("/board/nope/print"), http.StatusNotFound)
		// A phone line's week is titled as phone duty, and its document
		// stays Vietnamese on an English page (issue 13).
		phone := h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
			"slots": []map[string]any{{"name": "Đêm", "start": "19:00", "end": "07:00", "officers": 1, "days": "daily"}}})
		r = w.get(h.webBoardPath(phone) + "/print?week=2027-01-13&lang=en")
		webCheckHTML(t, r, http.StatusOK)
		webContains(t, r.Body, "DANH SÁCH TRỰC ĐIỆN THOẠI TRỢ GIÚP PHÁP LÝ", "Thứ Ba<br>12/01/2027")
		if strings.Contains(r.Body, "TẠI TÒA ÁN") || strings.Contains(r.Body, "Tuesday") {
			t.Error("the phone line's print says court duty, or English weekdays")
		}
		if r := w.get("/static/nope.css"); r.Code != 404 {
			t.Fatalf("missing static file: %d", r.Code)
		}
	})
}
