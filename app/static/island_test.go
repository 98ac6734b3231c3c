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
	"js/island.js":    "3f8f542324dc5d5bfdadd9156776553de63ab3547e39a7a0be5eaf0d5c13ca1f",
	"js/memo.js":      "15377f295126d6c59c763053ea405eae5d07f46674ee61e931d215af76714437",
	"js/searchbox.js": "df44e26fd7899961413e0ea4b453e756d3f5de3cb779a53ff6ea452c0017689e",
	"js/markdown.js":  "51318d30a75c652513066e8613410185e7a839b83faf8de0f1bf7481bcfb9d0c",
	"js/vaultkeys.js": "2826305bfab85ca216f3c6a50785407d0a25f57cc13c4fd94d5439de36936c29",
}

// coreBudget is the compressed size of the island core every page loads
// (E2EE.md); page-only parts stay in page bundles.
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
