package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"lichtruc/roster"
)

// unfold undoes RFC 5545 folding.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func TestTextEscaping(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{`a,b;c\d`, `a\,b\;c\\d`},
		{"line1\nline2", `line1\nline2`},
		{"crlf\r\nlf\ncr\rend", `crlf\nlf\ncr\nend`},
		{"cr at end\r", `cr at end\n`},
		{"tab\tkept", "tab\tkept"},
		{"nul\x00bell\x07del\x7fesc\x1bgone", "nulbelldelescgone"},
		{"bad\xffutf8\xe1\xba", "bad\uFFFDutf8\uFFFD\uFFFD"},
		{"Nguyễn Văn An: trực chính", `Nguyễn Văn An: trực chính`},
	}
	for _, c := range cases {
		got := textValue(c.in)
		if got != c.want {
			t.Errorf("textValue(%q) = %q, want %q", c.in, got, c.want)
		}
		// go-ical reads back the text, less what was dropped or replaced.
		p := ical.Prop{Name: "X", Value: got}
		back, err := p.Text()
		if err != nil {
			t.Errorf("go-ical cannot read %q: %v", p.Value, err)
		}
		wantBack := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "", "\x07", "", "\x7f", "", "\x1b", "").Replace(c.in)
		wantBack = strings.ToValidUTF8(wantBack, "\uFFFD")
		if c.in == "bad\xffutf8\xe1\xba" {
			wantBack = "bad\uFFFDutf8\uFFFD\uFFFD" // one U+FFFD per invalid byte
		}
		if back != wantBack {
			t.Errorf("go-ical reads %q back as %q, want %q", c.in, back, wantBack)
		}
	}
}

func TestRawValuesDropLineBreaks(t *testing.T) {
	if got := rawValue("https://x/\r\nBEGIN:VEVENT,a;b\\"); got != "https://x/BEGIN:VEVENT,a;b\\" {
		t.Fatalf("raw value kept a line break: %q", got)
	}
	root, p := component(ical.CompCalendar, 3)
	p.add(ical.PropVersion, "2.0", nil)
	p.add(ical.PropProductID, "x", nil)
	p.add("P", "", params(ical.ParamTimezoneID, `a;b:"c",d`+"\n"))
	root.Children = append(root.Children, vtimezone("Asia/Ho_Chi_Minh", 7*3600, ""))
	b, err := encode(&ical.Calendar{Component: root}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\r\nP;TZID=\"a;b:c,d\":\r\n") {
		t.Fatalf("param: %q", b)
	}
}

// TestFolding folds values of every length around the limit, in ASCII,
// two-, three- and four-byte characters and escapes, and checks each
// physical line is at most 75 octets, is valid UTF-8, and that unfolding
// gives the value back.
func TestFolding(t *testing.T) {
	units := []string{"a", "đ", "ễ", "𝔸", `,`, "e\u0302\u0303"}
	for _, u := range units {
		for n := 0; n <= 200; n++ {
			var in string
			for len(in) < n {
				in += u
			}
			out := line("DESCRIPTION", textValue(in))
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("no CRLF at the end: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for i, l := range lines {
				if len(l) > 75 {
					t.Fatalf("%q×%d: line %d has %d octets", u, n, i, len(l))
				}
				if !utf8.ValidString(l) {
					t.Fatalf("%q×%d: line %d splits a character: %q", u, n, i, l)
				}
				if i > 0 && (l[0] != ' ' || len(l) < 2) {
					t.Fatalf("%q×%d: continuation line %d is %q", u, n, i, l)
				}
				// Tokens are at most 4 octets: a line is only cut when the
				// next one does not fit, so every line but the last is full.
				if i < len(lines)-1 && len(l) < 72 {
					t.Fatalf("%q×%d: line %d folded early (%d octets): %q", u, n, i, len(l), l)
				}
			}
			want := "DESCRIPTION:" + strings.ReplaceAll(in, ",", `\,`) + "\r\n"
			if got := unfold(out); got != want {
				t.Fatalf("%q×%d: unfolds to %q, want %q", u, n, got, want)
			}
		}
	}
	// Exactly 75 octets: no fold. 76: one fold.
	if got := line("X", strings.Repeat("a", 73)); strings.Contains(got, "\r\n ") {
		t.Fatalf("75-octet line was folded: %q", got)
	}
	if got := line("X", strings.Repeat("a", 74)); got != "X:"+strings.Repeat("a", 73)+"\r\n a\r\n" {
		t.Fatalf("76-octet line folds as %q", got)
	}
}

