package api

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"lichtruc/api/request"
	"lichtruc/roster"
)

// TestHostileInput sends bytes that are not text, control characters,
// bidirectional overrides, overlong texts and years out of range through
// every kind of input — path, query, JSON field, form, header — before and
// after signing in. Each is a 422 naming the field under the rule key
// format, too_long or range, never a 5xx (PostgreSQL refuses invalid UTF-8
// with an error), and nothing of it is stored.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		officers := fmt.Sprintf("/api/v1/officers/%d", an)
		long := strings.Repeat("a", 50000)
		raw := func(s string) string { return s } // a JSON body sent as is

		for _, tt := range []struct {
			method, path string
			body         any
			field, code  string
		}{
			// query
			{"GET", "/api/v1/officers?q=%FF%FE", nil, "q", roster.RuleFormat},
			{"GET", "/api/v1/officers?q=a%00b", nil, "q", roster.RuleFormat},
			{"GET", "/api/v1/officers?q=a%0D%0Ab", nil, "q", roster.RuleFormat},
			{"GET", "/api/v1/officers?q=%E2%80%AEnA", nil, "q", roster.RuleFormat},
			{"GET", "/api/v1/officers?q=" + long, nil, "q", roster.RuleTooLong},
			{"GET", "/api/v1/officers?specialty=%C3%28", nil, "specialty", roster.RuleFormat},
			{"GET", "/api/v1/assignments?from=0001-01-01", nil, "from", roster.RuleRange},
			{"GET", "/api/v1/duty?site=TAND-HP&at=0001-01-01T09:00:00%2B07:00", nil, "at", roster.RuleRange},
			// path
			{"GET", "/api/v1/sites/%FF", nil, "code", roster.RuleFormat},
			{"GET", "/api/v1/sites/A%00B", nil, "code", roster.RuleFormat},
			{"PUT", "/api/v1/holidays/0001-01-01", map[string]any{"name": "x"}, "date", roster.RuleRange},
			// JSON fields
			{"POST", "/api/v1/officers", raw("{\"full_name\":\"An \xff\xfe\",\"kind\":\"staff\"}"), "full_name", roster.RuleFormat},
			{"POST", "/api/v1/officers", map[string]any{"full_name": "An\x00", "kind": "staff"}, "full_name", roster.RuleFormat},
			{"POST", "/api/v1/officers", map[string]any{"full_name": "An\tB", "kind": "staff"}, "full_name", roster.RuleFormat},
			{"POST", "/api/v1/officers", map[string]any{"full_name": "An\u202eB", "kind": "staff"}, "full_name", roster.RuleFormat},
			{"POST", "/api/v1/officers", map[string]any{"full_name": "An\u2066B", "kind": "staff"}, "full_name", roster.RuleFormat},
			{"POST", "/api/v1/officers", map[string]any{"full_name": long, "kind": "staff"}, "full_name", roster.RuleTooLong},
			{"POST", "/api/v1/officers", map[string]any{"full_name": "An", "kind": "staff", "specialties": []string{"hình sự\r\n"}}, "specialties[0]", roster.RuleFormat},
			{"POST", "/api/v1/sites", map[string]any{"code": "X", "name": "Tòa\r\nSUMMARY:giả", "kind": "court"}, "name", roster.RuleFormat},
			{"POST", "/api/v1/sites", map[string]any{"code": "X", "name": "X", "kind": "court",
				"slots": []map[string]any{{"name": "Sáng\n", "start": "07:30", "end": "11:30", "officers": 1}}}, "slots[0].name", roster.RuleFormat},
			{"POST", officers + "/leaves", map[string]any{"from": "2027-02-01", "to": "2027-02-01", "reason": "ốm\x00"}, "reason", roster.RuleFormat},
			{"POST", officers + "/leaves", map[string]any{"from": "0001-02-01", "to": "2027-02-01"}, "from", roster.RuleRange},
			{"POST", "/api/v1/assignments", map[string]any{"site": "TAND-HP", "officer_id": an,
				"start": "0001-01-05T07:30:00+07:00", "end": "0001-01-05T11:30:00+07:00"}, "start", roster.RuleRange},
			{"POST", "/api/v1/partners", map[string]any{"name": "\u202aHội"}, "name", roster.RuleFormat},
			{"PUT", officers + "/preferences", map[string]any{"reminder_leads": []string{"30s"}}, "reminder_leads[0]", roster.RuleRange},
			{"PUT", officers + "/preferences", map[string]any{"reminder_leads": []string{"1h\x00"}}, "reminder_leads[0]", roster.RuleFormat},
		} {
			r := h.do(tt.method, tt.path, h.manager, tt.body)
			if r.Code >= 500 {
				t.Fatalf("%s %s: %d\n%s", tt.method, tt.path, r.Code, r.Body)
			}
			if r.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s %s: status %d, want 422\n%.400s", tt.method, tt.path, r.Code, r.Body)
				continue
			}
			m := r.json(t)
			found := false
			for _, e := range m["errors"].([]any) {
				e := e.(map[string]any)
				found = found || (e["field"] == tt.field && e["code"] == tt.code)
			}
			if !found {
				t.Errorf("%s %s: no error on %s with code %s: %s", tt.method, tt.path, tt.field, tt.code, r.Body)
			}
		}

		// Before signing in: a bad path or query is refused the same way.
		for _, p := range []string{"/ical/o/1-%FF.ics", "/ical/s/1-a%00.ics", "/board/1-%FF", "/login?next=%FF", "/api/v1/sites?x=%00"} {
			r := h.do("GET", p, "", nil)
			if r.Code != http.StatusUnprocessableEntity {
				t.Errorf("GET %s without signing in: %d, want 422\n%.300s", p, r.Code, r.Body)
			}
		}
		// A feed's alarm has its minimum too.
		feed := strings.TrimPrefix(h.must(200, "GET", officers, h.manager, nil)["feed_url"].(string), testBase)
		h.problemCode(h.do("GET", feed+"?alarm=30s", "", nil), 422, "alarm", roster.RuleRange)
		h.problemCode(h.do("GET", feed+"?alarm=1ns", "", nil), 422, "alarm", roster.RuleRange)
		// A header read as data.
		h.problemCode(h.do("PATCH", officers, h.manager, map[string]any{"language": "en"}, "If-Match", "\"1\x01\""), 422, "If-Match", roster.RuleFormat)

		// A multi-line field keeps its line feeds, CR LF as LF.
		l := h.must(201, "POST", officers+"/leaves", h.manager, map[string]any{"from": "2027-02-01", "to": "2027-02-01", "reason": "ốm\r\nnằm viện"})
		if l["reason"] != "ốm\nnằm viện" {
			t.Errorf("reason stored as %q", l["reason"])
		}
		// Nothing hostile was stored.
		for _, o := range h.must(200, "GET", "/api/v1/officers", h.manager, nil)["officers"].([]any) {
			if name := o.(map[string]any)["full_name"].(string); name != "Nguyễn Văn An" {
				t.Errorf("stored officer %q", name)
			}
		}

		// Forms of the pages: a control character in a single-line field is
		// a 422 page; a textarea's CR LF is fine.
		h.webUser("quanly", roster.RoleManager, 0, "mat-khau-quan-ly")
		w := h.webBrowser()
		w.login("quanly", "mat-khau-quan-ly")
		w.page(200, "/manage/leaves")
		r := w.post("/manage/leaves", url.Values{"officer_id": {fmt.Sprint(an)}, "from": {"2027-03-01\x00"}, "to": {"2027-03-01"}})
		webCheckHTML(t, r, http.StatusUnprocessableEntity)
		w.page(200, "/manage/leaves")
		r = w.post("/manage/leaves", url.Values{"officer_id": {fmt.Sprint(an)}, "from": {"2027-03-02"}, "to": {"2027-03-02"}, "reason": {"họp\r\ncơ quan"}})
		if r.Code >= 400 {
			t.Fatalf("leave with a two-line reason: %d\n%.500s", r.Code, r.Body)
		}
		// Sign-in with a name that is not text: 422, not a 500.
		w2 := h.webBrowser()
		w2.page(200, "/login")
		if r := w2.post("/login", url.Values{"name": {"lan\xff"}, "password": {"x"}}); r.Code != http.StatusUnprocessableEntity {
			t.Errorf("sign-in with invalid UTF-8: %d", r.Code)
		}
	})
}

