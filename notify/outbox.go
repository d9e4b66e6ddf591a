package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The outbox (table notifications, migration 5) holds every message before
// it is sent. Jobs write what is due with INSERT … ON CONFLICT (key,
// channel) DO NOTHING, so any number of scans, on any number of replicas,
// write each message once; dispatchers then claim rows with row locks
// (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one writer at a time), send
// them, and mark them sent only once the channel accepted them.
//
// The outbox lives here rather than in roster/store because it is about
// messages, channels and retry policy, which are notify's; the store gives
// it its database through DB and WriteTx, and keeps the roster's own
// queries (which duties changed, who the managers are).

// Kinds of outbox message; each key starts with its kind.
const (
	KindReminder    = "reminder"    // reminder:<assignment>:<lead s>:v<version>
	KindChange      = "change"      // change:<assignment>:v<version>:<officer>
	KindDigest      = "digest"      // digest:<date>:<e-mail>
	KindPublish     = "publish"     // publish:<site>:<from>:<to>:<publication>
	KindUnpublished = "unpublished" // unpublished:<site>:<from>:<e-mail>
)

// Channels a message goes through; an officer chooses theirs
// (roster.Officer.Channels).
const (
	ChannelEmail   = "email"   // SMTP, or the log when LICHTRUC_SMTP_URL is unset
	ChannelWebhook = "webhook" // signed JSON POST to LICHTRUC_WEBHOOK_URL
	ChannelLog     = "log"     // the service's log only
)

// Statuses of an outbox message.
const (
	StatusPending = "pending"  // waiting for its first attempt
	StatusSending = "sending"  // claimed by a dispatcher until lease_until
	StatusSent    = "sent"     // the channel accepted it
	StatusFailed  = "failed"   // the last attempt failed; tried again at next_attempt_at
	StatusGivenUp = "given_up" // no more attempts; last_error says why
)

// DefaultLease is how long a claimed message is reserved for the
// dispatcher that claimed it. It must be longer than a batch takes to send
// (a dispatcher stops starting new sends after half of it), since another
// dispatcher may send the message again once the lease has run out.
const DefaultLease = 5 * time.Minute

// Entry is one message to put in the outbox.
type Entry struct {
	Kind    string  // KindReminder, …
	Channel string  // ChannelEmail, …
	Message Message // its Key is the outbox key; To the recipients
	// Recipient is shown in the outbox listing: the e-mail address, or ""
	// (a webhook message about an officer without one).
	Recipient         string
	OfficerID         int64 // the officer it is for, 0 if none
	AssignmentID      int64 // the duty it is about, 0 if none
	AssignmentVersion int   // the duty's version it was made from
	SiteID            int64 // the site it is about, 0 if none
	DueAt             time.Time
	// GiveUpAt, when not zero, is when sending it stops making sense: the
	// duty's start, for messages about a duty.
	GiveUpAt time.Time
	// GiveUp, when not empty, stores the message as given up at once, with
	// this reason, so that a manager sees why it was never sent (an
	// officer without an e-mail address).
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

// message rebuilds the Message the row was made from.
func (r notificationRow) message() (Message, error) {
	m := Message{Subject: r.Subject, Text: r.BodyText, HTML: r.BodyHTML, Event: r.Event, Key: r.Key}
	if r.Recipient != "" {
		m.To = []string{r.Recipient}
	}
	if r.Headers != "" && r.Headers != "{}" {
		if err := json.Unmarshal([]byte(r.Headers), &m.Headers); err != nil {
			return m, fmt.Errorf("stored headers: %w", err)
		}
	}
	if r.Data != "" && r.Data != "{}" {
		dec := json.NewDecoder(bytes.NewReader([]byte(r.Data)))
		dec.UseNumber() // ids stay integers in the webhook's JSON
		if err := dec.Decode(&m.Data); err != nil {
			return m, fmt.Errorf("stored data: %w", err)
		}
	}
	return m, nil
}

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

// Outbox stores messages in the database until they are sent. It holds no
// state of its own: any number of Outboxes, in any number of processes,
// may share one database.
type Outbox struct {
	st    *store.Store
	now   func() time.Time
	log   *slog.Logger
	lease time.Duration
}

// OutboxOptions configure NewOutbox; zero fields take defaults.
type OutboxOptions struct {
	Now    func() time.Time // nil: time.Now
	Logger *slog.Logger     // nil: discard
	Lease  time.Duration    // 0: DefaultLease
}

// NewOutbox returns the outbox in st's database.
func NewOutbox(st *store.Store, o OutboxOptions) *Outbox {
	ob := &Outbox{st: st, now: o.Now, log: o.Logger, lease: o.Lease}
	if ob.now == nil {
		ob.now = time.Now
	}
	if ob.log == nil {
		ob.log = slog.New(slog.DiscardHandler)
	}
	if ob.lease <= 0 {
		ob.lease = DefaultLease
	}
	return ob
}

// utc normalises an instant for storage as the store does: UTC, whole
// seconds.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

func utcPtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	v := utc(t)
	return &v
}

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// row turns an entry into a row to insert at now.
func (e Entry) row(now time.Time) (notificationRow, error) {
	if e.Message.Key == "" {
		return notificationRow{}, fmt.Errorf("outbox entry (%s, %s) has no key", e.Kind, e.Channel)
	}
	headers, err := json.Marshal(e.Message.Headers)
	if err != nil {
		return notificationRow{}, fmt.Errorf("outbox entry %s: headers: %w", e.Message.Key, err)
	}
	data, err := json.Marshal(e.Message.Data)
	if err != nil {
		return notificationRow{}, fmt.Errorf("outbox entry %s: data: %w", e.Message.Key, err)
	}
	now = utc(now)
	due := now
	if !e.DueAt.IsZero() {
		due = utc(e.DueAt)
	}
	r := notificationRow{Key: e.Message.Key, Kind: e.Kind, Event: e.Message.Event, Channel: e.Channel, Recipient: e.Recipient,
		OfficerID: idPtr(e.OfficerID), AssignmentID: idPtr(e.AssignmentID), AssignmentVersion: e.AssignmentVersion,
		SiteID: idPtr(e.SiteID), Subject: e.Message.Subject, BodyText: e.Message.Text, BodyHTML: e.Message.HTML,
		Headers: string(headers), Data: string(data), Status: StatusPending, NextAttemptAt: now, DueAt: due,
		GiveUpAt: utcPtr(e.GiveUpAt), CreatedAt: now, UpdatedAt: now}
	if e.GiveUp != "" {
		r.Status, r.LastError = StatusGivenUp, e.GiveUp
	}
	return r, nil
}

