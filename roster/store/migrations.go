package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migration is one versioned schema change. SQL uses placeholders that
// differ between dialects: {{ID}} (auto-increment primary key), {{TS}}
// (instant), {{BOOL}}, {{BIGINT}}.
type migration struct {
	Version int
	Name    string
	SQL     string
}

// migrations is the history of the schema, applied in version order.
// Never edit a migration that has shipped; append a new one. Versions are
// reserved: 2 holidays, 3 swaps, 4 outreach, 5 notifications, 6 web sessions.
var migrations = []migration{
	{1, "core roster", `
CREATE TABLE officers (
	id {{ID}},
	full_name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('legal_aid_officer','lawyer','staff')),
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	specialties TEXT NOT NULL DEFAULT '',
	active {{BOOL}} NOT NULL DEFAULT TRUE,
	monthly_limit INTEGER NOT NULL DEFAULT 0 CHECK (monthly_limit >= 0),
	language TEXT NOT NULL DEFAULT 'vi',
	channels TEXT NOT NULL DEFAULT 'email',
	feed_secret TEXT NOT NULL UNIQUE,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL
);
CREATE TABLE users (
	id {{ID}},
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('manager','officer','reception')),
	officer_id {{BIGINT}} REFERENCES officers(id),
	token_hash TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL
);
CREATE TABLE sites (
	id {{ID}},
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('court','outreach','office')),
	address TEXT NOT NULL DEFAULT '',
	reception_phone TEXT NOT NULL DEFAULT '',
	contact_email TEXT NOT NULL DEFAULT '',
	valid_from TEXT,
	valid_to TEXT,
	require_swap_approval {{BOOL}} NOT NULL DEFAULT FALSE,
	feed_secret TEXT NOT NULL UNIQUE,
	board_secret TEXT NOT NULL UNIQUE,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL
);
CREATE TABLE slots (
	id {{ID}},
	site_id {{BIGINT}} NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
	end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1439),
	officers INTEGER NOT NULL CHECK (officers >= 0),
	backups INTEGER NOT NULL DEFAULT 0 CHECK (backups >= 0),
	days TEXT NOT NULL CHECK (days IN ('workdays','daily')),
	specialty TEXT NOT NULL DEFAULT '',
	UNIQUE (site_id, name)
);
CREATE TABLE leaves (
	id {{ID}},
	officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	from_day TEXT NOT NULL,
	to_day TEXT NOT NULL,
	starts_at {{TS}} NOT NULL,
	ends_at {{TS}} NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	CHECK (from_day <= to_day)
);
CREATE INDEX leaves_officer ON leaves (officer_id, starts_at);
CREATE TABLE assignments (
	id {{ID}},
	site_id {{BIGINT}} NOT NULL REFERENCES sites(id),
	slot_name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('primary','backup')),
	officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	session_id {{BIGINT}},
	starts_at {{TS}} NOT NULL,
	ends_at {{TS}} NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('scheduled','cancelled')),
	version INTEGER NOT NULL DEFAULT 1,
	updated_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX assignments_officer_time ON assignments (officer_id, starts_at);
CREATE INDEX assignments_site_time ON assignments (site_id, starts_at);
CREATE INDEX assignments_updated ON assignments (updated_at);
CREATE TABLE assignment_releases (
	id {{ID}},
	assignment_id {{BIGINT}} NOT NULL REFERENCES assignments(id),
	officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	version INTEGER NOT NULL,
	released_at {{TS}} NOT NULL
);
CREATE INDEX assignment_releases_officer ON assignment_releases (officer_id, released_at);
CREATE TABLE audit_log (
	id {{ID}},
	at {{TS}} NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
`},
	{2, "holiday overrides", `
CREATE TABLE holiday_overrides (
	day TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
	updated_by TEXT NOT NULL,
	updated_at {{TS}} NOT NULL
);
`},
	{3, "swap requests", `
CREATE TABLE swap_requests (
	id {{ID}},
	kind TEXT NOT NULL CHECK (kind IN ('take','exchange')),
	assignment_id {{BIGINT}} NOT NULL REFERENCES assignments(id),
	assignment_version INTEGER NOT NULL,
	from_officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	to_officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	exchange_assignment_id {{BIGINT}} REFERENCES assignments(id),
	exchange_version INTEGER NOT NULL DEFAULT 0,
	message TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('pending','awaiting_approval','applied','declined','rejected','cancelled','failed')),
	reason TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	decided_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	CHECK (from_officer_id <> to_officer_id),
	CHECK ((kind = 'exchange') = (exchange_assignment_id IS NOT NULL))
);
CREATE UNIQUE INDEX swap_requests_one_open ON swap_requests (assignment_id) WHERE status IN ('pending','awaiting_approval');
CREATE INDEX swap_requests_to ON swap_requests (to_officer_id, status);
CREATE INDEX swap_requests_from ON swap_requests (from_officer_id, status);
`},
	// Version 6: web sign-in. Sessions live in the database so that every
	// replica sees them; the cookie holds a token, the table its hash.
	{6, "web sessions and login attempts", `
CREATE TABLE web_sessions (
	token_hash TEXT PRIMARY KEY,
	user_id {{BIGINT}} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at {{TS}} NOT NULL,
	expires_at {{TS}} NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
CREATE TABLE login_attempts (
	name TEXT PRIMARY KEY,
	failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
	locked_until {{TS}},
	updated_at {{TS}} NOT NULL
);
`},
	// Version 4: outreach sessions with partner organisations. A session's
	// officers are its scheduled assignments with session_id set; its
	// results are columns (NULL until recorded) plus cases by field.
	{4, "outreach sessions and partners", `
CREATE TABLE partners (
	id {{ID}},
	name TEXT NOT NULL CHECK (name <> ''),
	name_key TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('disability_association','agent_orange_association','veterans_association',
		'farmers_association','womens_union','elderly_association','justice_division','commune_committee','other')),
	contact_name TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	contact_email TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	active {{BOOL}} NOT NULL DEFAULT TRUE,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL
);
CREATE TABLE outreach_sessions (
	id {{ID}},
	title TEXT NOT NULL CHECK (title <> ''),
	venue TEXT NOT NULL CHECK (venue <> ''),
	commune TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	site_id {{BIGINT}} NOT NULL REFERENCES sites(id),
	starts_at {{TS}} NOT NULL,
	ends_at {{TS}} NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('scheduled','cancelled')),
	attendees INTEGER CHECK (attendees BETWEEN 0 AND 10000),
	requests INTEGER CHECK (requests BETWEEN 0 AND 5000),
	results_at {{TS}},
	results_by TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	CHECK (ends_at > starts_at),
	CHECK ((results_at IS NULL) = (attendees IS NULL) AND (results_at IS NULL) = (requests IS NULL))
);
CREATE INDEX outreach_sessions_start ON outreach_sessions (starts_at);
CREATE TABLE session_partners (
	session_id {{BIGINT}} NOT NULL REFERENCES outreach_sessions(id) ON DELETE CASCADE,
	partner_id {{BIGINT}} NOT NULL REFERENCES partners(id),
	position INTEGER NOT NULL CHECK (position >= 0),
	PRIMARY KEY (session_id, partner_id),
	UNIQUE (session_id, position)
);
CREATE INDEX session_partners_partner ON session_partners (partner_id);
CREATE TABLE session_consultations (
	session_id {{BIGINT}} NOT NULL REFERENCES outreach_sessions(id) ON DELETE CASCADE,
	field TEXT NOT NULL CHECK (field IN ('civil','land','criminal','administrative','social_insurance','labour','marriage_family','other')),
	cases INTEGER NOT NULL CHECK (cases BETWEEN 0 AND 5000),
	PRIMARY KEY (session_id, field)
);
CREATE INDEX assignments_session ON assignments (session_id);
`},
	// Version 5: notifications (notify/outbox.go). The outbox holds every
	// message before it is sent, unique by (key, channel) so that scans on
	// any number of replicas write each message once; officer_preferences
	// holds per-officer reminder leads; publications records when a
	// site's schedule was published, for the unpublished-period warning.
	{5, "notifications outbox, reminder preferences, publications", `
CREATE TABLE notifications (
	id {{ID}},
	key TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('reminder','change','digest','publish','unpublished')),
	event TEXT NOT NULL DEFAULT '',
	channel TEXT NOT NULL CHECK (channel IN ('email','webhook','log')),
	recipient TEXT NOT NULL DEFAULT '',
	officer_id {{BIGINT}} REFERENCES officers(id) ON DELETE SET NULL,
	assignment_id {{BIGINT}} REFERENCES assignments(id) ON DELETE SET NULL,
	assignment_version INTEGER NOT NULL DEFAULT 0,
	site_id {{BIGINT}} REFERENCES sites(id) ON DELETE SET NULL,
	subject TEXT NOT NULL DEFAULT '',
	body_text TEXT NOT NULL DEFAULT '',
	body_html TEXT NOT NULL DEFAULT '',
	headers TEXT NOT NULL DEFAULT '{}',
	data TEXT NOT NULL DEFAULT '{}',
	status TEXT NOT NULL CHECK (status IN ('pending','sending','sent','failed','given_up')),
	attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	next_attempt_at {{TS}} NOT NULL,
	lease_until {{TS}},
	claim_token TEXT NOT NULL DEFAULT '',
	last_error TEXT NOT NULL DEFAULT '',
	due_at {{TS}} NOT NULL,
	give_up_at {{TS}},
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	sent_at {{TS}},
	UNIQUE (key, channel)
);
CREATE INDEX notifications_open ON notifications (due_at) WHERE status IN ('pending','failed','sending');
CREATE INDEX notifications_assignment ON notifications (assignment_id, officer_id);
CREATE INDEX notifications_officer ON notifications (officer_id, id);
CREATE INDEX notifications_status ON notifications (status, id);
CREATE TABLE officer_preferences (
	officer_id {{BIGINT}} PRIMARY KEY REFERENCES officers(id) ON DELETE CASCADE,
	reminder_leads TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at {{TS}} NOT NULL
);
CREATE TABLE publications (
	id {{ID}},
	site_id {{BIGINT}} NOT NULL REFERENCES sites(id),
	from_day TEXT NOT NULL,
	to_day TEXT NOT NULL,
	recipient TEXT NOT NULL DEFAULT '',
	published_at {{TS}} NOT NULL,
	published_by TEXT NOT NULL,
	CHECK (from_day <= to_day)
);
CREATE INDEX publications_site ON publications (site_id, from_day);
`},
	// Version 7: a publication's e-mail is written to the outbox by a
	// notify job, not by the request that publishes; mail_queued_at says
	// when it was. Publications before this version were e-mailed by their
	// request.
	{7, "publication e-mails queued by a job", `
ALTER TABLE publications ADD COLUMN mail_queued_at {{TS}};
UPDATE publications SET mail_queued_at = published_at;
CREATE INDEX publications_mail ON publications (id) WHERE mail_queued_at IS NULL;
`},
	// Version 70: duty results (kết quả trực), one per court or phone duty:
	// whether it took place, who held it (a stand-in is a holder other than
	// the duty's officer), people received, and each request received.
	{70, "duty results", `
CREATE TABLE duty_results (
	id {{ID}},
	assignment_id {{BIGINT}} NOT NULL UNIQUE REFERENCES assignments(id),
	held {{BOOL}} NOT NULL,
	held_by {{BIGINT}} REFERENCES officers(id),
	people_received INTEGER NOT NULL DEFAULT 0 CHECK (people_received BETWEEN 0 AND 500),
	notes TEXT NOT NULL DEFAULT '',
	recorded_by TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	CHECK (held = (held_by IS NOT NULL)),
	CHECK (held OR people_received = 0)
);
CREATE INDEX duty_results_held_by ON duty_results (held_by);
CREATE TABLE duty_requests (
	id {{ID}},
	result_id {{BIGINT}} NOT NULL REFERENCES duty_results(id) ON DELETE CASCADE,
	position INTEGER NOT NULL CHECK (position >= 0),
	field TEXT NOT NULL CHECK (field IN ('civil','land','criminal','administrative','social_insurance','labour','marriage_family','other')),
	beneficiary_group TEXT NOT NULL CHECK (beneficiary_group IN ('revolutionary_merit','poor_household','child','ethnic_minority','accused_minor','disability','elderly',
		'domestic_violence','trafficking','agent_orange','hiv','other')),
	action TEXT NOT NULL CHECK (action IN ('advised','accepted','referred')),
	UNIQUE (result_id, position)
);
`},
	// Version 71: requests from custody and the courts taken on phone duty.
	// response_seconds (assigned_at − received_at) is kept so that late
	// requests are one portable comparison.
	{71, "custody requests", `
CREATE TABLE custody_requests (
	id {{ID}},
	received_at {{TS}} NOT NULL,
	source TEXT NOT NULL CHECK (source IN ('police','procuracy','court','detention')),
	source_name TEXT NOT NULL DEFAULT '',
	taken_by {{BIGINT}} NOT NULL REFERENCES officers(id),
	assignment_id {{BIGINT}} REFERENCES assignments(id),
	person_name TEXT NOT NULL DEFAULT '',
	person_age INTEGER CHECK (person_age BETWEEN 0 AND 120),
	person_status TEXT NOT NULL CHECK (person_status IN ('detained','accused')),
	field TEXT NOT NULL DEFAULT '' CHECK (field IN ('','civil','land','criminal','administrative','social_insurance','labour','marriage_family','other')),
	sent_officer_id {{BIGINT}} REFERENCES officers(id),
	assigned_at {{TS}},
	response_seconds INTEGER CHECK (response_seconds >= 0),
	notes TEXT NOT NULL DEFAULT '',
	recorded_by TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	CHECK ((sent_officer_id IS NULL) = (assigned_at IS NULL) AND (assigned_at IS NULL) = (response_seconds IS NULL))
);
CREATE INDEX custody_requests_received ON custody_requests (received_at);
CREATE INDEX custody_requests_taken_by ON custody_requests (taken_by);
CREATE INDEX custody_requests_sent ON custody_requests (sent_officer_id);
`},
	// Version 72: the light case register. A case's number is unique in its
	// year; its origin names its source in exactly one column.
	{72, "cases", `
CREATE TABLE cases (
	id {{ID}},
	year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	seq INTEGER NOT NULL CHECK (seq > 0),
	number TEXT NOT NULL UNIQUE,
	form TEXT NOT NULL CHECK (form IN ('proceedings','advice','representation')),
	field TEXT NOT NULL CHECK (field IN ('civil','land','criminal','administrative','social_insurance','labour','marriage_family','other')),
	beneficiary_group TEXT NOT NULL CHECK (beneficiary_group IN ('revolutionary_merit','poor_household','child','ethnic_minority','accused_minor','disability','elderly',
		'domestic_violence','trafficking','agent_orange','hiv','other')),
	origin TEXT NOT NULL CHECK (origin IN ('duty','custody','outreach','office')),
	duty_result_id {{BIGINT}} REFERENCES duty_results(id),
	custody_request_id {{BIGINT}} REFERENCES custody_requests(id),
	session_id {{BIGINT}} REFERENCES outreach_sessions(id),
	handler_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	accepted_on TEXT NOT NULL,
	stage TEXT NOT NULL CHECK (stage IN ('accepted','handling','closed')),
	outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('','completed','successful','stopped')),
	closed_on TEXT,
	summary TEXT NOT NULL DEFAULT '',
	version INTEGER NOT NULL DEFAULT 1,
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	updated_at {{TS}} NOT NULL,
	UNIQUE (year, seq),
	CHECK ((origin = 'duty') = (duty_result_id IS NOT NULL)),
	CHECK ((origin = 'custody') = (custody_request_id IS NOT NULL)),
	CHECK ((origin = 'outreach') = (session_id IS NOT NULL)),
	CHECK ((stage = 'closed') = (outcome <> '') AND (stage = 'closed') = (closed_on IS NOT NULL)),
	CHECK (closed_on IS NULL OR closed_on >= accepted_on),
	CHECK (outcome <> 'successful' OR form = 'proceedings')
);
CREATE INDEX cases_handler ON cases (handler_id);
CREATE INDEX cases_accepted ON cases (accepted_on);
CREATE INDEX cases_closed ON cases (closed_on);
`},
	// Version 20: the safe-plan rules: a site's area, an officer's
	// recurring unavailability (JSON list) and preferred sites (codes).
	{20, "areas, unavailability and preferred sites", `
ALTER TABLE sites ADD COLUMN area TEXT NOT NULL DEFAULT '';
ALTER TABLE officers ADD COLUMN unavailability TEXT NOT NULL DEFAULT '';
ALTER TABLE officers ADD COLUMN preferred_sites TEXT NOT NULL DEFAULT '';
`},
	// Version 21: public holidays on the same day every year from a first
	// year, which managers add when the law gains one (24 November).
	{21, "recurring holidays", `
CREATE TABLE recurring_holidays (
	id {{ID}},
	month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
	name TEXT NOT NULL,
	from_year INTEGER NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	created_at {{TS}} NOT NULL,
	UNIQUE (month, day)
);
`},
	// Version 50: one row that /healthz writes to prove the database takes
	// writes (health.go).
	{50, "health heartbeat", `
CREATE TABLE health_heartbeat (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	beat_at {{TS}} NOT NULL
);
`},
	// Version 40: the Center's settings (roster.Settings), one versioned
	// row whose body is the settings' JSON; a group missing from the body
	// takes its default, so a new group needs no migration.
	{40, "center settings", `
CREATE TABLE center_settings (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	body TEXT NOT NULL,
	version INTEGER NOT NULL CHECK (version > 0),
	updated_at {{TS}},
	updated_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO center_settings (id, body, version) VALUES (1, '{}', 1);
`},
	// Version 41: a publication's document number ("Số: 12/LT-TTTGPL"),
	// sequential per year of publication, with the suffix the settings had
	// then. Publications before this version have none (their documents
	// show dots).
	{41, "publication numbers", `
ALTER TABLE publications ADD COLUMN number_year INTEGER;
ALTER TABLE publications ADD COLUMN number_seq INTEGER CHECK (number_seq > 0);
ALTER TABLE publications ADD COLUMN number_suffix TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX publications_number ON publications (number_year, number_seq);
`},
	// Version 42: the sites an officer serves, as an officers' import names
	// them (the "sites" column); an import again replaces the list.
	{42, "officer sites", `
CREATE TABLE officer_sites (
	officer_id {{BIGINT}} NOT NULL REFERENCES officers(id),
	site_id {{BIGINT}} NOT NULL REFERENCES sites(id),
	PRIMARY KEY (officer_id, site_id)
);
CREATE INDEX officer_sites_site ON officer_sites (site_id);
`},
	// Version 60: the change counter that feed caches key on (ChangeMark),
	// bumped by every audited write in its transaction; before it, the mark
	// was MAX(id) of the audit log, a second query on every cached feed.
	{60, "change counter", `
CREATE TABLE change_counter (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n {{BIGINT}} NOT NULL
);
INSERT INTO change_counter (id, n) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;
`},
	// Version 61: a plan run is one audit entry listing what it changed
	// (applyPlan), not one entry per duty. Earlier runs — their entries
	// share the instant and the actor — become one entry each, kept at the
	// place of the run's first entry, with every old entry's facts in its
	// detail: {"migrated":true,"added":[{"id",…old detail}],"cancelled":[…]}.
	{61, "one audit entry per plan run", `
UPDATE audit_log SET action = 'plan', entity = 'plan', entity_id = '', detail = (
	SELECT '{"migrated":true,"added":[' ||
		COALESCE({{STRAGG}}(CASE WHEN old.action = 'plan' THEN '{"id":' || old.entity_id || ',' || substr(old.detail, 2) END, ','{{BYID}}), '') ||
		'],"cancelled":[' ||
		COALESCE({{STRAGG}}(CASE WHEN old.action = 'cancel_by_plan' THEN '{"id":' || old.entity_id || ',' || substr(old.detail, 2) END, ','{{BYID}}), '') ||
		']}'
	FROM (SELECT * FROM audit_log WHERE entity = 'assignment' AND action IN ('plan','cancel_by_plan') ORDER BY id) AS old
	WHERE old.at = audit_log.at AND old.actor = audit_log.actor)
WHERE id IN (SELECT MIN(id) FROM audit_log WHERE entity = 'assignment' AND action IN ('plan','cancel_by_plan') GROUP BY at, actor);
DELETE FROM audit_log WHERE entity = 'assignment' AND action IN ('plan','cancel_by_plan');
`},
	// Version 55: users can be disabled (users.go); a disabled user's
	// token and sessions stop working at once.
	{55, "disabled users", `
ALTER TABLE users ADD COLUMN disabled {{BOOL}} NOT NULL DEFAULT FALSE;
`},
	// Version 56: officers' names folded for search (lower case, no
	// diacritics, đ as d), kept by the store (officers.go, search.go).
	{56, "officer search names", `
ALTER TABLE officers ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
CREATE INDEX officers_search_name ON officers (search_name);
`},
}

