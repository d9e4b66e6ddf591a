package document

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"lichtruc/roster"
)

func testLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// testOfficers are officers whose names carry every tone and đ/Đ.
func testOfficers() map[int64]roster.Officer {
	names := []string{
		"Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Đức Dũng", "Hoàng Thị Ánh Tuyết",
		"Đặng Quốc Huy", "Vũ Thị Hương", "Bùi Xuân Trường", "Đỗ Thị Ngọc Ẩn", "Ngô Mỹ Ỷ",
		"Dương Hữu Nghĩa", "Lý Thị Ửng", "Trịnh Khắc Ấp", "Phan Thị Ợt", "Võ Thuỳ Dương",
	}
	out := map[int64]roster.Officer{}
	for i, n := range names {
		id := int64(i + 1)
		out[id] = roster.Officer{ID: id, FullName: n, Kind: roster.KindLegalAidOfficer, Phone: fmt.Sprintf("0912%06d", 100000+i*11111), Active: true}
	}
	return out
}

func courtSite() roster.Site {
	return roster.Site{ID: 1, Code: "TAND-KV1", Name: "Tòa án nhân dân khu vực 1 - Hải Phòng", Kind: roster.SiteCourt,
		Slots: []roster.Slot{
			{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Officers: 1, Days: roster.Workdays},
			{Name: "Chiều", Start: 13*60 + 30, End: 17 * 60, Officers: 1, Days: roster.Workdays},
		}}
}

func phoneSite() roster.Site {
	return roster.Site{ID: 2, Code: "TRUC-DT", Name: "Trực điện thoại 24/7", Kind: roster.SiteOffice,
		Slots: []roster.Slot{
			{Name: "Ngày", Start: 7 * 60, End: 19 * 60, Officers: 1, Backups: 1, Days: roster.Daily},
			{Name: "Đêm", Start: 19 * 60, End: 7 * 60, Officers: 1, Backups: 1, Days: roster.Daily},
		}}
}

func outreachSite() roster.Site {
	return roster.Site{ID: 3, Code: "LUU-DONG", Name: "Trợ giúp pháp lý lưu động", Kind: roster.SiteOutreach}
}

// planSection fills a site's slots from..to (both included) round robin.
func planSection(site roster.Site, from, to roster.Date, officers map[int64]roster.Officer, loc *time.Location) Section {
	cal := roster.NewWorkCalendar(nil)
	sec := Section{Site: site}
	n := int64(len(officers))
	k := int64(0)
	id := int64(site.ID * 10000)
	for d := from; !d.After(to); d = d.AddDays(1) {
		for _, sl := range site.Slots {
			if !sl.RunsOn(d, cal.IsWorkday(d)) {
				continue
			}
			start, end := sl.Window(d, loc)
			for range sl.Officers {
				id++
				sec.Duties = append(sec.Duties, roster.Assignment{ID: id, SiteID: site.ID, SiteCode: site.Code, SlotName: sl.Name,
					Role: roster.Primary, OfficerID: k%n + 1, Start: start, End: end, Status: roster.Scheduled})
				k++
			}
			for range sl.Backups {
				id++
				sec.Duties = append(sec.Duties, roster.Assignment{ID: id, SiteID: site.ID, SiteCode: site.Code, SlotName: sl.Name,
					Role: roster.Backup, OfficerID: k%n + 1, Start: start, End: end, Status: roster.Scheduled})
				k++
			}
		}
	}
	return sec
}

// needTool returns the path of an independent reader (poppler's pdftotext,
// pdfinfo, pdftoppm; python3 with openpyxl). Missing, it fails the test under
// CI=true (CI installs them) and skips it elsewhere, as the ical.js check does.
func needTool(t *testing.T, name string, check ...string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil && len(check) > 0 {
		err = exec.Command(p, check...).Run()
	}
	if err != nil {
		msg := fmt.Sprintf("this check needs %s %v (Debian: poppler-utils, python3-openpyxl): %v", name, check, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}
