package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

const testFrom = "Trung tâm TGPL Hải Phòng <lichtruc@tgpl-haiphong.example>"

// newTestSender makes a sender for an smtp URL, with a short timeout, a
// fixed clock and, if given, roots to trust for TLS.
func newTestSender(t testing.TB, rawURL string, roots ...*x509.CertPool) *SMTPSender {
	t.Helper()
	cfg, err := ParseSMTPURL(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = 5 * time.Second
	if len(roots) > 0 {
		cfg.TLSConfig = &tls.Config{RootCAs: roots[0], ServerName: cfg.Host}
	}
	s, err := NewSMTPSender(cfg, testFrom)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2027, 1, 3, 7, 30, 5, 0, hcm(t)) }
	return s
}

// parsed is a received message taken apart.
type parsed struct {
	header   netmail.Header
	subject  string
	from     *netmail.Address
	text     string
	html     string
	ctype    string
	rawparts int
}

// parseMail parses a message as a mail client would: headers with
// encoded-words decoded, multipart/alternative split, quoted-printable and
// base64 bodies decoded, line ends normalised to \n.
func parseMail(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, data)
	}
	var dec mime.WordDecoder
	var p parsed
	p.header = msg.Header
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From %q: %v", msg.Header.Get("From"), err)
	}
	p.from = from[0]
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	p.ctype = mediaType
	readPart := func(ctype, cte string, r io.Reader) {
		mt, ps, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Fatalf("part Content-Type %q: %v", ctype, err)
		}
		if !strings.EqualFold(ps["charset"], "utf-8") {
			t.Errorf("part %s has charset %q, want UTF-8", mt, ps["charset"])
		}
		switch strings.ToLower(cte) {
		case "quoted-printable":
			r = quotedprintable.NewReader(r)
		case "", "7bit", "8bit":
		default:
			t.Fatalf("unexpected Content-Transfer-Encoding %q", cte)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), "\r\n", "\n")
		switch mt {
		case "text/plain":
			p.text = s
		case "text/html":
			p.html = s
		default:
			t.Errorf("unexpected part %s", mt)
		}
		p.rawparts++
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextRawPart() // raw: decode the transfer encoding here, as checked above
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("multipart: %v", err)
		}
		readPart(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part)
	}
	return p
}

// sameBody compares bodies as a mail client shows them: trailing line ends
// do not matter.
func sameBody(got, want string) bool {
	return strings.TrimRight(got, "\n") == strings.TrimRight(want, "\n")
}

