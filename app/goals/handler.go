package goals

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/progress"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/goals"
)

// Handler serves the goal routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
	now  func() time.Time
}

// NewHandler returns the goals handler.
func NewHandler(pool *pgxpool.Pool) *Handler {
	return &Handler{pool: pool, q: db.New(pool), now: time.Now}
}

// Register adds the goal routes.
func (h *Handler) Register(e *echo.Echo) {
	e.GET("/goals", h.list).Name = "goals"
	e.POST("/goals", h.create).Name = "goals.create"
	e.GET("/goals/:id", h.show).Name = "goals.show"
	e.POST("/goals/:id", h.update).Name = "goals.update"
	e.POST("/goals/:id/complete", h.complete).Name = "goals.complete"
	e.POST("/goals/:id/reopen", h.reopen).Name = "goals.reopen"
	e.POST("/goals/:id/milestones", h.milestoneAdd).Name = "goals.milestones.add"
	e.POST("/goals/:id/milestones/:mid/toggle", h.milestoneToggle).Name = "goals.milestones.toggle"
	e.POST("/goals/:id/milestones/:mid/up", h.milestoneMove(-1)).Name = "goals.milestones.up"
	e.POST("/goals/:id/milestones/:mid/down", h.milestoneMove(1)).Name = "goals.milestones.down"
	e.POST("/goals/:id/milestones/:mid/delete", h.milestoneDelete).Name = "goals.milestones.delete"
}

func categoryChoices() []views.Choice {
	out := make([]views.Choice, len(Categories))
	for i, c := range Categories {
		out[i] = views.Choice{Value: c.ID, Label: c.Name}
	}
	return out
}

// loadGoal reads the viewer's goal named in the route; anything else is 404.
func (h *Handler) loadGoal(c echo.Context) (db.Goal, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return db.Goal{}, echo.ErrNotFound
	}
	g, err := h.q.GetGoal(c.Request().Context(), db.GetGoalParams{UserID: web.CurrentViewer(c).ID, ID: id})
	if errors.Is(err, pgx.ErrNoRows) {
		return g, echo.ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("goals: unable to load goal %s: %w", id, err)
	}
	return g, nil
}

func (h *Handler) view(c echo.Context, g db.Goal, done, total int) views.Goal {
	out := views.Goal{
		ID: g.ID.String(), Title: g.Title, Description: g.Description, Category: CategoryOf(g.Category).Name,
		Completed: g.CompletedAt.Valid, Done: done, Total: total, Percent: Percent(done, total, g.CompletedAt.Valid),
		Overdue: Overdue(g.Deadline.Time, g.Deadline.Valid, g.CompletedAt.Valid, web.Today(c, h.now())),
	}
	if g.Deadline.Valid {
		d := g.Deadline.Time
		out.Deadline = &d
	}
	return out
}

func (h *Handler) list(c echo.Context) error {
	return h.renderList(c, http.StatusOK, views.GoalForm{Category: "personal"})
}

