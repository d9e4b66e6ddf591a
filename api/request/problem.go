package request

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// Problem is an RFC 9457 problem detail.
type Problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail"`
	Code   string              `json:"code"`
	Args   map[string]any      `json:"args,omitempty"`
	Errors []roster.FieldError `json:"errors,omitempty"`
}

// StatusOf maps a roster error code to its HTTP status: the one place where
// that mapping lives.
func StatusOf(code roster.Code) int {
	switch code {
	case roster.EInvalid:
		return http.StatusUnprocessableEntity
	case roster.EMalformed:
		return http.StatusBadRequest
	case roster.ENotFound:
		return http.StatusNotFound
	case roster.EConflict:
		return http.StatusConflict
	case roster.EPrecondition:
		return http.StatusPreconditionFailed
	case roster.EUnauthorized:
		return http.StatusUnauthorized
	case roster.EForbidden:
		return http.StatusForbidden
	case roster.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Fail writes err as problem+json and aborts the request. Internal errors
// are logged (to log) and shown without their cause.
func Fail(c *gin.Context, log *slog.Logger, err error) {
	if ClientGone(c, err) {
		return
	}
	code := roster.ErrorCode(err)
	status := StatusOf(code)
	p := Problem{Type: "urn:lichtruc:problem:" + string(code), Title: http.StatusText(status), Status: status, Detail: roster.ErrorMessage(err),
		Code: roster.RuleOf(err)}
	var re *roster.Error
	if errors.As(err, &re) {
		p.Errors = slices.Clone(re.Fields)
		for i := range p.Errors {
			if p.Errors[i].Code == "" {
				p.Errors[i].Code = p.Code
			}
		}
		p.Args = re.Args
	}
	if status >= 500 {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="lichtruc"`)
	}
	WriteProblem(c, p)
}

// StatusClientGone is the status logged for a request whose client hung
// up before the answer (nginx's 499); nobody reads it.
const StatusClientGone = 499

// ClientGone reports whether err comes of the client having hung up (its
// request's context is done); if so it aborts the request with
// StatusClientGone, so that it is logged as such and not as an ERROR.
func ClientGone(c *gin.Context, err error) bool {
	if c.Request.Context().Err() == nil || err == nil {
		return false
	}
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) && roster.ErrorCode(err) != roster.EUnavailable {
		return false
	}
	c.AbortWithStatus(StatusClientGone)
	return true
}

// WriteProblem aborts the request with p as problem+json.
func WriteProblem(c *gin.Context, p Problem) {
	if p.Code == "" {
		p.Code = strings.TrimPrefix(p.Type, "urn:lichtruc:problem:")
	}
	b, _ := json.Marshal(p)
	c.Abort()
	c.Data(p.Status, "application/problem+json", b)
}

// ErrMalformed is a 400 naming the field that could not be read.
func ErrMalformed(field, msg string) error {
	return ErrMalformedCode(field, roster.RuleMalformed, msg)
}

// ErrMalformedCode is a 400 naming the field that could not be read, under a rule key.
func ErrMalformedCode(field, code, msg string) error {
	return &roster.Error{Code: roster.EMalformed, Rule: code, Message: msg, Fields: []roster.FieldError{{Field: field, Code: code, Message: msg}}}
}

// ErrField is a 422 on one field under a rule key.
func ErrField(field, code, format string, args ...any) error {
	return roster.Invalid(roster.FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// MaxBody is the largest request body accepted.
const MaxBody = 1 << 20

// BindJSON decodes the request body into v. Malformed JSON, a wrong type or
// an unknown field is EMalformed (400) naming the field.
func BindJSON(c *gin.Context, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxBody))
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return ErrMalformed("body", "the request body is larger than 1 MiB")
		}
		return roster.Errorf(roster.EMalformed, "reading the request body: %v", err)
	}
	if !utf8.Valid(raw) {
		// Mark the bytes that are not UTF-8, so the cleaner names their field.
		raw = bytes.ToValidUTF8(raw, []byte(roster.InvalidUTF8))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		var syntaxErr *json.SyntaxError
		var maxErr *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return ErrMalformed("body", "the request body is empty; expected a JSON object")
		case errors.As(err, &typeErr):
			field := typeErr.Field
			if field == "" {
				field = "body"
			}
			return ErrMalformed(field, fmt.Sprintf("expected %s, got JSON %s", typeErr.Type, typeErr.Value))
		case errors.As(err, &syntaxErr):
			return ErrMalformed("body", fmt.Sprintf("malformed JSON at byte %d: %v", syntaxErr.Offset, err))
		case errors.As(err, &maxErr):
			return ErrMalformed("body", "the request body is larger than 1 MiB")
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return ErrMalformedCode(field, roster.RuleUnknownField, "unknown field")
		default:
			// Errors from UnmarshalText of dates, times and clocks.
			return ErrMalformed("body", err.Error())
		}
	}
	if dec.More() {
		return ErrMalformed("body", "unexpected data after the JSON object")
	}
	return CleanValue(v)
}
