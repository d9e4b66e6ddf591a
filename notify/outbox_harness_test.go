package notify

import (
	"bytes"
	"context"
	"mime"
	netmail "net/mail"
	"sort"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// fixture is a fresh database of one dialect with a court site, a clock
// and an SMTP server.
type fixture struct {
	t       *testing.T
	dialect string
	dsn     string
	loc     *time.Location
	clock   *storetest.Clock
	st      *store.Store
	site    roster.Site
	be      *testBackend
	smtp    string // the SMTP server's address
	stop    func() // stops the SMTP server
	ctx     context.Context
}

// at is an instant in the service's zone in January 2027.
func (f *fixture) at(day, h, m int) time.Time { return time.Date(2027, 1, day, h, m, 0, 0, f.loc) }

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, dialect: dialect, loc: storetest.Loc, ctx: context.Background()}
	f.clock = storetest.NewClock(time.Date(2027, 1, 1, 9, 0, 0, 0, f.loc))
	f.dsn = storetest.DSN(t, dialect)
	f.st = f.openStore()
	var err error
	f.site, err = f.st.CreateSite(f.ctx, "test", roster.Site{Code: "TAND-KV1", Name: "Tòa án nhân dân khu vực 1 – Hải Phòng",
		Kind: roster.SiteCourt, Address: "Số 3 Hoàng Diệu", ReceptionPhone: "0225 3745 123", ContactEmail: "tiepdan@toaan.example",
		Slots: []roster.Slot{
			{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Officers: 1, Backups: 1, Days: roster.Workdays},
			{Name: "Chiều", Start: 13*60 + 30, End: 17 * 60, Officers: 1, Days: roster.Workdays},
		}})
	if err != nil {
		t.Fatal(err)
	}
	f.be = &testBackend{}
	f.smtp, f.stop = startSMTP(t, f.be, serverOptions{})
	return f
}

// openStore opens another store on the fixture's database, as another
// process (replica, or the service after a restart) would.
func (f *fixture) openStore() *store.Store {
	f.t.Helper()
	st, err := store.Open(f.ctx, f.dsn, store.Options{Loc: f.loc, Now: f.clock.Now})
	if err != nil {
		f.t.Fatalf("open %s store: %v", f.dialect, err)
	}
	f.t.Cleanup(func() { st.Close() })
	return st
}

func (f *fixture) officer(name, email string, channels ...string) roster.Officer {
	f.t.Helper()
	if channels == nil {
		channels = []string{ChannelEmail}
	}
	o, err := f.st.CreateOfficer(f.ctx, "test", roster.Officer{FullName: name, Kind: roster.KindLegalAidOfficer, Email: email,
		Phone: "0904 111 222", Active: true, Channels: channels})
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

// duty books officer for the slot on day of January 2027.
func (f *fixture) duty(o roster.Officer, day int, slot string, role roster.AssignmentRole) roster.Assignment {
	f.t.Helper()
	sl, _ := f.site.Slot(slot)
	start, end := sl.Window(roster.NewDate(2027, 1, day), f.loc)
	a, err := f.st.CreateAssignment(f.ctx, "test", roster.Assignment{SiteID: f.site.ID, SlotName: sl.Name, Role: role,
		OfficerID: o.ID, Start: start, End: end})
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

// sender is an SMTP sender to the fixture's server.
func (f *fixture) sender() *SMTPSender {
	return newTestSender(f.t, "smtp://"+f.smtp+"?tls=none")
}

// scheduler makes a scheduler on st (nil: the fixture's store) that sends
// e-mail to the fixture's SMTP server.
func (f *fixture) scheduler(st *store.Store, senders Senders, cfg SchedulerConfig) *Scheduler {
	f.t.Helper()
	if st == nil {
		st = f.st
	}
	if senders.Email == nil {
		senders.Email = f.sender()
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://lichtruc.example"
	}
	s, err := NewScheduler(st, senders, cfg, nil, f.clock.Now)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

// scan runs a reminder scan and fails the test on an error.
func (f *fixture) scan(s *Scheduler) ScanStats {
	f.t.Helper()
	st, err := s.RunReminderScan(f.ctx)
	if err != nil {
		f.t.Fatalf("reminder scan at %s: %v", f.clock.Now().Format(time.RFC3339), err)
	}
	return st
}

// delivery is a message the SMTP server accepted.
type delivery struct {
	id, subject, to, text string
}

// mails returns what the SMTP server accepted, in order.
func (f *fixture) mails() []delivery {
	f.t.Helper()
	var out []delivery
	var dec mime.WordDecoder
	for _, r := range f.be.messages() {
		msg, err := netmail.ReadMessage(bytes.NewReader(r.Data))
		if err != nil {
			f.t.Fatalf("received message does not parse: %v", err)
		}
		subject, _ := dec.DecodeHeader(msg.Header.Get("Subject"))
		p := parseMail(f.t, r.Data)
		out = append(out, delivery{id: strings.Trim(msg.Header.Get("Message-Id"), "<>"), subject: subject,
			to: strings.Join(r.To, ","), text: p.text})
	}
	return out
}

// idOf is the Message-ID the test sender gives the message with key.
func (f *fixture) idOf(key string) string { return f.sender().messageID(key) }

// outbox lists the outbox rows matching filter, oldest first.
func (f *fixture) outbox(filter ListFilter) []Notification {
	f.t.Helper()
	filter.Limit = 1000
	list, err := NewOutbox(f.st, OutboxOptions{}).List(f.ctx, filter)
	if err != nil {
		f.t.Fatal(err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	return list
}

// row returns the one outbox row with key on channel.
func (f *fixture) row(key, channel string) Notification {
	f.t.Helper()
	list := f.outbox(ListFilter{Key: key, Channel: channel})
	if len(list) != 1 {
		f.t.Fatalf("outbox has %d rows with key %s on %s, want 1: %+v", len(list), key, channel, f.outbox(ListFilter{}))
	}
	return list[0]
}

// forEachDialect runs fn on a fresh fixture of each dialect (PostgreSQL is
// skipped with a message unless LICHTRUC_TEST_POSTGRES is set).
func forEachDialect(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, newFixture(t, d))
		})
	}
}
