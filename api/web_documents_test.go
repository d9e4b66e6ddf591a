package api

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// upload posts a multipart form with the file and the page's CSRF token.
func (w *webClient) upload(path, name string, data []byte) webResp {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", w.csrf())
	f, _ := mw.CreateFormFile("file", name)
	f.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", testBase+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	u, _ := url.Parse(testBase + path)
	for _, ck := range w.jar.Cookies(u) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	w.h.srv.ServeHTTP(rec, req)
	r := webResp{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		w.last = r
	}
	return r
}

var hrefRE = regexp.MustCompile(`href="(/manage/sites/TRUC-DT/schedule\.(pdf|xlsx)\?[^"]+)"`)

// The month page links to the schedule documents of its week and month;
// the links answer the documents.
func TestPageMonthScheduleLinks(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		phoneLine(t, h)
		w := h.webManager()
		b := w.page(200, "/manage/sites/TRUC-DT?month=2027-01")
		webContains(t, b, "Văn bản lịch trực", "Tuần từ ngày 04/01/2027 đến ngày 10/01/2027",
			`href="/manage/sites/TRUC-DT/schedule.pdf?from=2027-01-04&amp;to=2027-01-10"`,
			`href="/manage/sites/TRUC-DT/schedule.xlsx?from=2027-01-01&amp;to=2027-01-31"`, `action="/manage/sites/TRUC-DT/schedule.pdf"`)
		links := hrefRE.FindAllStringSubmatch(b, -1)
		if len(links) != 4 {
			t.Fatalf("%d document links", len(links))
		}
		for _, l := range links {
			r := w.get(strings.ReplaceAll(l[1], "&amp;", "&"))
			want := map[string]string{"pdf": mediaPDF, "xlsx": mediaXLSX}[l[2]]
			if r.Code != 200 || r.Header.Get("Content-Type") != want {
				t.Fatalf("%s: %d %s", l[1], r.Code, r.Header.Get("Content-Type"))
			}
			if l[2] == "pdf" && !strings.Contains(pdfText(t, []byte(r.Body), 1), "DANH SÁCH TRỰC ĐIỆN THOẠI") {
				t.Errorf("%s: not the schedule", l[1])
			}
		}
		// The English page links to the same Vietnamese document.
		webContains(t, w.page(200, "/manage/sites/TRUC-DT?month=2027-01&lang=en"), "Schedule documents", "Week from 04/01/2027 to 10/01/2027")
		// More than three months is refused on the page too.
		if r := w.get("/manage/sites/TRUC-DT/schedule.pdf?from=2027-01-01&to=2027-06-01"); r.Code != 422 {
			t.Errorf("six months: %d", r.Code)
		}
	})
}

func TestPageAllowance(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		phoneLine(t, h)
		w := h.webManager()
		b := w.page(200, "/manage/allowance?month=2027-01")
		webContains(t, b, "Bồi dưỡng trực Tháng 1/2027", lineNames[0], lineNames[7], "Tổng cộng", "Trực chính", "Dự bị",
			`href="/manage/allowance.xlsx?month=2027-01"`, `href="/manage/allowance?month=2027-02"`)
		// 124 duties of 12 hours: 1488 hours in all.
		webContains(t, b, "<td>124</td>", "<td>1488</td>")
		webContains(t, w.page(200, "/manage/allowance?month=2027-01&lang=en"), "Duty allowance, January 2027", "Total")
		if r := w.get("/manage/allowance.xlsx?month=2027-01"); r.Code != 200 || r.Header.Get("Content-Type") != mediaXLSX {
			t.Fatalf("xlsx %d", r.Code)
		}
		if r := w.get("/manage/allowance.csv?month=2027-01"); r.Code != 200 || !strings.Contains(r.Body, lineNames[3]) {
			t.Fatalf("csv %d", r.Code)
		}
		webContains(t, w.page(200, "/manage/allowance?month=2027-03&lang=vi"), "Không có ca trực nào trong tháng.")
		if r := w.get("/manage/allowance?month=march"); r.Code != 422 {
			t.Errorf("bad month: %d", r.Code)
		}
	})
}

