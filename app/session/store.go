// Package session keeps server-side sessions in PostgreSQL behind the
// gorilla/sessions Store interface. The cookie carries a 256-bit random token;
// the database keeps only its SHA-256, the owner and the values as JSON.
// Values are keyed by strings and hold JSON-representable data.
package session

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/gorilla/sessions"

	"ignition/app/store"
	"ignition/app/store/db"
)

// CookieName is the name of the session cookie.
const CookieName = "ignition_session"

const (
	userIDKey      = "user_id"
	authAtKey      = "authenticated_at"
	authByKey      = "authenticated_by"
	tokenBytes     = 32
	maxUserAgent   = 255
	touchThreshold = time.Minute // last_seen_at is rewritten at most this often
)

// Options configures the store.
type Options struct {
	Idle         time.Duration // a session ends after this long without a request
	Max          time.Duration // and this long after it was created
	CookieDomain string
	SecureCookie bool
}

// Store is a gorilla/sessions Store backed by the sessions table.
type Store struct {
	db   store.DB
	q    *db.Queries
	opts Options
	now  func() time.Time
}

// NewStore returns a store that reads and writes sessions through d.
func NewStore(d store.DB, opts Options) *Store {
	return &Store{db: d, q: db.New(d), opts: opts, now: time.Now}
}

// Get returns the request's session named name, cached for the request.
func (s *Store) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(s, name)
}

// New loads the session named in the request's cookie, or returns a new,
// empty one when there is no live session. It never fails for a missing or
// stale cookie: the visitor is simply anonymous.
func (s *Store) New(r *http.Request, name string) (*sessions.Session, error) {
	return s.Load(r, name, nil)
}

// Extra queues, in the round trip that reads a session, queries keyed by
// the hash of its token (which a query joins to sessions.id_hash).
type Extra func(b *store.Batch, tokenHash []byte)

// Load reads the request's session named name and, in the same round trip,
// records the request on it (at most once a minute) and runs extra's
// queries: a request starts with one round trip, or none without a
// well-formed cookie.
func (s *Store) Load(r *http.Request, name string, extra Extra) (*sessions.Session, error) {
	sess := sessions.NewSession(s, name)
	sess.Options = s.cookieOptions()
	sess.IsNew = true
	cookie, err := r.Cookie(name)
	if err != nil {
		return sess, nil
	}
	hash, ok := hashToken(cookie.Value)
	if !ok {
		return sess, nil
	}
	now := s.now()
	var b store.Batch
	store.Exec(&b, db.TouchSession, db.TouchSessionParams{Now: now, IdleExpiresAt: now.Add(s.opts.Idle), IDHash: hash, StaleBefore: now.Add(-touchThreshold)})
	var row db.GetSessionRow
	var found bool
	store.Maybe(&b, db.GetSession, &row, &found, db.GetSessionParams{IDHash: hash, Now: now})
	if extra != nil {
		extra(&b, hash)
	}
	if err := b.Send(r.Context(), s.db); err != nil {
		return sess, fmt.Errorf("session: unable to load: %w", err)
	}
	if !found {
		return sess, nil
	}
	if err := decodeValues(row.Data, sess.Values); err != nil {
		// An unreadable row cannot be trusted: the visitor starts anonymous.
		sess.Values = map[interface{}]interface{}{}
		return sess, nil
	}
	sess.ID = cookie.Value
	sess.IsNew = false
	if row.UserID.Valid && row.OwnerEmail.Valid {
		sess.Values[ownerKey{}] = Owner{
			ID: row.UserID.UUID, Email: row.OwnerEmail.String, Name: row.OwnerName.String, Theme: row.OwnerTheme, WeekStart: int(row.OwnerWeekStart),
			TimeZone: row.OwnerTimeZone, PreviousTimeZone: row.OwnerPreviousTimeZone.String, TimeZoneSwitch: row.OwnerTimeZoneSwitch.Time,
			Status: row.OwnerStatus, EmailVerified: row.OwnerEmailVerified,
			AgeVerified: row.OwnerAgeVerified, TermsAccepted: row.OwnerTermsAccepted,
		}
	}
	return sess, nil
}

