// Package module is the spine every domain plugs into. A domain declares,
// in one Module value, everything it adds to the app: its routes, its
// navigation, what it suggests on Today, what it shows around every page,
// its built-in content and its background jobs. The server walks a list of
// modules; platform packages never import a domain.
package module

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/a-h/templ"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"ignition/app/calendar"
	"ignition/app/config"
	"ignition/app/graph"
	"ignition/app/objects"
	"ignition/app/seed"
	"ignition/app/session"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/suggest"
	"ignition/app/web"
)

// Module is one domain as the app assembles it.
type Module struct {
	Name string
	// Routes adds the module's routes: those on r.Public anyone may reach,
	// those on r.Private only a signed-in, approved user, those on r.Admin
	// only an administrator.
	Routes func(r Router)
	// Nav are its entries in the sidebar (and the mobile tab bar).
	Nav []Nav
	// Commands are what the command palette offers for it, and Items the
	// user's own entries it adds.
	Commands []Command
	Items    Items
	// Today are the kinds of suggestion it offers the Today page.
	Today []suggest.Source
	// Capture are the small forms Today shows to catch something into the
	// module in passing (a quick idea).
	Capture []Panel
	// Agenda are the sections Today shows under its first pick, in every
	// mode: what the day holds (the planner's events).
	Agenda []Panel
	// Live are the changes it announces to the user's tabs beyond the
	// platform's (live.Announce); a page that shows one listens for
	// "live:<name> from:body".
	Live []string
	// Progress are the sections it adds to the Progress page (focus
	// statistics).
	Progress []Panel
	// Settings are the sections it adds to the Settings page (the devices
	// that get push notifications).
	Settings []Panel
	// EventActions are what it offers on each occurrence of a kind of
	// planner event (an Exercise session for a workout).
	EventActions []EventAction
	// Privacy says, for Settings → Privacy, what the server keeps of each
	// kind of content the module stores, readable or not.
	Privacy []Privacy
	// Sealed are the kinds of encrypted record it keeps, for the island's
	// search index.
	Sealed []Sealed
	// Shell is what it shows around every page for the signed-in user,
	// read in the round trip that loads the session.
	Shell []web.ShellSource
	// Seeds are its built-in content, loaded on start.
	Seeds []seed.Set
	// Jobs run in the background of every app process.
	Jobs []Job
	// SignOut runs when a user signs out (the vault locks).
	SignOut func(ctx context.Context, user uuid.UUID) error
	// Flush returns once what the module's background writers hold is
	// written; Close writes it too and lets go of them, once the HTTP server
	// has stopped.
	Flush func(context.Context) error
	Close func()
}

// Deps is what modules are built from: shared by every module, owned by
// none.
type Deps struct {
	Config   *config.Config
	Logger   *slog.Logger
	Pool     *pgxpool.Pool
	Q        *db.Queries
	Sessions *session.Store
	Graph    *graph.Graph   // nil without Neo4j
	Objects  *objects.Store // nil without an object store
	// Registry is the assembled app's, for a module that reads the others'
	// declarations at request time (Today its sources). It is complete once
	// every module is built.
	Registry *Registry
}

// Nav is one navigation entry. Entries are ordered by Order, fixed:
// navigation never reorders itself.
type Nav struct {
	Label string
	Href  string
	Order int
	Tab   bool // also in the mobile tab bar
	Admin bool // for administrators only
}

// Command is one command palette entry: what it says, the words it is found
// by, and either where it leads (Href) or the action it takes (Action: the
// URL its CSRF-protected form posts, with Fields).
type Command struct {
	Label    string
	Keywords string
	Href     string
	Action   string
	Fields   [][2]string // name and value of each field the action posts
	Group    string      // the heading it is listed under ("" for Go to or Actions)
}

// Privacy is what the server keeps of one kind of content: the fields only
// the user's browser can read, those the server can read (and why), and
// what losing every way to unlock the vault means for it.
type Privacy struct {
	Kind      string
	Encrypted []string
	Readable  []string
	IfLost    string
}

// EventAction is a button the planner shows on each occurrence of an
// event of Kind: a form posting the event's event_id and the
// occurrence's event_at (RFC 3339) to Action.
type EventAction struct {
	Kind   string
	Label  string
	Action string
}

