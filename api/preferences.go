package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// preferencesJSON is an officer's reminder preferences. reminder_leads is
// null while the officer uses the service's default leads
// (LICHTRUC_REMINDER_LEADS); [] means no reminders.
type preferencesJSON struct {
	OfficerID     int64     `json:"officer_id"`
	ReminderLeads *[]string `json:"reminder_leads"`
	Default       bool      `json:"default"`
	Channels      []string  `json:"channels"`
	Language      string    `json:"language"`
}

// preferencesOf checks the caller may see or change officer id's
// preferences: a manager, or the officer themself.
func (s *Server) preferencesOf(c *gin.Context) (roster.Officer, bool) {
	id, err := pathID(c, "id")
	if err != nil {
		s.fail(c, err)
		return roster.Officer{}, false
	}
	if u := caller(c); u.Role != roster.RoleManager && !u.ownsOfficer(id) {
		s.fail(c, roster.Errorf(roster.EForbidden, "only the officer or a manager may see and change an officer's preferences"))
		return roster.Officer{}, false
	}
	o, err := s.store.Officer(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return roster.Officer{}, false
	}
	return o, true
}

func (s *Server) writePreferences(c *gin.Context, status int, o roster.Officer) {
	raw, set, err := s.store.ReminderLeads(c.Request.Context(), o.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := preferencesJSON{OfficerID: o.ID, Default: !set, Channels: o.Channels, Language: o.Language}
	if out.Channels == nil {
		out.Channels = []string{}
	}
	if set {
		leads := []string{}
		if strings.TrimSpace(raw) != "" {
			if parsed, err := roster.ParseLeads(raw); err == nil {
				for _, d := range parsed {
					leads = append(leads, roster.FormatLeads([]time.Duration{d}))
				}
			}
		}
		out.ReminderLeads = &leads
	}
	c.JSON(status, out)
}

// getPreferences is GET /api/v1/officers/{id}/preferences.
func (s *Server) getPreferences(c *gin.Context) {
	o, ok := s.preferencesOf(c)
	if !ok {
		return
	}
	s.writePreferences(c, http.StatusOK, o)
}

// putPreferences is PUT /api/v1/officers/{id}/preferences
// {"reminder_leads":["24h","1h"]}: the officer's own reminder leads, Go
// durations from 1m to 744h; [] for no reminders, null for the service's
// default again.
func (s *Server) putPreferences(c *gin.Context) {
	o, ok := s.preferencesOf(c)
	if !ok {
		return
	}
	var in struct {
		ReminderLeads json.RawMessage `json:"reminder_leads"`
	}
	if err := bindJSON(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var leads *string
	switch raw := strings.TrimSpace(string(in.ReminderLeads)); raw {
	case "":
		s.fail(c, errField("reminder_leads", roster.RuleRequired, `is required: a list of durations such as ["24h","1h"], [] for none, or null for the default`))
		return
	case "null":
	default:
		var list []string
		if err := json.Unmarshal(in.ReminderLeads, &list); err != nil {
			s.fail(c, errMalformed("reminder_leads", `expected a list of strings such as ["24h","1h"]`))
			return
		}
		var v roster.Validator
		for i, l := range list {
			if _, err := roster.ParseLeads(l); err != nil || strings.Contains(l, ",") {
				v.Add("reminder_leads["+itoa(i)+"]", roster.RuleRange, "%q is not a duration from 1m to 744h, such as 24h, 90m or 1h30m", l)
			}
		}
		v.Check(len(list) <= 10, "reminder_leads", roster.RuleRange, "at most 10 leads")
		if err := v.Err(); err != nil {
			s.fail(c, err)
			return
		}
		joined := ""
		if len(list) > 0 {
			parsed, err := roster.ParseLeads(strings.Join(list, ","))
			if err != nil {
				s.fail(c, errField("reminder_leads", roster.RuleInvalid, "%s", roster.ErrorMessage(err)))
				return
			}
			joined = roster.FormatLeads(parsed)
		}
		leads = &joined
	}
	if err := s.store.SetReminderLeads(c.Request.Context(), actor(c), o.ID, leads); err != nil {
		s.fail(c, err)
		return
	}
	s.writePreferences(c, http.StatusOK, o)
}
