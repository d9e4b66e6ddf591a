package roster

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Code classifies an Error; api maps each code to one HTTP status.
type Code string

// Error codes used across lichtruc.
const (
	EInvalid      Code = "invalid"             // well-formed input that breaks a rule (422)
	EMalformed    Code = "malformed"           // input that cannot be parsed (400)
	ENotFound     Code = "not_found"           // the thing does not exist (404)
	EConflict     Code = "conflict"            // clashes with existing data (409)
	EPrecondition Code = "precondition_failed" // stale version (412)
	EUnauthorized Code = "unauthorized"        // no or unknown credential (401)
	EForbidden    Code = "forbidden"           // the role may not do this (403)
	EUnavailable  Code = "unavailable"         // a dependency is down (503)
	EInternal     Code = "internal"            // a bug or an unexpected failure (500)
)

// FieldError names one invalid input field, the rule key of what is wrong
// with it (see rules.go) and a message in English for logs and programs.
// Args are the rule's arguments (the limit, the bound it must pass), for
// pages that translate the key; they are not part of problem+json.
type FieldError struct {
	Field   string         `json:"field"`
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Args    map[string]any `json:"-"`
}

// Error is the one error type of the domain. Message is safe to show to the
// user; Err is the wrapped cause, for logs. Rule is the rule key a program
// reads (RuleClash, RuleSpecialty, …), Args its arguments (the duty or leave
// it clashes with, the limit reached): pages translate from those, never
// from Message.
type Error struct {
	Code    Code
	Rule    string
	Args    map[string]any
	Message string
	Fields  []FieldError
	Err     error
}

// RuleKey is the rule key of e: Rule when set, else the code of its only
// field, else the key that stands for its Code.
func (e *Error) RuleKey() string {
	if e.Rule != "" {
		return e.Rule
	}
	if len(e.Fields) == 1 && e.Fields[0].Code != "" {
		return e.Fields[0].Code
	}
	switch e.Code {
	case EPrecondition:
		return RuleVersion
	case EConflict:
		return RuleInvalid
	case EUnavailable: // not RuleUnavailable, which is an officer's
		return string(EInternal)
	}
	return string(e.Code)
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error with a code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid makes an EInvalid error listing the bad fields. A field without a
// code gets RuleInvalid.
func Invalid(fields ...FieldError) *Error {
	msg := "invalid input"
	if len(fields) == 1 {
		msg = fields[0].Field + ": " + fields[0].Message
	}
	for i := range fields {
		if fields[i].Code == "" {
			fields[i].Code = RuleInvalid
		}
	}
	return &Error{Code: EInvalid, Message: msg, Fields: fields}
}

// RuleOf returns the rule key of err ("" for nil; RuleKey of its *Error;
// "internal" otherwise).
func RuleOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.RuleKey()
	}
	return string(EInternal)
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Validator collects field errors; Err returns nil when there are none.
type Validator struct{ Fields []FieldError }

// Add records a problem with a field under a rule key (RuleRequired, …).
func (v *Validator) Add(field, code, format string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// AddArgs records a problem with a field under a rule key, with the rule's
// arguments.
func (v *Validator) AddArgs(field, code string, args map[string]any, format string, fa ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, fa...), Args: args})
}

// Check records a problem with field under a rule key when ok is false.
func (v *Validator) Check(ok bool, field, code, format string, args ...any) {
	if !ok {
		v.Add(field, code, format, args...)
	}
}

// CheckText records that the text s of field is required (RuleRequired
// when blank) and at most max characters long (RuleTooLong).
func (v *Validator) CheckText(field, s string, max int) {
	switch {
	case strings.TrimSpace(s) == "":
		v.AddArgs(field, RuleRequired, map[string]any{"max": max}, "is required (at most %d characters)", max)
	case utf8.RuneCountInString(s) > max:
		v.AddArgs(field, RuleTooLong, map[string]any{"max": max}, "is required (at most %d characters)", max)
	}
}

// Err returns an EInvalid error listing every problem, or nil.
func (v *Validator) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	return Invalid(v.Fields...)
}
