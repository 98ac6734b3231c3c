package progress

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/module"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/progress"
)

// activityShown is how many entries the activity feed lists.
const activityShown = 20

func (h *Handler) show(c echo.Context) error {
	v := web.CurrentViewer(c)
	var b store.Batch
	var bal db.GetProgressRow
	var recent []db.ListRecentActivityRow
	store.One(&b, db.GetProgress, &bal, v.ID)
	store.Many(&b, db.ListRecentActivity, &recent, db.ListRecentActivityParams{UserID: v.ID, MaxRows: activityShown})
	panels := module.QueuePanels(&b, h.panels(), v.ID, web.Calendar(c))
	if err := b.Send(c.Request().Context(), h.db); err != nil {
		return fmt.Errorf("progress: unable to load the progress of %s: %w", v.ID, err)
	}
	sections, err := panels()
	if err != nil {
		return fmt.Errorf("progress: unable to read a section of %s: %w", v.ID, err)
	}
	byID := map[string]int64{}
	for i, skill := range bal.Skills {
		byID[skill] = bal.SkillXp[i]
	}
	lvl := LevelFor(bal.Xp)
	page := views.Page{Level: lvl.Number, Into: lvl.Into, ToNext: lvl.ToNext, Percent: lvl.Percent, XP: bal.Xp, Coins: bal.Coins, Sections: sections}
	values := make([]int64, len(Skills))
	for i, s := range Skills {
		values[i] = byID[s.ID]
		page.Skills = append(page.Skills, views.SkillTotal{Name: s.Name, XP: byID[s.ID], Level: LevelFor(byID[s.ID]).Number})
	}
	page.Wheel = wheel(values)
	for _, a := range recent {
		page.Activity = append(page.Activity, views.Activity{
			Reason: a.Reason, Skill: SkillName(a.Skill.String), XP: a.Xp, Coins: a.Coins, At: web.LocalTime(c, a.CreatedAt),
		})
	}
	return web.Render(c, http.StatusOK, "Progress", views.Show(page))
}

// wheel lays out the skill radar on a 240-unit square.
func wheel(values []int64) views.Wheel {
	const c, r = 120, 80
	shape := RadarPoints(values, c, c, r)
	w := views.Wheel{Shape: SVGPoints(shape), Rim: SVGPoints(AxisEnds(len(values), c, c, r))}
	for _, k := range []float64{0.25, 0.5, 0.75} {
		w.Rings = append(w.Rings, SVGPoints(AxisEnds(len(values), c, c, r*k)))
	}
	for i, p := range shape {
		if values[i] > 0 {
			w.Dots = append(w.Dots, views.Dot{X: p.X, Y: p.Y})
		}
	}
	labels := AxisEnds(len(values), c, c, r+18)
	for i, end := range AxisEnds(len(values), c, c, r) {
		anchor := "middle"
		switch {
		case labels[i].X > c+5:
			anchor = "start"
		case labels[i].X < c-5:
			anchor = "end"
		}
		w.Spokes = append(w.Spokes, views.Spoke{X: end.X, Y: end.Y, LX: labels[i].X, LY: labels[i].Y + 4, Label: Skills[i].Name, Anchor: anchor})
	}
	return w
}
