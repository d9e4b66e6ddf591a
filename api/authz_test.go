package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestAuthorisationTable is the authorisation table of the API and the
// pages, role by role: a manager, an officer user of officer An, a
// reception user, and a reception user linked to An (as an older version
// allowed: the store refuses the link now, so the test writes it in SQL)
// who must not act as An anywhere. The token and page rules are the same.
func TestAuthorisationTable(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an := h.officer("Nguyễn Văn An")
		binh := h.officer("Trần Thị Bình")
		duty := h.webBook(an, "2027-01-12", "Sáng", "07:30", "11:30")
		secret := h.must(200, "GET", fmt.Sprintf("/api/v1/officers/%d", an), h.manager, nil)["feed_url"].(string)
		secret = strings.TrimSuffix(secret[strings.LastIndex(secret, "-")+1:], ".ics")

		// The store and the API refuse to link a non-officer user to an officer.
		h.problemCode(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "x", "role": "reception", "officer_id": an}), 422, "officer_id", roster.RuleInvalid)
		h.problemCode(h.do("POST", "/api/v1/users", h.manager, map[string]any{"name": "x", "role": "manager", "officer_id": an}), 422, "officer_id", roster.RuleInvalid)
		if _, err := h.store.CreateUser(t.Context(), "test", roster.User{Name: "y", Role: roster.RoleReception, OfficerID: &an}, store.HashToken("y")); roster.ErrorCode(err) != roster.EInvalid {
			t.Fatalf("store links a reception user to an officer: %v", err)
		}

		h.webUser("quanly", roster.RoleManager, 0, "mat-khau-quan-ly")
		h.webUser("an", roster.RoleOfficer, an, "mat-khau-can-bo")
		h.webUser("letan", roster.RoleReception, 0, "mat-khau-le-tan")
		legacyID := h.webUser("cu", roster.RoleReception, 0, "mat-khau-cu")
		if err := storetest.SQL(t, h.store).Exec("UPDATE users SET officer_id = ?, token_hash = ? WHERE id = ?", an, store.HashToken("legacy-token"), legacyID).Error; err != nil {
			t.Fatal(err)
		}
		tokens := map[string]string{"manager": h.manager, "legacy": "legacy-token"}
		for _, u := range h.must(200, "GET", "/api/v1/users", h.manager, nil)["users"].([]any) {
			m := u.(map[string]any)
			switch m["name"] {
			case "an":
				tokens["officer"] = h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/token", id(m)), h.manager, nil)["token"].(string)
			case "letan":
				tokens["reception"] = h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/token", id(m)), h.manager, nil)["token"].(string)
			}
		}
		browsers := map[string]*webClient{}
		for role, name := range map[string]string{"manager": "quanly", "officer": "an", "reception": "letan", "legacy": "cu"} {
			w := h.webBrowser()
			if r := w.login(name, map[string]string{"quanly": "mat-khau-quan-ly", "an": "mat-khau-can-bo", "letan": "mat-khau-le-tan", "cu": "mat-khau-cu"}[name]); r.Code != http.StatusSeeOther {
				t.Fatalf("sign in %s: %d", name, r.Code)
			}
			browsers[role] = w
		}
		roles := []string{"manager", "officer", "reception", "legacy"}
		officers := fmt.Sprintf("/api/v1/officers/%d", an)

		type row struct {
			page         bool // a page of a signed-in browser, else the API with a token
			method, path string
			body         any        // JSON for the API
			form         url.Values // for a page POST
			allowed      string     // the roles allowed, space separated
		}
		table := []row{
			// API
			{method: "POST", path: officers + "/leaves", body: map[string]any{"from": "2027-03-01", "to": "2027-03-02"}, allowed: "manager officer"},
			{method: "PUT", path: officers + "/preferences", body: map[string]any{"reminder_leads": []string{"2h"}}, allowed: "manager officer"},
			{method: "GET", path: officers + "/preferences", allowed: "manager officer"},
			{method: "PATCH", path: officers, body: map[string]any{"language": "en"}, allowed: "manager officer"},
			{method: "POST", path: fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(duty)), body: map[string]any{"to_officer_id": binh}, allowed: "manager officer"},
			{method: "POST", path: "/api/v1/users", body: map[string]any{"name": "moi", "role": "reception"}, allowed: "manager"},
			{method: "PATCH", path: "/api/v1/users/9999", body: map[string]any{"disabled": true}, allowed: "manager"},
			{method: "DELETE", path: "/api/v1/users/9999", allowed: "manager"},
			{method: "POST", path: "/api/v1/users/9999/unlock", allowed: "manager"},
			{method: "POST", path: "/api/v1/users/9999/password", body: map[string]any{"password": "mat-khau-moi"}, allowed: "manager"},
			{method: "POST", path: "/api/v1/me/password", body: map[string]any{"current_password": "sai", "password": "mat-khau-moi"}, allowed: "manager officer reception legacy"},
			{method: "GET", path: "/api/v1/audit", allowed: "manager"},
			// Pages
			{page: true, method: "GET", path: "/manage", allowed: "manager"},
			{page: true, method: "GET", path: "/manage/leaves", allowed: "manager"},
			{page: true, method: "POST", path: "/manage/leaves", form: url.Values{"officer_id": {fmt.Sprint(an)}, "from": {"2027-03-05"}, "to": {"2027-03-05"}}, allowed: "manager"},
			{page: true, method: "GET", path: "/me/feed-qr.png", allowed: "officer"},
			{page: true, method: "POST", path: "/me/leaves", form: url.Values{"from": {"2027-03-08"}, "to": {"2027-03-08"}}, allowed: "officer"},
			{page: true, method: "POST", path: "/me/preferences", form: url.Values{"language": {"vi"}, "channels": {"email"}, "version": {"1"}}, allowed: "officer"},
			{page: true, method: "POST", path: "/me/swaps", form: url.Values{"assignment_id": {fmt.Sprint(id(duty))}, "to_officer_id": {fmt.Sprint(binh)}}, allowed: "officer"},
			{page: true, method: "POST", path: "/me/swaps/9999/accept", allowed: "officer"},
		}
		for _, tt := range table {
			for _, role := range roles {
				want := strings.Contains(" "+tt.allowed+" ", " "+role+" ")
				var status int
				var body string
				if tt.page {
					w := browsers[role]
					w.page(200, "/me") // a page for the form token
					var r webResp
					if tt.method == "GET" {
						r = w.get(tt.path)
					} else {
						form := url.Values{}
						for k, v := range tt.form {
							form[k] = v
						}
						r = w.post(tt.path, form)
					}
					status, body = r.Code, r.Body
					if r.Code == http.StatusSeeOther && strings.HasPrefix(r.Location, "/login") {
						t.Fatalf("%s %s as %s: sent to sign in", tt.method, tt.path, role)
					}
				} else {
					r := h.do(tt.method, tt.path, tokens[role], tt.body)
					status, body = r.Code, string(r.Body)
				}
				denied := status == http.StatusForbidden || status == http.StatusUnauthorized
				if want == denied || status >= 500 {
					t.Errorf("%s %s as %s: status %d, allowed %v\n%s", tt.method, tt.path, role, status, want, body)
				}
			}
		}

		// Reading: everyone signed in reads an officer; only An's own
		// officer user (and managers) see the feed secret, in the API and
		// on /me.
		for _, role := range roles {
			_, sees := h.must(200, "GET", officers, tokens[role], nil)["feed_url"]
			if want := role == "manager" || role == "officer"; sees != want {
				t.Errorf("GET %s as %s: feed_url shown %v, want %v", officers, role, sees, want)
			}
			page := browsers[role].page(200, "/me")
			if want := role == "officer"; strings.Contains(page, secret) != want {
				t.Errorf("/me as %s: feed secret shown %v, want %v", role, !want, want)
			}
		}
	})
}
