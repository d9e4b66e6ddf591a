package roster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The Vietnamese words of duty results, custody requests, cases and the year
// report live in this one file, so that the catalog can take them over in
// one move: the labels below, and YearSummary's sentences.

var groupLabels = map[BeneficiaryGroup]string{
	GroupRevolutionaryMerit: "người có công với cách mạng",
	GroupPoorHousehold:      "người thuộc hộ nghèo",
	GroupChild:              "trẻ em",
	GroupEthnicMinority:     "người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn",
	GroupAccusedMinor:       "người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi",
	GroupDisability:         "người khuyết tật có khó khăn về tài chính",
	GroupElderly:            "người cao tuổi có khó khăn về tài chính",
	GroupDomesticViolence:   "nạn nhân của hành vi bạo lực gia đình",
	GroupTrafficking:        "nạn nhân của hành vi mua bán người",
	GroupAgentOrange:        "người nhiễm chất độc da cam",
	GroupHIV:                "người nhiễm HIV có khó khăn về tài chính",
	GroupOther:              "đối tượng khác",
}

// Label returns the Vietnamese name of the group.
func (g BeneficiaryGroup) Label() string { return groupLabels[g] }

var actionLabels = map[RequestAction]string{
	ActionAdvised:  "tư vấn tại chỗ",
	ActionAccepted: "thụ lý vụ việc",
	ActionReferred: "hướng dẫn, chuyển đến cơ quan khác",
}

// Label returns the Vietnamese name of the action.
func (a RequestAction) Label() string { return actionLabels[a] }

var sourceLabels = map[CustodySource]string{
	SourcePolice:    "Cơ quan điều tra",
	SourceProcuracy: "Viện kiểm sát",
	SourceCourt:     "Tòa án",
	SourceDetention: "Nhà tạm giữ, trại tạm giam",
}

// Label returns the Vietnamese name of the source.
func (s CustodySource) Label() string { return sourceLabels[s] }

var personLabels = map[PersonStatus]string{
	PersonDetained: "người bị tạm giữ, tạm giam",
	PersonAccused:  "người bị buộc tội",
}

// Label returns the Vietnamese name of the person's position.
func (p PersonStatus) Label() string { return personLabels[p] }

var formLabels = map[CaseForm]string{
	FormProceedings:    "tham gia tố tụng",
	FormAdvice:         "tư vấn pháp luật",
	FormRepresentation: "đại diện ngoài tố tụng",
}

// Label returns the Vietnamese name of the form.
func (f CaseForm) Label() string { return formLabels[f] }

var stageLabels = map[CaseStage]string{
	StageAccepted: "đã thụ lý",
	StageHandling: "đang thực hiện",
	StageClosed:   "đã kết thúc",
}

// Label returns the Vietnamese name of the stage.
func (s CaseStage) Label() string { return stageLabels[s] }

var outcomeLabels = map[CaseOutcome]string{
	OutcomeNone:       "",
	OutcomeCompleted:  "hoàn thành",
	OutcomeSuccessful: "thành công, hiệu quả theo tiêu chí của Bộ Tư pháp",
	OutcomeStopped:    "dừng thực hiện, rút yêu cầu",
}

// Label returns the Vietnamese name of the outcome.
func (o CaseOutcome) Label() string { return outcomeLabels[o] }

// FormatDurationVi writes d in hours and minutes the Vietnamese way:
// "1 giờ 35 phút", "45 phút", "2 giờ".
func FormatDurationVi(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	h, m := m/60, m%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d phút", m)
	case m == 0:
		return fmt.Sprintf("%d giờ", h)
	}
	return fmt.Sprintf("%d giờ %d phút", h, m)
}

