package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lichtruc/roster/store"
	"lichtruc/roster/store/storetest"
)

// TestUserCommands makes the first manager with "lichtruc user add" on an
// empty database, starts the real server (no bootstrap token, no
// LICHTRUC_BASE_URL), calls the API with the printed token, gives the
// manager a password with "lichtruc user password" — which also ends a
// lock-out and open sessions — and signs in with it; then links an
// officer user, and refuses links the roles do not allow.
func TestUserCommands(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.DSN(t, dialect)
			addr := freeAddr(t)
			env := map[string]string{"LICHTRUC_DB": db, "LICHTRUC_ADDR": addr}
			getenv := func(k string) string { return env[k] }
			ctx := context.Background()

			var out, errOut bytes.Buffer
			if err := run(ctx, []string{"user", "add", "--name", "chanh", "--role", "manager"}, getenv, &out, &errOut); err != nil {
				t.Fatalf("user add: %v\n%s", err, errOut.String())
			}
			token := strings.TrimSpace(out.String())
			if strings.Contains(token, "\n") || len(token) < 20 || !strings.Contains(errOut.String(), "shown only this once") {
				t.Fatalf("user add must print the token alone on stdout: %q / %q", out.String(), errOut.String())
			}

			var serverLog syncBuffer
			stop := startServe(t, []string{"serve"}, env, io.Discard, &serverLog)
			defer stop()
			base := "http://" + addr
			if !strings.Contains(serverLog.String(), "links in feeds, boards and e-mails use "+base) {
				t.Errorf("the start-up log does not say the base URL %s:\n%s", base, serverLog.String())
			}
			me := apiGet(t, base+"/api/v1/me", token)
			if me["role"] != "manager" || me["name"] != "chanh" {
				t.Fatalf("/api/v1/me with the printed token: %v", me)
			}
			site := apiPost(t, base+"/api/v1/sites", token, `{"code":"TAND-HP","name":"Tòa án nhân dân thành phố Hải Phòng","kind":"court","slots":[]}`)
			if fu, _ := site["feed_url"].(string); !strings.HasPrefix(fu, base+"/") {
				t.Errorf("feed_url %q does not follow the listen address %s", fu, base)
			}

			// Five wrong passwords lock the name out (no password is set yet).
			browser := newBrowser(t)
			for range 5 {
				signIn(t, browser, base, "chanh", "wrong password")
			}
			if code, _ := signIn(t, browser, base, "chanh", "wrong password"); code != http.StatusTooManyRequests {
				t.Fatalf("after five failures: %d, want 429", code)
			}
			out.Reset()
			if err := runTool(ctx, "user", []string{"password", "chanh"}, getenv, strings.NewReader("a long passphrase\n"), &out, &errOut); err != nil {
				t.Fatalf("user password: %v\n%s", err, errOut.String())
			}
			code, loc := signIn(t, browser, base, "chanh", "a long passphrase")
			if code != http.StatusSeeOther || loc != "/manage" {
				t.Fatalf("sign-in with the new password: %d %q", code, loc)
			}
			if code, _ := browserGet(t, browser, base+"/manage"); code != http.StatusOK {
				t.Fatalf("/manage signed in: %d", code)
			}
			// A new password ends the session.
			if err := runTool(ctx, "user", []string{"password", "--db", db, "chanh"}, func(string) string { return "" }, strings.NewReader("another passphrase"), &out, &errOut); err != nil {
				t.Fatalf("user password again: %v", err)
			}
			if !strings.Contains(out.String(), "1 sign-in session(s) ended") {
				t.Errorf("user password output: %q", out.String())
			}
			if code, _ := browserGet(t, browser, base+"/manage"); code == http.StatusOK {
				t.Fatal("the session outlived the password change")
			}
			if code, _ := signIn(t, browser, base, "chanh", "a long passphrase"); code != http.StatusUnauthorized {
				t.Errorf("the old password: %d, want 401", code)
			}

			// An officer user is linked to an officer; other roles are not.
			officer := apiPost(t, base+"/api/v1/officers", token, `{"full_name":"Nguyễn Văn An","kind":"legal_aid_officer","email":"an@example.vn","phone":"0912 345 601"}`)
			oid := fmt.Sprint(officer["id"])
			out.Reset()
			if err := run(ctx, []string{"user", "add", "--name", "an", "--role", "officer", "--officer-id", oid}, getenv, &out, &errOut); err != nil {
				t.Fatalf("user add officer: %v", err)
			}
			anMe := apiGet(t, base+"/api/v1/me", strings.TrimSpace(out.String()))
			if anMe["role"] != "officer" || fmt.Sprint(anMe["officer_id"]) != oid {
				t.Fatalf("officer user: %v", anMe)
			}
			for _, bad := range []struct{ args, want string }{
				{"--name letan --role reception --officer-id " + oid, "only officer users"},
				{"--name quan --role manager --officer-id " + oid, "only officer users"},
				{"--name binh --role officer", "--officer-id is required"},
				{"--name binh --role officer --officer-id 999", "999"},
				{"--name x --role admin", "--role must be"},
				{"--role manager", "--name is required"},
				{"--name chanh --role manager", "already exists"},
			} {
				out.Reset()
				err := run(ctx, append([]string{"user", "add"}, strings.Fields(bad.args)...), getenv, &out, &errOut)
				if err == nil || !strings.Contains(err.Error(), bad.want) || out.Len() != 0 {
					t.Errorf("user add %s: %v (stdout %q), want an error saying %q", bad.args, err, out.String(), bad.want)
				}
			}
			for _, bad := range []struct{ name, stdin, want string }{
				{"chanh", "short\n", "at least 8"},
				{"chanh", "", "no password"},
				{"nobody", "a long passphrase\n", "no user named"},
			} {
				err := runTool(ctx, "user", []string{"password", bad.name}, getenv, strings.NewReader(bad.stdin), &out, &errOut)
				if err == nil || !strings.Contains(err.Error(), bad.want) {
					t.Errorf("user password %s <%q: %v, want %q", bad.name, bad.stdin, err, bad.want)
				}
			}
		})
	}
}

