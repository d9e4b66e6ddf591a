package catalog

import (
	"fmt"
	"strings"
	"time"

	"lichtruc/roster"
)

// ruleWords are the texts of the rule keys that errors carry
// (roster.Rule…): "rule.<key>" says it in general, "rule.<key>.detail"
// with the error's arguments named in ruleArgs.
var ruleWords = map[string][2]string{
	"rule.required":        {"Bắt buộc nhập.", "Required."},
	"rule.malformed":       {"Không đọc được giá trị này.", "This value cannot be read."},
	"rule.unknown_field":   {"Trường này không được hỗ trợ.", "This field is not known."},
	"rule.format":          {"Sai định dạng.", "Wrong format."},
	"rule.range":           {"Giá trị nằm ngoài khoảng cho phép.", "Out of the allowed range."},
	"rule.range.detail":    {"Giá trị phải từ %s đến %s.", "Must be from %s to %s."},
	"rule.too_long":        {"Quá dài.", "Too long."},
	"rule.too_long.detail": {"Dài tối đa %s ký tự.", "At most %s characters."},
	"rule.one_of":          {"Không phải một giá trị được phép.", "Not one of the allowed values."},
	"rule.one_of.detail":   {"Chọn một trong: %s.", "Choose one of: %s."},
	"rule.duplicate":       {"Giá trị này đã được dùng.", "This value is already taken."},
	"rule.not_found":       {"Không tìm thấy.", "Not found."},
	"rule.forbidden":       {"Tài khoản của bạn không được làm việc này.", "Your account may not do this."},
	"rule.unauthorized":    {"Hãy đăng nhập.", "Please sign in."},
	"rule.version":         {"Dữ liệu vừa được người khác thay đổi; hãy tải lại rồi thử lại.", "Someone else changed this meanwhile; reload and try again."},
	"rule.invalid":         {"Thông tin chưa hợp lệ.", "Not valid."},

	"rule.clash":                {"Trùng với một ca trực khác của cán bộ.", "Overlaps another duty of the officer."},
	"rule.clash.detail":         {"Trùng với ca trực tại %s, %s.", "Overlaps the duty at %s, %s."},
	"rule.leave":                {"Cán bộ đang nghỉ phép.", "The officer is on leave."},
	"rule.leave.detail":         {"Cán bộ nghỉ phép %s.", "The officer is on leave %s."},
	"rule.inactive":             {"Cán bộ đã ngừng hoạt động.", "The officer is deactivated."},
	"rule.specialty":            {"Cán bộ không có chuyên môn ca trực này cần.", "The officer lacks the specialty this slot needs."},
	"rule.specialty.detail":     {"Cán bộ không có chuyên môn %s mà ca trực cần.", "The officer lacks the specialty %s this slot needs."},
	"rule.monthly_limit":        {"Cán bộ đã đủ số ca tối đa trong tháng.", "The officer has reached the monthly limit of duties."},
	"rule.monthly_limit.detail": {"Cán bộ đã đủ %s ca tối đa trong tháng.", "The officer has reached the limit of %s duties a month."},
	"rule.same_day":             {"Cán bộ đã có ca khác trong ngày tại điểm trực này.", "The officer already holds another slot that day at this site."},
	"rule.site_closed":          {"Điểm trực không hoạt động vào ngày này.", "The site is not open on that day."},
	"rule.not_eligible":         {"Cán bộ không được phân công trực tại điểm trực này.", "The officer may not serve at this site."},

	"rule.rest":               {"Cán bộ chưa được nghỉ đủ sau ca đêm hoặc ca dài.", "The officer has not had the rest due after a night or a long duty."},
	"rule.rest.detail":        {"Cán bộ cần nghỉ %s giờ giữa ca này và ca trực tại %s, %s.", "The officer needs %s hours' rest between this duty and the duty at %s, %s."},
	"rule.length":             {"Cán bộ sẽ trực quá số giờ cho phép trong 24 giờ.", "The officer would be on duty longer than allowed in 24 hours."},
	"rule.length.detail":      {"Cán bộ sẽ trực quá %s giờ trong 24 giờ.", "The officer would be on duty more than %s hours in 24."},
	"rule.travel":             {"Không đủ thời gian di chuyển giữa hai điểm trực.", "Not enough time to travel between the two sites."},
	"rule.travel.detail":      {"Cần %s phút di chuyển từ hoặc đến ca trực tại %s, %s.", "It takes %s minutes to travel from or to the duty at %s, %s."},
	"rule.area":               {"Cán bộ đã trực ở khu vực khác trong ngày.", "The officer already serves another area that day."},
	"rule.area.detail":        {"Cán bộ đã trực ở khu vực %s trong ngày (ca trực tại %s, %s).", "The officer already serves the %s area that day (the duty at %s, %s)."},
	"rule.weekly_rest":        {"Cán bộ sẽ không có đủ thời gian nghỉ liên tục trong tuần.", "The officer would lack the weekly rest in a row."},
	"rule.weekly_rest.detail": {"Cán bộ sẽ không có %s giờ nghỉ liên tục trong %s ngày.", "The officer would have no %s hours in a row off in %s days."},
	"rule.unavailable":        {"Cán bộ đã báo không thể trực vào thời gian này.", "The officer said they cannot serve at that time."},
	"rule.no_one_free":        {"Không còn cán bộ nào có thể nhận ca này.", "No officer is free to take this duty."},
}

