package catalog

import (
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

func TestEveryResultWordHasAText(t *testing.T) {
	var keys []string
	for _, g := range roster.BeneficiaryGroups {
		keys = append(keys, "group."+string(g))
	}
	for _, a := range roster.RequestActions {
		keys = append(keys, "action."+string(a))
	}
	for _, s := range roster.CustodySources {
		keys = append(keys, "custody.source."+string(s))
	}
	for _, p := range roster.PersonStatuses {
		keys = append(keys, "custody.person."+string(p))
	}
	for _, f := range roster.CaseForms {
		keys = append(keys, "case.form."+string(f))
	}
	for _, o := range roster.CaseOrigins {
		keys = append(keys, "case.origin."+string(o))
	}
	for _, s := range roster.CaseStages {
		keys = append(keys, "case.stage."+string(s))
	}
	for _, o := range roster.CaseOutcomes {
		keys = append(keys, "case.outcome."+string(o))
	}
	for _, k := range keys {
		if !Has(k) {
			t.Errorf("no text for %s", k)
		}
	}
	if VI.Group(roster.GroupAccusedMinor) != "người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi" || EN.CaseOutcome(roster.OutcomeNone) != "" {
		t.Error("labels")
	}
}

func TestDuration(t *testing.T) {
	m := time.Minute
	for _, tt := range []struct {
		d      time.Duration
		vi, en string
	}{
		{45 * m, "45 phút", "45 minutes"}, {2 * time.Hour, "2 giờ", "2 hours"}, {95 * m, "1 giờ 35 phút", "1 hour 35 minutes"},
		{29 * time.Second, "0 phút", "0 minutes"}, {0, "0 phút", "0 minutes"}, {61 * m, "1 giờ 1 phút", "1 hour 1 minute"},
	} {
		if got := VI.Duration(tt.d); got != tt.vi {
			t.Errorf("VI.Duration(%v) = %q, want %q", tt.d, got, tt.vi)
		}
		if got := EN.Duration(tt.d); got != tt.en {
			t.Errorf("EN.Duration(%v) = %q, want %q", tt.d, got, tt.en)
		}
	}
}

// fig is a figure of n rows.
func fig(n int) roster.Figure {
	f := roster.Figure{Value: n, Entity: roster.EntityCase}
	for i := range n {
		f.IDs = append(f.IDs, int64(i+1))
	}
	return f
}

// seedYear is a report with the figures of the Center's 2022.
func seedYear() roster.YearReport {
	r := roster.YearReport{Year: 2022}
	r.Cases = roster.CaseYear{Total: fig(716), New: fig(586), CarriedOver: fig(130), PreviousNew: fig(238), Change: 348,
		Successful: fig(246), Completed: fig(476), Stopped: fig(15),
		SuccessfulByField: map[string]roster.Figure{"criminal": fig(221), "civil": fig(24), "administrative": fig(1)}}
	r.Duties = roster.DutyYear{Duties: fig(8), Held: fig(5), Missed: fig(1), StandIns: fig(1), WithoutResult: fig(2),
		PeopleReceived: roster.Figure{Value: 10}, Requests: fig(4)}
	r.Custody = roster.CustodyYear{Target: 2 * time.Hour, Requests: fig(5), Assigned: fig(4), Late: fig(2), Median: 75 * time.Minute, Max: 3 * time.Hour}
	r.Outreach = roster.OutreachYear{Sessions: fig(38), Attendees: roster.Figure{Value: 2050}, Advised: roster.Figure{Value: 268},
		Report: roster.OutreachReport{Summary: "Năm 2022, Trung tâm đã tổ chức được 38 đợt."}}
	return r
}

func TestYearSummary(t *testing.T) {
	r := seedYear()
	for lang, wants := range map[Lang][]string{
		VI: {"Năm 2022, Trung tâm đã thực hiện 716 vụ việc tham gia tố tụng, trong đó thụ lý mới 586 vụ việc, tăng 348 vụ việc so với năm trước",
			"130 vụ việc chuyển tiếp từ năm trước", "; 246 vụ việc thành công, hiệu quả theo tiêu chí của Bộ Tư pháp (221 hình sự, 24 dân sự, 1 hành chính)",
			"476 vụ việc đã hoàn thành", "15 vụ việc dừng thực hiện.", "bố trí 8 ca trực", "trong đó 5 ca đã diễn ra (1 ca do người khác trực thay), 1 ca không diễn ra",
			"tiếp nhận 10 lượt người, 4 yêu cầu trợ giúp pháp lý.", "Còn 2 ca trực chưa cập nhật kết quả.", "nhận 5 yêu cầu cử người",
			"trung vị 1 giờ 15 phút, lâu nhất 3 giờ", "2 yêu cầu cử người chậm quá 2 giờ.", "Năm 2022, Trung tâm đã tổ chức được 38 đợt."},
		EN: {"In 2022 the Center took part in proceedings in 716 cases, of which 586 were newly accepted, 348 more than the year before",
			"246 successful by the Ministry of Justice's criteria (221 criminal, 24 civil, 1 administrative)", "median 1 hour 15 minutes, longest 3 hours",
			"held 38 outreach sessions with 2,050 attendees and advised on 268 cases."},
	} {
		s := lang.YearSummary(r)
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s summary lacks %q:\n%s", lang, w, s)
			}
		}
		if strings.Contains(s, "⟦") {
			t.Errorf("%s: a missing key: %s", lang, s)
		}
	}
	for _, tt := range []struct {
		name     string
		nw, prev int
		want     string
		not      string
	}{
		{"fewer than last year", 40, 60, "thụ lý mới 40 vụ việc, giảm 20 vụ việc so với năm trước", "tăng"},
		{"as many", 40, 40, "thụ lý mới 40 vụ việc, bằng năm trước", "so với năm trước"},
	} {
		r := roster.YearReport{Year: 2027, Cases: roster.CaseYear{Total: fig(50), New: fig(tt.nw), PreviousNew: fig(tt.prev), Change: tt.nw - tt.prev}}
		if s := VI.YearSummary(r); !strings.Contains(s, tt.want) || strings.Contains(s, tt.not) {
			t.Errorf("%s: %q", tt.name, s)
		}
	}
	if s := VI.YearSummary(roster.YearReport{Year: 2027}); !strings.HasPrefix(s, "Năm 2027, Trung tâm chưa thực hiện vụ việc tham gia tố tụng nào.") {
		t.Errorf("none: %q", s)
	}
}

func TestEveryFigureHasALabel(t *testing.T) {
	r := seedYear()
	seen := map[string]bool{}
	for _, f := range r.Figures() {
		for _, l := range []Lang{VI, EN} {
			if got := l.FigureLabel(f); strings.Contains(got, "⟦") || got == "" {
				t.Errorf("%s: %q", f.Key, got)
			}
			if got := l.SubLabel(f); strings.Contains(got, "⟦") || got == "" {
				t.Errorf("%s: sub label %q", f.Key, got)
			}
		}
		if seen[f.Key] {
			t.Errorf("%s twice", f.Key)
		}
		seen[f.Key] = true
	}
	f, ok := r.Figure("cases.successful.criminal")
	if !ok || f.Value != 221 || VI.FigureLabel(f) != "Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp — Hình sự" {
		t.Errorf("cases.successful.criminal: %+v %q", f, VI.FigureLabel(f))
	}
	if got := VI.SubLabel(f); got != "Lĩnh vực: Hình sự" {
		t.Errorf("sub label %q", got)
	}
	for _, p := range roster.YearParts {
		if strings.Contains(VI.YearPart(p), "⟦") {
			t.Errorf("part %s", p)
		}
	}
}