// Enqueue writes entries to the outbox, skipping those whose (key,
// channel) is there already, and returns how many it added.
func (o *Outbox) Enqueue(ctx context.Context, entries []Entry) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	added := 0
	// Chunks keep each write transaction short, so that dispatchers (and
	// on SQLite every other writer) are not held up by a big scan.
	for len(entries) > 0 {
		n := min(len(entries), 500)
		err := o.st.WriteTx(ctx, func(tx *gorm.DB) error {
			k, err := o.EnqueueTx(tx, entries[:n])
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

// EnqueueTx is Enqueue inside the caller's transaction (of the store's
// WriteTx), so that the messages are committed with the change that caused
// them, or not at all.
func (o *Outbox) EnqueueTx(tx *gorm.DB, entries []Entry) (int, error) {
	if len(entries) == 0 {
		return 0, nil
	}
	now := o.now()
	rows := make([]notificationRow, 0, len(entries))
	for _, e := range entries {
		r, err := e.row(now)
		if err != nil {
			return 0, err
		}
		rows = append(rows, r)
		if e.GiveUp != "" {
			o.log.Warn("notify: message given up before sending", "key", r.Key, "channel", r.Channel, "reason", e.GiveUp)
		}
	}
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}, {Name: "channel"}}, DoNothing: true}).
		CreateInBatches(&rows, 100)
	if res.Error != nil {
		return 0, fmt.Errorf("outbox: enqueue: %w", res.Error)
	}
	return int(res.RowsAffected), nil
}

// keyChannel names one outbox row.
type keyChannel struct{ key, channel string }

// existing returns which of keys are in the outbox, with their channels.
func (o *Outbox) existing(ctx context.Context, keys []string) (map[keyChannel]bool, error) {
	out := make(map[keyChannel]bool, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), 500)
		var rows []struct{ Key, Channel string }
		err := o.st.DB().WithContext(ctx).Raw("SELECT key, channel FROM notifications WHERE key IN ?", keys[:n]).Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("outbox: %w", err)
		}
		for _, r := range rows {
			out[keyChannel{r.Key, r.Channel}] = true
		}
		keys = keys[n:]
	}
	return out, nil
}

// newToken returns a random claim token.
func newToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// claimable is the condition of a row a dispatcher may take: due and not
// being sent, or being sent by a dispatcher whose lease ran out (it
// stopped or crashed).
const claimable = "((status IN ('pending','failed') AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))"

