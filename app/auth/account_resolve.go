package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"ignition/app/store"
	"ignition/app/store/db"
)

// Reasons a provider sign-in is turned away, each with its own page.
var (
	errSignupBlocked = errors.New("this identity was refused at sign-up")
	errNoEmail       = errors.New("the provider shared no email address")
	errEmailTaken    = errors.New("the email belongs to an account this identity cannot claim")
)

// resolveAccount finds or creates the user a verified provider identity
// signs in as: the identity's own user; else, when the provider verified
// the email, the user with that verified email; else a new user, approved
// at once only for administrators and auto-approved domains.
func (h *Handler) resolveAccount(ctx context.Context, providerID string, c *claims) (uuid.UUID, error) {
	var userID uuid.UUID
	err := store.Tx(ctx, h.pool, func(q *db.Queries) error {
		blocked, err := q.IsSignupBlocked(ctx, identityHash(providerID, c.Subject))
		if err != nil {
			return err
		}
		if blocked {
			return errSignupBlocked
		}
		identity, err := q.GetIdentity(ctx, db.GetIdentityParams{Provider: providerID, Subject: c.Subject})
		if err == nil {
			userID = identity.UserID
			return q.TouchIdentity(ctx, db.TouchIdentityParams{Provider: providerID, Subject: c.Subject, Email: c.Email, EmailVerified: c.verified()})
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if c.Email == "" {
			return errNoEmail
		}
		existing, err := q.GetUserByEmail(ctx, c.Email)
		switch {
		case err == nil && c.verified() && existing.EmailVerified:
			userID = existing.ID
		case err == nil:
			return errEmailTaken
		case errors.Is(err, pgx.ErrNoRows):
			status := StatusPending
			if c.verified() && h.cfg.AutoApproves(c.Email) {
				status = StatusApproved
			}
			user, err := q.CreateUser(ctx, db.CreateUserParams{Email: c.Email, Name: c.Name, Status: status, EmailVerified: c.verified()})
			if err != nil {
				return err
			}
			userID = user.ID
		default:
			return err
		}
		return q.InsertIdentity(ctx, db.InsertIdentityParams{
			Provider: providerID, Subject: c.Subject, UserID: userID, Email: c.Email, EmailVerified: c.verified(),
		})
	})
	if err != nil && !errors.Is(err, errSignupBlocked) && !errors.Is(err, errNoEmail) && !errors.Is(err, errEmailTaken) {
		return uuid.Nil, fmt.Errorf("auth: unable to resolve %s account: %w", providerID, err)
	}
	return userID, err
}
