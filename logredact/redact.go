// Package logredact keeps secrets out of logs: the secrets of board and
// feed URLs (/board/12-<secret>, /ical/o/3-<secret>.ics) and API tokens
// (lt_…) in any logged message or attribute. Handler wraps any
// slog.Handler; Secrets redacts one string.
package logredact

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
)

var (
	secretPath = regexp.MustCompile(`(/(?:board|ical/[os])/)([0-9]+)-[A-Za-z0-9_-]+`)
	apiToken   = regexp.MustCompile(`\blt_[A-Za-z0-9_-]{8,}`)
)

// Redacted is what stands for a secret.
const Redacted = "<redacted>"

// Secrets returns s with the secrets of board and feed paths and API
// tokens replaced by <redacted>; the row id before a secret stays.
func Secrets(s string) string {
	if !strings.Contains(s, "/board/") && !strings.Contains(s, "/ical/") && !strings.Contains(s, "lt_") {
		return s
	}
	s = secretPath.ReplaceAllString(s, "${1}${2}-"+Redacted)
	return apiToken.ReplaceAllString(s, "lt_"+Redacted)
}

// Handler wraps h so that every message and attribute is redacted.
func Handler(h slog.Handler) slog.Handler { return handler{h} }

type handler struct{ next slog.Handler }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, Secrets(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = attr(a)
	}
	return handler{h.next.WithAttrs(clean)}
}

func (h handler) WithGroup(name string) slog.Handler { return handler{h.next.WithGroup(name)} }

func attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Secrets(v.String()))
	case slog.KindGroup:
		as := v.Group()
		clean := make([]any, len(as))
		for i, x := range as {
			clean[i] = attr(x)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, Secrets(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, Secrets(x.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
