package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// TLSMode is how the SMTP connection is protected.
type TLSMode string

// TLS modes of LICHTRUC_SMTP_URL's tls parameter.
const (
	TLSNone     TLSMode = "none"     // plain SMTP, no encryption (default port 25)
	TLSStartTLS TLSMode = "starttls" // plain connection upgraded with STARTTLS, required (default port 587)
	TLSImplicit TLSMode = "tls"      // TLS from the first byte, "SMTPS" (default port 465)
)

// DefaultSMTPTimeout bounds connecting and each step of an SMTP session when
// SMTPConfig.Timeout is zero.
const DefaultSMTPTimeout = 20 * time.Second

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	Host     string  // name or IP address of the server
	Port     int     // TCP port
	Username string  // empty: no SMTP AUTH
	Password string  // for Username
	TLS      TLSMode // how the connection is protected
	// Timeout bounds connecting and each step of the session; zero means
	// DefaultSMTPTimeout.
	Timeout time.Duration
	// TLSConfig verifies the server in the starttls and tls modes; nil
	// means the system's roots with ServerName Host.
	TLSConfig *tls.Config
}

// Addr returns "host:port".
func (c SMTPConfig) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// String formats c as an smtp URL with the password hidden, for logs.
func (c SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: c.Addr(), RawQuery: "tls=" + string(c.TLS)}
	if c.Username != "" {
		u.User = url.UserPassword(c.Username, "xxxxx")
	}
	return u.String()
}

// isLoopback reports whether host is this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ParseSMTPURL parses LICHTRUC_SMTP_URL:
// smtp://[user:pass@]host[:port][?tls=none|starttls|tls]. User and password
// are percent-decoded. Without tls, port 465 means tls, a loopback host
// (localhost, 127.0.0.1, ::1) means none, and anything else starttls. The
// default port follows the mode: 25 for none, 587 for starttls, 465 for
// tls. "smtps://" is accepted for tls. A user and password are sent over
// tls=none only to a loopback host. Errors never repeat the password.
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	fail := func(format string, args ...any) (SMTPConfig, error) {
		return SMTPConfig{}, fmt.Errorf("smtp URL: "+format, args...)
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return fail("empty; expected smtp://[user:pass@]host:port[?tls=none|starttls|tls]")
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) { // url.Error repeats the URL, password included
			err = ue.Err
		}
		return fail("cannot parse: %v", err)
	}
	shown := u.Redacted()
	var cfg SMTPConfig
	switch strings.ToLower(u.Scheme) {
	case "smtp":
	case "smtps":
		cfg.TLS = TLSImplicit
	default:
		return fail("%s: scheme must be smtp (or smtps)", shown)
	}
	if u.Opaque != "" || u.Host == "" {
		return fail("%s: no host; expected smtp://host:port", shown)
	}
	if u.Path != "" && u.Path != "/" {
		return fail("%s: unexpected path %q", shown, u.Path)
	}
	cfg.Host = u.Hostname()
	if cfg.Host == "" {
		return fail("%s: no host", shown)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fail("%s: bad query: %v", shown, err)
	}
	for k, vs := range q {
		if k != "tls" {
			return fail("%s: unknown parameter %q (only tls=none|starttls|tls)", shown, k)
		}
		if len(vs) != 1 {
			return fail("%s: tls given %d times", shown, len(vs))
		}
		mode := TLSMode(strings.ToLower(vs[0]))
		switch mode {
		case TLSNone, TLSStartTLS, TLSImplicit:
		default:
			return fail("%s: tls=%q; expected none, starttls or tls", shown, vs[0])
		}
		if cfg.TLS == TLSImplicit && mode != TLSImplicit {
			return fail("%s: smtps:// with tls=%s", shown, mode)
		}
		cfg.TLS = mode
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fail("%s: port %q is not 1–65535", shown, p)
		}
		cfg.Port = n
	}
	if cfg.TLS == "" {
		switch {
		case cfg.Port == 465:
			cfg.TLS = TLSImplicit
		case isLoopback(cfg.Host):
			cfg.TLS = TLSNone
		default:
			cfg.TLS = TLSStartTLS
		}
	}
	if cfg.Port == 0 {
		cfg.Port = map[TLSMode]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[cfg.TLS]
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		pass, ok := u.User.Password()
		if cfg.Username == "" {
			return fail("%s: empty user name", shown)
		}
		if !ok {
			return fail("%s: user %q has no password; expected user:pass@", shown, cfg.Username)
		}
		cfg.Password = pass
		if cfg.TLS == TLSNone && !isLoopback(cfg.Host) {
			return fail("%s: refusing to send the password unencrypted to %s; use tls=starttls or tls", shown, cfg.Host)
		}
	}
	return cfg, nil
}

