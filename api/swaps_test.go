package api

import (
	"fmt"
	"testing"

	"lichtruc/roster"
)

func TestSwaps(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.courtSite()
		an, binh, chau := h.officer("An"), h.officer("Bình"), h.officer("Châu")
		anTok, binhTok, chauTok := h.user("an", "officer", an), h.user("binh", "officer", binh), h.user("chau", "officer", chau)
		book := func(who int64, day int, slot, start, end string) map[string]any {
			return h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-HP", "slot": slot, "officer_id": who,
				"start": fmt.Sprintf("2027-01-%02dT%s:00+07:00", day, start), "end": fmt.Sprintf("2027-01-%02dT%s:00+07:00", day, end)})
		}
		a1 := book(an, 5, "Sáng", "07:30", "11:30")
		b1 := book(binh, 6, "Chiều", "13:30", "17:00")
		swapPath := fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a1))

		// Only the holder (or a manager) asks; the colleague must be someone else.
		h.problem(h.do("POST", swapPath, binhTok, map[string]any{"to_officer_id": chau}), 403, "")
		h.problem(h.do("POST", swapPath, anTok, map[string]any{}), 422, "to_officer_id")
		h.problem(h.do("POST", swapPath, anTok, map[string]any{"to_officer_id": an}), 422, "to_officer_id")

		// Take: An asks Bình, Bình declines; An asks Châu, Châu accepts.
		r := h.must(201, "POST", swapPath, anTok, map[string]any{"to_officer_id": binh, "message": "Nhờ chị trực giúp"})
		if r["status"] != "pending" || r["kind"] != "take" {
			t.Fatalf("swap: %v", r)
		}
		h.problem(h.do("POST", swapPath, anTok, map[string]any{"to_officer_id": chau}), 409, "")
		rp := fmt.Sprintf("/api/v1/swap-requests/%d", id(r))
		h.problem(h.do("POST", rp+"/accept", chauTok, nil), 403, "")
		h.problem(h.do("POST", rp+"/approve", binhTok, nil), 403, "")
		if d := h.must(200, "POST", rp+"/decline", binhTok, map[string]any{"reason": "bận"}); d["status"] != "declined" || d["reason"] != "bận" {
			t.Fatalf("decline: %v", d)
		}
		h.problem(h.do("POST", rp+"/accept", binhTok, nil), 409, "")
		r2 := h.must(201, "POST", swapPath, anTok, map[string]any{"to_officer_id": chau})
		if d := h.must(200, "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id(r2)), chauTok, nil); d["status"] != "applied" {
			t.Fatalf("accept: %v", d)
		}
		got := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a1)), h.manager, nil)
		if int64(got["officer_id"].(float64)) != chau || got["version"] != float64(2) {
			t.Fatalf("after take: %v", got)
		}

		// Exchange: Bình gives 6 Jan afternoon to An and takes An's 7 Jan morning.
		a2 := book(an, 7, "Sáng", "07:30", "11:30")
		ex := h.must(201, "POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(b1)), binhTok, map[string]any{"to_officer_id": an, "exchange_assignment_id": id(a2)})
		if ex["kind"] != "exchange" {
			t.Fatalf("exchange: %v", ex)
		}
		h.must(200, "POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id(ex)), anTok, nil)
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(b1)), h.manager, nil); int64(g["officer_id"].(float64)) != an {
			t.Fatalf("exchange, An now holds 6 Jan: %v", g)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a2)), h.manager, nil); int64(g["officer_id"].(float64)) != binh {
			t.Fatalf("exchange, Bình now holds 7 Jan: %v", g)
		}
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(b1)), anTok, map[string]any{"to_officer_id": chau, "exchange_assignment_id": id(a2)}), 422, "exchange_assignment_id")

		// A swap that would break a rule fails: Châu goes on leave after accepting... before accepting.
		a3 := book(an, 8, "Sáng", "07:30", "11:30")
		r3 := h.must(201, "POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a3)), anTok, map[string]any{"to_officer_id": chau})
		h.must(201, "POST", fmt.Sprintf("/api/v1/officers/%d/leaves", chau), chauTok, map[string]any{"from": "2027-01-08", "to": "2027-01-08"})
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/swap-requests/%d/accept", id(r3)), chauTok, nil), 409, "")
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/swap-requests/%d", id(r3)), h.manager, nil); g["status"] != "failed" || g["reason"] == "" {
			t.Fatalf("failed swap is kept with its reason: %v", g)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a3)), h.manager, nil); int64(g["officer_id"].(float64)) != an {
			t.Fatalf("duty must stay with An: %v", g)
		}
		// Asking someone already on leave is refused up front.
		h.problemCode(h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a3)), anTok, map[string]any{"to_officer_id": chau}), 409, "to_officer_id", roster.RuleLeave)
		// The requester may cancel.
		r4 := h.must(201, "POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a3)), anTok, map[string]any{"to_officer_id": binh})
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/swap-requests/%d/cancel", id(r4)), binhTok, nil), 403, "")
		if d := h.must(200, "POST", fmt.Sprintf("/api/v1/swap-requests/%d/cancel", id(r4)), anTok, nil); d["status"] != "cancelled" {
			t.Fatalf("cancel: %v", d)
		}
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/swap-requests/%d/frobnicate", id(r4)), anTok, nil), 404, "")

		list := h.must(200, "GET", fmt.Sprintf("/api/v1/swap-requests?officer_id=%d", chau), h.manager, nil)["swap_requests"].([]any)
		if len(list) != 2 {
			t.Fatalf("Châu's swap requests: %d", len(list))
		}
	})
}

