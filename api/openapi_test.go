package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gin-gonic/gin"

	"lichtruc/api/openapi"
)

// describedPrefixes are the router's paths the OpenAPI document must
// describe: the JSON API, the health check and the metrics.
var describedPrefixes = []string{"/api/v1/", "/healthz", "/metrics"}

// specDoc loads and validates the OpenAPI document once for all tests.
var specDoc = sync.OnceValues(func() (*openapi3.T, error) {
	doc, _, err := openapi.Load(context.Background())
	return doc, err
})

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := specDoc()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ginToOpenAPI turns /sites/:code and /static/*path into /sites/{code}.
func ginToOpenAPI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

func described(path string) bool {
	for _, p := range describedPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// routeDiff lists the router's described routes missing from the document
// and the document's operations the router lacks, each as "METHOD /path".
func routeDiff(routes gin.RoutesInfo, doc *openapi3.T) (missing, extra []string) {
	inRouter := map[string]bool{}
	for _, r := range routes {
		if described(r.Path) {
			inRouter[r.Method+" "+ginToOpenAPI(r.Path)] = true
		}
	}
	inDoc := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inDoc[method+" "+path] = true
		}
	}
	for k := range inRouter {
		if !inDoc[k] {
			missing = append(missing, k)
		}
	}
	for k := range inDoc {
		if !inRouter[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return missing, extra
}

// TestOpenAPIRoutes proves that every route of the router under
// describedPrefixes is described in api/openapi/*.yaml, and that every
// described operation is a route.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadSpec(t)
	srv := NewServer(Config{BaseURL: testBase, Loc: testLoc}, Deps{})
	missing, extra := routeDiff(srv.handler.(*gin.Engine).Routes(), doc)
	if len(missing) > 0 {
		t.Errorf("routes not described in api/openapi/*.yaml (add them to the resource's file):\n  %s", strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("described in api/openapi/*.yaml but not routes of the router:\n  %s", strings.Join(extra, "\n  "))
	}
}

// TestOpenAPIRouteDiff checks that the coverage check names what is missing
// and what is extra, method and path.
func TestOpenAPIRouteDiff(t *testing.T) {
	doc := loadSpec(t)
	routes := gin.RoutesInfo{
		{Method: "GET", Path: "/api/v1/sites/:code"},
		{Method: "POST", Path: "/api/v1/widgets/:id/spin"},
		{Method: "GET", Path: "/manage/sites/:code"}, // a page: not described
	}
	missing, extra := routeDiff(routes, doc)
	if !slices.Equal(missing, []string{"POST /api/v1/widgets/{id}/spin"}) {
		t.Errorf("missing = %q", missing)
	}
	if slices.Contains(extra, "GET /api/v1/sites/{code}") || !slices.Contains(extra, "PUT /api/v1/sites/{code}") ||
		!slices.Contains(extra, "HEAD /healthz") {
		t.Errorf("extra = %q", extra)
	}
}

// TestOpenAPIDocument checks the served document: OpenAPI 3.1.0, valid, the
// same as the embedded one, and behind a token like the rest of /api/v1.
func TestOpenAPIDocument(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.problem(h.do("GET", "/api/v1/openapi.json", "", nil), 401, "")
		r := h.do("GET", "/api/v1/openapi.json", h.manager, nil)
		if r.Code != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, Content-Type %q", r.Code, r.Header.Get("Content-Type"))
		}
		doc, err := openapi3.NewLoader().LoadFromData(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		if doc.OpenAPI != "3.1.0" || !doc.IsOpenAPI31OrLater() {
			t.Fatalf("openapi %q, want 3.1.0", doc.OpenAPI)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Problem", "FieldError", "RuleKey", "Site", "Officer", "Assignment", "Leave",
			"SwapRequest", "SpecialDay", "Plan", "Partner", "OutreachSession", "OutreachReport", "DutyReport",
			"Notification", "Publication", "Preferences", "User", "AuditEntry"} {
			if doc.Components.Schemas[name] == nil {
				t.Errorf("no schema %s", name)
			}
		}
		if s := doc.Components.SecuritySchemes["bearer"]; s == nil || s.Value.Scheme != "bearer" {
			t.Errorf("no bearer security scheme")
		}
		h.must(200, "GET", "/api/v1/openapi.json", h.user("desk", "reception", 0), nil)
	})
}

// TestOpenAPICatches checks that the answer check fails an answer that
// disagrees with the description (a wrong type, a missing field, an
// undescribed status, a wrong content type), and the request check a
// request the description does not allow.
func TestOpenAPICatches(t *testing.T) {
	doc := loadSpec(t)
	req := httptest.NewRequest("GET", "/api/v1/officers/1", nil)
	for _, tc := range []struct {
		name   string
		status int
		ct     string
		body   string
		ok     bool
	}{
		{"good", 200, "application/json; charset=utf-8", `{"id":1,"full_name":"A","kind":"lawyer","email":"","phone":"","specialties":[],"active":true,"unavailability":[],"preferred_sites":[],"sites":[],"version":1}`, true},
		{"wrong type", 200, "application/json", `{"id":"1","full_name":"A","kind":"lawyer","email":"","phone":"","specialties":[],"active":true,"version":1}`, false},
		{"missing field", 200, "application/json", `{"id":1,"kind":"lawyer","email":"","phone":"","specialties":[],"active":true,"version":1}`, false},
		{"bad enum", 200, "application/json", `{"id":1,"full_name":"A","kind":"judge","email":"","phone":"","specialties":[],"active":true,"version":1}`, false},
		{"undescribed status", 418, "application/problem+json", `{"type":"x","title":"x","status":418,"detail":"x"}`, false},
		{"problem as JSON", 404, "application/json", `{"type":"x","title":"x","status":404,"detail":"x"}`, false},
		{"problem", 404, "application/problem+json", `{"type":"x","title":"x","status":404,"detail":"x","code":"not_found"}`, true},
		{"bad rule key", 404, "application/problem+json", `{"type":"x","title":"x","status":404,"detail":"x","code":"Not Found"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := http.Header{"Content-Type": {tc.ct}}
			err := checkAnswer(doc, req, tc.status, hdr, []byte(tc.body))
			if (err == nil) != tc.ok {
				t.Errorf("err = %v, want ok %v", err, tc.ok)
			}
		})
	}
	post := httptest.NewRequest("POST", "/api/v1/officers", nil)
	post.Header.Set("Content-Type", "application/json")
	good := map[string]any{"full_name": "A", "kind": "lawyer", "email": "a@example.vn", "phone": "0912", "specialties": []string{}}
	if err := checkRequest(doc, post, good); err != nil {
		t.Errorf("a good request: %v", err)
	}
	for _, bad := range []any{map[string]any{"full_name": "A"}, `{"full_name":"A","kind":"lawyer","email":"","phone":"","specialties":[],"rank":1}`} {
		if err := checkRequest(doc, post, bad); err == nil {
			t.Errorf("request %v passes", bad)
		}
	}
	if err := checkAnswer(doc, httptest.NewRequest("GET", "/api/v1/nowhere", nil), 404, http.Header{}, nil); err != errUndescribed {
		t.Errorf("an undescribed path: %v", err)
	}
}

var errUndescribed = fmt.Errorf("no described operation")

// findOperation matches the request against the document's paths, literal
// segments before parameters, as gin does.
func findOperation(doc *openapi3.T, req *http.Request) (*routers.Route, map[string]string) {
	segs := strings.Split(req.URL.Path, "/")
	var best *routers.Route
	var bestParams map[string]string
	bestLiterals := -1
	for path, item := range doc.Paths.Map() {
		tpl := strings.Split(path, "/")
		if len(tpl) != len(segs) {
			continue
		}
		params, literals, ok := map[string]string{}, 0, true
		for i, s := range tpl {
			switch {
			case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
				if segs[i] == "" {
					ok = false
				}
				params[s[1:len(s)-1]] = segs[i]
			case s == segs[i]:
				literals++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		op := item.GetOperation(req.Method)
		if !ok || op == nil || literals <= bestLiterals {
			continue
		}
		best = &routers.Route{Spec: doc, Path: path, PathItem: item, Method: req.Method, Operation: op}
		bestParams, bestLiterals = params, literals
	}
	return best, bestParams
}

// checkAnswer validates a recorded answer (status, content type, headers,
// body) against the operation the request matches; errUndescribed when it
// matches none (an unknown path or method, answered by NoRoute/NoMethod).
func checkAnswer(doc *openapi3.T, req *http.Request, status int, header http.Header, body []byte) error {
	route, params := findOperation(doc, req)
	if route == nil {
		return errUndescribed
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s %s (%s %s): %d answer disagrees with the description: %w", req.Method, req.URL.Path, route.Method, route.Path, status, err)
	}
	return nil
}

// checkRequest validates a request the server accepted (its query, path
// and body; body as harness.do takes it) against the described operation:
// what the server takes, the description must allow.
func checkRequest(doc *openapi3.T, req *http.Request, body any) error {
	route, params := findOperation(doc, req)
	if route == nil {
		return errUndescribed
	}
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			return err
		}
	}
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(raw))
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return fmt.Errorf("%s %s (%s %s): the server accepted a request the description does not allow: %w", req.Method, req.URL.Path, route.Method, route.Path, err)
	}
	return nil
}

// checkOpenAPI is the harness's hook: every answer of an API test under
// describedPrefixes is checked against the description.
func (h *harness) checkOpenAPI(req *http.Request, rec *httptest.ResponseRecorder, body any) {
	h.t.Helper()
	if !described(req.URL.Path) {
		return
	}
	doc := loadSpec(h.t)
	if rec.Code/100 == 2 {
		if err := checkRequest(doc, req, body); err != nil && err != errUndescribed {
			h.t.Errorf("%v", err)
		}
	}
	err := checkAnswer(doc, req, rec.Code, rec.Header(), rec.Body.Bytes())
	if err != nil && err != errUndescribed {
		h.t.Errorf("%v\nbody: %.500s", err, rec.Body.Bytes())
	}
	if err == nil {
		route, _ := findOperation(doc, req)
		h.sawOperation(route.Method, route.Path, rec.Code)
	}
}
