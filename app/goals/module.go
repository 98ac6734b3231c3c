package goals

import (
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/form"
	"ignition/app/module"
	"ignition/app/store/db"
	views "ignition/views/goals"
)

// Handler serves the goal routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is goals: long-term goals with ordered milestones.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	return module.Module{
		Name:    "goals",
		Privacy: []module.Privacy{{Kind: "Goals", Readable: []string{"Titles, descriptions, categories, deadlines and milestones"}}},
		Routes: func(r module.Router) {
			r.Private.GET(ListURL, h.list)
			r.Private.POST(ListURL, h.create)
			r.Private.GET(ListURL+"/:id", h.show)
			r.Private.POST(ListURL+"/:id", h.update)
			r.Private.POST(ListURL+"/:id/complete", h.complete)
			r.Private.POST(ListURL+"/:id/reopen", h.reopen)
			r.Private.POST(ListURL+"/:id/delete", h.delete)
			r.Private.POST(ListURL+"/:id/milestones", h.milestoneAdd)
			r.Private.POST(ListURL+"/:id/milestones/:mid/toggle", h.milestoneToggle)
			r.Private.POST(ListURL+"/:id/milestones/:mid/up", h.milestoneMove(-1))
			r.Private.POST(ListURL+"/:id/milestones/:mid/down", h.milestoneMove(1))
			r.Private.POST(ListURL+"/:id/milestones/:mid/delete", h.milestoneDelete)
			r.Private.POST(ListURL+"/:id/milestones/:mid/rename", h.milestoneRename)
		},
		Nav:      []module.Nav{{Label: "Goals", Href: ListURL, Order: 50}},
		Commands: []module.Command{{Label: "Goals", Keywords: "goals milestones deadlines", Href: ListURL}, {Label: "New goal", Keywords: "add goal", Href: ListURL + "#goal-form"}},
		Items:    paletteItems,
	}
}

// ListURL is the goals page.
const ListURL = "/goals"

// URL is a goal's page.
func URL(id uuid.UUID) string { return ListURL + "/" + id.String() }

// ErrNotFound is a goal or milestone that is not the user's.
var ErrNotFound = errors.New("goals: not found")

// goalID parses the route's goal ID; a malformed one names nothing.
func goalID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, echo.ErrNotFound
	}
	return id, nil
}

func categoryChoices() []views.Choice {
	out := make([]views.Choice, len(Categories))
	for i, c := range Categories {
		out[i] = views.Choice{Value: c.ID, Label: c.Name}
	}
	return out
}

// view is a goal as pages show it.
func view(g db.Goal, done, total int, cal calendar.Calendar) views.Goal {
	out := views.Goal{
		ID: g.ID.String(), Title: g.Title, Description: g.Description, Category: CategoryOf(g.Category).Name,
		Completed: g.CompletedAt.Valid, Done: done, Total: total, Percent: Percent(done, total, g.CompletedAt.Valid),
		Overdue: Overdue(g.Deadline.Time, g.Deadline.Valid, g.CompletedAt.Valid, cal.Today),
	}
	if g.Deadline.Valid {
		d := g.Deadline.Time
		out.Deadline = &d
	}
	return out
}

// bindGoal reads and checks the goal form.
func bindGoal(c echo.Context) (views.GoalForm, pgtype.Date, error) {
	var f views.GoalForm
	if err := form.Bind(c, &f); err != nil {
		return f, pgtype.Date{}, err
	}
	f.Errors = form.Validate(f)
	var deadline pgtype.Date
	if f.Deadline != "" {
		d, err := time.Parse("2006-01-02", f.Deadline)
		if err != nil || d.Year() < 2000 || d.Year() > 2200 {
			f.Errors["deadline"] = "Enter a date like 2027-06-30."
		} else {
			deadline = pgtype.Date{Time: d, Valid: true}
		}
	}
	return f, deadline, nil
}

// formOf fills the edit form from a stored goal.
func formOf(g db.Goal) views.GoalForm {
	f := views.GoalForm{Title: g.Title, Description: g.Description, Category: g.Category}
	if g.Deadline.Valid {
		f.Deadline = g.Deadline.Time.Format("2006-01-02")
	}
	return f
}
