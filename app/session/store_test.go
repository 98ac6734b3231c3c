package session

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/store/db"
	"ignition/app/testdb"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

type fixture struct {
	s    *Store
	q    *db.Queries
	pool *pgxpool.Pool
	clk  *clock
}

func newFixture(t *testing.T) *fixture {
	pool := testdb.New(t)
	q := db.New(pool)
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	s := NewStore(pool, Options{Idle: time.Hour, Max: 3 * time.Hour})
	s.now = clk.now
	return &fixture{s: s, q: q, pool: pool, clk: clk}
}

// request builds a request carrying the cookies a previous response set.
func request(prev *httptest.ResponseRecorder) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if prev != nil {
		for _, c := range prev.Result().Cookies() {
			r.AddCookie(c)
		}
	}
	return r
}

func (f *fixture) signIn(t *testing.T, userID uuid.UUID) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	r := request(nil)
	sess, err := f.s.New(r, CookieName)
	if err != nil {
		t.Fatal(err)
	}
	SetUserID(sess, userID)
	if err := f.s.Save(r, w, sess); err != nil {
		t.Fatal(err)
	}
	return w
}

func (f *fixture) newUser(t *testing.T) uuid.UUID {
	t.Helper()
	u, err := f.q.UpsertDevUser(t.Context(), db.UpsertDevUserParams{Email: uuid.NewString() + "@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func (f *fixture) load(t *testing.T, prev *httptest.ResponseRecorder) (uuid.UUID, bool) {
	t.Helper()
	sess, err := f.s.New(request(prev), CookieName)
	if err != nil {
		t.Fatal(err)
	}
	return UserID(sess)
}

func TestSessionRoundTripStoresOnlyTheHash(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	userID := f.newUser(t)
	w := f.signIn(t, userID)
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies = %d, want 1", len(cookies))
	}
	c := cookies[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || len(c.Value) != 43 || c.MaxAge != 3*3600 {
		t.Errorf("cookie = %+v", c)
	}
	if got, ok := f.load(t, w); !ok || got != userID {
		t.Fatalf("loaded user %v %v, want %v", got, ok, userID)
	}
	var idHash, data []byte
	if err := f.pool.QueryRow(t.Context(), "SELECT id_hash, data FROM sessions").Scan(&idHash, &data); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(idHash, []byte(c.Value)) || bytes.Contains(data, []byte(c.Value)) || len(idHash) != 32 {
		t.Error("the session table holds the cookie token")
	}
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	w := f.signIn(t, f.newUser(t))

	// Activity within the idle window keeps the session alive...
	for i := 0; i < 4; i++ {
		f.clk.t = f.clk.t.Add(50 * time.Minute)
		if _, ok := f.load(t, w); !ok && i < 3 {
			t.Fatalf("session ended after %d active intervals", i+1)
		}
	}
	// ...but never past the absolute limit (3h after sign-in; now 3h20m).
	if _, ok := f.load(t, w); ok {
		t.Fatal("session outlived its absolute expiry")
	}

	w = f.signIn(t, f.newUser(t))
	f.clk.t = f.clk.t.Add(61 * time.Minute)
	if _, ok := f.load(t, w); ok {
		t.Fatal("session outlived its idle expiry")
	}
	n, err := f.s.DeleteExpired(t.Context())
	if err != nil || n != 2 {
		t.Fatalf("DeleteExpired = %d, %v; want 2", n, err)
	}
}

func TestRotateKeepsValuesAndRetiresTheOldToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	userID := f.newUser(t)
	old := f.signIn(t, userID)
	r := request(old)
	sess, err := f.s.Get(r, CookieName)
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	if err := f.s.Rotate(r, w, sess); err != nil {
		t.Fatal(err)
	}
	if got, ok := f.load(t, w); !ok || got != userID {
		t.Error("rotated session lost its user")
	}
	if _, ok := f.load(t, old); ok {
		t.Error("old token still works after rotation")
	}
}

func TestDestroyAndDestroyAllForUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	alice, bob := f.newUser(t), f.newUser(t)
	a1, a2, b1 := f.signIn(t, alice), f.signIn(t, alice), f.signIn(t, bob)

	r := request(a1)
	sess, _ := f.s.Get(r, CookieName)
	w := httptest.NewRecorder()
	if err := f.s.Destroy(r, w, sess); err != nil {
		t.Fatal(err)
	}
	if c := w.Result().Cookies(); len(c) != 1 || c[0].MaxAge >= 0 {
		t.Errorf("destroy did not clear the cookie: %+v", c)
	}
	if _, ok := f.load(t, a1); ok {
		t.Error("destroyed session still works")
	}
	if _, ok := f.load(t, a2); !ok {
		t.Error("destroying one session ended another")
	}
	if n, err := f.s.DestroyAllForUser(t.Context(), alice); err != nil || n != 1 {
		t.Fatalf("DestroyAllForUser = %d, %v; want 1", n, err)
	}
	if _, ok := f.load(t, a2); ok {
		t.Error("session survived sign-out everywhere")
	}
	if _, ok := f.load(t, b1); !ok {
		t.Error("another user's session ended")
	}
}

func TestMalformedCookiesAreAnonymous(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, v := range []string{"", "short", "!!!!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(&http.Cookie{Name: CookieName, Value: v})
		sess, err := f.s.New(r, CookieName)
		if err != nil {
			t.Fatalf("cookie %q: %v", v, err)
		}
		if _, ok := UserID(sess); ok || !sess.IsNew {
			t.Errorf("cookie %q gave a session", v)
		}
	}
}

// FuzzHashToken checks that only well-formed 256-bit tokens are looked up.
func FuzzHashToken(f *testing.F) {
	token, _, _ := newToken()
	for _, s := range []string{token, "", "short", token + "A", "!!!!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		hash, ok := hashToken(in)
		if !ok {
			return
		}
		if len(in) != 43 || len(hash) != 32 {
			t.Fatalf("hashToken accepted %q", in)
		}
	})
}

func FuzzDecodeValues(f *testing.F) {
	for _, s := range []string{`{"user_id":"x"}`, `{}`, `[]`, `null`, `{"a":{"b":[1,2]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		values := map[interface{}]interface{}{}
		if err := decodeValues(data, values); err != nil {
			return
		}
		if _, err := encodeValues(values); err != nil {
			t.Fatalf("decoded values do not encode again: %v", err)
		}
	})
}
