package notify

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
)

// fixtureDuty is Nguyễn Thị Hương's morning duty at the regional court on
// Monday 4 January 2027, with Trần Văn Đức as backup.
func fixtureDuty(loc *time.Location) DutyInfo {
	return DutyInfo{
		Assignment: roster.Assignment{
			ID: 101, SiteID: 1, SiteCode: "TAND-KV1", SlotName: "Sáng", Role: roster.Primary, OfficerID: 7,
			Start: time.Date(2027, 1, 4, 7, 30, 0, 0, loc), End: time.Date(2027, 1, 4, 11, 30, 0, 0, loc),
			Status: roster.Scheduled, Version: 3,
		},
		Site: roster.Site{
			ID: 1, Code: "TAND-KV1", Name: "Tòa án nhân dân khu vực 1 – Hải Phòng", Kind: roster.SiteCourt,
			Address: "Số 3 Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng", ReceptionPhone: "0225 3745 123",
		},
		Officer: roster.Officer{ID: 7, FullName: "Nguyễn Thị Hương", Email: "huong.nt@tgpl-haiphong.example", Phone: "0904 111 222"},
		Others:  []roster.Officer{{ID: 8, FullName: "Trần Văn Đức", Phone: "0912 345 678"}},
		FeedURL: "https://lichtruc.example/feeds/officers/s3cr3t.ics",
		SwapURL: "https://lichtruc.example/swaps/new?assignment=101",
	}
}

func TestReminderMessageVietnamese(t *testing.T) {
	loc := hcm(t)
	d := fixtureDuty(loc)
	m := ReminderMessage(d, 24*time.Hour, loc)

	if want := "Nhắc lịch trực: Thứ Hai, 04/01/2027, 07:30–11:30 – Tòa án nhân dân khu vực 1 – Hải Phòng"; m.Subject != want {
		t.Errorf("Subject = %q, want %q", m.Subject, want)
	}
	if !slices.Equal(m.To, []string{"huong.nt@tgpl-haiphong.example"}) {
		t.Errorf("To = %v", m.To)
	}
	if m.Key != "reminder:101:86400:v3" || m.Event != EventReminder {
		t.Errorf("Key, Event = %q, %q", m.Key, m.Event)
	}
	wantText := `Kính gửi Anh/Chị Nguyễn Thị Hương,

Xin nhắc Anh/Chị ca trực sắp tới (nhắc trước 24 giờ):

  Điểm trực:            Tòa án nhân dân khu vực 1 – Hải Phòng
  Địa chỉ:              Số 3 Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng
  Ca trực:              Sáng
  Thời gian:            Thứ Hai, 04/01/2027, 07:30–11:30
  Vai trò:              Trực chính
  Dự bị:                Trần Văn Đức – 0912 345 678
  Điện thoại tiếp nhận: 0225 3745 123

Lịch trực của Anh/Chị (thêm một lần vào lịch trên điện thoại):
  https://lichtruc.example/feeds/officers/s3cr3t.ics

Đề nghị đổi ca trực:
  https://lichtruc.example/swaps/new?assignment=101

-- 
Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng
Thư được gửi tự động từ hệ thống lịch trực; xin vui lòng không trả lời thư này.
`
	if m.Text != wantText {
		t.Errorf("Text:\n%s\nwant:\n%s", m.Text, wantText)
	}
	for _, want := range []string{
		`<html lang="vi">`,
		`<meta charset="utf-8">`,
		"Tòa án nhân dân khu vực 1 – Hải Phòng",
		"Số 3 Hoàng Diệu, phường Hồng Bàng, thành phố Hải Phòng",
		"Thứ Hai, 04/01/2027, 07:30–11:30",
		"Trực chính",
		`<a href="tel:0912345678">Trần Văn Đức – 0912 345 678</a>`,
		`<a href="tel:02253745123">0225 3745 123</a>`,
		`<a href="https://lichtruc.example/feeds/officers/s3cr3t.ics">`,
		`<a href="https://lichtruc.example/swaps/new?assignment=101">`,
	} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, m.HTML)
		}
	}
	if m.Headers["Auto-Submitted"] != "auto-generated" {
		t.Errorf("Headers = %v", m.Headers)
	}
	if m.Data["start"] != "2027-01-04T07:30:00+07:00" || m.Data["lead"] != "24h" || m.Data["site"] != "TAND-KV1" {
		t.Errorf("Data = %v", m.Data)
	}
	if _, err := json.Marshal(m.Data); err != nil {
		t.Errorf("Data does not encode: %v", err)
	}
	checkNFC(t, m)
}

