package store

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"lichtruc/roster"
)

// The hot-path cache: each replica keeps in memory the answers of its
// hottest reads — the user an API token names, the duties of a site around
// an hour, the secret of a feed — each under the change mark it was read
// at. An entry is used only when the mark read now is the same, so a write
// by any replica (which bumps the counter in its own transaction) is seen
// by the next request everywhere. A request reads the mark at most once
// (WithChangeMark), with a prepared statement: on a hit a duty lookup or a
// feed is that one tiny query. Answers that found nothing are not kept.

const hotCacheMax = 4096 // entries per kind; a full map is cleared

type hotEntry[V any] struct {
	mark int64
	v    V
}

// hotMap is one kind of cached answer, keyed on K.
type hotMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]hotEntry[V]
}

// has reports whether key has an entry, of whatever mark: only then is it
// worth reading the mark before the query that would read it anyway.
func (h *hotMap[K, V]) has(key K) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.m[key]
	return ok
}

func (h *hotMap[K, V]) get(key K, mark int64) (V, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.m[key]
	if !ok || e.mark != mark {
		var zero V
		return zero, false
	}
	return e.v, true
}

// put keeps v read at mark, unless a newer answer is already there.
func (h *hotMap[K, V]) put(key K, mark int64, v V) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.m == nil || len(h.m) >= hotCacheMax {
		h.m = map[K]hotEntry[V]{}
	}
	if e, ok := h.m[key]; ok && e.mark > mark {
		return
	}
	h.m[key] = hotEntry[V]{mark: mark, v: v}
}

// hotCache holds the store's cached answers.
type hotCache struct {
	users  hotMap[string, roster.User] // by token hash
	duties hotMap[dutyKey, dutyWindow]
	feeds  hotMap[feedKey, string] // the feed's secret
}

type dutyKey struct {
	code string
	hour int64 // the start of the hour, Unix seconds
}

// dutyWindow is a site and its scheduled duties that may be on at some
// instant of one hour, with their officers.
type dutyWindow struct {
	site     roster.Site
	as       []roster.Assignment
	officers map[int64]roster.Officer
}

type feedKey struct {
	site bool
	id   int64
}

// markHolder is the change mark of one request, read at most once.
type markHolder struct {
	mu   sync.Mutex
	mark int64
	ok   bool
}

type markKey struct{}

// WithChangeMark returns a context in which the store's cached reads
// (UserByTokenHash, DutyAt, the feed lookups) share one reading of the
// change mark: a request that authenticates and then looks up a duty
// reads it once. A write through the store with this context forgets the
// reading, so the request then sees its own write.
func WithChangeMark(ctx context.Context) context.Context {
	if _, ok := ctx.Value(markKey{}).(*markHolder); ok {
		return ctx
	}
	return context.WithValue(ctx, markKey{}, &markHolder{})
}

// knownMark returns the mark this request already read, if any.
func knownMark(ctx context.Context) (int64, bool) {
	h, ok := ctx.Value(markKey{}).(*markHolder)
	if !ok {
		return 0, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.mark, h.ok
}

// noteMark records a mark a query of this request read, if none is yet.
func noteMark(ctx context.Context, mark int64) {
	if h, ok := ctx.Value(markKey{}).(*markHolder); ok {
		h.mu.Lock()
		if !h.ok {
			h.mark, h.ok = mark, true
		}
		h.mu.Unlock()
	}
}

// forgetMark drops the request's reading after it wrote.
func forgetMark(ctx context.Context) {
	if h, ok := ctx.Value(markKey{}).(*markHolder); ok {
		h.mu.Lock()
		h.ok = false
		h.mu.Unlock()
	}
}

// currentMark returns the request's mark, reading it with the prepared
// statement if the request has not yet.
func (s *Store) currentMark(ctx context.Context) (int64, error) {
	if m, ok := knownMark(ctx); ok {
		return m, nil
	}
	var m int64
	err := s.markStmt.QueryRowContext(ctx).Scan(&m)
	if s.onStatement != nil {
		s.onStatement(markQuery)
	}
	if err != nil {
		if err == sql.ErrNoRows {
			return 0, roster.Errorf(roster.EUnavailable, "the change counter is missing")
		}
		return 0, mapErr(err)
	}
	noteMark(ctx, m)
	return m, nil
}

const markQuery = "SELECT n FROM change_counter WHERE id = 1"

// cachedDuty answers DutyAt from the cache when its window was read at the
// current mark.
func (s *Store) cachedDuty(ctx context.Context, key dutyKey, at time.Time) (SiteDuty, bool, error) {
	if !s.hot.duties.has(key) {
		return SiteDuty{}, false, nil
	}
	mark, err := s.currentMark(ctx)
	if err != nil {
		return SiteDuty{}, false, err
	}
	w, ok := s.hot.duties.get(key, mark)
	if !ok {
		return SiteDuty{}, false, nil
	}
	return w.at(at), true, nil
}

// at is who of the window is on duty at the instant, as roster.OnDutyAt
// decides.
func (w dutyWindow) at(t time.Time) SiteDuty {
	d := SiteDuty{Site: w.site, OnDuty: roster.OnDutyAt(w.as, t), Officers: map[int64]roster.Officer{}}
	for _, a := range d.OnDuty {
		d.Officers[a.OfficerID] = w.officers[a.OfficerID]
	}
	return d
}
