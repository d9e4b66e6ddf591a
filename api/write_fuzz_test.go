package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// fuzzWrites are the write endpoints whose JSON bodies FuzzWriteBodies
// sends, on a database holding site TAND-HP, officer 1 (officer user 2,
// "an", password "mat-khau-cu") and duty 1.
var fuzzWrites = []struct{ method, path string }{
	{"POST", "/api/v1/sites"},
	{"PUT", "/api/v1/sites/TAND-HP"},
	{"POST", "/api/v1/officers"},
	{"PATCH", "/api/v1/officers/1"},
	{"POST", "/api/v1/officers/1/leaves"},
	{"PUT", "/api/v1/officers/1/preferences"},
	{"POST", "/api/v1/users"},
	{"PATCH", "/api/v1/users/2"},
	{"POST", "/api/v1/users/2/password"},
	{"POST", "/api/v1/me/password"},
	{"POST", "/api/v1/assignments"},
	{"PATCH", "/api/v1/assignments/1"},
	{"POST", "/api/v1/assignments/1/swap-requests"},
	{"PUT", "/api/v1/holidays/2027-02-10"},
	{"POST", "/api/v1/partners"},
	{"POST", "/api/v1/outreach-sessions"},
	{"POST", "/api/v1/sites/TAND-HP/publish"},
}

// FuzzWriteBodies sends any bytes as the JSON body of the write endpoints,
// through the real router on SQLite (and PostgreSQL when
// LICHTRUC_TEST_POSTGRES is set and LICHTRUC_FUZZ_DB=postgres): never a
// 5xx, and every refusal is problem+json with a rule key. The seed corpus
// is in testdata/fuzz/FuzzWriteBodies; CI runs it for 10 s.
func FuzzWriteBodies(f *testing.F) {
	dialect := "sqlite"
	if os.Getenv("LICHTRUC_FUZZ_DB") == "postgres" {
		dialect = "postgres"
	}
	st := storetest.Open(f, dialect, store.Options{Now: func() time.Time { return testNow }})
	srv := NewServer(Config{BaseURL: testBase, Loc: testLoc, Version: "fuzz"}, Deps{Store: st, Now: func() time.Time { return testNow }, PasswordCost: bcrypt.MinCost})
	if err := st.EnsureAdmin(context.Background(), store.HashToken("manager-token")); err != nil {
		f.Fatal(err)
	}
	send := func(method, path, token, body string) (int, string, []byte) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()
	}
	for _, s := range []struct{ method, path, body string }{
		{"POST", "/api/v1/sites", `{"code":"TAND-HP","name":"Tòa án","kind":"court","slots":[{"name":"Sáng","start":"07:30","end":"11:30","officers":1}]}`},
		{"POST", "/api/v1/officers", `{"full_name":"Nguyễn Văn An","kind":"legal_aid_officer"}`},
		{"POST", "/api/v1/users", `{"name":"an","role":"officer","officer_id":1}`},
		{"POST", "/api/v1/users/2/password", `{"password":"mat-khau-cu"}`},
		{"POST", "/api/v1/assignments", `{"site":"TAND-HP","slot":"Sáng","officer_id":1,"start":"2027-01-05T07:30:00+07:00","end":"2027-01-05T11:30:00+07:00"}`},
	} {
		if code, _, b := send(s.method, s.path, "manager-token", s.body); code >= 300 {
			f.Fatalf("%s %s: %d %s", s.method, s.path, code, b)
		}
	}
	for i, body := range []string{
		`{"code":"X","name":"Tòa\r\nSUMMARY:x","kind":"court"}`, `{"full_name":"An\u0000","kind":"staff"}`,
		`{"from":"0001-01-01","to":"2027-01-01","reason":"a\nb"}`, `{"reminder_leads":["30s","1h"]}`,
		`{"name":"x","role":"reception","officer_id":1}`, `{"disabled":true}`, `{"password":"` + strings.Repeat("x", 80) + `"}`,
		`{"current_password":"mat-khau-cu","password":"mat-khau-moi"}`, `{"site":"TAND-HP","officer_id":1,"start":"9999-01-01T00:00:00Z","end":"x"}`,
		`{"officer_id":1,"version":1}`, `{"to_officer_id":1}`, `{"name":"Tết"}`, `{"name":"\u202eHội"}`,
		`{"title":"x","partner":"y","start":"2027-01-05T08:00:00+07:00","end":"2027-01-05T07:00:00+07:00"}`, `{"from":"2027-01-01","to":"2027-12-31"}`,
		"{\"name\":\"\xff\"}", `[]`, `null`, `{"a":`, `{"name":{"x":[1,2,{"y":"\u0000"}]}}`,
	} {
		f.Add(uint8(i), []byte(body))
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, body []byte) {
		e := fuzzWrites[int(endpoint)%len(fuzzWrites)]
		for _, token := range []string{"manager-token"} {
			code, ct, b := send(e.method, e.path, token, string(body))
			if code >= 500 {
				t.Fatalf("%s %s %q: %d %s", e.method, e.path, body, code, b)
			}
			if code >= 400 {
				var p struct {
					Code   string `json:"code"`
					Status int    `json:"status"`
					Errors []struct {
						Code string `json:"code"`
					} `json:"errors"`
				}
				if ct != "application/problem+json" || json.Unmarshal(b, &p) != nil || p.Code == "" || p.Status != code {
					t.Fatalf("%s %s %q: %d %q is not a problem with a code: %s", e.method, e.path, body, code, ct, b)
				}
				for _, fe := range p.Errors {
					if fe.Code == "" {
						t.Fatalf("an error without a code: %s", b)
					}
				}
			}
			if bytes.Contains(b, []byte{0}) {
				t.Fatalf("a NUL in the answer: %q", b)
			}
		}
	})
}
