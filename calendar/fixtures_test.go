package calendar

import (
	"strconv"
	"time"

	"lichtruc/roster"
)

// Fixtures: a small but realistic roster of the Center, fixed in time so the
// golden files never change by themselves.

var hcm = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall time in Hai Phong.
func at(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, hcm)
}

var edited = time.Date(2026, 12, 20, 2, 15, 0, 0, time.UTC) // when the roster was last edited

var (
	courtKV1 = roster.Site{
		ID: 1, Code: "TAND-KV1", Name: "Tòa án nhân dân khu vực 1 - Hải Phòng", Kind: roster.SiteCourt,
		Address:        "Số 15 Trần Phú, phường Ngô Quyền, thành phố Hải Phòng",
		ReceptionPhone: "0225 3842 123",
		UpdatedAt:      time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC),
		Slots: []roster.Slot{
			{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Officers: 1, Backups: 1},
			{Name: "Chiều", Start: 13*60 + 30, End: 17 * 60, Officers: 1, Backups: 1},
		},
	}
	phoneLine = roster.Site{
		ID: 2, Code: "CA-HP", Name: "Trực điện thoại tại Công an thành phố", Kind: roster.SiteOffice,
		ReceptionPhone: "069 2878 111",
		UpdatedAt:      time.Date(2026, 10, 1, 1, 0, 0, 0, time.UTC),
	}
	outreach = roster.Site{
		ID: 3, Code: "LUU-DONG", Name: "Trợ giúp pháp lý lưu động", Kind: roster.SiteOutreach,
		UpdatedAt: time.Date(2026, 9, 1, 1, 0, 0, 0, time.UTC),
	}

	an = roster.Officer{ID: 7, FullName: "Nguyễn Văn An", Kind: roster.KindLegalAidOfficer,
		Phone: "0912 345 678", UpdatedAt: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	binh = roster.Officer{ID: 8, FullName: "Trần Thị Bình", Kind: roster.KindLawyer,
		Phone: "0987 654 321", UpdatedAt: time.Date(2026, 6, 2, 0, 0, 0, 0, time.UTC)}
	cuong = roster.Officer{ID: 9, FullName: "Lê Hoàng Cường", Kind: roster.KindLegalAidOfficer,
		Phone: "0904 111 222", UpdatedAt: time.Date(2026, 6, 3, 0, 0, 0, 0, time.UTC)}
	dung = roster.Officer{ID: 10, FullName: "Phạm Thị Dung", Kind: roster.KindStaff,
		Phone: "0936 333 444", UpdatedAt: time.Date(2026, 6, 4, 0, 0, 0, 0, time.UTC)}
)

// assignment builds an assignment of site s.
func assignment(id int64, s roster.Site, slot string, role roster.AssignmentRole, officer int64,
	start, end time.Time, status roster.AssignmentStatus, version int) roster.Assignment {
	return roster.Assignment{
		ID: id, SiteID: s.ID, SiteCode: s.Code, SlotName: slot, Role: role, OfficerID: officer,
		Start: start, End: end, Status: status, Version: version,
		CreatedAt: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC),
		UpdatedAt: edited.Add(time.Duration(id) * time.Minute),
	}
}

func swapURL(id int64) string {
	return "https://lichtruc.example.vn/doi-ca?assignment=" + strconv.FormatInt(id, 10) + "&token=s3cr3t"
}