func TestSMTPSendVietnameseReminder(t *testing.T) {
	be := &testBackend{}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	m := ReminderMessage(fixtureDuty(hcm(t)), 24*time.Hour, hcm(t))

	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	msgs := be.messages()
	if len(msgs) != 1 {
		t.Fatalf("server got %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.From != "lichtruc@tgpl-haiphong.example" || len(got.To) != 1 || got.To[0] != "huong.nt@tgpl-haiphong.example" {
		t.Errorf("envelope = %s -> %v", got.From, got.To)
	}
	p := parseMail(t, got.Data)
	if p.subject != m.Subject {
		t.Errorf("decoded Subject = %q, want %q", p.subject, m.Subject)
	}
	if raw := p.header.Get("Subject"); !strings.Contains(raw, "=?UTF-8?") && !strings.Contains(raw, "=?utf-8?") {
		t.Errorf("raw Subject %q is not an encoded-word", raw)
	}
	if p.ctype != "multipart/alternative" || p.rawparts != 2 {
		t.Errorf("Content-Type = %s with %d parts, want multipart/alternative with 2", p.ctype, p.rawparts)
	}
	if !sameBody(p.text, m.Text) {
		t.Errorf("text body:\n%s\nwant:\n%s", p.text, m.Text)
	}
	if !sameBody(p.html, m.HTML) {
		t.Errorf("HTML body:\n%s\nwant:\n%s", p.html, m.HTML)
	}
	if !strings.Contains(p.text, "Kính gửi Anh/Chị Nguyễn Thị Hương,") || !strings.Contains(p.html, "Trần Văn Đức – 0912 345 678") {
		t.Errorf("Vietnamese lost in transit")
	}
	if p.from.Name != "Trung tâm TGPL Hải Phòng" || p.from.Address != "lichtruc@tgpl-haiphong.example" {
		t.Errorf("From = %q <%s>", p.from.Name, p.from.Address)
	}
	date, err := p.header.Date()
	if err != nil || !date.Equal(s.Now()) {
		t.Errorf("Date = %v, %v; want %v", date, err, s.Now())
	}
	if id := p.header.Get("Message-Id"); id != "<lichtruc.reminder.101.86400.v3@tgpl-haiphong.example>" {
		t.Errorf("Message-ID = %q", id)
	}
	if p.header.Get("Auto-Submitted") != "auto-generated" || p.header.Get("Mime-Version") != "1.0" {
		t.Errorf("headers = %v", p.header)
	}
}

func TestSMTPEnglishSubjectStaysReadable(t *testing.T) {
	be := &testBackend{}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr)
	m := Message{To: []string{"Lê Minh Tuấn <tuan@example.org>", "an@example.org"}, Subject: "Plain ASCII subject", Text: "Xin chào\n"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := be.messages()[0]
	if len(got.To) != 2 {
		t.Fatalf("recipients = %v", got.To)
	}
	p := parseMail(t, got.Data)
	if p.header.Get("Subject") != "Plain ASCII subject" || p.ctype != "text/plain" || !sameBody(p.text, "Xin chào") || p.html != "" {
		t.Errorf("subject %q, type %s, text %q, html %q", p.header.Get("Subject"), p.ctype, p.text, p.html)
	}
	to, err := p.header.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Name != "Lê Minh Tuấn" {
		t.Errorf("To = %v, %v", to, err)
	}
	if id := p.header.Get("Message-Id"); !strings.HasPrefix(id, "<lichtruc.") || !strings.HasSuffix(id, "@tgpl-haiphong.example>") {
		t.Errorf("random Message-ID = %q", id)
	}
}

func TestSMTPServerDownThenUp(t *testing.T) {
	be := &testBackend{}
	addr, stop := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	m := ReminderMessage(fixtureDuty(hcm(t)), time.Hour, hcm(t))
	stop()

	err := s.Send(context.Background(), m)
	if err == nil {
		t.Fatal("Send to a stopped server succeeded")
	}
	if IsPermanent(err) {
		t.Errorf("connection refused is permanent: %v", err)
	}
	var de *DeliveryError
	if !errors.As(err, &de) || de.Code != 0 || de.Channel != "smtp" {
		t.Errorf("error = %#v", err)
	}
	var oe *net.OpError
	if !errors.As(err, &oe) {
		t.Errorf("error does not wrap the network error: %v", err)
	}

	be2 := &testBackend{}
	startSMTP(t, be2, serverOptions{addr: addr})
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send after the server came back: %v", err)
	}
	if n := len(be2.messages()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
}

func TestSMTPAuthPlain(t *testing.T) {
	be := &testBackend{users: map[string]string{"lichtruc": "mật khẩu:@/?"}}
	addr, _ := startSMTP(t, be, serverOptions{insecureAuth: true})
	m := Message{To: []string{"huong@example.org"}, Subject: "Thử", Text: "Thử nghiệm"}

	// The password is percent-encoded in the URL.
	good := newTestSender(t, "smtp://lichtruc:m%E1%BA%ADt%20kh%E1%BA%A9u%3A%40%2F%3F@"+addr+"?tls=none")
	if err := good.Send(context.Background(), m); err != nil {
		t.Fatalf("Send with the right password: %v", err)
	}
	if msgs := be.messages(); len(msgs) != 1 || msgs[0].User != "lichtruc" || msgs[0].TLS {
		t.Errorf("messages = %+v", msgs)
	}

	// A wrong password is a configuration error: temporary for the
	// message, which can go once the configuration is fixed; the code
	// tells what happened.
	bad := newTestSender(t, "smtp://lichtruc:wrong@"+addr+"?tls=none")
	err := bad.Send(context.Background(), m)
	var authErr *DeliveryError
	if !errors.As(err, &authErr) || authErr.Permanent || authErr.Code != 535 {
		t.Errorf("wrong password: err = %#v, want a temporary 535", err)
	}
	if strings.Contains(fmt.Sprint(err), "wrong") {
		t.Errorf("error repeats the password: %v", err)
	}

	anon := newTestSender(t, "smtp://"+addr+"?tls=none")
	err = anon.Send(context.Background(), m)
	var de *DeliveryError
	if !errors.As(err, &de) || !de.Permanent || de.Code != 502 {
		t.Errorf("no credentials: err = %v, want a permanent 502", err)
	}
	if n := len(be.messages()); n != 1 {
		t.Errorf("server got %d messages, want 1", n)
	}
}

func TestSMTPReplies(t *testing.T) {
	be := &testBackend{
		rcptErr: func(to string) error {
			switch {
			case strings.HasPrefix(to, "busy@"):
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
			case strings.HasPrefix(to, "nobody@"):
				return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
			}
			return nil
		},
		dataErr: func(data []byte) error {
			if bytes.Contains(data, []byte("GREYLIST")) {
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "Greylisted"}
			}
			if bytes.Contains(data, []byte("SPAM")) {
				return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Rejected"}
			}
			return nil
		},
	}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	tests := []struct {
		name      string
		m         Message
		wantErr   bool
		permanent bool
		code      int
	}{
		{"accepted", Message{To: []string{"an@example.org"}, Subject: "ok", Text: "ok"}, false, false, 0},
		{"4xx at RCPT", Message{To: []string{"busy@example.org"}, Subject: "x", Text: "x"}, true, false, 451},
		{"5xx at RCPT", Message{To: []string{"nobody@example.org"}, Subject: "x", Text: "x"}, true, true, 550},
		{"4xx after DATA", Message{To: []string{"an@example.org"}, Subject: "x", Text: "GREYLIST"}, true, false, 451},
		{"5xx after DATA", Message{To: []string{"an@example.org"}, Subject: "x", Text: "SPAM"}, true, true, 554},
		{"no recipient", Message{Subject: "x", Text: "x"}, true, true, 0},
		{"malformed recipient", Message{To: []string{"not an address"}, Subject: "x", Text: "x"}, true, true, 0},
		{"no body", Message{To: []string{"an@example.org"}, Subject: "x"}, true, true, 0},
		{"reserved header", Message{To: []string{"an@example.org"}, Subject: "x", Text: "x", Headers: map[string]string{"bcc": "x@example.org"}}, true, true, 0},
		{"bad header name", Message{To: []string{"an@example.org"}, Subject: "x", Text: "x", Headers: map[string]string{"X Bad": "1"}}, true, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Send(context.Background(), tt.m)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if err == nil {
				return
			}
			if IsPermanent(err) != tt.permanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", err, !tt.permanent, tt.permanent)
			}
			var de *DeliveryError
			if !errors.As(err, &de) || de.Code != tt.code {
				t.Errorf("err = %#v, want code %d", err, tt.code)
			}
		})
	}
	if n := be.accepted.Load(); n != 1 {
		t.Errorf("server accepted %d messages, want 1", n)
	}
}

