package api

import (
	"sync"
	"time"
)

// feedCache keeps rendered feeds keyed on the feed, its options and the
// store's change mark (a counter every audited write bumps in its own
// transaction, read in the same query as the feed's token), so heavy
// polling by calendar apps costs one indexed query. It is only a cache:
// every replica keeps its own, entries expire after feedCacheTTL whatever
// the mark says (so a feed's window moves on with the clock), and nothing
// depends on it.
type feedCache struct {
	mu      sync.Mutex
	entries map[string]feedEntry
}

type feedEntry struct {
	mark     int64
	body     []byte
	etag     string
	modified time.Time
	made     time.Time
}

const (
	feedCacheTTL = time.Minute
	feedCacheMax = 4096
)

func (c *feedCache) get(key string, mark int64, now time.Time) (feedEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.mark != mark || now.Sub(e.made) > feedCacheTTL || now.Before(e.made) {
		return feedEntry{}, false
	}
	return e, true
}

func (c *feedCache) put(key string, e feedEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]feedEntry{}
	}
	if len(c.entries) >= feedCacheMax {
		clear(c.entries) // one entry per feed and option set: a full cache is rare
	}
	c.entries[key] = e
}