// ruleArgs names, per rule key, the arguments its detail text shows, in
// order.
var ruleArgs = map[string][]string{
	"range":         {"min", "max"},
	"too_long":      {"max"},
	"one_of":        {"allowed"},
	"clash":         {"site", "start"},
	"leave":         {"from", "to"},
	"specialty":     {"specialty"},
	"monthly_limit": {"limit"},
	"rest":          {"rest_hours", "site", "start"},
	"length":        {"max_hours"},
	"travel":        {"travel_minutes", "site", "start"},
	"area":          {"other_area", "site", "start"},
	"weekly_rest":   {"rest_hours", "days"},
}

// Rule says what the rule key code means, in l. With the error's
// arguments it says the details ("Trùng với ca trực tại TAND-KV1, Thứ
// Hai, 04/01/2027, 07:30"); without all of them the general text. An
// unknown key gives the text of "invalid".
func (l Lang) Rule(code string, args map[string]any) string {
	key := "rule." + code
	if !Has(key) {
		key = "rule." + string(roster.EInvalid)
	}
	names, ok := ruleArgs[code]
	if !ok {
		return l.T(key)
	}
	if code == "leave" {
		from, okf := l.dateArg(args["from"])
		to, okt := l.dateArg(args["to"])
		if okf && okt {
			return l.Tf(key+".detail", l.DaySpan(from, to))
		}
		return l.T(key)
	}
	vals := make([]any, 0, len(names))
	for _, n := range names {
		v, ok := args[n]
		if !ok || v == nil || v == "" {
			return l.T(key)
		}
		vals = append(vals, l.arg(v))
	}
	return l.Tf(key+".detail", vals...)
}

// dateArg reads a day from an error's argument: a roster.Date, a
// time.Time or a string "2027-01-04" (or an RFC 3339 instant).
func (l Lang) dateArg(v any) (roster.Date, bool) {
	switch x := v.(type) {
	case roster.Date:
		return x, true
	case time.Time:
		return roster.DateOf(x), true
	case string:
		if d, err := roster.ParseDate(x); err == nil {
			return d, true
		}
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return roster.DateOf(t), true
		}
	}
	return roster.Date{}, false
}

// arg formats one argument of an error: instants and days as the catalog
// writes them, anything else as fmt does.
func (l Lang) arg(v any) string {
	switch x := v.(type) {
	case time.Time:
		return l.When(x)
	case roster.Date:
		return l.Day(x)
	case []string:
		return strings.Join(x, ", ")
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return l.When(t)
		}
		if d, err := roster.ParseDate(x); err == nil {
			return l.Day(d)
		}
		return x
	}
	return fmt.Sprint(v)
}
