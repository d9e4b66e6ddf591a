package roster

import (
	"testing"
	"time"
)

func allowanceLoc(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestAllowanceDay(t *testing.T) {
	cal := NewWorkCalendar([]SpecialDay{
		{Date: NewDate(2027, 3, 6), Name: "Làm bù", Kind: WorkingDay, Source: SourceOverride}, // a Saturday worked
		{Date: NewDate(2027, 3, 8), Name: "Nghỉ", Kind: DayOff, Source: SourceOverride},       // a Monday off
	})
	for _, tc := range []struct {
		d    Date
		want AllowanceDayKind
	}{
		{NewDate(2027, 1, 1), AllowanceHoliday},  // Fri, Tết Dương lịch
		{NewDate(2027, 1, 2), AllowanceWeekend},  // Sat
		{NewDate(2027, 1, 3), AllowanceWeekend},  // Sun
		{NewDate(2027, 1, 4), AllowanceWorkday},  // Mon
		{NewDate(2027, 2, 6), AllowanceHoliday},  // Sat in Tết: holiday, not weekend
		{NewDate(2027, 2, 10), AllowanceHoliday}, // Wed, compensatory day of Tết
		{NewDate(2027, 5, 1), AllowanceHoliday},  // Sat, 1 May
		{NewDate(2027, 5, 3), AllowanceHoliday},  // Mon, compensatory day of 1 May
		{NewDate(2027, 3, 6), AllowanceWorkday},  // Saturday made a working day
		{NewDate(2027, 3, 7), AllowanceWeekend},  // Sun
		{NewDate(2027, 3, 8), AllowanceHoliday},  // Monday off by override
	} {
		if got := AllowanceDay(cal, tc.d); got != tc.want {
			t.Errorf("AllowanceDay(%s) = %d, want %d", tc.d, got, tc.want)
		}
	}
}

func TestDutyAllowance(t *testing.T) {
	loc := allowanceLoc(t)
	cal := NewWorkCalendar(nil)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2027, m, d, h, min, 0, 0, loc) }
	h := func(f float64) time.Duration { return time.Duration(f * float64(time.Hour)) }
	type want struct {
		work, weekend, holiday, night time.Duration
		kind                          AllowanceDayKind
		nightDuty                     bool
	}
	for _, tc := range []struct {
		name       string
		start, end time.Time
		want       want
	}{
		{"court morning on a Monday", at(1, 4, 7, 30), at(1, 4, 11, 30), want{work: h(4), kind: AllowanceWorkday}},
		{"court afternoon on a holiday", at(1, 1, 13, 30), at(1, 1, 17, 0), want{holiday: h(3.5), kind: AllowanceHoliday}},
		{"Saturday day", at(1, 2, 7, 0), at(1, 2, 19, 0), want{weekend: h(12), kind: AllowanceWeekend}},
		// Thu 29 Apr 07:00 to Fri 30 Apr (holiday) 07:00: split by calendar day.
		{"24h into a holiday", at(4, 29, 7, 0), at(4, 30, 7, 0),
			want{work: h(17), holiday: h(7), night: h(8), kind: AllowanceWorkday, nightDuty: true}},
		// Thu 29 Apr 19:00 to Fri 30 Apr 07:00: most hours on the holiday.
		{"overnight into a holiday", at(4, 29, 19, 0), at(4, 30, 7, 0),
			want{work: h(5), holiday: h(7), night: h(8), kind: AllowanceHoliday, nightDuty: true}},
		// Fri 30 Apr 19:00 (holiday) to Sat 1 May 07:00 (holiday on a Saturday).
		{"overnight holiday to holiday", at(4, 30, 19, 0), at(5, 1, 7, 0),
			want{holiday: h(12), night: h(8), kind: AllowanceHoliday, nightDuty: true}},
		// Sun 3 Jan 18:00 to Mon 4 Jan 06:00: 6h weekend, 6h workday: tie to weekend.
		{"tie goes to the better-paid day", at(1, 3, 18, 0), at(1, 4, 6, 0),
			want{weekend: h(6), work: h(6), night: h(8), kind: AllowanceWeekend, nightDuty: true}},
		// 19:00 to 01:00: 3 night hours, not a night duty.
		{"evening with 3 night hours", at(1, 5, 19, 0), at(1, 6, 1, 0),
			want{work: h(6), night: h(3), kind: AllowanceWorkday}},
		// 20:00 to 02:00: exactly 4 night hours: a night duty.
		{"evening with 4 night hours", at(1, 5, 20, 0), at(1, 6, 2, 0),
			want{work: h(6), night: h(4), kind: AllowanceWorkday, nightDuty: true}},
		// early morning 04:00-08:00: 2 night hours.
		{"early morning", at(1, 5, 4, 0), at(1, 5, 8, 0), want{work: h(4), night: h(2), kind: AllowanceWorkday}},
		// 48h over a weekend, Fri 1 Jan (holiday) 07:00 to Sun 3 Jan 07:00.
		{"two days", at(1, 1, 7, 0), at(1, 3, 7, 0),
			want{holiday: h(17), weekend: h(31), night: h(16), kind: AllowanceWeekend, nightDuty: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, role := range []AssignmentRole{Primary, Backup} {
				p := DutyAllowance(Assignment{Start: tc.start, End: tc.end, Role: role, Status: Scheduled}, cal, loc)
				w := tc.want
				if p.WorkdayHours != w.work || p.WeekendHours != w.weekend || p.HolidayHours != w.holiday || p.NightHours != w.night {
					t.Errorf("hours work %v weekend %v holiday %v night %v, want %v %v %v %v",
						p.WorkdayHours, p.WeekendHours, p.HolidayHours, p.NightHours, w.work, w.weekend, w.holiday, w.night)
				}
				if p.Hours != tc.end.Sub(tc.start) {
					t.Errorf("hours %v, want %v", p.Hours, tc.end.Sub(tc.start))
				}
				kinds := [3]int{p.WorkdayDuties, p.WeekendDuties, p.HolidayDuties}
				wantKinds := [3]int{}
				wantKinds[w.kind] = 1
				if p.Duties != 1 || kinds != wantKinds {
					t.Errorf("duties %d by kind %v, want 1 %v", p.Duties, kinds, wantKinds)
				}
				if (p.NightDuties == 1) != w.nightDuty {
					t.Errorf("night duties %d, want night duty %v", p.NightDuties, w.nightDuty)
				}
			}
		})
	}
	if p := DutyAllowance(Assignment{Start: at(1, 4, 7, 0), End: at(1, 4, 11, 0), Status: Cancelled}, cal, loc); p != (AllowanceParts{}) {
		t.Errorf("cancelled duty counts: %+v", p)
	}
}