func TestPageSettings(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		phoneLine(t, h)
		w := h.webManager()
		b := w.page(200, "/manage/settings")
		webContains(t, b, "Cài đặt văn bản của Trung tâm", "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", `name="version" value="1"`)
		form := url.Values{"version": {"1"}, "authority": {"SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG"}, "issuer": {"TRUNG TÂM TRỢ GIÚP PHÁP LÝ\r\nNHÀ NƯỚC"},
			"place": {"Hải Phòng"}, "number_suffix": {"LT-TTTGPL"}, "signer_title": {"GIÁM ĐỐC"}, "signer_name": {"Vũ Thị Thanh Hằng"},
			"recipients": {"Tòa án nhân dân khu vực 1;\r\n\r\nLưu: VT."}}
		if r := w.post("/manage/settings", form); r.Code != 303 {
			t.Fatalf("save: %d %.500s", r.Code, r.Body)
		}
		webContains(t, w.page(200, "/manage/settings?msg=settings_saved"), "Đã lưu cài đặt.", "Vũ Thị Thanh Hằng", `name="version" value="2"`)
		text := pdfText(t, []byte(w.get("/manage/sites/TRUC-DT/schedule.pdf?from=2027-01-04&to=2027-01-10").Body), 0)
		if !strings.Contains(text, "Vũ Thị Thanh Hằng") || !strings.Contains(text, "Tòa án nhân dân khu vực 1;") || strings.Contains(text, "PHÓ GIÁM ĐỐC") {
			t.Errorf("the PDF does not follow the settings:\n%s", text)
		}
		// A stale version, and an invalid field, are shown on the page.
		form.Set("signer_name", "Người khác")
		r := w.post("/manage/settings", form)
		webCheckHTML(t, webResp{Code: r.Code, Header: r.Header, Body: r.Body}, 412)
		form.Set("version", "2")
		form.Set("number_suffix", "LT TTTGPL")
		r = w.post("/manage/settings", form)
		webCheckHTML(t, webResp{Code: r.Code, Header: r.Header, Body: r.Body}, 422)
		webContains(t, r.Body, "Sai định dạng.")
	})
}

func TestPageImport(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		w := h.webManager()
		webContains(t, w.page(200, "/manage/imports"), "Nhập dữ liệu từ Excel hoặc CSV", `action="/manage/imports/officers"`,
			`href="/manage/imports/outreach-sessions/template.xlsx"`, `enctype="multipart/form-data"`)
		if r := w.get("/manage/imports/officers/template.xlsx"); r.Code != 200 || r.Header.Get("Content-Type") != mediaXLSX {
			t.Fatalf("template %d", r.Code)
		}
		before := h.officerCount()
		bad := officersCSV(5, map[int]func([]string){4: func(r []string) { r[3] = "số điện thoại" }})
		r := w.upload("/manage/imports/officers", "can-bo.csv", bad)
		webCheckHTML(t, webResp{Code: r.Code, Header: r.Header, Body: r.Body}, 422)
		webContains(t, r.Body, "1 ô có lỗi; chưa nhập gì.", "<td>4</td><td>Số điện thoại</td><td>D4</td>", "Sai định dạng.")
		if strings.Contains(r.Body, "Xác nhận nhập") || h.officerCount() != before {
			t.Fatal("a bad file can be confirmed, or wrote officers")
		}
		w.page(200, "/manage/imports")
		r = w.upload("/manage/imports/officers", "can-bo.csv", officersCSV(5, nil))
		webCheckHTML(t, webResp{Code: r.Code, Header: r.Header, Body: r.Body}, 200)
		webContains(t, r.Body, "5 dòng mới, 0 dòng cập nhật, 0 dòng không đổi.", "Xác nhận nhập", "Nguyễn Thị Ánh 004", "Thêm mới")
		if h.officerCount() != before {
			t.Fatal("the preview wrote officers")
		}
		data := regexp.MustCompile(`name="data" value="([^"]+)"`).FindStringSubmatch(r.Body)
		if data == nil {
			t.Fatal("no file to confirm")
		}
		file := html.UnescapeString(data[1]) // as a browser sends the field
		c := w.post("/manage/imports/officers/confirm", url.Values{"data": {file}, "name": {"can-bo.csv"}})
		webCheckHTML(t, webResp{Code: c.Code, Header: c.Header, Body: c.Body}, 200)
		webContains(t, c.Body, "Đã nhập xong: 5 dòng mới")
		if h.officerCount() != before+5 {
			t.Fatalf("%d officers imported", h.officerCount()-before)
		}
		// Without the session's token, nothing.
		if r := w.do("POST", "/manage/imports/officers/confirm", url.Values{"data": {file}}); r.Code != 403 {
			t.Errorf("no CSRF token: %d", r.Code)
		}
	})
}
