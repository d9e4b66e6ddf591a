package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
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
	WebhookURL       string
	WebhookSecret    string
	LogFormat        string
	Demo             bool
	Loc              *time.Location
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
		{"base_url", "http://localhost:8080", "absolute URL used in feed links and e-mails", &c.BaseURL},
		{"smtp_url", "", "smtp://[user:pass@]host:port[?tls=none|starttls|tls]; unset = e-mails are logged", &c.SMTPURL},
		{"mail_from", "lichtruc@localhost", "sender address of e-mails", &c.MailFrom},
		{"reminder_leads", "24h,1h", "comma list of durations before a duty at which its officer is reminded", &c.ReminderLeads},
		{"reminder_schedule", "@every 1m", "robfig/cron spec of the reminder scan", &c.ReminderSchedule},
		{"webhook_url", "", "URL that receives signed JSON notices (Zalo/SMS/Telegram gateway)", &c.WebhookURL},
		{"webhook_secret", "", "HMAC-SHA256 key for webhook signatures", &c.WebhookSecret},
		{"log_format", "text", "text or json", &c.LogFormat},
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
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, errors.New("LICHTRUC_BASE_URL must be an absolute http(s) URL")
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, errors.New("LICHTRUC_LOG_FORMAT must be text or json")
	}
	return c, nil
}
