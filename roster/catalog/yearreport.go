package catalog

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"lichtruc/roster"
)

// yearWords are the words of duty results, custody requests, cases and the
// Center's year report: the names of beneficiary groups, actions, sources,
// forms, stages and outcomes, and the sentences of the year's summary.
var yearWords = map[string][2]string{
	"group.revolutionary_merit": {"người có công với cách mạng", "person with revolutionary merit"},
	"group.poor_household":      {"người thuộc hộ nghèo", "person of a poor household"},
	"group.child":               {"trẻ em", "child"},
	"group.ethnic_minority":     {"người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn", "ethnic minority person living in an area of special difficulty"},
	"group.accused_minor":       {"người bị buộc tội từ đủ 16 tuổi đến dưới 18 tuổi", "accused person aged 16 to under 18"},
	"group.disability":          {"người khuyết tật có khó khăn về tài chính", "person with disabilities in financial difficulty"},
	"group.elderly":             {"người cao tuổi có khó khăn về tài chính", "elderly person in financial difficulty"},
	"group.domestic_violence":   {"nạn nhân của hành vi bạo lực gia đình", "victim of domestic violence"},
	"group.trafficking":         {"nạn nhân của hành vi mua bán người", "victim of trafficking"},
	"group.agent_orange":        {"người nhiễm chất độc da cam", "Agent Orange victim"},
	"group.hiv":                 {"người nhiễm HIV có khó khăn về tài chính", "person with HIV in financial difficulty"},
	"group.other":               {"đối tượng khác", "other entitled person"},

	"action.advised":  {"tư vấn tại chỗ", "advised on the spot"},
	"action.accepted": {"thụ lý vụ việc", "accepted as a case"},
	"action.referred": {"hướng dẫn, chuyển đến cơ quan khác", "referred elsewhere"},

	"custody.source.police":    {"Cơ quan điều tra", "Police (investigation)"},
	"custody.source.procuracy": {"Viện kiểm sát", "Procuracy"},
	"custody.source.court":     {"Tòa án", "Court"},
	"custody.source.detention": {"Nhà tạm giữ, trại tạm giam", "Detention facility"},

	"custody.person.detained": {"người bị tạm giữ, tạm giam", "held in custody"},
	"custody.person.accused":  {"người bị buộc tội", "accused"},

	"case.form.proceedings":    {"tham gia tố tụng", "taking part in proceedings"},
	"case.form.advice":         {"tư vấn pháp luật", "legal advice"},
	"case.form.representation": {"đại diện ngoài tố tụng", "representation outside proceedings"},

	"case.origin.duty":     {"ca trực", "duty"},
	"case.origin.custody":  {"yêu cầu từ cơ quan tiến hành tố tụng", "custody request"},
	"case.origin.outreach": {"đợt trợ giúp pháp lý ngoài trụ sở", "outreach session"},
	"case.origin.office":   {"tại trụ sở Trung tâm", "at the Center's office"},

	"case.stage.accepted": {"đã thụ lý", "accepted"},
	"case.stage.handling": {"đang thực hiện", "in hand"},
	"case.stage.closed":   {"đã kết thúc", "closed"},

	"case.outcome.completed":  {"hoàn thành", "completed"},
	"case.outcome.successful": {"thành công, hiệu quả theo tiêu chí của Bộ Tư pháp", "successful by the Ministry of Justice's criteria"},
	"case.outcome.stopped":    {"dừng thực hiện, rút yêu cầu", "stopped or withdrawn"},

	// The summary paragraph, one sentence per part, as the Center writes it.
	"year.sum.no_cases":   {"Năm %d, Trung tâm chưa thực hiện vụ việc tham gia tố tụng nào.", "In %d the Center took part in no proceedings."},
	"year.sum.cases":      {"Năm %d, Trung tâm đã thực hiện %s vụ việc tham gia tố tụng, trong đó thụ lý mới %s vụ việc", "In %d the Center took part in proceedings in %s cases, of which %s were newly accepted"},
	"year.sum.up":         {", tăng %s vụ việc so với năm trước", ", %s more than the year before"},
	"year.sum.down":       {", giảm %s vụ việc so với năm trước", ", %s fewer than the year before"},
	"year.sum.same":       {", bằng năm trước", ", as many as the year before"},
	"year.sum.carried":    {", %s vụ việc chuyển tiếp từ năm trước", ", %s carried over from the year before"},
	"year.sum.successful": {"; %s vụ việc thành công, hiệu quả theo tiêu chí của Bộ Tư pháp (%s)", "; %s successful by the Ministry of Justice's criteria (%s)"},
	"year.sum.completed":  {"; %s vụ việc đã hoàn thành", "; %s completed"},
	"year.sum.stopped":    {"; %s vụ việc dừng thực hiện", "; %s stopped"},
	"year.sum.duties":     {"Trung tâm đã bố trí %s ca trực tại Tòa án và trực điện thoại, trong đó %s ca đã diễn ra", "The Center staffed %s court and phone duties, of which %s took place"},
	"year.sum.stand_ins":  {" (%s ca do người khác trực thay)", " (%s held by a stand-in)"},
	"year.sum.missed":     {", %s ca không diễn ra", ", %s did not take place"},
	"year.sum.received":   {"; tiếp nhận %s lượt người, %s yêu cầu trợ giúp pháp lý", "; %s people were received and %s requests for legal aid recorded"},
	"year.sum.without":    {" Còn %s ca trực chưa cập nhật kết quả.", " %s duties still lack their results."},
	"year.sum.custody":    {"Trung tâm đã nhận %s yêu cầu cử người trợ giúp pháp lý cho người bị tạm giữ, tạm giam, bị buộc tội", "The Center received %s requests to send someone to people held in custody or accused"},
	"year.sum.response":   {"; thời gian từ khi nhận yêu cầu đến khi cử người: trung vị %s, lâu nhất %s", "; from the call to an officer sent: median %s, longest %s"},
	"year.sum.late":       {"; %s yêu cầu cử người chậm quá %s", "; %s requests answered later than %s"},
	"year.sum.outreach":   {"Năm %d, Trung tâm đã tổ chức %s đợt trợ giúp pháp lý ngoài trụ sở, thu hút %s lượt người tham dự; tư vấn %s vụ việc.", "In %d the Center held %s outreach sessions with %s attendees and advised on %s cases."},
	"year.sum.end":        {".", "."},

	// The parts and figures of the year report (roster.YearReport.Figures).
	"year.part.outreach":              {"Trợ giúp pháp lý ngoài trụ sở", "Outreach"},
	"year.part.duties":                {"Trực tại Tòa án và trực điện thoại", "Court and phone duty"},
	"year.part.custody":               {"Yêu cầu cử người từ cơ quan tiến hành tố tụng", "Requests from custody and the courts"},
	"year.part.cases":                 {"Vụ việc tham gia tố tụng", "Cases in proceedings"},
	"year.fig.outreach.sessions":      {"Số đợt trợ giúp pháp lý ngoài trụ sở", "Sessions held"},
	"year.fig.outreach.attendees":     {"Số lượt người tham dự", "Attendees"},
	"year.fig.outreach.advised":       {"Số vụ việc tư vấn", "Cases advised"},
	"year.fig.duties.duties":          {"Số ca trực đã bố trí", "Duties rostered"},
	"year.fig.duties.held":            {"Số ca đã diễn ra", "Duties held"},
	"year.fig.duties.missed":          {"Số ca không diễn ra", "Duties missed"},
	"year.fig.duties.stand_ins":       {"Số ca do người khác trực thay", "Held by a stand-in"},
	"year.fig.duties.without_result":  {"Số ca chưa cập nhật kết quả", "Duties without results"},
	"year.fig.duties.people_received": {"Số lượt người được tiếp nhận", "People received"},
	"year.fig.duties.requests":        {"Số yêu cầu trợ giúp pháp lý", "Requests for legal aid"},
	"year.fig.custody.requests":       {"Số yêu cầu cử người", "Requests"},
	"year.fig.custody.assigned":       {"Đã cử người", "Officer sent"},
	"year.fig.custody.unassigned":     {"Chưa cử người", "Nobody sent yet"},
	"year.fig.custody.late":           {"Cử người chậm quá thời hạn", "Later than the target"},
	"year.fig.cases.total":            {"Tổng số vụ việc tham gia tố tụng", "Cases in proceedings"},
	"year.fig.cases.new":              {"Thụ lý mới", "Newly accepted"},
	"year.fig.cases.carried_over":     {"Chuyển tiếp từ năm trước", "Carried over"},
	"year.fig.cases.previous_new":     {"Thụ lý mới năm trước", "Newly accepted the year before"},
	"year.fig.cases.completed":        {"Đã hoàn thành", "Completed"},
	"year.fig.cases.successful":       {"Thành công, hiệu quả theo tiêu chí của Bộ Tư pháp", "Successful by the Ministry's criteria"},
	"year.fig.cases.stopped":          {"Dừng thực hiện", "Stopped"},
	"year.fig.cases.new.form":         {"Vụ việc thụ lý mới theo hình thức", "New cases by form"},
	"year.fig.cases.change":           {"Tăng, giảm so với năm trước", "Change from the year before"},
	"year.fig.custody.median":         {"Thời gian cử người (trung vị)", "Response time (median)"},
	"year.fig.custody.max":            {"Thời gian cử người (lâu nhất)", "Response time (longest)"},
	"year.fig.custody.target":         {"Thời hạn cử người", "Response target"},
	"year.fig.sub":                    {"%s — %s", "%s — %s"},
	"year.dim.field":                  {"Lĩnh vực: %s", "Field: %s"},
	"year.dim.group":                  {"Đối tượng: %s", "Group: %s"},
	"year.dim.action":                 {"Cách giải quyết: %s", "Action: %s"},
	"year.dim.source":                 {"Cơ quan yêu cầu: %s", "From: %s"},
	"year.dim.form":                   {"Hình thức: %s", "Form: %s"},

	// The year report's document, spreadsheet and CSV.
	"year.doc.title":    {"BÁO CÁO", "REPORT"},
	"year.doc.subtitle": {"Kết quả công tác trợ giúp pháp lý năm %d", "Legal aid in %d"},
	"year.doc.table":    {"Số liệu năm %d", "Figures of %d"},
	"year.doc.file":     {"bao-cao-nam-%d", "year-report-%d"},
	"year.col.part":     {"Nội dung", "Part"},
	"year.col.figure":   {"Chỉ tiêu", "Figure"},
	"year.col.value":    {"Số liệu", "Value"},
	"year.col.summary":  {"Tóm tắt", "Summary"},
}

