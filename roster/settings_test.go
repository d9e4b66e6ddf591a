package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSettingsValidate(t *testing.T) {
	if err := DefaultSettings().Validate(); err != nil {
		t.Fatalf("the defaults: %v", err)
	}
	tests := []struct {
		name   string
		change func(*DocumentSettings)
		want   []string // field: rule
	}{
		{"blank authority", func(d *DocumentSettings) { d.Authority = "  " }, []string{"document.authority: required"}},
		{"long place", func(d *DocumentSettings) { d.Place = strings.Repeat("á", 201) }, []string{"document.place: too_long"}},
		{"suffix with a space", func(d *DocumentSettings) { d.NumberSuffix = "LT TTTGPL" }, []string{"document.number_suffix: format"}},
		{"Vietnamese suffix", func(d *DocumentSettings) { d.NumberSuffix = "KH-TGPL/ĐT" }, nil},
		{"no signer title", func(d *DocumentSettings) { d.SignerTitle = nil }, []string{"document.signer_title: required"}},
		{"blank title line", func(d *DocumentSettings) { d.SignerTitle = []string{"GIÁM ĐỐC", ""} }, []string{"document.signer_title[1]: required"}},
		{"four issuer lines", func(d *DocumentSettings) { d.Issuer = "A\nB\nC\nD" }, []string{"document.issuer: range"}},
		{"too many recipients", func(d *DocumentSettings) { d.Recipients = make([]string, 13) }, []string{"document.recipients: range"}},
		{"no recipients", func(d *DocumentSettings) { d.Recipients = nil }, nil},
		{"two at once", func(d *DocumentSettings) { d.Place, d.SignerName = "", strings.Repeat("x", 201) },
			[]string{"document.place: required", "document.signer_name: too_long"}},
	}
	for _, tt := range tests {
		s := DefaultSettings()
		tt.change(&s.Document)
		err := s.Validate()
		var got []string
		var e *Error
		if errors.As(err, &e) {
			if e.Code != EInvalid {
				t.Errorf("%s: code %s", tt.name, e.Code)
			}
			for _, f := range e.Fields {
				got = append(got, f.Field+": "+f.Code)
			}
		} else if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSettingsCloneSharesNothing(t *testing.T) {
	a := DefaultSettings()
	b := a.Clone()
	b.Document.SignerTitle[0] = "GIÁM ĐỐC"
	b.Document.Recipients[0] = "x"
	if a.Document.SignerTitle[0] != "KT. GIÁM ĐỐC" || a.Document.Recipients[0] == "x" {
		t.Fatal("the clone shares its slices")
	}
}