// claim reserves up to n due messages, the earliest due first, for this
// caller until now+lease, counting one attempt for each, and returns them
// with the claim token that completing them requires.
func (o *Outbox) claim(ctx context.Context, n int) ([]notificationRow, string, error) {
	now := utc(o.now())
	lease := now.Add(o.lease)
	token := newToken()
	var rows []notificationRow
	if o.st.Dialect() == "postgres" {
		// One statement: the rows are locked by the sub-select, skipped
		// by every concurrent claimer, and updated before the lock goes.
		err := o.st.DB().WithContext(ctx).Raw(`UPDATE notifications
			SET status = 'sending', attempts = attempts + 1, lease_until = ?, claim_token = ?, updated_at = ?
			WHERE id IN (SELECT id FROM notifications WHERE `+claimable+`
				ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			RETURNING *`, lease, token, now, now, now, n).Scan(&rows).Error
		if err != nil {
			return nil, "", fmt.Errorf("outbox: claim: %w", err)
		}
	} else {
		// SQLite has one writer at a time: the select and the update in
		// one write transaction are as good as a row lock.
		err := o.st.WriteTx(ctx, func(tx *gorm.DB) error {
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
				WHERE id IN ?`, lease, token, now, ids).Error; err != nil {
				return err
			}
			return tx.Where("id IN ?", ids).Find(&rows).Error
		})
		if err != nil {
			return nil, "", fmt.Errorf("outbox: claim: %w", err)
		}
	}
	// Earliest due first, as claimed.
	sortRows(rows)
	return rows, token, nil
}

// outcome is what became of one claimed message.
type outcome struct {
	id      int64
	status  string    // StatusSent, StatusFailed, StatusGivenUp; "" releases it untried
	next    time.Time // for StatusFailed
	lastErr string
}

// complete records outcomes of messages claimed with token. A row whose
// lease another dispatcher took over meanwhile is left alone (and counted
// in lost); such a message may have been sent twice, which only a lease
// shorter than a send allows.
func (o *Outbox) complete(ctx context.Context, token string, outs []outcome) (lost int, err error) {
	if len(outs) == 0 {
		return 0, nil
	}
	now := utc(o.now())
	var sent []int64
	for _, oc := range outs {
		if oc.status == StatusSent {
			sent = append(sent, oc.id)
		}
	}
	// The outcome must be written even if the job's context was cancelled
	// in the meantime: the messages were sent.
	ctx = context.WithoutCancel(ctx)
	err = o.st.WriteTx(ctx, func(tx *gorm.DB) error {
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
			switch oc.status {
			case StatusSent:
				continue
			case StatusFailed:
				res = tx.Exec(`UPDATE notifications SET status = 'failed', next_attempt_at = ?, last_error = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					utc(oc.next), oc.lastErr, now, oc.id, token)
			case StatusGivenUp:
				res = tx.Exec(`UPDATE notifications SET status = 'given_up', last_error = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					oc.lastErr, now, oc.id, token)
			default: // released untried: the attempt does not count
				res = tx.Exec(`UPDATE notifications SET status = CASE WHEN last_error = '' THEN 'pending' ELSE 'failed' END,
					attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, next_attempt_at = ?, lease_until = NULL,
					claim_token = '', updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'sending'`,
					now, now, oc.id, token)
			}
			if res.Error != nil {
				return res.Error
			}
			lost += 1 - int(res.RowsAffected)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("outbox: complete: %w", err)
	}
	return lost, nil
}

// ListFilter selects outbox messages; zero fields select all.
type ListFilter struct {
	Status       string
	Kind         string
	Channel      string
	OfficerID    int64
	AssignmentID int64
	Key          string
	BeforeID     int64 // keyset paging: messages with a smaller id
	Limit        int   // 1–1000; 0 means 100
}

// List returns outbox messages, the newest first, with times in loc.
func (o *Outbox) List(ctx context.Context, f ListFilter) ([]Notification, error) {
	q := o.st.DB().WithContext(ctx).Model(&notificationRow{}).
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
		return nil, &roster.Error{Code: roster.EInternal, Message: "cannot list notifications", Err: err}
	}
	loc := o.st.Loc()
	out := make([]Notification, len(rows))
	for i, r := range rows {
		out[i] = r.public(loc)
	}
	return out, nil
}

// Counts returns how many messages the outbox holds in each status.
func (o *Outbox) Counts(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		Status string
		N      int
	}
	if err := o.st.DB().WithContext(ctx).Raw("SELECT status, COUNT(*) AS n FROM notifications GROUP BY status").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}
