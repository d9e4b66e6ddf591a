package roster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// OutreachFigures are the totals of a set of sessions.
type OutreachFigures struct {
	Sessions      int
	Attendees     int
	Requests      int
	Consultations int            // cases advised, all fields
	ByField       map[string]int // every field of ConsultationFields
}

func newFigures() OutreachFigures {
	f := OutreachFigures{ByField: make(map[string]int, len(ConsultationFields))}
	for _, k := range ConsultationFields {
		f.ByField[k] = 0
	}
	return f
}

func (f *OutreachFigures) add(s OutreachSession) {
	f.Sessions++
	if s.Results == nil {
		return
	}
	f.Attendees += s.Results.Attendees
	f.Requests += s.Results.Requests
	for k, n := range s.Results.Consultations {
		f.ByField[k] += n
		f.Consultations += n
	}
}

// MonthFigures are the figures of one month.
type MonthFigures struct {
	Month time.Month
	OutreachFigures
}

// PartnerFigures are the figures of the sessions held with one partner. A
// session with two partners counts for both, so these do not add up to the
// year's totals.
type PartnerFigures struct {
	Partner Partner
	OutreachFigures
}

// OutreachReport is the year's outreach figures, as the Center reports them.
type OutreachReport struct {
	Year int
	OutreachFigures
	WithoutResults int // held sessions whose results are not recorded yet
	Planned        int // sessions of the year not started yet
	Cancelled      int // sessions of the year cancelled
	Officers       int // distinct officers who staffed the held sessions
	ByMonth        []MonthFigures
	ByPartner      []PartnerFigures // most sessions first
	Summary        string           // the year in one Vietnamese paragraph
}

// BuildOutreachReport totals the sessions of year: those held (not
// cancelled, started by now) whose start falls in the year in loc. Sessions
// of other years are ignored, so callers may pass more.
func BuildOutreachReport(year int, sessions []OutreachSession, now time.Time, loc *time.Location) OutreachReport {
	r := OutreachReport{Year: year, OutreachFigures: newFigures(), ByMonth: make([]MonthFigures, 12)}
	for m := range r.ByMonth {
		r.ByMonth[m] = MonthFigures{Month: time.Month(m + 1), OutreachFigures: newFigures()}
	}
	byPartner := map[int64]*PartnerFigures{}
	officers := map[int64]bool{}
	for _, s := range sessions {
		start := s.Start.In(loc)
		if start.Year() != year {
			continue
		}
		switch {
		case s.Status == SessionCancelled:
			r.Cancelled++
			continue
		case !s.Started(now):
			r.Planned++
			continue
		}
		r.add(s)
		r.ByMonth[start.Month()-1].add(s)
		if s.Results == nil {
			r.WithoutResults++
		}
		for _, id := range s.OfficerIDs {
			officers[id] = true
		}
		for _, p := range s.Partners {
			pf := byPartner[p.ID]
			if pf == nil {
				pf = &PartnerFigures{Partner: p, OutreachFigures: newFigures()}
				byPartner[p.ID] = pf
			}
			pf.add(s)
		}
	}
	r.Officers = len(officers)
	r.ByPartner = make([]PartnerFigures, 0, len(byPartner))
	for _, pf := range byPartner {
		r.ByPartner = append(r.ByPartner, *pf)
	}
	slices.SortFunc(r.ByPartner, func(a, b PartnerFigures) int {
		if a.Sessions != b.Sessions {
			return b.Sessions - a.Sessions
		}
		if a.Attendees != b.Attendees {
			return b.Attendees - a.Attendees
		}
		return strings.Compare(a.Partner.Name, b.Partner.Name)
	})
	r.Summary = OutreachSummary(r)
	return r
}

// OutreachSummary writes the report as the Center's annual summary does:
// "Năm 2022, Trung tâm đã phối hợp với Hội Người khuyết tật, … tổ chức được
// 38 đợt trợ giúp pháp lý ngoài trụ sở, thu hút 2.050 lượt người tham dự;
// tiếp nhận và tư vấn 268 vụ việc về dân sự, đất đai, …".
func OutreachSummary(r OutreachReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Năm %d, ", r.Year)
	if r.Sessions == 0 {
		b.WriteString("Trung tâm chưa tổ chức đợt trợ giúp pháp lý ngoài trụ sở nào.")
		if r.Planned > 0 {
			fmt.Fprintf(&b, " Đã lên kế hoạch %s đợt.", FormatCount(r.Planned))
		}
		return b.String()
	}
	b.WriteString("Trung tâm đã ")
	if partners := partnerPhrase(r.ByPartner); partners != "" {
		b.WriteString("phối hợp với " + partners + " ")
	}
	fmt.Fprintf(&b, "tổ chức được %s đợt trợ giúp pháp lý ngoài trụ sở", FormatCount(r.Sessions))
	if r.Attendees > 0 {
		fmt.Fprintf(&b, ", thu hút %s lượt người tham dự", FormatCount(r.Attendees))
	}
	if r.Consultations > 0 {
		var fields []string
		for _, f := range ConsultationFields {
			if r.ByField[f] > 0 {
				fields = append(fields, FieldLabel(f))
			}
		}
		fmt.Fprintf(&b, "; tiếp nhận và tư vấn %s vụ việc về %s", FormatCount(r.Consultations), joinVi(fields))
	}
	b.WriteString(".")
	if r.Requests > 0 {
		fmt.Fprintf(&b, " Qua các đợt này, Trung tâm đã nhận %s yêu cầu trợ giúp pháp lý.", FormatCount(r.Requests))
	}
	if r.WithoutResults > 0 {
		fmt.Fprintf(&b, " Còn %s đợt chưa cập nhật kết quả.", FormatCount(r.WithoutResults))
	}
	return b.String()
}

// maxNamedPartners is how many partners the summary names before it says
// "và N đơn vị khác".
const maxNamedPartners = 10

// partnerPhrase names the partners in the order of PartnerKinds; several
// justice divisions or commune committees are named together, as the
// Center's reports do ("Phòng Tư pháp các quận, huyện", "các xã, phường,
// thị trấn").
func partnerPhrase(pfs []PartnerFigures) string {
	byKind := map[PartnerKind][]string{}
	for _, pf := range pfs { // already most sessions first
		k := pf.Partner.Kind
		if !k.Valid() {
			k = PartnerOther
		}
		byKind[k] = append(byKind[k], pf.Partner.Name)
	}
	var names []string
	for _, k := range PartnerKinds {
		list := byKind[k]
		switch {
		case len(list) > 1 && k == PartnerJustice:
			names = append(names, "Phòng Tư pháp các quận, huyện")
		case len(list) > 1 && k == PartnerCommune:
			names = append(names, "các xã, phường, thị trấn")
		default:
			names = append(names, list...)
		}
	}
	if len(names) > maxNamedPartners {
		rest := len(names) - maxNamedPartners
		names = append(names[:maxNamedPartners], fmt.Sprintf("%d đơn vị khác", rest))
	}
	return joinVi(names)
}

// joinVi joins "a", "b", "c" as "a, b và c".
func joinVi(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " và " + items[len(items)-1]
}

// FormatCount writes n the Vietnamese way, with dots between thousands:
// 2050 is "2.050".
func FormatCount(n int) string {
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