func TestSMTPHeaders(t *testing.T) {
	be := &testBackend{}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	m := Message{
		To:      []string{"an@example.org"},
		Subject: "Lịch trực\r\nBcc: evil@example.org",
		Text:    "x",
		HTML:    "<p>x</p>",
		Headers: map[string]string{
			"message-id":       "<fixed.1@lichtruc.example>",
			"Reply-To":         "Phòng Nghiệp vụ <nghiepvu@tgpl-haiphong.example>",
			"X-Lichtruc":       "Ghi chú\nBcc: evil@example.org",
			"List-Unsubscribe": "<https://lichtruc.example/me/notifications>",
		},
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := be.messages()[0]
	if len(got.To) != 1 {
		t.Errorf("envelope recipients = %v", got.To)
	}
	p := parseMail(t, got.Data)
	if p.header.Get("Bcc") != "" {
		t.Errorf("header injection: Bcc = %q", p.header.Get("Bcc"))
	}
	if p.subject != "Lịch trực Bcc: evil@example.org" {
		t.Errorf("Subject = %q", p.subject)
	}
	if p.header.Get("Message-Id") != "<fixed.1@lichtruc.example>" {
		t.Errorf("Message-ID = %q", p.header.Get("Message-Id"))
	}
	rt, err := p.header.AddressList("Reply-To")
	if err != nil || len(rt) != 1 || rt[0].Name != "Phòng Nghiệp vụ" {
		t.Errorf("Reply-To = %v, %v", rt, err)
	}
	var dec mime.WordDecoder
	if x, _ := dec.DecodeHeader(p.header.Get("X-Lichtruc")); x != "Ghi chú Bcc: evil@example.org" {
		t.Errorf("X-Lichtruc = %q", x)
	}
	if p.header.Get("List-Unsubscribe") != "<https://lichtruc.example/me/notifications>" {
		t.Errorf("List-Unsubscribe = %q", p.header.Get("List-Unsubscribe"))
	}
}

func TestSMTPStartTLS(t *testing.T) {
	serverTLS, roots := selfSignedTLS(t)
	be := &testBackend{users: map[string]string{"lichtruc": "s3cret"}}
	// No AllowInsecureAuth: the server takes the password only after STARTTLS.
	addr, _ := startSMTP(t, be, serverOptions{tls: serverTLS})
	m := Message{To: []string{"an@example.org"}, Subject: "Bảo mật", Text: "qua TLS"}

	s := newTestSender(t, "smtp://lichtruc:s3cret@"+addr+"?tls=starttls", roots)
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send over STARTTLS: %v", err)
	}
	if msgs := be.messages(); len(msgs) != 1 || !msgs[0].TLS || msgs[0].User != "lichtruc" {
		t.Errorf("messages = %+v", msgs)
	}

	// The system roots do not trust the test certificate.
	untrusted := newTestSender(t, "smtp://lichtruc:s3cret@"+addr+"?tls=starttls")
	if err := untrusted.Send(context.Background(), m); err == nil {
		t.Error("Send trusted a self-signed certificate")
	}

	// A server without STARTTLS is refused in starttls mode.
	plainAddr, _ := startSMTP(t, &testBackend{}, serverOptions{})
	plain := newTestSender(t, "smtp://"+plainAddr+"?tls=starttls")
	if err := plain.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Errorf("starttls against a plain server: err = %v", err)
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	serverTLS, roots := selfSignedTLS(t)
	be := &testBackend{users: map[string]string{"lichtruc": "s3cret"}}
	addr, _ := startSMTP(t, be, serverOptions{tls: serverTLS, implicit: true})
	s := newTestSender(t, "smtp://lichtruc:s3cret@"+addr+"?tls=tls", roots)
	if err := s.Send(context.Background(), Message{To: []string{"an@example.org"}, Subject: "SMTPS", Text: "x"}); err != nil {
		t.Fatalf("Send over implicit TLS: %v", err)
	}
	if msgs := be.messages(); len(msgs) != 1 || !msgs[0].TLS || msgs[0].User != "lichtruc" {
		t.Errorf("messages = %+v", msgs)
	}
	untrusted := newTestSender(t, "smtp://lichtruc:s3cret@"+addr+"?tls=tls")
	if err := untrusted.Send(context.Background(), Message{To: []string{"an@example.org"}, Subject: "SMTPS", Text: "x"}); err == nil {
		t.Error("Send trusted a self-signed certificate")
	}
}

