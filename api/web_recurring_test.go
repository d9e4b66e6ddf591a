package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPageRecurringHolidays checks /manage/holidays lists the holidays the
// Center added on the same day every year, adds one through a form whose
// errors (from the rule keys, in both languages) stand next to their
// fields, and removes it; the API sees the same holidays.
func TestPageRecurringHolidays(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		b := w.page(200, "/manage/holidays?year=2030")
		webContains(t, b, "Ngày lễ hằng năm do Trung tâm thêm", "Chưa có ngày lễ nào được thêm.", `action="/manage/recurring-holidays"`)

		// Field by field, next to the inputs.
		r := w.post("/manage/recurring-holidays", url.Values{"r_day": {"29"}, "r_month": {"2"}, "r_name": {""}, "from_year": {"1800"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		for _, f := range []string{"r_day", "r_name", "from_year"} {
			if msg := webFieldError(t, r.Body, f); strings.TrimSpace(msg) == "" {
				t.Fatalf("empty error under %s", f)
			}
		}
		if strings.Contains(r.Body, `id="err-r_month"`) {
			t.Fatal("month 2 is fine, yet has an error")
		}
		webContains(t, r.Body, `value="29"`, `value="1800"`) // the form keeps what was typed
		r = w.post("/manage/recurring-holidays", url.Values{"r_day": {"hai mươi"}, "r_month": {"13"}, "r_name": {"X"}, "from_year": {"2030"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webFieldError(t, r.Body, "r_day")
		r = w.post("/manage/recurring-holidays?lang=en", url.Values{"r_day": {"1"}, "r_month": {"13"}, "r_name": {"X"}, "from_year": {"2030"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		webContains(t, r.Body, "Yearly holidays added by the Center")
		if en, vi := webFieldError(t, r.Body, "r_month"), webFieldError(t, w.post("/manage/recurring-holidays?lang=vi",
			url.Values{"r_day": {"1"}, "r_month": {"13"}, "r_name": {"X"}, "from_year": {"2030"}}).Body, "r_month"); en == vi {
			t.Fatalf("the error is not translated: %q", en)
		}
		if got := h.must(200, "GET", "/api/v1/recurring-holidays", h.manager, nil)["holidays"].([]any); len(got) != 0 {
			t.Fatalf("a failed form stored a holiday: %v", got)
		}

		// Added: listed, and a day off every year from 2030 (24/11/2030 is
		// a Sunday, so Monday 25 is off too).
		r = w.post("/manage/recurring-holidays", url.Values{"r_day": {"24"}, "r_month": {"11"}, "r_name": {"Ngày Văn hóa Việt Nam"}, "from_year": {"2030"}})
		if r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/manage/holidays?") {
			t.Fatalf("add %d %q\n%.2000s", r.Code, r.Location, r.Body)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã thêm ngày lễ hằng năm.", "24/11", "Ngày Văn hóa Việt Nam", `id="d-2030-11-24"`, `id="d-2030-11-25"`)
		if strings.Contains(w.page(200, "/manage/holidays?year=2029"), `id="d-2029-11-24"`) {
			t.Fatal("the holiday counts before its first year")
		}
		list := h.must(200, "GET", "/api/v1/recurring-holidays", h.manager, nil)["holidays"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["month"] != float64(11) || list[0].(map[string]any)["from_year"] != float64(2030) {
			t.Fatalf("API: %v", list)
		}
		hid := id(list[0].(map[string]any))

		// The same day again: 409, next to the day.
		w.page(200, "/manage/holidays?year=2030")
		r = w.post("/manage/recurring-holidays", url.Values{"r_day": {"24"}, "r_month": {"11"}, "r_name": {"Trùng"}, "from_year": {"2031"}})
		webCheckHTML(t, r, http.StatusConflict)
		webFieldError(t, r.Body, "r_day")

		// Removed.
		w.page(200, "/manage/holidays?year=2030")
		del := fmt.Sprintf("/manage/recurring-holidays/%d/delete?year=2030", hid)
		r = w.post(del, nil)
		if r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/manage/holidays?") || !strings.Contains(r.Location, "year=2030") {
			t.Fatalf("remove %d %q", r.Code, r.Location)
		}
		b = w.page(200, r.Location)
		webContains(t, b, "Đã xóa ngày lễ hằng năm.", "Chưa có ngày lễ nào được thêm.")
		if strings.Contains(b, `id="d-2030-11-24"`) {
			t.Fatal("the removed holiday is still a day off")
		}
		webCheckHTML(t, w.post(del, nil), http.StatusNotFound)
		// Only managers.
		if r := h.webBrowser().post("/manage/recurring-holidays", url.Values{"r_day": {"1"}, "r_month": {"5"}, "r_name": {"X"}, "from_year": {"2030"}}); r.Code == http.StatusSeeOther && strings.HasPrefix(r.Location, "/manage/holidays") {
			t.Fatal("an anonymous browser added a holiday")
		}
	})
}
