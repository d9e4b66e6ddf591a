package pages

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestWebContrast checks that the colour pairs the stylesheet uses for
// text have a WCAG contrast of at least 4.5:1. Colours are read from the
// custom properties of site.css, so changing one there is checked here.
func TestWebContrast(t *testing.T) {
	css, err := webFS.ReadFile("web/static/site.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6});`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	color := func(s string) string {
		if strings.HasPrefix(s, "#") {
			if !strings.Contains(string(css), s) {
				t.Fatalf("site.css does not use %s any more: update this test", s)
			}
			if len(s) == 4 { // #rgb
				return "#" + strings.Repeat(s[1:2], 2) + strings.Repeat(s[2:3], 2) + strings.Repeat(s[3:4], 2)
			}
			return s
		}
		v, ok := vars[s]
		if !ok {
			t.Fatalf("site.css has no --%s", s)
		}
		return v
	}
	pairs := [][2]string{ // text, background
		{"ink", "paper"}, {"ink", "bg"}, {"muted", "paper"}, {"muted", "bg"}, {"muted", "grey-bg"}, {"ink", "grey-bg"},
		{"navy", "paper"}, {"navy", "bg"}, {"navy", "navy-tint"}, {"navy-dark", "navy-tint"}, {"#fff", "navy"}, {"#fff", "navy-dark"},
		{"#ffd54a", "navy-dark"}, {"#1a1a1a", "#ffd54a"}, {"#fff", "#4d5866"}, {"ink", "#fff8dc"}, {"muted", "navy-tint"},
		{"red", "paper"}, {"red", "red-bg"}, {"amber-ink", "amber-bg"}, {"green-ink", "green-bg"}, {"muted", "amber-bg"},
	}
	for _, p := range pairs {
		fg, bg := color(p[0]), color(p[1])
		if r := contrast(fg, bg); r < 4.5 {
			t.Errorf("%s on %s (%s on %s): contrast %.2f:1, want at least 4.5:1", p[0], p[1], fg, bg, r)
		}
	}
	if !strings.Contains(string(css), ":focus-visible") {
		t.Error("site.css has no keyboard focus style")
	}
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(0) + 0.7152*ch(1) + 0.0722*ch(2)
}
