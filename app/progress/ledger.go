package progress

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"ignition/app/decision"
	"ignition/app/store/db"
	"ignition/app/web"
)

// Entry is one movement of XP and coins. Key names what paid (such as
// "habit:<completion id>"): the same key never pays twice.
type Entry struct {
	Key    string
	Reason string // shown in the activity feed
	Skill  string // the skill the XP feeds, or "" for none
	XP     int32
	Coins  int32
}

// ErrNotEnoughCoins is the refusal of an entry that would take the coin
// balance below zero: the caller's transaction must roll back, and the user
// hear why.
var ErrNotEnoughCoins = errors.New("progress: not enough coins")

// award writes the entry to the ledger and moves the balances with it,
// through q bound to the transaction of the action that earns or spends. It
// reports false, changing nothing, when the key has already paid. Other
// packages pay through Reward, Spend and Reverse.
func award(ctx context.Context, q *db.Queries, userID uuid.UUID, e Entry) (bool, error) {
	_, err := q.InsertLedgerEntry(ctx, db.InsertLedgerEntryParams{
		UserID: userID, Key: e.Key, Reason: e.Reason, Skill: pgtype.Text{String: e.Skill, Valid: e.Skill != ""},
		Xp: e.XP, Coins: e.Coins,
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("progress: unable to record %s: %w", e.Key, err)
	}
	if err := q.EnsureBalances(ctx, userID); err != nil {
		return false, fmt.Errorf("progress: unable to open balances of %s: %w", userID, err)
	}
	xp, err := q.MoveBalances(ctx, db.MoveBalancesParams{UserID: userID, Xp: int64(e.XP), Coins: int64(e.Coins)})
	if err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23514" { // check_violation: coins >= 0
			return false, ErrNotEnoughCoins
		}
		return false, fmt.Errorf("progress: unable to move balances for %s: %w", e.Key, err)
	}
	if now := LevelFor(xp).Number; e.XP > 0 && now > LevelFor(xp-int64(e.XP)).Number {
		web.Celebrate(ctx, now) // the answer to the request shows it
	}
	if e.Skill != "" && e.XP != 0 {
		if err := q.MoveSkill(ctx, db.MoveSkillParams{UserID: userID, Skill: e.Skill, Xp: int64(e.XP)}); err != nil {
			return false, fmt.Errorf("progress: unable to move skill XP for %s: %w", e.Key, err)
		}
	}
	return true, nil
}

// Reward pays for an action the user took on a decision: the ledger entry,
// the activity the Neo4j projection learns sequences from, and, when a
// recent Today list showed the decision, its "completed" outcome, all
// through q in the action's transaction. It reports false, changing
// nothing, when the entry's key has already paid. Every reward goes
// through here; Spend and Reverse move coins without an action.
func Reward(ctx context.Context, q *db.Queries, userID uuid.UUID, key decision.Key, e Entry) (bool, error) {
	paid, err := award(ctx, q, userID, e)
	if err != nil || !paid {
		return false, err
	}
	if err := q.RecordActivity(ctx, db.RecordActivityParams{UserID: userID, Action: key.String()}); err != nil {
		return false, fmt.Errorf("progress: unable to record the activity %s: %w", key, err)
	}
	if err := q.RecordCompletedOutcome(ctx, db.RecordCompletedOutcomeParams{UserID: userID, DecisionID: key.String()}); err != nil {
		return false, fmt.Errorf("progress: unable to record the outcome of %s: %w", key, err)
	}
	return true, nil
}

// Spend takes e's coins (a negative amount) for a purchase; it refuses
// with ErrNotEnoughCoins past the balance.
func Spend(ctx context.Context, q *db.Queries, userID uuid.UUID, e Entry) (bool, error) {
	return award(ctx, q, userID, e)
}

// Reverse undoes what key paid with an opposite entry keyed key+":undo".
func Reverse(ctx context.Context, q *db.Queries, userID uuid.UUID, e Entry) (bool, error) {
	return award(ctx, q, userID, Entry{Key: e.Key + ":undo", Reason: e.Reason, Skill: e.Skill, XP: -e.XP, Coins: -e.Coins})
}