// anDuties are Nguyễn Văn An's duties around the first week of 2027:
// primary and backup at the court, a night of phone duty, an outreach
// session, a cancelled duty, one reassigned to Dung, and a stale copy of
// one duty (an older version) that must not show.
func anDuties() []Duty {
	morning := assignment(101, courtKV1, "Sáng", roster.Primary, an.ID,
		at(2027, 1, 4, 7, 30), at(2027, 1, 4, 11, 30), roster.Scheduled, 1)
	afternoon := assignment(102, courtKV1, "Chiều", roster.Backup, an.ID,
		at(2027, 1, 5, 13, 30), at(2027, 1, 5, 17, 0), roster.Scheduled, 2)
	night := assignment(103, phoneLine, "Đêm", roster.Primary, an.ID,
		at(2027, 1, 6, 17, 0), at(2027, 1, 7, 7, 30), roster.Scheduled, 1)
	session := int64(5)
	out := assignment(104, outreach, "", roster.Primary, an.ID,
		at(2027, 1, 8, 8, 0), at(2027, 1, 8, 11, 0), roster.Scheduled, 1)
	out.SessionID = &session
	cancelled := assignment(105, courtKV1, "Sáng", roster.Primary, an.ID,
		at(2027, 1, 11, 7, 30), at(2027, 1, 11, 11, 30), roster.Cancelled, 3)
	reassigned := assignment(106, courtKV1, "Chiều", roster.Primary, dung.ID,
		at(2027, 1, 12, 13, 30), at(2027, 1, 12, 17, 0), roster.Scheduled, 2)
	stale := afternoon
	stale.Version = 1
	stale.UpdatedAt = edited.Add(-time.Hour)
	stale.Start = at(2027, 1, 5, 7, 30)

	return []Duty{
		{Assignment: night, Site: phoneLine, Officer: an, Backups: []roster.Officer{cuong}, SwapURL: swapURL(103)},
		{Assignment: morning, Site: courtKV1, Officer: an, Backups: []roster.Officer{binh}, SwapURL: swapURL(101)},
		{Assignment: afternoon, Site: courtKV1, Officer: an, Backups: []roster.Officer{cuong}, SwapURL: swapURL(102)},
		{Assignment: stale, Site: courtKV1, Officer: an, Backups: []roster.Officer{cuong}, SwapURL: swapURL(102)},
		{Assignment: out, Site: outreach, Officer: an, Backups: []roster.Officer{binh, dung},
			Title:    "TGPL lưu động cho người khuyết tật, xã An Lư",
			Location: "Nhà văn hóa thôn 3, xã An Lư; huyện Thủy Nguyên",
			SwapURL:  swapURL(104)},
		{Assignment: cancelled, Site: courtKV1, Officer: an, Backups: []roster.Officer{binh}, SwapURL: swapURL(105)},
		{Assignment: reassigned, Site: courtKV1, Officer: an, Backups: []roster.Officer{binh}, SwapURL: swapURL(106)},
	}
}

func anFeed() Feed {
	return Feed{
		Kind:      KindOfficer,
		Name:      "Lịch trực TGPL - Nguyễn Văn An",
		URL:       "https://lichtruc.example.vn/feeds/officers/7/Zx9fQ2.ics",
		Duties:    anDuties(),
		OfficerID: an.ID,
		Loc:       hcm,
		Alarm:     time.Hour,
	}
}

// courtDuties are the court's duties of Monday 4 and Tuesday 5 January 2027,
// with a cancelled backup.
func courtDuties() []Duty {
	type row struct {
		id      int64
		slot    string
		role    roster.AssignmentRole
		o       roster.Officer
		others  []roster.Officer
		day     int
		status  roster.AssignmentStatus
		version int
	}
	rows := []row{
		{201, "Sáng", roster.Primary, an, []roster.Officer{binh}, 4, roster.Scheduled, 1},
		{202, "Sáng", roster.Backup, binh, []roster.Officer{an}, 4, roster.Scheduled, 1},
		{203, "Chiều", roster.Primary, cuong, []roster.Officer{an}, 4, roster.Scheduled, 1},
		{204, "Chiều", roster.Backup, an, []roster.Officer{cuong}, 4, roster.Scheduled, 4},
		{205, "Sáng", roster.Primary, dung, nil, 5, roster.Scheduled, 2},
		{206, "Sáng", roster.Backup, cuong, []roster.Officer{dung}, 5, roster.Cancelled, 2},
	}
	var ds []Duty
	for _, r := range rows {
		sl, _ := courtKV1.Slot(r.slot)
		start, end := sl.Window(roster.NewDate(2027, 1, r.day), hcm)
		ds = append(ds, Duty{
			Assignment: assignment(r.id, courtKV1, r.slot, r.role, r.o.ID, start, end, r.status, r.version),
			Site:       courtKV1, Officer: r.o, Backups: r.others,
			SwapURL: swapURL(r.id),
		})
	}
	return ds
}

