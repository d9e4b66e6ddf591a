package roster

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseLeads(t *testing.T) {
	tests := []struct {
		in      string
		want    []time.Duration
		wantErr string // part of the error message
	}{
		{in: "24h,1h", want: []time.Duration{24 * time.Hour, time.Hour}},
		{in: "1h,24h", want: []time.Duration{24 * time.Hour, time.Hour}},
		{in: " 30m , 2h ", want: []time.Duration{2 * time.Hour, 30 * time.Minute}},
		{in: "1h30m", want: []time.Duration{90 * time.Minute}},
		{in: "48h,24h,1h,15m", want: []time.Duration{48 * time.Hour, 24 * time.Hour, time.Hour, 15 * time.Minute}},
		{in: "744h", want: []time.Duration{MaxLead}},
		{in: "", wantErr: "empty list"},
		{in: "   ", wantErr: "empty list"},
		{in: "24h,,1h", wantErr: "empty entry"},
		{in: "24h,", wantErr: "empty entry"},
		{in: "24h,abc", wantErr: `"abc" is not a Go duration`},
		{in: "24", wantErr: `"24" is not a Go duration`},
		{in: "1d", wantErr: `"1d" is not a Go duration`},
		{in: "0s", wantErr: `"0s" is not positive`},
		{in: "24h,-1h", wantErr: `"-1h" is not positive`},
		{in: "1h,60m", wantErr: `"60m" repeats "1h"`},
		{in: "745h", wantErr: `"745h" is longer than 744h`},
		{in: "30s", wantErr: `"30s" is shorter than 1m`},
		{in: "1h,59s", wantErr: `"59s" is shorter than 1m`},
		{in: "1m", want: []time.Duration{time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLeads(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseLeads(%q) = %v, want error containing %q", tt.in, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not contain %q", err, tt.wantErr)
				}
				if ErrorCode(err) != EInvalid {
					t.Errorf("error code = %q, want %q", ErrorCode(err), EInvalid)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseLeads(%q): %v", tt.in, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ParseLeads(%q) = %v, want %v", tt.in, got, tt.want)
			}
			again, err := ParseLeads(FormatLeads(got))
			if err != nil || !slices.Equal(again, got) {
				t.Errorf("round trip through %q = %v, %v", FormatLeads(got), again, err)
			}
		})
	}
}

func TestFormatLeads(t *testing.T) {
	got := FormatLeads([]time.Duration{24 * time.Hour, time.Hour, 90 * time.Minute, 30 * time.Minute, 45 * time.Second})
	if want := "24h,1h,1h30m,30m,45s"; got != want {
		t.Errorf("FormatLeads = %q, want %q", got, want)
	}
	if got := FormatLeads(nil); got != "" {
		t.Errorf("FormatLeads(nil) = %q", got)
	}
}