func newBrowser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn fills the sign-in form as a browser does and returns the status
// and the redirect.
func signIn(t *testing.T, c *http.Client, base, name, password string) (int, string) {
	t.Helper()
	_, page := browserGet(t, c, base+"/login")
	m := csrfInput.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token on the sign-in page:\n%s", page)
	}
	resp, err := c.PostForm(base+"/login", url.Values{"name": {name}, "password": {password}, "csrf": {m[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

func browserGet(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func apiGet(t *testing.T, u, token string) map[string]any {
	t.Helper()
	return apiDo(t, "GET", u, token, "", http.StatusOK)
}

func apiPost(t *testing.T, u, token, body string) map[string]any {
	t.Helper()
	return apiDo(t, "POST", u, token, body, http.StatusCreated)
}

func apiDo(t *testing.T, method, u, token, body string, want int) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, u, resp.StatusCode, want, b)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	return m
}

// TestBackupCommand backs up the demo's SQLite database with "lichtruc
// backup" and opens the copy; on PostgreSQL the command points to pg_dump.
func TestBackupCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := map[string]string{"LICHTRUC_DB": filepath.Join(dir, "live.db")}
	getenv := func(k string) string { return env[k] }
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"demo"}, getenv, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "backup.db")
	out.Reset()
	if err := run(ctx, []string{"backup", copyPath}, getenv, &out, &errOut); err != nil || !strings.Contains(out.String(), "written to "+copyPath) {
		t.Fatalf("backup: %v %q", err, out.String())
	}
	if err := run(ctx, []string{"backup", copyPath}, getenv, &out, &errOut); err == nil {
		t.Error("a backup over an existing file must fail")
	}
	if err := run(ctx, []string{"backup"}, getenv, &out, &errOut); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("backup without FILE: %v", err)
	}
	if _, err := os.Stat(copyPath + "-wal"); err == nil {
		t.Error("the copy must be one self-contained file")
	}
	st, err := store.Open(ctx, copyPath, store.Options{Loc: storetest.Loc})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var officers, duties int64
	storetest.SQLOn(t, copyPath).Raw("SELECT COUNT(*) FROM officers").Row().Scan(&officers)
	storetest.SQLOn(t, copyPath).Raw("SELECT COUNT(*) FROM assignments").Row().Scan(&duties)
	if officers != 12 || duties == 0 {
		t.Fatalf("the copy holds %d officers and %d duties", officers, duties)
	}

	pg := storetest.DSN(t, "postgres")
	err = run(ctx, []string{"backup", filepath.Join(dir, "pg.db"), "--db", pg}, getenv, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("backup on PostgreSQL: %v", err)
	}
}