// Sealed is one kind of encrypted record a module keeps. Count queues
// reading how many the user has, Search a page of them for the island's
// search index (E2EE.md): their envelopes and what the server shows of
// them anyway, in the order results are listed. Each returns what it read
// once the batch is sent. Destroy and Destroyed are the kind's part of a
// vault reset, which deletes everything encrypted.
type Sealed struct {
	Kind      string // the kind in the envelopes' AAD: "idea", "infobase", "journal"
	Label     string // what a result says it is: "Idea", "Note", "Journal"
	One, Many string // how a count of them reads: "journal entry", "journal entries"
	Count     func(b *store.Batch, user uuid.UUID) func() int
	// Table and Fields are where its envelopes are kept: the table, with
	// user_id and id columns, and its jsonb columns, each named as the
	// field it holds in the envelopes' AAD. A KEK rotation re-wraps them.
	Table  string
	Fields []string
	// Search is nil for a kind the index does not search (a voice memo).
	Search func(b *store.Batch, user uuid.UUID, offset, limit int) func() []SealedRecord
	// Destroy deletes every one the user has, in the reset's transaction;
	// nil for a kind deleted with another (a voice memo with its idea).
	Destroy func(ctx context.Context, q *db.Queries, user uuid.UUID) error
	// Destroyed, if set, runs once the reset is committed: the objects the
	// records kept leave the object store now, not at a janitor's next run.
	Destroyed func(ctx context.Context)
}

// Counted is a Sealed.Count from a query of one integer by user.
func Counted(query string) func(b *store.Batch, user uuid.UUID) func() int {
	return func(b *store.Batch, user uuid.UUID) func() int {
		var n int32
		store.One(b, query, &n, user)
		return func() int { return int(n) }
	}
}

// SealedRecord is one encrypted record as the island indexes it.
type SealedRecord struct {
	ID     string            `json:"r"`
	URL    string            `json:"u"`
	Name   string            `json:"n,omitempty"` // the field a result is named by ("title"), or ""
	Title  string            `json:"t,omitempty"` // the name when no field gives one (a journal's day)
	Plain  string            `json:"p,omitempty"` // what the server shows anyway (tags), searched too
	Fields map[string]string `json:"f"`           // field → envelope
}

// Fields are a SealedRecord's envelopes by field, leaving out the fields
// left empty (nil).
func Fields(envelopes map[string][]byte) map[string]string {
	out := make(map[string]string, len(envelopes))
	for field, env := range envelopes {
		if len(env) > 0 {
			out[field] = string(env)
		}
	}
	return out
}

// Items reads, in the palette's round trip, the user's own entries a module
// offers to the palette (their habits, goals): plaintext titles only, never
// encrypted content.
type Items func(b *store.Batch, user uuid.UUID) func() []Command

// Panel is a part a module adds to another's page (a quick capture on
// Today, a section of Progress). Queue adds the reads it needs to that
// page's round trip; the function it returns renders it once the batch is
// sent.
type Panel struct {
	Order int // among the page's panels, lower first
	Queue func(b *store.Batch, user uuid.UUID, cal calendar.Calendar) func() (templ.Component, error)
}

// Job is background work every app process runs every Every; it must be
// safe to run in several processes at once.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context, now time.Time) error
}

// Router registers a module's routes.
type Router struct {
	Public  Group
	Private Group
	Admin   Group // private, and for administrators only: anyone else gets 404
}

// Group adds routes to the app, recording the public ones.
type Group struct {
	e      *echo.Echo
	public *[]string // nil for private routes
	use    []echo.MiddlewareFunc
}

// With returns the group with middleware m run on each of its routes.
func (g Group) With(m ...echo.MiddlewareFunc) Group {
	g.use = append(slices.Clone(g.use), m...)
	return g
}

// GET adds a GET route.
func (g Group) GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return g.add(g.e.GET(path, h, append(slices.Clone(g.use), m...)...))
}

// POST adds a POST route.
func (g Group) POST(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) *echo.Route {
	return g.add(g.e.POST(path, h, append(slices.Clone(g.use), m...)...))
}

func (g Group) add(r *echo.Route) *echo.Route {
	if g.public != nil && !slices.Contains(*g.public, r.Path) {
		*g.public = append(*g.public, r.Path)
	}
	return r
}

// Registry is the assembled list of modules.
type Registry struct {
	modules []Module
	public  []string
	// What requests read of the modules, gathered once by Seal.
	sources  []suggest.Source
	captures []Panel
	agenda   []Panel
	progress []Panel
	settings []Panel
	shell    []web.ShellSource
}

// NewRegistry starts a registry whose public routes begin with the
// platform's own (health, metrics, assets).
func NewRegistry(public ...string) *Registry { return &Registry{public: slices.Clone(public)} }

// Add registers m and its routes on e.
func (r *Registry) Add(e *echo.Echo, m Module) {
	r.modules = append(r.modules, m)
	if m.Routes != nil {
		private := Group{e: e}
		m.Routes(Router{Public: Group{e: e, public: &r.public}, Private: private, Admin: private.With(web.RequireAdmin)})
	}
}

