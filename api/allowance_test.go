package api

import (
	"math"
	"strings"
	"testing"
	"time"
)

// The allowance of a planned month adds up to its duties' hours.
func TestAllowanceReport(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		names := phoneLine(t, h)
		duties := dutiesOf(h, "/api/v1/assignments?site=TRUC-DT&from=2027-01-01&to=2027-01-31")
		// A cancelled duty is not paid.
		h.must(200, "DELETE", "/api/v1/assignments/"+itoa(int(duties[5]["id"].(float64))), h.manager, nil)
		hours, count := 0.0, map[int64]int{}
		perOfficer := map[int64]float64{}
		for i, a := range duties {
			if i == 5 {
				continue
			}
			start, _ := time.Parse(time.RFC3339, a["start"].(string))
			end, _ := time.Parse(time.RFC3339, a["end"].(string))
			o := int64(a["officer_id"].(float64))
			hours += end.Sub(start).Hours()
			perOfficer[o] += end.Sub(start).Hours()
			count[o]++
		}
		officer := h.user("an", "officer", int64(duties[0]["officer_id"].(float64)))
		h.problem(h.do("GET", "/api/v1/reports/allowance?month=2027-01", officer, nil), 403, "")
		h.problem(h.do("GET", "/api/v1/reports/allowance?month=2027-13", h.manager, nil), 422, "month")

		m := h.must(200, "GET", "/api/v1/reports/allowance?month=2027-01", h.manager, nil)
		total := m["total"].(map[string]any)["total"].(map[string]any)
		if m["month"] != "2027-01" || math.Abs(total["hours"].(float64)-hours) > 1e-9 || total["duties"] != float64(len(duties)-1) {
			t.Fatalf("total %v, want %v hours of %d duties", total, hours, len(duties)-1)
		}
		split := total["workday_hours"].(float64) + total["weekend_hours"].(float64) + total["holiday_hours"].(float64)
		if math.Abs(split-hours) > 1e-9 || total["holiday_hours"].(float64) < 24 || total["night_duties"].(float64) < 60 {
			t.Errorf("split %v of %v hours: %v", split, hours, total)
		}
		rows := m["rows"].([]any)
		if len(rows) != len(names) {
			t.Fatalf("%d rows for %d officers", len(rows), len(names))
		}
		for _, r := range rows {
			r := r.(map[string]any)
			id := int64(r["officer_id"].(float64))
			tot := r["total"].(map[string]any)
			p, b := r["primary"].(map[string]any), r["backup"].(map[string]any)
			if r["full_name"] != names[id] || tot["duties"] != float64(count[id]) || math.Abs(tot["hours"].(float64)-perOfficer[id]) > 1e-9 ||
				p["duties"].(float64)+b["duties"].(float64) != tot["duties"] {
				t.Errorf("row %v, want %d duties, %v hours", r, count[id], perOfficer[id])
			}
		}

		c := h.do("GET", "/api/v1/reports/allowance?month=2027-01&format=csv", h.manager, nil)
		if c.Code != 200 || c.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(string(c.Body), names[int64(duties[0]["officer_id"].(float64))]) {
			t.Fatalf("CSV %d %v", c.Code, c.Header)
		}
		x := h.do("GET", "/api/v1/reports/allowance?month=2027-01&format=xlsx", h.manager, nil)
		if x.Code != 200 || x.Header.Get("Content-Type") != mediaXLSX ||
			!strings.Contains(x.Header.Get("Content-Disposition"), `filename="Boi-duong-truc-2027-01.xlsx"`) {
			t.Fatalf("XLSX %d %v", x.Code, x.Header)
		}
		sheet := rowsOf(xlsxRead(t, x.Body)[0])
		found := false
		for _, row := range sheet {
			if row[1] == "Tổng cộng" {
				found = true
				if row[5] != float64(len(duties)-1) || math.Abs(row[10].(float64)-hours) > 1e-9 {
					t.Errorf("XLSX total row %v, want %d duties, %v hours", row, len(duties)-1, hours)
				}
			}
		}
		if !found {
			t.Error("XLSX: no total row")
		}
	})
}

// Every report comes as .xlsx beside CSV.
func TestReportsAsXLSX(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, h *harness) {
		phoneLine(t, h)
		d := h.must(200, "GET", "/api/v1/reports/duties?year=2027", h.manager, nil)
		x := h.do("GET", "/api/v1/reports/duties?year=2027&format=xlsx", h.manager, nil)
		if x.Code != 200 || x.Header.Get("Content-Type") != mediaXLSX {
			t.Fatalf("duties XLSX %d %s", x.Code, x.Body)
		}
		found := false
		for _, row := range rowsOf(xlsxRead(t, x.Body)[0]) {
			if row[2] == "TRUC-DT" {
				found = true
				if row[4] != d["scheduled"] || row[7] != d["hours"] {
					t.Errorf("site row %v, JSON %v scheduled, %v hours", row, d["scheduled"], d["hours"])
				}
			}
		}
		if !found {
			t.Error("duties XLSX: no row of the site")
		}
		o := h.do("GET", "/api/v1/reports/outreach?year=2027&format=xlsx", h.manager, nil)
		if o.Code != 200 || o.Header.Get("Content-Type") != mediaXLSX || len(xlsxRead(t, o.Body)) != 1 {
			t.Fatalf("outreach XLSX %d", o.Code)
		}
		if c := h.do("GET", "/api/v1/reports/outreach?year=2027&format=csv", h.manager, nil); c.Code != 200 || !strings.HasPrefix(c.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("outreach CSV %d", c.Code)
		}
		h.problem(h.do("GET", "/api/v1/reports/duties?year=2027&format=pdf", h.manager, nil), 422, "format")
	})
}
