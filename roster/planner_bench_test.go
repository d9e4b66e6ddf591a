package roster

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// ptCalendar2026 is Monday–Friday with the 2026 days off (Tết 16–20 Feb, Hùng
// Kings' day on Mon 27 Apr, 30 Apr, 1 May, 1–2 Sep, 1 Jan), written out so
// the benchmarks do not depend on the holiday calendar.
func ptCalendar2026() ptCalendar {
	off := map[Date]bool{}
	for _, x := range []Date{ptDay(2026, 1, 1), ptDay(2026, 2, 16), ptDay(2026, 2, 17), ptDay(2026, 2, 18), ptDay(2026, 2, 19), ptDay(2026, 2, 20),
		ptDay(2026, 4, 27), ptDay(2026, 4, 30), ptDay(2026, 5, 1), ptDay(2026, 9, 1), ptDay(2026, 9, 2)} {
		off[x] = true
	}
	return ptCalendar{off: off}
}

// ptBenchInput is a year (2026) of courts, every tenth of them a 24/7
// phone line with primary and backup, and one shared pool of officers of
// whom about a tenth take a leave of one to three weeks and a fifth staff
// outreach sessions (Busy).
func ptBenchInput(b testing.TB, sites, officers int) PlanInput {
	loc := ptLoc(b)
	r := rand.New(rand.NewPCG(uint64(sites), uint64(officers)))
	in := PlanInput{From: ptDay(2026, 1, 1), To: ptDay(2026, 12, 31), Officers: ptTeam(officers), Calendar: ptCalendar2026(), Loc: loc}
	for i := range sites {
		code := fmt.Sprintf("KV%03d", i+1)
		if i%10 == 9 {
			in.Sites = append(in.Sites, ptPhoneLine(int64(i+1), code))
		} else {
			in.Sites = append(in.Sites, ptCourt(int64(i+1), code))
		}
	}
	if officers <= 20 {
		return in // the one-court case: a plain team
	}
	for _, o := range in.Officers {
		if r.IntN(10) == 0 {
			from := in.From.AddDays(r.IntN(340))
			in.Leaves = append(in.Leaves, Leave{ID: int64(len(in.Leaves) + 1), OfficerID: o.ID, From: from, To: from.AddDays(6 + r.IntN(15))})
		}
		if r.IntN(5) == 0 {
			for range 1 + r.IntN(6) {
				day := in.From.AddDays(r.IntN(365))
				start := ptAt(loc, day, "08:00")
				in.Busy = append(in.Busy, Assignment{ID: int64(len(in.Busy) + 1), SiteCode: "OUTREACH", OfficerID: o.ID,
					Start: start, End: start.Add(4 * time.Hour), Status: Scheduled})
			}
		}
	}
	return in
}

// ptFullyAvailable returns the officers with no leave and no busy duty.
func ptFullyAvailable(in PlanInput) []int64 {
	out := []int64{}
	for _, o := range in.Officers {
		if !slices.ContainsFunc(in.Leaves, func(l Leave) bool { return l.OfficerID == o.ID }) &&
			!slices.ContainsFunc(in.Busy, func(a Assignment) bool { return a.OfficerID == o.ID }) {
			out = append(out, o.ID)
		}
	}
	return out
}

func ptBench(b *testing.B, sites, officers int) {
	in := ptBenchInput(b, sites, officers)
	full := ptFullyAvailable(in)
	var res PlanResult
	b.ResetTimer()
	for b.Loop() {
		res = Plan(in)
	}
	b.StopTimer()
	if v := ptViolations(in, res); len(v) > 0 {
		b.Fatalf("%d hard-rule violations, first: %s", len(v), v[0])
	}
	if len(res.Uncovered) > 0 {
		b.Fatalf("%d uncovered, first: %+v", len(res.Uncovered), res.Uncovered[0])
	}
	counts := ptCount(res.Add, full, nil)
	unpop := map[int64]int{}
	for _, l := range res.Loads {
		if _, ok := counts[l.OfficerID]; ok {
			unpop[l.OfficerID] = l.Unpopular
		}
	}
	s := ptSpread(counts)
	if s > 1 {
		b.Fatalf("fairness: duties of the %d fully available officers spread %d", len(full), s)
	}
	b.ReportMetric(float64(len(res.Add)), "assignments")
	b.ReportMetric(float64(s), "spread")
	b.ReportMetric(float64(ptSpread(unpop)), "unpop-spread")
	b.ReportMetric(float64(ptConsecutiveDays(res.Add, in.Loc)), "consecutive")
}

// BenchmarkPlanOneCourtYear plans a year of one court (morning and afternoon
// on working days) for 12 officers.
func BenchmarkPlanOneCourtYear(b *testing.B) { ptBench(b, 1, 12) }

// BenchmarkPlan20Sites200Officers plans a year of 20 sites (18 courts, two
// 24/7 phone lines) from one shared pool of 200 officers.
func BenchmarkPlan20Sites200Officers(b *testing.B) { ptBench(b, 20, 200) }

// BenchmarkPlan200Sites1000Officers plans a year of 200 sites (180 courts,
// 20 phone lines) from one shared pool of 1,000 officers.
func BenchmarkPlan200Sites1000Officers(b *testing.B) { ptBench(b, 200, 1000) }
