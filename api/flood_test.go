package api

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"lichtruc/roster"
)

// TestSignInFloodHealthz measures /healthz while 40 clients sign in as
// fast as they can with real bcrypt cost, with the bcrypt semaphore (slots
// 0: half the cores) and without it (slots 1000). It is a measurement, run
// on request: LICHTRUC_TEST_FLOOD=1 go test ./api -run TestSignInFloodHealthz -v
func TestSignInFloodHealthz(t *testing.T) {
	if os.Getenv("LICHTRUC_TEST_FLOOD") == "" {
		t.Skip("a measurement of a few seconds: set LICHTRUC_TEST_FLOOD=1")
	}
	forEachDB(t, func(t *testing.T, h *harness) {
		h.webUser("lan", roster.RoleManager, 0, "mat-khau-tot")
		for _, slots := range []int{1000, 0} {
			srv := NewServer(Config{BaseURL: testBase, Loc: testLoc}, Deps{Store: h.store, Now: time.Now, PasswordCost: bcrypt.DefaultCost, PasswordSlots: slots})
			// The user's password at the real cost.
			hash, _ := bcrypt.GenerateFromPassword([]byte("mat-khau-tot"), bcrypt.DefaultCost)
			u, _, _ := h.store.UserByName(t.Context(), "lan")
			if err := h.store.SetPassword(t.Context(), "test", u.ID, string(hash)); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			var mu sync.Mutex
			logins := 0
			for i := range 40 {
				wg.Go(func() {
					for n := 0; ; n++ {
						select {
						case <-stop:
							return
						default:
						}
						form := url.Values{"name": {fmt.Sprintf("flood-%d-%d", i, n)}, "password": {"sai"}, "csrf": {"t"}}
						req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						req.AddCookie(&http.Cookie{Name: "lt_login", Value: "t"})
						req.RemoteAddr = fmt.Sprintf("10.1.%d.%d:1234", i, n%250)
						srv.ServeHTTP(httptest.NewRecorder(), req)
						mu.Lock()
						logins++
						mu.Unlock()
					}
				})
			}
			time.Sleep(300 * time.Millisecond) // let the flood build up
			var lat []time.Duration
			for range 20 {
				start := time.Now()
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
				lat = append(lat, time.Since(start))
				if rec.Code != 200 {
					t.Errorf("healthz %d", rec.Code)
				}
				time.Sleep(50 * time.Millisecond)
			}
			close(stop)
			wg.Wait()
			slices.Sort(lat)
			t.Logf("slots %d: /healthz p50 %v, p95 %v, max %v under 40 sign-in clients (%d sign-ins)", slots, lat[len(lat)/2], lat[len(lat)*95/100], lat[len(lat)-1], logins)
		}
	})
}
