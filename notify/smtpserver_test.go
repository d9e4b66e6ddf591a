package notify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message the test server accepted.
type received struct {
	From string
	To   []string
	Data []byte
	User string // who authenticated, if anyone
	TLS  bool   // whether the session was encrypted
}

// testBackend is an in-process SMTP backend that records what it accepts.
type testBackend struct {
	// users, when set, makes the server offer AUTH PLAIN and require it.
	users map[string]string
	// rcptErr, when set, answers RCPT TO (nil accepts).
	rcptErr func(to string) error
	// dataErr, when set, answers the end of DATA (nil accepts).
	dataErr func(data []byte) error
	// discard drops message contents (benchmarks).
	discard bool

	mu       sync.Mutex
	msgs     []received
	accepted atomic.Int64 // messages accepted
	conns    atomic.Int64 // connections accepted
}

func (b *testBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &testSession{b: b, c: c}, nil
}

func (b *testBackend) messages() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.msgs...)
}

type testSession struct {
	b    *testBackend
	c    *smtp.Conn
	user string
	from string
	to   []string
}

func (s *testSession) AuthMechanisms() []string {
	if s.b.users == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if want, ok := s.b.users[username]; !ok || want != password {
			return smtp.ErrAuthFailed
		}
		s.user = username
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.b.users != nil && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.b.rcptErr != nil {
		if err := s.b.rcptErr(to); err != nil {
			return err
		}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	var data []byte
	var err error
	if s.b.discard {
		_, err = io.Copy(io.Discard, r)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return err
	}
	if s.b.dataErr != nil {
		if err := s.b.dataErr(data); err != nil {
			return err
		}
	}
	s.b.accepted.Add(1)
	if !s.b.discard {
		_, isTLS := s.c.TLSConnectionState()
		s.b.mu.Lock()
		s.b.msgs = append(s.b.msgs, received{From: s.from, To: s.to, Data: data, User: s.user, TLS: isTLS})
		s.b.mu.Unlock()
	}
	return nil
}

func (s *testSession) Reset()        { s.from, s.to = "", nil }
func (s *testSession) Logout() error { return nil }

// countingListener counts accepted connections.
type countingListener struct {
	net.Listener
	n *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// serverOptions configure startSMTP.
type serverOptions struct {
	addr         string      // "" picks a free loopback port
	tls          *tls.Config // offered by STARTTLS, or used from the first byte with implicit
	implicit     bool
	insecureAuth bool
}

// startSMTP runs an SMTP server for be on loopback until the test ends and
// returns its address and a function that stops it early.
func startSMTP(t testing.TB, be *testBackend, o serverOptions) (addr string, stop func()) {
	t.Helper()
	if o.addr == "" {
		o.addr = "127.0.0.1:0"
	}
	var ln net.Listener
	var err error
	// A port just given up may take a moment to be free again.
	for try := 0; try < 50; try++ {
		if ln, err = net.Listen("tcp", o.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("listen on %s: %v", o.addr, err)
	}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.MaxRecipients = 50
	srv.AllowInsecureAuth = o.insecureAuth
	srv.ErrorLog = log.New(io.Discard, "", 0)
	var l net.Listener = countingListener{ln, &be.conns}
	if o.tls != nil {
		if o.implicit {
			l = tls.NewListener(l, o.tls)
		} else {
			srv.TLSConfig = o.tls
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(l); err != nil && !errors.Is(err, smtp.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			t.Errorf("smtp server: %v", err)
		}
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			_ = srv.Close()
			_ = ln.Close() // Serve may not have registered it with srv yet
			<-done
		})
	}
	t.Cleanup(stop)
	return ln.Addr().String(), stop
}

// selfSignedTLS returns a server config with a fresh certificate for
// 127.0.0.1 and localhost, and a pool that trusts it.
func selfSignedTLS(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "lichtruc test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
