package roster

import "strconv"

// The outbox of messages (reminders, change notices, digests, published
// schedules) is kept by the store and filled by the notify jobs; the names
// below are shared by both and by the API that lists it.

// Kinds of outbox message; each key starts with its kind.
const (
	KindReminder    = "reminder"    // reminder:<assignment>:<lead s>:v<version>
	KindChange      = "change"      // change:<assignment>:v<version>:<officer>
	KindDigest      = "digest"      // digest:<date>:<e-mail>
	KindPublish     = "publish"     // publish:<site>:<from>:<to>:<publication>
	KindUnpublished = "unpublished" // unpublished:<site>:<from>:<e-mail>
)

// NotificationKinds lists every kind, in the order the API documents them.
func NotificationKinds() []string {
	return []string{KindReminder, KindChange, KindDigest, KindPublish, KindUnpublished}
}

// Channels a message goes through; an officer chooses theirs
// (Officer.Channels).
const (
	ChannelEmail   = "email"   // SMTP, or the log when LICHTRUC_SMTP_URL is unset
	ChannelWebhook = "webhook" // signed JSON POST to LICHTRUC_WEBHOOK_URL
	ChannelLog     = "log"     // the service's log only
)

// NotificationChannels lists every channel.
func NotificationChannels() []string { return []string{ChannelEmail, ChannelWebhook, ChannelLog} }

// Statuses of an outbox message.
const (
	StatusPending = "pending"  // waiting for its first attempt
	StatusSending = "sending"  // claimed by a dispatcher until lease_until
	StatusSent    = "sent"     // the channel accepted it
	StatusFailed  = "failed"   // the last attempt failed; tried again at next_attempt_at
	StatusGivenUp = "given_up" // no more attempts; last_error says why
)

// NotificationStatuses lists every status.
func NotificationStatuses() []string {
	return []string{StatusPending, StatusSending, StatusSent, StatusFailed, StatusGivenUp}
}

// PublishKey is the outbox key of the e-mail of publication p of the site
// with code.
func PublishKey(code string, p Publication) string {
	return KindPublish + ":" + code + ":" + p.From.String() + ":" + p.To.String() + ":" + strconv.FormatInt(p.ID, 10)
}