func TestSMTPSendManyOneConnection(t *testing.T) {
	be := &testBackend{rcptErr: func(to string) error {
		if strings.HasPrefix(to, "nobody@") {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		}
		return nil
	}}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	loc := hcm(t)
	var msgs []Message
	for i := range 5 {
		d := fixtureDuty(loc)
		d.Assignment.ID = int64(200 + i)
		msgs = append(msgs, ReminderMessage(d, time.Hour, loc))
	}
	msgs[1].To = nil                            // cannot be built
	msgs[3].To = []string{"nobody@example.org"} // refused by the server
	errs := s.SendMany(context.Background(), msgs)
	for i, err := range errs {
		wantErr := i == 1 || i == 3
		if (err != nil) != wantErr {
			t.Errorf("message %d: err = %v, want error %v", i, err, wantErr)
		}
		if err != nil && !IsPermanent(err) {
			t.Errorf("message %d: %v is not permanent", i, err)
		}
	}
	if got := be.messages(); len(got) != 3 {
		t.Fatalf("server got %d messages, want 3", len(got))
	}
	if n := be.conns.Load(); n != 1 {
		t.Errorf("SendMany used %d connections, want 1", n)
	}
	for i, r := range be.messages() {
		p := parseMail(t, r.Data)
		id := []int{200, 202, 204}[i]
		if want := fmt.Sprintf("<lichtruc.reminder.%d.3600.v3@tgpl-haiphong.example>", id); p.header.Get("Message-Id") != want {
			t.Errorf("message %d: Message-ID = %q, want %q", i, p.header.Get("Message-Id"), want)
		}
		if !sameBody(p.text, msgs[0].Text) {
			t.Errorf("message %d: text differs", i)
		}
	}
}

