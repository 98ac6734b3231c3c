package exercise

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/exercise"
)

// library lists the exercises of the kind and the words asked for, by
// kind and name, with the form to add one's own.
func (h *Handler) library(c echo.Context) error {
	return h.renderLibrary(c, http.StatusOK, views.ExerciseForm{Kind: Strength})
}

// renderLibrary renders the library with the add form f.
func (h *Handler) renderLibrary(c echo.Context, status int, f views.ExerciseForm) error {
	v := web.CurrentViewer(c)
	all, err := h.q.ListExercises(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("exercise: unable to list the library of %s: %w", v.ID, err)
	}
	kind, query := c.QueryParam("kind"), strings.TrimSpace(c.QueryParam("q"))
	if !slices.Contains(Kinds, kind) {
		kind = ""
	}
	shown := filter(all, kind, query)
	d := views.LibraryData{Kind: kind, Query: query, Groups: groups(shown), Shown: len(shown), Form: f, Notice: notices[c.QueryParam("done")]}
	return web.Render(c, status, "Exercise library", views.Library(d))
}

// filter keeps the exercises of kind ("" for all) whose name, muscles or
// equipment hold every word of query, ignoring case.
func filter(all []db.Exercise, kind, query string) []db.Exercise {
	words := strings.Fields(strings.ToLower(query))
	var out []db.Exercise
	for _, e := range all {
		if kind != "" && e.Kind != kind {
			continue
		}
		text := strings.ToLower(e.Name + " " + strings.Join(e.Muscles, " ") + " " + e.Equipment)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
			out = append(out, e)
		}
	}
	return out
}

// groups sorts exercises into their kinds, in the library's order.
func groups(exercises []db.Exercise) []views.Group {
	var out []views.Group
	for _, k := range Kinds {
		g := views.Group{Kind: k}
		for _, e := range exercises {
			if e.Kind == k {
				g.Exercises = append(g.Exercises, exerciseOf(e))
			}
		}
		if len(g.Exercises) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func exerciseOf(e db.Exercise) views.Exercise {
	return views.Exercise{ID: e.ID.String(), Name: e.Name, Muscles: strings.Join(e.Muscles, ", "), Equipment: e.Equipment,
		Kind: e.Kind, Own: e.UserID.Valid}
}
