package request

import (
	"context"
	"runtime"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
)

// Passwords hashes and checks passwords with bcrypt, at most a few at a
// time: bcrypt is built to be slow, and a flood of sign-ins must not take
// every core from the rest of the service (a /healthz, a feed). A call
// that cannot start within MaxWait is EUnavailable (503).
type Passwords struct {
	Cost    int
	MaxWait time.Duration
	sem     chan struct{}
}

// NewPasswords bounds bcrypt work to slots at a time; 0 slots is half the
// cores (at least one).
func NewPasswords(cost, slots int) *Passwords {
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	if slots <= 0 {
		slots = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &Passwords{Cost: cost, MaxWait: 10 * time.Second, sem: make(chan struct{}, slots)}
}

func (p *Passwords) acquire(ctx context.Context) error {
	t := time.NewTimer(p.MaxWait)
	defer t.Stop()
	select {
	case p.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return roster.Errorf(roster.EUnavailable, "too many sign-ins at once; try again in a moment")
	}
}

// Hash returns the bcrypt hash of password.
func (p *Passwords) Hash(ctx context.Context, password string) (string, error) {
	if err := p.acquire(ctx); err != nil {
		return "", err
	}
	defer func() { <-p.sem }()
	h, err := bcrypt.GenerateFromPassword([]byte(password), p.Cost)
	return string(h), err
}

// Check reports whether password matches hash; err is only for a call
// that could not run.
func (p *Passwords) Check(ctx context.Context, hash, password string) (bool, error) {
	if err := p.acquire(ctx); err != nil {
		return false, err
	}
	defer func() { <-p.sem }()
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil, nil
}
