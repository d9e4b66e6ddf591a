package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Webhook request headers.
const (
	// HeaderSignature carries "sha256=<hex HMAC-SHA256 of the body>".
	HeaderSignature = "X-Lichtruc-Signature"
	// HeaderTimestamp carries the Unix time (seconds) the request was made.
	HeaderTimestamp = "X-Lichtruc-Timestamp"
	// HeaderEvent carries the message's Event.
	HeaderEvent = "X-Lichtruc-Event"
	// HeaderDelivery carries the message's Key, the same on every retry.
	HeaderDelivery = "X-Lichtruc-Delivery"
)

// DefaultWebhookTimeout bounds a webhook request when WebhookSender.Client
// is nil.
const DefaultWebhookTimeout = 15 * time.Second

// WebhookPayload is the JSON body a WebhookSender posts.
type WebhookPayload struct {
	ID      string         `json:"id,omitempty"`   // the message's Key: deduplicate retries by it
	Event   string         `json:"event"`          // Message.Event, "message" if empty
	To      []string       `json:"to"`             // the e-mail addresses, [] if none
	Subject string         `json:"subject"`        // as the e-mail's
	Text    string         `json:"text"`           // the plain-text body
	HTML    string         `json:"html,omitempty"` // the HTML body
	Data    map[string]any `json:"data,omitempty"` // Message.Data: the structured content
	SentAt  time.Time      `json:"sent_at"`        // also in HeaderTimestamp, but covered by the signature here
}

// WebhookSender posts each message as JSON (WebhookPayload) to URL. When
// Secret is set, the request carries HeaderSignature, the HMAC-SHA256 of
// the body keyed with Secret, which receivers check with VerifySignature;
// since the signature covers the body only, receivers should also check
// that sent_at is recent. A 2xx answer means accepted; 408, 429 and 5xx are
// temporary failures, any other answer (including a redirect, which is not
// followed) is permanent.
type WebhookSender struct {
	URL    string // absolute http or https URL of the receiver
	Secret string // HMAC key of the signature; empty: unsigned
	// Client makes the requests; nil means one with DefaultWebhookTimeout
	// that does not follow redirects.
	Client *http.Client
	// Now gives sent_at and the timestamp header; nil means time.Now.
	Now func() time.Time
}

// Sign returns the signature header value of body under secret:
// "sha256=<hex HMAC-SHA256>".
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifySignature reports whether header (the HeaderSignature value) is
// the signature of body under secret, comparing in constant time. An empty
// secret verifies nothing.
func VerifySignature(secret string, body []byte, header string) bool {
	if secret == "" {
		return false
	}
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Send posts m. It returns nil on a 2xx answer and a *DeliveryError
// otherwise.
func (s WebhookSender) Send(ctx context.Context, m Message) error {
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return permanent("webhook", errors.New("webhook URL must be an absolute http or https URL"))
	}
	where := u.Scheme + "://" + u.Host // the path or query may hold a token: keep it out of errors
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	sent := now().UTC().Truncate(time.Second)
	p := WebhookPayload{
		ID: m.Key, Event: m.Event, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Data: m.Data, SentAt: sent,
	}
	if p.Event == "" {
		p.Event = "message"
	}
	if p.To == nil {
		p.To = []string{}
	}
	body, err := json.Marshal(p)
	if err != nil {
		return permanent("webhook", fmt.Errorf("encode payload: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return permanent("webhook", fmt.Errorf("request to %s: %w", where, unwrapURLError(err)))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "lichtruc-webhook/1")
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(sent.Unix(), 10))
	req.Header.Set(HeaderEvent, p.Event)
	if m.Key != "" {
		req.Header.Set(HeaderDelivery, m.Key)
	}
	if s.Secret != "" {
		req.Header.Set(HeaderSignature, Sign(s.Secret, body))
	}
	client := s.Client
	if client == nil {
		client = &http.Client{
			Timeout:       DefaultWebhookTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return &DeliveryError{Channel: "webhook", Err: fmt.Errorf("POST %s: %w", where, unwrapURLError(err))}
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 256))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so the connection can be reused
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	de := &DeliveryError{
		Channel: "webhook",
		Code:    resp.StatusCode,
		Err:     fmt.Errorf("POST %s: %s: %s", where, resp.Status, strings.TrimSpace(string(snippet))),
	}
	switch c := resp.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusTooEarly, c == http.StatusTooManyRequests, c >= 500:
		de.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), sent)
	case c >= 300:
		de.Permanent = true
	}
	return de
}

// unwrapURLError drops the *url.Error layer, which repeats the whole URL.
func unwrapURLError(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Err
	}
	return err
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
