package form

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// tagPattern is what a tag may be made of: words of letters and digits
// with spaces, ' & and - between.
var tagPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} '&-]*$`)

// Tags reads tags typed as a comma-separated list: trimmed, lower-cased,
// inner spaces collapsed, duplicates dropped, in the order typed; at most
// most of at most longest characters each. noun names them in the problem
// it reports ("mood", "tag").
func Tags(s string, most, longest int, noun string) (tags []string, problem string) {
	tags = []string{}
	for _, part := range strings.Split(s, ",") {
		t := strings.Join(strings.Fields(strings.ToLower(part)), " ")
		if t == "" || slices.Contains(tags, t) {
			continue
		}
		if len([]rune(t)) > longest {
			return nil, fmt.Sprintf("Keep each %s to %d characters (“%s” is longer).", noun, longest, t)
		}
		if !tagPattern.MatchString(t) {
			return nil, fmt.Sprintf("A %s is words of letters, digits, spaces, ' & and - (“%s” has more).", noun, t)
		}
		tags = append(tags, t)
	}
	if len(tags) > most {
		return nil, fmt.Sprintf("Use at most %d %ss (there are %d).", most, noun, len(tags))
	}
	return tags, ""
}