func TestSMTPConcurrentSends(t *testing.T) {
	be := &testBackend{users: map[string]string{"lichtruc": "pw"}}
	addr, _ := startSMTP(t, be, serverOptions{insecureAuth: true})
	s := newTestSender(t, "smtp://lichtruc:pw@"+addr+"?tls=none")
	const workers, each = 4, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				errs <- s.Send(context.Background(), Message{To: []string{fmt.Sprintf("w%d-%d@example.org", w, i)}, Subject: "Song song", Text: "x"})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(be.messages()); n != workers*each {
		t.Errorf("server got %d messages, want %d", n, workers*each)
	}
}

func TestSMTPSendManyServerDown(t *testing.T) {
	addr, stop := startSMTP(t, &testBackend{}, serverOptions{})
	stop()
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	msgs := []Message{
		{To: []string{"a@example.org"}, Subject: "1", Text: "1"},
		{Subject: "no recipient", Text: "2"},
		{To: []string{"c@example.org"}, Subject: "3", Text: "3"},
	}
	errs := s.SendMany(context.Background(), msgs)
	if errs[0] == nil || IsPermanent(errs[0]) || errs[2] == nil || IsPermanent(errs[2]) {
		t.Errorf("server down: errs = %v, want temporary errors", errs)
	}
	if errs[1] == nil || !IsPermanent(errs[1]) {
		t.Errorf("unbuildable message: err = %v, want permanent", errs[1])
	}
}

func TestSMTPCancelledContext(t *testing.T) {
	be := &testBackend{}
	addr, _ := startSMTP(t, be, serverOptions{})
	s := newTestSender(t, "smtp://"+addr+"?tls=none")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.Send(ctx, Message{To: []string{"a@example.org"}, Subject: "x", Text: "x"})
	if err == nil || IsPermanent(err) || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want a temporary context.Canceled", err)
	}
	if be.conns.Load() != 0 {
		t.Errorf("a cancelled send connected")
	}
}