// Save writes the session and, for a new one, sets its cookie. A session
// whose Options.MaxAge is negative is deleted and its cookie cleared.
func (s *Store) Save(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	ctx := r.Context()
	if sess.Options != nil && sess.Options.MaxAge < 0 {
		if err := s.delete(ctx, sess.ID); err != nil {
			return err
		}
		sess.ID = ""
		http.SetCookie(w, sessions.NewCookie(sess.Name(), "", sess.Options))
		return nil
	}
	data, err := encodeValues(sess.Values)
	if err != nil {
		return err
	}
	now := s.now()
	userID := nullUserID(sess)
	if sess.ID != "" {
		hash, _ := hashToken(sess.ID)
		err := s.q.UpdateSessionData(ctx, db.UpdateSessionDataParams{
			IDHash: hash, UserID: userID, Data: data, Now: now,
			IdleExpiresAt: now.Add(s.opts.Idle),
		})
		if err != nil {
			return fmt.Errorf("session: unable to update: %w", err)
		}
		return nil
	}
	token, hash, err := newToken()
	if err != nil {
		return err
	}
	expires := now.Add(s.opts.Max)
	err = s.q.InsertSession(ctx, db.InsertSessionParams{
		IDHash: hash, UserID: userID, Data: data, UserAgent: truncate(r.UserAgent(), maxUserAgent),
		Now: now, IdleExpiresAt: s.idleExpiry(now, expires), ExpiresAt: expires,
	})
	if err != nil {
		return fmt.Errorf("session: unable to insert: %w", err)
	}
	sess.ID = token
	sess.IsNew = false
	http.SetCookie(w, sessions.NewCookie(sess.Name(), token, sess.Options))
	return nil
}

// Rotate gives the session a fresh token, keeping its values, and retires the
// old one. Sign-in and other security-sensitive steps call it.
func (s *Store) Rotate(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	if err := s.delete(r.Context(), sess.ID); err != nil {
		return err
	}
	sess.ID = ""
	sess.Options = s.cookieOptions()
	return s.Save(r, w, sess)
}

// Destroy deletes the session and clears its cookie.
func (s *Store) Destroy(r *http.Request, w http.ResponseWriter, sess *sessions.Session) error {
	sess.Options = s.cookieOptions()
	sess.Options.MaxAge = -1
	return s.Save(r, w, sess)
}

// DestroyAllForUser ends every session of the user, on every device.
func (s *Store) DestroyAllForUser(ctx context.Context, userID uuid.UUID) (int64, error) {
	n, err := s.q.DeleteUserSessions(ctx, uuid.NullUUID{UUID: userID, Valid: true})
	if err != nil {
		return 0, fmt.Errorf("session: unable to end sessions of %s: %w", userID, err)
	}
	return n, nil
}

// DeleteExpired removes sessions past their idle or absolute expiry.
func (s *Store) DeleteExpired(ctx context.Context) (int64, error) {
	n, err := s.q.DeleteExpiredSessions(ctx, s.now())
	if err != nil {
		return 0, fmt.Errorf("session: unable to delete expired sessions: %w", err)
	}
	return n, nil
}

// Owner is the signed-in user of a loaded session, as every page shows them.
// It is read with the session in one query and never stored in it.
type Owner struct {
	ID       uuid.UUID
	Email    string
	Name     string
	Theme    string
	TimeZone string // IANA name
	// The zone in force before TimeZoneSwitch, while a change takes effect
	// ("" and zero without one).
	PreviousTimeZone string
	TimeZoneSwitch   time.Time
	WeekStart        int    // 0 Sunday, 1 Monday
	Status           string // pending, approved or denied
	EmailVerified    bool
	AgeVerified      bool
	TermsAccepted    bool
	// The market cosmetics they wear ("" for none).
	Skin, Accent, Badge, Title string
	Focusing                   bool // a focus session runs, on any device
}

// ownerKey keys the Owner in the session's values; as a non-string key it
// cannot collide with a stored value and is skipped when saving.
type ownerKey struct{}

// OwnerOf returns the user the session was loaded for, if the session is
// signed in and the account still exists.
func OwnerOf(sess *sessions.Session) (Owner, bool) {
	o, ok := sess.Values[ownerKey{}].(Owner)
	return o, ok
}

// SetUserID marks the session as signed in as userID.
func SetUserID(sess *sessions.Session, userID uuid.UUID) {
	sess.Values[userIDKey] = userID.String()
}

