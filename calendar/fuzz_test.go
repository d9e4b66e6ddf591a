package calendar

import (
	"testing"
	"time"
)

// FuzzFeed renders feeds whose every text comes from the fuzzer (names,
// titles, venues, phones, addresses, URLs, the calendar's name) and whose
// times, alarm and kind vary, and checks the output: the RFC 5545 line
// rules (CRLF, no line over 75 octets, no control character, folding
// never splitting a character) and that go-ical reads it back, every event
// with a start and an end. The seed corpus is in testdata/fuzz/FuzzFeed;
// CI runs it for 10 s (go test -run XXX -fuzz FuzzFeed -fuzztime 10s ./calendar/).
func FuzzFeed(f *testing.F) {
	f.Add("Lịch trực - Nguyễn Văn An", "Tòa án\r\nSUMMARY:giả", "Số 1; Hồng Bàng, \\ Hải Phòng", "Nguyễn Văn An", "0912 000 111",
		"TGPL lưu động", "https://x.example/doi-ca?a=1&b=2", int64(0), int32(240), int32(60), false, "vi")
	f.Add("", "\x00\x01\x7f\xff\xfe", "\u202eevil\u2066", "A"+string(make([]byte, 200)), "\t", "", "javascript:alert(1)",
		int64(-1e9), int32(-5), int32(-1), true, "en")
	f.Add("x", "ắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắắ", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "ồ", "+84",
		"a,b;c:d", "webcal://h/ical/o/1-x.ics", int64(4102444800), int32(1440*3), int32(1440), false, "xx")
	f.Fuzz(func(t *testing.T, name, site, address, officer, phone, title, url string, startSec int64, minutes, alarmMin int32, site24 bool, lang string) {
		feed := anFeed()
		feed.Name, feed.URL, feed.Lang = name, url, lang
		if site24 {
			feed = courtFeed()
			feed.Name = name
		}
		feed.Alarm = time.Duration(alarmMin%(7*1440)) * time.Minute
		start := time.Date(2027, 1, 4, 7, 30, 0, 0, hcm).Add(time.Duration(startSec%(200*365*86400)) * time.Second)
		for i := range feed.Duties {
			d := &feed.Duties[i]
			d.Site.Name, d.Site.Address, d.Site.ReceptionPhone = site, address, phone
			d.Officer.FullName, d.Officer.Phone = officer, phone
			if i%2 == 0 {
				d.Title, d.Location, d.SwapURL = title, address, url
			}
			d.Assignment.Start = start.Add(time.Duration(i) * 24 * time.Hour)
			d.Assignment.End = d.Assignment.Start.Add(time.Duration(minutes%(3*1440)) * time.Minute)
			for j := range d.Backups {
				d.Backups[j].FullName = officer + title
			}
		}
		b, err := RenderBytes(feed)
		if err != nil {
			return // a feed refused as a whole (an end before its start) is fine
		}
		checkStructure(t, b)
		_, evs := decode(t, b)
		if len(evs) == 0 {
			t.Fatalf("no event in the feed:\n%s", b)
		}
	})
}
