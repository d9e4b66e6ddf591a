package pages

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// webLang is the language of a page: "vi" (the default) or "en". Templates
// translate with {{.L.T "key"}} and format days with its other methods.
type webLang string

// The languages of the pages.
const (
	langVI webLang = "vi"
	langEN webLang = "en"
)

// langCookie remembers the language chosen with ?lang=.
const langCookie = "lt_lang"

// webPageLang returns the language of the request: ?lang= (remembered in a
// cookie for a year), else the cookie, else Vietnamese.
func (s *Server) webPageLang(c *gin.Context) webLang {
	if q := webLang(c.Query("lang")); q == langVI || q == langEN {
		http.SetCookie(c.Writer, &http.Cookie{Name: langCookie, Value: string(q), Path: "/", MaxAge: 365 * 24 * 3600,
			Secure: s.webSecureCookies(), SameSite: http.SameSiteLaxMode})
		return q
	}
	if ck, err := c.Cookie(langCookie); err == nil && webLang(ck) == langEN {
		return langEN
	}
	return langVI
}

// T translates a catalog key; a key missing from the catalog shows as
// ⟦key⟧ so that tests and eyes catch it.
func (l webLang) T(key string) string {
	m, ok := webMessages[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	if l == langEN {
		return m[1]
	}
	return m[0]
}

// Tf translates a key whose text is a fmt format and fills it with args.
func (l webLang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Other returns the language a page offers to switch to.
func (l webLang) Other() webLang {
	if l == langEN {
		return langVI
	}
	return langEN
}

// Name is the language's name in itself, for the switch link.
func (l webLang) Name() string {
	if l == langEN {
		return "English"
	}
	return "Tiếng Việt"
}

var (
	weekdaysVI      = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}
	weekdaysShortVI = [7]string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"}
)

// Weekday names the day of the week of d ("Thứ Hai", "Monday").
func (l webLang) Weekday(d roster.Date) string {
	if l == langEN {
		return d.Weekday().String()
	}
	return weekdaysVI[d.Weekday()]
}

// WeekdayShort is the short name of the day of the week ("T2", "Mon").
func (l webLang) WeekdayShort(d roster.Date) string {
	if l == langEN {
		return d.Weekday().String()[:3]
	}
	return weekdaysShortVI[d.Weekday()]
}

// Day formats d as 04/01/2027, the Vietnamese order, in both languages.
func (l webLang) Day(d roster.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// DayMonth formats d as 04/01.
func (l webLang) DayMonth(d roster.Date) string { return fmt.Sprintf("%02d/%02d", d.Day, int(d.Month)) }

// LongDay formats d with its weekday: "Thứ Hai, 04/01/2027".
func (l webLang) LongDay(d roster.Date) string { return l.Weekday(d) + ", " + l.Day(d) }

// Month names a month: "Tháng 1/2027", "January 2027".
func (l webLang) Month(d roster.Date) string {
	if l == langEN {
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	}
	return fmt.Sprintf("Tháng %d/%d", int(d.Month), d.Year)
}

// When formats an instant as "07:30, Thứ Hai 04/01/2027".
func (l webLang) When(t time.Time) string {
	d := roster.DateOf(t)
	return t.Format("15:04") + ", " + l.Weekday(d) + " " + l.Day(d)
}

// Role names a duty role.
func (l webLang) Role(r roster.AssignmentRole) string { return l.T("role." + string(r)) }

// SwapStatus names the state of a swap request.
func (l webLang) SwapStatus(s roster.SwapStatus) string { return l.T("swap.status." + string(s)) }

// webMessages is the message catalog of the pages: key → {Vietnamese, English}.
var webMessages = map[string][2]string{
	// Layout and navigation.
	"app.name":        {"Lịch trực trợ giúp pháp lý", "Legal aid duty roster"},
	"app.center":      {"Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng", "State Legal Aid Center of Hai Phong"},
	"nav.skip":        {"Bỏ qua, tới nội dung chính", "Skip to main content"},
	"nav.main":        {"Điều hướng chính", "Main navigation"},
	"nav.manage":      {"Quản lý lịch trực", "Manage rosters"},
	"nav.leaves":      {"Nghỉ phép", "Leave"},
	"nav.swaps":       {"Đổi ca", "Swaps"},
	"nav.me":          {"Lịch của tôi", "My duties"},
	"nav.logout":      {"Đăng xuất", "Sign out"},
	"nav.signed_in":   {"Đang đăng nhập: %s", "Signed in as %s"},
	"footer.text":     {"Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng — Sở Tư pháp", "State Legal Aid Center of Hai Phong — Department of Justice"},
	"common.save":     {"Lưu", "Save"},
	"common.back":     {"Quay lại", "Back"},
	"common.none":     {"Không có", "None"},
	"common.time":     {"Thời gian", "Time"},
	"common.date":     {"Ngày", "Date"},
	"common.site":     {"Điểm trực", "Site"},
	"common.slot":     {"Ca trực", "Slot"},
	"common.role":     {"Vai trò", "Role"},
	"common.officer":  {"Cán bộ", "Officer"},
	"common.status":   {"Trạng thái", "Status"},
	"common.reason":   {"Lý do", "Reason"},
	"common.from":     {"Từ ngày", "From"},
	"common.to":       {"Đến ngày", "To"},
	"common.optional": {"(không bắt buộc)", "(optional)"},
	"common.choose":   {"— Chọn —", "— Choose —"},
	"common.message":  {"Lời nhắn", "Message"},
	"common.print":    {"In lịch", "Print"},
	"common.prev":     {"Trước", "Previous"},
	"common.next":     {"Sau", "Next"},
	"common.version":  {"Phiên bản", "Version"},
	"role.primary":    {"Trực chính", "Primary"},
	"role.backup":     {"Dự bị", "Backup"},

	// Errors.
	"error.title":        {"Không thực hiện được", "Something went wrong"},
	"error.404":          {"Không tìm thấy trang này.", "This page does not exist."},
	"error.board404":     {"Không tìm thấy bảng lịch trực này. Đường dẫn có thể đã được thay đổi; hãy hỏi Trung tâm đường dẫn mới.", "This duty board does not exist. Its link may have been changed; ask the Center for the new one."},
	"error.403":          {"Tài khoản của bạn không được mở trang này.", "Your account may not open this page."},
	"error.csrf":         {"Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.", "The form has expired or is not valid. Reload the page and try again."},
	"error.conflict":     {"Không thực hiện được vì trùng lịch hoặc xung đột với dữ liệu hiện có.", "Not done: it clashes with another duty, a leave or existing data."},
	"error.precondition": {"Ca trực này vừa được người khác thay đổi. Trang đã tải lại thông tin mới nhất; hãy kiểm tra rồi thử lại.", "Someone else changed this duty meanwhile. The page now shows the latest version; check it and try again."},
	"error.invalid":      {"Thông tin nhập chưa hợp lệ.", "Some input is not valid."},
	"error.internal":     {"Lỗi hệ thống. Hãy thử lại sau.", "Internal error. Try again later."},
	"error.detail":       {"Chi tiết", "Details"},
	"error.home":         {"Về trang chính", "Go to the start page"},

	// Flash messages (?msg=).
	"flash.reassigned":     {"Đã phân công lại ca trực.", "The duty was reassigned."},
	"flash.created":        {"Đã thêm ca trực.", "The duty was added."},
	"flash.cancelled":      {"Đã huỷ ca trực.", "The duty was cancelled."},
	"flash.signed_out":     {"Bạn đã đăng xuất.", "You have signed out."},
	"flash.swap_requested": {"Đã gửi đề nghị đổi ca.", "Swap request sent."},
	"flash.swap_decided":   {"Đã cập nhật đề nghị đổi ca.", "Swap request updated."},
	"flash.prefs_saved":    {"Đã lưu lựa chọn nhắc lịch.", "Reminder preferences saved."},
	"flash.planned":        {"Đã lưu lịch trực.", "The plan was saved."},

	// Sign-in.
	"login.title":    {"Đăng nhập", "Sign in"},
	"login.intro":    {"Dành cho cán bộ quản lý và trợ giúp viên pháp lý của Trung tâm.", "For the Center's managers and legal aid officers."},
	"login.name":     {"Tên đăng nhập", "User name"},
	"login.password": {"Mật khẩu", "Password"},
	"login.submit":   {"Đăng nhập", "Sign in"},
	"login.failed":   {"Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."},
	"login.missing":  {"Hãy nhập tên đăng nhập và mật khẩu.", "Enter your user name and password."},
	"login.locked":   {"Đăng nhập sai quá nhiều lần. Hãy thử lại sau %s.", "Too many failed sign-ins. Try again after %s."},
	"login.help":     {"Quên mật khẩu? Hãy liên hệ cán bộ quản lý của Trung tâm để được đặt lại.", "Forgot your password? Ask a manager of the Center to set a new one."},

	// Reception board.
	"board.title":       {"Lịch trực trợ giúp pháp lý", "Legal aid duty"},
	"board.now":         {"Đang trực", "On duty now"},
	"board.call":        {"Gọi", "Call"},
	"board.until":       {"đến %s", "until %s"},
	"board.nobody":      {"Hiện không có cán bộ trực.", "Nobody is on duty right now."},
	"board.nobody_call": {"Vui lòng gọi số điện thoại tiếp nhận:", "Please call the reception line:"},
	"board.next":        {"Ca trực tiếp theo", "Next duty"},
	"board.no_next":     {"Chưa có lịch trực trong 14 ngày tới.", "No duty is planned for the next 14 days."},
	"board.week":        {"Lịch trực 7 ngày tới", "The week ahead"},
	"board.reception":   {"Điện thoại tiếp nhận", "Reception phone"},
	"board.updated":     {"Cập nhật lúc %s", "Updated at %s"},
	"board.stale":       {"Mất kết nối — thông tin có thể đã cũ.", "Connection lost — this may be out of date."},
	"board.unassigned":  {"Chưa phân công", "Not assigned"},
	"board.closed":      {"—", "—"},
	"board.holidays":    {"Ngày nghỉ lễ trong tuần", "Holidays this week"},
	"board.today":       {"Hôm nay", "Today"},
	"board.print":       {"In lịch tuần (A4)", "Print the week (A4)"},
	"board.address":     {"Địa chỉ", "Address"},
	"board.intro":       {"Người dân cần trợ giúp pháp lý miễn phí, xin gọi cán bộ đang trực.", "For free legal aid, call the officer on duty."},

	// Printable week.
	"print.button": {"In trang này", "Print this page"},
	"print.off":    {"Không trực", "No duty"},

	// Managers.
	"manage.title":         {"Quản lý lịch trực", "Manage duty rosters"},
	"manage.sites":         {"Các điểm trực", "Duty sites"},
	"manage.month":         {"Lịch tháng", "Month"},
	"manage.board":         {"Bảng lịch trực", "Board"},
	"manage.plan":          {"Lập lịch", "Plan"},
	"manage.swaps_waiting": {"Đề nghị đổi ca chờ duyệt: %d", "Swap requests awaiting approval: %d"},
	"manage.no_sites":      {"Chưa có điểm trực nào. Hãy tạo điểm trực qua API.", "No sites yet. Create one through the API."},
	"manage.kind.court":    {"Tòa án", "Court"},
	"manage.kind.outreach": {"Lưu động", "Outreach"},
	"manage.kind.office":   {"Văn phòng", "Office"},
	"manage.closed":        {"đã đóng", "closed"},
	"manage.gaps":          {"%d ca chưa có người trực trong 14 ngày tới", "%d slots without an officer in the next 14 days"},

	"month.title":      {"Lịch trực %s — %s", "%s — %s"},
	"month.summary":    {"%d ca trực, %d ca chưa đủ người.", "%d slot occurrences, %d not fully covered."},
	"month.uncovered":  {"Chưa có người trực", "Uncovered"},
	"month.no_backup":  {"Thiếu dự bị", "No backup"},
	"month.assign":     {"Phân công", "Assign"},
	"month.add_backup": {"Thêm dự bị", "Add backup"},
	"month.other":      {"Ca ngoài khung", "Other duties"},
	"month.not_run":    {"Không có ca", "No slot"},
	"month.reassign":   {"Phân công lại %s", "Reassign %s"},

	"duty.title":          {"Ca trực", "Duty"},
	"duty.reassign":       {"Phân công lại", "Reassign"},
	"duty.new_officer":    {"Cán bộ nhận ca", "New officer"},
	"duty.current":        {"Đang giao cho", "Held by"},
	"duty.cancel":         {"Huỷ ca trực", "Cancel the duty"},
	"duty.cancel_confirm": {"Huỷ ca trực này?", "Cancel this duty?"},
	"duty.cancel_hint":    {"Ca bị huỷ vẫn được lưu để đối chiếu.", "A cancelled duty is kept for the record."},
	"duty.cancelled":      {"Ca trực này đã bị huỷ.", "This duty is cancelled."},
	"duty.new_title":      {"Thêm ca trực", "Add a duty"},
	"duty.add":            {"Thêm ca trực", "Add the duty"},

	"leave.title":       {"Ghi nhận nghỉ phép", "Record leave"},
	"leave.record":      {"Ghi nhận", "Record"},
	"leave.upcoming":    {"Nghỉ phép sắp tới", "Coming leave"},
	"leave.recorded":    {"Đã ghi nhận nghỉ phép của %s từ %s đến %s.", "Leave of %s from %s to %s recorded."},
	"leave.affected":    {"Các ca trực sau đã bị huỷ và cần người thay:", "These duties were cancelled and need cover:"},
	"leave.no_affected": {"Không có ca trực nào bị ảnh hưởng.", "No duty was affected."},
	"leave.cover":       {"Tìm người thay", "Find cover"},

	"swaps.title":                   {"Đề nghị đổi ca đang mở", "Open swap requests"},
	"swaps.none":                    {"Không có đề nghị nào đang mở.", "No open requests."},
	"swaps.from_to":                 {"%s nhờ %s", "%s asks %s"},
	"swaps.approve":                 {"Duyệt", "Approve"},
	"swaps.reject":                  {"Từ chối", "Reject"},
	"swaps.kind.take":               {"Nhờ trực thay", "Take over"},
	"swaps.kind.exchange":           {"Đổi ca", "Exchange"},
	"swaps.exchange_for":            {"Đổi lấy: %s", "In exchange for: %s"},
	"swap.status.pending":           {"Chờ đồng nghiệp trả lời", "Waiting for the colleague"},
	"swap.status.awaiting_approval": {"Chờ quản lý duyệt", "Waiting for a manager"},
	"swap.status.applied":           {"Đã đổi", "Done"},
	"swap.status.declined":          {"Đồng nghiệp từ chối", "Declined"},
	"swap.status.rejected":          {"Quản lý từ chối", "Rejected"},
	"swap.status.cancelled":         {"Đã rút", "Withdrawn"},
	"swap.status.failed":            {"Không thực hiện được", "Failed"},

	// Officers.
	"me.title":           {"Lịch trực của tôi", "My duties"},
	"me.hello":           {"Xin chào, %s", "Hello, %s"},
	"me.no_officer":      {"Tài khoản này chưa gắn với cán bộ nào, nên không có lịch trực riêng.", "This account is not linked to an officer, so it has no duties of its own."},
	"me.duties":          {"Các ca trực sắp tới", "Coming duties"},
	"me.no_duties":       {"Bạn chưa có ca trực nào trong 60 ngày tới.", "You have no duty in the next 60 days."},
	"me.subscribe":       {"Đưa lịch trực vào điện thoại", "Put your duties in your phone's calendar"},
	"me.subscribe_intro": {"Đăng ký một lần; lịch tự cập nhật khi có thay đổi.", "Subscribe once; the calendar updates itself when duties change."},
	"me.webcal":          {"Đăng ký trên iPhone / Outlook", "Subscribe on iPhone / Outlook"},
	"me.google":          {"Thêm vào Google Calendar", "Add to Google Calendar"},
	"me.feed_url":        {"Địa chỉ lịch (giữ bí mật)", "Calendar address (keep it private)"},
	"me.qr":              {"Mã QR địa chỉ lịch: quét bằng điện thoại", "QR code of the calendar address: scan it with your phone"},
	"me.reminders_note":  {"Lưu ý: Google Calendar bỏ qua lời nhắc trong lịch đăng ký, còn iPhone mặc định xoá lời nhắc. Hãy bật thông báo mặc định cho lịch này trong ứng dụng, hoặc chọn nhận nhắc lịch qua e-mail bên dưới.", "Note: Google Calendar ignores the reminders in subscribed calendars and Apple removes them by default. Turn on default alerts for this calendar in your app, or choose e-mail reminders below."},
	"me.swap":            {"Nhờ đồng nghiệp trực thay", "Ask a colleague to take a duty"},
	"me.swap_duty":       {"Ca trực của tôi", "My duty"},
	"me.swap_to":         {"Đồng nghiệp", "Colleague"},
	"me.swap_send":       {"Gửi đề nghị", "Send the request"},
	"me.swap_none":       {"Không có ca nào có thể đổi.", "No duty can be swapped."},
	"me.swaps":           {"Đề nghị đổi ca", "Swap requests"},
	"me.swaps_in":        {"%s nhờ bạn trực thay: %s", "%s asks you to take: %s"},
	"me.swaps_out":       {"Bạn nhờ %s trực thay: %s", "You asked %s to take: %s"},
	"me.swaps_closed":    {"Đề nghị đã kết thúc", "Closed requests"},
	"me.accept":          {"Nhận ca", "Accept"},
	"me.decline":         {"Từ chối", "Decline"},
	"me.withdraw":        {"Rút đề nghị", "Withdraw"},
	"me.leave":           {"Báo nghỉ phép", "Tell the Center about leave"},
	"me.leave_hint":      {"Các ca trực trong thời gian nghỉ sẽ bị huỷ để quản lý bố trí người thay.", "Your duties in that time are cancelled so a manager can find cover."},
	"me.leaves":          {"Nghỉ phép đã báo", "Leave recorded"},
	"me.prefs":           {"Nhắc lịch", "Reminders"},
	"me.prefs_lang":      {"Ngôn ngữ nhắc lịch", "Reminder language"},
	"me.prefs_channels":  {"Nhận nhắc lịch qua", "Remind me by"},
	"me.channel.email":   {"E-mail", "E-mail"},
	"me.channel.webhook": {"Webhook (tin nhắn)", "Webhook (messages)"},
	"me.channel.log":     {"Chỉ ghi nhật ký (không gửi)", "Log only (not sent)"},

	// Planning.
	"plan.title":        {"Lập lịch trực %s", "Plan %s"},
	"plan.preview":      {"Xem trước", "Preview"},
	"plan.confirm":      {"Xác nhận và lưu", "Confirm and save"},
	"plan.officers":     {"Cán bộ tham gia", "Officers"},
	"plan.result":       {"Dự kiến: thêm %d ca, giữ %d ca đã có, huỷ %d ca; %d ca chưa đủ người.", "Preview: %d duties added, %d kept, %d cancelled; %d not fully covered."},
	"plan.confirm_hint": {"Chưa có gì được lưu. Bấm “Xác nhận và lưu” để lập lịch này.", "Nothing is saved yet. Press “Confirm and save” to make this plan."},
	"plan.uncovered":    {"Ca chưa đủ người", "Not fully covered"},
	"plan.cancelled":    {"Ca sẽ bị huỷ", "Duties to be cancelled"},
	"plan.loads":        {"Phân bổ theo cán bộ", "Share per officer"},
	"plan.duties":       {"Số ca", "Duties"},
	"plan.unpopular":    {"Ca khó (đêm, cuối tuần, lễ)", "Hard duties (nights, weekends, holidays)"},

	// Outreach and outbox pages: navigation and flash messages.
	"nav.outreach":             {"TGPL lưu động", "Outreach"},
	"nav.notifications":        {"Thông báo", "Notifications"},
	"flash.outreach_planned":   {"Đã lên kế hoạch đợt trợ giúp pháp lý lưu động.", "The outreach session was planned."},
	"flash.outreach_saved":     {"Đã lưu thay đổi của đợt.", "The session was changed."},
	"flash.outreach_results":   {"Đã lưu kết quả của đợt.", "The results were saved."},
	"flash.outreach_cancelled": {"Đã huỷ đợt trợ giúp pháp lý.", "The session was cancelled."},

	// Outreach sessions.
	"outreach.title":            {"Trợ giúp pháp lý lưu động năm %d", "Outreach sessions %d"},
	"outreach.session":          {"Đợt trợ giúp pháp lý lưu động", "Outreach session"},
	"outreach.sessions":         {"Các đợt trong năm", "Sessions of the year"},
	"outreach.none":             {"Chưa có đợt nào trong năm này.", "No session this year."},
	"outreach.plan_new":         {"Lên kế hoạch đợt mới", "Plan a session"},
	"outreach.plan_submit":      {"Lên kế hoạch", "Plan the session"},
	"outreach.title_field":      {"Tên đợt", "Title"},
	"outreach.venue":            {"Địa điểm", "Venue"},
	"outreach.commune":          {"Xã, phường", "Commune or ward"},
	"outreach.address":          {"Địa chỉ", "Address"},
	"outreach.day":              {"Ngày", "Day"},
	"outreach.start":            {"Bắt đầu", "Starts"},
	"outreach.end":              {"Kết thúc", "Ends"},
	"outreach.end_day":          {"Đến ngày", "Until"},
	"outreach.end_day_hint":     {"(nếu nhiều ngày)", "(if several days)"},
	"outreach.partners":         {"Đơn vị phối hợp", "Partners"},
	"outreach.new_partner":      {"Hoặc đơn vị mới", "Or a new partner"},
	"outreach.new_partner_hint": {"Tên đầy đủ, ví dụ: Hội Nông dân huyện An Lão", "Full name, e.g. Hội Nông dân huyện An Lão"},
	"outreach.no_partners":      {"Chưa có đơn vị phối hợp nào: hãy gõ tên đơn vị mới.", "No partners yet: type a new partner's name."},
	"outreach.officers":         {"Cán bộ tham gia", "Officers"},
	"outreach.officers_hint":    {"Mỗi cán bộ được xếp một ca trực lưu động; trùng ca trực hoặc nghỉ phép thì không lưu được.", "Each officer gets an outreach duty; a clash with a duty or a leave is refused."},
	"outreach.no_officers":      {"Chưa phân công cán bộ", "No officer yet"},
	"outreach.status.planned":   {"Sắp diễn ra", "Planned"},
	"outreach.status.held":      {"Đã diễn ra", "Held"},
	"outreach.status.cancelled": {"Đã huỷ", "Cancelled"},
	"outreach.no_results":       {"Chưa nhập kết quả", "No results yet"},
	"outreach.results_short":    {"%s người tham dự · %s vụ việc", "%s attendees · %s cases"},
	"outreach.col.session":      {"Đợt", "Session"},
	"outreach.col.results":      {"Kết quả", "Results"},
	"outreach.figures":          {"Số liệu năm %d", "Figures for %d"},
	"outreach.fig.sessions":     {"Đợt đã tổ chức", "Sessions held"},
	"outreach.fig.attendees":    {"Lượt người tham dự", "Attendees"},
	"outreach.fig.requests":     {"Yêu cầu trợ giúp pháp lý", "Legal aid requests"},
	"outreach.fig.cases":        {"Vụ việc được tư vấn", "Cases advised"},
	"outreach.fig.by_field":     {"Vụ việc theo lĩnh vực", "Cases by field"},
	"outreach.fig.others":       {"Sắp diễn ra: %d · Đã huỷ: %d · Chưa nhập kết quả: %d", "Planned: %d · Cancelled: %d · Held without results: %d"},
	"outreach.summary":          {"Tóm tắt cho báo cáo năm", "Summary for the annual report (in Vietnamese)"},
	"outreach.csv":              {"Tải số liệu (CSV, mở bằng Excel)", "Download the figures (CSV for Excel)"},
	"outreach.csv.months":       {"Trợ giúp lưu động theo tháng", "Outreach by month"},
	"outreach.csv.partners":     {"Trợ giúp lưu động theo đơn vị phối hợp", "Outreach by partner"},
	"outreach.csv.duties":       {"Ca trực theo điểm trực và cán bộ", "Duties by site and officer"},
	"outreach.csv.semicolon":    {"bản dùng dấu ;", "with ;"},
	"outreach.csv.hint":         {"Nếu Excel hiện mọi số liệu trong một cột, hãy tải “bản dùng dấu ;”.", "If Excel shows everything in one column, download the version “with ;”."},
	"outreach.invalid":          {"Thông tin nhập chưa hợp lệ: xem các ô được đánh dấu.", "Some input is not valid: see the marked fields."},
	"outreach.precondition":     {"Đợt này vừa được người khác thay đổi. Trang đã tải lại thông tin mới nhất; hãy kiểm tra rồi thử lại.", "Someone else changed this session meanwhile. The page now shows the latest version; check it and try again."},
	"outreach.clash_duty":       {"%s đã có ca trực tại %s lúc %s.", "%s is already on duty at %s, %s."},
	"outreach.clash_leave":      {"%s nghỉ phép từ %s đến %s.", "%s is on leave from %s to %s."},
	"outreach.err.not_started":  {"Chỉ nhập được kết quả sau khi đợt đã bắt đầu.", "Results can be entered once the session has started."},
	"outreach.err.count":        {"Nhập số nguyên từ 0 đến %s.", "Enter a whole number from 0 to %s."},
	"outreach.err.required":     {"Bắt buộc nhập.", "Required."},
	"outreach.err.end_after":    {"Giờ kết thúc phải sau giờ bắt đầu.", "The end must be after the start."},
	"outreach.err.too_long":     {"Một đợt kéo dài tối đa 7 ngày.", "A session lasts at most 7 days."},
	"outreach.err.partner":      {"Chọn ít nhất một đơn vị phối hợp hoặc gõ tên đơn vị mới.", "Tick at least one partner or type a new one."},
	"outreach.err.day":          {"Chọn ngày.", "Choose a day."},
	"outreach.err.time":         {"Nhập giờ dạng 08:00.", "Enter a time such as 08:00."},
	"outreach.details":          {"Thông tin đợt", "Details"},
	"outreach.move":             {"Đổi thời gian, địa điểm hoặc cán bộ", "Move it, or change its venue or officers"},
	"outreach.move_hint":        {"Các ca trực lưu động của cán bộ được dời theo; cán bộ bỏ chọn thì ca của họ bị huỷ.", "The officers' outreach duties move with it; an officer left out has their duty cancelled."},
	"outreach.move_submit":      {"Lưu thay đổi", "Save changes"},
	"outreach.results":          {"Kết quả", "Results"},
	"outreach.results_enter":    {"Nhập kết quả", "Enter the results"},
	"outreach.results_submit":   {"Lưu kết quả", "Save the results"},
	"outreach.results_wait":     {"Đợt bắt đầu lúc %s; có thể nhập kết quả từ lúc đó.", "The session starts at %s; its results can be entered from then."},
	"outreach.attendees":        {"Số lượt người tham dự", "Attendees"},
	"outreach.requests":         {"Số yêu cầu trợ giúp pháp lý", "Legal aid requests"},
	"outreach.cases":            {"Số vụ việc được tư vấn theo lĩnh vực", "Cases advised, by field"},
	"outreach.total":            {"Tổng số vụ việc", "Total cases"},
	"outreach.notes":            {"Ghi chú", "Notes"},
	"outreach.recorded":         {"Nhập lúc %s, bởi %s", "Recorded at %s by %s"},
	"outreach.cancel":           {"Huỷ đợt này", "Cancel this session"},
	"outreach.cancel_confirm":   {"Huỷ đợt trợ giúp pháp lý này? Các ca trực lưu động của cán bộ cũng bị huỷ.", "Cancel this session? The officers' outreach duties are cancelled too."},
	"outreach.cancel_hint":      {"Đợt bị huỷ vẫn được lưu để đối chiếu.", "A cancelled session is kept for the record."},
	"outreach.cancelled":        {"Đợt này đã bị huỷ.", "This session is cancelled."},
	"outreach.back":             {"Các đợt năm %d", "Sessions of %d"},

	// Fields of law.
	"field.civil":            {"Dân sự", "Civil"},
	"field.land":             {"Đất đai", "Land"},
	"field.criminal":         {"Hình sự", "Criminal"},
	"field.administrative":   {"Hành chính", "Administrative"},
	"field.social_insurance": {"Bảo hiểm xã hội", "Social insurance"},
	"field.labour":           {"Lao động", "Labour"},
	"field.marriage_family":  {"Hôn nhân gia đình", "Marriage and family"},
	"field.other":            {"Lĩnh vực khác", "Other"},

	// The outbox.
	"notif.title":            {"Nhắc lịch và thông báo", "Reminders and notices"},
	"notif.intro":            {"Mọi tin hệ thống gửi đi, mới nhất trước: ai đã được nhắc, tin nào đang chờ và tin nào gửi lỗi.", "Every message the service sends, newest first: who was reminded, what is waiting and what failed."},
	"notif.kind":             {"Loại tin", "Kind"},
	"notif.all":              {"Tất cả", "All"},
	"notif.filter":           {"Lọc", "Filter"},
	"notif.none":             {"Không có tin nào.", "No messages."},
	"notif.counts":           {"Theo trạng thái", "By status"},
	"notif.col.when":         {"Thời điểm", "When"},
	"notif.col.recipient":    {"Người nhận", "Recipient"},
	"notif.col.channel":      {"Kênh", "Channel"},
	"notif.col.attempts":     {"Số lần gửi", "Attempts"},
	"notif.col.next":         {"Gửi lại lúc", "Next attempt"},
	"notif.col.error":        {"Lỗi gần nhất", "Last error"},
	"notif.sent_at":          {"Đã gửi %s", "Sent %s"},
	"notif.duty":             {"Xem ca trực", "See the duty"},
	"notif.older":            {"Cũ hơn", "Older"},
	"notif.newest":           {"Mới nhất", "Newest"},
	"notif.status.pending":   {"Chờ gửi", "Waiting"},
	"notif.status.sending":   {"Đang gửi", "Sending"},
	"notif.status.sent":      {"Đã gửi", "Sent"},
	"notif.status.failed":    {"Lỗi, sẽ gửi lại", "Failed, will retry"},
	"notif.status.given_up":  {"Đã dừng gửi", "Given up"},
	"notif.kind.reminder":    {"Nhắc ca trực", "Duty reminder"},
	"notif.kind.change":      {"Thay đổi ca trực", "Duty changed"},
	"notif.kind.digest":      {"Tổng hợp ca trống", "Uncovered slots digest"},
	"notif.kind.publish":     {"Công bố lịch", "Schedule published"},
	"notif.kind.unpublished": {"Nhắc công bố lịch", "Schedule not yet published"},
	"notif.channel.email":    {"E-mail", "E-mail"},
	"notif.channel.webhook":  {"Webhook", "Webhook"},
	"notif.channel.log":      {"Nhật ký", "Log"},
}
