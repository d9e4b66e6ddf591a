// Package catalog holds every word lichtruc shows people, in Vietnamese
// and English: the pages, the e-mails, the calendar feeds and the
// documents draw their texts and their formats of days, times and spans
// from here, and translate errors from their rule keys. It is pure Go: no
// I/O.
package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is a language of the texts: VI (the default) or EN.
type Lang string

// The languages.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Parse returns the language of a code: EN for "en" (and "en-…", "en_…"),
// VI for anything else.
func Parse(code string) Lang {
	code = strings.ToLower(strings.TrimSpace(code))
	if code == "en" || strings.HasPrefix(code, "en-") || strings.HasPrefix(code, "en_") {
		return EN
	}
	return VI
}

// T translates a key; a key missing from the catalog shows as ⟦key⟧ so
// that tests and eyes catch it.
func (l Lang) T(key string) string {
	m, ok := messages[key]
	if !ok {
		return "⟦" + key + "⟧"
	}
	if l == EN {
		return m[1]
	}
	return m[0]
}

// Tf translates a key whose text is a fmt format and fills it with args.
func (l Lang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Has reports whether the catalog has key.
func Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// Keys lists the catalog's keys, sorted.
func Keys() []string {
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Code is the language's code, "vi" or "en".
func (l Lang) Code() string {
	if l == EN {
		return string(EN)
	}
	return string(VI)
}

// Other returns the language a page offers to switch to.
func (l Lang) Other() Lang {
	if l == EN {
		return VI
	}
	return EN
}

// VI is Vietnamese, whatever l is: official documents are in Vietnamese
// on every page ({{.L.VI.T "doc.nation"}}).
func (Lang) VI() Lang { return VI }

// EN is English, whatever l is.
func (Lang) EN() Lang { return EN }

// Name is the language's name in itself, for the switch link.
func (l Lang) Name() string { return l.T("lang.name") }

// messages is the catalog: key → {Vietnamese, English}. It is read only.
var messages = merge(pageWords, pageWords2, mailWords, feedWords, docWords, ruleWords, commonWords, fileWords, documentPageWords, yearWords, resultPageWords, setupWords, caseworkPageWords)

// merge joins the tables of the catalog; a key in two tables is a bug,
// which the tests catch through mergedSize.
func merge(tables ...map[string][2]string) map[string][2]string {
	out := map[string][2]string{}
	for _, t := range tables {
		for k, v := range t {
			out[k] = v
		}
	}
	return out
}

// commonWords are the words every surface shares.
var commonWords = map[string][2]string{
	"lang.name": {"Tiếng Việt", "English"},

	"weekday.0": {"Chủ nhật", "Sunday"},
	"weekday.1": {"Thứ Hai", "Monday"},
	"weekday.2": {"Thứ Ba", "Tuesday"},
	"weekday.3": {"Thứ Tư", "Wednesday"},
	"weekday.4": {"Thứ Năm", "Thursday"},
	"weekday.5": {"Thứ Sáu", "Friday"},
	"weekday.6": {"Thứ Bảy", "Saturday"},

	"weekday_short.0": {"CN", "Sun"},
	"weekday_short.1": {"T2", "Mon"},
	"weekday_short.2": {"T3", "Tue"},
	"weekday_short.3": {"T4", "Wed"},
	"weekday_short.4": {"T5", "Thu"},
	"weekday_short.5": {"T6", "Fri"},
	"weekday_short.6": {"T7", "Sat"},

	"month.1":  {"Tháng 1", "January"},
	"month.2":  {"Tháng 2", "February"},
	"month.3":  {"Tháng 3", "March"},
	"month.4":  {"Tháng 4", "April"},
	"month.5":  {"Tháng 5", "May"},
	"month.6":  {"Tháng 6", "June"},
	"month.7":  {"Tháng 7", "July"},
	"month.8":  {"Tháng 8", "August"},
	"month.9":  {"Tháng 9", "September"},
	"month.10": {"Tháng 10", "October"},
	"month.11": {"Tháng 11", "November"},
	"month.12": {"Tháng 12", "December"},
	// "Tháng 1/2027", "January 2027".
	"month.year": {"%s/%d", "%s %d"},

	// One format for a span of days and one for a span of time.
	"span.days":     {"từ ngày %s đến ngày %s", "from %s to %s"},
	"span.day":      {"ngày %s", "on %s"},
	"span.next_day": {"%s (hôm sau)", "%s (next day)"},

	"unit.second.one":  {"%d giây", "%d second"},
	"unit.second.many": {"%d giây", "%d seconds"},
	"unit.minute.one":  {"%d phút", "%d minute"},
	"unit.minute.many": {"%d phút", "%d minutes"},
	"unit.hour.one":    {"%d giờ", "%d hour"},
	"unit.hour.many":   {"%d giờ", "%d hours"},
	"unit.day.one":     {"%d ngày", "%d day"},
	"unit.day.many":    {"%d ngày", "%d days"},

	"role.primary": {"Trực chính", "Primary"},
	"role.backup":  {"Dự bị", "Backup"},

	"officer.kind.legal_aid_officer": {"Trợ giúp viên pháp lý", "Legal aid officer"},
	"officer.kind.lawyer":            {"Luật sư ký hợp đồng", "Contracted lawyer"},
	"officer.kind.staff":             {"Cán bộ Trung tâm", "Center staff"},

	"status.scheduled": {"Đã xếp lịch", "Scheduled"},
	"status.cancelled": {"Đã hủy", "Cancelled"},

	"org.center":  {"Trung tâm Trợ giúp pháp lý nhà nước thành phố Hải Phòng", "State Legal Aid Center of Hai Phong"},
	"org.no_name": {"cán bộ #%d", "officer #%d"},
}
