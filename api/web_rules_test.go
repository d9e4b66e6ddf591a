package api

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestPageRuleSettings: the rule settings page shows the settings and
// their defaults, saves a change into the Center's settings and refuses a
// bad value; the planning page shows why a slot stays uncovered, in words;
// the month grid marks projected holidays.
func TestPageRuleSettings(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		w := h.webManager()
		b := w.page(200, "/manage/settings/rules")
		webContains(t, b, "Quy tắc an toàn lịch trực", `name="rest_minutes" type="number" min="0" max="2880" required value="720"`,
			`value="22:00"`, "Mặc định: 960", `name="one_area_a_day" type="checkbox" value="1" checked`)
		form := url.Values{"rest_minutes": {"600"}, "rest_after": {"21:30"}, "long_duty_minutes": {"480"}, "max_duty_minutes_per_24h": {"960"},
			"travel_between_areas_minutes": {"90"}, "travel_within_area_minutes": {"15"}, "weekly_rest_minutes": {"1440"}, "weekly_rest_days": {"7"},
			"unpopular_percent": {"25"}, "fair_by_weight": {"1"}, "version": {"1"}}
		if r := w.post("/manage/settings/rules", form); r.Code != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.2000s", r.Code, r.Body)
		}
		rules := h.must(200, "GET", "/api/v1/settings", h.manager, nil)["rules"].(map[string]any)
		if rules["rest_minutes"] != 600.0 || rules["rest_after"] != "21:30" || rules["one_area_a_day"] != false || rules["travel_within_area_minutes"] != 15.0 ||
			rules["fair_by_weight"] != true {
			t.Fatalf("saved rules: %v", rules)
		}
		w.page(200, "/manage/settings/rules?msg=rules_saved")
		form.Set("max_duty_minutes_per_24h", "2000")
		form.Set("version", "2")
		r := w.post("/manage/settings/rules", form)
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		form.Set("max_duty_minutes_per_24h", "960")
		form.Set("version", "1") // stale
		webCheckHTML(t, w.post("/manage/settings/rules", form), http.StatusPreconditionFailed)

		// The planning page: one officer for a morning and an afternoon at
		// two sites of two areas on one day.
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "HP-1", "name": "TAND khu vực 1", "kind": "court", "area": "Hải Phòng",
			"slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30"}, {"name": "Chiều", "start": "13:30", "end": "17:00"}}})
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		w.page(200, "/manage/sites/HP-1/plan")
		h.webBook(an, "2028-03-06", "", "18:00", "23:30") // an ad-hoc evening at TAND-HP
		b = w.post("/manage/sites/HP-1/plan", url.Values{"from": {"2028-03-07"}, "to": {"2028-03-07"}, "officer": {strconv.FormatInt(an, 10)}, "action": {"preview"}}).Body
		webContains(t, b, "Cán bộ chưa được nghỉ đủ sau ca đêm hoặc ca dài.")
		// Tết 2028 has no decision yet: projected.
		webContains(t, w.page(200, "/manage/sites/HP-1?month=2028-01"), "Tết Nguyên đán (dự kiến)")
	})
}
