package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"ignition/app/store/db"
)

// DB is what queries run on: the pool or a transaction.
type DB interface {
	db.DBTX
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// Batch gathers queries to send to Postgres in one round trip. Each is
// one of the generated queries (its exported SQL constant) with its
// parameters: the query's Params struct, or its single value.
type Batch struct{ b pgx.Batch }

// Len reports how many queries the batch holds.
func (b *Batch) Len() int { return b.b.Len() }

// Send sends the batch on d and fills every destination; an empty batch
// costs nothing.
func (b *Batch) Send(ctx context.Context, d DB) error {
	if b.b.Len() == 0 {
		return nil
	}
	if err := d.SendBatch(ctx, &b.b).Close(); err != nil {
		return fmt.Errorf("store: batch failed: %w", err)
	}
	return nil
}

// Exec queues a statement that returns no rows.
func Exec(b *Batch, query string, params ...any) {
	b.b.Queue(query, args(params)...).Exec(func(pgconn.CommandTag) error { return nil })
}

// One queues a query that returns exactly one row, scanned into dst.
func One[T any](b *Batch, query string, dst *T, params ...any) {
	b.b.Queue(query, args(params)...).Query(func(rows pgx.Rows) error {
		v, err := pgx.CollectExactlyOneRow(rows, scanner[T]())
		*dst = v
		return err
	})
}

// Maybe queues a query that returns at most one row, scanned into dst;
// found tells whether there was one.
func Maybe[T any](b *Batch, query string, dst *T, found *bool, params ...any) {
	b.b.Queue(query, args(params)...).Query(func(rows pgx.Rows) error {
		v, err := pgx.CollectExactlyOneRow(rows, scanner[T]())
		if errors.Is(err, pgx.ErrNoRows) {
			*found = false
			return nil
		}
		*dst, *found = v, err == nil
		return err
	})
}

// Many queues a query whose rows are scanned into dst.
func Many[T any](b *Batch, query string, dst *[]T, params ...any) {
	b.b.Queue(query, args(params)...).Query(func(rows pgx.Rows) error {
		v, err := pgx.CollectRows(rows, scanner[T]())
		if v == nil {
			v = []T{}
		}
		*dst = v
		return err
	})
}

// scanner reads a row into T as the generated code does: a generated row
// struct column by column in its fields' order (an embedded model's fields
// in place, for sqlc.embed), anything else as the single column.
func scanner[T any]() pgx.RowToFunc[T] {
	paths := columnsOf(reflect.TypeFor[T]())
	return func(row pgx.CollectableRow) (T, error) {
		var v T
		if paths == nil {
			return v, row.Scan(&v)
		}
		rv := reflect.ValueOf(&v).Elem()
		dst := make([]any, len(paths))
		for i, p := range paths {
			dst[i] = rv.FieldByIndex(p).Addr().Interface()
		}
		return v, row.Scan(dst...)
	}
}

// generated reports whether t is a struct sqlc generated (its fields carry
// db tags), as opposed to a value type such as time.Time or pgtype.Text.
func generated(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Tag.Get("db") != ""
}

// columns holds, for each generated type a query has read into, the index
// path of each column's field: worked out once, not for every row.
var columns sync.Map // reflect.Type → [][]int

// columnsOf is the index path of each of t's columns, in order; nil when t
// is not a generated struct.
func columnsOf(t reflect.Type) [][]int {
	if !generated(t) {
		return nil
	}
	if p, ok := columns.Load(t); ok {
		return p.([][]int)
	}
	var out [][]int
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			path := append(slices.Clip(prefix), i)
			if f := t.Field(i).Type; generated(f) {
				walk(f, path)
			} else {
				out = append(out, path)
			}
		}
	}
	walk(t, nil)
	columns.Store(t, out)
	return out
}

// args spreads a generated Params struct into the query's parameters, in
// the order sqlc numbers them (its fields' order); other values pass as
// they are.
func args(params []any) []any {
	if len(params) != 1 {
		return params
	}
	v := reflect.ValueOf(params[0])
	if !generated(v.Type()) {
		return params
	}
	out := make([]any, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Interface()
	}
	return out
}
