// Package store persists the roster with gorm, on SQLite (the embedded
// default, through a pure-Go driver) or PostgreSQL.
//
// The schema is created and upgraded by versioned migrations (see
// migrations.go), applied on start; uniqueness and foreign keys live in the
// schema. Every write that touches several rows runs in one transaction, and
// the checks that protect an officer from two duties at once run inside that
// transaction, behind a row lock on the officer (PostgreSQL) or an immediate
// write transaction (SQLite), so two concurrent requests cannot both win.
//
// Instants are stored in UTC with second precision, so that SQLite's text
// timestamps compare in time order; days are stored as 'YYYY-MM-DD' text.
package store
