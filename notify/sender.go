package notify

import (
	"context"
	"log/slog"
)

// Sender delivers a Message. Send returns nil only when the mail server or
// endpoint accepted the message; a failure is a *DeliveryError (possibly
// wrapped), which IsPermanent classifies. Senders are safe for concurrent
// use.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Compile-time checks that the senders implement Sender.
var (
	_ Sender = (*SMTPSender)(nil)
	_ Sender = WebhookSender{}
	_ Sender = LogSender{}
)

// LogSender writes messages to a log instead of sending them: the sender
// used when LICHTRUC_SMTP_URL is unset, and the "log" reminder channel.
type LogSender struct {
	// Logger receives one Info record per message; nil means slog.Default().
	Logger *slog.Logger
}

// Send logs m (event, key, recipients, subject and plain-text body) and
// returns nil, or the context's error if ctx is already done.
func (s LogSender) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return &DeliveryError{Channel: "log", Err: err}
	}
	logger := s.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.LogAttrs(ctx, slog.LevelInfo, "notify: message logged, not sent",
		slog.String("event", m.Event),
		slog.String("key", m.Key),
		slog.Any("to", m.To),
		slog.String("subject", m.Subject),
		slog.String("text", m.Text),
	)
	return nil
}
