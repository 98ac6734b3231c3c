package static_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"ignition/app/static"
)

// islandSHA256 pins the encryption island's bundles. A change to the island
// changes them: review the change against e2ee-js/README.md's checklist,
// then update these lines in the same commit.
var islandSHA256 = map[string]string{
	"js/island.js":   "2c7d434f83196892bcf63ef9dcb63c17598210d60402fc079baf199c854a30d9",
	"js/memo.js":     "15377f295126d6c59c763053ea405eae5d07f46674ee61e931d215af76714437",
	"js/markdown.js": "51318d30a75c652513066e8613410185e7a839b83faf8de0f1bf7481bcfb9d0c",
}

// coreBudget is the compressed size of the island core every page loads.
const coreBudget = 6 << 10

func TestIslandBundlesArePinnedAndSmall(t *testing.T) {
	for name, pinned := range islandSHA256 {
		a, ok := static.Default.Lookup(name)
		if !ok {
			t.Fatalf("no %s: run make generate", name)
		}
		sum := sha256.Sum256(a.Body)
		if got := hex.EncodeToString(sum[:]); got != pinned {
			t.Errorf("%s is %s, pinned %s: review the change (e2ee-js/README.md), then pin it", name, got, pinned)
		}
		t.Logf("%s: %d bytes, %d gzip, %d brotli", name, len(a.Body), len(a.Gzip), len(a.Brotli))
	}
	if core, _ := static.Default.Lookup("js/island.js"); len(core.Brotli) > coreBudget {
		t.Errorf("the island core is %d bytes compressed, budget %d", len(core.Brotli), coreBudget)
	}
}