// TestCleanText is the cleaner's rule, by field kind.
func TestCleanText(t *testing.T) {
	for _, tt := range []struct {
		field, in, want, code string
	}{
		{"name", "Đặng Quốc Hùng", "Đặng Quốc Hùng", ""},
		{"name", "a\tb", "", roster.RuleFormat},
		{"name", "a\nb", "", roster.RuleFormat},
		{"name", "a\u2028b", "", roster.RuleFormat},
		{"name", "a\u0085b", "", roster.RuleFormat},
		{"name", "a\u200fb", "a\u200fb", ""}, // a right-to-left mark is not an override
		{"name", strings.Repeat("đ", 200), strings.Repeat("đ", 200), ""},
		{"name", strings.Repeat("đ", 201), "", roster.RuleTooLong},
		{"code", strings.Repeat("A", 41), "", roster.RuleTooLong},
		{"q", strings.Repeat("a", 201), "", roster.RuleTooLong},
		{"reason", "a\r\nb\rc\nd", "a\nb\nc\nd", ""},
		{"reason", "a\tb", "", roster.RuleFormat},
		{"reason", strings.Repeat("x", 2001), "", roster.RuleTooLong},
		{"slots[3].name", "a\nb", "", roster.RuleFormat},
		{"x.notes", "a\nb", "a\nb", ""},
		{"address", "bad \xc3\x28", "", roster.RuleFormat},
		{"address", "a" + roster.InvalidUTF8, "", roster.RuleFormat},
		{"from", "1999-12-31", "", roster.RuleRange},
		{"from", "2101-01-01", "", roster.RuleRange},
		{"month", "0001-01", "", roster.RuleRange},
		{"start", "99999-01-01T00:00:00Z", "", roster.RuleRange},
		{"start", "2027-01-04T07:30:00+07:00", "2027-01-04T07:30:00+07:00", ""},
		{"phone", "0225 3745 123", "0225 3745 123", ""},
	} {
		got, fe := request.CleanText(tt.field, tt.in)
		switch {
		case tt.code == "" && fe != nil:
			t.Errorf("%s %q: %v, want it accepted", tt.field, tt.in, fe)
		case tt.code != "" && (fe == nil || fe.Code != tt.code || fe.Field != tt.field):
			t.Errorf("%s %q: %+v, want code %s", tt.field, tt.in, fe, tt.code)
		case tt.code == "" && got != tt.want:
			t.Errorf("%s %q became %q, want %q", tt.field, tt.in, got, tt.want)
		}
	}
}