func courtFeed() Feed {
	return Feed{
		Kind:   KindSite,
		Name:   "Lịch trực TGPL tại Tòa án nhân dân khu vực 1 - Hải Phòng",
		URL:    "https://lichtruc.example.vn/feeds/sites/TAND-KV1/pQ7rT1.ics",
		Duties: courtDuties(),
		Loc:    hcm,
	}
}

// workdays returns the first n Mondays–Fridays from day from (holidays do
// not matter here: only the count of events does).
func workdays(from roster.Date, n int) []roster.Date {
	var ds []roster.Date
	for d := from; len(ds) < n; d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			ds = append(ds, d)
		}
	}
	return ds
}

// officerYear is a busy officer's year: 250 duties on working days,
// alternating morning primary and afternoon backup, every 20th cancelled.
func officerYear() Feed {
	f := Feed{Kind: KindOfficer, Name: "Lịch trực TGPL - Nguyễn Văn An",
		URL: "https://lichtruc.example.vn/feeds/officers/7/Zx9fQ2.ics", OfficerID: an.ID, Loc: hcm, Alarm: time.Hour}
	for i, day := range workdays(roster.NewDate(2027, 1, 4), 250) {
		slot, role, other := "Sáng", roster.Primary, binh
		if i%2 == 1 {
			slot, role, other = "Chiều", roster.Backup, cuong
		}
		sl, _ := courtKV1.Slot(slot)
		start, end := sl.Window(day, hcm)
		status := roster.Scheduled
		if i%20 == 19 {
			status = roster.Cancelled
		}
		id := int64(1000 + i)
		f.Duties = append(f.Duties, Duty{
			Assignment: assignment(id, courtKV1, slot, role, an.ID, start, end, status, 1+i%3),
			Site:       courtKV1, Officer: an, Backups: []roster.Officer{other}, SwapURL: swapURL(id),
		})
	}
	return f
}

// siteDays is a site feed of n days. With phone24h, the site is a 24/7
// phone line with a day and a night slot, each with a primary and a backup,
// every day (4 events a day); otherwise it is the court: morning and
// afternoon on working days, primary and backup (4 events a working day).
func siteDays(n int, phone24h bool) Feed {
	site := courtKV1
	if phone24h {
		site = phoneLine
		site.Address = "Số 2 Lê Đại Hành, phường Hồng Bàng, thành phố Hải Phòng"
		site.Slots = []roster.Slot{
			{Name: "Ngày", Start: 7*60 + 30, End: 17 * 60, Officers: 1, Backups: 1, Days: roster.Daily},
			{Name: "Đêm", Start: 17 * 60, End: 7*60 + 30, Officers: 1, Backups: 1, Days: roster.Daily},
		}
	}
	f := Feed{Kind: KindSite, Name: "Lịch trực TGPL - " + site.Name,
		URL: "https://lichtruc.example.vn/feeds/sites/" + site.Code + "/pQ7rT1.ics", Loc: hcm}
	people := []roster.Officer{an, binh, cuong, dung}
	id := int64(5000)
	day0 := roster.NewDate(2027, 1, 1)
	for i := range n {
		day := day0.AddDays(i)
		if wd := day.Weekday(); !phone24h && (wd == time.Saturday || wd == time.Sunday) {
			continue
		}
		for k, sl := range site.Slots {
			start, end := sl.Window(day, hcm)
			p, b := people[(i+k)%4], people[(i+k+1)%4]
			for _, role := range []roster.AssignmentRole{roster.Primary, roster.Backup} {
				o, other := p, b
				if role == roster.Backup {
					o, other = b, p
				}
				id++
				f.Duties = append(f.Duties, Duty{
					Assignment: assignment(id, site, sl.Name, role, o.ID, start, end, roster.Scheduled, 1),
					Site:       site, Officer: o, Backups: []roster.Officer{other},
				})
			}
		}
	}
	return f
}
