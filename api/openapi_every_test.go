package api

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"lichtruc/metrics"
	"lichtruc/roster/store"
)

// openapiSeen records, per harness, the operations whose answers the hook
// checked, as "METHOD /path 2xx" or "METHOD /path 4xx".
var openapiSeen = struct {
	sync.Mutex
	m map[*harness]map[string]bool
}{m: map[*harness]map[string]bool{}}

func (h *harness) sawOperation(method, path string, status int) {
	openapiSeen.Lock()
	defer openapiSeen.Unlock()
	if openapiSeen.m[h] == nil {
		openapiSeen.m[h] = map[string]bool{}
	}
	openapiSeen.m[h][fmt.Sprintf("%s %s %dxx", method, path, status/100)] = true
}

// TestOpenAPIEveryEndpoint calls every described operation at least once
// with a success and once with a client error (when it describes one), so that the harness checks an
// answer of each against the description. A new route fails it until a
// call of it is added here.
func TestOpenAPIEveryEndpoint(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		m, desk := h.manager, h.user("desk", "reception", 0)
		site := h.courtSite()
		h.must(201, "POST", "/api/v1/sites", m, map[string]any{"code": "LD-TN", "name": "Lưu động Thủy Nguyên", "kind": "outreach"})
		an, binh := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình")
		anTok := h.user("an", "officer", an)
		h.user("spare", "reception", 0)
		users := h.must(200, "GET", "/api/v1/users", m, nil)["users"].([]any)
		uid := int64(users[len(users)-1].(map[string]any)["id"].(float64))
		deskID := int64(users[1].(map[string]any)["id"].(float64))
		h.must(200, "POST", fmt.Sprintf("/api/v1/users/%d/password", deskID), m, map[string]any{"password": "a long enough secret"})
		type call struct {
			method, path, token string
			body                any
			want                int
		}
		calls := []call{
			{"GET", "/healthz", "", nil, 200},
			{"GET", "/api/v1/openapi.json", m, nil, 200},
			{"GET", "/api/v1/openapi.json", "", nil, 401},
			{"GET", "/api/v1/me", anTok, nil, 200},
			{"GET", "/api/v1/me", "nobody", nil, 401},
			{"GET", "/api/v1/users", desk, nil, 403},
			{"POST", "/api/v1/users", m, map[string]any{"name": "x", "role": "judge"}, 422},
			{"POST", fmt.Sprintf("/api/v1/users/%d/token", uid), m, nil, 200},
			{"POST", "/api/v1/users/9999/token", m, nil, 404},
			{"POST", fmt.Sprintf("/api/v1/users/%d/password", uid), m, map[string]any{"password": "a long enough secret"}, 200},
			{"POST", fmt.Sprintf("/api/v1/users/%d/password", uid), m, map[string]any{"password": "x"}, 422},
			{"POST", "/api/v1/me/password", desk, map[string]any{"current_password": "a long enough secret", "password": "another long secret"}, 200},
			{"POST", "/api/v1/me/password", desk, map[string]any{"current_password": "wrong", "password": "another long secret"}, 422},
			{"PATCH", fmt.Sprintf("/api/v1/users/%d", uid), m, map[string]any{"disabled": true}, 200},
			{"PATCH", fmt.Sprintf("/api/v1/users/%d", uid), m, map[string]any{"disabled": false}, 200},
			{"PATCH", "/api/v1/users/9999", m, map[string]any{"disabled": true}, 404},
			{"POST", fmt.Sprintf("/api/v1/users/%d/unlock", uid), m, nil, 200},
			{"POST", "/api/v1/users/9999/unlock", m, nil, 404},
			{"DELETE", fmt.Sprintf("/api/v1/users/%d", uid), m, nil, 204},
			{"DELETE", "/api/v1/users/9999", m, nil, 404},
			{"GET", "/api/v1/sites", desk, nil, 200},
			{"GET", "/api/v1/sites?open_on=soon", desk, nil, 422},
			{"POST", "/api/v1/sites", m, map[string]any{"code": "TAND-HP", "name": "x", "kind": "court", "slots": []any{}}, 409},
			{"GET", "/api/v1/sites/TAND-HP", desk, nil, 200},
			{"GET", "/api/v1/sites/NOWHERE", desk, nil, 404},
			{"PUT", "/api/v1/sites/TAND-HP", m, map[string]any{"code": "TAND-HP", "name": site["name"], "kind": "court", "slots": site["slots"], "reception_phone": "0225 1"}, 200},
			{"PUT", "/api/v1/sites/TAND-HP", desk, map[string]any{}, 403},
			{"POST", "/api/v1/sites/TAND-HP/secrets", m, map[string]any{"board": true}, 200},
			{"POST", "/api/v1/sites/TAND-HP/secrets", m, map[string]any{}, 422},
			{"POST", "/api/v1/sites/TAND-HP/plan", m, map[string]any{"from": "2027-01-11", "to": "2027-01-15", "officer_ids": []int64{an, binh}}, 201},
			{"POST", "/api/v1/sites/TAND-HP/plan", m, map[string]any{"from": "2027-01-11", "to": "2027-01-15", "officer_ids": []int64{an}, "dry_run": true}, 200},
			{"POST", "/api/v1/sites/TAND-HP/plan", m, "{", 400},
			{"POST", "/api/v1/plan", m, map[string]any{"sites": []string{"TAND-HP"}, "from": "2027-01-18", "to": "2027-01-22", "officer_ids": []int64{an, binh}, "dry_run": true}, 200},
			{"POST", "/api/v1/plan", m, map[string]any{"sites": []string{}, "from": "2027-01-18", "to": "2027-01-22"}, 422},
			{"POST", "/api/v1/sites/TAND-HP/publish", m, map[string]any{"from": "2027-01-11", "to": "2027-01-15"}, 201},
			{"POST", "/api/v1/sites/TAND-HP/publish", m, map[string]any{"from": "2027-01-15", "to": "2027-01-11"}, 422},
			{"GET", "/api/v1/sites/TAND-HP/publications", desk, nil, 200},
			{"GET", "/api/v1/sites/NOWHERE/publications", desk, nil, 404},
			{"GET", "/api/v1/officers?active=true", desk, nil, 200},
			{"GET", "/api/v1/officers?active=maybe", desk, nil, 422},
			{"POST", "/api/v1/officers", m, map[string]any{"full_name": "Lê Văn Cường", "kind": "lawyer", "email": "c@example.vn", "phone": "0912 000 222", "specialties": []string{}}, 201},
			{"POST", "/api/v1/officers", m, map[string]any{"full_name": "x", "kind": "judge"}, 422},
			{"GET", fmt.Sprintf("/api/v1/officers/%d", an), anTok, nil, 200},
			{"GET", "/api/v1/officers/9999", anTok, nil, 404},
			{"PATCH", fmt.Sprintf("/api/v1/officers/%d", an), m, map[string]any{"phone": "0912 000 333"}, 200},
			{"PATCH", fmt.Sprintf("/api/v1/officers/%d", an), m, map[string]any{"rank": 1}, 400},
			{"POST", fmt.Sprintf("/api/v1/officers/%d/feed-secret", an), anTok, nil, 200},
			{"POST", fmt.Sprintf("/api/v1/officers/%d/feed-secret", binh), anTok, nil, 403},
			{"GET", fmt.Sprintf("/api/v1/officers/%d/preferences", an), anTok, nil, 200},
			{"GET", fmt.Sprintf("/api/v1/officers/%d/preferences", binh), anTok, nil, 403},
			{"PUT", fmt.Sprintf("/api/v1/officers/%d/preferences", an), anTok, map[string]any{"reminder_leads": []string{"24h"}}, 200},
			{"PUT", fmt.Sprintf("/api/v1/officers/%d/preferences", an), anTok, map[string]any{"reminder_leads": []string{"soon"}}, 422},
			{"POST", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), m, map[string]any{"from": "2027-01-14", "to": "2027-01-15", "reason": "phép"}, 201},
			{"POST", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), m, map[string]any{"from": "2027-01-15", "to": "2027-01-14"}, 422},
			{"GET", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), desk, nil, 200},
			{"GET", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), "", nil, 401},
			{"GET", "/api/v1/leaves", desk, nil, 200},
			{"GET", "/api/v1/leaves?from=soon", desk, nil, 422},
			{"GET", "/api/v1/leaves/1", desk, nil, 200},
			{"GET", "/api/v1/leaves/9999", desk, nil, 404},
			{"DELETE", "/api/v1/leaves/9999", m, nil, 404},
			{"DELETE", "/api/v1/leaves/1", m, nil, 204},
			{"GET", "/api/v1/assignments?from=2027-01-11&to=2027-01-15", desk, nil, 200},
			{"GET", "/api/v1/assignments?from=2027-01-01&to=2028-06-01", desk, nil, 422},
			{"POST", "/api/v1/assignments", m, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an, "start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"}, 201},
			{"POST", "/api/v1/assignments", m, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an, "start": "2027-01-05T08:00:00+07:00", "end": "2027-01-05T11:00:00+07:00"}, 409},
			{"GET", "/api/v1/assignments/9999", desk, nil, 404},
			{"PATCH", "/api/v1/assignments/9999", m, map[string]any{"officer_id": binh}, 404},
			{"DELETE", "/api/v1/assignments/9999", m, nil, 404},
			{"GET", "/api/v1/duty?site=TAND-HP&at=2027-01-04T09:00:00%2B07:00", desk, nil, 200},
			{"GET", "/api/v1/duty", desk, nil, 422},
			{"GET", "/api/v1/swap-requests", anTok, nil, 200},
			{"GET", "/api/v1/swap-requests", "", nil, 401},
			{"GET", "/api/v1/swap-requests/9999", anTok, nil, 404},
			{"POST", "/api/v1/swap-requests/9999/accept", anTok, nil, 404},
			{"POST", "/api/v1/assignments/9999/swap-requests", anTok, map[string]any{"to_officer_id": binh}, 404},
			{"GET", "/api/v1/holidays?year=2027", desk, nil, 200},
			{"GET", "/api/v1/holidays?year=soon", desk, nil, 422},
			{"PUT", "/api/v1/holidays/2027-03-08", m, map[string]any{"name": "Ngày Quốc tế Phụ nữ", "kind": "holiday"}, 200},
			{"PUT", "/api/v1/holidays/2027-03-08", m, map[string]any{"name": "x", "kind": "party"}, 422},
			{"DELETE", "/api/v1/holidays/2027-03-08", m, nil, 204},
			{"DELETE", "/api/v1/holidays/2027-03-08", desk, nil, 403},
			{"POST", "/api/v1/recurring-holidays", m, map[string]any{"month": 11, "day": 24, "name": "Ngày Văn hóa Việt Nam", "from_year": 2030}, 201},
			{"POST", "/api/v1/recurring-holidays", m, map[string]any{"month": 2, "day": 30, "name": "x", "from_year": 2030}, 422},
			{"GET", "/api/v1/recurring-holidays", desk, nil, 200},
			{"GET", "/api/v1/recurring-holidays", "nobody", nil, 401},
			{"DELETE", "/api/v1/recurring-holidays/1", m, nil, 204},
			{"DELETE", "/api/v1/recurring-holidays/1", m, nil, 404},
			{"GET", "/api/v1/audit?limit=5", m, nil, 200},
			{"GET", "/api/v1/audit", desk, nil, 403},
			{"GET", "/api/v1/notifications", m, nil, 200},
			{"GET", "/api/v1/notifications?status=lost", m, nil, 422},
			{"GET", "/api/v1/partners", desk, nil, 200},
			{"GET", "/api/v1/partners", "", nil, 401},
			{"POST", "/api/v1/partners", m, map[string]any{"name": "Hội Nông dân huyện An Lão", "kind": "farmers_association"}, 201},
			{"POST", "/api/v1/partners", m, map[string]any{"name": "x", "kind": "club"}, 422},
			{"GET", "/api/v1/partners/1", desk, nil, 200},
			{"GET", "/api/v1/partners/9999", desk, nil, 404},
			{"PATCH", "/api/v1/partners/1", m, map[string]any{"contact_name": "Ông Đức"}, 200},
			{"PATCH", "/api/v1/partners/9999", m, map[string]any{"notes": "x"}, 404},
			{"POST", "/api/v1/outreach-sessions", m, otBody("Trợ giúp pháp lý lưu động", "Hội Nông dân huyện An Lão", "2027-01-20T08:00:00+07:00", "2027-01-20T11:00:00+07:00", an), 201},
			{"POST", "/api/v1/outreach-sessions", m, map[string]any{"title": "x"}, 422},
			{"GET", "/api/v1/outreach-sessions?from=2027-01-01&to=2027-01-31", desk, nil, 200},
			{"GET", "/api/v1/outreach-sessions?status=lost", desk, nil, 422},
			{"GET", "/api/v1/outreach-sessions/9999", desk, nil, 404},
			{"PATCH", "/api/v1/outreach-sessions/9999", m, map[string]any{"attendees": 3}, 404},
			{"DELETE", "/api/v1/outreach-sessions/9999", m, nil, 404},
			{"DELETE", "/api/v1/partners/9999", m, nil, 404},
			{"GET", "/api/v1/reports/outreach?year=2027", desk, nil, 200},
			{"GET", "/api/v1/reports/outreach?year=2027&format=csv&sep=;", desk, nil, 200},
			{"GET", "/api/v1/reports/outreach?format=pdf", desk, nil, 422},
			{"GET", "/api/v1/reports/duties?year=2027", desk, nil, 200},
			{"GET", "/api/v1/reports/duties?year=2027&format=csv", desk, nil, 200},
			{"GET", "/api/v1/reports/duties?from=soon", desk, nil, 422},
		}
		for _, c := range calls {
			if r := h.do(c.method, c.path, c.token, c.body); r.Code != c.want {
				t.Errorf("%s %s: status %d, want %d\n%s", c.method, c.path, r.Code, c.want, r.Body)
			}
		}

		// Calls on what the calls above made.
		duty := h.must(200, "GET", "/api/v1/assignments?officer_id="+itoa(int(an))+"&from=2027-01-05&to=2027-01-05", desk, nil)["assignments"].([]any)[0].(map[string]any)
		dpath := "/api/v1/assignments/" + itoa(int(id(duty)))
		h.must(200, "GET", dpath, desk, nil)
		h.must(200, "PATCH", dpath, m, map[string]any{"officer_id": binh})
		h.must(412, "PATCH", dpath, m, map[string]any{"officer_id": an}, "If-Match", `"1"`)
		swap := h.must(201, "POST", dpath+"/swap-requests", m, map[string]any{"to_officer_id": an})
		spath := "/api/v1/swap-requests/" + itoa(int(id(swap)))
		h.must(200, "GET", spath, anTok, nil)
		h.must(200, "POST", spath+"/accept", anTok, nil)
		h.must(200, "DELETE", dpath, m, nil)
		sessions := h.must(200, "GET", "/api/v1/outreach-sessions?from=2027-01-01&to=2027-01-31", desk, nil)["outreach_sessions"].([]any)
		opath := "/api/v1/outreach-sessions/" + itoa(int(id(sessions[0].(map[string]any))))
		h.must(200, "GET", opath, desk, nil)
		h.must(200, "PATCH", opath, m, map[string]any{"notes": "Mang theo tài liệu phổ biến pháp luật"})
		h.must(200, "DELETE", opath, m, nil)
		p := h.must(201, "POST", "/api/v1/partners", m, map[string]any{"name": "Hội Người cao tuổi", "kind": "elderly_association"})
		h.must(204, "DELETE", "/api/v1/partners/"+itoa(int(id(p))), m, nil)
		h.must(200, "HEAD", "/healthz", "", nil)
		h.must(200, "GET", "/api/v1/settings", m, nil)
		h.must(403, "GET", "/api/v1/settings", desk, nil)
		h.must(200, "PUT", "/api/v1/settings", m, map[string]any{"document": map[string]any{"signer_name": "Nguyễn Văn Bình"}})
		h.must(412, "PUT", "/api/v1/settings", m, map[string]any{"version": 1, "document": map[string]any{"place": "Hải Phòng"}})
		// /metrics: none on a server without metrics, then a server with
		// metrics that lets httptest's address (192.0.2.1) read them.
		h.problem(h.do("GET", "/metrics", "", nil), 404, "")
		allow, _ := ParseMetricsAllow("192.0.2.0/24")
		h.srv = NewServer(Config{BaseURL: testBase, Loc: testLoc, MetricsAllow: allow},
			Deps{Store: h.store, Now: func() time.Time { return h.now }, Metrics: withStore(metrics.New(prometheus.NewRegistry()), h.store)})
		if r := h.do("GET", "/metrics", "", nil); r.Code != 200 || !strings.Contains(string(r.Body), "lichtruc_db_connections_open") {
			t.Errorf("/metrics: %d\n%.300s", r.Code, r.Body)
		}

		// Documents, the allowance and imports (issue 13).
		for _, c := range []call{
			{"GET", "/api/v1/sites/TAND-HP/schedule.pdf?from=2027-01-04&to=2027-01-10", desk, nil, 200},
			{"GET", "/api/v1/sites/TAND-HP/schedule.pdf?from=2027-01-04&to=2027-05-10", desk, nil, 422},
			{"GET", "/api/v1/sites/TAND-HP/schedule.xlsx?from=2027-01-04&to=2027-01-10", desk, nil, 200},
			{"GET", "/api/v1/sites/TAND-HP/schedule.xlsx?to=2027-01-10", desk, nil, 422},
			{"GET", "/api/v1/schedule.pdf?from=2027-01-04&to=2027-01-10&site=TAND-HP", desk, nil, 200},
			{"GET", "/api/v1/schedule.pdf?from=2027-01-04&to=2027-01-10&site=NOPE", desk, nil, 422},
			{"GET", "/api/v1/schedule.xlsx?from=2027-01-04&to=2027-01-10", desk, nil, 200},
			{"GET", "/api/v1/schedule.xlsx?from=2027-01-10&to=2027-01-04", desk, nil, 422},
			{"GET", "/api/v1/reports/allowance?month=2027-01", m, nil, 200},
			{"GET", "/api/v1/reports/allowance?month=2027-01&format=xlsx", m, nil, 200},
			{"GET", "/api/v1/reports/allowance?month=January", m, nil, 422},
			{"GET", "/api/v1/assignments?from=2027-01-04&to=2027-01-10&format=xlsx", desk, nil, 200},
			{"GET", "/api/v1/imports/officers/template.xlsx", m, nil, 200},
			{"GET", "/api/v1/imports/officers/template.xlsx", desk, nil, 403},
			{"GET", "/api/v1/imports/outreach-sessions/template.xlsx", m, nil, 200},
			{"GET", "/api/v1/imports/outreach-sessions/template.xlsx", desk, nil, 403},
			{"POST", "/api/v1/imports/officers", m, nil, 422},
			{"POST", "/api/v1/imports/outreach-sessions", m, nil, 422},
		} {
			if r := h.do(c.method, c.path, c.token, c.body); r.Code != c.want {
				t.Errorf("%s %s: %d, want %d", c.method, c.path, r.Code, c.want)
			}
		}
		h.upload("/api/v1/imports/officers?dry_run=true", "o.csv", []byte("full_name,kind,email\r\nVũ Thị Hạnh,lawyer,hanh@tgpl.example.vn\r\n"))
		h.upload("/api/v1/imports/outreach-sessions?dry_run=true", "p.csv",
			[]byte("title,venue,partner,date,start,end,officers\r\nĐợt 1,Nhà văn hóa,Hội Nông dân,15/03/2027,08:00,11:00,Nguyễn Văn An\r\n"))
		// What duties achieve (results.yaml): results, custody requests, cases, the year report.
		past := id(h.must(201, "POST", "/api/v1/assignments", m, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-01T07:30:00+07:00", "end": "2027-01-01T11:30:00+07:00"}))
		rpath := "/api/v1/assignments/" + itoa(int(past)) + "/result"
		h.must(404, "GET", rpath, m, nil)
		h.must(422, "PUT", rpath, anTok, map[string]any{"people_received": 1})
		h.must(201, "PUT", rpath, anTok, map[string]any{"held": true, "people_received": 1,
			"requests": []any{map[string]any{"field": "land", "beneficiary_group": "elderly", "action": "advised"}}})
		h.must(200, "PUT", rpath, m, map[string]any{"held": true, "held_by": binh, "people_received": 2, "version": 1})
		h.must(200, "GET", rpath, anTok, nil)
		h.must(200, "GET", "/api/v1/duty-results?year=2027", anTok, nil)
		h.must(403, "GET", "/api/v1/duty-results", desk, nil)
		h.must(200, "GET", "/api/v1/duty-results/missing", m, nil)
		h.must(403, "GET", "/api/v1/duty-results/missing", desk, nil)
		cr := h.must(201, "POST", "/api/v1/custody-requests", anTok, map[string]any{"received_at": "2027-01-04T07:00:00+07:00", "source": "police",
			"person_status": "detained", "person_age": 17})
		h.must(422, "POST", "/api/v1/custody-requests", anTok, map[string]any{"received_at": "2027-01-04T07:00:00+07:00", "source": "mafia", "person_status": "detained"})
		cpath := "/api/v1/custody-requests/" + itoa(int(id(cr)))
		h.must(200, "GET", cpath, anTok, nil)
		h.must(404, "GET", "/api/v1/custody-requests/9999", m, nil)
		h.must(200, "PATCH", cpath, anTok, map[string]any{"sent_officer_id": binh})
		h.must(412, "PATCH", cpath, m, map[string]any{"notes": "Gọi lại"}, "If-Match", `"1"`)
		h.must(200, "GET", "/api/v1/custody-requests?late=true", m, nil)
		h.must(403, "GET", "/api/v1/custody-requests", desk, nil)
		k := h.must(201, "POST", "/api/v1/cases", anTok, map[string]any{"form": "advice", "field": "land", "beneficiary_group": "elderly", "origin": "office"})
		h.must(422, "POST", "/api/v1/cases", anTok, map[string]any{"form": "trial", "field": "land", "beneficiary_group": "elderly", "origin": "office"})
		kpath := "/api/v1/cases/" + itoa(int(id(k)))
		h.must(200, "GET", kpath, anTok, nil)
		h.must(404, "GET", "/api/v1/cases/9999", m, nil)
		h.must(200, "PATCH", kpath, anTok, map[string]any{"stage": "handling"})
		h.must(412, "PATCH", kpath, m, map[string]any{"outcome": "completed"}, "If-Match", `"1"`)
		h.must(200, "GET", "/api/v1/cases?q=2027&handled_in=2027", m, nil)
		h.must(403, "GET", "/api/v1/cases", desk, nil)
		h.must(200, "GET", "/api/v1/reports/year?year=2027", m, nil)
		h.must(200, "GET", "/api/v1/reports/year?year=2027&figure=cases.new.advice", m, nil)
		h.must(403, "GET", "/api/v1/reports/year", anTok, nil)

		var unseen []string
		for path, item := range loadSpec(t).Paths.Map() {
			for method, op := range item.Operations() {
				if method == http.MethodHead {
					continue // kin-openapi does not check HEAD answers
				}
				classes := []string{"2xx"}
				for code := range op.Responses.Map() {
					if strings.HasPrefix(code, "4") {
						classes = append(classes, "4xx") // a client error is described: check one
						break
					}
				}
				for _, class := range classes {
					if k := method + " " + path + " " + class; !openapiSeen.m[h][k] {
						unseen = append(unseen, k)
					}
				}
			}
		}
		sort.Strings(unseen)
		if len(unseen) > 0 {
			t.Errorf("operations without a checked answer of that class (add a call to TestOpenAPIEveryEndpoint):\n  %s", strings.Join(unseen, "\n  "))
		}
	})
}

func withStore(m *metrics.Metrics, st *store.Store) *metrics.Metrics {
	m.WatchStore(st, time.Now)
	return m
}
