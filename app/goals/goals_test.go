package goals_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"ignition/app/apptest"
)

func newGoal(t *testing.T, c *apptest.Client, pairs ...string) string {
	t.Helper()
	resp := c.Post("/goals").Form(pairs...).Do().AssertStatus(http.StatusSeeOther)
	return strings.TrimPrefix(resp.Header.Get("Location"), "/goals/")
}

func milestoneIDs(c *apptest.Client, goal string) []string {
	var ids []string
	for _, n := range c.Get("/goals/" + goal).Do().Doc().Find("#milestones li").Nodes {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids = append(ids, strings.TrimPrefix(a.Val, "milestone-"))
			}
		}
	}
	return ids
}

func TestGoalFormRejectsBadInput(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("goals@example.com", "")
	c.Get("/goals").Do().AssertText(".empty h2", "No goals yet")
	bad := c.Post("/goals").Form("title", "", "category", "hobby", "deadline", "next year", "description", "keep me").Do()
	bad.AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#goal-title-error", "Title is required.")
	bad.AssertText("#goal-category-error", "Choose one of the offered options")
	bad.AssertText("#goal-deadline-error", "Enter a date like")
	if bad.Text("#goal-description") != "keep me" {
		t.Error("the description was lost")
	}
	c.Get("/goals").Do().AssertText(".empty h2", "No goals yet")
}

func TestMilestonesProgressAndRewardOnce(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("goals@example.com", "")
	id := newGoal(t, c, "title", "Finish the EP", "category", "creative", "deadline", "2099-06-30")
	for _, m := range []string{"Write", "Record", "Mix"} {
		c.Post("/goals/"+id+"/milestones").Form("title", m).Do().AssertRedirect("/goals/" + id)
	}
	c.Post("/goals/"+id+"/milestones").Form("title", "").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#milestone-title-error", "required")
	ids := milestoneIDs(c, id)
	if len(ids) != 3 {
		t.Fatalf("milestones = %v", ids)
	}
	c.Post("/goals/" + id + "/milestones/" + ids[0] + "/toggle").Do().AssertRedirect("/goals/" + id)
	c.Get("/goals").Do().AssertText("#goal-"+id+" .goal-progress", "33% · 1 of 3 milestones")

	// Move "Mix" to the top, then delete "Record".
	c.Post("/goals/" + id + "/milestones/" + ids[2] + "/up").Do()
	c.Post("/goals/" + id + "/milestones/" + ids[2] + "/up").Do()
	c.Post("/goals/" + id + "/milestones/" + ids[2] + "/up").Do() // already first: no change
	if got := milestoneIDs(c, id); strings.Join(got, ",") != strings.Join([]string{ids[2], ids[0], ids[1]}, ",") {
		t.Fatalf("order after moving up = %v", got)
	}
	c.Post("/goals/" + id + "/milestones/" + ids[1] + "/delete").Do().AssertRedirect("/goals/" + id)
	c.Get("/goals/"+id).Do().AssertText(".goal-progress", "50% · 1 of 2 milestones")

	c.Post("/goals/" + id + "/complete").Do().AssertRedirect("/goals/" + id)
	c.Get("/goals/"+id).Do().AssertText(".badge", "Completed").AssertText(".goal-progress", "100%")
	c.Post("/goals/" + id + "/reopen").Do()
	c.Post("/goals/" + id + "/complete").Do()
	var coins int64
	if err := env.Pool.QueryRow(t.Context(), "SELECT coins FROM user_progress").Scan(&coins); err != nil || coins != 10 {
		t.Fatalf("coins = %d (%v), want one reward of 10", coins, err)
	}
	c.Get("/progress").Do().AssertText("#activity", "Completed the goal “Finish the EP”").AssertText("#skill-totals", "50")
}

func TestOverdueGoalsAreMarked(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("late@example.com", "")
	late := newGoal(t, c, "title", "File taxes", "category", "financial", "deadline", "2099-04-15")
	if _, err := env.Pool.Exec(t.Context(), "UPDATE goals SET deadline = '2020-04-15' WHERE id = $1", late); err != nil {
		t.Fatal(err)
	}
	soon := newGoal(t, c, "title", "Run a 10k", "category", "health", "deadline", "2099-01-01")
	page := c.Get("/goals").Do()
	page.AssertText("#goal-"+late+" .badge-danger", "Overdue")
	if page.Doc().Find("#goal-"+soon+" .badge-danger").Length() != 0 {
		t.Error("a goal due in the future is marked overdue")
	}
	c.Post("/goals/" + late + "/complete").Do()
	if c.Get("/goals").Do().Doc().Find("#goal-"+late+" .badge-danger").Length() != 0 {
		t.Error("a completed goal is still overdue")
	}
}

func TestAnotherUsersGoalsAreNotFound(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	owner := env.SignIn("owner@example.com", "")
	id := newGoal(t, owner, "title", "Secret goal", "category", "personal")
	owner.Post("/goals/"+id+"/milestones").Form("title", "Step").Do()
	mid := milestoneIDs(owner, id)[0]
	other := env.SignIn("other@example.com", "")
	other.Get("/goals/" + id).Do().AssertStatus(http.StatusNotFound)
	for _, path := range []string{"", "/complete", "/reopen", "/milestones", "/milestones/" + mid + "/toggle",
		"/milestones/" + mid + "/up", "/milestones/" + mid + "/down", "/milestones/" + mid + "/delete"} {
		other.Post("/goals/"+id+path).Form("title", "Mine", "category", "personal").Do().AssertStatus(http.StatusNotFound)
	}
	// The owner's own goal with a milestone that is not in it.
	mine := newGoal(t, other, "title", "Mine", "category", "personal")
	other.Post("/goals/" + mine + "/milestones/" + mid + "/toggle").Do().AssertStatus(http.StatusNotFound)
	other.Post("/goals/" + mine + "/milestones/" + mid + "/up").Do().AssertStatus(http.StatusNotFound)
	owner.Get("/goals/"+id).Do().AssertText("h1", "Secret goal")
}

// TestParallelMilestonesGetTheirOwnPositions: fifty milestones added at
// once (and moves meanwhile) end up in fifty distinct places, in a pool
// large enough for them to race.
func TestParallelMilestonesGetTheirOwnPositions(t *testing.T) {
	t.Parallel()
	env := apptest.New(t, apptest.With("IGNITION_DB_POOL_SIZE", "8"))
	c := env.SignIn("race@example.com", "")
	id := newGoal(t, c, "title", "Fifty steps", "category", "creative")
	c.Post("/goals/"+id+"/milestones").Form("title", "First").Do().AssertRedirect("/goals/" + id)
	first := milestoneIDs(c, id)[0]
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			c.WithT(t).Post("/goals/"+id+"/milestones").Form("title", fmt.Sprintf("Step %d", i)).Do().AssertRedirect("/goals/" + id)
		})
		if i%10 == 0 {
			wg.Go(func() { c.WithT(t).Post("/goals/" + id + "/milestones/" + first + "/down").Do() })
		}
	}
	wg.Wait()
	var rows, positions int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*), count(DISTINCT position) FROM goal_milestones").Scan(&rows, &positions); err != nil {
		t.Fatal(err)
	}
	if rows != 51 || positions != 51 {
		t.Errorf("%d milestones in %d distinct positions, want 51 in 51", rows, positions)
	}
}
