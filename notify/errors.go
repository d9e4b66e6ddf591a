package notify

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"time"
)

// DeliveryError is a failed delivery, classified for the retry logic.
// Senders return it (wrapped or not) for every failure they can classify.
type DeliveryError struct {
	// Channel is the sender that failed: "smtp" or "webhook".
	Channel string
	// Permanent is true when trying the same message again cannot succeed:
	// a 5xx SMTP reply, a 4xx webhook answer other than 408 and 429, a
	// message that cannot be built (no or malformed recipient).
	Permanent bool
	// Code is the SMTP reply code or HTTP status, 0 when there was none
	// (connection refused, timeout).
	Code int
	// RetryAfter is the wait the server asked for (HTTP Retry-After), if any.
	RetryAfter time.Duration
	// Err is the cause.
	Err error
}

// Error implements error.
func (e *DeliveryError) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	if e.Code != 0 {
		return fmt.Sprintf("%s: %s failure (%d): %v", e.Channel, kind, e.Code, e.Err)
	}
	return fmt.Sprintf("%s: %s failure: %v", e.Channel, kind, e.Err)
}

// Unwrap returns the cause.
func (e *DeliveryError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a delivery failure that retrying the
// same message cannot fix. A *DeliveryError says so itself; an SMTP reply
// (*textproto.Error) is permanent when its code is 5xx. Anything else,
// including connection errors, timeouts and a cancelled context, is
// temporary, and nil is not permanent.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if de, ok := errors.AsType[*DeliveryError](err); ok {
		return de.Permanent
	}
	if te, ok := errors.AsType[*textproto.Error](err); ok {
		return te.Code >= 500 && te.Code < 600
	}
	return false
}

// retryAfter returns the wait a server asked for in err, or 0.
func retryAfter(err error) time.Duration {
	if de, ok := errors.AsType[*DeliveryError](err); ok {
		return de.RetryAfter
	}
	return 0
}

// permanent wraps err as a permanent failure of channel.
func permanent(channel string, err error) *DeliveryError {
	return &DeliveryError{Channel: channel, Permanent: true, Err: err}
}
