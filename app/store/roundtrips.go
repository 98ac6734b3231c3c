package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// roundTripsKey keeps a request's round-trip counter in its context.
type roundTripsKey struct{}

// CountRoundTrips returns ctx with a counter of the Postgres round trips
// made under it: every statement, batch, prepare and connect. A request's
// cost in round trips does not depend on the machine, so it is a budget a
// test can hold (and the access log reports it).
func CountRoundTrips(ctx context.Context) (context.Context, *atomic.Int32) {
	n := new(atomic.Int32)
	return context.WithValue(ctx, roundTripsKey{}, n), n
}

func countRoundTrip(ctx context.Context) {
	if n, ok := ctx.Value(roundTripsKey{}).(*atomic.Int32); ok {
		n.Add(1)
	}
}

// roundTrips is the pool's tracer: it counts, and records nothing else.
type roundTrips struct{}

func (roundTrips) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	countRoundTrip(ctx)
	return ctx
}

func (roundTrips) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (roundTrips) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	countRoundTrip(ctx)
	return ctx
}

func (roundTrips) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

func (roundTrips) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (roundTrips) TracePrepareStart(ctx context.Context, _ *pgx.Conn, _ pgx.TracePrepareStartData) context.Context {
	countRoundTrip(ctx)
	return ctx
}

func (roundTrips) TracePrepareEnd(context.Context, *pgx.Conn, pgx.TracePrepareEndData) {}

func (roundTrips) TraceConnectStart(ctx context.Context, _ pgx.TraceConnectStartData) context.Context {
	countRoundTrip(ctx)
	return ctx
}

func (roundTrips) TraceConnectEnd(context.Context, pgx.TraceConnectEndData) {}

func (roundTrips) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	countRoundTrip(ctx)
	return ctx
}

func (roundTrips) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}
