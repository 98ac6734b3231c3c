package palette

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"ignition/app/module"
)

// Shown is how many entries the palette lists at most.
const Shown = 12

// maxQuery is the longest query matched, in characters: nothing the
// palette offers is longer, so a longer one matches nothing.
const maxQuery = 200

// Rank orders the palette's entries for what was typed: entries whose
// label matches the query first, then those found only by their keywords;
// within each, the better fuzzy match (github.com/sahilm/fuzzy) first, and
// ties broken by the shorter label, the app's own commands before the
// user's items, then label and target, so the same state always lists the
// same way. An empty query lists the app's own commands as declared.
func Rank(query string, entries []module.Command, limit int) []module.Command {
	query = strings.TrimSpace(query)
	if query == "" {
		var out []module.Command
		for _, e := range entries {
			if e.Group == "" && len(out) < limit {
				out = append(out, e)
			}
		}
		return out
	}
	if utf8.RuneCountInString(query) > maxQuery {
		return nil
	}
	type scored struct {
		e        module.Command
		byLabel  bool
		score    int
		position int
	}
	var found []scored
	seen := make([]bool, len(entries))
	for _, m := range fuzzy.FindFromNoSort(query, labels(entries)) {
		found = append(found, scored{e: entries[m.Index], byLabel: true, score: m.Score, position: m.Index})
		seen[m.Index] = true
	}
	for _, m := range fuzzy.FindFromNoSort(query, keywords(entries)) {
		if !seen[m.Index] {
			found = append(found, scored{e: entries[m.Index], score: m.Score, position: m.Index})
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		if a.byLabel != b.byLabel {
			if a.byLabel {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(b.score, a.score),
			cmp.Compare(utf8.RuneCountInString(a.e.Label), utf8.RuneCountInString(b.e.Label)),
			cmp.Compare(isItem(a.e), isItem(b.e)),
			strings.Compare(strings.ToLower(a.e.Label), strings.ToLower(b.e.Label)),
			strings.Compare(a.e.Href+a.e.Action, b.e.Href+b.e.Action),
			cmp.Compare(a.position, b.position),
		)
	})
	out := make([]module.Command, 0, min(limit, len(found)))
	for _, f := range found[:min(limit, len(found))] {
		out = append(out, f.e)
	}
	return out
}

// isItem is 1 for the user's own entry, 0 for the app's command.
func isItem(e module.Command) int {
	if e.Group != "" {
		return 1
	}
	return 0
}

// labels and keywords are the entries as fuzzy's sources.
type labels []module.Command

func (l labels) String(i int) string { return l[i].Label }
func (l labels) Len() int            { return len(l) }

type keywords []module.Command

func (k keywords) String(i int) string { return k[i].Keywords }
func (k keywords) Len() int            { return len(k) }