// SMTPSender sends messages through an SMTP server with go-mail. Each Send
// opens its own connection; SendMany sends a batch over one. It is safe for
// concurrent use.
type SMTPSender struct {
	cfg    SMTPConfig
	client *mail.Client
	from   string
	domain string // of from, for Message-IDs
	// Now gives the Date header; nil means time.Now.
	Now func() time.Time
}

// NewSMTPSender returns a sender for cfg (as from ParseSMTPURL) that sends
// from the address from (LICHTRUC_MAIL_FROM, "addr" or "Name <addr>"). It
// checks its arguments but does not connect.
func NewSMTPSender(cfg SMTPConfig, from string) (*SMTPSender, error) {
	if strings.TrimSpace(from) == "" {
		return nil, errors.New("smtp sender: no sender address (LICHTRUC_MAIL_FROM)")
	}
	addr, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("smtp sender: sender address %q: %v", from, err)
	}
	if cfg.Host == "" {
		return nil, errors.New("smtp sender: no host")
	}
	if cfg.Port < 1 || cfg.Port > 65535 {
		return nil, fmt.Errorf("smtp sender: port %d is not 1–65535", cfg.Port)
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultSMTPTimeout
	}
	tlsConfig := cfg.TLSConfig
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	}
	opts := []mail.Option{
		mail.WithPort(cfg.Port),
		mail.WithTimeout(timeout),
		mail.WithTLSConfig(tlsConfig),
		// Each message is checked by its own reply; the NOOP before and
		// the RSET after every message only cost round trips.
		mail.WithoutNoop(),
		mail.WithoutRset(),
	}
	switch cfg.TLS {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	default:
		return nil, fmt.Errorf("smtp sender: tls mode %q; expected none, starttls or tls", cfg.TLS)
	}
	if cfg.Username != "" {
		auth := mail.SMTPAuthAutoDiscover // the strongest mechanism the server offers over TLS
		if cfg.TLS == TLSNone {
			if !isLoopback(cfg.Host) {
				return nil, fmt.Errorf("smtp sender: refusing to send the password unencrypted to %s; use tls=starttls or tls", cfg.Host)
			}
			auth = mail.SMTPAuthPlainNoEnc // the password does not leave this machine
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(cfg.Username), mail.WithPassword(cfg.Password))
	}
	client, err := mail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp sender: %w", err)
	}
	domain := addr.Address[strings.LastIndexByte(addr.Address, '@')+1:]
	return &SMTPSender{cfg: cfg, client: client, from: addr.String(), domain: domain}, nil
}

// Config returns the configuration the sender was made with.
func (s *SMTPSender) Config() SMTPConfig { return s.cfg }

// Send delivers m over a new connection. It returns nil once the server
// accepted the message (250 after DATA).
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	return s.SendMany(ctx, []Message{m})[0]
}

// SendMany delivers msgs over a single connection and returns one error per
// message, nil for each the server accepted.
//
// A message that cannot be built fails on its own (permanently), as does
// one the server refuses with a 5xx reply to MAIL, RCPT or DATA; a 4xx reply
// is temporary. If the session cannot be set up (connection, greeting,
// STARTTLS, AUTH), every message gets that error, as a temporary one even
// for a 5xx reply such as a wrong password: it concerns the configuration,
// not the messages, which can go once it is fixed.
//
// ctx bounds connecting and is checked before each message; each step of
// the session is bounded by the configured timeout.
func (s *SMTPSender) SendMany(ctx context.Context, msgs []Message) []error {
	errs := make([]error, len(msgs))
	built := make([]*mail.Msg, len(msgs))
	pending := 0
	for i, m := range msgs {
		mm, err := s.build(m)
		if err != nil {
			errs[i] = permanent("smtp", err)
			continue
		}
		built[i] = mm
		pending++
	}
	if pending == 0 {
		return errs
	}
	failRest := func(from int, err error) {
		for i := from; i < len(built); i++ {
			if built[i] != nil && errs[i] == nil {
				errs[i] = err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		failRest(0, &DeliveryError{Channel: "smtp", Err: err})
		return errs
	}
	sc, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		// Whatever the reply (a 535 for a wrong password, a 554
		// greeting), a session that cannot be set up says nothing about
		// the messages: they stay worth retrying once the server or the
		// configuration is fixed.
		de := classifySMTP(fmt.Errorf("session with %s: %w", s.cfg.Addr(), err))
		de.Permanent = false
		failRest(0, de)
		return errs
	}
	defer func() {
		// The messages are accepted or not by now: a failing QUIT
		// changes nothing, but the connection must still be closed.
		if err := s.client.CloseWithSMTPClient(sc); err != nil {
			_ = sc.Close()
		}
	}()
	for i, mm := range built {
		if mm == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			failRest(i, &DeliveryError{Channel: "smtp", Err: err})
			break
		}
		if err := s.client.SendWithSMTPClient(sc, mm); err != nil {
			errs[i] = classifySMTP(err)
		}
	}
	return errs
}