func TestReminderMessageEnglish(t *testing.T) {
	loc := hcm(t)
	d := fixtureDuty(loc)
	d.Officer.Language = "en"
	m := ReminderMessage(d, time.Hour, loc)
	if want := "Duty reminder: Monday, 04/01/2027, 07:30–11:30 – Tòa án nhân dân khu vực 1 – Hải Phòng"; m.Subject != want {
		t.Errorf("Subject = %q, want %q", m.Subject, want)
	}
	for _, want := range []string{
		"Dear Nguyễn Thị Hương,", "(1 hour ahead)", "Role:            Primary",
		"Backup:          Trần Văn Đức – 0912 345 678", "Reception phone: 0225 3745 123",
		"Ask a colleague to swap this duty:\n  https://lichtruc.example/swaps/new?assignment=101",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, m.Text)
		}
	}
	if !strings.Contains(m.HTML, `<html lang="en">`) || m.Key != "reminder:101:3600:v3" {
		t.Errorf("HTML lang or Key wrong: %q", m.Key)
	}
}

func TestReminderMessageBackupSeesPrimary(t *testing.T) {
	loc := hcm(t)
	d := fixtureDuty(loc)
	d.Assignment.Role = roster.Backup
	d.Others = []roster.Officer{{FullName: "Lê Minh Tuấn", Phone: "+84 98 765 4321"}, {FullName: "Phạm Thu Trang"}}
	m := ReminderMessage(d, time.Hour, loc)
	for _, want := range []string{"Vai trò:              Dự bị", "Trực chính:           Lê Minh Tuấn – +84 98 765 4321", "Trực chính:           Phạm Thu Trang\n"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, m.Text)
		}
	}
	if !strings.Contains(m.HTML, `href="tel:&#43;84987654321"`) && !strings.Contains(m.HTML, `href="tel:+84987654321"`) {
		t.Errorf("HTML lacks the tel: link:\n%s", m.HTML)
	}
}

func TestMessageTimes(t *testing.T) {
	loc := hcm(t)
	at := func(day, h, m int) time.Time { return time.Date(2027, 1, day, h, m, 0, 0, loc) }
	tests := []struct {
		name       string
		start, end time.Time
		lang       string
		want       string
	}{
		{"same day", at(4, 7, 30), at(4, 11, 30), "vi", "Thứ Hai, 04/01/2027, 07:30–11:30"},
		{"overnight phone duty", at(8, 22, 0), at(9, 7, 0), "vi", "Thứ Sáu, 08/01/2027, 22:00–07:00 (hôm sau)"},
		{"ends at midnight", at(10, 17, 0), at(11, 0, 0), "vi", "Chủ nhật, 10/01/2027, 17:00–24:00"},
		{"24 hours", at(9, 7, 0), at(10, 7, 0), "vi", "Thứ Bảy, 09/01/2027, 07:00 – Chủ nhật, 10/01/2027, 07:00"},
		{"English", at(8, 22, 0), at(9, 7, 0), "en", "Friday, 08/01/2027, 22:00–07:00 (next day)"},
		// An instant given in UTC is shown in the service's zone.
		{"UTC input", at(4, 7, 30).UTC(), at(4, 11, 30).UTC(), "vi", "Thứ Hai, 04/01/2027, 07:30–11:30"},
	}
	for _, tt := range tests {
		d := fixtureDuty(loc)
		d.Assignment.Start, d.Assignment.End = tt.start, tt.end
		d.Officer.Language = tt.lang
		m := ReminderMessage(d, time.Hour, loc)
		if !strings.Contains(m.Subject, tt.want) || !strings.Contains(m.Text, tt.want) {
			t.Errorf("%s: want %q in subject %q and text", tt.name, tt.want, m.Subject)
		}
	}
}

