package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"ignition/views/layout"
)

// levelUp holds the level a request's reward reached, when it crossed one.
type levelUp struct{ level int }

type levelUpKey struct{}

// Celebrate notes that a reward paid in the request of ctx took the user to
// level: the answer shows it (a fragment carries it out of band; after a
// redirect the next page does).
func Celebrate(ctx context.Context, level int) {
	if l, ok := ctx.Value(levelUpKey{}).(*levelUp); ok {
		l.level = max(l.level, level)
	}
}

// celebrations lets the request's rewards note a level crossed.
func celebrations(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		c.SetRequest(r.WithContext(context.WithValue(r.Context(), levelUpKey{}, &levelUp{})))
		return next(c)
	}
}

// celebrationKey keeps, in the browser's session, a level to celebrate on
// the next page (after a redirect).
const celebrationKey = "level_up"

// pendingLevel is the level the request's rewards reached (0 for none).
func pendingLevel(c echo.Context) int {
	if l, ok := c.Request().Context().Value(levelUpKey{}).(*levelUp); ok {
		return l.level
	}
	return 0
}

// keepCelebration saves a level reached for the page a redirect leads to.
func keepCelebration(c echo.Context) error {
	level := pendingLevel(c)
	if level == 0 {
		return nil
	}
	sess, err := Session(c)
	if err != nil {
		return err
	}
	sess.Values[celebrationKey] = strconv.Itoa(level)
	return sess.Save(c.Request(), c.Response())
}

// takeCelebration returns, and forgets, the level a redirected request
// reached (0 for none).
func takeCelebration(c echo.Context) int {
	if c.Request().Method != http.MethodGet {
		return 0
	}
	sess, err := Session(c)
	if err != nil {
		return 0
	}
	v, ok := sess.Values[celebrationKey].(string)
	if !ok {
		return 0
	}
	delete(sess.Values, celebrationKey)
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		return 0
	}
	level, _ := strconv.Atoi(v)
	return level
}

// celebration is the level-up note a fragment answer carries out of band.
func celebration(c echo.Context) (layout.Celebration, bool) {
	level := pendingLevel(c)
	return layout.Celebration{Level: level}, level > 0
}
