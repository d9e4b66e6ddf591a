package api

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"lichtruc/roster/store"
)

// upload posts data as the multipart field "file".
func (h *harness) upload(path, name string, data []byte) response {
	h.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	f, err := w.CreateFormFile("file", name)
	if err != nil {
		h.t.Fatal(err)
	}
	f.Write(data)
	w.Close()
	raw := body.String()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Authorization", "Bearer "+h.manager)
	req.Header.Set("Content-Type", w.FormDataContentType())
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	if len(raw) < 1<<20 {
		h.checkOpenAPI(req, rec, raw)
	}
	return response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}

// officerCount counts the officers in the database.
func (h *harness) officerCount() int {
	h.t.Helper()
	list, err := h.store.ListOfficers(context.Background(), store.OfficerFilter{})
	if err != nil {
		h.t.Fatal(err)
	}
	return len(list)
}

// officersCSV is an officers' file of n rows with the template's headers;
// bad maps a row number (as Excel numbers it, the header is 1) to a change.
func officersCSV(n int, change map[int]func([]string)) []byte {
	var b strings.Builder
	b.WriteString("\uFEFFHọ và tên,Loại,Thư điện tử,Số điện thoại,Lĩnh vực,Điểm trực\r\n")
	for i := 0; i < n; i++ {
		row := []string{fmt.Sprintf("Nguyễn Thị Ánh %03d", i), "Trợ giúp viên pháp lý", fmt.Sprintf("anh%03d@tgpl.example.vn", i),
			fmt.Sprintf("0913%06d", i), "Hình sự; Đất đai", "TAND-HP"}
		if f := change[i+2]; f != nil {
			f(row)
		}
		b.WriteString(strings.Join(row, ",") + "\r\n")
	}
	return []byte(b.String())
}

// 300 officers with 3 bad rows: exactly those 3 are listed and nothing is
// written; the good file imports them; again, it updates by e-mail or phone.
func TestImportOfficersEndpoint(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		before := h.officerCount()
		bad := map[int]func([]string){
			57:  func(r []string) { r[2] = "not-an-email" },
			150: func(r []string) { r[1] = "thẩm phán" },
			299: func(r []string) { r[5] = "TAND-XX" },
		}
		r := h.upload("/api/v1/imports/officers", "can-bo.csv", officersCSV(300, bad))
		h.problem(r, 422, "rows[57].email")
		var got []string
		for _, x := range r.json(t)["rows"].([]any) {
			x := x.(map[string]any)
			got = append(got, fmt.Sprintf("%v %v %v %v", x["row"], x["column"], x["field"], x["code"]))
			if x["reason"] == "" {
				t.Errorf("no reason: %v", x)
			}
		}
		want := []string{"57 Thư điện tử email format", "150 Loại kind one_of", "299 Điểm trực sites not_found"}
		if !slices.Equal(got, want) {
			t.Fatalf("bad rows %v, want %v", got, want)
		}
		if n := h.officerCount(); n != before {
			t.Fatalf("a refused import wrote %d officers", n-before)
		}

		good := officersCSV(300, nil)
		dry := h.upload("/api/v1/imports/officers?dry_run=true", "can-bo.csv", good)
		if dry.Code != 200 || dry.json(t)["created"] != 300.0 || h.officerCount() != before {
			t.Fatalf("dry run: %d %v, %d officers", dry.Code, string(dry.Body[:min(200, len(dry.Body))]), h.officerCount()-before)
		}
		done := h.upload("/api/v1/imports/officers", "can-bo.csv", good)
		if done.Code != 201 || done.json(t)["created"] != 300.0 || h.officerCount() != before+300 {
			t.Fatalf("import: %d, %d officers", done.Code, h.officerCount()-before)
		}
		first := done.json(t)["rows"].([]any)[0].(map[string]any)
		if first["full_name"] != "Nguyễn Thị Ánh 000" || first["kind"] != "legal_aid_officer" || first["id"] == nil ||
			!slices.Equal(first["specialties"].([]any), []any{"criminal", "land"}) {
			t.Errorf("first officer %v", first)
		}
		if sites, _ := h.store.OfficerSites(context.Background(), int64(first["id"].(float64))); !slices.Equal(sites, []string{"TAND-HP"}) {
			t.Errorf("sites %v", sites)
		}

		// Again: row 10 renamed (matched by e-mail), row 20 without its
		// e-mail (matched by phone, written +84), the rest unchanged.
		again := officersCSV(300, map[int]func([]string){
			10: func(r []string) { r[0] = "Trần Văn Bảo" },
			20: func(r []string) { r[2], r[3], r[0] = "", "+84 913 000 018", "Lê Hữu Phước" },
		})
		re := h.upload("/api/v1/imports/officers", "can-bo.csv", again)
		m := re.json(t)
		if re.Code != 201 || m["created"] != 0.0 || m["updated"] != 2.0 || m["unchanged"] != 298.0 || h.officerCount() != before+300 {
			t.Fatalf("again: %d %v %v %v, %d officers", re.Code, m["created"], m["updated"], m["unchanged"], h.officerCount()-before)
		}
		for _, x := range m["rows"].([]any) {
			x := x.(map[string]any)
			o := x
			switch x["row"] {
			case 10.0:
				if x["action"] != "updated" || o["full_name"] != "Trần Văn Bảo" || o["email"] != "anh008@tgpl.example.vn" {
					t.Errorf("row 10: %v", x)
				}
			case 20.0:
				if x["action"] != "updated" || o["full_name"] != "Lê Hữu Phước" || o["email"] != "anh018@tgpl.example.vn" {
					t.Errorf("row 20: %v", x)
				}
			}
		}

		// Caps: more than 2,000 rows is 422, more than 5 MiB 413; no file 422.
		h.problem(h.upload("/api/v1/imports/officers", "big.csv", officersCSV(2001, nil)), 422, "file")
		h.problem(h.upload("/api/v1/imports/officers", "huge.csv", bytes.Repeat([]byte("x"), 5<<20+1)), 413, "file")
		h.problem(h.do("POST", "/api/v1/imports/officers", h.manager, nil), 422, "file")
		h.problem(h.upload("/api/v1/imports/officers", "x.csv", []byte("\xff\xfe")), 400, "")

		tpl := h.do("GET", "/api/v1/imports/officers/template.xlsx", h.manager, nil)
		if tpl.Code != 200 || tpl.Header.Get("Content-Type") != mediaXLSX {
			t.Fatalf("template %d", tpl.Code)
		}
		if sheets := xlsxRead(t, tpl.Body); len(sheets) != 2 || sheets[0].Cells["A1"] != "Họ và tên*" {
			t.Errorf("template sheets %+v", sheets)
		}
	})
}