func TestLeadWording(t *testing.T) {
	tests := []struct {
		d      time.Duration
		vi, en string
	}{
		{24 * time.Hour, "24 giờ", "24 hours"},
		{time.Hour, "1 giờ", "1 hour"},
		{90 * time.Minute, "1 giờ 30 phút", "1 hour 30 minutes"},
		{30 * time.Minute, "30 phút", "30 minutes"},
		{48 * time.Hour, "2 ngày", "2 days"},
		{45 * time.Second, "45 giây", "45 seconds"},
	}
	for _, tt := range tests {
		if got := catalog.VI.Lead(tt.d); got != tt.vi {
			t.Errorf("vi lead(%v) = %q, want %q", tt.d, got, tt.vi)
		}
		if got := catalog.EN.Lead(tt.d); got != tt.en {
			t.Errorf("en lead(%v) = %q, want %q", tt.d, got, tt.en)
		}
	}
}

func TestMessageEscaping(t *testing.T) {
	loc := hcm(t)
	d := fixtureDuty(loc)
	d.Officer.FullName = `<b>An & "Bình"</b>`
	d.Site.Name = "Tòa <script>alert(1)</script>\r\nBcc: evil@example.org"
	d.SwapURL = "javascript:alert(1)"
	m := ReminderMessage(d, time.Hour, loc)
	if strings.Contains(m.HTML, "<b>An") || strings.Contains(m.HTML, "<script>") || strings.Contains(m.HTML, "javascript:") {
		t.Errorf("HTML not escaped:\n%s", m.HTML)
	}
	if !strings.Contains(m.HTML, "&lt;b&gt;An &amp; &#34;Bình&#34;&lt;/b&gt;") {
		t.Errorf("HTML lacks the escaped name:\n%s", m.HTML)
	}
	if !strings.Contains(m.Text, `Kính gửi Anh/Chị <b>An & "Bình"</b>,`) {
		t.Errorf("text should keep the name as is:\n%s", m.Text)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		t.Errorf("Subject has a line break: %q", m.Subject)
	}
}

func TestChangeMessage(t *testing.T) {
	loc := hcm(t)
	tests := []struct {
		kind        string
		subject     string
		intro       string
		event       string
		withSwap    bool
		withBackup  bool
		wantInText  []string
		moveForward bool
	}{
		{ChangeAssigned, "Lịch trực mới: ", "Anh/Chị được phân công ca trực sau:", "duty.assigned", true, true, nil, false},
		{ChangeReassigned, "Ca trực đã chuyển cho người khác: ", "Anh/Chị không còn phải trực ca này", "duty.reassigned", false, false, nil, false},
		{ChangeMoved, "Ca trực đã đổi lịch: Thứ Ba, 05/01/2027, 13:30–17:30", "Lịch mới:", "duty.moved", true, true,
			[]string{"Thời gian:            Thứ Ba, 05/01/2027, 13:30–17:30\n  Lịch cũ:              Thứ Hai, 04/01/2027, 07:30–11:30\n"}, true},
		{ChangeCancelled, "Ca trực đã hủy: ", "Ca trực sau đã bị hủy", "duty.cancelled", false, false, nil, false},
		{"renamed", "Ca trực có thay đổi: ", "có thay đổi", "duty.changed", true, true, nil, false},
	}
	keys := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			d := fixtureDuty(loc)
			if tt.moveForward {
				prev := d.Assignment
				d.Previous = &prev
				d.Assignment.Start = d.Assignment.Start.Add(30 * time.Hour)
				d.Assignment.End = d.Assignment.End.Add(30 * time.Hour)
				d.Assignment.Version++
			}
			m := ChangeMessage(tt.kind, d, loc)
			if !strings.HasPrefix(m.Subject, tt.subject) {
				t.Errorf("Subject = %q, want prefix %q", m.Subject, tt.subject)
			}
			if !strings.Contains(m.Text, tt.intro) || !strings.Contains(m.HTML, tt.intro) {
				t.Errorf("bodies lack %q:\n%s", tt.intro, m.Text)
			}
			if m.Event != tt.event {
				t.Errorf("Event = %q, want %q", m.Event, tt.event)
			}
			if got := strings.Contains(m.Text, d.SwapURL); got != tt.withSwap {
				t.Errorf("swap link shown = %v, want %v", got, tt.withSwap)
			}
			if got := strings.Contains(m.Text, "Trần Văn Đức"); got != tt.withBackup {
				t.Errorf("backup shown = %v, want %v", got, tt.withBackup)
			}
			if !strings.Contains(m.Text, d.FeedURL) || !strings.Contains(m.Text, "Tòa án nhân dân khu vực 1") {
				t.Errorf("text lacks the feed link or site:\n%s", m.Text)
			}
			for _, want := range tt.wantInText {
				if !strings.Contains(m.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, m.Text)
				}
			}
			if keys[m.Key] || m.Key == "" {
				t.Errorf("Key %q is empty or not unique", m.Key)
			}
			keys[m.Key] = true
			checkNFC(t, m)
		})
	}

	d := fixtureDuty(loc)
	d.Officer.Language = "en"
	m := ChangeMessage(ChangeCancelled, d, loc)
	if !strings.HasPrefix(m.Subject, "Duty cancelled: Monday, 04/01/2027, 07:30–11:30") ||
		!strings.Contains(m.Text, "The duty below has been cancelled") {
		t.Errorf("English cancel notice: %q\n%s", m.Subject, m.Text)
	}
}

