package exercise

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// updateItem changes the sets and reps an exercise of a template aims at;
// targets to fix come back as typed (422).
func (h *Handler) updateItem(c echo.Context) error {
	id, item, err := itemParams(c)
	if err != nil {
		return err
	}
	f := views.ItemForm{Item: item.String(), Sets: c.FormValue("target_sets"), Reps: c.FormValue("target_reps"), Errors: form.Errors{}}
	sets := count(f.Sets, "target_sets", 1, 20, "Aim at 1 to 20 sets.", f.Errors)
	reps := count(f.Reps, "target_reps", 1, 100, "Aim at 1 to 100 reps.", f.Errors)
	if f.Errors.Any() {
		return h.renderTemplate(c, http.StatusUnprocessableEntity, id, views.TemplateData{Edit: f})
	}
	n, err := h.q.SetTemplateItemTargets(c.Request().Context(), db.SetTemplateItemTargetsParams{ID: item, TemplateID: id, UserID: web.CurrentViewer(c).ID,
		TargetSets: int32(sets), TargetReps: int32(reps)})
	if err := notFoundIfNone(n, err); err != nil {
		return routeError(err, "change targets in template", item)
	}
	return web.Redirect(c, views.TemplateURL(id.String())+"?done=changed#item-"+item.String())
}

// moveItem moves an exercise of a template one place up or down.
func (h *Handler) moveItem(c echo.Context) error {
	id, item, err := itemParams(c)
	if err != nil {
		return err
	}
	dir := c.FormValue("dir")
	if dir != "up" && dir != "down" {
		return echo.NewHTTPError(422, "Move up or down.")
	}
	v := web.CurrentViewer(c)
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		if err := notFoundIfNone(q.TouchWorkoutTemplate(ctx, db.TouchWorkoutTemplateParams{ID: id, UserID: v.ID})); err != nil {
			return err
		}
		items, err := q.ListTemplateItems(ctx, db.ListTemplateItemsParams{TemplateID: id, UserID: v.ID})
		if err != nil {
			return err
		}
		at := -1
		for i, it := range items {
			if it.ID == item {
				at = i
			}
		}
		if at < 0 {
			return echo.ErrNotFound
		}
		to := at - 1
		if dir == "down" {
			to = at + 1
		}
		if to < 0 || to >= len(items) {
			return nil // first or last already
		}
		items[at], items[to] = items[to], items[at]
		for i, it := range items { // renumbered, so equal positions cannot tie
			if err := q.SetTemplateItemPosition(ctx, db.SetTemplateItemPositionParams{ID: it.ID, UserID: v.ID, Position: int32(i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return routeError(err, "move in template", item)
	}
	return web.Redirect(c, views.TemplateURL(id.String())+"?done=moved#item-"+item.String())
}

// deleteItem takes an exercise out of a template.
func (h *Handler) deleteItem(c echo.Context) error {
	id, item, err := itemParams(c)
	if err != nil {
		return err
	}
	n, err := h.q.DeleteTemplateItem(c.Request().Context(), db.DeleteTemplateItemParams{ID: item, TemplateID: id, UserID: web.CurrentViewer(c).ID})
	if err := notFoundIfNone(n, err); err != nil {
		return routeError(err, "remove from template", item)
	}
	return web.Redirect(c, views.TemplateURL(id.String())+"?done=removed")
}