// Seal gathers, once every module is added, what requests read of them
// (Today's sources, the shell's), so that no request gathers it again.
func (r *Registry) Seal() {
	r.sources = collect(r, func(m Module) []suggest.Source { return m.Today })
	r.captures = panels(r, func(m Module) []Panel { return m.Capture })
	r.agenda = panels(r, func(m Module) []Panel { return m.Agenda })
	r.progress = panels(r, func(m Module) []Panel { return m.Progress })
	r.settings = panels(r, func(m Module) []Panel { return m.Settings })
	r.shell = collect(r, func(m Module) []web.ShellSource { return m.Shell })
}

// PublicRoutes are the route paths a visitor may reach.
func (r *Registry) PublicRoutes() []string { return r.public }

// Modules lists the modules in the order they were added.
func (r *Registry) Modules() []Module { return r.modules }

// Nav lists every module's navigation entries in their order.
func (r *Registry) Nav() []Nav {
	out := collect(r, func(m Module) []Nav { return m.Nav })
	slices.SortStableFunc(out, func(a, b Nav) int { return a.Order - b.Order })
	return out
}

// Commands lists every module's palette commands.
func (r *Registry) Commands() []Command {
	return collect(r, func(m Module) []Command { return m.Commands })
}

// Sealed lists every module's kinds of encrypted record, in module order.
func (r *Registry) Sealed() []Sealed {
	return collect(r, func(m Module) []Sealed { return m.Sealed })
}

// Privacy lists what every module keeps, in module order.
func (r *Registry) Privacy() []Privacy {
	return collect(r, func(m Module) []Privacy { return m.Privacy })
}

// EventActions lists every module's actions on planner events.
func (r *Registry) EventActions() []EventAction {
	return collect(r, func(m Module) []EventAction { return m.EventActions })
}

// Items lists every module's reader of the user's palette entries.
func (r *Registry) Items() []Items {
	var out []Items
	for _, m := range r.modules {
		if m.Items != nil {
			out = append(out, m.Items)
		}
	}
	return out
}

// TodaySources lists every module's Today sources (once sealed).
func (r *Registry) TodaySources() []suggest.Source { return r.sources }

// LiveNames lists the changes every module announces.
func (r *Registry) LiveNames() []string {
	return collect(r, func(m Module) []string { return m.Live })
}

// Agenda lists every module's sections of Today's agenda, in order.
func (r *Registry) Agenda() []Panel { return r.agenda }

// Captures lists every module's quick captures for Today, in order (once
// sealed).
func (r *Registry) Captures() []Panel { return r.captures }

// ProgressPanels lists every module's sections of the Progress page, in
// order (once sealed).
func (r *Registry) ProgressPanels() []Panel { return r.progress }

// SettingsPanels lists every module's sections of the Settings page, in
// order (once sealed).
func (r *Registry) SettingsPanels() []Panel { return r.settings }

// QueuePanels adds the panels' reads to b; the function it returns renders
// them, in order, once b is sent.
func QueuePanels(b *store.Batch, panels []Panel, user uuid.UUID, cal calendar.Calendar) func() ([]templ.Component, error) {
	renders := make([]func() (templ.Component, error), len(panels))
	for i, p := range panels {
		renders[i] = p.Queue(b, user, cal)
	}
	return func() ([]templ.Component, error) {
		out := make([]templ.Component, len(renders))
		for i, render := range renders {
			comp, err := render()
			if err != nil {
				return nil, err
			}
			out[i] = comp
		}
		return out, nil
	}
}

// panels gathers one kind of panel from every module, in their order.
func panels(r *Registry, of func(Module) []Panel) []Panel {
	out := collect(r, of)
	slices.SortStableFunc(out, func(a, b Panel) int { return a.Order - b.Order })
	return out
}

// Shell lists every module's shell sources (once sealed).
func (r *Registry) Shell() []web.ShellSource { return r.shell }

// Seeds lists every module's built-in content, in module order.
func (r *Registry) Seeds() []seed.Set {
	return collect(r, func(m Module) []seed.Set { return m.Seeds })
}

// SignOut tells every module that user signed out.
func (r *Registry) SignOut(ctx context.Context, user uuid.UUID) error {
	for _, m := range r.modules {
		if m.SignOut != nil {
			if err := m.SignOut(ctx, user); err != nil {
				return err
			}
		}
	}
	return nil
}

// Flush waits for every module's background writers.
func (r *Registry) Flush(ctx context.Context) error {
	for _, m := range r.modules {
		if m.Flush != nil {
			if err := m.Flush(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// collect gathers one declaration of every module, in module order.
func collect[T any](r *Registry, of func(Module) []T) []T {
	var out []T
	for _, m := range r.modules {
		out = append(out, of(m)...)
	}
	return out
}

// Close closes every module, last added first.
func (r *Registry) Close() {
	for i := len(r.modules) - 1; i >= 0; i-- {
		if c := r.modules[i].Close; c != nil {
			c()
		}
	}
}

// Jobs lists every module's background jobs.
func (r *Registry) Jobs() []Job { return collect(r, func(m Module) []Job { return m.Jobs }) }
