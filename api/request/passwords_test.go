package request

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
)

// TestPasswordsBounded: bcrypt runs only in a free slot; a call that finds
// none within MaxWait is EUnavailable (503), one whose client left ends.
func TestPasswordsBounded(t *testing.T) {
	p := NewPasswords(bcrypt.MinCost, 2)
	if cap(p.sem) != 2 {
		t.Fatalf("slots %d", cap(p.sem))
	}
	hash, err := p.Hash(context.Background(), "mat-khau")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := p.Check(context.Background(), hash, "mat-khau"); !ok || err != nil {
		t.Fatalf("check: %v %v", ok, err)
	}
	if len(p.sem) != 0 {
		t.Fatalf("slots not given back: %d", len(p.sem))
	}
	p.sem <- struct{}{}
	p.sem <- struct{}{} // both slots busy
	p.MaxWait = 20 * time.Millisecond
	start := time.Now()
	if _, err := p.Check(context.Background(), hash, "mat-khau"); roster.ErrorCode(err) != roster.EUnavailable {
		t.Fatalf("no free slot: %v, want unavailable", err)
	}
	if d := time.Since(start); d < 20*time.Millisecond || d > 2*time.Second {
		t.Fatalf("waited %v for a slot", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Hash(ctx, "x"); err != context.Canceled {
		t.Fatalf("cancelled: %v", err)
	}
	<-p.sem
	if ok, err := p.Check(context.Background(), hash, "sai"); ok || err != nil {
		t.Fatalf("a freed slot: %v %v", ok, err)
	}
	if NewPasswords(0, 0).Cost != bcrypt.DefaultCost || cap(NewPasswords(0, 0).sem) < 1 {
		t.Fatal("defaults")
	}
}
