package static_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"ignition/app/static"
)

// islandSHA256 pins the encryption island's bundle. A change to the island
// changes it: review the change against e2ee-js/README.md's checklist, then
// update this line in the same commit.
const islandSHA256 = "0df614cf0a50e186f6e3f6d515d5c8b2782fae9a53afd87b6cf7516a57ae09c8"

// islandBudget is the compressed size of the island core every page loads.
const islandBudget = 6 << 10

func TestIslandBundleIsPinnedAndSmall(t *testing.T) {
	a, ok := static.Default.Lookup("js/island.js")
	if !ok {
		t.Fatal("no js/island.js: run make generate")
	}
	sum := sha256.Sum256(a.Body)
	if got := hex.EncodeToString(sum[:]); got != islandSHA256 {
		t.Errorf("the island's bundle is %s, pinned %s: review the change (e2ee-js/README.md), then pin it", got, islandSHA256)
	}
	size := len(a.Gzip)
	if a.Gzip == nil {
		size = len(a.Body)
	}
	if size > islandBudget {
		t.Errorf("the island core is %d bytes compressed, budget %d", size, islandBudget)
	}
	t.Logf("island core: %d bytes, %d compressed", len(a.Body), size)
}
