package catalog

// mailWords are the words of the e-mails: reminders, change notices, the
// digest of uncovered slots, the published schedule and the warning of an
// unpublished one.
var mailWords = map[string][2]string{
	"common.address":   {"Địa chỉ", "Address"},
	"common.reception": {"Điện thoại tiếp nhận", "Reception phone"},
	"common.phone":     {"Điện thoại", "Phone"},
	"common.venue":     {"Địa điểm", "Venue"},

	"mail.greeting":      {"Kính gửi Anh/Chị %s,", "Dear %s,"},
	"mail.previously":    {"Lịch cũ", "Previously"},
	"mail.feed_link":     {"Lịch trực của Anh/Chị (thêm một lần vào lịch trên điện thoại)", "Your duty calendar (subscribe once on your phone)"},
	"mail.swap_link":     {"Đề nghị đổi ca trực", "Ask a colleague to swap this duty"},
	"mail.footer_notice": {"Thư được gửi tự động từ hệ thống lịch trực; xin vui lòng không trả lời thư này.", "This message was sent automatically by the duty roster; please do not reply to it."},

	"mail.reminder.subject": {"Nhắc lịch trực: %s", "Duty reminder: %s"},
	"mail.reminder.intro":   {"Xin nhắc Anh/Chị ca trực sắp tới (nhắc trước %s):", "A reminder of your coming duty (%s ahead):"},

	"mail.change.subject.assigned":   {"Lịch trực mới: %s", "New duty: %s"},
	"mail.change.subject.reassigned": {"Ca trực đã chuyển cho người khác: %s", "Duty handed to another officer: %s"},
	"mail.change.subject.moved":      {"Ca trực đã đổi lịch: %s", "Duty rescheduled: %s"},
	"mail.change.subject.cancelled":  {"Ca trực đã hủy: %s", "Duty cancelled: %s"},
	"mail.change.subject.changed":    {"Ca trực có thay đổi: %s", "Duty changed: %s"},
	"mail.change.intro.assigned":     {"Anh/Chị được phân công ca trực sau:", "You have been assigned the duty below:"},
	"mail.change.intro.reassigned":   {"Ca trực sau đã được chuyển cho cán bộ khác; Anh/Chị không còn phải trực ca này:", "The duty below has been handed to another officer; you no longer hold it:"},
	"mail.change.intro.moved":        {"Ca trực của Anh/Chị đã được đổi lịch. Lịch mới:", "Your duty has been rescheduled. It is now:"},
	"mail.change.intro.cancelled":    {"Ca trực sau đã bị hủy; Anh/Chị không phải trực ca này:", "The duty below has been cancelled; you need not attend:"},
	"mail.change.intro.changed":      {"Ca trực sau của Anh/Chị có thay đổi:", "Your duty below has changed:"},

	"mail.digest.subject":              {"Ca trực chưa đủ người: %d ca", "Uncovered duty slots: %d"},
	"mail.digest.subject_none":         {"Không có ca trực nào thiếu người", "No uncovered duty slots"},
	"mail.digest.intro":                {"Các ca trực sau chưa đủ người trực. Xin phân công người trực thay.", "These duty slots are not fully staffed. Please assign cover."},
	"mail.digest.none":                 {"Tất cả các ca trực đã có người trực.", "Every duty slot is covered."},
	"mail.digest.col.missing":          {"Còn thiếu", "Missing"},
	"mail.digest.col.note":             {"Ghi chú", "Note"},
	"mail.digest.missing.primary.one":  {"%d trực chính", "%d primary officer"},
	"mail.digest.missing.primary.many": {"%d trực chính", "%d primary officers"},
	"mail.digest.missing.backup.one":   {"%d dự bị", "%d backup officer"},
	"mail.digest.missing.backup.many":  {"%d dự bị", "%d backup officers"},

	"mail.schedule.subject":     {"Lịch trực %s %s", "Duty schedule of %s %s"},
	"mail.schedule.intro":       {"Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng trân trọng gửi lịch phân công trực %s.", "The State Legal Aid Center of Hai Phong sends the duty schedule %s."},
	"mail.schedule.col.hours":   {"Giờ", "Hours"},
	"mail.schedule.col.officer": {"Cán bộ trực", "Officer on duty"},
	"mail.schedule.none":        {"Chưa có ca trực nào trong thời gian này.", "No duty in this period."},

	"mail.unpublished.subject":  {"Chưa công bố lịch trực: %s từ %s", "Schedule not published: %s from %s"},
	"mail.unpublished.intro":    {"Lịch phân công trực của điểm trực sau cho kỳ tới chưa được công bố. Lịch phải được gửi chậm nhất 5 ngày làm việc trước khi kỳ trực bắt đầu.", "The duty schedule of the following site for the coming period has not been published yet. It must be sent at least 5 working days before the period starts."},
	"mail.unpublished.outro":    {"Xin hoàn thành lịch trực và công bố lịch (POST /api/v1/sites/%s/publish).", "Publish it (POST /api/v1/sites/%s/publish) once the roster is complete; this warning stops then."},
	"mail.unpublished.deadline": {"Hạn gửi", "Send by"},
	"mail.unpublished.period":   {"Kỳ trực", "Period"},
	"mail.unpublished.link":     {"Lập và công bố lịch", "Plan and publish"},
}

