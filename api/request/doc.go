// Package request holds what the JSON handlers (package api) and the web
// pages (package pages) both need of a request: its caller, set by
// authentication in the gin context; its parameters, parsed into roster
// values; and, when it fails, the problem+json answer with the one mapping
// of roster error codes to HTTP statuses. It imports neither of them, so
// both can use it.
package request
