package search_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/vaulttest"
)

type page struct {
	Total int
	Next  *int
	Items []struct {
		K, L, R, U, N, T, P string
		F                   map[string]string
	}
}

func exec(t *testing.T, env *apptest.Env, sql string) {
	t.Helper()
	if _, err := env.Pool.Exec(t.Context(), sql); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, c *apptest.Client, query string) page {
	t.Helper()
	var p page
	vaulttest.Decode(t, c.Get("/search/index"+query).Do().AssertStatus(http.StatusOK), &p)
	return p
}

// TestIndexListsEveryKindAPageAtATime: the index holds the user's ideas,
// notes and journal entries as envelopes, a page of 500 at a time, and
// nobody else's.
func TestIndexListsEveryKindAPageAtATime(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("index@example.com", "")
	if p := read(t, c, ""); p.Total != 0 || p.Next != nil || len(p.Items) != 0 {
		t.Fatalf("an empty vault's index is %+v", p)
	}
	vaulttest.SetUp(t, c)
	idea := uuid.NewString()
	c.Post("/ideas").Form("record_id", idea, "title", vaulttest.Envelope(5), "moods", "dark").Do().AssertRedirect("/ideas?done=saved")
	note := uuid.NewString()
	c.Post("/infobase").Form("record_id", note, "title", vaulttest.Envelope(5), "private_tags", vaulttest.Envelope(4), "category", "Mixing", "tags", "eq").Do().AssertRedirect("/infobase/" + note + "?done=created")
	c.Post("/learn/journal/2026-01-15").Form("record_id", uuid.NewString(), "body", vaulttest.Envelope(9), "tags", "travel").Do().AssertRedirect("/learn/journal/2026-01-15?done=saved")

	p := read(t, c, "")
	if p.Total != 3 || p.Next != nil || len(p.Items) != 3 {
		t.Fatalf("index = %+v", p)
	}
	got := []string{}
	for _, it := range p.Items {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %d", it.K, it.L, it.U, it.N+it.T, it.P, len(it.F)))
	}
	want := []string{
		"idea Idea /ideas/" + idea + " title dark 1",
		"infobase Note /infobase/" + note + " title Mixing eq 2",
		"journal Journal /learn/journal/2026-01-15 Thursday 15 January 2026 travel 1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("index:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(p.Items[1].F["private_tags"], `"wdek"`) {
		t.Errorf("the note's private tags are %q", p.Items[1].F["private_tags"])
	}

	// Pages of 500 across kinds.
	exec(t, env, `INSERT INTO ideas (id, user_id, title) SELECT gen_random_uuid(), id, '{"v":1}' FROM users, generate_series(1, 600) WHERE email = 'index@example.com'`)
	first := read(t, c, "")
	if first.Total != 603 || len(first.Items) != 500 || first.Next == nil || *first.Next != 500 {
		t.Fatalf("first page: total %d, %d items, next %v", first.Total, len(first.Items), first.Next)
	}
	second := read(t, c, "?offset=500")
	if len(second.Items) != 103 || second.Next != nil || second.Items[101].K != "infobase" || second.Items[102].K != "journal" {
		t.Fatalf("second page: %d items, next %v", len(second.Items), second.Next)
	}
	if p := read(t, c, "?offset=9999"); len(p.Items) != 0 || p.Next != nil {
		t.Errorf("past the end: %+v", p)
	}
	for _, bad := range []string{"?offset=-1", "?offset=ten", "?offset=1e3"} {
		c.Get("/search/index" + bad).Do().AssertStatus(http.StatusBadRequest)
	}

	// Nobody else's.
	stranger := env.SignIn("stranger@example.com", "")
	if p := read(t, stranger, ""); p.Total != 0 {
		t.Errorf("a stranger's index holds %d records", p.Total)
	}
}