// YearPart names a part of the year report.
func (l Lang) YearPart(part string) string { return l.T("year.part." + part) }

// SubLabel names a breakdown's figure by its dimension alone, as a line
// under its total: "Lĩnh vực: Hình sự"; a total is FigureLabel.
func (l Lang) SubLabel(f roster.NamedFigure) string {
	var sub string
	switch f.Dimension {
	case "":
		return l.FigureLabel(f)
	case "field":
		sub = l.Field(f.Sub)
	case "group":
		sub = l.Group(roster.BeneficiaryGroup(f.Sub))
	case "action":
		sub = l.Action(roster.RequestAction(f.Sub))
	case "source":
		sub = l.CustodySource(roster.CustodySource(f.Sub))
	case "form":
		sub = l.CaseForm(roster.CaseForm(f.Sub))
	default:
		return l.FigureLabel(f)
	}
	return l.Tf("year.dim."+f.Dimension, sub)
}

// FigureLabel names a figure of the year report: "Thành công, hiệu quả
// theo tiêu chí của Bộ Tư pháp — Hình sự".
func (l Lang) FigureLabel(f roster.NamedFigure) string {
	base := l.T("year.fig." + f.Part + "." + f.Name)
	var sub string
	switch f.Dimension {
	case "":
		return base
	case "field":
		sub = l.Field(f.Sub)
	case "group":
		sub = l.Group(roster.BeneficiaryGroup(f.Sub))
	case "action":
		sub = l.Action(roster.RequestAction(f.Sub))
	case "source":
		sub = l.CustodySource(roster.CustodySource(f.Sub))
	case "form":
		base, sub = l.T("year.fig.cases.new.form"), l.CaseForm(roster.CaseForm(f.Sub))
	default:
		sub = f.Sub
	}
	return l.Tf("year.fig.sub", base, sub)
}