func TestFormatDuration(t *testing.T) {
	cases := map[time.Duration]string{
		0:                                "PT0S",
		time.Second:                      "PT1S",
		90 * time.Second:                 "PT1M30S",
		30 * time.Minute:                 "PT30M",
		time.Hour:                        "PT1H",
		time.Hour + 5*time.Second:        "PT1H0M5S", // PT1H5S is not RFC 5545
		90 * time.Minute:                 "PT1H30M",
		24 * time.Hour:                   "PT24H",
		-time.Hour:                       "-PT1H",
		1500 * time.Millisecond:          "PT2S",
		49*time.Hour + time.Minute + 1e9: "PT49H1M1S",
	}
	for d, want := range cases {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
		// go-ical parses it back exactly.
		p := ical.Prop{Name: ical.PropTrigger, Value: want}
		back, err := p.Duration()
		if err != nil || back != d.Round(time.Second) {
			t.Errorf("go-ical reads %q as %v, %v", want, back, err)
		}
	}
}

func TestOffsetAndTZName(t *testing.T) {
	for off, want := range map[int]string{0: "+0000", 7 * 3600: "+0700", -(3*3600 + 1800): "-0330", 6*3600 + 46*60 + 40: "+064640"} {
		if got := formatOffset(off); got != want {
			t.Errorf("formatOffset(%d) = %q, want %q", off, got, want)
		}
	}
	for _, c := range []struct {
		abbr string
		off  int
		want string
	}{{"+07", 7 * 3600, "+07"}, {"Asia/Ho_Chi_Minh", 7 * 3600, "+07"}, {"", 19800, "+0530"}, {"IST", 19800, "IST"}} {
		if got := tzname(c.abbr, c.off); got != c.want {
			t.Errorf("tzname(%q, %d) = %q, want %q", c.abbr, c.off, got, c.want)
		}
	}
}

func TestRenderErrors(t *testing.T) {
	ok := courtFeed()
	if _, err := RenderBytes(ok); err != nil {
		t.Fatal(err)
	}
	bad := func(name string, mutate func(*Feed)) {
		f := courtFeed()
		f.Duties = courtDuties()
		mutate(&f)
		b, err := RenderBytes(f)
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if b != nil {
			t.Errorf("%s: rendered %d bytes with an error", name, len(b))
		}
		var buf bytes.Buffer
		if err := Render(&buf, f); err == nil || buf.Len() != 0 {
			t.Errorf("%s: Render wrote %d bytes, err %v", name, buf.Len(), err)
		}
	}
	bad("unknown kind", func(f *Feed) { f.Kind = "court" })
	bad("empty kind", func(f *Feed) { f.Kind = "" })
	bad("time.Local", func(f *Feed) { f.Loc = time.Local })
	bad("no ID", func(f *Feed) { f.Duties[1].Assignment.ID = 0 })
	bad("no start", func(f *Feed) { f.Duties[1].Assignment.Start = time.Time{} })
	bad("no end", func(f *Feed) { f.Duties[1].Assignment.End = time.Time{} })
	bad("end at start", func(f *Feed) { f.Duties[1].Assignment.End = f.Duties[1].Assignment.Start })
	bad("end before start", func(f *Feed) {
		a := &f.Duties[1].Assignment
		a.Start, a.End = a.End, a.Start
	})
	bad("year 10000", func(f *Feed) {
		a := &f.Duties[1].Assignment
		a.Start, a.End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(10000, 1, 2, 0, 0, 0, 0, time.UTC)
	})
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderWritesRenderBytes(t *testing.T) {
	want, err := RenderBytes(anFeed())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, anFeed()); err != nil || !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("Render differs from RenderBytes (err %v)", err)
	}
	if err := Render(failWriter{}, anFeed()); err == nil {
		t.Fatal("a write error was lost")
	}
}

