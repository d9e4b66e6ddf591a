package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// webhookCall is one request the test endpoint got.
type webhookCall struct {
	header http.Header
	body   []byte
}

// webhookEndpoint records requests and answers with status.
func webhookEndpoint(t *testing.T, status int, extra http.Header) (*httptest.Server, func() []webhookCall) {
	t.Helper()
	var mu sync.Mutex
	var calls []webhookCall
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		calls = append(calls, webhookCall{r.Header.Clone(), body})
		mu.Unlock()
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		for k, vs := range extra {
			w.Header()[k] = vs
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, http.StatusText(status))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []webhookCall {
		mu.Lock()
		defer mu.Unlock()
		return append([]webhookCall(nil), calls...)
	}
}

func TestWebhookSendSigned(t *testing.T) {
	srv, calls := webhookEndpoint(t, http.StatusAccepted, nil)
	now := time.Date(2027, 1, 3, 7, 30, 0, 0, hcm(t))
	s := WebhookSender{URL: srv.URL + "/hooks/lichtruc?token=abc", Secret: "bí mật", Client: srv.Client(), Now: func() time.Time { return now }}
	m := ReminderMessage(fixtureDuty(hcm(t)), 24*time.Hour, hcm(t))

	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := calls()
	if len(got) != 1 {
		t.Fatalf("endpoint got %d requests", len(got))
	}
	c := got[0]
	sig := c.header.Get(HeaderSignature)
	if !VerifySignature("bí mật", c.body, sig) {
		t.Errorf("signature %q does not verify", sig)
	}
	if c.header.Get(HeaderTimestamp) != "1798936200" || c.header.Get(HeaderEvent) != EventReminder ||
		c.header.Get(HeaderDelivery) != "reminder:101:86400:v3" || c.header.Get("Content-Type") != "application/json" {
		t.Errorf("headers = %v", c.header)
	}
	var p struct {
		ID      string         `json:"id"`
		Event   string         `json:"event"`
		To      []string       `json:"to"`
		Subject string         `json:"subject"`
		Text    string         `json:"text"`
		HTML    string         `json:"html"`
		Data    map[string]any `json:"data"`
		SentAt  time.Time      `json:"sent_at"`
	}
	if err := json.Unmarshal(c.body, &p); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, c.body)
	}
	if p.ID != m.Key || p.Event != EventReminder || len(p.To) != 1 || p.To[0] != m.To[0] ||
		p.Subject != m.Subject || p.Text != m.Text || p.HTML != m.HTML || !p.SentAt.Equal(now) {
		t.Errorf("payload = %+v", p)
	}
	if p.Data["site"] != "TAND-KV1" || p.Data["start"] != "2027-01-04T07:30:00+07:00" || p.Data["assignment_id"] != float64(101) {
		t.Errorf("data = %v", p.Data)
	}
	if !strings.Contains(string(c.body), "Nguyễn Thị Hương") {
		t.Errorf("body does not carry UTF-8 as is")
	}
}

