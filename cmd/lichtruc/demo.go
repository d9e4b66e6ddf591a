package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
	"lichtruc/roster/store"
)

// demoCourtSlots are a court's morning and afternoon duties on working days.
func demoCourtSlots() []roster.Slot {
	return []roster.Slot{
		{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Officers: 1, Days: roster.Workdays},
		{Name: "Chiều", Start: 13*60 + 30, End: 17 * 60, Officers: 1, Days: roster.Workdays},
	}
}

// demoSites are Hai Phong's city People's Court, two regional courts (the
// second in the former Hải Dương area) and the Center's 24/7 phone-duty
// line. An officer serves one area a day.
var demoSites = []roster.Site{
	{Code: "TAND-HP", Name: "Tòa án nhân dân thành phố Hải Phòng", Kind: roster.SiteCourt, Area: "Hải Phòng",
		Address: "Số 1 Hồng Bàng, phường Hồng Bàng, Hải Phòng", ReceptionPhone: "0225 3745 123",
		Slots: demoCourtSlots()},
	{Code: "TAND-KV1", Name: "Tòa án nhân dân khu vực 1 – Hải Phòng", Kind: roster.SiteCourt, Area: "Hải Phòng",
		Address: "Số 8 Lạch Tray, phường Ngô Quyền, Hải Phòng", ReceptionPhone: "0225 3641 234",
		Slots: demoCourtSlots()},
	{Code: "TAND-KV2", Name: "Tòa án nhân dân khu vực 2 – Hải Phòng", Kind: roster.SiteCourt, Area: "Hải Dương",
		Address: "Số 5 Trần Hưng Đạo, phường Hải Dương, Hải Phòng", ReceptionPhone: "0220 3852 345",
		Slots: demoCourtSlots()},
	{Code: "TRUC-DT", Name: "Trực điện thoại TGPL 24/7", Kind: roster.SiteOffice, Area: "Hải Phòng",
		Address: "Trung tâm TGPL nhà nước TP Hải Phòng, số 12 Lý Tự Trọng, Hải Phòng", ReceptionPhone: "1900 1234",
		Slots: []roster.Slot{
			{Name: "Ngày", Start: 7*60 + 30, End: 17 * 60, Officers: 1, Backups: 1, Days: roster.Daily},
			{Name: "Đêm", Start: 17 * 60, End: 7*60 + 30, Officers: 1, Backups: 1, Days: roster.Daily},
		}},
}

