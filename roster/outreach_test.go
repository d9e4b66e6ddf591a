package roster

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var otZone = time.FixedZone("ICT", 7*3600)

func otAt(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, otZone)
}

func otPtr[T any](v T) *T { return &v }

// otFields returns the field names of err's FieldErrors.
func otFields(err error) []string {
	var out []string
	if e, ok := err.(*Error); ok {
		for _, f := range e.Fields {
			out = append(out, f.Field)
		}
	}
	return out
}

func TestOutreachPartnerNameKeyAndKind(t *testing.T) {
	// "Hội" written decomposed (NFD), as some phones send it.
	nfd := "Ho\u0302\u0323i No\u0302ng da\u0302n  thành phố"
	tests := []struct {
		name string
		key  string
		kind PartnerKind
	}{
		{"Hội Người khuyết tật thành phố", "hội người khuyết tật thành phố", PartnerDisability},
		{"  HỘI NẠN NHÂN CHẤT ĐỘC DA CAM/DIOXIN  ", "hội nạn nhân chất độc da cam/dioxin", PartnerAgentOrange},
		{"Hội Cựu chiến binh quận Lê Chân", "hội cựu chiến binh quận lê chân", PartnerVeterans},
		{nfd, "hội nông dân thành phố", PartnerFarmers},
		{"Hội liên hiệp Phụ nữ thành phố", "hội liên hiệp phụ nữ thành phố", PartnerWomen},
		{"Hội Người cao tuổi huyện Tiên Lãng", "hội người cao tuổi huyện tiên lãng", PartnerElderly},
		{"Phòng Tư pháp huyện Thủy Nguyên", "phòng tư pháp huyện thủy nguyên", PartnerJustice},
		{"UBND xã An Lư", "ubnd xã an lư", PartnerCommune},
		{"Ủy ban nhân dân phường Cát Bi", "ủy ban nhân dân phường cát bi", PartnerCommune},
		{"Uỷ ban nhân dân thị trấn Núi Đối", "uỷ ban nhân dân thị trấn núi đối", PartnerCommune},
		{"Đoàn Thanh niên phường Lạch Tray", "đoàn thanh niên phường lạch tray", PartnerOther},
		{"Nông dân", "nông dân", PartnerOther}, // a prefix only: "Hội" is missing
	}
	for _, tc := range tests {
		if got := PartnerNameKey(tc.name); got != tc.key {
			t.Errorf("PartnerNameKey(%q) = %q, want %q", tc.name, got, tc.key)
		}
		if got := GuessPartnerKind(tc.name); got != tc.kind {
			t.Errorf("GuessPartnerKind(%q) = %q, want %q", tc.name, got, tc.kind)
		}
	}
	if PartnerNameKey(nfd) != PartnerNameKey("Hội Nông dân thành phố") {
		t.Error("NFD and NFC spellings of one name must have one key")
	}
}

func TestOutreachPartnerValidate(t *testing.T) {
	tests := []struct {
		p     Partner
		field string // "" = valid
	}{
		{Partner{Name: "Hội Nông dân", Kind: PartnerFarmers}, ""},
		{Partner{Name: "  ", Kind: PartnerFarmers}, "name"},
		{Partner{Name: strings.Repeat("á", 201), Kind: PartnerFarmers}, "name"},
		{Partner{Name: strings.Repeat("á", 200), Kind: PartnerFarmers}, ""}, // characters, not bytes
		{Partner{Name: "X", Kind: "club"}, "kind"},
		{Partner{Name: "X", Kind: PartnerOther, Notes: strings.Repeat("x", 2001)}, "notes"},
	}
	for i, tc := range tests {
		err := tc.p.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%d: %v", i, err)
			}
			continue
		}
		if !slices.Contains(otFields(err), tc.field) {
			t.Errorf("%d: error %v does not name %q", i, err, tc.field)
		}
	}
	for _, k := range PartnerKinds {
		if !k.Valid() || k.Label() == "" {
			t.Errorf("kind %q: valid %v label %q", k, k.Valid(), k.Label())
		}
	}
}

func TestOutreachFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 268: "268", 999: "999", 1000: "1.000", 2050: "2.050",
		12345: "12.345", 1234567: "1.234.567", -2050: "-2.050"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestOutreachResultsValidate(t *testing.T) {
	tests := []struct {
		name   string
		r      SessionResults
		fields []string
	}{
		{"ok", SessionResults{Attendees: 60, Requests: 2, Consultations: map[string]int{"land": 5, "civil": 2}}, nil},
		{"limits", SessionResults{Attendees: MaxAttendees, Requests: MaxRequests, Consultations: map[string]int{"other": MaxCasesPerField}}, nil},
		{"every field", SessionResults{Consultations: map[string]int{"civil": 1, "land": 1, "criminal": 1, "administrative": 1,
			"social_insurance": 1, "labour": 1, "marriage_family": 1, "other": 1}}, nil},
		{"negative attendees", SessionResults{Attendees: -1}, []string{"attendees"}},
		{"too many attendees", SessionResults{Attendees: MaxAttendees + 1}, []string{"attendees"}},
		{"negative requests", SessionResults{Requests: -3}, []string{"requests"}},
		{"unknown field", SessionResults{Consultations: map[string]int{"astrology": 1}}, []string{"consultations.astrology"}},
		{"field too big", SessionResults{Consultations: map[string]int{"land": MaxCasesPerField + 1}}, []string{"consultations.land"}},
		{"field negative", SessionResults{Consultations: map[string]int{"labour": -1}}, []string{"consultations.labour"}},
		{"several", SessionResults{Attendees: -1, Consultations: map[string]int{"zz": 1, "aa": -1}},
			[]string{"attendees", "consultations.aa", "consultations.zz"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.Validate()
			got := otFields(err)
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tc.fields, err)
			}
			if tc.fields != nil && ErrorCode(err) != EInvalid {
				t.Fatalf("code %v", ErrorCode(err))
			}
		})
	}
	if n := (SessionResults{Consultations: map[string]int{"land": 5, "civil": 2}}).Total(); n != 7 {
		t.Fatalf("Total = %d", n)
	}
}

func otSession() OutreachSession {
	return OutreachSession{Title: "TGPL lưu động cho người khuyết tật", Venue: "Nhà văn hóa thôn 3", Commune: "xã An Lư",
		Start: otAt(2027, 3, 10, 8, 0), End: otAt(2027, 3, 10, 11, 30), Partners: []Partner{{Name: "Hội Người khuyết tật"}},
		OfficerIDs: []int64{1, 2}, Status: SessionScheduled}
}