// TestEmptyFeed: go-ical refuses to encode a calendar with no component;
// ours carries its VTIMEZONE and decodes.
func TestEmptyFeed(t *testing.T) {
	for _, kind := range []string{KindOfficer, KindSite} {
		b, err := RenderBytes(Feed{Kind: kind})
		if err != nil {
			t.Fatal(err)
		}
		checkStructure(t, b)
		cal, evs := decode(t, b)
		if len(evs) != 0 || len(cal.Children) != 1 || cal.Children[0].Name != ical.CompTimezone {
			t.Fatalf("empty %s feed: %d events, children %v", kind, len(evs), cal.Children)
		}
		tz := cal.Children[0]
		if id, _ := tz.Props.Text(ical.PropTimezoneID); id != "Asia/Ho_Chi_Minh" {
			t.Fatalf("TZID %q", id)
		}
		std := tz.Children[0]
		for prop, want := range map[string]string{
			ical.PropDateTimeStart: "19700101T000000", ical.PropTimezoneOffsetFrom: "+0700",
			ical.PropTimezoneOffsetTo: "+0700", ical.PropTimezoneName: "+07",
		} {
			if p := std.Props.Get(prop); std.Name != "STANDARD" || p == nil || p.Value != want {
				t.Errorf("%s %s = %v, want %s", std.Name, prop, p, want)
			}
		}
	}
}

// TestCalendarHeader checks the calendar properties a subscribing app reads.
func TestCalendarHeader(t *testing.T) {
	b, err := RenderBytes(anFeed())
	if err != nil {
		t.Fatal(err)
	}
	s := unfold(string(b))
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nCALSCALE:GREGORIAN\r\n", // properties in go-ical's order, by name
		"\r\nPRODID:-//Trung tam TGPL Hai Phong//lichtruc//VI\r\n",
		"\r\nVERSION:2.0\r\n",
		"\r\nNAME:Lịch trực TGPL - Nguyễn Văn An\r\n",
		"\r\nX-WR-CALNAME:Lịch trực TGPL - Nguyễn Văn An\r\n",
		"\r\nX-WR-TIMEZONE:Asia/Ho_Chi_Minh\r\n",
		"\r\nURL:https://lichtruc.example.vn/feeds/officers/7/Zx9fQ2.ics\r\n",
		"\r\nSOURCE;VALUE=URI:https://lichtruc.example.vn/feeds/officers/7/Zx9fQ2.ics\r\n",
		"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n",
		"\r\nX-PUBLISHED-TTL:PT1H\r\n",
		"\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n",
		"\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20270104T073000\r\n",
		"\r\nDTEND;TZID=Asia/Ho_Chi_Minh:20270104T113000\r\n",
		"\r\nSEQUENCE:1\r\n",
		"\r\nSTATUS:CANCELLED\r\n",
		"\r\nTRIGGER:-PT1H\r\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
	if strings.Contains(s, "VALUE=TEXT") {
		t.Error("feed has VALUE=TEXT")
	}
	// A feed is no iTIP message: METHOD:PUBLISH would need an ORGANIZER on
	// every event (libical's restriction check fails without one).
	if strings.Contains(s, "\r\nMETHOD:") || strings.Contains(s, "\r\nORGANIZER") {
		t.Error("feed has METHOD or ORGANIZER")
	}
	if n := strings.Count(s, "BEGIN:VEVENT"); n != 6 {
		t.Errorf("%d events, want 6 (7 duties, one a stale copy)", n)
	}
}

