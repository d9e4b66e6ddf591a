package store_test

import (
	"context"
	"testing"

	"lichtruc/roster"
	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestOfficersByID checks the one call that loads officers by id: repeats
// and unknown ids are fine, a list longer than one query takes is asked
// for in parts, and OfficersIndexed gives the same officers as a list.
func TestOfficersByID(t *testing.T) {
	t.Parallel()
	storetest.ForEach(t, store.Options{}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, a, _ := seed(t, s)
		b, err := s.CreateOfficer(ctx, "test", roster.Officer{FullName: "Lê Văn Cường", Kind: roster.KindLawyer, Active: false})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.OfficersByID(ctx, []int64{b.ID, a.ID, b.ID, 9999})
		if err != nil || len(got) != 2 || got[a.ID].FullName != a.FullName || got[b.ID].FullName != b.FullName {
			t.Fatalf("by id: %v %v", got, err)
		}
		if got, err := s.OfficersByID(ctx, nil); err != nil || len(got) != 0 {
			t.Fatalf("no ids: %v %v", got, err)
		}
		// More ids than one query names: 1,200 unknown ones around the two.
		many := []int64{a.ID}
		for i := int64(0); i < 1200; i++ {
			many = append(many, 100000+i)
		}
		many = append(many, b.ID)
		if got, err := s.OfficersByID(ctx, many); err != nil || len(got) != 2 {
			t.Fatalf("many ids: %d officers, %v", len(got), err)
		}
		active := true
		byID, list, err := s.OfficersIndexed(ctx, store.OfficerFilter{Active: &active})
		if err != nil || len(list) != 2 || list[0].ID != a.ID || len(byID) != 2 || byID[b.ID].ID != 0 {
			t.Fatalf("indexed active: %v %v %v", byID, list, err)
		}
		byID, list, err = s.OfficersIndexed(ctx, store.OfficerFilter{})
		if err != nil || len(list) != 3 || list[0].ID != a.ID || list[2].ID != b.ID || byID[b.ID].Active || byID[b.ID].FullName != b.FullName {
			t.Fatalf("indexed all: %v %v %v", byID, list, err)
		}
	})
}