func TestOutreachSessionValidate(t *testing.T) {
	now := otAt(2027, 1, 4, 9, 0)
	tests := []struct {
		name   string
		mod    func(s *OutreachSession)
		fields []string
	}{
		{"ok", func(s *OutreachSession) {}, nil},
		{"no officers yet", func(s *OutreachSession) { s.OfficerIDs = nil }, nil},
		{"partner by id", func(s *OutreachSession) { s.Partners = []Partner{{ID: 4}, {Name: "UBND xã An Lư"}} }, nil},
		{"no title", func(s *OutreachSession) { s.Title = " " }, []string{"title"}},
		{"no venue", func(s *OutreachSession) { s.Venue = "" }, []string{"venue"}},
		{"no start", func(s *OutreachSession) { s.Start = time.Time{} }, []string{"start"}},
		{"end before start", func(s *OutreachSession) { s.End = s.Start.Add(-time.Hour) }, []string{"end"}},
		{"end at start", func(s *OutreachSession) { s.End = s.Start }, []string{"end"}},
		{"too long", func(s *OutreachSession) { s.End = s.Start.Add(MaxSessionLength + time.Minute) }, []string{"end"}},
		{"no partner", func(s *OutreachSession) { s.Partners = nil }, []string{"partner"}},
		{"partner twice by name", func(s *OutreachSession) {
			s.Partners = []Partner{{Name: "Hội Nông dân"}, {Name: "hội  nông dân"}}
		}, []string{"partner_ids[1]"}},
		{"partner twice by id", func(s *OutreachSession) { s.Partners = []Partner{{ID: 3}, {ID: 3}} }, []string{"partner_ids[1]"}},
		{"empty partner", func(s *OutreachSession) { s.Partners = []Partner{{Name: " "}} }, []string{"partner_ids[0]"}},
		{"officer twice", func(s *OutreachSession) { s.OfficerIDs = []int64{1, 2, 1} }, []string{"officer_ids[2]"}},
		{"officer zero", func(s *OutreachSession) { s.OfficerIDs = []int64{0} }, []string{"officer_ids[0]"}},
		{"too many officers", func(s *OutreachSession) {
			s.OfficerIDs = nil
			for i := range MaxSessionOfficers + 1 {
				s.OfficerIDs = append(s.OfficerIDs, int64(i+1))
			}
		}, []string{"officer_ids"}},
		{"results before start", func(s *OutreachSession) { s.Results = &SessionResults{Attendees: 5} }, []string{"start"}},
		{"results after start", func(s *OutreachSession) {
			s.Start, s.End = otAt(2026, 12, 1, 8, 0), otAt(2026, 12, 1, 11, 0)
			s.Results = &SessionResults{Attendees: 5}
		}, nil},
		{"bad results", func(s *OutreachSession) {
			s.Start, s.End = otAt(2026, 12, 1, 8, 0), otAt(2026, 12, 1, 11, 0)
			s.Results = &SessionResults{Attendees: 10001, Consultations: map[string]int{"astrology": 1}}
		}, []string{"attendees", "consultations.astrology"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := otSession()
			tc.mod(&s)
			got := otFields(s.Validate(now))
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestOutreachApply(t *testing.T) {
	before := otAt(2027, 3, 1, 9, 0) // the session (10 March) has not started
	after := otAt(2027, 3, 10, 12, 0)
	tests := []struct {
		name  string
		cur   func(s *OutreachSession)
		ch    SessionChange
		now   time.Time
		code  Code
		field string
		check func(t *testing.T, s OutreachSession)
	}{
		{name: "rename and move", ch: SessionChange{Title: otPtr("  TGPL cho hội viên nông dân "), Start: otPtr(otAt(2027, 3, 11, 8, 0)), End: otPtr(otAt(2027, 3, 11, 11, 0))},
			now: before, check: func(t *testing.T, s OutreachSession) {
				if s.Title != "TGPL cho hội viên nông dân" || !s.Start.Equal(otAt(2027, 3, 11, 8, 0)) || s.Results != nil {
					t.Fatalf("%+v", s)
				}
			}},
		{name: "end before start after a move", ch: SessionChange{Start: otPtr(otAt(2027, 3, 10, 12, 0))}, now: before, code: EInvalid, field: "end"},
		{name: "results before start", ch: SessionChange{Attendees: otPtr(40)}, now: before, code: EInvalid, field: "attendees"},
		{name: "consultations before start", ch: SessionChange{Consultations: map[string]int{"land": 1}}, now: before, code: EInvalid, field: "consultations"},
		{name: "bad field before start is named too", ch: SessionChange{Consultations: map[string]int{"astrology": 1}}, now: before, code: EInvalid, field: "consultations.astrology"},
		{name: "requests before start", ch: SessionChange{Requests: otPtr(1)}, now: before, code: EInvalid, field: "requests"},
		{name: "results at the start instant", ch: SessionChange{Attendees: otPtr(0)}, now: otAt(2027, 3, 10, 8, 0), check: func(t *testing.T, s OutreachSession) {
			if s.Results == nil || s.Results.Attendees != 0 || s.Results.RecordedBy != "quanly" {
				t.Fatalf("%+v", s.Results)
			}
		}},
		{name: "results recorded", ch: SessionChange{Attendees: otPtr(65), Consultations: map[string]int{"land": 4, "civil": 0, "labour": 2}},
			now: after, check: func(t *testing.T, s OutreachSession) {
				r := s.Results
				if r.Attendees != 65 || r.Total() != 6 || len(r.Consultations) != 2 || !r.RecordedAt.Equal(after) {
					t.Fatalf("%+v", r)
				}
			}},
		{name: "attendees kept when consultations replaced", cur: func(s *OutreachSession) {
			s.Start, s.End = otAt(2027, 3, 1, 8, 0), otAt(2027, 3, 1, 11, 0)
			s.Results = &SessionResults{Attendees: 70, Requests: 3, Consultations: map[string]int{"land": 9, "civil": 1}}
		}, ch: SessionChange{Consultations: map[string]int{"criminal": 2}}, now: after, check: func(t *testing.T, s OutreachSession) {
			r := s.Results
			if r.Attendees != 70 || r.Requests != 3 || r.Total() != 2 || r.Consultations["land"] != 0 {
				t.Fatalf("%+v", r)
			}
		}},
		{name: "bad results", ch: SessionChange{Attendees: otPtr(12000)}, now: after, code: EInvalid, field: "attendees"},
		{name: "unknown field", ch: SessionChange{Consultations: map[string]int{"astrology": 0}}, now: after, code: EInvalid, field: "consultations.astrology"},
		{name: "cancelled", cur: func(s *OutreachSession) { s.Status = SessionCancelled }, ch: SessionChange{Attendees: otPtr(1)}, now: after, code: EConflict},
		{name: "cancelled cannot move either", cur: func(s *OutreachSession) { s.Status = SessionCancelled }, ch: SessionChange{Title: otPtr("x")}, now: before, code: EConflict},
		{name: "results cannot move into the future", cur: func(s *OutreachSession) {
			s.Start, s.End = otAt(2027, 3, 1, 8, 0), otAt(2027, 3, 1, 11, 0)
			s.Results = &SessionResults{Attendees: 70}
		}, ch: SessionChange{Start: otPtr(otAt(2027, 4, 1, 8, 0)), End: otPtr(otAt(2027, 4, 1, 11, 0))}, now: otAt(2027, 3, 5, 0, 0), code: EInvalid, field: "start"},
		{name: "officers replaced", ch: SessionChange{OfficerIDs: otPtr([]int64{3})}, now: before, check: func(t *testing.T, s OutreachSession) {
			if !slices.Equal(s.OfficerIDs, []int64{3}) {
				t.Fatalf("%v", s.OfficerIDs)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur := otSession()
			cur.ID = 7
			if tc.cur != nil {
				tc.cur(&cur)
			}
			orig := fmt.Sprintf("%+v", cur)
			next, err := cur.Apply(tc.ch, "quanly", tc.now)
			if fmt.Sprintf("%+v", cur) != orig {
				t.Fatal("Apply changed its receiver")
			}
			if ErrorCode(err) != tc.code {
				t.Fatalf("code %q, want %q (%v)", ErrorCode(err), tc.code, err)
			}
			if tc.field != "" && !slices.Contains(otFields(err), tc.field) {
				t.Fatalf("error %v does not name %q", err, tc.field)
			}
			if tc.check != nil {
				tc.check(t, next)
			}
		})
	}
	if (SessionChange{}).HasResults() || !(SessionChange{}).Empty() || (SessionChange{Notes: otPtr("")}).Empty() {
		t.Fatal("HasResults/Empty")
	}
	s := otSession()
	if (SessionChange{Start: otPtr(s.Start)}).Moves(s) || !(SessionChange{End: otPtr(s.End.Add(time.Minute))}).Moves(s) {
		t.Fatal("Moves")
	}
}

// sess makes a session of 2022 with results; attendees < 0 means none.
func otHeld(id int64, start time.Time, partners []Partner, officers []int64, attendees int, cases map[string]int) OutreachSession {
	s := OutreachSession{ID: id, Title: fmt.Sprintf("Đợt %d", id), Venue: "Nhà văn hóa", Start: start, End: start.Add(3 * time.Hour),
		Partners: partners, OfficerIDs: officers, Status: SessionScheduled}
	if attendees >= 0 {
		s.Results = &SessionResults{Attendees: attendees, Consultations: cases}
	}
	return s
}

func TestOutreachReport(t *testing.T) {
	disab := Partner{ID: 1, Name: "Hội Người khuyết tật", Kind: PartnerDisability}
	farm := Partner{ID: 2, Name: "Hội Nông dân", Kind: PartnerFarmers}
	tp1 := Partner{ID: 3, Name: "Phòng Tư pháp huyện An Lão", Kind: PartnerJustice}
	tp2 := Partner{ID: 4, Name: "Phòng Tư pháp quận Lê Chân", Kind: PartnerJustice}
	now := otAt(2022, 12, 20, 12, 0)
	cancelled := otHeld(5, otAt(2022, 5, 5, 8, 0), []Partner{farm}, []int64{1}, -1, nil)
	cancelled.Status = SessionCancelled
	sessions := []OutreachSession{
		otHeld(1, otAt(2022, 1, 1, 0, 30), []Partner{disab, tp1}, []int64{1, 2}, 60, map[string]int{"land": 5, "civil": 3}),
		otHeld(2, otAt(2022, 3, 15, 8, 0), []Partner{farm}, []int64{2}, 45, map[string]int{"land": 2, "labour": 1}),
		otHeld(3, otAt(2022, 3, 20, 8, 0), []Partner{farm, tp2}, []int64{3}, 1000, map[string]int{"social_insurance": 4}),
		otHeld(4, otAt(2022, 6, 1, 8, 0), []Partner{farm}, []int64{1}, -1, nil), // held, results missing
		cancelled,
		otHeld(6, otAt(2022, 12, 28, 8, 0), []Partner{disab}, []int64{1}, -1, nil),                                                // planned
		otHeld(7, time.Date(2021, 12, 31, 16, 59, 0, 0, time.UTC), []Partner{disab}, []int64{9}, 500, map[string]int{"land": 50}), // 23:59 in Hanoi: 2021
		otHeld(8, time.Date(2022, 12, 31, 17, 0, 0, 0, time.UTC), []Partner{disab}, []int64{9}, 500, nil),                         // 1 Jan 2023 in Hanoi
	}
	r := BuildOutreachReport(2022, sessions, now, otZone)
	if r.Year != 2022 || r.Sessions != 4 || r.Attendees != 1105 || r.Consultations != 15 || r.Requests != 0 {
		t.Fatalf("totals: %+v", r.OutreachFigures)
	}
	if r.WithoutResults != 1 || r.Planned != 1 || r.Cancelled != 1 || r.Officers != 3 {
		t.Fatalf("without results %d planned %d cancelled %d officers %d", r.WithoutResults, r.Planned, r.Cancelled, r.Officers)
	}
	wantField := map[string]int{"civil": 3, "land": 7, "criminal": 0, "administrative": 0, "social_insurance": 4, "labour": 1, "marriage_family": 0, "other": 0}
	if fmt.Sprint(r.ByField) != fmt.Sprint(wantField) {
		t.Fatalf("by field %v, want %v", r.ByField, wantField)
	}
	if len(r.ByMonth) != 12 {
		t.Fatalf("%d months", len(r.ByMonth))
	}
	sum := 0
	for i, m := range r.ByMonth {
		if m.Month != time.Month(i+1) || len(m.ByField) != len(ConsultationFields) {
			t.Fatalf("month %d: %+v", i, m)
		}
		sum += m.Attendees
	}
	if sum != r.Attendees || r.ByMonth[0].Sessions != 1 || r.ByMonth[2].Sessions != 2 || r.ByMonth[2].Consultations != 7 || r.ByMonth[5].Sessions != 1 || r.ByMonth[11].Sessions != 0 {
		t.Fatalf("by month: %+v", r.ByMonth)
	}
	var order []string
	for _, p := range r.ByPartner {
		order = append(order, fmt.Sprintf("%s:%d:%d", p.Partner.Name, p.Sessions, p.Attendees))
	}
	want := []string{"Hội Nông dân:3:1045", "Phòng Tư pháp quận Lê Chân:1:1000", "Hội Người khuyết tật:1:60", "Phòng Tư pháp huyện An Lão:1:60"}
	if !slices.Equal(order, want) {
		t.Fatalf("by partner %v, want %v", order, want)
	}
	wantSummary := "Năm 2022, Trung tâm đã phối hợp với Hội Người khuyết tật, Hội Nông dân và Phòng Tư pháp các quận, huyện tổ chức được 4 đợt" +
		" trợ giúp pháp lý ngoài trụ sở, thu hút 1.105 lượt người tham dự; tiếp nhận và tư vấn 15 vụ việc về dân sự, đất đai," +
		" bảo hiểm xã hội và lao động. Còn 1 đợt chưa cập nhật kết quả."
	if r.Summary != wantSummary {
		t.Fatalf("summary\n got %q\nwant %q", r.Summary, wantSummary)
	}
	// The planned session is held once it has started.
	if r := BuildOutreachReport(2022, sessions, otAt(2023, 1, 2, 0, 0), otZone); r.Sessions != 5 || r.Planned != 0 || r.WithoutResults != 2 {
		t.Fatalf("a year later: %+v", r)
	}
	if r := BuildOutreachReport(2021, sessions, now, otZone); r.Sessions != 1 || r.ByField["land"] != 50 || r.ByMonth[11].Attendees != 500 {
		t.Fatalf("2021: %+v", r)
	}
}

func TestOutreachSummary(t *testing.T) {
	commune := func(id int64, name string) PartnerFigures {
		return PartnerFigures{Partner: Partner{ID: id, Name: name, Kind: PartnerCommune}}
	}
	tests := []struct {
		name string
		r    OutreachReport
		want string
	}{
		{"nothing", OutreachReport{Year: 2030}, "Năm 2030, Trung tâm chưa tổ chức đợt trợ giúp pháp lý ngoài trụ sở nào."},
		{"only planned", OutreachReport{Year: 2030, Planned: 3}, "Năm 2030, Trung tâm chưa tổ chức đợt trợ giúp pháp lý ngoài trụ sở nào. Đã lên kế hoạch 3 đợt."},
		{"no partners, no results", OutreachReport{Year: 2024, OutreachFigures: OutreachFigures{Sessions: 2}, WithoutResults: 2},
			"Năm 2024, Trung tâm đã tổ chức được 2 đợt trợ giúp pháp lý ngoài trụ sở. Còn 2 đợt chưa cập nhật kết quả."},
		{"one commune, requests", OutreachReport{Year: 2024, OutreachFigures: OutreachFigures{Sessions: 1, Attendees: 1200, Requests: 3,
			Consultations: 2, ByField: map[string]int{"other": 2}}, ByPartner: []PartnerFigures{commune(1, "UBND xã An Lư")}},
			"Năm 2024, Trung tâm đã phối hợp với UBND xã An Lư tổ chức được 1 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 1.200 lượt người tham dự;" +
				" tiếp nhận và tư vấn 2 vụ việc về lĩnh vực khác. Qua các đợt này, Trung tâm đã nhận 3 yêu cầu trợ giúp pháp lý."},
		{"several communes", OutreachReport{Year: 2024, OutreachFigures: OutreachFigures{Sessions: 2, Attendees: 10}, ByPartner: []PartnerFigures{
			{Partner: Partner{ID: 9, Name: "Hội Cựu chiến binh", Kind: PartnerVeterans}}, commune(1, "UBND xã An Lư"), commune(2, "UBND phường Cát Bi")}},
			"Năm 2024, Trung tâm đã phối hợp với Hội Cựu chiến binh và các xã, phường, thị trấn tổ chức được 2 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 10 lượt người tham dự."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := OutreachSummary(tc.r); got != tc.want {
				t.Fatalf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
	// More than maxNamedPartners named partners: the rest are counted.
	var many []PartnerFigures
	for i := range 13 {
		many = append(many, PartnerFigures{Partner: Partner{ID: int64(i + 1), Name: fmt.Sprintf("Đơn vị %02d", i+1), Kind: PartnerOther}})
	}
	got := OutreachSummary(OutreachReport{Year: 2024, OutreachFigures: OutreachFigures{Sessions: 13}, ByPartner: many})
	if !strings.Contains(got, "Đơn vị 10 và 3 đơn vị khác tổ chức") || strings.Contains(got, "Đơn vị 11") {
		t.Fatalf("many partners: %q", got)
	}
}