// Group names a beneficiary group (Law on Legal Aid 2017, art. 7), in lower
// case as it reads inside a sentence.
func (l Lang) Group(g roster.BeneficiaryGroup) string { return l.T("group." + string(g)) }

// Action names what was done with a request at a duty.
func (l Lang) Action(a roster.RequestAction) string { return l.T("action." + string(a)) }

// CustodySource names the body that asked for legal aid.
func (l Lang) CustodySource(s roster.CustodySource) string { return l.T("custody.source." + string(s)) }

// PersonStatus names the procedural position of a person in custody.
func (l Lang) PersonStatus(p roster.PersonStatus) string { return l.T("custody.person." + string(p)) }

// CaseForm names a form of legal aid.
func (l Lang) CaseForm(f roster.CaseForm) string { return l.T("case.form." + string(f)) }

// CaseOrigin names where a case came from.
func (l Lang) CaseOrigin(o roster.CaseOrigin) string { return l.T("case.origin." + string(o)) }

// CaseStage names how far a case has got.
func (l Lang) CaseStage(s roster.CaseStage) string { return l.T("case.stage." + string(s)) }

// CaseOutcome names how a case ended; "" for none.
func (l Lang) CaseOutcome(o roster.CaseOutcome) string {
	if o == roster.OutcomeNone {
		return ""
	}
	return l.T("case.outcome." + string(o))
}

