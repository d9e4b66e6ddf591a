package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// verbs are the fmt verbs of a text, in order.
var verbs = regexp.MustCompile(`%[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

func TestEveryKeyHasBothLanguagesWithTheSameVerbs(t *testing.T) {
	for _, key := range Keys() {
		m := messages[key]
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("%s: a language is empty: %q", key, m)
			continue
		}
		vi, en := verbs.FindAllString(m[0], -1), verbs.FindAllString(m[1], -1)
		if !slices.Equal(vi, en) {
			t.Errorf("%s: verbs differ: vi %v, en %v", key, vi, en)
		}
	}
}

func TestNoKeyIsInTwoTables(t *testing.T) {
	seen := map[string]int{}
	for i, table := range []map[string][2]string{pageWords, pageWords2, mailWords, feedWords, docWords, ruleWords, commonWords, fileWords, documentPageWords, yearWords, resultPageWords, setupWords, caseworkPageWords} {
		for k := range table {
			if j, ok := seen[k]; ok {
				t.Errorf("%s is in tables %d and %d", k, j, i)
			}
			seen[k] = i
		}
	}
	if len(seen) != len(messages) {
		t.Errorf("%d keys in the tables, %d in the catalog", len(seen), len(messages))
	}
}

// ruleKeys are the shared rule keys (error codes) the errors carry.
var ruleKeys = []string{"required", "malformed", "unknown_field", "format", "range", "too_long", "one_of", "duplicate",
	"not_found", "forbidden", "unauthorized", "version", "invalid", "clash", "leave", "inactive", "specialty",
	"monthly_limit", "same_day", "site_closed", "not_eligible", "rest", "length", "travel", "area", "weekly_rest",
	"unavailable", "no_one_free"}

func TestEveryRuleKeyHasAText(t *testing.T) {
	for _, k := range ruleKeys {
		if !Has("rule." + k) {
			t.Errorf("no text for rule %q", k)
		}
	}
	for k, names := range ruleArgs {
		detail := messages["rule."+k+".detail"]
		if n := len(verbs.FindAllString(detail[0], -1)); n != len(names) && k != "leave" {
			t.Errorf("rule.%s.detail has %d verbs for %d arguments", k, n, len(names))
		}
	}
}

func TestT(t *testing.T) {
	if got := EN.T("no.such.key"); got != "⟦no.such.key⟧" {
		t.Errorf("missing key: %q", got)
	}
	if VI.T("role.backup") != "Dự bị" || EN.T("role.backup") != "Backup" || Lang("fr").T("role.backup") != "Dự bị" {
		t.Error("role.backup")
	}
	for code, want := range map[string]Lang{"en": EN, "EN-gb": EN, "en_US": EN, "vi": VI, "": VI, "fr": VI} {
		if got := Parse(code); got != want {
			t.Errorf("Parse(%q) = %q", code, got)
		}
	}
}

func TestFormats(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	at := func(d, h, m int) time.Time { return time.Date(2027, 1, d, h, m, 0, 0, loc) }
	mon := roster.NewDate(2027, 1, 4)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"weekday vi", VI.Weekday(mon), "Thứ Hai"},
		{"weekday en", EN.Weekday(mon), "Monday"},
		{"sunday short", VI.WeekdayShort(mon.AddDays(-1)), "CN"},
		{"short en", EN.WeekdayShort(mon), "Mon"},
		{"day", EN.Day(mon), "04/01/2027"},
		{"day month", VI.DayMonth(mon), "04/01"},
		{"long day vi", VI.LongDay(mon), "Thứ Hai, 04/01/2027"},
		{"long day en", EN.LongDay(mon), "Monday, 04/01/2027"},
		{"month vi", VI.Month(mon), "Tháng 1/2027"},
		{"month en", EN.Month(mon), "January 2027"},
		{"when", VI.When(at(4, 7, 30)), "Thứ Hai, 04/01/2027, 07:30"},
		{"span same day", VI.TimeSpan(at(4, 7, 30), at(4, 11, 30)), "Thứ Hai, 04/01/2027, 07:30–11:30"},
		{"span to midnight", VI.TimeSpan(at(4, 13, 30), at(5, 0, 0)), "Thứ Hai, 04/01/2027, 13:30–24:00"},
		{"span overnight vi", VI.TimeSpan(at(4, 22, 0), at(5, 7, 0)), "Thứ Hai, 04/01/2027, 22:00–07:00 (hôm sau)"},
		{"span overnight en", EN.TimeSpan(at(4, 22, 0), at(5, 7, 0)), "Monday, 04/01/2027, 22:00–07:00 (next day)"},
		{"span days", VI.TimeSpan(at(4, 22, 0), at(6, 7, 0)), "Thứ Hai, 04/01/2027, 22:00 – Thứ Tư, 06/01/2027, 07:00"},
		{"span of 24 hours", VI.TimeSpan(at(9, 7, 0), at(10, 7, 0)), "Thứ Bảy, 09/01/2027, 07:00 – Chủ nhật, 10/01/2027, 07:00"},
		{"span no end", VI.TimeSpan(at(4, 8, 0), time.Time{}), "Thứ Hai, 04/01/2027, 08:00"},
		{"span end in other zone", VI.TimeSpan(at(4, 8, 0), at(4, 10, 0).UTC()), "Thứ Hai, 04/01/2027, 08:00–10:00"},
		{"clock span", EN.ClockSpan(at(4, 8, 0), at(4, 10, 0)), "08:00–10:00"},
		{"day span vi", VI.DaySpan(mon, mon.AddDays(6)), "từ ngày 04/01/2027 đến ngày 10/01/2027"},
		{"day span en", EN.DaySpan(mon, mon.AddDays(6)), "from 04/01/2027 to 10/01/2027"},
		{"one day", VI.DaySpan(mon, mon), "ngày 04/01/2027"},
		{"lead 24h", VI.Lead(24 * time.Hour), "24 giờ"},
		{"lead 1h", EN.Lead(time.Hour), "1 hour"},
		{"lead 90m", VI.Lead(90 * time.Minute), "1 giờ 30 phút"},
		{"lead 2d", EN.Lead(48 * time.Hour), "2 days"},
		{"lead 45m", EN.Lead(45 * time.Minute), "45 minutes"},
		{"lead 30s", EN.Lead(30 * time.Second), "30 seconds"},
		{"role", VI.Role(roster.Primary), "Trực chính"},
		{"role empty", EN.Role(""), "Primary"},
		{"backup", VI.Role(roster.Backup), "Dự bị"},
		{"kind", VI.OfficerKind(roster.KindLegalAidOfficer), "Trợ giúp viên pháp lý"},
		{"lawyer", VI.OfficerKind(roster.KindLawyer), "Luật sư ký hợp đồng"},
		{"unknown kind", VI.OfficerKind("x"), ""},
		{"status", VI.Status(roster.Cancelled), "Đã hủy"},
		{"count vi", VI.Count(2050), "2.050"},
		{"count en", EN.Count(2050), "2,050"},
		{"missing", EN.Missing(2, roster.Backup), "2 backup officers"},
		{"missing one", EN.Missing(1, roster.Primary), "1 primary officer"},
		{"missing vi", VI.Missing(2, roster.Backup), "2 dự bị"},
		{"name", EN.Name() + "/" + VI.Name() + "/" + EN.Other().Name(), "English/Tiếng Việt/Tiếng Việt"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestRule(t *testing.T) {
	start := time.Date(2027, 1, 4, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	tests := []struct {
		lang Lang
		code string
		args map[string]any
		want string
	}{
		{VI, "clash", nil, "Trùng với một ca trực khác của cán bộ."},
		{VI, "clash", map[string]any{"assignment_id": 12, "site": "TAND-KV1", "start": start}, "Trùng với ca trực tại TAND-KV1, Thứ Hai, 04/01/2027, 07:30."},
		{EN, "clash", map[string]any{"site": "TAND-KV1", "start": start.Format(time.RFC3339)}, "Overlaps the duty at TAND-KV1, Monday, 04/01/2027, 07:30."},
		{VI, "leave", map[string]any{"leave_id": 3, "from": "2027-01-04", "to": "2027-01-08"}, "Cán bộ nghỉ phép từ ngày 04/01/2027 đến ngày 08/01/2027."},
		{EN, "leave", map[string]any{"from": "2027-01-04"}, "The officer is on leave."},
		{EN, "monthly_limit", map[string]any{"limit": 1}, "The officer has reached the limit of 1 duties a month."},
		{EN, "one_of", map[string]any{"allowed": []string{"primary", "backup"}}, "Choose one of: primary, backup."},
		{VI, "no_such_rule", nil, "Thông tin chưa hợp lệ."},
		{EN, "no_one_free", nil, "No officer is free to take this duty."},
		{VI, "rest", map[string]any{"rest_hours": 12.0, "site": "TD-DT", "start": start}, "Cán bộ cần nghỉ 12 giờ giữa ca này và ca trực tại TD-DT, Thứ Hai, 04/01/2027, 07:30."},
		{EN, "weekly_rest", map[string]any{"rest_hours": 24.0, "days": 7}, "The officer would have no 24 hours in a row off in 7 days."},
		{EN, "area", map[string]any{"other_area": "Hải Phòng", "site": "TAND-KV1", "start": start}, "The officer already serves the Hải Phòng area that day (the duty at TAND-KV1, Monday, 04/01/2027, 07:30)."},
	}
	for _, tt := range tests {
		if got := tt.lang.Rule(tt.code, tt.args); got != tt.want {
			t.Errorf("%s %s: got %q, want %q", tt.lang, tt.code, got, tt.want)
		}
	}
}
