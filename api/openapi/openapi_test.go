package openapi

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoad checks the embedded files merge into a valid OpenAPI 3.1.0
// document.
func TestLoad(t *testing.T) {
	doc, raw, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(raw) == 0 || doc.Paths.Find("/api/v1/sites/{code}") == nil {
		t.Fatalf("openapi %q, %d bytes", doc.OpenAPI, len(raw))
	}
}

// TestMerge checks the merge of files: paths and components from every
// file, a duplicate named with both files, and keys only base.yaml may hold.
func TestMerge(t *testing.T) {
	const head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A: {type: string}\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // an error's text, or "" for none
	}{
		{"merged", map[string]string{"b.yaml": "paths:\n  /x:\n    get:\n      responses:\n        200: {description: ok}\ncomponents:\n  schemas:\n    B: {type: integer}\n"}, ""},
		{"duplicate schema", map[string]string{"b.yaml": "components:\n  schemas:\n    A: {type: integer}\n"}, "schemas A is described in both base.yaml and b.yaml"},
		{"duplicate path", map[string]string{"b.yaml": "paths:\n  /x: {}\n", "c.yaml": "paths:\n  /x: {}\n"}, "path /x is described in both b.yaml and c.yaml"},
		{"head outside base", map[string]string{"b.yaml": "info: {title: u}\n"}, `not "info"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"base.yaml": {Data: []byte(head)}}
			for n, s := range tc.files {
				fsys[n] = &fstest.MapFile{Data: []byte(s)}
			}
			raw, err := merge(fsys)
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{`"/x"`, `"200"`, `"A":`, `"B":`} {
				if !strings.Contains(string(raw), s) {
					t.Errorf("merged document lacks %s: %s", s, raw)
				}
			}
		})
	}
}
