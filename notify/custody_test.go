package notify

import (
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// TestCustodyLateFlaggedOnce: a request nobody answers within the Center's
// target is flagged to each manager once, however many scans and replicas
// run; one answered in time is not; one answered late after it was
// flagged is not flagged again; the target is the Center's setting.
func TestCustodyLateFlaggedOnce(t *testing.T) {
	forEachDialect(t, func(t *testing.T, f *fixture) {
		an, binh := f.officer("Nguyễn Văn An", "an@tgpl.example"), f.officer("Trần Thị Bình", "binh@tgpl.example")
		log := func(received time.Time, sent *int64, assigned *time.Time) roster.CustodyRequest {
			t.Helper()
			r, err := f.st.CreateCustodyRequest(f.ctx, "test", roster.CustodyRequest{ReceivedAt: received, Source: roster.SourcePolice,
				SourceName: "Công an phường Lê Chân", TakenBy: an.ID, PersonStatus: roster.PersonDetained, Field: "criminal",
				SentOfficer: sent, AssignedAt: assigned})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		at := f.at(1, 8, 50)
		waiting := log(f.at(1, 6, 30), nil, nil)              // 2 h 20 min waiting at 09:00: late
		inTime := log(f.at(1, 8, 0), &binh.ID, &at)           // 50 minutes: in time
		fresh := log(f.at(1, 8, 30), nil, nil)                // 30 minutes waiting: not yet
		old := log(f.at(1, 8, 0).AddDate(0, 0, -9), nil, nil) // history
		_ = old

		cfg := SchedulerConfig{ManagerEmails: []string{"nghiepvu@tgpl.example", "giamdoc@tgpl.example"}}
		s1, s2 := f.scheduler(nil, Senders{}, cfg), f.scheduler(f.openStore(), Senders{}, cfg)
		if st := f.scan(s1); st.CustodyLate != 2 {
			t.Fatalf("first scan: %d alerts, want 2 (one request, two managers)", st.CustodyLate)
		}
		if st := f.scan(s2); st.CustodyLate != 0 {
			t.Fatalf("second replica: %d alerts, want 0", st.CustodyLate)
		}
		mails := f.mails()
		if len(mails) != 2 {
			t.Fatalf("%d mails, want 2", len(mails))
		}
		m := mails[0]
		for _, want := range []string{"Chưa cử người trợ giúp pháp lý", "Cơ quan điều tra"} {
			if !strings.Contains(m.subject, want) {
				t.Errorf("subject %q lacks %q", m.subject, want)
			}
		}
		for _, want := range []string{"quá 2 giờ", "Công an phường Lê Chân", "Nguyễn Văn An", "2 giờ 30 phút", "https://lichtruc.example/manage/custody"} {
			if !strings.Contains(m.text, want) {
				t.Errorf("text lacks %q:\n%s", want, m.text)
			}
		}
		f.row(custodyKey(waiting.ID, "nghiepvu@tgpl.example"), ChannelEmail)

		// Answered late now: no second alert about the same request. The
		// fresh one passes the target at 10:31.
		f.clock.Set(f.at(1, 10, 40))
		sent := f.at(1, 10, 35)
		waiting.SentOfficer, waiting.AssignedAt = &binh.ID, &sent
		if _, err := f.st.UpdateCustodyRequest(f.ctx, "test", waiting, 0); err != nil {
			t.Fatal(err)
		}
		if st := f.scan(s1); st.CustodyLate != 2 {
			t.Fatalf("at 10:40: %d alerts, want 2 (the fresh request)", st.CustodyLate)
		}
		f.row(custodyKey(fresh.ID, "giamdoc@tgpl.example"), ChannelEmail)
		if rows := f.outbox(ListFilter{Key: custodyKey(inTime.ID, "nghiepvu@tgpl.example")}); len(rows) != 0 {
			t.Fatalf("the request answered in time was flagged: %v", rows)
		}
		// With a target of 45 minutes, the one answered in 50 is late too.
		set, err := f.st.Settings(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.Custody.TargetMinutes = 45
		if _, err := f.st.UpdateSettings(f.ctx, "test", set); err != nil {
			t.Fatal(err)
		}
		if st := f.scan(s2); st.CustodyLate != 2 {
			t.Fatalf("at 45 minutes: %d alerts, want 2", st.CustodyLate)
		}
		f.row(custodyKey(inTime.ID, "nghiepvu@tgpl.example"), ChannelEmail)
		n := 0
		for _, row := range f.outbox(ListFilter{Kind: KindDigest}) {
			if strings.HasPrefix(row.Key, "digest:custody:") {
				n++
			}
		}
		if n != 6 {
			t.Fatalf("%d custody alerts in the outbox, want 6", n)
		}
	})
}
