// Package suggest is the contract between Today and the modules that offer
// it something to do: a module declares Sources; Today queues their reads
// in its one round trip, ranks what they offer and links each pick back
// through its source.
package suggest

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"ignition/app/calendar"
	"ignition/app/decision"
	"ignition/app/store"
	"ignition/app/store/db"
)

// Candidate is something Today could suggest, with the signals it is
// ranked on (spec §12.4).
type Candidate struct {
	Key   decision.Key
	Count int     // raw frequency: how often it was done
	Days  int     // days since it was last done; −1 for never
	Seq   float64 // S: P(next = this | previous = last action), 0 when unknown
	Ctx   float64 // C: context bonus (0 or 1)
	Order int     // its source's place among kinds, for ties (Today sets it)
	Label string  // what the pick says
	// Act names the source's Act the pick offers right on Today ("" for
	// none: the pick only leads to its page).
	Act string
	// Detail is a line of progress under the pick, e.g. "1 of 3 today".
	Detail string
	// Reason is a neutral fact about it, the "Why this?" line when no
	// ranking signal says more (e.g. "Due today"). It never names the item.
	Reason string
}

// ID is the candidate's decision key as stored.
func (c Candidate) ID() string { return c.Key.String() }

// Offer is what a source found for the user: its candidates, and when the
// user last did anything of its kind (zero for never), for Today's
// reduced mode.
type Offer struct {
	Candidates []Candidate
	LastActive time.Time
}

// Source is one kind of suggestion a module offers Today.
type Source struct {
	Kind  string // the decision kind of its candidates
	Order int    // among candidates with equal score and count, lower kinds come first
	// Queue adds the reads its candidates need to Today's round trip; the
	// function it returns makes the offer once the batch is sent.
	Queue func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (Offer, error)
	// Href is where acting on one of its decisions (by ID) leads: a page
	// that can do what the pick says.
	Href func(id string) (string, bool)
	// Acts are what its picks can do in place on Today, by name.
	Acts map[string]Act
}

// Act is something a pick does right on Today, in the request's
// transaction.
type Act struct {
	Label string // its button, e.g. "Mark done"
	// Do does it for the decision ID through q and says what happened.
	Do func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) (Done, error)
	// Undo takes it back; nil when it cannot be taken back.
	Undo func(ctx context.Context, q *db.Queries, user uuid.UUID, cal calendar.Calendar, id string) error
}

// Done is what an Act did.
type Done struct {
	Notice string // what Today tells the user, e.g. "“Scales” is done for today."
	Next   string // where the user goes next; "" stays on Today
}

// ErrNotFound is a decision that is not the user's (404).
var ErrNotFound = errors.New("suggest: not found")

// Refusal is an Act the decision's state does not allow, with what the
// user is told (409); nothing changed.
type Refusal struct{ Message string }

func (r *Refusal) Error() string { return r.Message }

// Refuse is a Refusal saying message.
func Refuse(message string) error { return &Refusal{Message: message} }

// DaysSince counts the days from day to today (−1 when there is no day).
func DaysSince(day time.Time, valid bool, today time.Time) int {
	if !valid {
		return -1
	}
	return max(0, int(today.Sub(day).Hours()/24))
}
