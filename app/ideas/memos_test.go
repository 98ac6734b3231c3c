package ideas_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"ignition/app/apptest"
	"ignition/app/ideas"
	"ignition/app/vaulttest"
)

type upload struct {
	MemoID string   `json:"memo_id"`
	URLs   []string `json:"urls"`
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// put uploads body to a signed URL as the browser does.
func put(t *testing.T, u string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0 // no answer
	}
	resp.Body.Close()
	return resp.StatusCode
}

func get(t *testing.T, u string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// startMemo begins a memo of the given chunk sizes on the idea.
func startMemo(t *testing.T, c *apptest.Client, idea string, sizes ...int) upload {
	t.Helper()
	var up upload
	vaulttest.Decode(t, c.Post("/ideas/"+idea+"/memos").JSON(map[string]any{"chunks": sizes}).Do().AssertStatus(http.StatusOK), &up)
	if len(up.URLs) != len(sizes) {
		t.Fatalf("%d URLs for %d chunks", len(up.URLs), len(sizes))
	}
	return up
}

// objectKeys lists the store's keys under memos/.
func objectKeys(t *testing.T, env *apptest.Env) []string {
	t.Helper()
	keys, err := env.App.Objects.Keys(t.Context(), "memos/")
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func runJanitor(t *testing.T, env *apptest.Env, now time.Time) error {
	t.Helper()
	for _, j := range env.App.Registry.Jobs() {
		if j.Name == "memo-janitor" {
			return j.Run(t.Context(), now)
		}
	}
	t.Fatal("no memo janitor")
	return nil
}

const full = ideas.ChunkBytes + ideas.ChunkOverhead

func TestMemoUploadsStraightToTheStoreAndPlaysBack(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithObjects(t)
	c := env.SignIn("memos@example.com", "")
	vaulttest.SetUp(t, c)
	idea := newIdea(t, c)
	up := startMemo(t, c, idea, full, 500)
	chunks := [][]byte{randomBytes(full), randomBytes(500)}

	// Each URL takes exactly its chunk's size, once signed, nothing else.
	if code := put(t, up.URLs[1], randomBytes(501)); code != http.StatusForbidden {
		t.Errorf("a chunk of the wrong size: %d, want 403", code)
	}
	tampered := strings.Replace(up.URLs[1], "/1?", "/0?", 1)
	if code := put(t, tampered, chunks[1]); code != http.StatusForbidden {
		t.Errorf("a URL signed for another key: %d, want 403", code)
	}
	resp := c.Post("/ideas/" + idea + "/memos/" + up.MemoID + "/complete").JSON(map[string]string{"manifest": vaulttest.Envelope(300)}).Do()
	resp.AssertStatus(http.StatusConflict)
	for i, u := range up.URLs {
		if code := put(t, u, chunks[i]); code != http.StatusOK {
			t.Fatalf("chunk %d: %d", i, code)
		}
	}
	c.Post("/ideas/" + idea + "/memos/" + up.MemoID + "/complete").JSON(map[string]string{"manifest": "{}"}).Do().AssertStatus(http.StatusBadRequest)
	c.Post("/ideas/" + idea + "/memos/" + up.MemoID + "/complete").JSON(map[string]string{"manifest": vaulttest.Envelope(300)}).Do().AssertStatus(http.StatusOK)

	var down struct {
		Manifest map[string]any `json:"manifest"`
		URLs     []string       `json:"urls"`
	}
	vaulttest.Decode(t, c.Get("/ideas/"+idea+"/memos/"+up.MemoID).Do().AssertStatus(http.StatusOK), &down)
	if down.Manifest["kid"] != "k1" || len(down.URLs) != 2 {
		t.Fatalf("download = %+v", down)
	}
	for i, u := range down.URLs {
		if code, body := get(t, u); code != http.StatusOK || !bytes.Equal(body, chunks[i]) {
			t.Errorf("chunk %d: %d, %d bytes", i, code, len(body))
		}
	}
	// Unsigned, the object is not there for anyone.
	plain, _ := url.Parse(down.URLs[0])
	plain.RawQuery = ""
	if code, _ := get(t, plain.String()); code != http.StatusForbidden {
		t.Errorf("unsigned GET: %d, want 403", code)
	}
	page := c.Get("/ideas/" + idea).Do().AssertStatus(http.StatusOK)
	page.AssertText("#memo-list", "Voice memo").AssertText("#memo-list", "1.0 MB")
	c.Get("/ideas").Do().AssertText("#idea-"+idea, "1 voice memo")

	// Deleting the idea deletes its objects.
	c.Post("/ideas/" + idea + "/delete").Do().AssertRedirect("/ideas?done=deleted")
	if keys := objectKeys(t, env); len(keys) != 0 {
		t.Errorf("objects left after deleting the idea: %v", keys)
	}
	var queued int
	if err := env.Pool.QueryRow(t.Context(), "SELECT count(*) FROM object_deletions").Scan(&queued); err != nil || queued != 0 {
		t.Errorf("deletions still queued: %d (%v)", queued, err)
	}
}

func TestMemoRequestsAreChecked(t *testing.T) {
	t.Parallel()
	env, _ := apptest.NewWithObjects(t, apptest.With("IGNITION_MEMO_MAX_BYTES", "3000000"))
	c := env.SignIn("memo-checks@example.com", "")
	other := env.SignIn("memo-other@example.com", "")
	vaulttest.SetUp(t, c)
	vaulttest.SetUp(t, other)
	idea := newIdea(t, c)
	for name, sizes := range map[string][]int{
		"no chunks":          {},
		"an empty chunk":     {28},
		"a short first":      {500, 500},
		"a chunk too large":  {full + 1},
		"a negative size":    {-5},
		"too many chunks":    make([]int, 1001),
		"a full then a tiny": {full, 29},
	} {
		if name == "a full then a tiny" {
			c.Post("/ideas/" + idea + "/memos").JSON(map[string]any{"chunks": sizes}).Do().AssertStatus(http.StatusOK)
			continue
		}
		if resp := c.Post("/ideas/" + idea + "/memos").JSON(map[string]any{"chunks": sizes}).Do(); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", name, resp.StatusCode)
		}
	}
	big := c.Post("/ideas/" + idea + "/memos").JSON(map[string]any{"chunks": []int{full, full, full}}).Do().AssertStatus(http.StatusRequestEntityTooLarge)
	if !strings.Contains(string(big.Body), "the most a memo may be is 3 MB") {
		t.Errorf("oversized memo: %s", big.Body)
	}
	c.Post("/ideas/"+idea+"/memos").Header("Content-Type", "application/json").Header("X-CSRF-Token", c.CSRF()).RawBody("not json").Do().AssertStatus(http.StatusBadRequest)

	// Another user's idea and memo are not there.
	up := startMemo(t, c, idea, 100)
	other.Post("/ideas/" + idea + "/memos").JSON(map[string]any{"chunks": []int{100}}).Do().AssertStatus(http.StatusNotFound)
	other.Get("/ideas/" + idea + "/memos/" + up.MemoID).Do().AssertStatus(http.StatusNotFound)
	other.Post("/ideas/" + idea + "/memos/" + up.MemoID + "/complete").JSON(map[string]string{"manifest": vaulttest.Envelope(10)}).Do().AssertStatus(http.StatusNotFound)
	other.Post("/ideas/" + idea + "/memos/" + up.MemoID + "/delete").Do().AssertStatus(http.StatusNotFound)
	c.Get("/ideas/" + idea + "/memos/" + up.MemoID).Do().AssertStatus(http.StatusNotFound) // not finished
	c.Get("/ideas/" + idea + "/memos/" + uuid.NewString()).Do().AssertStatus(http.StatusNotFound)
	c.Get("/ideas/" + idea + "/memos/not-a-memo").Do().AssertStatus(http.StatusNotFound)

	// Locked: 423.
	c.Post("/vault/lock").JSON(nil).Do().AssertStatus(http.StatusOK)
	c.Post("/ideas/" + idea + "/memos").JSON(map[string]any{"chunks": []int{100}}).Do().AssertStatus(http.StatusLocked)
}

func TestUnfinishedUploadsAndAStoreThatIsDownLeaveNothingBehind(t *testing.T) {
	t.Parallel()
	env, store := apptest.NewWithObjects(t)
	c := env.SignIn("janitor@example.com", "")
	vaulttest.SetUp(t, c)
	idea := newIdea(t, c)

	// An upload that never completes is dropped by the janitor, objects too.
	abandoned := startMemo(t, c, idea, 100)
	if code := put(t, abandoned.URLs[0], randomBytes(100)); code != http.StatusOK {
		t.Fatalf("put: %d", code)
	}
	if err := runJanitor(t, env, time.Now()); err != nil {
		t.Fatal(err)
	}
	if len(objectKeys(t, env)) != 1 {
		t.Fatal("the janitor dropped an upload still under way")
	}
	if err := runJanitor(t, env, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if keys := objectKeys(t, env); len(keys) != 0 {
		t.Errorf("an abandoned upload left %v", keys)
	}

	// The store goes down mid-upload: completing fails with a clear
	// message, the idea stays, and once the store is back the memo is
	// retried; the failed attempt's objects go with the janitor.
	failed := startMemo(t, c, idea, 300)
	if code := put(t, failed.URLs[0], randomBytes(300)); code != http.StatusOK {
		t.Fatalf("put: %d", code)
	}
	store.Stop()
	down := c.Post("/ideas/" + idea + "/memos/" + failed.MemoID + "/complete").JSON(map[string]string{"manifest": vaulttest.Envelope(40)}).Do()
	down.AssertStatus(http.StatusServiceUnavailable)
	if !strings.Contains(string(down.Body), "your idea's text is") {
		t.Errorf("store down: %s", down.Body)
	}
	c.Get("/ideas/" + idea).Do().AssertStatus(http.StatusOK)
	if err := runJanitor(t, env, time.Now().Add(2*time.Hour)); err == nil {
		t.Error("the janitor claims success with the store down")
	}
	if err := store.Restart(); err != nil {
		t.Fatal(err)
	}
	retry := startMemo(t, c, idea, 300)
	if code := put(t, retry.URLs[0], randomBytes(300)); code != http.StatusOK {
		t.Fatalf("put after restart: %d", code)
	}
	c.Post("/ideas/" + idea + "/memos/" + retry.MemoID + "/complete").JSON(map[string]string{"manifest": vaulttest.Envelope(40)}).Do().AssertStatus(http.StatusOK)
	if err := runJanitor(t, env, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	keys := objectKeys(t, env)
	if len(keys) != 1 || !strings.HasPrefix(keys[0], "memos/"+retry.MemoID+"/") {
		t.Errorf("objects = %v, want only the finished memo's", keys)
	}

	// Deleting an idea while the store is down queues its objects.
	store.Stop()
	c.Post("/ideas/" + idea + "/delete").Do().AssertRedirect("/ideas?done=deleted")
	if err := store.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := runJanitor(t, env, time.Now()); err != nil {
		t.Fatal(err)
	}
	if keys := objectKeys(t, env); len(keys) != 0 {
		t.Errorf("objects left after the idea went: %v", keys)
	}
}
