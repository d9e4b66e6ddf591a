package calendar

// Feed addresses. The token ("<id>-<secret>", see store.FeedToken) is the
// credential; the paths are short so that every calendar app accepts them
// (Google refuses subscription URLs over 256 characters).

// OfficerFeedURL is the address of an officer's personal feed under base.
func OfficerFeedURL(base, token string) string { return base + "/ical/o/" + token + ".ics" }

// SiteFeedURL is the address of a site's feed under base.
func SiteFeedURL(base, token string) string { return base + "/ical/s/" + token + ".ics" }
