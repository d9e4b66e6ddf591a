package api

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// webFieldError returns the error shown under input name, failing when
// there is none.
func webFieldError(t *testing.T, body, name string) string {
	t.Helper()
	re := regexp.MustCompile(`<p class="field-error" id="err-` + regexp.QuoteMeta(name) + `">([^<]*)</p>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no error under %q:\n%.3000s", name, body)
	}
	if !strings.Contains(body, `aria-describedby="err-`+name+`"`) {
		t.Fatalf("input %q does not point at its error", name)
	}
	return m[1]
}

func TestPageSetupOfficers(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		b := w.page(200, "/manage/officers")
		webContains(t, b, "Chưa có cán bộ nào", `action="/manage/officers"`, `aria-current="page"`)

		// Every wrong field is named next to its input, in the page's language.
		r := w.post("/manage/officers", url.Values{"full_name": {""}, "kind": {"judge"}, "email": {"not-mail"},
			"phone": {"abc"}, "monthly_limit": {"99"}, "specialty": {"astrology"}, "channel": {"pigeon"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		for name, want := range map[string]string{"full_name": "Bắt buộc nhập.", "kind": "Không phải một giá trị được phép.",
			"email": "Sai định dạng.", "phone": "Sai định dạng.", "monthly_limit": "Từ 0 đến 62",
			"specialties": "Không phải một giá trị được phép.", "channels": "Không phải một giá trị được phép."} {
			if got := webFieldError(t, r.Body, name); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
		}
		webContains(t, r.Body, `value="not-mail"`) // what was typed stays
		r = w.post("/manage/officers?lang=en", url.Values{"full_name": {"X"}, "kind": {"staff"}, "monthly_limit": {"lots"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		if got := webFieldError(t, r.Body, "monthly_limit"); !strings.Contains(got, "Wrong format.") {
			t.Errorf("monthly_limit in English: %q", got)
		}
		w.page(200, "/manage/officers?lang=vi")

		r = w.post("/manage/officers", url.Values{"full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"}, "email": {"an@tgpl.vn"},
			"phone": {"0912 345 678"}, "monthly_limit": {"8"}, "specialty": {"criminal", "land"}, "channel": {"email", "log"}, "language": {"vi"}})
		if r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/manage/officers/") {
			t.Fatalf("create: %d %s\n%.2000s", r.Code, r.Location, r.Body)
		}
		os, err := h.store.ListOfficers(t.Context(), store.OfficerFilter{})
		if err != nil || len(os) != 1 {
			t.Fatalf("officers %v %v", os, err)
		}
		o := os[0]
		if o.FullName != "Nguyễn Văn An" || o.Kind != roster.KindLawyer || o.MonthlyLimit != 8 || strings.Join(o.Specialties, ",") != "criminal,land" ||
			strings.Join(o.Channels, ",") != "email,log" || !o.Active {
			t.Fatalf("stored %+v", o)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã lưu thông tin cán bộ.", "Luật sư ký hợp đồng", "tối đa 8 ca/tháng", `value="0912 345 678"`)

		// Searching ignores case and accents.
		webContains(t, w.page(200, "/manage/officers?q=nguyen"), "Nguyễn Văn An")
		webContains(t, w.page(200, "/manage/officers?q=binh"), "Không có kết quả phù hợp.")

		// An edit with an error keeps the officer's page.
		path := fmt.Sprintf("/manage/officers/%d", o.ID)
		r = w.post(path, url.Values{"version": {fmt.Sprint(o.Version)}, "full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"}, "email": {"@"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "email")
		webContains(t, r.Body, "Ca trực sắp tới")
		r = w.post(path, url.Values{"version": {fmt.Sprint(o.Version)}, "full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"}, "site": {"999"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		if got := webFieldError(t, r.Body, "sites"); !strings.Contains(got, "Không tìm thấy.") {
			t.Fatalf("sites: %q", got)
		}
		// Limited to one of two sites: booking at the other is refused.
		h.courtSite()
		kv1 := h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TAND-KV1", "name": "Tòa án khu vực 1", "kind": "court",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}}})
		webContains(t, w.page(200, path), "Điểm trực được phân công", "Tòa án khu vực 1")
		r = w.post(path, url.Values{"version": {fmt.Sprint(o.Version)}, "full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"}, "monthly_limit": {"0"},
			"site": {fmt.Sprint(id(kv1))}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d\n%.2000s", r.Code, r.Body)
		}
		if got, _ := h.store.Officer(t.Context(), o.ID); len(got.Sites) != 1 || got.Sites[0] != id(kv1) {
			t.Fatalf("sites %v", got.Sites)
		}
		webContains(t, w.page(200, path), fmt.Sprintf(`name="site" value="%d" checked`, id(kv1)))
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": o.ID,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"}), http.StatusUnprocessableEntity, "officer_id", "not_eligible")
		o, _ = h.store.Officer(t.Context(), o.ID)

		// Weekly unavailability and preferred sites, with errors by row.
		r = w.post(path, url.Values{"version": {fmt.Sprint(o.Version)}, "full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"},
			"site": {fmt.Sprint(id(kv1))}, "unavailable": {"3"}, "unav_days_1": {"tuesday"}, "unav_start_1": {"08:00"},
			"unav_days_2": {"funday"}, "unav_start_2": {"25:00"}, "unav_end_2": {"10:00"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "unav_end_0")   // start without end, now in row 0
		webFieldError(t, r.Body, "unav_days_1")  // no such weekday
		webFieldError(t, r.Body, "unav_start_1") // no such time
		r = w.post(path, url.Values{"version": {fmt.Sprint(o.Version)}, "full_name": {"Nguyễn Văn An"}, "kind": {"lawyer"},
			"site": {fmt.Sprint(id(kv1))}, "unavailable": {"1"}, "unav_days_0": {"tuesday", "thursday"}, "unav_start_0": {"08:00"},
			"unav_end_0": {"12:00"}, "preferred": {"TAND-KV1"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("unavailability: %d\n%.2000s", r.Code, r.Body)
		}
		o, _ = h.store.Officer(t.Context(), o.ID)
		if len(o.Unavailability) != 1 || len(o.Unavailability[0].Weekdays) != 2 || !o.Unavailability[0].HasTimes ||
			strings.Join(o.PreferredSites, ",") != "TAND-KV1" || len(o.Sites) != 1 {
			t.Fatalf("stored %+v %v %v", o.Unavailability, o.PreferredSites, o.Sites)
		}
		webContains(t, w.page(200, path), `name="unav_days_0" value="tuesday" checked`, `value="08:00"`, `name="preferred" value="TAND-KV1" checked`)

		// Deactivating ends the officer's access: sessions and API token.
		token := h.user("an", roster.RoleOfficer, o.ID)
		h.webUserPassword(t, "an", "mật-khẩu-của-an")
		officer := h.webBrowser()
		if r := officer.login("an", "mật-khẩu-của-an"); r.Code != http.StatusSeeOther {
			t.Fatalf("officer sign-in %d", r.Code)
		}
		officer.page(200, "/me")
		o, _ = h.store.Officer(t.Context(), o.ID)
		w.page(200, path)
		r = w.post(path+"/active", url.Values{"version": {fmt.Sprint(o.Version)}, "active": {"0"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("deactivate: %d\n%.2000s", r.Code, r.Body)
		}
		webContains(t, w.page(200, r.Location), "Ngừng hoạt động", "Cho hoạt động trở lại")
		if r := officer.get("/me"); r.Code != http.StatusSeeOther {
			t.Fatalf("a deactivated officer's session still works: %d", r.Code)
		}
		if r := h.do("GET", "/api/v1/me", token, nil); r.Code != http.StatusUnauthorized {
			t.Fatalf("a deactivated officer's token still works: %d", r.Code)
		}
		if r := h.webBrowser().login("an", "mật-khẩu-của-an"); r.Code == http.StatusSeeOther {
			t.Fatal("a deactivated officer can still sign in")
		}
	})
}

// webUserPassword sets a user's password through the API.
func (h *harness) webUserPassword(t *testing.T, name, password string) {
	t.Helper()
	u, _, err := h.store.UserByName(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/password", u.ID), h.manager, map[string]any{"password": password})
}

func TestPageSetupSites(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		webContains(t, w.page(200, "/manage/sites"), "Chưa có điểm trực nào", `name="slot_name_0"`, `name="slot_name_1"`)

		// Row 1 is left empty and dropped; errors of row 2 land on row 2.
		bad := url.Values{"code": {"bad code!"}, "name": {""}, "kind": {"court"}, "contact_email": {"nope"}, "slots": {"3"},
			"slot_name_0": {"Sáng"}, "slot_start_0": {"07:30"}, "slot_end_0": {"11:30"}, "slot_officers_0": {"1"},
			"slot_name_2": {"Sáng"}, "slot_start_2": {"25:00"}, "slot_end_2": {"17:00"}, "slot_officers_2": {"0"}, "slot_backups_2": {"x"}}
		r := w.post("/manage/sites", bad)
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		for name, want := range map[string]string{"code": "Sai định dạng.", "name": "Bắt buộc nhập.", "contact_email": "Sai định dạng.",
			"slot_name_1": "Giá trị này đã được dùng.", "slot_start_1": "Sai định dạng.", "slot_officers_1": "ngoài khoảng",
			"slot_backups_1": "Sai định dạng."} {
			if got := webFieldError(t, r.Body, name); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
		}
		webContains(t, r.Body, `value="25:00"`)

		good := url.Values{"code": {"TAND-HP"}, "name": {"Tòa án nhân dân thành phố"}, "kind": {"court"}, "address": {"Số 1 Hồng Bàng"},
			"slots": {"2"}, "slot_name_0": {"Sáng"}, "slot_start_0": {"07:30"}, "slot_end_0": {"11:30"}, "slot_officers_0": {"1"},
			"slot_backups_0": {"1"}, "slot_days_0": {"workdays"}, "slot_name_1": {"Đêm"}, "slot_start_1": {"22:00"}, "slot_end_1": {"06:00"},
			"slot_officers_1": {"1"}, "slot_days_1": {"daily"}, "slot_specialty_1": {"criminal"}}
		r = w.post("/manage/sites", good)
		if r.Code != http.StatusSeeOther || r.Location != "/manage/sites/TAND-HP/edit?msg=site_saved" {
			t.Fatalf("create: %d %s\n%.2000s", r.Code, r.Location, r.Body)
		}
		site, err := h.store.Site(t.Context(), "TAND-HP")
		if err != nil || len(site.Slots) != 2 || site.Slots[1].Days != roster.Daily || site.Slots[1].Specialty != "criminal" || site.Slots[0].Backups != 1 {
			t.Fatalf("stored %+v %v", site, err)
		}
		b := w.page(200, r.Location)
		webContains(t, b, "Đã lưu điểm trực.", `value="Đêm"`, `value="22:00"`, "Đóng điểm trực")
		// A duplicate code is the code's error.
		r = w.post("/manage/sites", good)
		webCheckHTML(t, r, http.StatusConflict)
		webFieldError(t, r.Body, "code")
		webContains(t, w.page(200, "/manage/sites?q=toa+an"), "Tòa án nhân dân thành phố", "Chưa có e-mail liên hệ")

		// Editing drops a slot; closing keeps the site, up to the last day.
		w.page(200, "/manage/sites/TAND-HP/edit")
		edit := url.Values{"version": {fmt.Sprint(site.Version)}, "name": {"Tòa án nhân dân TP Hải Phòng"}, "kind": {"court"}, "slots": {"1"}, "area": {"Hải Phòng"},
			"slot_name_0": {"Sáng"}, "slot_start_0": {"07:30"}, "slot_end_0": {"11:30"}, "slot_officers_0": {"1"}, "contact_email": {"toa@hp.vn"}}
		if r := w.post("/manage/sites/TAND-HP/edit", edit); r.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d\n%.2000s", r.Code, r.Body)
		}
		site, _ = h.store.Site(t.Context(), "TAND-HP")
		if site.Name != "Tòa án nhân dân TP Hải Phòng" || len(site.Slots) != 1 || site.ContactEmail != "toa@hp.vn" || site.Area != "Hải Phòng" {
			t.Fatalf("edited %+v", site)
		}
		webContains(t, w.page(200, "/manage/sites/TAND-HP/edit"), `value="Hải Phòng"`)
		r = w.post("/manage/sites/TAND-HP/close", url.Values{"version": {fmt.Sprint(site.Version)}, "valid_to": {"2027-13-01"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "valid_to")
		r = w.post("/manage/sites/TAND-HP/close", url.Values{"version": {fmt.Sprint(site.Version)}, "valid_to": {"2027-01-31"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("close: %d\n%.2000s", r.Code, r.Body)
		}
		site, _ = h.store.Site(t.Context(), "TAND-HP")
		if site.ValidTo == nil || site.ValidTo.String() != "2027-01-31" || len(site.Slots) != 1 {
			t.Fatalf("closed %+v", site)
		}
	})
}

func TestPageSetupUsers(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		w := h.webManager()
		webContains(t, w.page(200, "/manage/users"), "lan", "Quản lý", "Đã có mật khẩu")

		r := w.post("/manage/users", url.Values{"name": {""}, "role": {"boss"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "name")
		webFieldError(t, r.Body, "role")
		r = w.post("/manage/users", url.Values{"name": {"thu"}, "role": {"reception"}, "officer_id": {fmt.Sprint(an)}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "officer_id")
		r = w.post("/manage/users", url.Values{"name": {"an"}, "role": {"officer"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "officer_id")

		r = w.post("/manage/users", url.Values{"name": {"an"}, "role": {"officer"}, "officer_id": {fmt.Sprint(an)}})
		webCheckHTML(t, r, http.StatusCreated)
		m := regexp.MustCompile(`<code class="token break">([^<]+)</code>`).FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no token shown:\n%.3000s", r.Body)
		}
		if got := h.must(200, "GET", "/api/v1/me", m[1], nil); got["name"] != "an" {
			t.Fatalf("token is of %v", got)
		}
		webContains(t, r.Body, "Chưa có mật khẩu")
		r = w.post("/manage/users", url.Values{"name": {"an"}, "role": {"officer"}, "officer_id": {fmt.Sprint(an)}})
		webCheckHTML(t, r, http.StatusConflict)
		webFieldError(t, r.Body, "name")

		u, _, _ := h.store.UserByName(t.Context(), "an")
		pw := fmt.Sprintf("/manage/users/%d/password", u.ID)
		r = w.post(pw, url.Values{"password": {"short"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		if got := webFieldError(t, r.Body, fmt.Sprintf("password_%d", u.ID)); !strings.Contains(got, "Ít nhất 8 ký tự") {
			t.Fatalf("password error %q", got)
		}
		webContains(t, r.Body, `class="lang" href="/manage/users?lang=en"`) // the other language is a page
		if r := w.post(pw, url.Values{"password": {"mật-khẩu-của-an"}}); r.Code != http.StatusSeeOther {
			t.Fatalf("set password %d", r.Code)
		}
		if r := h.webBrowser().login("an", "mật-khẩu-của-an"); r.Code != http.StatusSeeOther {
			t.Fatalf("sign-in with the new password: %d", r.Code)
		}

		// A new token replaces the old one.
		w.page(200, "/manage/users")
		r = w.post(fmt.Sprintf("/manage/users/%d/token", u.ID), nil)
		webCheckHTML(t, r, http.StatusOK)
		if h.do("GET", "/api/v1/me", m[1], nil).Code != http.StatusUnauthorized {
			t.Fatal("the old token still works")
		}

		// Locked out after failures; the manager unlocks.
		for range 6 {
			h.webBrowser().login("an", "wrong-password")
		}
		webContains(t, w.page(200, "/manage/users"), "Đang bị khóa đăng nhập", "Mở khóa đăng nhập")
		if r := w.post(fmt.Sprintf("/manage/users/%d/unlock", u.ID), nil); r.Code != http.StatusSeeOther {
			t.Fatalf("unlock %d", r.Code)
		}
		if r := h.webBrowser().login("an", "mật-khẩu-của-an"); r.Code != http.StatusSeeOther {
			t.Fatalf("sign-in after unlock: %d", r.Code)
		}

		// Disabling ends password and token.
		w.page(200, "/manage/users")
		if r := w.post(fmt.Sprintf("/manage/users/%d/disable", u.ID), nil); r.Code != http.StatusSeeOther {
			t.Fatalf("disable %d", r.Code)
		}
		if r := h.webBrowser().login("an", "mật-khẩu-của-an"); r.Code == http.StatusSeeOther {
			t.Fatal("a disabled user can sign in")
		}
	})
}

func TestPageSetupHolidaysAndPartners(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		b := w.page(200, "/manage/holidays?year=2027")
		webContains(t, b, "Ngày nghỉ lễ và ngày làm bù năm 2027", "Tết Dương lịch", "Năm có")
		// A year no decision has fixed yet: its Tết is projected.
		webContains(t, w.page(200, "/manage/holidays?year=2035"), "Dự kiến (chờ quyết định)", "còn chờ quyết định của Thủ tướng")
		r := w.post("/manage/holidays", url.Values{"date": {"2027-02-30"}, "name": {""}, "kind": {"party"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "date")
		r = w.post("/manage/holidays", url.Values{"date": {"2027-03-08"}, "name": {""}, "kind": {"party"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "name")
		webFieldError(t, r.Body, "kind")
		r = w.post("/manage/holidays", url.Values{"date": {"2027-03-08"}, "name": {"Ngày Quốc tế Phụ nữ"}, "kind": {"holiday"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("override %d\n%.2000s", r.Code, r.Body)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Ngày Quốc tế Phụ nữ", "Trung tâm điều chỉnh", `action="/manage/holidays/2027-03-08/delete"`)
		if r := w.post("/manage/holidays/2027-03-08/delete", nil); r.Code != http.StatusSeeOther {
			t.Fatalf("remove %d", r.Code)
		}
		if b := w.page(200, "/manage/holidays?year=2027"); strings.Contains(b, "Ngày Quốc tế Phụ nữ") {
			t.Fatal("override still shown")
		}

		webContains(t, w.page(200, "/manage/partners"), "Chưa có đơn vị phối hợp nào.")
		r = w.post("/manage/partners", url.Values{"name": {""}, "contact_email": {"x"}, "contact_phone": {"phone"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "name")
		webFieldError(t, r.Body, "contact_email")
		webFieldError(t, r.Body, "contact_phone")
		r = w.post("/manage/partners", url.Values{"name": {"Hội Nông dân huyện An Lão"}, "contact_name": {"Bà Hoa"}, "contact_phone": {"0912 111 222"}})
		if r.Code != http.StatusSeeOther {
			t.Fatalf("partner %d\n%.2000s", r.Code, r.Body)
		}
		b = w.page(200, "/manage/partners?q=nong+dan")
		webContains(t, b, "Hội Nông dân huyện An Lão", "Bà Hoa")
		ps, _ := h.store.ListPartners(t.Context(), store.PartnerFilter{})
		if len(ps) != 1 || ps[0].Kind != roster.PartnerFarmers {
			t.Fatalf("partners %+v", ps)
		}
		path := fmt.Sprintf("/manage/partners/%d", ps[0].ID)
		w.page(200, path)
		if r := w.post(path, url.Values{"version": {fmt.Sprint(ps[0].Version)}, "active": {"0"}}); r.Code != http.StatusSeeOther {
			t.Fatalf("deactivate partner %d\n%.2000s", r.Code, r.Body)
		}
		if p, _ := h.store.Partner(t.Context(), ps[0].ID); p.Active {
			t.Fatal("partner still active")
		}
	})
}
