package api

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"lichtruc/roster"
)

// otSession posts an outreach session and returns the answer.
func (h *harness) otSession(want int, body map[string]any) map[string]any {
	h.t.Helper()
	return h.must(want, "POST", "/api/v1/outreach-sessions", h.manager, body)
}

// otBody is a session body in the contract's shape.
func otBody(title, partner, start, end string, officers ...int64) map[string]any {
	if officers == nil {
		officers = []int64{}
	}
	return map[string]any{"title": title, "venue": "Nhà văn hóa thôn 3", "partner": partner, "start": start, "end": end, "officer_ids": officers}
}

// otCSV checks a CSV answer (BOM, type, attachment) and parses it.
func otCSV(t *testing.T, r response, filename string, comma ...rune) [][]string {
	t.Helper()
	if r.Code != 200 {
		t.Fatalf("CSV: status %d\n%s", r.Code, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="`+filename+`"` {
		t.Fatalf("Content-Disposition %q, want filename %s", cd, filename)
	}
	body, ok := bytes.CutPrefix(r.Body, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatalf("CSV without a UTF-8 byte order mark: %q", r.Body[:min(len(r.Body), 20)])
	}
	if !bytes.Contains(body, []byte("\r\n")) {
		t.Fatal("CSV lines must end in CRLF for Excel")
	}
	rd := csv.NewReader(bytes.NewReader(body))
	if len(comma) > 0 {
		rd.Comma = comma[0]
	}
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, body)
	}
	return rows
}

func otIDs(v any) []int64 {
	var out []int64
	for _, x := range v.([]any) {
		out = append(out, int64(x.(float64)))
	}
	return out
}

func TestOutreachPartnersAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		officerTok := h.user("an", "officer", an)
		receptionTok := h.user("letan", "reception", 0)
		p := h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Người khuyết tật thành phố",
			"kind": "disability_association", "contact_name": "Bà Nguyễn Thị Hoa", "contact_phone": "0225 3842 222", "contact_email": "hoi.nkt@haiphong.vn"})
		if p["kind_label"] != "Hội Người khuyết tật" || p["active"] != true || p["version"] != float64(1) || p["contact_phone"] != "0225 3842 222" {
			t.Fatalf("partner: %v", p)
		}
		// The kind is guessed from the name when not given.
		guessed := h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Phòng Tư pháp huyện Thủy Nguyên"})
		if guessed["kind"] != "justice_division" {
			t.Fatalf("guessed kind: %v", guessed["kind"])
		}
		for _, tok := range []string{officerTok, receptionTok} {
			if l := h.must(200, "GET", "/api/v1/partners", tok, nil)["partners"].([]any); len(l) != 2 {
				t.Fatalf("list: %v", l)
			}
			h.must(200, "GET", fmt.Sprintf("/api/v1/partners/%d", id(p)), tok, nil)
			h.problem(h.do("POST", "/api/v1/partners", tok, map[string]any{"name": "X", "kind": "other"}), 403, "")
			h.problem(h.do("PATCH", fmt.Sprintf("/api/v1/partners/%d", id(p)), tok, map[string]any{"notes": "x"}), 403, "")
			h.problem(h.do("DELETE", fmt.Sprintf("/api/v1/partners/%d", id(p)), tok, nil), 403, "")
		}
		bad := []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"kind": "other"}, "name"},
			{map[string]any{"name": "X", "kind": "club"}, "kind"},
			{map[string]any{"name": "X", "contact_email": "not-mail"}, "contact_email"},
			{map[string]any{"name": "X", "contact_phone": "call me"}, "contact_phone"},
		}
		for _, b := range bad {
			h.problem(h.do("POST", "/api/v1/partners", h.manager, b.body), 422, b.field)
		}
		h.problem(h.do("POST", "/api/v1/partners", h.manager, `{"name":"X","colour":"red"}`), 400, "colour")
		h.problem(h.do("POST", "/api/v1/partners", h.manager, map[string]any{"name": "hội người khuyết tật  THÀNH PHỐ"}), 409, "name")
		h.problem(h.do("GET", "/api/v1/partners/999", h.manager, nil), 404, "")
		if l := h.must(200, "GET", "/api/v1/partners?kind=justice_division", h.manager, nil)["partners"].([]any); len(l) != 1 {
			t.Fatalf("by kind: %v", l)
		}
		if l := h.must(200, "GET", "/api/v1/partners?q=khuy%E1%BA%BFt", h.manager, nil)["partners"].([]any); len(l) != 1 {
			t.Fatalf("by name: %v", l)
		}
		h.problem(h.do("GET", "/api/v1/partners?kind=club", h.manager, nil), 422, "kind")
		path := fmt.Sprintf("/api/v1/partners/%d", id(p))
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"active": false}, "If-Match", `"7"`), 412, "")
		upd := h.must(200, "PATCH", path, h.manager, map[string]any{"active": false}, "If-Match", `"1"`)
		if upd["active"] != false || upd["version"] != float64(2) || upd["name"] != "Hội Người khuyết tật thành phố" {
			t.Fatalf("patch: %v", upd)
		}
		if l := h.must(200, "GET", "/api/v1/partners?active=true", h.manager, nil)["partners"].([]any); len(l) != 1 {
			t.Fatalf("active: %v", l)
		}
		// A partner a session names cannot be deleted; an unused one can.
		h.otSession(201, otBody("TGPL cho người khuyết tật", strconv.FormatInt(id(p), 10), "2027-02-02T08:00:00+07:00", "2027-02-02T11:00:00+07:00", an))
		h.problem(h.do("DELETE", path, h.manager, nil), 409, "")
		if r := h.do("DELETE", fmt.Sprintf("/api/v1/partners/%d", id(guessed)), h.manager, nil); r.Code != 204 {
			t.Fatalf("delete: %d %s", r.Code, r.Body)
		}
	})
}

func TestOutreachSessionsAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an, binh := h.officer("Nguyễn Văn An", "land"), h.officer("Trần Thị Bình", "civil")
		officerTok := h.user("an", "officer", an)
		receptionTok := h.user("letan", "reception", 0)
		// The contract's body: a partner named, not yet known, is created.
		r := h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("Trợ giúp pháp lý lưu động cho hội viên nông dân", "Hội Nông dân huyện An Lão",
			"2027-02-03T08:00:00+07:00", "2027-02-03T11:30:00+07:00", an, binh))
		if r.Code != 201 {
			t.Fatalf("create: %d %s", r.Code, r.Body)
		}
		s := r.json(t)
		if _, ok := s["id"]; !ok || r.Header.Get("Location") != fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s)) || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("created: %v %v", s, r.Header)
		}
		if s["site"] != "LUU-DONG" || s["partner"] != "Hội Nông dân huyện An Lão" || s["status"] != "scheduled" || s["attendees"] != nil ||
			s["consultations"] != nil || s["start"] != "2027-02-03T08:00:00+07:00" || !slices.Equal(otIDs(s["officer_ids"]), []int64{an, binh}) {
			t.Fatalf("session: %v", s)
		}
		partners := s["partners"].([]any)
		if len(partners) != 1 || partners[0].(map[string]any)["kind"] != "farmers_association" {
			t.Fatalf("partners: %v", partners)
		}
		if officers := s["officers"].([]any); len(officers) != 2 || officers[0].(map[string]any)["full_name"] != "Nguyễn Văn An" {
			t.Fatalf("officers: %v", officers)
		}
		site := h.must(200, "GET", "/api/v1/sites/LUU-DONG", h.manager, nil)
		if site["kind"] != "outreach" || site["name"] != "Trợ giúp pháp lý lưu động" || len(site["slots"].([]any)) != 0 {
			t.Fatalf("outreach site: %v", site)
		}
		// Its duties are ordinary assignments with session_id.
		as := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments?officer_id=%d&from=2027-02-01&to=2027-02-28", an), officerTok, nil)["assignments"].([]any)
		if len(as) != 1 {
			t.Fatalf("an's duties: %v", as)
		}
		duty := as[0].(map[string]any)
		if duty["site"] != "LUU-DONG" || duty["session_id"] != float64(id(s)) || duty["start"] != "2027-02-03T08:00:00+07:00" {
			t.Fatalf("duty: %v", duty)
		}
		onDuty := h.must(200, "GET", "/api/v1/duty?site=LUU-DONG&at=2027-02-03T09:00:00%2B07:00", receptionTok, nil)["on_duty"].([]any)
		if len(onDuty) != 2 {
			t.Fatalf("on duty: %v", onDuty)
		}
		// The richer form: partner_ids, an outreach site of one's own, commune and notes.
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "LD-TN", "name": "Lưu động Thủy Nguyên", "kind": "outreach"})
		vet := h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Cựu chiến binh thành phố"})
		s2 := h.otSession(201, map[string]any{"title": "TGPL cho cựu chiến binh", "venue": "Hội trường UBND xã", "commune": "xã Lập Lễ",
			"address": "Thủy Nguyên, Hải Phòng", "site": "LD-TN", "partner_ids": []int64{id(vet), id(partners[0].(map[string]any))},
			"start": "2027-03-10T08:00:00+07:00", "end": "2027-03-10T11:00:00+07:00", "officer_ids": []int64{binh}, "notes": "Mang tờ gấp pháp luật"})
		if s2["site"] != "LD-TN" || s2["partner"] != "Hội Cựu chiến binh thành phố" || len(s2["partner_ids"].([]any)) != 2 || s2["commune"] != "xã Lập Lễ" {
			t.Fatalf("second session: %v", s2)
		}
		// Everyone reads; only managers write.
		for _, tok := range []string{officerTok, receptionTok} {
			h.must(200, "GET", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s)), tok, nil)
			h.must(200, "GET", "/api/v1/outreach-sessions", tok, nil)
			h.problem(h.do("POST", "/api/v1/outreach-sessions", tok, otBody("x", "Hội Nông dân", "2027-04-01T08:00:00+07:00", "2027-04-01T09:00:00+07:00")), 403, "")
			h.problem(h.do("PATCH", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s)), tok, map[string]any{"title": "x"}), 403, "")
			h.problem(h.do("DELETE", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s)), tok, nil), 403, "")
		}
		// Listing: the current year by default; from/to, partner (name or id), officer.
		list := func(q string) []int64 {
			t.Helper()
			var ids []int64
			for _, x := range h.must(200, "GET", "/api/v1/outreach-sessions"+q, h.manager, nil)["outreach_sessions"].([]any) {
				ids = append(ids, id(x.(map[string]any)))
			}
			return ids
		}
		for q, want := range map[string][]int64{
			"":                               {id(s), id(s2)},
			"?from=2027-03-01&to=2027-03-31": {id(s2)},
			"?to=2027-02-03&from=2027-02-03": {id(s)},
			"?partner=H%E1%BB%99i+N%C3%B4ng+d%C3%A2n+huy%E1%BB%87n+An+L%C3%A3o": {id(s), id(s2)},
			fmt.Sprintf("?partner=%d", id(vet)):                                 {id(s2)},
			fmt.Sprintf("?officer_id=%d", an):                                   {id(s)},
			"?from=2026-01-01&to=2026-12-31":                                    nil,
		} {
			if got := list(q); !slices.Equal(got, want) {
				t.Errorf("list %s: %v, want %v", q, got, want)
			}
		}
		h.problem(h.do("GET", "/api/v1/outreach-sessions?partner=Nobody", h.manager, nil), 422, "partner")
		h.problem(h.do("GET", "/api/v1/outreach-sessions?from=2027-03-01&to=2027-02-01", h.manager, nil), 422, "to")
		h.problem(h.do("GET", "/api/v1/outreach-sessions?status=held", h.manager, nil), 422, "status")
		h.problem(h.do("GET", "/api/v1/outreach-sessions/999", h.manager, nil), 404, "")
		h.problem(h.do("GET", "/api/v1/outreach-sessions/abc", h.manager, nil), 404, "")
		// Invalid input names its field.
		bad := []struct {
			body  map[string]any
			field string
		}{
			{otBody("", "Hội Nông dân", "2027-04-01T08:00:00+07:00", "2027-04-01T11:00:00+07:00"), "title"},
			{map[string]any{"title": "x", "partner": "Hội Nông dân", "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "venue"},
			{otBody("x", "", "2027-04-01T08:00:00+07:00", "2027-04-01T11:00:00+07:00"), "partner"},
			{map[string]any{"title": "x", "venue": "y", "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "partner"},
			{otBody("x", "Hội Nông dân", "2027-04-01 08:00", "2027-04-01T11:00:00+07:00"), "start"},
			{otBody("x", "Hội Nông dân", "2027-04-01T11:00:00+07:00", "2027-04-01T08:00:00+07:00"), "end"},
			{otBody("x", "Hội Nông dân", "2027-04-01T08:00:00+07:00", "2027-04-09T08:00:00+07:00"), "end"},
			{otBody("x", "Hội Nông dân", "2027-04-01T08:00:00+07:00", "2027-04-01T11:00:00+07:00", an, an), "officer_ids[1]"},
			{otBody("x", "Hội Nông dân", "2027-04-01T08:00:00+07:00", "2027-04-01T11:00:00+07:00", an, 999), "officer_ids[1]"},
			{otBody("x", "999", "2027-04-01T08:00:00+07:00", "2027-04-01T11:00:00+07:00"), "partner"},
			{map[string]any{"title": "x", "venue": "y", "partner_ids": []int64{id(vet), 999}, "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "partner_ids[1]"},
			{map[string]any{"title": "x", "venue": "y", "partner": id(vet), "partner_ids": []int64{id(vet)}, "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "partner_ids[0]"},
			{map[string]any{"title": "x", "venue": "y", "partner": []string{"a"}, "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "partner"},
			{map[string]any{"title": "x", "venue": "y", "partner": "Hội Nông dân", "site": "NOPE", "start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}, "site"},
		}
		for _, b := range bad {
			h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, b.body), 422, b.field)
		}
		h.courtSite()
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, map[string]any{"title": "x", "venue": "y", "partner": "Hội Nông dân", "site": "TAND-HP",
			"start": "2027-04-01T08:00:00+07:00", "end": "2027-04-01T11:00:00+07:00"}), 422, "site")
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, `{"title":"x","venue":"y","partner":"Hội Nông dân","officer_ids":"1"}`), 400, "officer_ids")
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, `{"title":"x","astrologer":"y"}`), 400, "astrologer")
	})
}

func TestOutreachClashes(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Phạm Minh Châu")
		// an holds the court on the morning of 3 February; binh is on leave on the 4th.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": "Sáng", "officer_id": an,
			"start": "2027-02-03T07:30:00+07:00", "end": "2027-02-03T11:30:00+07:00"})
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", binh), h.manager, map[string]any{"from": "2027-02-04", "to": "2027-02-04", "reason": "ốm"})

		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("Đợt 1", "Hội Nông dân", "2027-02-03T09:00:00+07:00", "2027-02-03T12:00:00+07:00", chau, an)), 409, "officer_ids[1]")
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("Đợt 1", "Hội Nông dân", "2027-02-04T08:00:00+07:00", "2027-02-04T11:00:00+07:00", binh)), 409, "officer_ids[0]")
		// A failed session leaves nothing behind.
		if l := h.must(200, "GET", "/api/v1/outreach-sessions?status=all", h.manager, nil)["outreach_sessions"].([]any); len(l) != 0 {
			t.Fatalf("sessions after clashes: %v", l)
		}
		if l := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments?officer_id=%d&from=2027-02-01&to=2027-02-28", chau), h.manager, nil)["assignments"].([]any); len(l) != 0 {
			t.Fatalf("chau's duties after a failed session: %v", l)
		}
		// Two sessions sharing an officer at the same time: the second is 409.
		s1 := h.otSession(201, otBody("Đợt 1", "Hội Nông dân", "2027-02-05T08:00:00+07:00", "2027-02-05T11:00:00+07:00", chau, an))
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("Đợt 2", "Hội Phụ nữ", "2027-02-05T10:30:00+07:00", "2027-02-05T12:00:00+07:00", binh, chau)), 409, "officer_ids[1]")
		s2 := h.otSession(201, otBody("Đợt 2", "Hội Phụ nữ", "2027-02-05T11:00:00+07:00", "2027-02-05T12:00:00+07:00", binh, chau)) // back to back
		// The session's duty clashes with a court duty asked for later.
		h.problem(h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": chau,
			"start": "2027-02-05T07:30:00+07:00", "end": "2027-02-05T08:30:00+07:00"}), 409, "officer_id")
		// Moving session 2 onto session 1 is 409 and moves nothing.
		p2 := fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s2))
		h.problem(h.do("PATCH", p2, h.manager, map[string]any{"start": "2027-02-05T10:00:00+07:00"}), 409, "")
		if got := h.must(200, "GET", p2, h.manager, nil); got["start"] != "2027-02-05T11:00:00+07:00" || got["version"] != float64(1) {
			t.Fatalf("after a failed move: %v", got)
		}
		// Moving session 2 into binh's leave is 409 too.
		h.problem(h.do("PATCH", p2, h.manager, map[string]any{"start": "2027-02-04T08:00:00+07:00", "end": "2027-02-04T09:00:00+07:00"}), 409, "officer_ids[0]")
		// Adding an officer who is busy elsewhere is 409 naming the officer; the others stay.
		h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "officer_id": an,
			"start": "2027-02-05T11:30:00+07:00", "end": "2027-02-05T12:30:00+07:00"})
		h.problem(h.do("PATCH", p2, h.manager, map[string]any{"officer_ids": []int64{binh, chau, an}}), 409, "officer_ids[2]")
		if got := h.must(200, "GET", p2, h.manager, nil); !slices.Equal(otIDs(got["officer_ids"]), []int64{binh, chau}) {
			t.Fatalf("officers after a failed change: %v", got["officer_ids"])
		}
		// Session 1 is untouched by all of this.
		if got := h.must(200, "GET", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s1)), h.manager, nil); got["version"] != float64(1) || len(got["officers"].([]any)) != 2 {
			t.Fatalf("session 1: %v", got)
		}
	})
}

func TestOutreachResultsAPI(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an := h.officer("Nguyễn Văn An")
		s := h.otSession(201, otBody("TGPL cho người khuyết tật", "Hội Người khuyết tật", "2027-01-20T08:00:00+07:00", "2027-01-20T11:00:00+07:00", an))
		path := fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s))
		results := map[string]any{"attendees": 65, "consultations": map[string]any{"land": 5, "civil": 3, "social_insurance": 1}}
		// Not started yet: 422.
		h.problem(h.do("PATCH", path, h.manager, results), 422, "attendees")
		h.now = time.Date(2027, 1, 20, 11, 15, 0, 0, testLoc)
		bad := []struct {
			body  string
			field string
		}{
			{`{"attendees": 65, "consultations": {"astrology": 2}}`, "consultations.astrology"},
			{`{"attendees": -1}`, "attendees"},
			{`{"attendees": 10001}`, "attendees"},
			{`{"attendees": 1.5}`, "attendees"},
			{`{"attendees": "65"}`, "attendees"},
			{`{"attendees": 99999999999999999999}`, "attendees"},
			{`{"requests": -2}`, "requests"},
			{`{"consultations": {"land": 5001}}`, "consultations.land"},
			{`{"consultations": {"land": -1}}`, "consultations.land"},
			{`{"consultations": {"land": 2.5}}`, "consultations.land"},
			{`{"consultations": {"land": null}}`, "consultations.land"},
			{`{"consultations": {"labour": true}}`, "consultations.labour"},
			{`{}`, "body"},
		}
		for _, b := range bad {
			h.problem(h.do("PATCH", path, h.manager, b.body), 422, b.field)
		}
		h.problem(h.do("PATCH", path, h.manager, `{"consultations": [1,2]}`), 400, "consultations")
		got := h.must(200, "PATCH", path, h.manager, results)
		cons := got["consultations"].(map[string]any)
		if got["attendees"] != float64(65) || got["total_consultations"] != float64(9) || cons["land"] != float64(5) || cons["labour"] != float64(0) ||
			len(cons) != len(roster.ConsultationFields) || got["results_recorded_by"] != "admin" || got["version"] != float64(2) {
			t.Fatalf("results: %v", got)
		}
		// requests and notes; consultations replace what was recorded, attendees stay.
		got = h.must(200, "PATCH", path, h.manager, map[string]any{"requests": 2, "notes": "Hai người làm đơn yêu cầu TGPL", "consultations": map[string]any{"land": 6}},
			"If-Match", `"2"`)
		if got["attendees"] != float64(65) || got["requests"] != float64(2) || got["total_consultations"] != float64(6) || got["notes"] != "Hai người làm đơn yêu cầu TGPL" {
			t.Fatalf("second results: %v", got)
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"attendees": 70}, "If-Match", `"2"`), 412, "")
		// A session with results cannot move into the future.
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"start": "2027-02-20T08:00:00+07:00", "end": "2027-02-20T11:00:00+07:00"}), 422, "start")
		// Results of a cancelled session: 409.
		h.must(200, "DELETE", path, h.manager, nil)
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"attendees": 70}), 409, "")
		// Results can come with a past session when it is recorded afterwards.
		past := otBody("Đợt tháng 12", "Hội Nông dân", "2026-12-15T08:00:00+07:00", "2026-12-15T11:00:00+07:00", an)
		past["attendees"], past["requests"], past["consultations"] = 40, 1, map[string]any{"labour": 2, "land": 0}
		p := h.otSession(201, past)
		if p["attendees"] != float64(40) || p["total_consultations"] != float64(2) || p["requests"] != float64(1) {
			t.Fatalf("past session: %v", p)
		}
		future := otBody("Đợt tháng 3", "Hội Nông dân", "2027-03-15T08:00:00+07:00", "2027-03-15T11:00:00+07:00")
		future["attendees"] = 10
		h.problem(h.do("POST", "/api/v1/outreach-sessions", h.manager, future), 422, "start")
	})
}

func TestOutreachMoveAndCancel(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		an, binh, chau := h.officer("Nguyễn Văn An"), h.officer("Trần Thị Bình"), h.officer("Phạm Minh Châu")
		s := h.otSession(201, otBody("TGPL cho phụ nữ", "Hội Liên hiệp Phụ nữ quận Lê Chân", "2027-03-08T08:00:00+07:00", "2027-03-08T11:00:00+07:00", an, binh))
		path := fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s))
		duties := func(officer int64, status string) []map[string]any {
			t.Helper()
			var out []map[string]any
			for _, x := range h.must(200, "GET", fmt.Sprintf("/api/v1/assignments?officer_id=%d&from=2027-03-01&to=2027-03-31&status=%s", officer, status), h.manager, nil)["assignments"].([]any) {
				out = append(out, x.(map[string]any))
			}
			return out
		}
		// Move: both duties move, their versions bumped.
		moved := h.must(200, "PATCH", path, h.manager, map[string]any{"start": "2027-03-09T13:30:00+07:00", "end": "2027-03-09T16:30:00+07:00",
			"title": "TGPL cho hội viên phụ nữ", "venue": "Hội trường phường"}, "If-Match", `"1"`)
		if moved["start"] != "2027-03-09T13:30:00+07:00" || moved["title"] != "TGPL cho hội viên phụ nữ" || moved["version"] != float64(2) {
			t.Fatalf("moved: %v", moved)
		}
		for _, o := range []int64{an, binh} {
			d := duties(o, "scheduled")
			if len(d) != 1 || d[0]["start"] != "2027-03-09T13:30:00+07:00" || d[0]["end"] != "2027-03-09T16:30:00+07:00" || d[0]["version"] != float64(2) {
				t.Fatalf("officer %d duties after the move: %v", o, d)
			}
		}
		// Officers: binh out (duty cancelled), chau in.
		changed := h.must(200, "PATCH", path, h.manager, map[string]any{"officer_ids": []int64{an, chau}})
		if !slices.Equal(otIDs(changed["officer_ids"]), []int64{an, chau}) || len(changed["duties"].([]any)) != 3 {
			t.Fatalf("officers changed: %v", changed)
		}
		if d := duties(binh, "all"); len(d) != 1 || d[0]["status"] != "cancelled" {
			t.Fatalf("binh's duty: %v", d)
		}
		if d := duties(chau, "scheduled"); len(d) != 1 || d[0]["start"] != "2027-03-09T13:30:00+07:00" || d[0]["session_id"] != float64(id(s)) {
			t.Fatalf("chau's duty: %v", d)
		}
		// Partners replaced by a name and an id.
		vet := h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": "Hội Cựu chiến binh quận Lê Chân"})
		changed = h.must(200, "PATCH", path, h.manager, map[string]any{"partner": "UBND phường Cát Dài", "partner_ids": []int64{id(vet)}})
		if changed["partner"] != "UBND phường Cát Dài" || !slices.Equal(otIDs(changed["partner_ids"])[1:], []int64{id(vet)}) {
			t.Fatalf("partners: %v", changed)
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"site": "LD-KHAC"}), 422, "site")
		// Cancel: the session stays, its duties are cancelled; again is harmless.
		r := h.do("DELETE", path, h.manager, nil)
		if r.Code != 200 {
			t.Fatalf("cancel: %d %s", r.Code, r.Body)
		}
		c := r.json(t)
		if c["status"] != "cancelled" || len(c["officer_ids"].([]any)) != 0 {
			t.Fatalf("cancelled: %v", c)
		}
		for _, d := range c["duties"].([]any) {
			if d.(map[string]any)["status"] != "cancelled" {
				t.Fatalf("duty of a cancelled session: %v", d)
			}
		}
		for _, o := range []int64{an, chau} {
			if d := duties(o, "scheduled"); len(d) != 0 {
				t.Fatalf("officer %d still on duty: %v", o, d)
			}
		}
		if again := h.must(200, "DELETE", path, h.manager, nil); again["version"] != c["version"] {
			t.Fatalf("cancel twice: %v", again)
		}
		h.problem(h.do("PATCH", path, h.manager, map[string]any{"title": "x"}), 409, "")
		h.must(200, "GET", path, h.manager, nil)
		if l := h.must(200, "GET", "/api/v1/outreach-sessions?status=cancelled", h.manager, nil)["outreach_sessions"].([]any); len(l) != 1 {
			t.Fatalf("cancelled list: %v", l)
		}
		if l := h.must(200, "GET", "/api/v1/outreach-sessions", h.manager, nil)["outreach_sessions"].([]any); len(l) != 0 {
			t.Fatalf("scheduled list: %v", l)
		}
		h.problem(h.do("DELETE", "/api/v1/outreach-sessions/999", h.manager, nil), 404, "")
	})
}

// TestOutreachSeedYear builds a year like the Center's 2022: 38 sessions
// with the partners the summary names, more than 2,000 attendees, 268
// cases in civil, land, criminal, administrative, social insurance and
// labour matters, and checks the year's report, its CSV and its summary.
func TestOutreachSeedYear(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		officers := []int64{h.officer("Nguyễn Văn An", "land"), h.officer("Trần Thị Bình", "civil"), h.officer("Phạm Minh Châu", "criminal"),
			h.officer("Lê Thu Dung", "labour", "social_insurance")}
		var associations []int64
		for _, p := range []struct{ name, kind string }{
			{"Hội Người khuyết tật", "disability_association"},
			{"Hội Nạn nhân chất độc da cam", "agent_orange_association"},
			{"Hội Cựu chiến binh", "veterans_association"},
			{"Hội Nông dân", "farmers_association"},
			{"Hội Liên hiệp Phụ nữ thành phố", "womens_union"},
		} {
			associations = append(associations, id(h.must(201, "POST", "/api/v1/partners", h.manager, map[string]any{"name": p.name, "kind": p.kind})))
		}
		// Justice divisions and commune committees are named in the sessions; their kinds are read from the names.
		locals := []string{"Phòng Tư pháp huyện Thủy Nguyên", "UBND xã An Lư", "Phòng Tư pháp huyện An Lão", "UBND xã Lập Lễ",
			"Phòng Tư pháp huyện Tiên Lãng", "UBND phường Cát Bi", "Phòng Tư pháp quận Lê Chân", "UBND thị trấn Núi Đối"}
		fieldTotals := map[string]int{"civil": 71, "land": 92, "criminal": 38, "administrative": 27, "social_insurance": 22, "labour": 18}
		const n = 38
		attendees := make([]int, n)
		sum := 0
		for i := range n - 1 {
			attendees[i] = 35 + (i*17)%40
			sum += attendees[i]
		}
		attendees[n-1] = 2050 - sum
		if attendees[n-1] < 0 || attendees[n-1] > roster.MaxAttendees {
			t.Fatalf("bad fixture: last session has %d attendees", attendees[n-1])
		}
		wantMonth := make([]int, 12)
		for i := range n {
			month := 1 + i*12/n
			day := 3 + (i%4)*7
			start := time.Date(2022, time.Month(month), day, 8, 0, 0, 0, testLoc)
			cases := map[string]any{}
			for f, total := range fieldTotals {
				c := total / n
				if i < total%n {
					c++
				}
				if c > 0 {
					cases[f] = c
				}
			}
			body := map[string]any{"title": fmt.Sprintf("Đợt %d: trợ giúp pháp lý lưu động", i+1), "venue": "Nhà văn hóa", "commune": locals[i%len(locals)],
				"partner_ids": []int64{associations[i%len(associations)]}, "partner": locals[i%len(locals)],
				"start": start.Format(time.RFC3339), "end": start.Add(210 * time.Minute).Format(time.RFC3339),
				"officer_ids": []int64{officers[i%4], officers[(i+1)%4]}}
			results := map[string]any{"attendees": attendees[i], "consultations": cases}
			if i%2 == 0 { // recorded with the session
				body["attendees"], body["consultations"] = results["attendees"], results["consultations"]
				h.otSession(201, body)
			} else { // recorded afterwards, as the contract's PATCH
				s := h.otSession(201, body)
				h.must(200, "PATCH", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(s)), h.manager, results)
			}
			wantMonth[month-1] += attendees[i]
		}
		// Neither a cancelled session of 2022 nor a session of 2023 counts.
		x := h.otSession(201, otBody("Đợt bị hủy", "Hội Nông dân", "2022-12-28T08:00:00+07:00", "2022-12-28T11:00:00+07:00", officers[0]))
		h.must(200, "DELETE", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(x)), h.manager, nil)
		next := otBody("Đợt đầu năm 2023", "Hội Nông dân", "2023-01-01T00:00:00+07:00", "2023-01-01T03:00:00+07:00", officers[0])
		next["attendees"], next["consultations"] = 500, map[string]any{"land": 50}
		h.otSession(201, next)

		r := h.do("GET", "/api/v1/reports/outreach?year=2022", h.manager, nil)
		var rep struct {
			Year          int            `json:"year"`
			Sessions      int            `json:"sessions"`
			Attendees     int            `json:"attendees"`
			Consultations int            `json:"consultations"`
			ByField       map[string]int `json:"by_field"`
			Cancelled     int            `json:"cancelled"`
			Officers      int            `json:"officers"`
			ByMonth       []struct {
				Month     int `json:"month"`
				Sessions  int `json:"sessions"`
				Attendees int `json:"attendees"`
			} `json:"by_month"`
			ByPartner []struct {
				Name     string `json:"name"`
				Kind     string `json:"kind"`
				Sessions int    `json:"sessions"`
			} `json:"by_partner"`
			Summary string `json:"summary"`
		}
		if r.Code != 200 {
			t.Fatalf("report: %d %s", r.Code, r.Body)
		}
		if err := json.Unmarshal(r.Body, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2022 || rep.Sessions != 38 || rep.Attendees != 2050 || rep.Consultations != 268 || rep.Cancelled != 1 || rep.Officers != 4 {
			t.Fatalf("2022: %d sessions, %d attendees, %d cases, %d cancelled, %d officers", rep.Sessions, rep.Attendees, rep.Consultations, rep.Cancelled, rep.Officers)
		}
		for f, want := range fieldTotals {
			if rep.ByField[f] != want {
				t.Errorf("by_field[%s] = %d, want %d", f, rep.ByField[f], want)
			}
		}
		if rep.ByField["marriage_family"] != 0 || rep.ByField["other"] != 0 {
			t.Errorf("by_field: %v", rep.ByField)
		}
		sessions := 0
		for i, m := range rep.ByMonth {
			sessions += m.Sessions
			if m.Month != i+1 || m.Attendees != wantMonth[i] {
				t.Errorf("month %d: %+v, want %d attendees", i+1, m, wantMonth[i])
			}
		}
		if sessions != 38 {
			t.Errorf("by_month adds up to %d sessions", sessions)
		}
		kinds := map[string]int{}
		for _, p := range rep.ByPartner {
			kinds[p.Kind] += p.Sessions
		}
		if kinds["justice_division"] != 19 || kinds["commune_committee"] != 19 || kinds["farmers_association"] != 7 || kinds["disability_association"] != 8 || len(rep.ByPartner) != 13 {
			t.Errorf("by_partner kinds %v (%d partners)", kinds, len(rep.ByPartner))
		}
		want := "Năm 2022, Trung tâm đã phối hợp với Hội Người khuyết tật, Hội Nạn nhân chất độc da cam, Hội Cựu chiến binh, Hội Nông dân," +
			" Hội Liên hiệp Phụ nữ thành phố, Phòng Tư pháp các quận, huyện và các xã, phường, thị trấn tổ chức được 38 đợt trợ giúp pháp lý" +
			" ngoài trụ sở, thu hút 2.050 lượt người tham dự; tiếp nhận và tư vấn 268 vụ việc về dân sự, đất đai, hình sự, hành chính," +
			" bảo hiểm xã hội và lao động."
		if rep.Summary != want {
			t.Errorf("summary\n got %q\nwant %q", rep.Summary, want)
		}
		t.Logf("2022: %d sessions, %d attendees, %d cases %v\n%s", rep.Sessions, rep.Attendees, rep.Consultations, rep.ByField, rep.Summary)

		rows := otCSV(t, h.do("GET", "/api/v1/reports/outreach?year=2022&format=csv", h.manager, nil), "tgpl-ngoai-tru-so-2022.csv")
		if len(rows) != 14 {
			t.Fatalf("%d CSV rows", len(rows))
		}
		if got := strings.Join(rows[13], ","); got != "Cả năm 2022,38,2050,268,71,92,38,27,22,18,0,0,0" {
			t.Errorf("CSV total %q", got)
		}
		colSums := make([]int, len(rows[0]))
		for _, row := range rows[1:13] {
			for j := 1; j < len(row); j++ {
				v, err := strconv.Atoi(row[j])
				if err != nil {
					t.Fatalf("cell %q: %v", row[j], err)
				}
				colSums[j] += v
			}
		}
		for j := 1; j < len(rows[0]); j++ {
			if strconv.Itoa(colSums[j]) != rows[13][j] {
				t.Errorf("column %s: months add up to %d, total says %s", rows[0][j], colSums[j], rows[13][j])
			}
		}
		// The duty side: 76 outreach duties of 3.5 hours.
		d := h.must(200, "GET", "/api/v1/reports/duties?year=2022", h.manager, nil)
		if d["scheduled"] != float64(76) || d["outreach"] != float64(76) || d["hours"] != float64(266) || d["cancelled"] != float64(1) {
			t.Errorf("duties of 2022: %v", d)
		}
	})
}
