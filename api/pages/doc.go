// Package pages serves lichtruc's web pages: sign-in (the only thing a
// "session" is here), the officers' page, the managers' pages for duties,
// leave, swaps, plans, outreach and the outbox, and the reception board,
// in Vietnamese and English, from embedded templates and static files
// (web/).
//
// It exposes its handlers and middleware (Handlers) for api/routes.go to
// wire; it does not import package api. What it shows as the JSON side
// does (plan validation, CSV reports, feed links) api lends it through
// Borrowed, and what both need of a request comes from api/request.
package pages