func (h *Handler) renderList(c echo.Context, status int, f views.GoalForm) error {
	v := web.CurrentViewer(c)
	rows, err := h.q.ListGoalsWithProgress(c.Request().Context(), v.ID)
	if err != nil {
		return fmt.Errorf("goals: unable to list goals of %s: %w", v.ID, err)
	}
	goals := make([]views.Goal, len(rows))
	for i, r := range rows {
		g := db.Goal{ID: r.ID, Title: r.Title, Description: r.Description, Category: r.Category, Deadline: r.Deadline, CompletedAt: r.CompletedAt}
		goals[i] = h.view(c, g, int(r.MilestonesDone), int(r.Milestones))
	}
	return web.Render(c, status, "Goals", views.List(goals, f, categoryChoices(), web.CSRFToken(c)))
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

func (h *Handler) create(c echo.Context) error {
	v := web.CurrentViewer(c)
	f, deadline, err := bindGoal(c)
	if err != nil {
		return err
	}
	if f.Errors.Any() {
		return h.renderList(c, http.StatusUnprocessableEntity, f)
	}
	g, err := h.q.CreateGoal(c.Request().Context(), db.CreateGoalParams{
		UserID: v.ID, Title: f.Title, Description: f.Description, Category: f.Category, Deadline: deadline,
	})
	if err != nil {
		return fmt.Errorf("goals: unable to create goal for %s: %w", v.ID, err)
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

func (h *Handler) show(c echo.Context) error {
	g, err := h.loadGoal(c)
	if err != nil {
		return err
	}
	return h.renderShow(c, http.StatusOK, g, views.MilestoneForm{}, formOf(g))
}

func formOf(g db.Goal) views.GoalForm {
	f := views.GoalForm{Title: g.Title, Description: g.Description, Category: g.Category}
	if g.Deadline.Valid {
		f.Deadline = g.Deadline.Time.Format("2006-01-02")
	}
	return f
}

func (h *Handler) renderShow(c echo.Context, status int, g db.Goal, mf views.MilestoneForm, f views.GoalForm) error {
	ms, err := h.q.ListMilestones(c.Request().Context(), db.ListMilestonesParams{UserID: web.CurrentViewer(c).ID, GoalID: g.ID})
	if err != nil {
		return fmt.Errorf("goals: unable to list milestones of %s: %w", g.ID, err)
	}
	done := 0
	milestones := make([]views.Milestone, len(ms))
	for i, m := range ms {
		milestones[i] = views.Milestone{ID: m.ID.String(), Title: m.Title, Done: m.CompletedAt.Valid, First: i == 0, Last: i == len(ms)-1}
		if m.CompletedAt.Valid {
			done++
		}
	}
	return web.Render(c, status, g.Title, views.Show(h.view(c, g, done, len(ms)), milestones, mf, f, categoryChoices(), web.CSRFToken(c)))
}

func (h *Handler) update(c echo.Context) error {
	g, err := h.loadGoal(c)
	if err != nil {
		return err
	}
	f, deadline, err := bindGoal(c)
	if err != nil {
		return err
	}
	if f.Errors.Any() {
		return h.renderShow(c, http.StatusUnprocessableEntity, g, views.MilestoneForm{}, f)
	}
	_, err = h.q.UpdateGoal(c.Request().Context(), db.UpdateGoalParams{
		UserID: g.UserID, ID: g.ID, Title: f.Title, Description: f.Description, Category: f.Category, Deadline: deadline,
	})
	if err != nil {
		return fmt.Errorf("goals: unable to update goal %s: %w", g.ID, err)
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

// complete marks the goal done and pays its reward, once per goal ever.
func (h *Handler) complete(c echo.Context) error {
	g, err := h.loadGoal(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	err = store.Tx(ctx, h.pool, func(q *db.Queries) error {
		n, err := q.SetGoalCompleted(ctx, db.SetGoalCompletedParams{UserID: g.UserID, ID: g.ID, Completed: true})
		if err != nil || n == 0 {
			return err // completed already: nothing more to pay
		}
		_, err = progress.Award(ctx, q, g.UserID, progress.Entry{
			Key: "goal:" + g.ID.String(), Reason: "Completed the goal “" + g.Title + "”",
			Skill: CategoryOf(g.Category).Skill, XP: RewardXP, Coins: RewardCoins,
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("goals: unable to complete goal %s: %w", g.ID, err)
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}

func (h *Handler) reopen(c echo.Context) error {
	g, err := h.loadGoal(c)
	if err != nil {
		return err
	}
	if _, err := h.q.SetGoalCompleted(c.Request().Context(), db.SetGoalCompletedParams{UserID: g.UserID, ID: g.ID, Completed: false}); err != nil {
		return fmt.Errorf("goals: unable to reopen goal %s: %w", g.ID, err)
	}
	return web.Redirect(c, "/goals/"+g.ID.String())
}
