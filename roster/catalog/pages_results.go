package catalog

// resultPageWords are the words of the pages of duty results, custody
// requests, the case register and the year report, and of the alert of a
// custody request answered late.
var resultPageWords = map[string][2]string{
	"custody.mail.subject_waiting": {"Chưa cử người trợ giúp pháp lý: yêu cầu của %s lúc %s", "Nobody sent yet: request from %s at %s"},
	"custody.mail.subject_late":    {"Cử người trợ giúp pháp lý chậm: yêu cầu của %s lúc %s", "Officer sent late: request from %s at %s"},
	"custody.mail.intro_waiting":   {"Yêu cầu cử người trợ giúp pháp lý sau đây đã quá %s mà chưa cử được người. Xin cử ngay người thực hiện.", "Nobody has been sent for this request for legal aid more than %s after the call. Please send someone now."},
	"custody.mail.intro_late":      {"Yêu cầu cử người trợ giúp pháp lý sau đây đã được cử người chậm quá %s.", "An officer was sent for this request later than %s after the call."},
	"custody.mail.received":        {"Nhận yêu cầu lúc", "Call received"},
	"custody.mail.source":          {"Cơ quan yêu cầu", "From"},
	"custody.mail.person":          {"Người cần trợ giúp", "Person"},
	"custody.mail.age":             {"%d tuổi", "aged %d"},
	"custody.mail.taken_by":        {"Người trực nhận yêu cầu", "Taken by"},
	"custody.mail.sent":            {"Người được cử", "Officer sent"},
	"custody.mail.response":        {"Thời gian cử người", "Response time"},
	"custody.mail.waiting":         {"Đã chờ", "Waiting for"},
	"custody.mail.link":            {"Xem các yêu cầu", "See the requests"},
}