// SetAuthenticated records when and how the user last proved who they are
// (by names the way: a provider, a passkey), for step-up checks.
func SetAuthenticated(sess *sessions.Session, t time.Time, by string) {
	sess.Values[authAtKey] = strconv.FormatInt(t.Unix(), 10)
	sess.Values[authByKey] = by
}

// AuthenticatedBy returns how the user last proved who they are, or "".
func AuthenticatedBy(sess *sessions.Session) string {
	by, _ := sess.Values[authByKey].(string)
	return by
}

// AuthenticatedAt returns when the user last proved who they are.
func AuthenticatedAt(sess *sessions.Session) (time.Time, bool) {
	v, ok := sess.Values[authAtKey].(string)
	if !ok {
		return time.Time{}, false
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	return time.Unix(secs, 0), err == nil
}

// UserID returns the signed-in user of the session, if any.
func UserID(sess *sessions.Session) (uuid.UUID, bool) {
	v, ok := sess.Values[userIDKey].(string)
	if !ok {
		return uuid.Nil, false
	}
	id, err := uuid.Parse(v)
	return id, err == nil
}

func (s *Store) delete(ctx context.Context, token string) error {
	hash, ok := hashToken(token)
	if !ok {
		return nil
	}
	if err := s.q.DeleteSession(ctx, hash); err != nil {
		return fmt.Errorf("session: unable to delete: %w", err)
	}
	return nil
}

func (s *Store) cookieOptions() *sessions.Options {
	return &sessions.Options{
		Path:     "/",
		Domain:   s.opts.CookieDomain,
		MaxAge:   int(s.opts.Max.Seconds()),
		Secure:   s.opts.SecureCookie,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
}

// idleExpiry is the idle deadline from now, never past the absolute one.
func (s *Store) idleExpiry(now, expires time.Time) time.Time {
	if idle := now.Add(s.opts.Idle); idle.Before(expires) {
		return idle
	}
	return expires
}

func nullUserID(sess *sessions.Session) uuid.NullUUID {
	id, ok := UserID(sess)
	return uuid.NullUUID{UUID: id, Valid: ok}
}

func newToken() (token string, hash []byte, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("session: unable to generate token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(token))
	return token, sum[:], nil
}

// hashToken returns the stored key of a well-formed token.
func hashToken(token string) ([]byte, bool) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != tokenBytes {
		return nil, false
	}
	sum := sha256.Sum256([]byte(token))
	return sum[:], true
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func encodeValues(values map[interface{}]interface{}) ([]byte, error) {
	m := make(map[string]interface{}, len(values))
	for k, v := range values {
		if _, owner := k.(ownerKey); owner {
			continue
		}
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("session: value key %v is not a string", k)
		}
		m[key] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("session: unable to encode: %w", err)
	}
	return b, nil
}

func decodeValues(data []byte, values map[interface{}]interface{}) error {
	var m map[string]interface{}
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("session: unable to decode: %w", err)
	}
	for k, v := range m {
		values[k] = v
	}
	return nil
}

// ListForUser returns the user's live sessions, most recently used first,
// marking current.
func (s *Store) ListForUser(ctx context.Context, userID uuid.UUID, current *sessions.Session) ([]db.ListUserSessionsRow, error) {
	hash, _ := hashToken(current.ID)
	rows, err := s.q.ListUserSessions(ctx, db.ListUserSessionsParams{
		UserID: uuid.NullUUID{UUID: userID, Valid: true}, CurrentHash: hash, Now: s.now(),
	})
	if err != nil {
		return nil, fmt.Errorf("session: unable to list sessions of %s: %w", userID, err)
	}
	return rows, nil
}

// RevokeForUser ends one of the user's sessions by its public ID and
// reports whether there was one.
func (s *Store) RevokeForUser(ctx context.Context, userID, publicID uuid.UUID) (bool, error) {
	n, err := s.q.DeleteUserSession(ctx, db.DeleteUserSessionParams{UserID: uuid.NullUUID{UUID: userID, Valid: true}, PublicID: publicID})
	if err != nil {
		return false, fmt.Errorf("session: unable to revoke session of %s: %w", userID, err)
	}
	return n > 0, nil
}