// YearSummary writes the year report as the Center's annual report does,
// one sentence per part: cases in proceedings ("Năm 2022, Trung tâm đã thực
// hiện 716 vụ việc tham gia tố tụng, trong đó thụ lý mới 586 vụ việc, tăng
// 348 vụ việc so với năm trước; 246 vụ việc thành công (221 hình sự, 24
// dân sự, 1 hành chính)…"), duties, custody requests, then the outreach
// summary.
func YearSummary(r YearReport) string {
	var parts []string
	c := r.Cases
	if c.Total.Value == 0 {
		parts = append(parts, fmt.Sprintf("Năm %d, Trung tâm chưa thực hiện vụ việc tham gia tố tụng nào.", r.Year))
	} else {
		var b strings.Builder
		fmt.Fprintf(&b, "Năm %d, Trung tâm đã thực hiện %s vụ việc tham gia tố tụng, trong đó thụ lý mới %s vụ việc",
			r.Year, FormatCount(c.Total.Value), FormatCount(c.New.Value))
		switch {
		case c.Change > 0:
			fmt.Fprintf(&b, ", tăng %s vụ việc so với năm trước", FormatCount(c.Change))
		case c.Change < 0:
			fmt.Fprintf(&b, ", giảm %s vụ việc so với năm trước", FormatCount(-c.Change))
		default:
			b.WriteString(", bằng năm trước")
		}
		if c.CarriedOver.Value > 0 {
			fmt.Fprintf(&b, ", %s vụ việc chuyển tiếp từ năm trước", FormatCount(c.CarriedOver.Value))
		}
		if c.Successful.Value > 0 {
			fmt.Fprintf(&b, "; %s vụ việc thành công, hiệu quả theo tiêu chí của Bộ Tư pháp (%s)",
				FormatCount(c.Successful.Value), successPhrase(c.SuccessfulByField))
		}
		if c.Completed.Value > 0 {
			fmt.Fprintf(&b, "; %s vụ việc đã hoàn thành", FormatCount(c.Completed.Value))
		}
		if c.Stopped.Value > 0 {
			fmt.Fprintf(&b, "; %s vụ việc dừng thực hiện", FormatCount(c.Stopped.Value))
		}
		b.WriteString(".")
		parts = append(parts, b.String())
	}
	if d := r.Duties; d.Duties.Value > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "Trung tâm đã bố trí %s ca trực tại Tòa án và trực điện thoại, trong đó %s ca đã diễn ra",
			FormatCount(d.Duties.Value), FormatCount(d.Held.Value))
		if d.StandIns.Value > 0 {
			fmt.Fprintf(&b, " (%s ca do người khác trực thay)", FormatCount(d.StandIns.Value))
		}
		if d.Missed.Value > 0 {
			fmt.Fprintf(&b, ", %s ca không diễn ra", FormatCount(d.Missed.Value))
		}
		fmt.Fprintf(&b, "; tiếp nhận %s lượt người, %s yêu cầu trợ giúp pháp lý", FormatCount(d.PeopleReceived.Value), FormatCount(d.Requests.Value))
		b.WriteString(".")
		if d.WithoutResult.Value > 0 {
			fmt.Fprintf(&b, " Còn %s ca trực chưa cập nhật kết quả.", FormatCount(d.WithoutResult.Value))
		}
		parts = append(parts, b.String())
	}
	if k := r.Custody; k.Requests.Value > 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "Trung tâm đã nhận %s yêu cầu cử người trợ giúp pháp lý cho người bị tạm giữ, tạm giam, bị buộc tội",
			FormatCount(k.Requests.Value))
		if k.Assigned.Value > 0 {
			fmt.Fprintf(&b, "; thời gian từ khi nhận yêu cầu đến khi cử người: trung vị %s, lâu nhất %s", FormatDurationVi(k.Median), FormatDurationVi(k.Max))
		}
		if k.Late.Value > 0 {
			fmt.Fprintf(&b, "; %s yêu cầu cử người chậm quá %s", FormatCount(k.Late.Value), FormatDurationVi(k.Target))
		}
		b.WriteString(".")
		parts = append(parts, b.String())
	}
	parts = append(parts, r.Outreach.Report.Summary)
	return strings.Join(parts, " ")
}

// successPhrase lists the successful cases by field, most first:
// "221 hình sự, 24 dân sự, 1 hành chính".
func successPhrase(byField map[string]Figure) string {
	fields := slices.Clone(ConsultationFields)
	slices.SortStableFunc(fields, func(a, b string) int { return cmp.Compare(byField[b].Value, byField[a].Value) })
	var items []string
	for _, f := range fields {
		if n := byField[f].Value; n > 0 {
			items = append(items, FormatCount(n)+" "+FieldLabel(f))
		}
	}
	return strings.Join(items, ", ")
}
