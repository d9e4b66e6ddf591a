// Package notify tells officers and managers about their duties: reminders
// before a duty starts, notices when a duty is assigned, moved, handed to
// someone else or cancelled, a digest of slots nobody covers, and a site's
// published schedule.
//
// It is built in three layers, each usable on its own:
//
//   - Due times (due.go) are pure: [DueReminders] computes, from the duties
//     and the reminder leads (LICHTRUC_REMINDER_LEADS, parsed by
//     [roster.ParseLeads]), which reminders should exist at a given instant, each
//     with a [Reminder.Key] that an outbox can use as its unique key.
//     [RetryDelay], [GiveUp] and [NextRetry] say when to try a failed
//     delivery again.
//
//   - Content (message.go) is pure too: [ReminderMessage], [ChangeMessage],
//     [DigestMessage] and [ScheduleMessage] build a [Message] (subject,
//     plain text and HTML, Vietnamese by default, English for officers who
//     asked for it) from roster types.
//
//   - Senders deliver a [Message]: [SMTPSender] (LICHTRUC_SMTP_URL, parsed by
//     [ParseSMTPURL]), [WebhookSender] (signed JSON POST) and [LogSender]
//     (when no SMTP server is configured). A [Sender] returns nil only when
//     the server or endpoint accepted the message; [IsPermanent] tells a
//     failure that retrying cannot fix from one worth retrying.
//
//   - The outbox (outbox.go, dispatch.go) holds every message before it is
//     sent, unique by key and channel, so scans on any number of replicas
//     write each message once; dispatchers claim rows (the store's
//     ClaimOutbox: FOR UPDATE SKIP LOCKED on PostgreSQL) and mark them sent
//     only after the channel accepted them, retrying with backoff or giving
//     up visibly. The rows and their SQL are roster/store's; notify keeps
//     the messages, channels and retry policy.
//
//   - The [Scheduler] (scheduler.go, jobs.go) runs the reminder scan, the
//     change notices, the daily digest of uncovered slots and the
//     unpublished-schedule warning on robfig/cron, each under the store's
//     job lock (RunExclusive) so two replicas never run the same job at once.
package notify