func TestDigestMessage(t *testing.T) {
	loc := hcm(t)
	at := func(day, h, m int) time.Time { return time.Date(2027, 1, day, h, m, 0, 0, loc) }
	slots := []UncoveredSlot{
		{SiteCode: "TD-CA", SiteName: "Trực điện thoại Công an thành phố", Date: roster.NewDate(2027, 1, 9), Slot: "Đêm",
			Start: at(9, 22, 0), End: at(10, 7, 0), Role: roster.Backup, Missing: 2},
		{SiteCode: "TAND-KV1", SiteName: "Tòa án nhân dân khu vực 1", Date: roster.NewDate(2027, 1, 5), Slot: "Chiều",
			Start: at(5, 13, 30), End: at(5, 17, 0), Missing: 1, Reason: "Nguyễn Thị Hương nghỉ phép"},
		{SiteCode: "TAND-KV1", SiteName: "Tòa án nhân dân khu vực 1", Date: roster.NewDate(2027, 1, 4), Slot: "Sáng"},
	}
	m := DigestMessage([]string{"truongphong@tgpl-haiphong.example"}, slots, loc, "vi")
	if m.Subject != "Ca trực chưa đủ người: 3 ca" || m.Event != EventDigest || m.Data["count"] != 3 {
		t.Errorf("Subject, Event, count = %q, %q, %v", m.Subject, m.Event, m.Data["count"])
	}
	wantGroups := `Tòa án nhân dân khu vực 1 (TAND-KV1)
  - Thứ Hai, 04/01/2027 · Sáng · 1 trực chính
  - Thứ Ba, 05/01/2027, 13:30–17:00 · Chiều · 1 trực chính · Nguyễn Thị Hương nghỉ phép

Trực điện thoại Công an thành phố (TD-CA)
  - Thứ Bảy, 09/01/2027, 22:00–07:00 (hôm sau) · Đêm · 2 dự bị
`
	if !strings.Contains(m.Text, wantGroups) {
		t.Errorf("Text:\n%s\nwant to contain:\n%s", m.Text, wantGroups)
	}
	if !strings.Contains(m.HTML, "<th style=\"text-align:left;border-bottom:1px solid #999999;padding:3px 12px 3px 0;\">Còn thiếu</th>") {
		t.Errorf("HTML lacks the table header:\n%s", m.HTML)
	}
	checkNFC(t, m)

	en := DigestMessage(nil, slots, loc, "en")
	if en.Subject != "Uncovered duty slots: 3" || !strings.Contains(en.Text, "2 backup officers") || !strings.Contains(en.Text, "1 primary officer ·") {
		t.Errorf("English digest: %q\n%s", en.Subject, en.Text)
	}
	none := DigestMessage(nil, nil, loc, "vi")
	if none.Subject != "Không có ca trực nào thiếu người" || !strings.Contains(none.Text, "Tất cả các ca trực đã có người trực.") {
		t.Errorf("empty digest: %q\n%s", none.Subject, none.Text)
	}
}

