package quests

import (
	"github.com/jackc/pgx/v5/pgxpool"

	"ignition/app/decision"
	"ignition/app/module"
	"ignition/app/progress"
	"ignition/app/seed"
	"ignition/app/store/db"
	"ignition/app/suggest"
	views "ignition/views/quests"
)

// Handler serves the quest routes.
type Handler struct {
	pool *pgxpool.Pool
	q    *db.Queries
}

// Module is quests: the daily and weekly quests, their progress and claims,
// and what Today suggests of them.
func Module(d module.Deps) module.Module {
	h := &Handler{pool: d.Pool, q: d.Q}
	return module.Module{
		Name:    "quests",
		Privacy: []module.Privacy{{Kind: "Quests", Readable: []string{"Your progress on each quest and when you claimed it"}}},
		Routes: func(r module.Router) {
			r.Private.GET(ListURL, h.list)
			r.Private.POST(ListURL+"/:id/advance", h.advance)
			r.Private.POST(ListURL+"/:id/claim", h.claim)
		},
		Nav:      []module.Nav{{Label: "Quests", Href: ListURL, Order: 30}},
		Commands: []module.Command{{Label: "Quests", Keywords: "quests daily weekly claim rewards", Href: ListURL}},
		Items:    paletteItems,
		Today:    []suggest.Source{todaySource},
		Seeds:    []seed.Set{Seed},
	}
}

// ListURL is the quests page.
const ListURL = "/quests"

// URL is a quest's place on the quests page.
func URL(id string) string { return ListURL + "#quest-" + id }

// Key is the decision a quest is: what Today offers and claiming does.
func Key(id string) decision.Key { return decision.Key{Kind: "quest", ID: id} }

func view(quest db.Quest, st Status) views.Quest {
	return views.Quest{
		ID: quest.ID, Title: quest.Title, Description: quest.Description, Manual: quest.Metric == Manual,
		Progress: st.Progress, Target: st.Target, Complete: st.Complete, Claimed: st.Claimed,
		XP: int(quest.Xp), Coins: int(quest.Coins), Skill: progress.SkillName(quest.Skill),
	}
}
