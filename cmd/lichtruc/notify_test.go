package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

func TestConfigNotifySettings(t *testing.T) {
	bad := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LICHTRUC_REMINDER_LEADS": "24h,1d"}, "LICHTRUC_REMINDER_LEADS"},
		{map[string]string{"LICHTRUC_REMINDER_LEADS": ","}, "LICHTRUC_REMINDER_LEADS"},
		{map[string]string{"LICHTRUC_REMINDER_SCHEDULE": "every minute"}, "LICHTRUC_REMINDER_SCHEDULE"},
		{map[string]string{"LICHTRUC_DAILY_SCHEDULE": "0 25 * * *"}, "LICHTRUC_DAILY_SCHEDULE"},
		{map[string]string{"LICHTRUC_SMTP_URL": "http://mail.example"}, "LICHTRUC_SMTP_URL"},
		{map[string]string{"LICHTRUC_MAIL_FROM": "not an address"}, "LICHTRUC_MAIL_FROM"},
		{map[string]string{"LICHTRUC_WEBHOOK_URL": "hooks.example/x"}, "LICHTRUC_WEBHOOK_URL"},
		{map[string]string{"LICHTRUC_MANAGER_EMAILS": "a@tgpl.example, nope"}, "LICHTRUC_MANAGER_EMAILS"},
	}
	for _, tt := range bad {
		_, err := parseConfig("serve", nil, func(k string) string { return tt.env[k] }, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("serve with %v: error %v, want one naming %s", tt.env, err, tt.want)
		}
		// Only serve sends anything: migrate does not mind.
		if _, err := parseConfig("migrate", nil, func(k string) string { return tt.env[k] }, &bytes.Buffer{}); err != nil {
			t.Errorf("migrate with %v: %v", tt.env, err)
		}
	}
	env := map[string]string{"LICHTRUC_REMINDER_LEADS": "1h, 24h", "LICHTRUC_SMTP_URL": "smtp://127.0.0.1:2525",
		"LICHTRUC_MANAGER_EMAILS": "Phòng Nghiệp vụ <nghiepvu@tgpl.example>, giamdoc@tgpl.example"}
	cfg, err := parseConfig("serve", nil, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Leads) != 2 || cfg.Leads[0] != 24*time.Hour || cfg.SMTP == nil || cfg.SMTP.Port != 2525 ||
		len(cfg.ManagerEmailList) != 2 || cfg.DailySchedule != "0 7 * * *" {
		t.Fatalf("config: %+v", cfg)
	}
	// A bad value stops the start before anything listens.
	err = run(context.Background(), []string{"serve"}, func(k string) string {
		return map[string]string{"LICHTRUC_REMINDER_LEADS": "soon", "LICHTRUC_DB": filepath.Join(t.TempDir(), "x.db")}[k]
	}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "LICHTRUC_REMINDER_LEADS") {
		t.Fatalf("serve with bad leads: %v", err)
	}
}

// mailbox is a minimal SMTP backend that keeps what it accepts.
type mailbox struct {
	mu   sync.Mutex
	msgs []string
}

func (b *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &mailSession{b: b}, nil }

func (b *mailbox) all() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs...)
}

type mailSession struct{ b *mailbox }

func (s *mailSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *mailSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *mailSession) Reset()                               {}
func (s *mailSession) Logout() error                        { return nil }
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, string(b))
	s.b.mu.Unlock()
	return nil
}

// TestServeSendsReminders runs the whole program with an SMTP server and a
// scan every second: a duty starting in 30 minutes gets its hour-before
// reminder by e-mail, once.
func TestServeSendsReminders(t *testing.T) {
	box := &mailbox{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(box)
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			t.Errorf("smtp: %v", err)
		}
	}()
	t.Cleanup(func() { srv.Close() })

	addr := freeAddr(t)
	env := map[string]string{
		"LICHTRUC_ADDR":              addr,
		"LICHTRUC_DB":                filepath.Join(t.TempDir(), "run.db"),
		"LICHTRUC_BOOTSTRAP_TOKEN":   "secret-admin-token",
		"LICHTRUC_BASE_URL":          "http://" + addr,
		"LICHTRUC_SMTP_URL":          "smtp://" + ln.Addr().String(),
		"LICHTRUC_MAIL_FROM":         "lichtruc@tgpl.example",
		"LICHTRUC_REMINDER_SCHEDULE": "@every 1s",
	}
	var errOut syncBuffer
	stop := startServe(t, []string{"serve"}, env, io.Discard, &errOut)
	base := "http://" + addr
	call := func(method, path string, body any) map[string]any {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer secret-admin-token")
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		if resp.StatusCode >= 300 {
			t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, m)
		}
		return m
	}
	call("POST", "/api/v1/sites", map[string]any{"code": "TRUC-DT", "name": "Trực điện thoại", "kind": "office",
		"slots": []map[string]any{{"name": "Cả ngày", "start": "00:00", "end": "00:00", "officers": 1, "days": "daily"}}})
	o := call("POST", "/api/v1/officers", map[string]any{"full_name": "Nguyễn Thị Hương", "kind": "legal_aid_officer",
		"email": "huong@tgpl.example", "phone": "0904 111 222", "specialties": []string{}})
	start := time.Now().Add(30 * time.Minute).Truncate(time.Minute)
	call("POST", "/api/v1/assignments", map[string]any{"site": "TRUC-DT", "officer_id": o["id"],
		"start": start.Format(time.RFC3339), "end": start.Add(time.Hour).Format(time.RFC3339)})

	// The next scan (each second, real time) writes and sends it: wait
	// for the outbox to say so, with a deadline.
	var n []any
	deadline := time.Now().Add(20 * time.Second)
	for {
		n = call("GET", "/api/v1/notifications?kind=reminder", nil)["notifications"].([]any)
		if len(n) == 1 && n[0].(map[string]any)["status"] == "sent" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(n) != 1 || n[0].(map[string]any)["status"] != "sent" || n[0].(map[string]any)["recipient"] != "huong@tgpl.example" {
		t.Fatalf("notifications: %v\nlog:\n%s", n, errOut.String())
	}
	msgs := box.all()
	if len(msgs) != 1 || !strings.Contains(msgs[0], "huong@tgpl.example") || !strings.Contains(msgs[0], "Message-ID: <lichtruc.reminder.") {
		t.Fatalf("%d e-mails, want the one reminder:\n%v", len(msgs), msgs)
	}
	stop()
	if !strings.Contains(errOut.String(), "notify: scheduler stopped") {
		t.Errorf("the scheduler was not stopped on shutdown:\n%s", errOut.String())
	}
}