func TestComputeAllowance(t *testing.T) {
	loc := allowanceLoc(t)
	cal := NewWorkCalendar(nil)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2027, m, d, h, 0, 0, 0, loc) }
	duty := func(officer int64, role AssignmentRole, start, end time.Time) Assignment {
		return Assignment{OfficerID: officer, Role: role, Start: start, End: end, Status: Scheduled}
	}
	duties := []Assignment{
		duty(1, Primary, at(4, 29, 7), at(4, 30, 7)),  // 17 work + 7 holiday
		duty(2, Backup, at(4, 29, 7), at(4, 30, 7)),   // the same slot's backup
		duty(1, Backup, at(4, 30, 7), at(5, 1, 7)),    // 24 holiday
		duty(1, Primary, at(4, 30, 19), at(5, 1, 19)), // starts in April: all its hours count in April
		duty(2, Primary, at(3, 31, 19), at(4, 1, 7)),  // starts in March: not counted
		duty(2, Primary, at(5, 1, 7), at(5, 1, 11)),   // May: not counted
		{OfficerID: 3, Role: Primary, Start: at(4, 5, 7), End: at(4, 5, 11), Status: Cancelled},
		duty(3, Primary, at(4, 3, 7), at(4, 3, 11)), // Saturday
	}
	got := ComputeAllowance(2027, time.April, duties, cal, loc)
	if len(got.Rows) != 3 || got.Rows[0].OfficerID != 1 || got.Rows[1].OfficerID != 2 || got.Rows[2].OfficerID != 3 {
		t.Fatalf("rows %+v", got.Rows)
	}
	o1, o2, o3 := got.Rows[0], got.Rows[1], got.Rows[2]
	if o1.Primary.Duties != 2 || o1.Backup.Duties != 1 || o1.Total.Duties != 3 {
		t.Errorf("officer 1 duties %d/%d/%d", o1.Primary.Duties, o1.Backup.Duties, o1.Total.Duties)
	}
	if o1.Primary.Hours != 48*time.Hour || o1.Primary.WorkdayHours != 17*time.Hour || o1.Primary.HolidayHours != 31*time.Hour {
		t.Errorf("officer 1 primary %+v", o1.Primary)
	}
	if o1.Backup.HolidayHours != 24*time.Hour || o1.Backup.HolidayDuties != 1 || o1.Backup.NightHours != 8*time.Hour {
		t.Errorf("officer 1 backup %+v", o1.Backup)
	}
	if o2.Primary.Duties != 0 || o2.Backup.Duties != 1 || o2.Backup.Hours != 24*time.Hour {
		t.Errorf("officer 2 %+v", o2)
	}
	if o3.Total.Duties != 1 || o3.Total.WeekendDuties != 1 || o3.Total.WeekendHours != 4*time.Hour {
		t.Errorf("officer 3 %+v", o3)
	}
	if got.Total.Total.Duties != 5 || got.Total.Total.Hours != (24+24+24+24+4)*time.Hour {
		t.Errorf("total %+v", got.Total.Total)
	}
}

