// Command lichtruc runs the duty-roster service of the State Legal Aid
// Center of Hai Phong.
//
//	lichtruc serve [--demo] [flags]   run the service
//	lichtruc migrate [flags]          apply schema migrations and exit
//	lichtruc demo [flags]             fill an empty database with a sample and exit
//	lichtruc user add|password …      make a user (prints its token), set a password
//	lichtruc backup FILE              copy a live SQLite database
//	lichtruc export FILE, import FILE move a whole database between SQLite and PostgreSQL
//	lichtruc version                  print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on machines without tzdata

	"github.com/prometheus/client_golang/prometheus"

	"lichtruc/api"
	"lichtruc/logredact"
	"lichtruc/metrics"
	"lichtruc/notify"
	"lichtruc/roster/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "lichtruc:", err)
		}
		os.Exit(1)
	}
}

const usage = `usage: lichtruc <command> [flags]

commands:
  serve     run the service (--demo fills an empty database with a sample)
  migrate   apply database migrations and exit
  demo      fill an empty database with a sample Hai Phong roster and exit
  user      user add --name NAME --role manager|officer|reception [--officer-id N]:
            make a user and print its API token once;
            user password NAME: set a password read from standard input
  backup    backup FILE: copy a live SQLite database (PostgreSQL: pg_dump)
  export    export FILE: write the whole database to a portable file (.gz: gzip'd)
  import    import FILE: read an export into a new, empty database
  version   print the version

Run "lichtruc serve -h" for the flags; each has a LICHTRUC_* environment variable.
Every command takes --db like serve.
`

// run is the whole program, with its environment injected so tests can
// start it on a free port.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "lichtruc", version)
		return nil
	case "serve", "migrate", "demo":
	case "backup", "export", "import", "user":
		return runTool(ctx, cmd, args, getenv, os.Stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	cfg, err := parseConfig(cmd, args, getenv, stderr)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	st, err := store.Open(ctx, cfg.DB, store.Options{Loc: cfg.Loc, Logger: log})
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.BootstrapToken != "" {
		restored, err := st.EnsureAdminToken(ctx, store.HashToken(cfg.BootstrapToken))
		if err != nil {
			return fmt.Errorf("bootstrap admin: %w", err)
		}
		if restored {
			log.Warn("LICHTRUC_BOOTSTRAP_TOKEN restored the token of user admin over a newer one (rotated since), or enabled admin again: the newer token no longer works; unset LICHTRUC_BOOTSTRAP_TOKEN once admin has its own token")
		}
	}
	switch cmd {
	case "migrate":
		v, err := st.SchemaVersion(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "database schema at version %d\n", v)
		return nil
	case "demo":
		return runDemo(ctx, cfg, st, stdout)
	}
	if cfg.Demo {
		if err := runDemo(ctx, cfg, st, stdout); err != nil {
			return err
		}
	}
	return serve(ctx, cfg, st, log, stdout)
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	// Secrets (feed and board URLs, tokens) never reach the log.
	if cfg.LogFormat == "json" {
		return slog.New(logredact.Handler(slog.NewJSONHandler(w, nil)))
	}
	return slog.New(logredact.Handler(slog.NewTextHandler(w, nil)))
}

// serve runs the HTTP server and the notification jobs until ctx is
// cancelled, then shuts down gracefully, letting requests in flight and
// sends under way finish.
func serve(ctx context.Context, cfg Config, st *store.Store, log *slog.Logger, stdout io.Writer) error {
	m := metrics.New(prometheus.NewRegistry())
	m.WatchStore(st, time.Now)
	srv := api.NewServer(api.Config{BaseURL: cfg.BaseURL, Loc: cfg.Loc, Version: version,
		MetricsToken: cfg.MetricsToken, TrustedProxies: cfg.ProxyList, MetricsAllow: cfg.MetricsAllowList}, api.Deps{Store: st, Logger: log, Metrics: m})
	sched, err := newScheduler(cfg, st, log, m)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	if err := sched.Start(); err != nil {
		ln.Close()
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := sched.Stop(stopCtx); err != nil {
			log.Error("stopping the notification jobs", "err", err)
		}
	}()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	log.Info("lichtruc listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "database", st.Dialect(), "version", version)
	logBaseURL(log, cfg)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	return nil
}

// newScheduler builds the notification jobs from the configuration: e-mail
// through LICHTRUC_SMTP_URL, or to the log when it is unset; the webhook
// when LICHTRUC_WEBHOOK_URL is set.
func newScheduler(cfg Config, st *store.Store, log *slog.Logger, m *metrics.Metrics) (*notify.Scheduler, error) {
	var senders notify.Senders
	if cfg.SMTP != nil {
		smtpSender, err := notify.NewSMTPSender(*cfg.SMTP, cfg.MailFrom)
		if err != nil {
			return nil, fmt.Errorf("LICHTRUC_SMTP_URL, LICHTRUC_MAIL_FROM: %w", err)
		}
		senders.Email = smtpSender
		log.Info("e-mail goes through SMTP", "smtp", cfg.SMTP.String(), "from", cfg.MailFrom)
	} else {
		senders.Email = notify.LogSender{Logger: log}
		log.Info("LICHTRUC_SMTP_URL is unset: e-mails are logged, not sent")
	}
	if cfg.WebhookURL != "" {
		senders.Webhook = notify.WebhookSender{URL: cfg.WebhookURL, Secret: cfg.WebhookSecret}
	}
	return notify.NewScheduler(st, senders, notify.SchedulerConfig{
		Leads:            cfg.Leads,
		ReminderSchedule: cfg.ReminderSchedule,
		DailySchedule:    cfg.DailySchedule,
		BaseURL:          cfg.BaseURL,
		Loc:              cfg.Loc,
		ManagerEmails:    cfg.ManagerEmailList,
		Metrics:          m,
	}, log, nil)
}