func TestSwapNeedsApproval(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		h.must(201, "POST", "/api/v1/sites", h.manager, map[string]any{"code": "TAND-KV1", "name": "Tòa án khu vực 1", "kind": "court",
			"require_swap_approval": true, "slots": []map[string]any{{"name": "Sáng", "start": "07:30", "end": "11:30", "specialty": "criminal"}}})
		an, binh, dung := h.officer("An", "criminal"), h.officer("Bình", "criminal"), h.officer("Dũng", "land")
		anTok, binhTok := h.user("an", "officer", an), h.user("binh", "officer", binh)
		a := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-KV1", "slot": "Sáng", "officer_id": an,
			"start": "2027-01-05T07:30:00+07:00", "end": "2027-01-05T11:30:00+07:00"})
		// Dũng lacks the slot's specialty: 422, as on every path.
		h.problemCode(h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a)), anTok, map[string]any{"to_officer_id": dung}), 422, "to_officer_id", roster.RuleSpecialty)
		r := h.must(201, "POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(a)), anTok, map[string]any{"to_officer_id": binh})
		rp := fmt.Sprintf("/api/v1/swap-requests/%d", id(r))
		if d := h.must(200, "POST", rp+"/accept", binhTok, nil); d["status"] != "awaiting_approval" {
			t.Fatalf("accept on a site requiring approval: %v", d)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); int64(g["officer_id"].(float64)) != an {
			t.Fatalf("nothing changes before approval: %v", g)
		}
		h.problem(h.do("POST", rp+"/approve", binhTok, nil), 403, "")
		if d := h.must(200, "POST", rp+"/approve", h.manager, nil); d["status"] != "applied" || d["decided_by"] != "admin" {
			t.Fatalf("approve: %v", d)
		}
		if g := h.must(200, "GET", fmt.Sprintf("/api/v1/assignments/%d", id(a)), h.manager, nil); int64(g["officer_id"].(float64)) != binh {
			t.Fatalf("after approval: %v", g)
		}
		// A duty that has started cannot be swapped (test clock: 4 Jan 09:00).
		started := h.must(201, "POST", "/api/v1/assignments", h.manager, map[string]any{"site": "TAND-KV1", "officer_id": an,
			"start": "2027-01-04T07:30:00+07:00", "end": "2027-01-04T11:30:00+07:00"})
		h.problem(h.do("POST", fmt.Sprintf("/api/v1/assignments/%d/swap-requests", id(started)), anTok, map[string]any{"to_officer_id": binh}), 409, "assignment")
	})
}
