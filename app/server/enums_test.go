package server_test

import (
	"regexp"
	"slices"
	"testing"

	"ignition/app/admin"
	"ignition/app/apptest"
	"ignition/app/auth"
	"ignition/app/exercise"
	"ignition/app/focus"
	"ignition/app/goals"
	"ignition/app/ideas"
	"ignition/app/live"
	"ignition/app/market"
	"ignition/app/notifications"
	"ignition/app/progress"
	"ignition/app/quests"
	"ignition/app/testdb"
	"ignition/app/vault"
	"ignition/views/components"
	focusviews "ignition/views/focus"
	habitviews "ignition/views/habits"
	"ignition/views/layout"
	settingsviews "ignition/views/settings"
)

// TestEnumerationsMatchTheDatabase: every enumeration is defined once in Go
// (and the forms validate against it); each column's CHECK constraint must
// list exactly the same values, or a value the app offers would fail to
// save (or one it never offers could be stored).
func TestEnumerationsMatchTheDatabase(t *testing.T) {
	t.Parallel()
	var categories, themes, flags []string
	for _, c := range goals.Categories {
		categories = append(categories, c.ID)
	}
	for _, th := range layout.Themes {
		themes = append(themes, th.Value)
	}
	for _, f := range admin.Flags {
		flags = append(flags, f.Key)
	}
	want := map[string][]string{
		"ledger_entries.skill":           progress.SkillIDs(),
		"habits.skill":                   progress.SkillIDs(),
		"user_skills.skill":              progress.SkillIDs(),
		"quests.skill":                   progress.SkillIDs(),
		"habits.cadence":                 components.Values(habitviews.Cadences),
		"goals.category":                 categories,
		"user_settings.theme":            themes,
		"user_settings.daw":              components.Values(settingsviews.DAWs),
		"user_settings.os":               components.Values(settingsviews.Systems),
		"user_settings.week_start":       components.Values(settingsviews.Weeks),
		"quests.period":                  quests.Periods,
		"quests.metric":                  append(slices.Clone(quests.Metrics), "rewarded:_%"), // and any other module's rewards (quests.Rewarded)
		"exercises.kind":                 exercise.Kinds,
		"market_items.kind":              market.Kinds,
		"user_equipped.kind":             market.Kinds,
		"focus_sessions.kind":            focus.Kinds,
		"focus_sessions.outcome":         focus.Outcomes,
		"user_settings.focus_end_action": components.Values(focusviews.EndActions),
		"users.status":                   auth.Statuses,
		"feature_flags.key":              flags,
		"vault_keys.kind":                vault.KeyKinds,
		"ideas.key_mode":                 ideas.Modes,
		"notifications.kind":             notifications.Kinds,
	}
	pool := testdb.New(t)
	rows, err := pool.Query(t.Context(), `SELECT c.conrelid::regclass::text || '.' || a.attname, pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.contype = 'c' AND array_length(c.conkey, 1) = 1`)
	if err != nil {
		t.Fatal(err)
	}
	defs := map[string]string{}
	for rows.Next() {
		var col, def string
		if err := rows.Scan(&col, &def); err != nil {
			t.Fatal(err)
		}
		defs[col] = def
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	value := regexp.MustCompile(`'([^']*)'::text|\b(\d+)\b`)
	for col, values := range want {
		def, ok := defs[col]
		if !ok {
			t.Errorf("%s has no CHECK constraint", col)
			continue
		}
		var got []string
		for _, m := range value.FindAllStringSubmatch(def, -1) {
			got = append(got, m[1]+m[2])
		}
		values = slices.DeleteFunc(slices.Clone(values), func(v string) bool { return v == "" })
		got = slices.DeleteFunc(got, func(v string) bool { return v == "" })
		slices.Sort(values)
		slices.Sort(got)
		if !slices.Equal(got, values) {
			t.Errorf("%s: the database allows %q, the app defines %q\n%s", col, got, values, def)
		}
	}
}

// TestLiveNamesAreAllowed: every change the platform and the modules
// announce is a name the database takes.
func TestLiveNamesAreAllowed(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	env.SignIn("live-names@example.com", "")
	for _, name := range append(slices.Clone(live.Names), env.App.Registry.LiveNames()...) {
		if _, err := env.Pool.Exec(t.Context(), `INSERT INTO live_events (user_id, name) SELECT id, $1 FROM users WHERE email = 'live-names@example.com'`, name); err != nil {
			t.Errorf("the database refuses the live change %q: %v", name, err)
		}
	}
}
