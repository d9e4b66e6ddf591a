// Package api is lichtruc's HTTP interface: the JSON API under /api/v1
// (the contract in shared/API.md), calendar feeds, the reception board and
// the web pages, on gin.
//
// routes.go lists every route. Handlers live in one file per resource;
// errors leave through one function (problem.go) that maps roster error
// codes to HTTP statuses as application/problem+json.
package api
