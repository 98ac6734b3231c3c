package ideas

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// uploadWindow is how long an upload may take before the janitor drops it:
// far past its URLs' lifetime, so nothing can still arrive.
const uploadWindow = time.Hour

// janitor drops uploads that never completed and deletes the objects of
// every memo that is gone, so the store keeps no orphans.
func (h *Handler) janitor(ctx context.Context, now time.Time) error {
	if _, err := h.q.ExpireUploads(ctx, now.Add(-uploadWindow)); err != nil {
		return fmt.Errorf("ideas: unable to expire uploads: %w", err)
	}
	return h.deleteObjects(ctx)
}

// deleteObjects deletes every queued memo's objects; what the store
// refuses stays queued for the next run.
func (h *Handler) deleteObjects(ctx context.Context) error {
	if h.objects == nil {
		return nil
	}
	for {
		prefixes, err := h.q.ListObjectDeletions(ctx, 100)
		if err != nil {
			return fmt.Errorf("ideas: unable to list object deletions: %w", err)
		}
		if err := h.deletePrefixes(ctx, prefixes); err != nil || len(prefixes) < 100 {
			return err
		}
	}
}

// deleteQueuedObjects deletes, in the request, the objects of every memo
// just deleted (a vault reset's); the janitor finishes what the store
// refuses.
func (h *Handler) deleteQueuedObjects(ctx context.Context) {
	_ = h.deleteObjects(ctx) // best effort: the janitor retries
}

// deleteMemoObjects deletes the objects of memos just deleted, in the
// request, so they are gone when the page says so; the janitor finishes
// what the store refuses.
func (h *Handler) deleteMemoObjects(ctx context.Context, memos []uuid.UUID) {
	if h.objects == nil {
		return
	}
	prefixes := make([]string, len(memos))
	for i, id := range memos {
		prefixes[i] = memoPrefix(id)
	}
	_ = h.deletePrefixes(ctx, prefixes) // best effort: the janitor retries
}

func (h *Handler) deletePrefixes(ctx context.Context, prefixes []string) error {
	for _, p := range prefixes {
		if err := h.objects.DeletePrefix(ctx, p); err != nil {
			return fmt.Errorf("ideas: unable to delete objects %s: %w", p, err)
		}
		if err := h.q.DoneObjectDeletion(ctx, p); err != nil {
			return fmt.Errorf("ideas: unable to record the deletion of %s: %w", p, err)
		}
	}
	return nil
}
