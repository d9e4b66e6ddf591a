package api

import (
	"testing"

	"lichtruc/roster"
)

func TestSettingsEndpoints(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		officer := h.user("an", roster.RoleOfficer, h.officer("An"))
		h.problem(h.do("GET", "/api/v1/settings", officer, nil), 403, "")
		h.problem(h.do("PUT", "/api/v1/settings", officer, map[string]any{}), 403, "")

		r := h.do("GET", "/api/v1/settings", h.manager, nil)
		if r.Code != 200 || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("GET: %d %v %s", r.Code, r.Header, r.Body)
		}
		doc := r.json(t)["document"].(map[string]any)
		if doc["place"] != "Hải Phòng" || doc["number_suffix"] != "LT-TTTGPL" || doc["authority"] != "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG" {
			t.Fatalf("defaults %v", doc)
		}

		// A part of a group: the rest keeps its value.
		m := h.must(200, "PUT", "/api/v1/settings", h.manager,
			map[string]any{"document": map[string]any{"signer_name": "Trần Văn Bình"}}, "If-Match", `"1"`)
		doc = m["document"].(map[string]any)
		if m["version"] != 2.0 || doc["signer_name"] != "Trần Văn Bình" || doc["place"] != "Hải Phòng" {
			t.Fatalf("PUT: %v", m)
		}
		// Stale If-Match, or a stale version in the body: 412.
		h.problem(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"document": map[string]any{"place": "X"}}, "If-Match", `"1"`), 412, "")
		h.problem(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"version": 1, "document": map[string]any{"place": "X"}}), 412, "")
		// Invalid: 422 naming the field; unknown fields: 400.
		h.problem(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"version": 2, "document": map[string]any{"signer_title": []string{}}}),
			422, "document.signer_title")
		h.problem(h.do("PUT", "/api/v1/settings", h.manager, map[string]any{"document": map[string]any{"colour": "red"}}), 400, "")
		m = h.must(200, "GET", "/api/v1/settings", h.manager, nil)
		if m["version"] != 2.0 || m["document"].(map[string]any)["place"] != "Hải Phòng" {
			t.Fatalf("after refusals %v", m)
		}
		audit := h.must(200, "GET", "/api/v1/audit?entity=settings", h.manager, nil)
		if n := len(audit["entries"].([]any)); n != 1 {
			t.Fatalf("audit: %v", audit)
		}
	})
}