// seededTables are the tables whose migrations write default rows (a
// singleton settings row); an import replaces those rows by the file's.
var seededTables = map[string]bool{"center_settings": true}

// dialect placeholders.
var placeholders = map[string]map[string]string{
	"sqlite": {
		"{{ID}}":     "INTEGER PRIMARY KEY AUTOINCREMENT",
		"{{TS}}":     "DATETIME",
		"{{BOOL}}":   "BOOLEAN",
		"{{BIGINT}}": "INTEGER",
		"{{STRAGG}}": "group_concat", // in the order of its (ordered) subquery
		"{{BYID}}":   "",
	},
	"postgres": {
		"{{ID}}":     "BIGSERIAL PRIMARY KEY",
		"{{TS}}":     "TIMESTAMPTZ",
		"{{BOOL}}":   "BOOLEAN",
		"{{BIGINT}}": "BIGINT",
		"{{STRAGG}}": "string_agg",
		"{{BYID}}":   " ORDER BY old.id",
	},
}

func renderSQL(dialect, sql string) string {
	for k, v := range placeholders[dialect] {
		sql = strings.ReplaceAll(sql, k, v)
	}
	return sql
}

// Migrate brings the schema up to date, applying each missing migration in
// its own transaction. On PostgreSQL an advisory lock keeps two replicas
// starting together from migrating at once.
func (s *Store) Migrate(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	if s.dialect == "postgres" {
		// Session-level advisory locks need one connection throughout.
		conn, err := s.sqlDB.Conn(ctx)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7154830)"); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7154830)")
	}
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ` + placeholders[s.dialect]["{{TS}}"] + ` NOT NULL)`).Error; err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var applied []int
	if err := db.Raw("SELECT version FROM schema_migrations").Scan(&applied).Error; err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	ordered := slices.SortedFunc(slices.Values(migrations), func(a, b migration) int { return a.Version - b.Version })
	for _, m := range ordered {
		if done[m.Version] {
			continue
		}
		err := s.writeTx(ctx, func(tx *gorm.DB) error {
			for _, stmt := range splitSQL(renderSQL(s.dialect, m.SQL)) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%.60s…: %w", stmt, err)
				}
			}
			return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, ts(time.Now())).Error
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
		}
		s.log.Info("schema migrated", "version", m.Version, "name", m.Name)
	}
	return s.foldOfficerNames(ctx)
}

// SchemaVersion returns the highest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	err := s.db.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error
	if err != nil || v == nil {
		return 0, err
	}
	return *v, nil
}

// splitSQL splits a script on semicolons that end a line.
func splitSQL(script string) []string {
	var out []string
	for _, part := range strings.Split(script, ";\n") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, strings.TrimSuffix(p, ";"))
		}
	}
	return out
}