func TestParseSMTPURL(t *testing.T) {
	tests := []struct {
		raw     string
		want    SMTPConfig
		wantErr string
	}{
		{raw: "smtp://mail.example.org", want: SMTPConfig{Host: "mail.example.org", Port: 587, TLS: TLSStartTLS}},
		{raw: "smtp://mail.example.org:2525?tls=starttls", want: SMTPConfig{Host: "mail.example.org", Port: 2525, TLS: TLSStartTLS}},
		{raw: "smtp://mail.example.org?tls=tls", want: SMTPConfig{Host: "mail.example.org", Port: 465, TLS: TLSImplicit}},
		{raw: "smtp://mail.example.org:465", want: SMTPConfig{Host: "mail.example.org", Port: 465, TLS: TLSImplicit}},
		{raw: "smtps://mail.example.org", want: SMTPConfig{Host: "mail.example.org", Port: 465, TLS: TLSImplicit}},
		{raw: "smtp://mail.example.org?tls=none", want: SMTPConfig{Host: "mail.example.org", Port: 25, TLS: TLSNone}},
		{raw: "smtp://mail.example.org:25?tls=NONE", want: SMTPConfig{Host: "mail.example.org", Port: 25, TLS: TLSNone}},
		{raw: "smtp://localhost:1025", want: SMTPConfig{Host: "localhost", Port: 1025, TLS: TLSNone}},
		{raw: "smtp://127.0.0.1", want: SMTPConfig{Host: "127.0.0.1", Port: 25, TLS: TLSNone}},
		{raw: "smtp://[::1]:2525", want: SMTPConfig{Host: "::1", Port: 2525, TLS: TLSNone}},
		{raw: " smtp://user%40example.org:p%40ss%3Aw0rd@mail.example.org:587/ ",
			want: SMTPConfig{Host: "mail.example.org", Port: 587, TLS: TLSStartTLS, Username: "user@example.org", Password: "p@ss:w0rd"}},
		{raw: "smtp://u:p@127.0.0.1:25?tls=none", want: SMTPConfig{Host: "127.0.0.1", Port: 25, TLS: TLSNone, Username: "u", Password: "p"}},
		{raw: "", wantErr: "empty"},
		{raw: "mail.example.org:25", wantErr: "scheme must be smtp"},
		{raw: "http://mail.example.org", wantErr: "scheme must be smtp"},
		{raw: "smtp://", wantErr: "no host"},
		{raw: "smtp:mail.example.org", wantErr: "no host"},
		{raw: "smtp://mail.example.org/inbox", wantErr: `unexpected path "/inbox"`},
		{raw: "smtp://mail.example.org?tls=ssl", wantErr: `tls="ssl"`},
		{raw: "smtp://mail.example.org?tls=none&tls=tls", wantErr: "tls given 2 times"},
		{raw: "smtp://mail.example.org?timeout=5s", wantErr: `unknown parameter "timeout"`},
		{raw: "smtps://mail.example.org?tls=none", wantErr: "smtps:// with tls=none"},
		{raw: "smtp://mail.example.org:0", wantErr: "port"},
		{raw: "smtp://mail.example.org:99999", wantErr: "port"},
		{raw: "smtp://secretuser@mail.example.org", wantErr: "has no password"},
		{raw: "smtp://:hunter2@mail.example.org", wantErr: "empty user name"},
		{raw: "smtp://u:hunter2@mail.example.org?tls=none", wantErr: "refusing to send the password unencrypted"},
		{raw: "smtp://u:hunter2@mail.example.org:x", wantErr: "cannot parse"},
		{raw: "smtp://u:hunter2@mail.example.org?tls=bogus", wantErr: `tls="bogus"`},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseSMTPURL(tt.raw)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseSMTPURL(%q) = %+v, want error containing %q", tt.raw, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("error repeats the password: %q", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSMTPURL(%q): %v", tt.raw, err)
			}
			if got != tt.want {
				t.Errorf("ParseSMTPURL(%q) = %+v, want %+v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestSMTPConfigString(t *testing.T) {
	cfg, err := ParseSMTPURL("smtp://user:hunter2@mail.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.String(); got != "smtp://user:xxxxx@mail.example.org:587?tls=starttls" {
		t.Errorf("String() = %q", got)
	}
}

func TestNewSMTPSenderChecks(t *testing.T) {
	cfg := SMTPConfig{Host: "mail.example.org", Port: 587, TLS: TLSStartTLS}
	tests := []struct {
		name    string
		cfg     SMTPConfig
		from    string
		wantErr string
	}{
		{"ok", cfg, "lichtruc@example.org", ""},
		{"ok with a Vietnamese name", cfg, "Trung tâm TGPL <lichtruc@example.org>", ""},
		{"no sender", cfg, " ", "LICHTRUC_MAIL_FROM"},
		{"bad sender", cfg, "lichtruc at example.org", "sender address"},
		{"no host", SMTPConfig{Port: 25, TLS: TLSNone}, "a@example.org", "no host"},
		{"no port", SMTPConfig{Host: "h", TLS: TLSNone}, "a@example.org", "port 0"},
		{"bad mode", SMTPConfig{Host: "h", Port: 25, TLS: "ssl"}, "a@example.org", `tls mode "ssl"`},
		{"password in clear to another host", SMTPConfig{Host: "mail.example.org", Port: 25, TLS: TLSNone, Username: "u", Password: "p"},
			"a@example.org", "refusing to send the password unencrypted"},
		{"password in clear to loopback", SMTPConfig{Host: "127.0.0.2", Port: 25, TLS: TLSNone, Username: "u", Password: "p"}, "a@example.org", ""},
	}
	for _, tt := range tests {
		_, err := NewSMTPSender(tt.cfg, tt.from)
		if tt.wantErr == "" && err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}

// BenchmarkSMTPSend sends reminders through the in-process server, one
// connection per message and in batches over one connection.
func BenchmarkSMTPSend(b *testing.B) {
	loc := hcm(b)
	m := ReminderMessage(fixtureDuty(loc), time.Hour, loc)
	be := &testBackend{discard: true}
	addr, _ := startSMTP(b, be, serverOptions{})
	s := newTestSender(b, "smtp://"+addr+"?tls=none")
	ctx := context.Background()

	b.Run("Send", func(b *testing.B) {
		for b.Loop() {
			if err := s.Send(ctx, m); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	})
	for _, size := range []int{10, 100} {
		b.Run(fmt.Sprintf("SendMany-%d", size), func(b *testing.B) {
			batch := make([]Message, size)
			for i := range batch {
				batch[i] = m
			}
			for b.Loop() {
				for _, err := range s.SendMany(ctx, batch) {
					if err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}
