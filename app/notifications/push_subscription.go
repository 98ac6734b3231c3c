package notifications

import (
	"crypto/ecdh"
	"encoding/base64"
	"errors"
	"net/url"
	"strings"
)

// Subscription is what a browser's PushManager hands over: where its push
// service takes messages for it, and the keys they are encrypted to.
type Subscription struct {
	Endpoint string
	P256dh   string // the browser's P-256 public key, base64url
	Auth     string // its 16-byte authentication secret, base64url
}

// maxSubscriptions is how many devices one user may subscribe.
const maxSubscriptions = 20

// The refusals of a subscription, as the user reads them.
var (
	ErrPushService = errors.New("this browser's push service is not one this server sends to")
	ErrPushKeys    = errors.New("the browser's subscription keys are not valid")
)

// Check refuses a subscription whose endpoint is not on a push service the
// server may send to (it would otherwise POST wherever a user pointed it)
// or whose keys could not encrypt a message.
func (s Subscription) Check(services []string) error {
	if len(s.Endpoint) > 1000 || !AllowedEndpoint(s.Endpoint, services) {
		return ErrPushService
	}
	pub, err := decodeKey(s.P256dh)
	if err != nil || len(pub) != 65 {
		return ErrPushKeys
	}
	if _, err := ecdh.P256().NewPublicKey(pub); err != nil {
		return ErrPushKeys
	}
	if auth, err := decodeKey(s.Auth); err != nil || len(auth) != 16 {
		return ErrPushKeys
	}
	return nil
}

// AllowedEndpoint reports whether endpoint is on one of services: an https
// URL whose host is a listed host name (or below a listed "*.domain"), or
// a URL under a listed origin.
func AllowedEndpoint(endpoint string, services []string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.User != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	for _, s := range services {
		switch {
		case strings.Contains(s, "://"):
			if origin == strings.TrimSuffix(s, "/") {
				return true
			}
		case u.Scheme != "https" || u.Port() != "":
		case strings.HasPrefix(s, "*."):
			if strings.HasSuffix(host, s[1:]) {
				return true
			}
		case host == s:
			return true
		}
	}
	return false
}

// decodeKey reads a base64url key, with or without padding.
func decodeKey(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}
