package api

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

var testLoc = storetest.Loc

// TestMain runs more API tests at once than there are cores (four per
// core) unless -parallel says otherwise: each test mostly waits for its
// database (a fresh PostgreSQL schema and its migrations, then a round
// trip per request), not for the CPU.
func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		if err := flag.Set("test.parallel", strconv.Itoa(4*runtime.GOMAXPROCS(0))); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// testNow is the fixed clock of API tests: Monday 4 January 2027, 09:00.
var testNow = time.Date(2027, 1, 4, 9, 0, 0, 0, testLoc)

// harness is a Server on a fresh database with a manager token.
type harness struct {
	t       *testing.T
	srv     *Server
	store   *store.Store
	manager string
	now     time.Time
}

const testBase = "https://lichtruc.example"

// forEachDB runs fn on a fresh harness per dialect (PostgreSQL skipped
// with a message unless LICHTRUC_TEST_POSTGRES is set).
func forEachDB(t *testing.T, fn func(t *testing.T, h *harness)) {
	var h *harness
	clock := func() time.Time {
		if h == nil {
			return testNow
		}
		return h.now
	}
	storetest.ForEach(t, store.Options{Now: clock}, func(t *testing.T, st *store.Store) {
		h = newHarness(t, st)
		fn(t, h)
	})
}

func newHarness(t *testing.T, st *store.Store) *harness {
	h := &harness{t: t, store: st, now: testNow}
	h.srv = NewServer(Config{BaseURL: testBase, Loc: testLoc, Version: "test"}, Deps{Store: st, Now: func() time.Time { return h.now }, PasswordCost: bcrypt.MinCost})
	if err := st.EnsureAdmin(context.Background(), store.HashToken("manager-token")); err != nil {
		t.Fatal(err)
	}
	h.manager = "manager-token"
	return h
}

// response is a recorded answer.
type response struct {
	Code   int
	Header http.Header
	Body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

// do sends a request; body may be nil, a string (sent as is) or a value
// (sent as JSON). Extra headers come in pairs.
func (h *harness) do(method, path, token string, body any, headers ...string) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	h.checkOpenAPI(req, rec, body)
	return response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// must sends a request and fails the test unless the status is want.
func (h *harness) must(want int, method, path, token string, body any, headers ...string) map[string]any {
	h.t.Helper()
	r := h.do(method, path, token, body, headers...)
	if r.Code != want {
		h.t.Fatalf("%s %s: status %d, want %d\n%s", method, path, r.Code, want, r.Body)
	}
	if len(r.Body) == 0 {
		return nil
	}
	return r.json(h.t)
}

// problem checks r is a problem+json with the status, naming field when
// field is not "".
func (h *harness) problem(r response, status int, field string) {
	h.t.Helper()
	h.problemCode(r, status, field, "")
}

// problemCode checks r is a problem+json of status whose top-level "code"
// is code (any rule key when code is ""), whose every error entry carries a
// code, and, when field is given, which names field.
func (h *harness) problemCode(r response, status int, field, code string) {
	h.t.Helper()
	if r.Code != status {
		h.t.Fatalf("status %d, want %d\n%s", r.Code, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		h.t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	m := r.json(h.t)
	for _, k := range []string{"type", "title", "status", "detail", "code"} {
		if _, ok := m[k]; !ok {
			h.t.Fatalf("problem lacks %q: %s", k, r.Body)
		}
	}
	if int(m["status"].(float64)) != status {
		h.t.Fatalf("problem status %v, want %d", m["status"], status)
	}
	if got, _ := m["code"].(string); got == "" || (code != "" && got != code) {
		h.t.Fatalf("problem code %q, want %q: %s", got, code, r.Body)
	}
	errs, _ := m["errors"].([]any)
	for _, e := range errs {
		if c, _ := e.(map[string]any)["code"].(string); c == "" {
			h.t.Fatalf("error entry without a code: %s", r.Body)
		}
	}
	if field == "" {
		return
	}
	for _, e := range errs {
		if e.(map[string]any)["field"] == field {
			return
		}
	}
	h.t.Fatalf("problem does not name field %q: %s", field, r.Body)
}

// user makes a user of role and returns its token.
func (h *harness) user(name string, role roster.Role, officerID int64) string {
	h.t.Helper()
	body := map[string]any{"name": name, "role": role}
	if officerID != 0 {
		body["officer_id"] = officerID
	}
	m := h.must(201, "POST", "/api/v1/users", h.manager, body)
	return m["token"].(string)
}

// courtSite makes the city court with morning and afternoon slots.
func (h *harness) courtSite() map[string]any {
	return h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{
		"code": "TAND-HP", "name": "Tòa án nhân dân thành phố Hải Phòng", "kind": "court", "address": "Số 1 Hồng Bàng",
		"reception_phone": "0225 3745 123",
		"slots": []map[string]any{
			{"name": "Sáng", "start": "07:30", "end": "11:30", "officers": 1},
			{"name": "Chiều", "start": "13:30", "end": "17:00", "officers": 1},
		},
	})
}

// officer makes an officer and returns its id.
func (h *harness) officer(name string, specialties ...string) int64 {
	h.t.Helper()
	if specialties == nil {
		specialties = []string{}
	}
	m := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{
		"full_name": name, "kind": "legal_aid_officer", "email": "x@example.vn", "phone": "0912 000 111", "specialties": specialties,
	})
	return int64(m["id"].(float64))
}

func id(m map[string]any) int64 { return int64(m["id"].(float64)) }
