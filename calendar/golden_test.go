package calendar

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests load Asia/Ho_Chi_Minh and Europe/Berlin by name

	"lichtruc/roster"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ical/")

// goldenDir holds the expected feeds, byte for byte.
const goldenDir = "../testdata/ical"

// goldenCases are the feeds kept as golden files; the ical.js test parses
// them too.
func goldenCases() map[string]Feed {
	anEN := anFeed()
	anEN.Lang = "en"
	anEN.Name = "Legal aid duties - Nguyen Van An"
	anEN.Alarm = 24 * time.Hour
	anEN.Refresh = 30 * time.Minute

	// A feed with no Loc and no name: defaults (Asia/Ho_Chi_Minh as a fixed
	// zone, generic name, 1h refresh, no alarm).
	defaults := Feed{Kind: KindOfficer, Duties: anDuties()[:2]}

	// A zone with daylight saving inside the span of the feed: times in UTC.
	berlin := courtFeed()
	berlin.Loc = mustLoad("Europe/Berlin")
	berlin.Duties = append(berlin.Duties, Duty{
		Assignment: assignment(299, courtKV1, "Sáng", roster.Primary, an.ID,
			time.Date(2027, 4, 5, 7, 30, 0, 0, berlin.Loc), time.Date(2027, 4, 5, 11, 30, 0, 0, berlin.Loc),
			roster.Scheduled, 1),
		Site: courtKV1, Officer: an,
	})

	return map[string]Feed{
		"officer_vi":       anFeed(),
		"officer_en":       anEN,
		"site_vi":          courtFeed(),
		"empty_officer":    {Kind: KindOfficer, Name: "Lịch trực TGPL - Phạm Thị Dung", OfficerID: dung.ID, Loc: hcm, Alarm: time.Hour},
		"empty_site":       {Kind: KindSite, Name: "Lịch trực TGPL - Tòa án nhân dân khu vực 2", Loc: hcm},
		"officer_defaults": defaults,
		"site_berlin_utc":  berlin,
	}
}

func TestGolden(t *testing.T) {
	for name, f := range goldenCases() {
		t.Run(name, func(t *testing.T) {
			got, err := RenderBytes(f)
			if err != nil {
				t.Fatal(err)
			}
			checkStructure(t, got)
			path := filepath.Join(goldenDir, name+".ics")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./calendar/ -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendered feed (go test ./calendar/ -update rewrites it after review):\n%s",
					path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\r\n"), strings.Split(got, "\r\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n want " + strconv.Quote(w) + "\n  got " + strconv.Quote(g)
		}
	}
	return "(only line endings differ)"
}
