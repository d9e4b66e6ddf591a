package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"lichtruc/api"
	"lichtruc/notify"
	"lichtruc/roster"
)

// Config is every setting of lichtruc, parsed once from LICHTRUC_*
// environment variables and the matching lower-case flags (flags win).
type Config struct {
	Addr             string
	DB               string
	BootstrapToken   string
	TZ               string
	BaseURL          string
	SMTPURL          string
	MailFrom         string
	ReminderLeads    string
	ReminderSchedule string
	DailySchedule    string
	ManagerEmails    string
	WebhookURL       string
	WebhookSecret    string
	LogFormat        string
	TrustedProxies   string
	MetricsToken     string
	MetricsAllow     string
	Demo             bool
	Loc              *time.Location
	BaseURLFromAddr  bool // LICHTRUC_BASE_URL was unset: BaseURL comes from Addr

	// Parsed from the settings above by parseConfig for serve.
	Leads            []time.Duration    // ReminderLeads
	SMTP             *notify.SMTPConfig // SMTPURL; nil: e-mails are logged
	ManagerEmailList []string           // ManagerEmails
	ProxyList        []string           // TrustedProxies
	MetricsAllowList []netip.Prefix     // MetricsAllow
}

// setting describes one configuration value.
type setting struct {
	name, def, help string
	dst             *string
}

func (c *Config) settings() []setting {
	return []setting{
		{"addr", ":8080", "listen address", &c.Addr},
		{"db", "lichtruc.db", "postgres://… for PostgreSQL, anything else is a SQLite file path", &c.DB},
		{"bootstrap_token", "", "make sure a manager named admin exists with this API token", &c.BootstrapToken},
		{"tz", "Asia/Ho_Chi_Minh", "the service's local time zone", &c.TZ},
		{"base_url", "", "absolute URL used in feed links and e-mails (default: http://localhost:PORT of the listen address)", &c.BaseURL},
		{"smtp_url", "", "smtp://[user:pass@]host:port[?tls=none|starttls|tls]; unset = e-mails are logged", &c.SMTPURL},
		{"mail_from", "lichtruc@localhost", "sender address of e-mails", &c.MailFrom},
		{"reminder_leads", roster.DefaultLeads, "comma list of durations before a duty at which its officer is reminded", &c.ReminderLeads},
		{"reminder_schedule", "@every 1m", "robfig/cron spec of the reminder scan", &c.ReminderSchedule},
		{"daily_schedule", notify.DefaultDailySchedule, "robfig/cron spec, in the local zone, of the digest of uncovered slots and the unpublished-schedule warning", &c.DailySchedule},
		{"manager_emails", "", "comma list of addresses that get the digest and warnings, besides manager users whose officer has an e-mail", &c.ManagerEmails},
		{"webhook_url", "", "URL that receives signed JSON notices (Zalo/SMS/Telegram gateway)", &c.WebhookURL},
		{"webhook_secret", "", "HMAC-SHA256 key for webhook signatures", &c.WebhookSecret},
		{"log_format", "text", "text or json", &c.LogFormat},
		{"trusted_proxies", "", "comma list of addresses or CIDRs of reverse proxies whose X-Forwarded-For names the client (default none)", &c.TrustedProxies},
		{"metrics_token", "", "bearer token that lets a scraper read /metrics", &c.MetricsToken},
		{"metrics_allow", "", "comma list of addresses and networks (10.0.0.0/24) that may read /metrics without the token; with neither set, loopback only", &c.MetricsAllow},
	}
}

// envName is the environment variable of a setting.
func envName(name string) string { return "LICHTRUC_" + strings.ToUpper(name) }

// parseConfig reads the environment, then flags in args.
func parseConfig(cmd string, args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("lichtruc "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, s := range c.settings() {
		v := getenv(envName(s.name))
		if v == "" {
			v = s.def
		}
		fs.StringVar(s.dst, s.name, v, s.help+" ($"+envName(s.name)+")")
	}
	fs.BoolVar(&c.Demo, "demo", false, "fill an empty database with a sample Hai Phong roster")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return c, fmt.Errorf("LICHTRUC_TZ: %w", err)
	}
	c.Loc = loc
	if c.BaseURL == "" {
		if c.BaseURL, err = baseURLFromAddr(c.Addr); err != nil {
			return c, err
		}
		c.BaseURLFromAddr = true
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, errors.New("LICHTRUC_BASE_URL must be an absolute http(s) URL")
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, errors.New("LICHTRUC_LOG_FORMAT must be text or json")
	}
	for _, p := range strings.Split(c.TrustedProxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return c, fmt.Errorf("LICHTRUC_TRUSTED_PROXIES: %q is neither an IP address nor a CIDR", p)
		}
		c.ProxyList = append(c.ProxyList, p)
	}
	if c.MetricsAllowList, err = api.ParseMetricsAllow(c.MetricsAllow); err != nil {
		return c, fmt.Errorf("LICHTRUC_METRICS_ALLOW: %w", err)
	}
	if cmd == "serve" {
		if err := c.parseNotify(); err != nil {
			return c, err
		}
	}
	return c, nil
}

// parseNotify checks the notification settings, which only serve uses,
// so that a bad one stops the start with an error naming it.
func (c *Config) parseNotify() error {
	leads, err := roster.ParseLeads(c.ReminderLeads)
	if err != nil {
		return fmt.Errorf("LICHTRUC_REMINDER_LEADS: %w", err)
	}
	c.Leads = leads
	if err := notify.ValidateSchedule(c.ReminderSchedule); err != nil {
		return fmt.Errorf("LICHTRUC_REMINDER_SCHEDULE: %w", err)
	}
	if err := notify.ValidateSchedule(c.DailySchedule); err != nil {
		return fmt.Errorf("LICHTRUC_DAILY_SCHEDULE: %w", err)
	}
	if c.SMTPURL != "" {
		smtpCfg, err := notify.ParseSMTPURL(c.SMTPURL)
		if err != nil {
			return fmt.Errorf("LICHTRUC_SMTP_URL: %w", err)
		}
		c.SMTP = &smtpCfg
	}
	if _, err := netmail.ParseAddress(c.MailFrom); err != nil {
		return fmt.Errorf("LICHTRUC_MAIL_FROM %q: %v", c.MailFrom, err)
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errors.New("LICHTRUC_WEBHOOK_URL must be an absolute http(s) URL")
		}
	}
	c.ManagerEmailList = nil
	for _, e := range strings.Split(c.ManagerEmails, ",") {
		if e = strings.TrimSpace(e); e == "" {
			continue
		}
		if _, err := netmail.ParseAddress(e); err != nil {
			return fmt.Errorf("LICHTRUC_MANAGER_EMAILS: %q: %v", e, err)
		}
		c.ManagerEmailList = append(c.ManagerEmailList, e)
	}
	return nil
}
