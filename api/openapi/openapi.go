// Package openapi holds the OpenAPI 3.1 description of lichtruc's JSON API,
// one YAML file per resource (base.yaml holds the document's head and the
// shared components), merged into one document when the server starts.
//
// To describe a new endpoint, add its path to the resource's file (or a new
// file in this directory: every *.yaml here is embedded) and its schemas
// under that file's components. The API tests fail until every route of the
// router is described, and they check every recorded answer against it.
package openapi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

//go:embed *.yaml
var files embed.FS

// base is the file that holds everything but paths and components.
const base = "base.yaml"

// JSON merges the embedded files into one OpenAPI document and returns it as
// JSON. A path or component described twice is an error naming both files.
func JSON() ([]byte, error) { return merge(files) }

func merge(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var doc map[string]any
	if doc, err = read(fsys, base); err != nil {
		return nil, err
	}
	paths := asMap(doc, "paths")
	components := asMap(doc, "components")
	owner := map[string]string{}
	claim := func(key, file string) error {
		if prev, ok := owner[key]; ok {
			return fmt.Errorf("openapi: %s is described in both %s and %s", key, prev, file)
		}
		owner[key] = file
		return nil
	}
	for k := range paths {
		owner["path "+k] = base
	}
	for kind, v := range components {
		m, _ := v.(map[string]any)
		for name := range m {
			owner[kind+" "+name] = base
		}
	}
	for _, name := range names {
		if name == base {
			continue
		}
		part, err := read(fsys, name)
		if err != nil {
			return nil, err
		}
		for k := range part {
			switch k {
			case "paths", "components", "tags":
			default:
				return nil, fmt.Errorf("openapi: %s: only paths, components and tags may be given outside %s, not %q", name, base, k)
			}
		}
		for k, v := range asMap(part, "paths") {
			if err := claim("path "+k, name); err != nil {
				return nil, err
			}
			paths[k] = v
		}
		for kind, v := range asMap(part, "components") {
			src, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("openapi: %s: components.%s is not a mapping", name, kind)
			}
			dst := asMap(components, kind)
			for n, c := range src {
				if err := claim(kind+" "+n, name); err != nil {
					return nil, err
				}
				dst[n] = c
			}
		}
		if tags, ok := part["tags"].([]any); ok {
			all, _ := doc["tags"].([]any)
			doc["tags"] = append(all, tags...)
		}
	}
	return json.Marshal(doc)
}

// Load merges the files, loads the document with kin-openapi and validates
// it (kin-openapi validates OpenAPI 3.1 documents with JSON Schema 2020-12).
func Load(ctx context.Context) (*openapi3.T, []byte, error) {
	raw, err := JSON()
	if err != nil {
		return nil, nil, err
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi: load: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, nil, fmt.Errorf("openapi: invalid: %w", err)
	}
	return doc, raw, nil
}

func read(fsys fs.FS, name string) (map[string]any, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("openapi: %s: %w", name, err)
	}
	if m == nil {
		m = map[string]any{}
	}
	for k, v := range m {
		m[k] = plain(v)
	}
	return m, nil
}

// plain turns mappings with non-string keys (YAML reads 200: as a number)
// into map[string]any, so the document marshals to JSON.
func plain(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = plain(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = plain(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = plain(e)
		}
		return x
	}
	return v
}

// asMap returns m[key] as a mapping, making it when absent.
func asMap(m map[string]any, key string) map[string]any {
	v, ok := m[key].(map[string]any)
	if !ok {
		v = map[string]any{}
		m[key] = v
	}
	return v
}
