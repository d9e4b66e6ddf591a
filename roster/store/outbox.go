package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lichtruc/roster"
)

// The outbox (table notifications, migration 5) holds every message before
// it is sent. The notify jobs write what is due with INSERT … ON CONFLICT
// (key, channel) DO NOTHING, so any number of scans, on any number of
// replicas, write each message once; dispatchers then claim rows with row
// locks (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one writer at a time),
// send them, and mark them sent only once the channel accepted them.
// What a message says and where it goes is notify's; the store only keeps
// the rows.

// OutboxEntry is one message to put in the outbox.
type OutboxEntry struct {
	Key       string // unique with Channel; starts with Kind
	Kind      string // roster.KindReminder, …
	Event     string
	Channel   string // roster.ChannelEmail, …
	Recipient string // the e-mail address, or ""
	OfficerID int64  // the officer it is for, 0 if none
	// AssignmentID is the duty it is about, 0 if none; AssignmentVersion
	// the duty's version it was made from.
	AssignmentID      int64
	AssignmentVersion int
	SiteID            int64 // the site it is about, 0 if none
	Subject           string
	Text, HTML        string
	Headers, Data     string // JSON
	DueAt             time.Time
	// GiveUpAt, when not zero, is when sending it stops making sense.
	GiveUpAt time.Time
	// GiveUp, when not empty, stores the message as given up at once, with
	// this reason.
	GiveUp string
}

// Notification is a message in the outbox as a manager sees it.
type Notification struct {
	ID                int64
	Key               string
	Kind              string
	Event             string
	Channel           string
	Recipient         string
	OfficerID         *int64
	AssignmentID      *int64
	AssignmentVersion int
	SiteID            *int64
	Subject           string
	Status            string
	Attempts          int
	NextAttemptAt     time.Time
	LeaseUntil        *time.Time
	LastError         string
	DueAt             time.Time
	GiveUpAt          *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	SentAt            *time.Time
}

// OutboxMessage is a claimed message: the listing's fields and the
// message's body.
type OutboxMessage struct {
	Notification
	Text, HTML    string
	Headers, Data string // JSON
}

// OutboxOutcome is what became of one claimed message.
type OutboxOutcome struct {
	ID int64
	// Status is roster.StatusSent, StatusFailed or StatusGivenUp; ""
	// releases the message untried.
	Status    string
	Next      time.Time // for StatusFailed: the next attempt
	LastError string
}

type notificationRow struct {
	ID                int64 `gorm:"primaryKey"`
	Key               string
	Kind              string
	Event             string
	Channel           string
	Recipient         string
	OfficerID         *int64
	AssignmentID      *int64
	AssignmentVersion int
	SiteID            *int64
	Subject           string
	BodyText          string `gorm:"column:body_text"`
	BodyHTML          string `gorm:"column:body_html"`
	Headers           string
	Data              string
	Status            string
	Attempts          int
	NextAttemptAt     time.Time
	LeaseUntil        *time.Time
	ClaimToken        string
	LastError         string
	DueAt             time.Time
	GiveUpAt          *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	SentAt            *time.Time
}

func (notificationRow) TableName() string { return "notifications" }

func (r notificationRow) public(loc *time.Location) Notification {
	in := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		v := t.In(loc)
		return &v
	}
	return Notification{ID: r.ID, Key: r.Key, Kind: r.Kind, Event: r.Event, Channel: r.Channel, Recipient: r.Recipient,
		OfficerID: r.OfficerID, AssignmentID: r.AssignmentID, AssignmentVersion: r.AssignmentVersion, SiteID: r.SiteID,
		Subject: r.Subject, Status: r.Status, Attempts: r.Attempts, NextAttemptAt: r.NextAttemptAt.In(loc),
		LeaseUntil: in(r.LeaseUntil), LastError: r.LastError, DueAt: r.DueAt.In(loc), GiveUpAt: in(r.GiveUpAt),
		CreatedAt: r.CreatedAt.In(loc), UpdatedAt: r.UpdatedAt.In(loc), SentAt: in(r.SentAt)}
}

func (r notificationRow) message(loc *time.Location) OutboxMessage {
	return OutboxMessage{Notification: r.public(loc), Text: r.BodyText, HTML: r.BodyHTML, Headers: r.Headers, Data: r.Data}
}

func tsPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	v := ts(t)
	return &v
}

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// row turns an entry into a row to insert at now.
func (e OutboxEntry) row(now time.Time) (notificationRow, error) {
	if e.Key == "" {
		return notificationRow{}, roster.Errorf(roster.EInternal, "outbox entry (%s, %s) has no key", e.Kind, e.Channel)
	}
	now = ts(now)
	due := now
	if !e.DueAt.IsZero() {
		due = ts(e.DueAt)
	}
	headers, data := e.Headers, e.Data
	if headers == "" {
		headers = "{}"
	}
	if data == "" {
		data = "{}"
	}
	r := notificationRow{Key: e.Key, Kind: e.Kind, Event: e.Event, Channel: e.Channel, Recipient: e.Recipient,
		OfficerID: idPtr(e.OfficerID), AssignmentID: idPtr(e.AssignmentID), AssignmentVersion: e.AssignmentVersion,
		SiteID: idPtr(e.SiteID), Subject: e.Subject, BodyText: e.Text, BodyHTML: e.HTML,
		Headers: headers, Data: data, Status: roster.StatusPending, NextAttemptAt: now, DueAt: due,
		GiveUpAt: tsPtr(e.GiveUpAt), CreatedAt: now, UpdatedAt: now}
	if e.GiveUp != "" {
		r.Status, r.LastError = roster.StatusGivenUp, e.GiveUp
	}
	return r, nil
}

// EnqueueOutbox writes entries to the outbox as of now, skipping those
// whose (key, channel) is there already, and returns how many it added.
func (s *Store) EnqueueOutbox(ctx context.Context, now time.Time, entries []OutboxEntry) (int, error) {
	added := 0
	// Chunks keep each write transaction short, so that dispatchers (and
	// on SQLite every other writer) are not held up by a big scan.
	for len(entries) > 0 {
		n := min(len(entries), 500)
		err := s.writeTx(ctx, func(tx *gorm.DB) error {
			k, err := enqueueOutboxTx(tx, now, entries[:n])
			added += k
			return err
		})
		if err != nil {
			return added, err
		}
		entries = entries[n:]
	}
	return added, nil
}

// enqueueOutboxTx is EnqueueOutbox inside tx, so that the messages are
// committed with the change that caused them, or not at all.
func enqueueOutboxTx(tx *gorm.DB, now time.Time, entries []OutboxEntry) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	rows := make([]notificationRow, 0, len(entries))
	for _, e := range entries {
		r, err := e.row(now)
		if err != nil {
			return 0, err
		}
		rows = append(rows, r)
	}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}, {Name: "channel"}}, DoNothing: true}).
		CreateInBatches(&rows, 100)
	if res.Error != nil {
		return 0, res.Error
	}
	return int(res.RowsAffected), nil
}

// OutboxKey names one outbox row.
type OutboxKey struct{ Key, Channel string }

// OutboxHas returns which of keys are in the outbox, with their channels.
func (s *Store) OutboxHas(ctx context.Context, keys []string) (map[OutboxKey]bool, error) {
	out := make(map[OutboxKey]bool, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), 500)
		var rows []struct{ Key, Channel string }
		err := s.db.WithContext(ctx).Raw("SELECT key, channel FROM notifications WHERE key IN ?", keys[:n]).Scan(&rows).Error
		if err != nil {
			return nil, mapErr(err)
		}
		for _, r := range rows {
			out[OutboxKey{r.Key, r.Channel}] = true
		}
		keys = keys[n:]
	}
	return out, nil
}

// ToldSince reports whether officer has a change notice about assignment
// written from version on.
func (s *Store) ToldSince(ctx context.Context, assignment, officer int64, version int) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&notificationRow{}).
		Where("assignment_id = ? AND officer_id = ? AND kind = ? AND assignment_version >= ?", assignment, officer, roster.KindChange, version).
		Count(&n).Error
	if err != nil {
		return false, mapErr(err)
	}
	return n > 0, nil
}

// newClaimToken returns a random claim token.
func newClaimToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// claimable is the condition of a row a dispatcher may take: due and not
// being sent, or being sent by a dispatcher whose lease ran out (it
// stopped or crashed).
const claimable = "((status IN ('pending','failed') AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))"

// ClaimOutbox reserves up to n messages due at now, the earliest due first,
// for the caller until now+lease, counting one attempt for each, and
// returns them with the claim token that CompleteOutbox requires.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, n int) ([]OutboxMessage, string, error) {
	now = ts(now)
	until := now.Add(lease)
	token := newClaimToken()
	var rows []notificationRow
	if s.dialect == "postgres" {
		// One statement: the rows are locked by the sub-select, skipped
		// by every concurrent claimer, and updated before the lock goes.
		err := s.db.WithContext(ctx).Raw(`UPDATE notifications
			SET status = 'sending', attempts = attempts + 1, lease_until = ?, claim_token = ?, updated_at = ?
			WHERE id IN (SELECT id FROM notifications WHERE `+claimable+`
				ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			RETURNING *`, until, token, now, now, now, n).Scan(&rows).Error
		if err != nil {
			return nil, "", mapErr(err)
		}
	} else {
		// SQLite has one writer at a time: the select and the update in
		// one write transaction are as good as a row lock.
		err := s.writeTx(ctx, func(tx *gorm.DB) error {
			var ids []int64
			if err := tx.Raw("SELECT id FROM notifications WHERE "+claimable+" ORDER BY due_at, id LIMIT ?", now, now, n).
				Scan(&ids).Error; err != nil {
				return err
			}
			if len(ids) == 0 {
				return nil
			}
			if err := tx.Exec(`UPDATE notifications
				SET status = 'sending', attempts = attempts + 1, lease_until = ?, claim_token = ?, updated_at = ?
				WHERE id IN ?`, until, token, now, ids).Error; err != nil {
				return err
			}
			return tx.Where("id IN ?", ids).Find(&rows).Error
		})
		if err != nil {
			return nil, "", err
		}
	}
	out := make([]OutboxMessage, len(rows))
	for i, r := range rows {
		out[i] = r.message(s.loc)
	}
	return out, token, nil
}