// TestStampFollowsContent: the stamp is the latest change of what the
// event shows, and nothing else moves it.
func TestStampFollowsContent(t *testing.T) {
	render := func(f Feed) string {
		b, err := RenderBytes(f)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	base := render(courtFeed())
	if again := render(courtFeed()); again != base {
		t.Fatal("rendering twice gave different bytes")
	}
	// (That the clock never shows is TestGolden's business: its files were
	// rendered long before the test runs.)

	f := courtFeed()
	moved := time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Duties[0].Backups = []roster.Officer{binh}
	f.Duties[0].Backups[0].UpdatedAt = moved
	f.Duties[0].Backups[0].Phone = "0987 000 000"
	s := render(f)
	if !strings.Contains(s, "DTSTAMP:20270102T030405Z\r\n") || !strings.Contains(s, "LAST-MODIFIED:20270102T030405Z\r\n") {
		t.Error("a backup's new phone did not move the event's stamp")
	}
	if strings.Count(s, "20270102T030405Z") != 2 {
		t.Error("the stamp of other events moved")
	}

	// No UpdatedAt anywhere: CreatedAt, then Start.
	d := courtDuties()[0]
	d.Assignment.UpdatedAt, d.Site.UpdatedAt, d.Officer.UpdatedAt, d.Backups = time.Time{}, time.Time{}, time.Time{}, nil
	if got := stampOf(&d); !got.Equal(d.Assignment.CreatedAt) {
		t.Errorf("stamp %v, want CreatedAt %v", got, d.Assignment.CreatedAt)
	}
	d.Assignment.CreatedAt = time.Time{}
	if got := stampOf(&d); !got.Equal(d.Assignment.Start) || got.Location() != time.UTC {
		t.Errorf("stamp %v, want Start in UTC %v", got, d.Assignment.Start)
	}
}

func TestSpan(t *testing.T) {
	cases := []struct {
		lang       string
		start, end time.Time
		want       string
	}{
		{"vi", at(2027, 1, 4, 7, 30), at(2027, 1, 4, 11, 30), "Thứ Hai, 04/01/2027, 07:30–11:30"},
		{"vi", at(2027, 1, 10, 13, 30), at(2027, 1, 11, 0, 0), "Chủ nhật, 10/01/2027, 13:30–24:00"},
		{"vi", at(2027, 1, 6, 17, 0), at(2027, 1, 7, 7, 30), "Thứ Tư, 06/01/2027, 17:00–07:30 (hôm sau)"},
		{"vi", at(2027, 1, 9, 7, 30), at(2027, 1, 10, 7, 30), "Thứ Bảy, 09/01/2027, 07:30 – Chủ nhật, 10/01/2027, 07:30"},
		{"en", at(2027, 1, 4, 7, 30), at(2027, 1, 4, 11, 30), "Monday, 04/01/2027, 07:30–11:30"},
		{"en", at(2027, 12, 31, 17, 0), at(2028, 1, 1, 7, 30), "Friday, 31/12/2027, 17:00–07:30 (next day)"},
	}
	for _, c := range cases {
		if got := wordsFor(c.lang).span(c.start, c.end); got != c.want {
			t.Errorf("span(%v, %v) = %q, want %q", c.start, c.end, got, c.want)
		}
	}
}

func TestWording(t *testing.T) {
	ds := courtDuties()
	// Site feed: the officer and the slot; the phone in the description.
	if got := vi.summary(KindSite, &ds[0], false); got != "Trực TGPL: Nguyễn Văn An (Sáng)" {
		t.Errorf("site summary %q", got)
	}
	if got := vi.summary(KindSite, &ds[1], false); got != "Trực TGPL (dự bị): Trần Thị Bình (Sáng)" {
		t.Errorf("site backup summary %q", got)
	}
	if got := en.summary(KindOfficer, &ds[0], true); got != "[Cancelled] Legal aid duty: Tòa án nhân dân khu vực 1 - Hải Phòng (Sáng)" {
		t.Errorf("officer summary %q", got)
	}
	desc := vi.description(KindSite, &ds[0], false, hcm)
	for _, want := range []string{"Điện thoại: 0912 345 678", "Vai trò: Trực chính",
		"Dự bị: Trần Thị Bình – 0987 654 321"} {
		if !strings.Contains(desc, want) {
			t.Errorf("site description lacks %q:\n%s", want, desc)
		}
	}
	if strings.Contains(desc, "doi-ca") {
		t.Error("the site feed shows an officer's swap link")
	}
	// Officer feed, backup: who the primary is, where, how to swap.
	d := anDuties()[2]
	desc = vi.description(KindOfficer, &d, false, hcm)
	for _, want := range []string{"Vai trò: Dự bị", "Điểm trực: Tòa án nhân dân khu vực 1 - Hải Phòng",
		"Ca trực: Chiều, Thứ Ba, 05/01/2027, 13:30–17:00", "Địa chỉ: Số 15 Trần Phú", "Điện thoại tiếp nhận: 0225 3842 123",
		"Trực chính: Lê Hoàng Cường – 0904 111 222", "Đổi ca trực: https://lichtruc.example.vn/doi-ca?assignment=102"} {
		if !strings.Contains(desc, want) {
			t.Errorf("officer description lacks %q:\n%s", want, desc)
		}
	}
	// Names stay on one line, whatever was typed.
	d.Backups = []roster.Officer{{ID: 3, FullName: " Lê\nVăn\tBa\x00 ", Phone: "\r\n"}, {ID: 4}}
	desc = vi.description(KindOfficer, &d, false, hcm)
	if !strings.Contains(desc, "\nTrực chính: Lê Văn Ba\n") || !strings.Contains(desc, "\nTrực chính: cán bộ #4\n") {
		t.Errorf("names not cleaned:\n%q", desc)
	}
	if wordsFor("EN-us") != &en || wordsFor("") != &vi || wordsFor("fr") != &vi {
		t.Error("wordsFor picks the wrong language")
	}
}

func TestUID(t *testing.T) {
	if got := UID(42); got != "assignment-42@lichtruc" {
		t.Fatalf("UID(42) = %q", got)
	}
}

// TestReassignedAndCancelled: a duty given to someone else, or cancelled,
// stays in the officer's feed as CANCELLED, free time, with no alarm, so
// caching apps drop it; in the new holder's feed it is confirmed.
func TestReassignedAndCancelled(t *testing.T) {
	b, err := RenderBytes(anFeed())
	if err != nil {
		t.Fatal(err)
	}
	_, evs := decode(t, b)
	status := map[string]decoded{}
	for _, e := range evs {
		status[e.uid] = e
	}
	for uid, want := range map[string]string{UID(101): "CONFIRMED", UID(105): "CANCELLED", UID(106): "CANCELLED"} {
		e := status[uid]
		if e.status != want || (want == "CANCELLED") != (len(e.alarms) == 0) ||
			(want == "CANCELLED") != strings.HasPrefix(e.summary, "[Đã hủy] ") {
			t.Errorf("%s: status %s alarms %v summary %q; want %s", uid, e.status, e.alarms, e.summary, want)
		}
	}
	var ev string // the reassigned duty's event, unfolded
	for _, part := range strings.Split(unfold(string(b)), "BEGIN:VEVENT\r\n")[1:] {
		if strings.Contains(part, "\r\nUID:assignment-106@lichtruc\r\n") {
			ev = "\r\n" + part
		}
	}
	for _, want := range []string{"DTSTAMP:20261220T040100Z", "DTSTART;TZID=Asia/Ho_Chi_Minh:20270112T133000",
		"DTEND;TZID=Asia/Ho_Chi_Minh:20270112T170000", "LAST-MODIFIED:20261220T040100Z", "SEQUENCE:2",
		"STATUS:CANCELLED", "TRANSP:TRANSPARENT"} {
		if !strings.Contains(ev, "\r\n"+want+"\r\n") {
			t.Errorf("reassigned duty not rendered as cancelled and transparent: no %s in\n%s", want, ev)
		}
	}

	// Dung's feed has it, confirmed.
	d := anDuties()[6]
	d.Officer = dung
	b, err = RenderBytes(Feed{Kind: KindOfficer, OfficerID: dung.ID, Duties: []Duty{d}})
	if err != nil {
		t.Fatal(err)
	}
	if _, evs := decode(t, b); len(evs) != 1 || evs[0].status != "CONFIRMED" || evs[0].uid != UID(106) {
		t.Errorf("new holder's feed: %+v", evs)
	}
}

// TestDSTZoneFallsBackToUTC: a zone whose offset changes inside the feed
// gets exact UTC times and no VTIMEZONE that would be wrong for part of it;
// one that does not gets TZID and its own offset.
func TestDSTZoneFallsBackToUTC(t *testing.T) {
	berlin := mustLoad("Europe/Berlin")
	f := courtFeed()
	f.Loc = berlin
	b, err := RenderBytes(f) // January only: one offset
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, "TZID:Europe/Berlin\r\n") || !strings.Contains(s, "TZNAME:CET\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n") ||
		!strings.Contains(s, "DTSTART;TZID=Europe/Berlin:20270104T013000\r\n") {
		t.Errorf("winter-only Berlin feed:\n%s", s)
	}
	f.Duties = append(f.Duties, Duty{Assignment: assignment(300, courtKV1, "", roster.Primary, an.ID,
		time.Date(2027, 7, 1, 9, 0, 0, 0, berlin), time.Date(2027, 7, 1, 10, 0, 0, 0, berlin), roster.Scheduled, 1),
		Site: courtKV1, Officer: an})
	b, err = RenderBytes(f)
	if err != nil {
		t.Fatal(err)
	}
	s = string(b)
	if strings.Contains(s, "VTIMEZONE") || strings.Contains(s, "TZID=") || !strings.Contains(s, "DTSTART:20270701T070000Z\r\n") {
		t.Errorf("Berlin feed across summer time:\n%s", s)
	}
	_, evs := decode(t, b)
	if !evs[len(evs)-1].start.Equal(time.Date(2027, 7, 1, 9, 0, 0, 0, berlin)) {
		t.Errorf("summer event starts at %v", evs[len(evs)-1].start)
	}
}

