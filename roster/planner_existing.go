package roster

import (
	"cmp"
	"fmt"
	"slices"
)

// validateExisting keeps or cancels each existing slot duty in the range,
// in chronological order: the earlier of two clashing duties stays.
func (pl *planner) validateExisting() {
	in := pl.in
	type cand struct {
		i          int
		si, sj     int
		start      int64
		role, slot int
	}
	var list []cand
	for i := range in.Existing {
		a := &in.Existing[i]
		if a.Status == Cancelled || !pl.decides(a) {
			continue
		}
		si := pl.siteOf(a)
		sj := pl.slotOf(si, a.SlotName)
		r := 0
		if a.Role == Backup {
			r = 1
		}
		list = append(list, cand{i: i, si: si, sj: sj, start: a.Start.Unix(), role: r})
	}
	slices.SortFunc(list, func(x, y cand) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.si, y.si), cmp.Compare(x.sj, y.sj),
			cmp.Compare(x.role, y.role), cmp.Compare(in.Existing[x.i].ID, in.Existing[y.i].ID), cmp.Compare(x.i, y.i))
	})
	for _, c := range list {
		a := in.Existing[c.i]
		if reason := pl.check(&a, c.si, c.sj); reason != "" {
			pl.res.Cancel = append(pl.res.Cancel, a)
			pl.res.CancelReasons = append(pl.res.CancelReasons, reason)
			continue
		}
		k := pl.byID[a.OfficerID]
		st := &pl.offs[k]
		d := pl.dayIndex(a.Start)
		oi := pl.occIndex[(pl.slotBase[c.si]+c.sj)*pl.nDays+d]
		oc := &pl.occs[oi]
		pl.hold(k, a.Start, a.End, pl.occDuty(oc))
		st.refs = append(st.refs, planRef{i: int32(c.i)})
		pl.held[c.si*pl.nDays+d] = append(pl.held[c.si*pl.nDays+d], k)
		oc.kept = append(oc.kept, k)
		st.duties++
		st.weight += oc.w
		sr := pl.mixIndex(oc, a.Role)
		st.mix[sr]++
		pl.mixTotal[sr]++
		if a.Role == Backup {
			oc.keptB++
			st.backups++
		} else {
			oc.keptP++
		}
		if oc.unpop {
			st.unpopN++
		}
		pl.res.Keep = append(pl.res.Keep, a)
	}
}

// check returns why an existing slot duty in the range is no longer valid,
// or "" when it stays.
func (pl *planner) check(a *Assignment, si, sj int) string {
	site := pl.in.Sites[si]
	k, ok := pl.byID[a.OfficerID]
	if !ok {
		for i := range pl.in.Officers {
			if o := pl.in.Officers[i]; o.ID == a.OfficerID && !o.Active {
				return fmt.Sprintf("%s is not active", planOfficerName(o))
			}
		}
		return fmt.Sprintf("officer %d is not among the officers of this plan", a.OfficerID)
	}
	if sj < 0 {
		return fmt.Sprintf("slot %q no longer exists at %s", a.SlotName, site.Code)
	}
	sl := site.Slots[sj]
	d := pl.dayIndex(a.Start)
	date := pl.dates[d]
	oi := pl.occIndex[(pl.slotBase[si]+sj)*pl.nDays+d]
	if oi < 0 {
		if !site.OpenOn(date) {
			return fmt.Sprintf("%s is closed on %s", site.Code, date)
		}
		return fmt.Sprintf("slot %s does not run on %s (not a working day)", sl.Name, date)
	}
	oc := &pl.occs[oi]
	if a.Start.Unix() != oc.start || a.End.Unix() != oc.end {
		return fmt.Sprintf("slot %s now runs %s–%s", sl.Name, sl.Start, sl.End)
	}
	if a.Role != Primary && a.Role != Backup && a.Role != "" {
		return fmt.Sprintf("unknown role %q", a.Role)
	}
	st := &pl.offs[k]
	if !st.o.MayServeAt(site) {
		return errNotEligible(*st.o, site).Message
	}
	if s := pl.specIdx[si][sj]; s >= 0 && !pl.specOK[s][st.order] {
		return errSpecialty(*st.o, sl).Message
	}
	if st.leave.overlaps(oc.start, oc.end) || st.busy.overlaps(oc.start, oc.end) {
		return pl.conflictMessage(k, a, site)
	}
	for _, h := range pl.held[si*pl.nDays+d] {
		if h == k {
			return pl.conflictMessage(k, a, site)
		}
	}
	if pl.safeBlock(st, pl.occDuty(oc)) != planCanTake {
		return pl.conflictMessage(k, a, site)
	}
	if a.Role == Backup {
		if int(oc.keptB) >= max(sl.Backups, 0) {
			return fmt.Sprintf("slot %s on %s needs only %d backup officer(s)", sl.Name, date, max(sl.Backups, 0))
		}
	} else if int(oc.keptP) >= max(sl.Officers, 0) {
		return fmt.Sprintf("slot %s on %s needs only %d primary officer(s)", sl.Name, date, max(sl.Officers, 0))
	}
	if st.limit > 0 && st.months[oc.month] >= st.limit {
		return pl.conflictMessage(k, a, site)
	}
	return ""
}

// conflictMessage explains, with MayHold, why officer k cannot hold a.
func (pl *planner) conflictMessage(k int32, a *Assignment, site Site) string {
	st := &pl.offs[k]
	leaves := make([]Leave, len(st.leaves))
	for i, li := range st.leaves {
		leaves[i] = pl.in.Leaves[li]
	}
	others := make([]Assignment, len(st.refs))
	for i, r := range st.refs {
		if r.busy {
			others[i] = pl.in.Busy[r.i]
		} else {
			others[i] = pl.in.Existing[r.i]
		}
	}
	if err := MayHold(*a, CandidateState{Officer: *st.o, Site: site, Leaves: leaves, Duties: others, Loc: pl.loc, Rules: &pl.safe.r}, HoldRules{}); err != nil {
		return ErrorMessage(err)
	}
	return "clashes with another duty"
}