// Duration writes a response time in hours and minutes, rounded to the
// minute: "1 giờ 35 phút", "45 phút", "2 giờ"; "1 hour 35 minutes".
func (l Lang) Duration(d time.Duration) string {
	m := int64(d.Round(time.Minute) / time.Minute)
	unit := func(n int64, u string) string {
		if n == 1 {
			return l.Tf("unit."+u+".one", n)
		}
		return l.Tf("unit."+u+".many", n)
	}
	h, m := m/60, m%60
	switch {
	case h == 0:
		return unit(m, "minute")
	case m == 0:
		return unit(h, "hour")
	}
	return unit(h, "hour") + " " + unit(m, "minute")
}

// YearSummary writes the year report as the Center's annual report does,
// one sentence per part: cases in proceedings ("Năm 2022, Trung tâm đã thực
// hiện 716 vụ việc tham gia tố tụng, trong đó thụ lý mới 586 vụ việc, tăng
// 348 vụ việc so với năm trước; 246 vụ việc thành công, hiệu quả theo tiêu
// chí của Bộ Tư pháp (221 hình sự, 24 dân sự, 1 hành chính)…"), duties,
// custody requests, then outreach (in Vietnamese the outreach report's own
// summary, which names the partners).
func (l Lang) YearSummary(r roster.YearReport) string {
	var parts []string
	n := l.Count
	c := r.Cases
	if c.Total.Value == 0 {
		parts = append(parts, l.Tf("year.sum.no_cases", r.Year))
	} else {
		var b strings.Builder
		b.WriteString(l.Tf("year.sum.cases", r.Year, n(c.Total.Value), n(c.New.Value)))
		switch {
		case c.Change > 0:
			b.WriteString(l.Tf("year.sum.up", n(c.Change)))
		case c.Change < 0:
			b.WriteString(l.Tf("year.sum.down", n(-c.Change)))
		default:
			b.WriteString(l.T("year.sum.same"))
		}
		if c.CarriedOver.Value > 0 {
			b.WriteString(l.Tf("year.sum.carried", n(c.CarriedOver.Value)))
		}
		if c.Successful.Value > 0 {
			b.WriteString(l.Tf("year.sum.successful", n(c.Successful.Value), l.successPhrase(c.SuccessfulByField)))
		}
		if c.Completed.Value > 0 {
			b.WriteString(l.Tf("year.sum.completed", n(c.Completed.Value)))
		}
		if c.Stopped.Value > 0 {
			b.WriteString(l.Tf("year.sum.stopped", n(c.Stopped.Value)))
		}
		b.WriteString(l.T("year.sum.end"))
		parts = append(parts, b.String())
	}
	if d := r.Duties; d.Duties.Value > 0 {
		var b strings.Builder
		b.WriteString(l.Tf("year.sum.duties", n(d.Duties.Value), n(d.Held.Value)))
		if d.StandIns.Value > 0 {
			b.WriteString(l.Tf("year.sum.stand_ins", n(d.StandIns.Value)))
		}
		if d.Missed.Value > 0 {
			b.WriteString(l.Tf("year.sum.missed", n(d.Missed.Value)))
		}
		b.WriteString(l.Tf("year.sum.received", n(d.PeopleReceived.Value), n(d.Requests.Value)))
		b.WriteString(l.T("year.sum.end"))
		if d.WithoutResult.Value > 0 {
			b.WriteString(l.Tf("year.sum.without", n(d.WithoutResult.Value)))
		}
		parts = append(parts, b.String())
	}
	if k := r.Custody; k.Requests.Value > 0 {
		var b strings.Builder
		b.WriteString(l.Tf("year.sum.custody", n(k.Requests.Value)))
		if k.Assigned.Value > 0 {
			b.WriteString(l.Tf("year.sum.response", l.Duration(k.Median), l.Duration(k.Max)))
		}
		if k.Late.Value > 0 {
			b.WriteString(l.Tf("year.sum.late", n(k.Late.Value), l.Duration(k.Target)))
		}
		b.WriteString(l.T("year.sum.end"))
		parts = append(parts, b.String())
	}
	if o := r.Outreach; l == VI && o.Report.Summary != "" {
		parts = append(parts, o.Report.Summary)
	} else {
		parts = append(parts, l.Tf("year.sum.outreach", r.Year, n(o.Sessions.Value), n(o.Attendees.Value), n(o.Advised.Value)))
	}
	return strings.Join(parts, " ")
}

// successPhrase lists the successful cases by field, most first:
// "221 hình sự, 24 dân sự, 1 hành chính".
func (l Lang) successPhrase(byField map[string]roster.Figure) string {
	fields := slices.Clone(roster.ConsultationFields)
	slices.SortStableFunc(fields, func(a, b string) int { return cmp.Compare(byField[b].Value, byField[a].Value) })
	var items []string
	for _, f := range fields {
		if v := byField[f].Value; v > 0 {
			items = append(items, l.Count(v)+" "+strings.ToLower(l.Field(f)))
		}
	}
	return strings.Join(items, ", ")
}
