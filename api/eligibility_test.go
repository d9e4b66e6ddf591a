package api

import (
	"fmt"
	"strings"
	"testing"

	"lichtruc/roster"
)

// TestMayHoldEveryPath checks that booking, reassigning, swaps and
// outreach staffing all answer with the one rule: the same status and the
// same rule key for the same break, naming the duty or leave broken
// against; the soft monthly limit gives way only to a manager's explicit,
// audited override.
func TestMayHoldEveryPath(t *testing.T) {
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TAND-KV1", "name": "Tòa án khu vực 1", "kind": "court",
			"slots": []map[string]any{{"name": "Hình sự", "start": "07:30", "end": "11:30", "specialty": "criminal"}}})
		limited := int64(h.must(201, "POST", "/api/v1/officers", h.manager, map[string]any{
			"full_name": "Lê Văn Hạn", "kind": "lawyer", "specialties": []string{}, "monthly_limit": 1})["id"].(float64))
		free := h.officer("Phạm Thị Rảnh")
		duty := func(officer int64, day, slot, start, end string) map[string]any {
			return map[string]any{"site": "TAND-HP", "slot": slot, "officer_id": officer,
				"start": day + "T" + start + ":00+07:00", "end": day + "T" + end + ":00+07:00"}
		}

		// Booking: the first February duty is fine, the second breaks the
		// monthly limit (409 monthly_limit) unless a manager overrides it.
		first := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(limited, "2027-02-01", "Sáng", "07:30", "11:30"))
		second := duty(limited, "2027-02-02", "Sáng", "07:30", "11:30")
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, second), 409, "officer_id", roster.RuleMonthlyLimit)
		second["override"] = "the court asked for Mr Hạn by name"
		booked := h.must(201, "POST", "/api/v1/assignments", h.manager, second)
		audit := h.must(200, "GET", fmt.Sprintf("/api/v1/audit?entity=assignment&entity_id=%d", id(booked)), h.manager, nil)
		if entries := fmt.Sprint(audit["entries"]); !strings.Contains(entries, "the court asked for Mr Hạn by name") {
			t.Fatalf("the override is not in the audit log: %s", entries)
		}
		third := duty(limited, "2027-02-03", "Sáng", "07:30", "11:30")
		third["override"] = strings.Repeat("x", 501)
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, third), 422, "override", roster.RuleTooLong)
		// An officer may not override: the route is managers' only.
		freeTok := h.user("ranh", "officer", free)
		third["override"] = "I want it"
		h.problemCode(h.do("POST", "/api/v1/assignments", freeTok, third), 403, "", roster.RuleForbidden)

		// A clash names the duty it clashes with.
		r := h.do("POST", "/api/v1/assignments", h.manager, duty(limited, "2027-02-01", "Chiều", "11:00", "12:00"))
		h.problemCode(r, 409, "officer_id", roster.RuleClash)
		if args, _ := r.json(t)["args"].(map[string]any); args["assignment_id"] != float64(id(first)) || args["site"] != "TAND-HP" ||
			args["start"] != "2027-02-01T07:30:00+07:00" || args["end"] != "2027-02-01T11:30:00+07:00" {
			t.Fatalf("clash args: %s", r.Body)
		}
		// Another slot the same day at the same site.
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, duty(limited, "2027-02-01", "Chiều", "13:30", "17:00")), 409, "officer_id", roster.RuleSameDay)
		// A missing specialty is 422.
		h.problemCode(h.do("POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-KV1", "slot": "Hình sự", "officer_id": free,
			"start": "2027-02-04T07:30:00+07:00", "end": "2027-02-04T11:30:00+07:00"}), 422, "officer_id", roster.RuleSpecialty)

		// Reassigning: the same rules, the same override.
		other := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(free, "2027-02-05", "Sáng", "07:30", "11:30"))
		path := fmt.Sprintf("/api/v1/assignments/%d", id(other))
		h.problemCode(h.do("PATCH", path, h.manager, map[string]any{"officer_id": limited}), 409, "officer_id", roster.RuleMonthlyLimit)
		moved := h.must(200, "PATCH", path, h.manager, map[string]any{"officer_id": limited, "override": "no one else speaks Hoa"})
		if int64(moved["officer_id"].(float64)) != limited {
			t.Fatalf("reassigned: %v", moved)
		}
		audit = h.must(200, "GET", fmt.Sprintf("/api/v1/audit?entity=assignment&entity_id=%d", id(other)), h.manager, nil)
		if entries := fmt.Sprint(audit["entries"]); !strings.Contains(entries, "no one else speaks Hoa") {
			t.Fatalf("the override is not in the audit log: %s", entries)
		}
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/assignments/%d", id(first)), h.manager,
			map[string]any{"start": "2027-02-02T09:00:00+07:00", "end": "2027-02-02T10:00:00+07:00"}), 409, "officer_id", roster.RuleClash)

		// Leave: 409 leave naming the leave.
		lv := h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", free), h.manager, map[string]any{"from": "2027-02-08", "to": "2027-02-09"})
		r = h.do("POST", "/api/v1/assignments", h.manager, duty(free, "2027-02-09", "Sáng", "07:30", "11:30"))
		h.problemCode(r, 409, "officer_id", roster.RuleLeave)
		leaveID := lv["id"]
		if l, ok := lv["leave"].(map[string]any); ok {
			leaveID = l["id"]
		}
		if args, _ := r.json(t)["args"].(map[string]any); args["leave_id"] != leaveID || args["from"] != "2027-02-08" || args["to"] != "2027-02-09" {
			t.Fatalf("leave args: %s", r.Body)
		}

		// Swaps: taking a duty over the monthly limit is refused (no
		// override on this path), as is a clash.
		march := h.must(201, "POST", "/api/v1/assignments", h.manager, duty(free, "2027-03-01", "Sáng", "07:30", "11:30"))
		h.must(201, "POST", "/api/v1/assignments", h.manager, duty(limited, "2027-03-02", "Sáng", "07:30", "11:30"))
		h.problemCode(h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(march)), freeTok, map[string]any{"to_officer_id": limited}),
			409, "to_officer_id", roster.RuleMonthlyLimit)

		// Outreach staffing: a clash is 409 clash on officer_ids[i].
		r = h.do("POST", "/api/v1/outreach-sessions", h.manager, otBody("TGPL lưu động", "Hội Nông dân huyện An Lão",
			"2027-02-01T08:00:00+07:00", "2027-02-01T11:00:00+07:00", free, limited))
		h.problemCode(r, 409, "officer_ids[1]", roster.RuleClash)
		if args, _ := r.json(t)["args"].(map[string]any); args["assignment_id"] != float64(id(first)) {
			t.Fatalf("outreach clash args: %s", r.Body)
		}
		// Restaffing an outreach session: the same rule.
		ot := h.must(201, "POST", "/api/v1/outreach-sessions", h.manager, otBody("TGPL lưu động", "Hội Nông dân huyện An Lão",
			"2027-02-10T08:00:00+07:00", "2027-02-10T11:00:00+07:00", free))
		court := duty(limited, "2027-02-10", "Sáng", "07:30", "11:30")
		court["override"] = "hearing moved"
		h.must(201, "POST", "/api/v1/assignments", h.manager, court)
		h.problemCode(h.do("PATCH", fmt.Sprintf("/api/v1/outreach-sessions/%d", id(ot)), h.manager, map[string]any{"officer_ids": []int64{free, limited}}),
			409, "officer_ids[1]", roster.RuleClash)
	})
}
