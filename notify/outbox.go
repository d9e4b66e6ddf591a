package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// The outbox (table notifications) holds every message before it is sent;
// its rows are the store's (roster/store/outbox.go), which writes each
// (key, channel) once however many scans run, and lets dispatchers claim
// rows with row locks. Outbox turns notify's Messages into those rows and
// back, and keeps the lease and the clock of the dispatchers.

// Kinds of outbox message; each key starts with its kind.
const (
	KindReminder    = roster.KindReminder
	KindChange      = roster.KindChange
	KindDigest      = roster.KindDigest
	KindPublish     = roster.KindPublish
	KindUnpublished = roster.KindUnpublished
)

// Channels a message goes through; an officer chooses theirs
// (roster.Officer.Channels).
const (
	ChannelEmail   = roster.ChannelEmail
	ChannelWebhook = roster.ChannelWebhook
	ChannelLog     = roster.ChannelLog
)

// Statuses of an outbox message.
const (
	StatusPending = roster.StatusPending
	StatusSending = roster.StatusSending
	StatusSent    = roster.StatusSent
	StatusFailed  = roster.StatusFailed
	StatusGivenUp = roster.StatusGivenUp
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
type Notification = store.Notification

// message rebuilds the Message a claimed row was made from.
func message(r store.OutboxMessage) (Message, error) {
	m := Message{Subject: r.Subject, Text: r.Text, HTML: r.HTML, Event: r.Event, Key: r.Key}
	if r.Recipient != "" {
		m.To = []string{r.Recipient}
	}
	if r.Headers != "" && r.Headers != "{}" && r.Headers != "null" {
		if err := json.Unmarshal([]byte(r.Headers), &m.Headers); err != nil {
			return m, fmt.Errorf("stored headers: %w", err)
		}
	}
	if r.Data != "" && r.Data != "{}" && r.Data != "null" {
		dec := json.NewDecoder(bytes.NewReader([]byte(r.Data)))
		dec.UseNumber() // ids stay integers in the webhook's JSON
		if err := dec.Decode(&m.Data); err != nil {
			return m, fmt.Errorf("stored data: %w", err)
		}
	}
	return m, nil
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

// row turns an entry into the store's outbox entry.
func (e Entry) row() (store.OutboxEntry, error) {
	if e.Message.Key == "" {
		return store.OutboxEntry{}, fmt.Errorf("outbox entry (%s, %s) has no key", e.Kind, e.Channel)
	}
	headers, err := json.Marshal(e.Message.Headers)
	if err != nil {
		return store.OutboxEntry{}, fmt.Errorf("outbox entry %s: headers: %w", e.Message.Key, err)
	}
	data, err := json.Marshal(e.Message.Data)
	if err != nil {
		return store.OutboxEntry{}, fmt.Errorf("outbox entry %s: data: %w", e.Message.Key, err)
	}
	return store.OutboxEntry{Key: e.Message.Key, Kind: e.Kind, Event: e.Message.Event, Channel: e.Channel,
		Recipient: e.Recipient, OfficerID: e.OfficerID, AssignmentID: e.AssignmentID, AssignmentVersion: e.AssignmentVersion,
		SiteID: e.SiteID, Subject: e.Message.Subject, Text: e.Message.Text, HTML: e.Message.HTML,
		Headers: string(headers), Data: string(data), DueAt: e.DueAt, GiveUpAt: e.GiveUpAt, GiveUp: e.GiveUp}, nil
}

// Entries turns entries into the store's outbox entries, logging those
// given up before sending.
func (o *Outbox) Entries(entries []Entry) ([]store.OutboxEntry, error) {
	out := make([]store.OutboxEntry, 0, len(entries))
	for _, e := range entries {
		r, err := e.row()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
		if e.GiveUp != "" {
			o.log.Warn("notify: message given up before sending", "key", r.Key, "channel", r.Channel, "reason", e.GiveUp)
		}
	}
	return out, nil
}

// Enqueue writes entries to the outbox, skipping those whose (key,
// channel) is there already, and returns how many it added.
func (o *Outbox) Enqueue(ctx context.Context, entries []Entry) (int, error) {
	rows, err := o.Entries(entries)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	return o.st.EnqueueOutbox(ctx, o.now(), rows)
}

// keyChannel names one outbox row.
type keyChannel = store.OutboxKey

// existing returns which of keys are in the outbox, with their channels.
func (o *Outbox) existing(ctx context.Context, keys []string) (map[keyChannel]bool, error) {
	return o.st.OutboxHas(ctx, keys)
}

// outcome is what became of one claimed message.
type outcome = store.OutboxOutcome

// claim reserves up to n due messages, the earliest due first, for this
// caller until now+lease, counting one attempt for each, and returns them
// with the claim token that completing them requires.
func (o *Outbox) claim(ctx context.Context, n int) ([]store.OutboxMessage, string, error) {
	rows, token, err := o.st.ClaimOutbox(ctx, o.now(), o.lease, n)
	if err != nil {
		return nil, "", err
	}
	// Earliest due first, as claimed.
	sortRows(rows)
	return rows, token, nil
}

// complete records outcomes of messages claimed with token. A row whose
// lease another dispatcher took over meanwhile is left alone (and counted
// in lost); such a message may have been sent twice, which only a lease
// shorter than a send allows.
func (o *Outbox) complete(ctx context.Context, token string, outs []outcome) (lost int, err error) {
	return o.st.CompleteOutbox(ctx, o.now(), token, outs)
}

// ListFilter selects outbox messages; zero fields select all.
type ListFilter = store.NotificationFilter

// List returns outbox messages, the newest first, with times in the
// service's zone.
func (o *Outbox) List(ctx context.Context, f ListFilter) ([]Notification, error) {
	return o.st.ListNotifications(ctx, f)
}

// Counts returns how many messages the outbox holds in each status.
func (o *Outbox) Counts(ctx context.Context) (map[string]int, error) {
	return o.st.OutboxCounts(ctx)
}
