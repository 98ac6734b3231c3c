package notifications

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
	"golang.org/x/sync/errgroup"

	"ignition/app/config"
	"ignition/app/store/db"
)

// How the pusher works through what is due.
const (
	pushBatch   = 100              // deliveries claimed at once
	pushLease   = time.Minute      // a claimed delivery is left alone this long
	pushWorkers = 8                // sent side by side
	pushTries   = 5                // attempts before a delivery is given up
	pushMaxAge  = 24 * time.Hour   // a notification older than this is not pushed
	pushTimeout = 10 * time.Second // the longest one push service call may take
	pushRetry   = 30 * time.Second // the first wait after a failure, doubled each time
)

// Message is what a push carries to the service worker, which shows it.
type Message struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Href  string `json:"href,omitempty"`
	Tag   string `json:"tag"` // the notification's id: a repeated push replaces, not adds
}

// Pusher delivers notifications by Web Push to the devices their users
// subscribed. Several app processes may run it at once: each delivery is
// claimed by one of them.
type Pusher struct {
	q        *db.Queries
	keys     *keyring
	subject  string
	services []string
	client   *http.Client
	logger   *slog.Logger
}

// NewPusher prepares the pusher for the configuration.
func NewPusher(q *db.Queries, cfg config.Push, logger *slog.Logger) *Pusher {
	return &Pusher{
		q: q, keys: newKeyring(q, Keys{Public: cfg.PublicKey, Private: cfg.PrivateKey}),
		subject: strings.TrimPrefix(cfg.Subject, "mailto:"), services: cfg.Services, logger: logger,
		client: &http.Client{
			Timeout: pushTimeout,
			// A push service answers; it does not send the server elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// PublicKey is the VAPID public key browsers subscribe with.
func (p *Pusher) PublicKey(ctx context.Context) (string, error) {
	k, err := p.keys.get(ctx)
	return k.Public, err
}

// Push sends the deliveries due by now and reports how many arrived.
func (p *Pusher) Push(ctx context.Context, now time.Time) (int, error) {
	keys, err := p.keys.get(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := p.q.ClaimPushDeliveries(ctx, db.ClaimPushDeliveriesParams{At: now, MaxRows: pushBatch, LeaseSeconds: int32(pushLease / time.Second)})
	if err != nil {
		return 0, fmt.Errorf("notifications: unable to claim pushes: %w", err)
	}
	var delivered atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(pushWorkers)
	for _, r := range rows {
		g.Go(func() error {
			ok, err := p.deliver(gctx, keys, r, now)
			if ok {
				delivered.Add(1)
			}
			return err
		})
	}
	err = g.Wait()
	return int(delivered.Load()), err
}

// outcome is what became of one push.
type outcome int

const (
	sent    outcome = iota
	gone            // the subscription no longer exists
	refused         // the push service will never take this one
	failed          // worth another try
)

// deliver sends one claimed delivery and records what became of it.
func (p *Pusher) deliver(ctx context.Context, keys Keys, r db.ClaimPushDeliveriesRow, now time.Time) (bool, error) {
	age := now.Sub(r.CreatedAt)
	if age >= pushMaxAge {
		return false, p.finish(ctx, r)
	}
	res, retryAfter := p.send(ctx, keys, r, pushMaxAge-age)
	host := endpointHost(r.Endpoint)
	switch {
	case res == sent:
		if err := p.finish(ctx, r); err != nil {
			return false, err
		}
		return true, p.q.MarkPushSent(ctx, db.MarkPushSentParams{ID: r.SubscriptionID, At: now})
	case res == gone:
		p.logger.Info("push subscription gone", "service", host)
		return false, p.q.ForgetPushSubscription(ctx, r.SubscriptionID)
	case res == refused || r.Attempts >= pushTries:
		p.logger.Warn("push given up", "service", host, "attempts", r.Attempts)
		return false, p.finish(ctx, r)
	}
	wait := max(pushRetry<<(r.Attempts-1), retryAfter)
	return false, p.q.RetryPushDelivery(ctx, db.RetryPushDeliveryParams{NotificationID: r.NotificationID, SubscriptionID: r.SubscriptionID, NextAt: now.Add(wait)})
}

// send makes one push: the message encrypted to the subscription's keys
// (RFC 8291) with a VAPID signature, kept by the service for ttl at most.
func (p *Pusher) send(ctx context.Context, keys Keys, r db.ClaimPushDeliveriesRow, ttl time.Duration) (outcome, time.Duration) {
	payload, err := json.Marshal(Message{Title: r.Title, Body: r.Body, Href: r.Href, Tag: r.NotificationID.String()})
	if err != nil {
		return refused, 0
	}
	urgency := webpush.UrgencyNormal
	if r.Kind == FocusEnd {
		urgency = webpush.UrgencyHigh
	}
	ctx, cancel := context.WithTimeout(ctx, pushTimeout)
	defer cancel()
	res, err := webpush.SendNotificationWithContext(ctx, payload,
		&webpush.Subscription{Endpoint: r.Endpoint, Keys: webpush.Keys{P256dh: r.P256dh, Auth: r.Auth}},
		&webpush.Options{HTTPClient: p.client, Subscriber: p.subject, VAPIDPublicKey: keys.Public, VAPIDPrivateKey: keys.Private,
			TTL: int(ttl / time.Second), Urgency: urgency})
	if err != nil {
		p.logger.Warn("push failed", "service", endpointHost(r.Endpoint), "error", err.Error())
		return failed, 0
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	switch c := res.StatusCode; {
	case c >= 200 && c < 300:
		return sent, 0
	case c == http.StatusNotFound || c == http.StatusGone:
		return gone, 0
	case c == http.StatusTooManyRequests || c >= 500:
		return failed, retryAfter(res.Header.Get("Retry-After"))
	default:
		p.logger.Warn("push refused", "service", endpointHost(r.Endpoint), "status", c)
		return refused, 0
	}
}

// finish ends a delivery that arrived or was given up.
func (p *Pusher) finish(ctx context.Context, r db.ClaimPushDeliveriesRow) error {
	return p.q.FinishPushDelivery(ctx, db.FinishPushDeliveryParams{NotificationID: r.NotificationID, SubscriptionID: r.SubscriptionID})
}

// retryAfter reads a Retry-After of seconds, held to an hour.
func retryAfter(v string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, time.Hour)
}

// endpointHost names the push service of an endpoint for the logs (the
// endpoint itself is the device's capability and is not logged).
func endpointHost(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return ""
	}
	return u.Host
}
