package notifications

import (
	"context"
	"errors"
	"fmt"
	"sync"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/jackc/pgx/v5"

	"ignition/app/store/db"
)

// Keys is the VAPID key pair the server signs its pushes with, base64url.
type Keys struct {
	Public, Private string
}

// keyring hands out the app's VAPID key pair: the configured one, or the
// one kept in the database, made by the first process that needed it.
type keyring struct {
	q    *db.Queries
	mu   sync.Mutex
	keys Keys // zero until known
}

func newKeyring(q *db.Queries, configured Keys) *keyring {
	return &keyring{q: q, keys: configured}
}

// get returns the key pair, reading (or making) it once per process.
func (k *keyring) get(ctx context.Context) (Keys, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys.Public != "" {
		return k.keys, nil
	}
	row, err := k.q.GetPushKeys(ctx)
	if errors.Is(err, pgx.ErrNoRows) {
		private, public, genErr := webpush.GenerateVAPIDKeys()
		if genErr != nil {
			return Keys{}, fmt.Errorf("notifications: unable to make a VAPID key pair: %w", genErr)
		}
		// Another process may have stored its pair first: read back the one kept.
		if err = k.q.InsertPushKeys(ctx, db.InsertPushKeysParams{PublicKey: public, PrivateKey: private}); err == nil {
			row, err = k.q.GetPushKeys(ctx)
		}
	}
	if err != nil {
		return Keys{}, fmt.Errorf("notifications: unable to load the VAPID key pair: %w", err)
	}
	k.keys = Keys{Public: row.PublicKey, Private: row.PrivateKey}
	return k.keys, nil
}