func TestScheduleMessage(t *testing.T) {
	loc := hcm(t)
	at := func(day, h, m int) time.Time { return time.Date(2027, 1, day, h, m, 0, 0, loc) }
	base := fixtureDuty(loc)
	duty := func(id int64, name, phone, slot string, role roster.AssignmentRole, start, end time.Time, status roster.AssignmentStatus) DutyInfo {
		d := base
		d.Officer = roster.Officer{ID: id, FullName: name, Phone: phone}
		d.Assignment = roster.Assignment{ID: id, SiteCode: "TAND-KV1", SlotName: slot, Role: role, OfficerID: id, Start: start, End: end, Status: status}
		return d
	}
	duties := []DutyInfo{
		duty(3, "Trần Văn Đức", "0912 345 678", "Sáng", roster.Backup, at(4, 7, 30), at(4, 11, 30), roster.Scheduled),
		duty(2, "Lê Minh Tuấn", "0987 654 321", "Chiều", roster.Primary, at(5, 13, 30), at(5, 17, 0), roster.Scheduled),
		duty(1, "Nguyễn Thị Hương", "0904 111 222", "Sáng", roster.Primary, at(4, 7, 30), at(4, 11, 30), roster.Scheduled),
		duty(4, "Phạm Thu Trang", "0903 000 111", "Sáng", roster.Primary, at(6, 7, 30), at(6, 11, 30), roster.Cancelled),
		duty(5, "Đỗ Quang Huy", "0909 222 333", "Sáng", roster.Primary, at(11, 7, 30), at(11, 11, 30), roster.Scheduled),
		duty(6, "Vũ Thị Lan", "0977 888 999", "Đêm", roster.Primary, at(8, 22, 0), at(9, 7, 0), roster.Scheduled),
	}
	m := ScheduleMessage([]string{"tiepnhan@toaan.example"}, base.Site, roster.NewDate(2027, 1, 4), roster.NewDate(2027, 1, 8), duties, loc)
	if want := "Lịch trực Tòa án nhân dân khu vực 1 – Hải Phòng từ ngày 04/01/2027 đến ngày 08/01/2027"; m.Subject != want {
		t.Errorf("Subject = %q, want %q", m.Subject, want)
	}
	wantDays := `Thứ Hai, 04/01/2027
  - 07:30–11:30 · Sáng · Trực chính · Nguyễn Thị Hương · 0904 111 222
  - 07:30–11:30 · Sáng · Dự bị · Trần Văn Đức · 0912 345 678

Thứ Ba, 05/01/2027
  - 13:30–17:00 · Chiều · Trực chính · Lê Minh Tuấn · 0987 654 321

Thứ Sáu, 08/01/2027
  - 22:00–07:00 (hôm sau) · Đêm · Trực chính · Vũ Thị Lan · 0977 888 999
`
	if !strings.Contains(m.Text, wantDays) {
		t.Errorf("Text:\n%s\nwant to contain:\n%s", m.Text, wantDays)
	}
	for _, absent := range []string{"Phạm Thu Trang", "Đỗ Quang Huy"} {
		if strings.Contains(m.Text, absent) || strings.Contains(m.HTML, absent) {
			t.Errorf("%s (cancelled or out of range) is listed", absent)
		}
	}
	for _, want := range []string{"Điện thoại tiếp nhận: 0225 3745 123", "Số 3 Hoàng Diệu", "từ ngày 04/01/2027 đến ngày 08/01/2027"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("Text lacks %q", want)
		}
	}
	if items, _ := m.Data["assignments"].([]map[string]any); len(items) != 4 {
		t.Errorf("Data assignments = %v", m.Data["assignments"])
	}
	checkNFC(t, m)

	empty := ScheduleMessage(nil, base.Site, roster.NewDate(2027, 2, 1), roster.NewDate(2027, 2, 5), nil, loc)
	if !strings.Contains(empty.Text, "Chưa có ca trực nào trong thời gian này.") {
		t.Errorf("empty schedule:\n%s", empty.Text)
	}
}

// checkNFC fails when a message's text is not valid UTF-8 or holds
// combining marks: Vietnamese must be precomposed (NFC), which mail clients
// and search handle best.
func checkNFC(t *testing.T, m Message) {
	t.Helper()
	for name, s := range map[string]string{"Subject": m.Subject, "Text": m.Text, "HTML": m.HTML} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		for _, r := range s {
			if unicode.Is(unicode.Mn, r) {
				t.Errorf("%s holds the combining mark %U", name, r)
				break
			}
		}
	}
}