// CompleteOutbox records, as of now, the outcomes of messages claimed with
// token. A row whose lease another dispatcher took over meanwhile is left
// alone (and counted in lost). The outcome is written even if ctx was
// cancelled in the meantime: the messages were sent.
func (s *Store) CompleteOutbox(ctx context.Context, now time.Time, token string, outs []OutboxOutcome) (lost int, err error) {
	if len(outs) == 0 {
		return 0, nil
	}
	now = ts(now)
	var sent []int64
	for _, oc := range outs {
		if oc.Status == roster.StatusSent {
			sent = append(sent, oc.ID)
		}
	}
	ctx = context.WithoutCancel(ctx)
	err = s.writeTx(ctx, func(tx *gorm.DB) error {
		lost = 0
		if len(sent) > 0 {
			res := tx.Exec(`UPDATE notifications SET status = 'sent', sent_at = ?, lease_until = NULL, claim_token = '',
				last_error = '', updated_at = ? WHERE id IN ? AND claim_token = ? AND status = 'sending'`, now, now, sent, token)
			if res.Error != nil {
				return res.Error
			}
			lost += len(sent) - int(res.RowsAffected)
		}
		for _, oc := range outs {
			var res *gorm.DB
			switch oc.Status {
			case roster.StatusSent:
				continue
			case roster.StatusFailed:
				res = tx.Exec(`UPDATE notifications SET status = 'failed', next_attempt_at = ?, last_error = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					ts(oc.Next), oc.LastError, now, oc.ID, token)
			case roster.StatusGivenUp:
				res = tx.Exec(`UPDATE notifications SET status = 'given_up', last_error = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					oc.LastError, now, oc.ID, token)
			default: // released untried: the attempt does not count
				res = tx.Exec(`UPDATE notifications SET status = CASE WHEN last_error = '' THEN 'pending' ELSE 'failed' END,
					attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, next_attempt_at = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					now, now, oc.ID, token)
			}
			if res.Error != nil {
				return res.Error
			}
			lost += 1 - int(res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return lost, nil
}

// NotificationFilter selects outbox messages; zero fields select all.
type NotificationFilter struct {
	Status       string
	Kind         string
	Channel      string
	OfficerID    int64
	AssignmentID int64
	Key          string
	BeforeID     int64 // keyset paging: messages with a smaller id
	Limit        int   // 1–1000; 0 means 100
}

// ListNotifications returns outbox messages, the newest first, without
// their bodies.
func (s *Store) ListNotifications(ctx context.Context, f NotificationFilter) ([]Notification, error) {
	q := s.db.WithContext(ctx).Model(&notificationRow{}).
		Omit("body_text", "body_html", "headers", "data").Order("id DESC")
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Channel != "" {
		q = q.Where("channel = ?", f.Channel)
	}
	if f.OfficerID != 0 {
		q = q.Where("officer_id = ?", f.OfficerID)
	}
	if f.AssignmentID != 0 {
		q = q.Where("assignment_id = ?", f.AssignmentID)
	}
	if f.Key != "" {
		q = q.Where("key = ?", f.Key)
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	var rows []notificationRow
	if err := q.Limit(f.Limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]Notification, len(rows))
	for i, r := range rows {
		out[i] = r.public(s.loc)
	}
	return out, nil
}

// OutboxCounts returns how many messages the outbox holds in each status.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		Status string
		N      int
	}
	if err := s.db.WithContext(ctx).Raw("SELECT status, COUNT(*) AS n FROM notifications GROUP BY status").Scan(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}

// OldestPending returns when the oldest message still to be sent
// (pending, failed to be retried, or being sent) fell due, among those due
// by now; ok is false when none is. A message that waits long means the
// dispatch is stuck. It reads the notifications_open index.
func (s *Store) OldestPending(ctx context.Context) (time.Time, bool, error) {
	var due []time.Time
	err := s.db.WithContext(ctx).Raw("SELECT due_at FROM notifications WHERE status IN ('pending','failed','sending') AND due_at <= ? ORDER BY due_at LIMIT 1",
		ts(s.now())).Scan(&due).Error
	if err != nil {
		return time.Time{}, false, mapErr(err)
	}
	if len(due) == 0 {
		return time.Time{}, false, nil
	}
	return due[0], true, nil
}