// classifySMTP wraps an SMTP failure as a DeliveryError: a 5xx reply is
// permanent, a 4xx reply or a network failure temporary.
func classifySMTP(err error) *DeliveryError {
	de := &DeliveryError{Channel: "smtp", Err: err}
	if se, ok := errors.AsType[*mail.SendError](err); ok {
		de.Code = se.ErrorCode()
		switch {
		case de.Code >= 500:
			de.Permanent = true
		case de.Code >= 400:
		case se.Reason == mail.ErrGetSender || se.Reason == mail.ErrGetRcpts || se.Reason == mail.ErrNoUnencoded:
			de.Permanent = true
		}
		return de
	}
	if te, ok := errors.AsType[*textproto.Error](err); ok {
		de.Code = te.Code
		de.Permanent = te.Code >= 500
	}
	return de
}

// reservedHeaders are set by the sender from the Message's fields.
var reservedHeaders = map[string]bool{
	"From": true, "Sender": true, "To": true, "Cc": true, "Bcc": true, "Subject": true, "Date": true,
	"Mime-Version": true, "Content-Type": true, "Content-Transfer-Encoding": true,
}

// build turns m into a go-mail message: From, To, Subject (encoded-word
// when not ASCII), Date, Message-ID, the extra headers, and a text/plain
// body with a text/html alternative, both UTF-8 quoted-printable.
func (s *SMTPSender) build(m Message) (*mail.Msg, error) {
	mm := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := mm.From(s.from); err != nil {
		return nil, fmt.Errorf("sender address: %w", err)
	}
	if len(m.To) == 0 {
		return nil, errors.New("message has no recipient")
	}
	if err := mm.To(m.To...); err != nil {
		return nil, fmt.Errorf("recipient: %w", err)
	}
	if m.Text == "" && m.HTML == "" {
		return nil, errors.New("message has no body")
	}
	mm.Subject(oneLine(m.Subject))
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	mm.SetDateWithValue(now())
	msgID := ""
	for k, v := range m.Headers {
		name := textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		switch {
		case !validHeaderName(name):
			return nil, fmt.Errorf("header name %q is not valid", k)
		case reservedHeaders[name]:
			return nil, fmt.Errorf("header %q is set by the sender", name)
		case name == "Message-Id":
			msgID = strings.Trim(strings.TrimSpace(v), "<>")
			if msgID == "" || strings.ContainsAny(msgID, " \t\r\n<>") || !strings.Contains(msgID, "@") {
				return nil, fmt.Errorf("header Message-ID %q is not id@domain", v)
			}
		case name == "Reply-To":
			if err := mm.ReplyTo(v); err != nil {
				return nil, fmt.Errorf("header Reply-To: %w", err)
			}
		default:
			mm.SetGenHeader(mail.Header(name), oneLine(v))
		}
	}
	if msgID == "" {
		msgID = s.messageID(m.Key)
	}
	mm.SetMessageIDWithValue(msgID)
	mm.SetUserAgent("lichtruc")
	switch {
	case m.Text != "" && m.HTML != "":
		mm.SetBodyString(mail.TypeTextPlain, m.Text)
		mm.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	case m.Text != "":
		mm.SetBodyString(mail.TypeTextPlain, m.Text)
	default:
		mm.SetBodyString(mail.TypeTextHTML, m.HTML)
	}
	return mm, nil
}

// messageID returns the Message-ID for a message with key: derived from the
// key, so every retry of one outbox message carries the same ID and mail
// clients can tell duplicates, or random when there is no key.
func (s *SMTPSender) messageID(key string) string {
	local := ""
	if key != "" {
		var b strings.Builder
		b.WriteString("lichtruc.")
		for _, r := range key {
			if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_+=", r)) {
				b.WriteRune(r)
			} else if !strings.HasSuffix(b.String(), ".") {
				b.WriteByte('.')
			}
		}
		local = strings.Trim(b.String(), ".")
	} else {
		var buf [16]byte
		_, _ = rand.Read(buf[:])
		local = "lichtruc." + hex.EncodeToString(buf[:])
	}
	return local + "@" + s.domain
}

// validHeaderName reports whether name is an RFC 5322 field name.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}
