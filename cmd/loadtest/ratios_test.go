package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRatiosRuns runs the ratios mode briefly on a new SQLite database: it
// seeds, serves, measures every phase without a failed request and prints
// the table and the goals. It asserts no timing.
func TestRatiosRuns(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-mode", "ratios", "-c", "2", "-phase", "20ms", "-max", "40"}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"TAND-1Y (1 year of history)", "GET /healthz", "GET /api/v1/duty (10 years of history)",
		"GET year feed (If-None-Match: 304)", "lookup after 10 years", "goals:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
