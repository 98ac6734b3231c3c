// Package pushtest is a Web Push service on loopback for tests. It makes
// subscriptions as a browser's push service would (a P-256 key pair and an
// authentication secret each), takes pushes for them, checks their VAPID
// signature (RFC 8292) and decrypts them (RFC 8291, aes128gcm), so a test
// reads what a device would show.
package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Service is the push service.
type Service struct {
	URL string // its origin, e.g. http://127.0.0.1:38211

	srv    *httptest.Server
	mu     sync.Mutex
	subs   map[string]*Subscription
	pushes []Push
	next   int
	change chan struct{} // closed and replaced on every push
}

// Subscription is one device's subscription: what a browser hands the app.
type Subscription struct {
	ID       string
	Endpoint string
	P256dh   string // base64url, as PushSubscription.toJSON gives it
	Auth     string

	key    *ecdh.PrivateKey
	secret []byte
	status int // what the service answers its pushes
}

// Push is one push the service took (or refused).
type Push struct {
	Subscription string // its ID
	Status       int    // what the service answered
	Message      []byte // the decrypted payload; nil when not decrypted
	Err          error  // why it was refused as malformed
	TTL, Urgency string
	VAPIDKey     string // the k= of the Authorization header
	Subject      string // the JWT's sub
}

// Start runs the service until the test ends.
func Start(t testing.TB) *Service {
	s := New()
	t.Cleanup(s.Close)
	return s
}

// New runs the service until Close (for a TestMain).
func New() *Service {
	s := &Service{subs: map[string]*Subscription{}, change: make(chan struct{})}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the service.
func (s *Service) Close() { s.srv.Close() }

// Subscribe makes a subscription whose pushes are taken (201).
func (s *Service) Subscribe(t testing.TB) *Subscription {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	secret := make([]byte, 16)
	rand.Read(secret)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	sub := &Subscription{ID: fmt.Sprintf("sub%d", s.next), key: key, secret: secret, status: http.StatusCreated,
		P256dh: base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes()), Auth: base64.RawURLEncoding.EncodeToString(secret)}
	sub.Endpoint = s.URL + "/push/" + sub.ID
	s.subs[sub.ID] = sub
	return sub
}

// Answer makes the service answer the subscription's pushes with status
// (410 for one that is gone, 500 for a service in trouble).
func (s *Service) Answer(sub *Subscription, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs[sub.ID].status = status
}

// Pushes lists the pushes taken so far, oldest first.
func (s *Service) Pushes() []Push {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Push(nil), s.pushes...)
}

// For lists the pushes of one subscription.
func (s *Service) For(sub *Subscription) []Push {
	var out []Push
	for _, p := range s.Pushes() {
		if p.Subscription == sub.ID {
			out = append(out, p)
		}
	}
	return out
}

// WaitFor waits until the subscription has had n pushes and returns them.
func (s *Service) WaitFor(t testing.TB, sub *Subscription, n int, timeout time.Duration) []Push {
	t.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		change := s.change
		s.mu.Unlock()
		if got := s.For(sub); len(got) >= n {
			return got
		}
		select {
		case <-change:
		case <-deadline:
			t.Fatalf("pushtest: %s had %d pushes, not %d, after %s", sub.ID, len(s.For(sub)), n, timeout)
		}
	}
}

// Decode reads a push's message as JSON into v.
func (p Push) Decode(v any) error {
	if p.Message == nil {
		return fmt.Errorf("pushtest: push was not decrypted: %v", p.Err)
	}
	return json.Unmarshal(p.Message, v)
}

func (s *Service) serve(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutPrefix(r.URL.Path, "/push/")
	s.mu.Lock()
	sub := s.subs[id]
	s.mu.Unlock()
	if r.Method != http.MethodPost || !ok || sub == nil {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8192))
	p := Push{Subscription: id, TTL: r.Header.Get("TTL"), Urgency: r.Header.Get("Urgency"), Status: sub.status}
	if err == nil && sub.status == http.StatusCreated {
		p.VAPIDKey, p.Subject, err = s.checkVAPID(r)
		if err == nil {
			p.Message, err = sub.decrypt(r.Header.Get("Content-Encoding"), body)
		}
		if err != nil {
			p.Status = http.StatusBadRequest
		}
	}
	p.Err = err
	s.mu.Lock()
	s.pushes = append(s.pushes, p)
	close(s.change)
	s.change = make(chan struct{})
	s.mu.Unlock()
	w.WriteHeader(p.Status)
}

// checkVAPID verifies the Authorization header "vapid t=<JWT>, k=<key>":
// an ES256 token signed by k, for this service, not expired, with a
// subject. It returns k and the subject.
func (s *Service) checkVAPID(r *http.Request) (string, string, error) {
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "vapid ")
	if !ok {
		return "", "", errors.New("no vapid authorization")
	}
	var token, key string
	for _, part := range strings.Split(auth, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			token = v
		case "k":
			key = v
		}
	}
	raw, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil {
		return "", "", fmt.Errorf("vapid key: %w", err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
	if err != nil {
		return "", "", fmt.Errorf("vapid key: %w", err)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", "", errors.New("vapid token is not a JWT")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return "", "", errors.New("vapid signature is not ES256")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "", "", errors.New("vapid signature does not verify")
	}
	var header struct{ Alg string }
	var claims struct {
		Aud string
		Exp int64
		Sub string
	}
	if err := decodeSegment(parts[0], &header); err != nil || header.Alg != "ES256" {
		return "", "", errors.New("vapid token is not ES256")
	}
	if err := decodeSegment(parts[1], &claims); err != nil {
		return "", "", err
	}
	now := time.Now().Unix()
	switch {
	case claims.Aud != s.URL:
		return "", "", fmt.Errorf("vapid audience %q is not %q", claims.Aud, s.URL)
	case claims.Exp <= now || claims.Exp > now+24*3600:
		return "", "", errors.New("vapid token expired or lives over 24 h")
	case !strings.HasPrefix(claims.Sub, "mailto:") && !strings.HasPrefix(claims.Sub, "https:"):
		return "", "", fmt.Errorf("vapid subject %q is neither a mailto: nor an https: URL", claims.Sub)
	}
	return key, claims.Sub, nil
}

func decodeSegment(seg string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// decrypt opens an aes128gcm body (RFC 8188) with the keys RFC 8291
// derives from the subscription's private key and secret.
func (sub *Subscription) decrypt(encoding string, body []byte) ([]byte, error) {
	if encoding != "aes128gcm" {
		return nil, fmt.Errorf("content encoding %q is not aes128gcm", encoding)
	}
	if len(body) < 21 {
		return nil, errors.New("body too short for its header")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idlen || idlen != 65 {
		return nil, errors.New("the key id is not the sender's P-256 key")
	}
	senderRaw, record := body[21:21+idlen], body[21+idlen:]
	if uint32(len(record)) > rs || rs < 18 {
		return nil, errors.New("more than one record")
	}
	sender, err := ecdh.P256().NewPublicKey(senderRaw)
	if err != nil {
		return nil, err
	}
	shared, err := sub.key.ECDH(sender)
	if err != nil {
		return nil, err
	}
	info := "WebPush: info\x00" + string(sub.key.PublicKey().Bytes()) + string(senderRaw)
	ikm, err := hkdf.Key(sha256.New, shared, sub.secret, info, 32)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, record, nil)
	if err != nil {
		return nil, fmt.Errorf("the record does not decrypt: %w", err)
	}
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 2 {
		return nil, errors.New("the record lacks the last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}
