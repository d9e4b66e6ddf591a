package document

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"lichtruc/roster"
)

// OfficerTemplateXLSX returns the template of an officers' import: a sheet
// with the headers (required ones marked "*") and one example row, and a
// sheet explaining each column's allowed values.
func OfficerTemplateXLSX() ([]byte, error) {
	var kinds, fields []string
	for _, k := range []roster.OfficerKind{roster.KindLegalAidOfficer, roster.KindLawyer, roster.KindStaff} {
		kinds = append(kinds, vi.Kinds[k]+" ("+string(k)+")")
	}
	for _, sp := range roster.Specialties {
		fields = append(fields, vi.Fields[sp]+" ("+sp+")")
	}
	ex := vi.ExampleOfficer
	example := []any{ex[0], vi.Kinds[roster.KindLegalAidOfficer], ex[1], ex[2], vi.Fields["criminal"] + ", " + vi.Fields["land"], ex[3], 8}
	help := map[string]string{
		"full_name":     vi.HelpList,
		"kind":          vi.HelpKinds + strings.Join(kinds, "; "),
		"email":         vi.HelpEmail,
		"phone":         vi.HelpPhone,
		"specialties":   vi.HelpFields + strings.Join(fields, "; "),
		"sites":         vi.HelpSites,
		"monthly_limit": vi.HelpLimit,
	}
	return templateXLSX(vi.SheetOfficers, officerFields(), example, help)
}

// OutreachTemplateXLSX returns the template of an outreach plan's import.
func OutreachTemplateXLSX() ([]byte, error) {
	ex := vi.ExampleSession
	example := []any{ex[0], ex[1], ex[2], roster.NewDate(2027, 3, 15), ex[3], ex[4], ex[5]}
	help := map[string]string{
		"title": vi.HelpList, "venue": vi.HelpList, "partner": vi.HelpList, "date": vi.HelpDate,
		"start": vi.HelpTime, "end": vi.HelpTime, "officers": vi.HelpStaff,
	}
	return templateXLSX(vi.SheetOutreach, outreachFields(), example, help)
}

// templateXLSX writes a data sheet (headers and an example row) and a help
// sheet (column, allowed values).
func templateXLSX(name string, fields []importField, example []any, help map[string]string) ([]byte, error) {
	b, err := newBook()
	if err != nil {
		return nil, err
	}
	if err := b.f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	t := Table{Rows: [][]any{example}}
	for _, f := range fields {
		h := f.header
		if f.required {
			h += "*"
		}
		t.Header = append(t.Header, h)
		t.Widths = append(t.Widths, 24)
	}
	if _, err := b.table(name, 1, t); err != nil {
		return nil, err
	}
	// Phone numbers and codes stay text, so Excel keeps their leading zeros.
	text, err := b.f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: xlsxFont, Size: 11, Color: "000000"}})
	if err != nil {
		return nil, err
	}
	for i, f := range fields {
		if f.name == "phone" || f.name == "sites" || f.name == "start" || f.name == "end" {
			c, _ := excelize.ColumnNumberToName(i + 1)
			if err := b.f.SetColStyle(name, c, text); err != nil {
				return nil, err
			}
			if err := b.put(name, i+1, 2, example[i], b.cell); err != nil {
				return nil, err
			}
		}
	}
	if _, err := b.f.NewSheet(vi.SheetHelp); err != nil {
		return nil, err
	}
	ht := Table{Header: []string{vi.HelpColumn, vi.HelpField, vi.HelpValues}, Widths: []float64{24, 18, 90}}
	for _, f := range fields {
		req := ""
		if f.required {
			req = vi.HelpRequired
		}
		ht.Rows = append(ht.Rows, []any{f.header, f.name, req + help[f.name]})
	}
	if _, err := b.table(vi.SheetHelp, 1, ht); err != nil {
		return nil, err
	}
	return b.save()
}
