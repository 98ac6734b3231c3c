package goals_test

import (
	"net/http"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// TestAGoalPageSaysWhatItIsAndCanBeUndone: a past deadline is refused on
// create; the page shows category and deadline and no "0 of 0"; milestones
// can be renamed (bad titles refused with what was typed); deleting asks
// first and takes the milestones with it, only for the owner.
func TestAGoalPageSaysWhatItIsAndCanBeUndone(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("goalie@example.com", "")
	past := c.Post("/goals").Form("title", "Yesterday", "category", "health", "deadline", "2020-01-01").Do().AssertStatus(http.StatusUnprocessableEntity)
	past.AssertText("#goal-deadline-error", "That day has passed")
	if v, _ := past.Attr("#goal-title", "value"); v != "Yesterday" {
		t.Error("the typed title was lost")
	}

	id := newGoal(t, c, "title", "Release an EP", "category", "career", "deadline", "2099-06-30")
	page := c.Get("/goals/" + id).Do()
	page.AssertText("#goal-category-shown", "Career").AssertText("#goal-deadline-shown", "2099")
	if strings.Contains(page.Doc().Find("main").Text(), "0 of 0") {
		t.Error("a goal without milestones says 0 of 0")
	}
	c.Get("/goals").Do().AssertText("#goal-"+id+" .goal-progress", "No milestones yet")

	c.Post("/goals/"+id+"/milestones").Form("title", "Write songs").Do().AssertRedirect("/goals/" + id)
	ms := milestoneIDs(c, id)
	bad := c.Post("/goals/"+id+"/milestones/"+ms[0]+"/rename").Form("title", strings.Repeat("x", 121)).Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#rename-"+ms[0]+"-error", "at most 120 characters")
	if _, open := bad.Attr("#milestone-"+ms[0]+" details.rename", "open"); !open {
		t.Error("the rename with the error is folded")
	}
	c.Post("/goals/"+id+"/milestones/"+ms[0]+"/rename").Form("title", "Write five songs").Do().AssertRedirect("/goals/" + id)
	c.Get("/goals/"+id).Do().AssertText("#milestone-"+ms[0], "Write five songs")

	other := env.SignIn("thief@example.com", "")
	other.Post("/goals/"+id+"/milestones/"+ms[0]+"/rename").Form("title", "Mine").Do().AssertStatus(http.StatusNotFound)
	other.Post("/goals/" + id + "/delete").Do().AssertStatus(http.StatusNotFound)

	c.Post("/goals/" + id + "/delete").Do().AssertRedirect("/goals?done=deleted")
	c.Get("/goals?done=deleted").Do().AssertText(`[role="status"]`, "Goal deleted.")
	c.Get("/goals/" + id).Do().AssertStatus(http.StatusNotFound)
	var left int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM goal_milestones").Scan(&left); err != nil || left != 0 {
		t.Errorf("%d milestones left (%v)", left, err)
	}
}