func TestVerifySignature(t *testing.T) {
	body := []byte(`{"event":"duty.reminder","subject":"Nhắc lịch trực"}`)
	sig := Sign("s3cret", body)
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Fatalf("Sign = %q", sig)
	}
	tampered := bytes.Replace(body, []byte("reminder"), []byte("remindex"), 1)
	tests := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   bool
	}{
		{"good", "s3cret", body, sig, true},
		{"blanks around the header", "s3cret", body, " " + sig + " ", true},
		{"tampered body", "s3cret", tampered, sig, false},
		{"wrong secret", "other", body, sig, false},
		{"no prefix", "s3cret", body, strings.TrimPrefix(sig, "sha256="), false},
		{"other algorithm", "s3cret", body, "sha1=" + strings.TrimPrefix(sig, "sha256="), false},
		{"not hex", "s3cret", body, "sha256=zz", false},
		{"truncated", "s3cret", body, sig[:len(sig)-2], false},
		{"empty header", "s3cret", body, "", false},
		{"empty secret", "", body, Sign("", body), false},
	}
	for _, tt := range tests {
		if got := VerifySignature(tt.secret, tt.body, tt.header); got != tt.want {
			t.Errorf("%s: VerifySignature = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWebhookNoSecretNoSignature(t *testing.T) {
	srv, calls := webhookEndpoint(t, http.StatusOK, nil)
	s := WebhookSender{URL: srv.URL, Client: srv.Client()}
	if err := s.Send(context.Background(), Message{Subject: "x", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	c := calls()[0]
	if c.header.Get(HeaderSignature) != "" {
		t.Errorf("unsigned sender sent %q", c.header.Get(HeaderSignature))
	}
	if !bytes.Contains(c.body, []byte(`"event":"message"`)) || !bytes.Contains(c.body, []byte(`"to":[]`)) {
		t.Errorf("body = %s", c.body)
	}
}

func TestWebhookStatuses(t *testing.T) {
	tests := []struct {
		status     int
		extra      http.Header
		wantErr    bool
		permanent  bool
		retryAfter time.Duration
	}{
		{status: 200}, {status: 201}, {status: 202}, {status: 204},
		{status: 400, wantErr: true, permanent: true},
		{status: 401, wantErr: true, permanent: true},
		{status: 404, wantErr: true, permanent: true},
		{status: 410, wantErr: true, permanent: true},
		{status: 422, wantErr: true, permanent: true},
		{status: 408, wantErr: true},
		{status: 429, extra: http.Header{"Retry-After": {"120"}}, wantErr: true, retryAfter: 2 * time.Minute},
		{status: 500, wantErr: true},
		{status: 502, wantErr: true},
		{status: 503, extra: http.Header{"Retry-After": {"Sun, 03 Jan 2027 00:35:00 GMT"}}, wantErr: true, retryAfter: 5 * time.Minute},
	}
	now := time.Date(2027, 1, 3, 0, 30, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			srv, calls := webhookEndpoint(t, tt.status, tt.extra)
			s := WebhookSender{URL: srv.URL, Secret: "k", Client: srv.Client(), Now: func() time.Time { return now }}
			err := s.Send(context.Background(), Message{Event: "test", Subject: "x", Text: "x"})
			if (err != nil) != tt.wantErr {
				t.Fatalf("status %d: err = %v, want error %v", tt.status, err, tt.wantErr)
			}
			if len(calls()) != 1 {
				t.Errorf("endpoint got %d requests", len(calls()))
			}
			if err == nil {
				return
			}
			if IsPermanent(err) != tt.permanent {
				t.Errorf("status %d: IsPermanent = %v, want %v (%v)", tt.status, !tt.permanent, tt.permanent, err)
			}
			var de *DeliveryError
			if !errors.As(err, &de) || de.Code != tt.status || de.RetryAfter != tt.retryAfter {
				t.Errorf("err = %#v, want code %d, Retry-After %v", err, tt.status, tt.retryAfter)
			}
		})
	}
}

func TestWebhookDoesNotFollowRedirects(t *testing.T) {
	var hits atomic.Int64
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer target.Close()
	redirect := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusFound))
	defer redirect.Close()
	err := WebhookSender{URL: redirect.URL}.Send(context.Background(), Message{Subject: "x", Text: "x"})
	if err == nil || !IsPermanent(err) {
		t.Errorf("redirect: err = %v, want permanent", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the redirect was followed")
	}
}

func TestWebhookEndpointDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/hooks/secret-token-123?key=hunter2"
	srv.Close()
	err := WebhookSender{URL: url, Secret: "k"}.Send(context.Background(), Message{Subject: "x", Text: "x"})
	if err == nil || IsPermanent(err) {
		t.Fatalf("endpoint down: err = %v, want temporary", err)
	}
	if strings.Contains(err.Error(), "secret-token-123") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error repeats the URL's secret parts: %v", err)
	}
}

func TestWebhookBadURL(t *testing.T) {
	for _, u := range []string{"", "ftp://example.org/hook", "/relative", "http://"} {
		err := WebhookSender{URL: u}.Send(context.Background(), Message{Subject: "x", Text: "x"})
		if err == nil || !IsPermanent(err) {
			t.Errorf("URL %q: err = %v, want permanent", u, err)
		}
	}
}

func TestWebhookCancelled(t *testing.T) {
	srv, _ := webhookEndpoint(t, http.StatusOK, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := WebhookSender{URL: srv.URL, Client: srv.Client()}.Send(ctx, Message{Subject: "x", Text: "x"})
	if err == nil || IsPermanent(err) || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want a temporary context.Canceled", err)
	}
}

func TestLogSender(t *testing.T) {
	var buf bytes.Buffer
	s := LogSender{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}
	m := ReminderMessage(fixtureDuty(hcm(t)), time.Hour, hcm(t))
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("log record: %v\n%s", err, buf.String())
	}
	if rec["subject"] != m.Subject || rec["event"] != EventReminder || rec["key"] != m.Key || !strings.Contains(rec["text"].(string), "Trần Văn Đức") {
		t.Errorf("log record = %v", rec)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, m); err == nil || IsPermanent(err) {
		t.Errorf("cancelled: err = %v", err)
	}
}