// demoOfficers are twelve officers and contracted lawyers.
var demoOfficers = []roster.Officer{
	{FullName: "Nguyễn Văn An", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 601", Specialties: []string{"criminal", "civil"}},
	{FullName: "Trần Thị Bình", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 602", Specialties: []string{"land", "civil"}},
	{FullName: "Lê Minh Châu", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 603", Specialties: []string{"criminal"}},
	{FullName: "Phạm Thị Dung", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 604", Specialties: []string{"marriage_family", "civil"}},
	{FullName: "Hoàng Văn Đức", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 605", Specialties: []string{"administrative", "land"}},
	{FullName: "Vũ Thị Hà", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 606", Specialties: []string{"labour", "social_insurance"}},
	{FullName: "Đặng Quốc Hùng", Kind: roster.KindLawyer, Phone: "0912 345 607", Specialties: []string{"criminal", "land"}},
	{FullName: "Bùi Thị Lan", Kind: roster.KindLawyer, Phone: "0912 345 608", Specialties: []string{"civil", "marriage_family"}},
	{FullName: "Đỗ Văn Long", Kind: roster.KindLawyer, Phone: "0912 345 609", Specialties: []string{"criminal", "administrative"}},
	{FullName: "Ngô Thị Mai", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 610", Specialties: []string{"social_insurance", "labour"}},
	{FullName: "Dương Văn Nam", Kind: roster.KindLawyer, Phone: "0912 345 611", Specialties: []string{"land", "criminal"}},
	{FullName: "Lý Thị Oanh", Kind: roster.KindLegalAidOfficer, Phone: "0912 345 612", Specialties: []string{"civil", "criminal"}},
}

// demoPassword signs the demo's manager and officer in to the pages.
const demoPassword = "lichtruc-demo"

var demoEmails = []string{"an", "binh", "chau", "dung", "duc", "ha", "hung", "lan", "long", "mai", "nam", "oanh"}

// runDemo fills an empty database with the Hai Phong sample and prints a
// manager token and URLs to try. A database that already has sites is
// left alone.
func runDemo(ctx context.Context, cfg Config, st *store.Store, w io.Writer) error {
	existing, err := st.ListSites(ctx, nil)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		fmt.Fprintln(w, "demo: the database already has sites; leaving it as it is")
		return nil
	}
	const who = "demo"
	var sites []roster.Site
	for _, s := range demoSites {
		site, err := st.CreateSite(ctx, who, s)
		if err != nil {
			return fmt.Errorf("demo site %s: %w", s.Code, err)
		}
		sites = append(sites, site)
	}
	var officers []roster.Officer
	for i, o := range demoOfficers {
		o.Active = true
		o.Email = demoEmails[i] + "@trogiupphaply-haiphong.vn"
		created, err := st.CreateOfficer(ctx, who, o)
		if err != nil {
			return fmt.Errorf("demo officer %s: %w", o.FullName, err)
		}
		officers = append(officers, created)
	}
	token := cfg.BootstrapToken
	var manager roster.User
	if token == "" {
		token = store.NewToken()
		if manager, err = st.CreateUser(ctx, who, roster.User{Name: "quanly", Role: roster.RoleManager}, store.HashToken(token)); err != nil {
			return fmt.Errorf("demo manager: %w", err)
		}
	} else if manager, err = st.UserByTokenHash(ctx, store.HashToken(token)); err != nil {
		return fmt.Errorf("demo manager: %w", err)
	}
	receptionToken := store.NewToken()
	if _, err := st.CreateUser(ctx, who, roster.User{Name: "letan-tand-hp", Role: roster.RoleReception}, store.HashToken(receptionToken)); err != nil {
		return fmt.Errorf("demo reception user: %w", err)
	}
	officerToken := store.NewToken()
	an, err := st.CreateUser(ctx, who, roster.User{Name: "an", Role: roster.RoleOfficer, OfficerID: &officers[0].ID}, store.HashToken(officerToken))
	if err != nil {
		return fmt.Errorf("demo officer user: %w", err)
	}
	// Both may sign in to the pages with the demo password.
	hash, err := bcrypt.GenerateFromPassword([]byte(demoPassword), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	for _, u := range []roster.User{manager, an} {
		if err := st.SetPassword(ctx, who, u.ID, string(hash)); err != nil {
			return fmt.Errorf("demo password: %w", err)
		}
	}
	planned, uncovered, err := planDemo(ctx, cfg, st, sites, time.Now())
	if err != nil {
		return err
	}
	base := cfg.BaseURL
	fmt.Fprintf(w, `
lichtruc demo: %d sites, %d officers, %d duties planned%s.

  manager token:    %s
  reception token:  %s
  officer token:    %s   (Nguyễn Văn An)

Sign in at %s/login as %q (manager) or "an" (officer), password %q.

Try:
  curl -H "Authorization: Bearer %s" %s/api/v1/sites
  curl -H "Authorization: Bearer %s" "%s/api/v1/duty?site=TAND-HP"
  reception board:  %s/board/%s
  An's calendar:    %s/ical/o/%s.ics

`, len(sites), len(officers), planned, demoUncoveredText(uncovered), token, receptionToken, officerToken, base, manager.Name, demoPassword, token, base, token, base,
		base, store.FeedToken(sites[0].ID, sites[0].BoardSecret), base, store.FeedToken(officers[0].ID, officers[0].FeedSecret))
	return nil
}