// TestOfficerSearchAPI: GET /officers?q= ignores case and diacritics on
// both databases.
func TestOfficerSearchAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.officer("Đặng Quốc Hùng")
		h.officer("Nguyễn Văn An")
		for _, q := range []string{"Đặng", "đặng", "dang", "HUNG"} {
			list := h.must(200, "GET", "/api/v1/officers?q="+url.QueryEscape(q), h.manager, nil)["officers"].([]any)
			if len(list) != 1 || list[0].(map[string]any)["full_name"] != "Đặng Quốc Hùng" {
				t.Errorf("q=%s: %v", q, list)
			}
		}
	})
}

// TestHostileMultipart: a page form sent as multipart passes the same
// checks, file names included; a JSON body sent with a form's type (curl
// -d) is still read as JSON and cleaned.
func TestHostileMultipart(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		h.webUser("quanly", roster.RoleManager, 0, "mat-khau-quan-ly")
		w := h.webBrowser()
		w.login("quanly", "mat-khau-quan-ly")
		w.page(200, "/manage/leaves")
		for _, part := range []struct{ field, file, value string }{
			{"reason", "", "ốm\x00"},
			{"from", "", "2027-03-01\r\n"},
			{"upload", "gpj\u202e.xlsx", "x"},
		} {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			_ = mw.WriteField("csrf", w.csrf())
			_ = mw.WriteField("officer_id", fmt.Sprint(an))
			_ = mw.WriteField("to", "2027-03-01")
			if part.file != "" {
				fw, _ := mw.CreateFormFile(part.field, part.file)
				_, _ = fw.Write([]byte(part.value))
			} else {
				_ = mw.WriteField(part.field, part.value)
			}
			_ = mw.Close()
			req := httptest.NewRequest("POST", testBase+"/manage/leaves", &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			u, _ := url.Parse(testBase)
			for _, ck := range w.jar.Cookies(u) {
				req.AddCookie(ck)
			}
			rec := httptest.NewRecorder()
			h.srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("multipart %s: %d, want 422\n%.300s", part.field, rec.Code, rec.Body)
			}
		}
		r := h.do("POST", "/api/v1/officers", h.manager, `{"full_name":"B\u0000","kind":"staff"}`, "Content-Type", "application/x-www-form-urlencoded")
		h.problemCode(r, 422, "full_name", roster.RuleFormat)
	})
}

// TestHostileImport: a cell of an imported file is input like any other.
func TestHostileImport(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		bad := map[int]func([]string){
			2: func(r []string) { r[0] = "Nguyễn\u202eAn" },
			3: func(r []string) { r[0] = "Trần\x01Bình" },
		}
		r := h.upload("/api/v1/imports/officers", "can-bo.csv", officersCSV(3, bad))
		h.problem(r, 422, "rows[2].full_name")
		for _, x := range r.json(t)["rows"].([]any) {
			if x := x.(map[string]any); x["code"] != roster.RuleFormat {
				t.Errorf("bad cell: %v", x)
			}
		}
		if n := len(r.json(t)["rows"].([]any)); n != 2 {
			t.Errorf("%d bad rows, want 2: %s", n, r.Body)
		}
	})
}
