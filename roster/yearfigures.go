package roster

// NamedFigure is one figure of the year report under a stable key, so that
// clients, pages and documents list the same figures in the same order and
// open the same one to its rows: "cases.successful.criminal" is Part
// "cases", Name "successful", Dimension "field", Sub "criminal". The
// requests of duties, broken down three ways, name the dimension in the
// key too: "duties.requests.group.child".
type NamedFigure struct {
	Key       string // Part + "." + Name [+ "." + Sub]
	Part      string // outreach, duties, custody, cases
	Name      string // the figure within its part
	Dimension string // "" or what Sub is: field, group, action, source, form
	Sub       string // the field, group, action, source or form counted
	Figure
}

func named(part, name string, f Figure) NamedFigure {
	return NamedFigure{Key: part + "." + name, Part: part, Name: name, Figure: f}
}

// namedBy names the figures of a breakdown; prefix is what the key puts
// between the name and the sub ("" or the dimension and a dot, where a
// figure is broken down in several ways).
func namedBy[K ~string](part, name, dim, prefix string, keys []K, m map[K]Figure) []NamedFigure {
	out := make([]NamedFigure, 0, len(keys))
	for _, k := range keys {
		out = append(out, NamedFigure{Key: part + "." + name + "." + prefix + string(k), Part: part, Name: name, Dimension: dim, Sub: string(k), Figure: m[k]})
	}
	return out
}

// YearParts are the parts of the year report, in the order the Center's
// report gives them.
var YearParts = []string{"outreach", "duties", "custody", "cases"}

// Figures lists every figure of the report, part by part in the order of
// YearParts, each part's totals before their breakdowns.
func (r YearReport) Figures() []NamedFigure {
	o, d, k, c := r.Outreach, r.Duties, r.Custody, r.Cases
	out := []NamedFigure{named("outreach", "sessions", o.Sessions), named("outreach", "attendees", o.Attendees), named("outreach", "advised", o.Advised)}
	out = append(out, namedBy("outreach", "advised", "field", "", ConsultationFields, o.ByField)...)
	out = append(out, named("duties", "duties", d.Duties), named("duties", "held", d.Held), named("duties", "missed", d.Missed),
		named("duties", "stand_ins", d.StandIns), named("duties", "without_result", d.WithoutResult),
		named("duties", "people_received", d.PeopleReceived), named("duties", "requests", d.Requests))
	out = append(out, namedBy("duties", "requests", "field", "field.", ConsultationFields, d.ByField)...)
	out = append(out, namedBy("duties", "requests", "group", "group.", BeneficiaryGroups, d.ByGroup)...)
	out = append(out, namedBy("duties", "requests", "action", "action.", RequestActions, d.ByAction)...)
	out = append(out, named("custody", "requests", k.Requests), named("custody", "assigned", k.Assigned),
		named("custody", "unassigned", k.Unassigned), named("custody", "late", k.Late))
	out = append(out, namedBy("custody", "requests", "source", "", CustodySources, k.BySource)...)
	out = append(out, named("cases", "total", c.Total), named("cases", "new", c.New), named("cases", "carried_over", c.CarriedOver),
		named("cases", "previous_new", c.PreviousNew), named("cases", "completed", c.Completed), named("cases", "successful", c.Successful))
	out = append(out, namedBy("cases", "successful", "field", "", ConsultationFields, c.SuccessfulByField)...)
	out = append(out, named("cases", "stopped", c.Stopped))
	out = append(out, namedBy("cases", "new", "form", "", CaseForms, c.NewByForm)...)
	return out
}

// Figure returns the figure of the report under key, and whether there is
// one.
func (r YearReport) Figure(key string) (NamedFigure, bool) {
	for _, f := range r.Figures() {
		if f.Key == key {
			return f, true
		}
	}
	return NamedFigure{}, false
}
