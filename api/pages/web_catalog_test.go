package pages

import (
	"strings"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/catalog"
	"lichtruc/roster/store/storetest"
)

var testLoc = storetest.Loc

func TestWebCatalog(t *testing.T) {
	for _, key := range catalog.Keys() {
		m := [2]string{langVI.T(key), langEN.T(key)}
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("message %q lacks a translation: %q", key, m)
		}
		if strings.Count(m[0], "%") != strings.Count(m[1], "%") {
			t.Errorf("message %q: the translations take different arguments: %q", key, m)
		}
	}
	if got := langEN.T("no.such.key"); got != "⟦no.such.key⟧" {
		t.Fatalf("a missing key shows as %q", got)
	}
	d := roster.NewDate(2027, 1, 4)
	if langVI.LongDay(d) != "Thứ Hai, 04/01/2027" || langEN.LongDay(d) != "Monday, 04/01/2027" || langVI.Month(d) != "Tháng 1/2027" {
		t.Fatalf("dates: %q %q %q", langVI.LongDay(d), langEN.LongDay(d), langVI.Month(d))
	}
	if webTelURL("+84 (225) 3745-123") != "tel:+842253745123" || webTelURL("0912 000 111\"><script>") != "tel:0912000111" {
		t.Fatal("webTelURL must keep only digits and a leading +")
	}
	for in, want := range map[string]string{"/me/leaves": "/me", "/me/swaps/3/accept": "/me", "/manage/swaps/4/approve": "/manage/swaps",
		"/manage/sites/TAND-HP/duties": "/manage/sites/TAND-HP", "/manage/assignments/7/cancel": "/manage/assignments/7",
		"/manage/assignments/7": "/manage/assignments/7", "/manage/leaves": "/manage/leaves", "/login": "/login"} {
		if got := webGetPath(in); got != want {
			t.Errorf("webGetPath(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range []struct{ in, want string }{{"/manage", "/manage"}, {"//evil.example", "/"}, {"https://evil.example", "/"},
		{"/\\evil", "/"}, {"", "/"}, {"/me?lang=en", "/me?lang=en"}, {"/\t/evil.example", "/"}, {"/\n/evil.example", "/"},
		{"/%09/x", "/%09/x"}} {
		if got := webSafeNext(c.in); got != c.want {
			t.Errorf("webSafeNext(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