// TestAllowanceAddsUp plans a month of 24/7 phone duty with backups and a
// court's working-day slots and checks that the parts add up to the hours of
// the month's duties, per officer and in total.
func TestAllowanceAddsUp(t *testing.T) {
	loc := allowanceLoc(t)
	cal := NewWorkCalendar(nil)
	var duties []Assignment
	var want time.Duration
	wantDuties := 0
	phone := Slot{Name: "Cả ngày", Start: 7 * 60, End: 7 * 60, Days: Daily}
	night := Slot{Name: "Đêm", Start: 19 * 60, End: 7 * 60, Days: Daily}
	morning := Slot{Name: "Sáng", Start: 7*60 + 30, End: 11*60 + 30, Days: Workdays}
	for d := NewDate(2027, 4, 1); d.Month == time.April; d = d.AddDays(1) {
		i := int64(d.Day)
		for _, s := range []struct {
			slot    Slot
			officer int64
			role    AssignmentRole
		}{{phone, i % 7, Primary}, {phone, (i + 3) % 7, Backup}, {night, 10 + i%3, Primary}, {morning, 20 + i%2, Primary}} {
			if !s.slot.RunsOn(d, cal.IsWorkday(d)) {
				continue
			}
			start, end := s.slot.Window(d, loc)
			duties = append(duties, Assignment{OfficerID: s.officer, Role: s.role, Start: start, End: end, Status: Scheduled})
			want += end.Sub(start)
			wantDuties++
		}
	}
	// A cancelled duty and one of May change nothing.
	duties = append(duties, Assignment{OfficerID: 1, Start: time.Date(2027, 4, 5, 7, 0, 0, 0, loc), End: time.Date(2027, 4, 5, 9, 0, 0, 0, loc), Status: Cancelled})
	duties = append(duties, Assignment{OfficerID: 1, Start: time.Date(2027, 5, 1, 7, 0, 0, 0, loc), End: time.Date(2027, 5, 2, 7, 0, 0, 0, loc), Status: Scheduled})

	got := ComputeAllowance(2027, time.April, duties, cal, loc)
	check := func(who string, p AllowanceParts) {
		t.Helper()
		if p.WorkdayHours+p.WeekendHours+p.HolidayHours != p.Hours {
			t.Errorf("%s: hours by day %v+%v+%v != %v", who, p.WorkdayHours, p.WeekendHours, p.HolidayHours, p.Hours)
		}
		if p.WorkdayDuties+p.WeekendDuties+p.HolidayDuties != p.Duties {
			t.Errorf("%s: duties by day do not add up: %+v", who, p)
		}
		if p.NightHours > p.Hours || p.NightDuties > p.Duties {
			t.Errorf("%s: night more than all: %+v", who, p)
		}
	}
	var sum AllowanceParts
	for _, r := range got.Rows {
		check("officer", r.Total)
		if r.Primary.Add(r.Backup) != r.Total {
			t.Errorf("officer %d: primary+backup != total", r.OfficerID)
		}
		sum = sum.Add(r.Total)
	}
	check("total", got.Total.Total)
	if sum != got.Total.Total {
		t.Errorf("rows sum %+v != total %+v", sum, got.Total.Total)
	}
	if got.Total.Total.Hours != want || got.Total.Total.Duties != wantDuties {
		t.Errorf("total %v in %d duties, want %v in %d", got.Total.Total.Hours, got.Total.Total.Duties, want, wantDuties)
	}
	// April 2027: 30 days of 24h phone duty (primary+backup) and 12h nights,
	// with night hours 8 per night duty; 21 working days of 4h mornings
	// (Hùng Kings' day on Fri 16 Apr and 30 Apr are off).
	if wantH := (30*24*2 + 30*12 + 20*4) * time.Hour; want != wantH {
		t.Errorf("fixture hours %v, want %v", want, wantH)
	}
	if got.Total.Total.NightHours != (30*8*3)*time.Hour || got.Total.Total.NightDuties != 90 {
		t.Errorf("night %v in %d duties", got.Total.Total.NightHours, got.Total.Total.NightDuties)
	}
}
