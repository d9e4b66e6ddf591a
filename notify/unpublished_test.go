package notify

import (
	"strings"
	"testing"

	"lichtruc/roster"
)

func TestUnpublishedMessage(t *testing.T) {
	site := roster.Site{Code: "TRUC-DT", Name: "Trực điện thoại <CA>"}
	from, until, deadline := roster.NewDate(2027, 2, 1), roster.NewDate(2027, 2, 28), roster.NewDate(2027, 1, 25)
	vi := UnpublishedMessage([]string{"nghiepvu@tgpl.example"}, site, from, until, deadline, "https://lichtruc.example/manage/sites/TRUC-DT/plan", "vi")
	if vi.Subject != "Chưa công bố lịch trực: Trực điện thoại <CA> từ 01/02/2027" || vi.Event != EventUnpublished ||
		vi.Data["deadline"] != "2027-01-25" || vi.Data["site"] != "TRUC-DT" {
		t.Errorf("Vietnamese: %q %q %v", vi.Subject, vi.Event, vi.Data)
	}
	for _, want := range []string{"Hạn gửi:", "Thứ Hai, 25/01/2027", "từ ngày 01/02/2027 đến ngày 28/02/2027", "https://lichtruc.example/manage/sites/TRUC-DT/plan"} {
		if !strings.Contains(vi.Text, want) {
			t.Errorf("Vietnamese text lacks %q:\n%s", want, vi.Text)
		}
	}
	if !strings.Contains(vi.HTML, "Trực điện thoại &lt;CA&gt;") {
		t.Errorf("HTML does not escape the site name:\n%s", vi.HTML)
	}
	en := UnpublishedMessage(nil, site, from, until, deadline, "", "en")
	if !strings.HasPrefix(en.Subject, "Schedule not published: Trực điện thoại <CA> from") || !strings.Contains(en.Text, "Send by:") ||
		strings.Contains(en.Text, "Plan and publish") {
		t.Errorf("English: %q\n%s", en.Subject, en.Text)
	}
	checkNFC(t, vi)
}
