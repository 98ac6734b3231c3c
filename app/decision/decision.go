// Package decision names the things Today can suggest and a user can do:
// the opaque keys that decision telemetry, the activity outbox and the
// Neo4j projection record (never titles or content).
package decision

import (
	"errors"
	"strings"
)

// Key names one decision: a kind and, within it, an ID, such as
// habit:<uuid>, quest:daily-intention or focus:start.
type Key struct {
	Kind string
	ID   string
}

// String is the key as it is stored: kind:id.
func (k Key) String() string { return k.Kind + ":" + k.ID }

// IsZero reports whether k names nothing.
func (k Key) IsZero() bool { return k == Key{} }

// ErrMalformed is Parse's refusal of a string that is not kind:id.
var ErrMalformed = errors.New("decision: malformed key")

// Parse reads a key written by String.
func Parse(s string) (Key, error) {
	kind, id, ok := strings.Cut(s, ":")
	if !ok || kind == "" || id == "" || strings.ContainsAny(kind, " \t\n") {
		return Key{}, ErrMalformed
	}
	return Key{Kind: kind, ID: id}, nil
}
