package planner

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"ignition/app/live"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/planner"
)

// feedBack is how far back a feed keeps single events.
const feedBack = 366 * 24 * time.Hour

// subscribe is the page of the private feed and of importing files.
func (h *Handler) subscribe(c echo.Context) error {
	return h.renderSubscribe(c, http.StatusOK, views.SubscribeData{Notice: notices[c.QueryParam("done")]})
}

// renderSubscribe shows the page, with whether a feed is on.
func (h *Handler) renderSubscribe(c echo.Context, status int, d views.SubscribeData) error {
	v := web.CurrentViewer(c)
	feed, err := h.q.GetPlannerFeed(c.Request().Context(), v.ID)
	switch {
	case err == nil:
		d.Since = web.LocalTime(c, feed.CreatedAt)
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("planner: unable to read the feed of %s: %w", v.ID, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store") // it may carry the feed's secret link
	return web.Render(c, status, "Subscribe and import", views.Subscribe(d))
}

// feedOn makes a new private link (the old one stops working) and shows
// it, once: the server keeps only its hash.
func (h *Handler) feedOn(c echo.Context) error {
	v := web.CurrentViewer(c)
	token := make([]byte, 32)
	if _, err := rand.Read(token); err != nil {
		return err
	}
	secret := base64.RawURLEncoding.EncodeToString(token)
	sum := sha256.Sum256([]byte(secret))
	if err := h.q.PutPlannerFeed(c.Request().Context(), db.PutPlannerFeedParams{UserID: v.ID, TokenHash: sum[:]}); err != nil {
		return fmt.Errorf("planner: unable to make a feed for %s: %w", v.ID, err)
	}
	link := h.base + views.FeedURL(secret)
	return h.renderSubscribe(c, http.StatusOK, views.SubscribeData{Link: link, Notice: "Your private link is ready. Copy it now: it is shown only this once."})
}

// feedOff stops the private link.
func (h *Handler) feedOff(c echo.Context) error {
	v := web.CurrentViewer(c)
	if _, err := h.q.DeletePlannerFeed(c.Request().Context(), v.ID); err != nil {
		return fmt.Errorf("planner: unable to stop the feed of %s: %w", v.ID, err)
	}
	return web.Redirect(c, views.SubscribeURL+"?done=feed-off")
}

// feed is the private iCalendar feed (public: the secret in its URL is
// the key); an unknown token is 404.
func (h *Handler) feed(c echo.Context) error {
	sum := sha256.Sum256([]byte(strings.TrimSuffix(c.Param("token"), ".ics")))
	now := web.Calendar(c).Now
	var b store.Batch
	var feed db.PlannerFeed
	var found bool
	var events []db.PlannerEvent
	store.Maybe(&b, db.GetPlannerFeedByToken, &feed, &found, sum[:])
	store.Many(&b, db.FeedEvents, &events, db.FeedEventsParams{TokenHash: sum[:], Since: now.Add(-feedBack)})
	if err := b.Send(c.Request().Context(), h.pool); err != nil {
		return fmt.Errorf("planner: unable to read a feed: %w", err)
	}
	if !found {
		return echo.ErrNotFound
	}
	body, err := encodeFeed(events, now)
	if err != nil {
		return fmt.Errorf("planner: unable to write the feed of %s: %w", feed.UserID, err)
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=300")
	c.Response().Header().Set("Content-Disposition", `inline; filename="ignition-planner.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", body)
}

// importFile adds the events of an uploaded .ics file, and says how many
// it added and what it left out, and why.
func (h *Handler) importFile(c echo.Context) error {
	v := web.CurrentViewer(c)
	file, err := c.FormFile("file")
	if err != nil {
		return h.renderSubscribe(c, http.StatusUnprocessableEntity, views.SubscribeData{ImportError: "Choose an .ics file to import."})
	}
	f, err := file.Open()
	if err != nil {
		return fmt.Errorf("planner: unable to read an upload: %w", err)
	}
	defer f.Close()
	cal := web.Calendar(c)
	got, err := decodeFile(f, cal.Zone.At(cal.Now))
	if err != nil {
		return h.renderSubscribe(c, http.StatusUnprocessableEntity, views.SubscribeData{ImportError: "That file is not an iCalendar (.ics) file, so nothing was imported."})
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		for _, e := range got.events {
			if err := h.insert(ctx, q, db.PlannerEvent{UserID: v.ID}, e); err != nil {
				return err
			}
		}
		return live.Announce(ctx, q, v.ID, Live)
	})
	if err != nil {
		return fmt.Errorf("planner: unable to import events for %s: %w", v.ID, err)
	}
	d := views.SubscribeData{Imported: len(got.events), ImportDone: true}
	for reason, n := range got.skipped {
		d.Skipped = append(d.Skipped, views.Skip{Reason: reason, N: n})
	}
	return h.renderSubscribe(c, http.StatusOK, d)
}