// feedWords are the words of the calendar feeds.
var feedWords = map[string][2]string{
	"feed.name":           {"Lịch trực TGPL – %s", "Legal aid duty – %s"},
	"feed.duty":           {"Trực TGPL", "Legal aid duty"},
	"feed.backup_tag":     {" (dự bị)", " (backup)"},
	"feed.cancelled_tag":  {"[Đã hủy] ", "[Cancelled] "},
	"feed.cancelled_own":  {"Ca trực này đã bị hủy hoặc đã chuyển cho người khác: bạn không phải trực.", "This duty was cancelled or given to someone else: you are not on duty."},
	"feed.cancelled_site": {"Ca trực này đã bị hủy.", "This duty was cancelled."},
	"feed.swap":           {"Đổi ca trực", "Swap this duty"},
}

// docWords are the words of official documents (the printed week) and of
// the CSV reports, which are in Vietnamese on every page.
var docWords = map[string][2]string{
	"doc.ministry":      {"SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG", "HAI PHONG DEPARTMENT OF JUSTICE"},
	"doc.center":        {"TRUNG TÂM TRỢ GIÚP PHÁP LÝ NHÀ NƯỚC", "STATE LEGAL AID CENTER"},
	"doc.nation":        {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"},
	"doc.motto":         {"Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"},
	"doc.place_date":    {"Hải Phòng, ngày %02d tháng %02d năm %d", "Hai Phong, %02d/%02d/%d"},
	"doc.board_title":   {"Lịch trực trợ giúp pháp lý tại Tòa án", "Legal aid duty roster at the court"},
	"doc.week":          {"Tuần %s", "Week %s"},
	"doc.col_day":       {"Thứ, ngày", "Day"},
	"doc.phone":         {"ĐT: %s", "Tel: %s"},
	"doc.reception":     {"Điện thoại tiếp nhận yêu cầu trợ giúp pháp lý:", "Phone for legal aid requests:"},
	"doc.recipients":    {"Nơi nhận:", "Recipients:"},
	"doc.to_department": {"Sở Tư pháp (để b/c);", "Department of Justice (for report);"},
	"doc.archive":       {"Lưu: VT.", "Filed: records."},
	"doc.director":      {"GIÁM ĐỐC", "DIRECTOR"},

	"csv.sessions":      {"Số đợt", "Sessions"},
	"csv.attendees":     {"Số lượt người tham dự", "Attendees"},
	"csv.consultations": {"Số vụ việc tư vấn", "Cases advised"},
	"csv.requests":      {"Số yêu cầu trợ giúp pháp lý", "Legal aid requests"},
	"csv.month":         {"Tháng", "Month"},
	"csv.year":          {"Cả năm %d", "Year %d"},
	"csv.partner":       {"Đối tác", "Partner"},
	"csv.kind":          {"Loại", "Kind"},
	"csv.group":         {"Nhóm", "Group"},
	"csv.code":          {"Mã", "Code"},
	"csv.name":          {"Tên", "Name"},
	"csv.duties":        {"Số ca trực", "Duties"},
	"csv.hours":         {"Số giờ trực", "Hours on duty"},
	"csv.primary_hours": {"Giờ trực chính", "Primary hours"},
	"csv.backup_hours":  {"Giờ dự bị", "Backup hours"},
	"csv.outreach":      {"Ca trợ giúp pháp lý lưu động", "Outreach duties"},
	"csv.cancelled":     {"Số ca đã hủy", "Cancelled duties"},
	"csv.given":         {"Nhường ca", "Given away"},
	"csv.taken":         {"Nhận ca", "Taken over"},
	"csv.officer":       {"Người trực", "Officer"},
	"csv.total":         {"Tổng cộng", "Total"},
}
