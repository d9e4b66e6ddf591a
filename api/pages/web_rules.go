package pages

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lichtruc/roster"
)

// The rule settings page: the safe-plan rules of the Center's settings
// (Settings.Rules), which MayHold and the planner apply on every path.

// webRulesView is the rule settings page: the current (or just posted)
// values, the settings' version and the defaults beside them.
type webRulesView struct {
	Rules, Defaults roster.RuleSettings
	Version         int
}

func (s *Server) webRenderRules(c *gin.Context, status int, v webRulesView, fail error) {
	v.Defaults = roster.DefaultRuleSettings()
	p := s.webPage(c, "")
	p.Title, p.Nav, p.Data = p.L.T("rulesettings.title"), "manage", v
	if fail != nil {
		p.Error, p.Detail = s.webErrorText(p.L, fail)
	}
	s.webRender(c, status, "rules", p)
}

// webRules is GET /manage/settings/rules.
func (s *Server) webRules(c *gin.Context) {
	set, err := s.store.Settings(c.Request.Context())
	if err != nil {
		s.webError(c, err)
		return
	}
	s.webRenderRules(c, http.StatusOK, webRulesView{Rules: set.Rules, Version: set.Version}, nil)
}

// webSaveRules is POST /manage/settings/rules: the form over the current
// settings, checked by roster.Settings.Validate, saved under the form's
// version (a stale one is 412) and audited by the store.
func (s *Server) webSaveRules(c *gin.Context) {
	ctx := c.Request.Context()
	set, err := s.store.Settings(ctx)
	if err != nil {
		s.webError(c, err)
		return
	}
	var v roster.Validator
	num := func(name string) int {
		n, err := strconv.Atoi(strings.TrimSpace(c.PostForm(name)))
		if err != nil {
			v.Add("rules."+name, roster.RuleFormat, "must be a whole number")
		}
		return n
	}
	r := roster.RuleSettings{
		RestMinutes: num("rest_minutes"), LongDutyMinutes: num("long_duty_minutes"),
		MaxDutyMinutesPer24: num("max_duty_minutes_per_24h"), OneAreaADay: c.PostForm("one_area_a_day") != "",
		TravelBetweenAreasMinutes: num("travel_between_areas_minutes"), TravelWithinAreaMinutes: num("travel_within_area_minutes"),
		WeeklyRestMinutes: num("weekly_rest_minutes"), WeeklyRestDays: num("weekly_rest_days"),
		FairByWeight: c.PostForm("fair_by_weight") != "", UnpopularPercent: num("unpopular_percent"),
	}
	if after, err := roster.ParseClock(c.PostForm("rest_after")); err != nil {
		v.Add("rules.rest_after", roster.RuleFormat, "must be a time HH:MM")
	} else {
		r.RestAfter = after
	}
	view := webRulesView{Rules: r, Version: int(webFormInt(c, "version"))}
	if err := v.Err(); err != nil {
		s.webRenderRules(c, http.StatusUnprocessableEntity, view, err)
		return
	}
	set.Rules, set.Version = r, view.Version
	if _, err := s.store.UpdateSettings(ctx, actor(c), set); err != nil {
		s.webRenderRules(c, statusOf(roster.ErrorCode(err)), view, err)
		return
	}
	webRedirect(c, "/manage/settings/rules", "rules_saved")
}
