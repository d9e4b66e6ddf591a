// Package roster is the domain of lichtruc: officers, duty sites and their
// slots, assignments (duties), leave, outreach sessions, the Vietnamese
// working-day calendar and the planner that fills a site's slots fairly.
//
// It is pure Go: it knows nothing of HTTP, SQL or cron. Persistence lives in
// roster/store, the HTTP interface in api, feeds in calendar and reminders in
// notify.
package roster