// An outreach plan books its officers through the one may-hold rule: a
// clash with another duty, also one of an earlier row, is a bad row, and
// nothing is written.
func TestImportOutreachEndpoint(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": "Phạm Đức Ân", "kind": "lawyer",
			"email": "an@tgpl.example.vn", "phone": "0912111222", "specialties": []string{}})
		h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{"full_name": "Đỗ Thị Huế", "kind": "legal_aid_officer",
			"email": "hue@tgpl.example.vn", "phone": "0912333444", "specialties": []string{}})
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", id(an)), h.manager, map[string]any{"from": "2027-05-10", "to": "2027-05-14", "reason": "phép"})
		plan := func(rows ...string) []byte {
			return []byte("title,venue,partner,date,start,end,officers\r\n" + strings.Join(rows, "\r\n") + "\r\n")
		}
		bad := plan(
			"Đợt 1,Nhà văn hóa xã An Lư,Hội Nông dân,15/03/2027,08:00,11:00,an@tgpl.example.vn",
			"Đợt 2,Trường tiểu học Thủy Đường,Hội Phụ nữ,15/03/2027,10:00,12:00,Phạm Đức Ân; hue@tgpl.example.vn",
			"Đợt 3,UBND phường Lê Chân,Hội Cựu chiến binh,12/05/2027,08:00,11:00,0912111222",
			"Đợt 4,Nhà văn hóa thôn 2,Hội Nông dân,20/05/2027,08:00,11:00,Đỗ Thị Huế",
		)
		r := h.upload("/api/v1/imports/outreach-sessions", "ke-hoach.csv", bad)
		h.problem(r, 422, "")
		var got []string
		for _, x := range r.json(t)["rows"].([]any) {
			x := x.(map[string]any)
			got = append(got, fmt.Sprintf("%v %v %v", x["row"], x["field"], x["code"]))
		}
		if !slices.Equal(got, []string{"3 officers clash", "4 officers leave"}) {
			t.Fatalf("bad rows %v", got)
		}
		if n := len(h.must(200, "GET", "/api/v1/outreach-sessions?from=2027-01-01&to=2027-12-31", h.manager, nil)["outreach_sessions"].([]any)); n != 0 {
			t.Fatalf("a refused plan wrote %d sessions", n)
		}
		good := plan(
			"Đợt 1,Nhà văn hóa xã An Lư,Hội Nông dân,15/03/2027,08:00,11:00,an@tgpl.example.vn",
			"Đợt 4,Nhà văn hóa thôn 2,Hội Nông dân; Hội Phụ nữ,20/05/2027,08:00,11:00,Đỗ Thị Huế; 0912111222",
		)
		if dry := h.upload("/api/v1/imports/outreach-sessions?dry_run=true", "ke-hoach.csv", good); dry.Code != 200 || dry.json(t)["created"] != 2.0 {
			t.Fatalf("dry run %d %s", dry.Code, dry.Body)
		}
		done := h.upload("/api/v1/imports/outreach-sessions", "ke-hoach.csv", good)
		if done.Code != 201 || done.json(t)["created"] != 2.0 {
			t.Fatalf("import %d %s", done.Code, done.Body)
		}
		duties := dutiesOf(h, "/api/v1/assignments?from=2027-03-01&to=2027-05-31")
		if len(duties) != 3 {
			t.Fatalf("%d duties, want 3", len(duties))
		}
		second := done.json(t)["sessions"].([]any)[1].(map[string]any)
		if second["title"] != "Đợt 4" || len(second["partners"].([]any)) != 2 || len(second["officer_ids"].([]any)) != 2 || second["id"] == nil {
			t.Errorf("second session %v", second)
		}
		if tpl := h.do("GET", "/api/v1/imports/outreach-sessions/template.xlsx", h.manager, nil); tpl.Code != 200 ||
			!strings.Contains(tpl.Header.Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Fatalf("template %d %v", tpl.Code, tpl.Header)
		}
	})
}