// TestSiteFeedSize: a feed of 400 days of a site stays under 1 MB, even for
// a 24/7 phone line with a primary and a backup in each of two slots a day.
func TestSiteFeedSize(t *testing.T) {
	for _, c := range []struct {
		name    string
		phone   bool
		wantMin int
	}{{"court, working days, 2 slots × primary+backup", false, 1100}, {"24/7 phone line, 2 slots × primary+backup", true, 1600}} {
		f := siteDays(400, c.phone)
		b, err := RenderBytes(f)
		if err != nil {
			t.Fatal(err)
		}
		n := strings.Count(string(b), "BEGIN:VEVENT")
		t.Logf("400 days, %s: %d events, %d bytes (%.0f KiB, %.0f bytes/event)", c.name, n, len(b),
			float64(len(b))/1024, float64(len(b))/float64(n))
		if n < c.wantMin {
			t.Errorf("only %d events", n)
		}
		if len(b) >= 1_000_000 {
			t.Errorf("%s: %d bytes, want under 1 MB", c.name, len(b))
		}
	}
}

func BenchmarkRenderOfficerYear(b *testing.B) {
	f := officerYear()
	out, _ := RenderBytes(f)
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderBytes(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSiteYear(b *testing.B) {
	f := siteDays(365, false)
	out, _ := RenderBytes(f)
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderBytes(f); err != nil {
			b.Fatal(err)
		}
	}
}

// refText is the test's own idea of what a TEXT value reads back as: line
// breaks of any kind are \n, other control characters but TAB are gone,
// and each invalid byte is U+FFFD.
func refText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FuzzTextValue: any string, written as a TEXT property after any amount
// of text on the line, gives lines within the rules that go-ical reads back
// as the string.
func FuzzTextValue(f *testing.F) {
	for _, s := range []string{"", "Nguyễn Văn An", "a,b;c\\d\ne\r\nf\rg", strings.Repeat("ư,", 80),
		"\xff\xfe\xe1\xba", "\x00\x1b\x7f\t", "𝔸😀⚖️", strings.Repeat("\\", 100), "e\u0302\u0303"} {
		for _, pad := range []int{0, 1, 60, 61, 62, 63} {
			f.Add(s, pad)
		}
	}
	f.Fuzz(func(t *testing.T, s string, pad int) {
		if pad < 0 || pad > 200 {
			return
		}
		out := "BEGIN:VCALENDAR\r\n" + line("X-PAD", textValue(strings.Repeat("p", pad))) +
			line("DESCRIPTION", textValue(strings.Repeat("q", pad%70)+s)) + "END:VCALENDAR\r\n"
		checkStructure(t, []byte(out))
		cal, err := ical.NewDecoder(strings.NewReader(out)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		got, err := cal.Props.Text(ical.PropDescription)
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Repeat("q", pad%70) + refText(s); got != want {
			t.Fatalf("%q reads back as %q, want %q", s, got, want)
		}
	})
}
