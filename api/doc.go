// Package api is lichtruc's HTTP interface: the JSON API under /api/v1
// (the contract in shared/API.md) and the calendar feeds, on gin; the web
// pages live apart in api/pages, and what both need of a request (its
// caller, its parameters, problem+json) in api/request.
//
// routes.go lists every route, the pages' too. Handlers live in one file per
// resource; errors leave through one function (request.Fail) that maps
// roster error codes to HTTP statuses as application/problem+json.
package api
