// Command ignition-bench measures the server as a user meets it: it seeds a
// database, starts the real binary, signs in, drives a signed-in page and
// /healthz with wrk at a fixed concurrency for a fixed time, and weighs a
// first page load. It exits non-zero when a budget is missed.
//
//	DATABASE_URL=... ignition-bench -bin bin/ignition
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Budgets: ratios measured side by side in one run, and sizes. They do not
// depend on how fast the machine is.
const (
	capacityRatioBudget = 0.5                   // a page's req/s at least half the floor request's
	openP99Budget       = 10 * time.Millisecond // open-loop p99 at most this above /healthz's at the same rate
	growthBudget        = 1.25                  // CPU per request: 10 years of history against 1 month, and beside 10,000 users or not
	jsBudget            = 24 * 1024
	liveBudget          = time.Second // a change on one process reaches a stream on another (the spec polls every 30 s)
)

// pagePaths are the signed-in pages the bench loads.
var pagePaths = []string{"/today", "/habits", "/progress", "/focus", "/goals", "/ideas", "/market", "/planner", "/exercise", "/exercise/library"}

// floorPath is the lightest signed-in request: the bottom bar's focus
// indicator, which every open tab polls (the session lookup and a tiny
// fragment). No page can be faster: each page's capacity is measured
// against it, in the same run.
const floorPath = "/focus/indicator"

// palettePath is a palette query, measured for a user with paletteItems
// habits and goals of their own (as a page: the shell and the ranked list).
const (
	palettePath  = "/palette?q=sca"
	paletteItems = 500
)

// closedConns is the closed loop's concurrency.
const closedConns = 64

// otherUsers is how many users, each with a month of history, the light
// user is measured beside.
const otherUsers = 10000

func main() {
	bin := flag.String("bin", "bin/ignition", "the ignition binary")
	duration := flag.Duration("d", 10*time.Second, "how long to load each endpoint")
	out := flag.String("o", ".bench/last.json", "where to write the results")
	pace := flag.String("pace", "", "(internal) run one open loop against this URL and print its result")
	rate := flag.Int("rate", 0, "(internal) the open loop's requests per second")
	cookie := flag.String("cookie", "", "(internal) the open loop's Cookie header")
	flag.Parse()
	if *pace != "" {
		r, err := paced(*pace, *cookie, *rate, *duration)
		if err == nil {
			err = json.NewEncoder(os.Stdout).Encode(r)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*bin, *duration, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// report is what a run measured, as written to .bench/last.json.
type report struct {
	When     time.Time          `json:"when"`
	Pages    map[string]*result `json:"pages"`
	Floor    *result            `json:"floor"`
	Healthz  *result            `json:"healthz"`
	Growth   growth             `json:"growth"`
	Stalled  *result            `json:"today_neo4j_stalled,omitempty"`
	Palette  *result            `json:"palette"`
	Live     liveFigures        `json:"live_propagation"`
	RSSBytes int64              `json:"app_rss_bytes"`
	Weight   weight             `json:"first_load_bytes"`
	Missed   []string           `json:"missed_budgets"`
}

// liveFigures are the live updates' propagation between two processes.
type liveFigures struct {
	Changes int           `json:"changes"`
	P50     time.Duration `json:"p50_ns"`
	P99     time.Duration `json:"p99_ns"`
}

// growth is CPU per request of /today for a user with a month and with ten
// years of history, and of the light user with and without the others.
type growth struct {
	Light      time.Duration `json:"light_cpu_ns"`
	Heavy      time.Duration `json:"heavy_cpu_ns"`
	History    float64       `json:"history_ratio"`
	Alone      time.Duration `json:"light_alone_cpu_ns"`
	Crowd      float64       `json:"crowd_ratio"`
	OtherUsers int           `json:"other_users"`
	LightDays  int           `json:"light_days"`
	HeavyDays  int           `json:"heavy_days"`
}

func run(bin string, duration time.Duration, outPath string) error {
	dbURL := os.Getenv("DATABASE_URL")
	if dbURL == "" {
		return errors.New("DATABASE_URL is not set")
	}
	neo4jURL, neo, neoDir, err := startNeo4j()
	if err != nil {
		return err
	}
	if neo != nil {
		defer func() {
			neo.Process.Signal(syscall.SIGCONT)
			neo.Process.Kill()
			neo.Wait()
			os.RemoveAll(neoDir)
		}()
	}
	base, appPID, stop, err := startServer(bin, dbURL, neo4jURL)
	if err != nil {
		return err
	}
	defer stop()
	heavy, err := signIn(base, "bench@example.com")
	if err != nil {
		return err
	}
	light, err := signIn(base, "light@example.com")
	if err != nil {
		return err
	}
	finder, err := signIn(base, "palette@example.com")
	if err != nil {
		return err
	}
	if err := seedPaletteItems(dbURL, "palette@example.com", paletteItems); err != nil {
		return err
	}
	const lightDays, heavyDays = 30, 3650
	if err := seedHistory(dbURL, "bench@example.com", heavyDays); err != nil {
		return err
	}
	if err := seedHistory(dbURL, "light@example.com", lightDays); err != nil {
		return err
	}
	if err := seedExtras(dbURL, "bench@example.com"); err != nil {
		return err
	}
	if err := settle(dbURL); err != nil {
		return err
	}
	if neo4jURL != "" {
		if err := graphSync(bin, dbURL, neo4jURL); err != nil {
			return err
		}
		// Let the JVM finish the work a first projection leaves (compiling,
		// checkpointing) before it shares the cores with the measurement.
		time.Sleep(20 * time.Second)
	}
	rep := report{When: time.Now().UTC(), Pages: map[string]*result{}}
	rep.Growth.OtherUsers, rep.Growth.LightDays, rep.Growth.HeavyDays = otherUsers, lightDays, heavyDays

	// The light user alone, then beside the others.
	alone, err := load(base+"/today", light, closedConns, duration, appPID)
	if err != nil {
		return err
	}
	if err := seedOthers(dbURL, otherUsers); err != nil {
		return err
	}
	if err := settle(dbURL); err != nil {
		return err
	}
	lightRun, err := load(base+"/today", light, closedConns, duration, appPID)
	if err != nil {
		return err
	}
	rep.Growth.Alone, rep.Growth.Light = alone.cpu.total(), lightRun.cpu.total()

	// Capacity in a closed loop, against the floor request.
	if rep.Floor, err = load(base+floorPath, heavy, closedConns, duration, appPID); err != nil {
		return err
	}
	for _, path := range pagePaths {
		if rep.Pages[path], err = load(base+path, heavy, closedConns, duration, appPID); err != nil {
			return err
		}
	}
	rep.Growth.Heavy = rep.Pages["/today"].cpu.total()
	rep.Growth.History = ratio(rep.Growth.Heavy, rep.Growth.Light)
	rep.Growth.Crowd = ratio(rep.Growth.Light, rep.Growth.Alone)
	if rep.Palette, err = load(base+palettePath, finder, closedConns, duration, appPID); err != nil {
		return err
	}
	if rep.Healthz, err = load(base+"/healthz", "", closedConns, duration, appPID); err != nil {
		return err
	}

	// Open loop at half of each page's capacity, /healthz beside it at the
	// same rate.
	openLoop := func(path, cookie string, r *result) error {
		rate := max(1, int(r.RPS/2))
		page, err := pacedNiced(base+path, cookie, rate, duration/2)
		if err != nil {
			return err
		}
		floor, err := pacedNiced(base+"/healthz", "", rate, duration/2)
		if err != nil {
			return err
		}
		r.OpenRate, r.OpenP50, r.OpenP99, r.HealthzP99 = rate, page.P50, page.P99, floor.P99
		r.Errors += page.Errors
		return nil
	}
	for _, path := range pagePaths {
		if err := openLoop(path, heavy, rep.Pages[path]); err != nil {
			return err
		}
	}
	if err := openLoop(palettePath, finder, rep.Palette); err != nil {
		return err
	}
	if neo != nil {
		// Move the projection on, so no page can use an answer it already
		// has, then stop Neo4j answering (connections stay open).
		if err := syncAgain(bin, dbURL, neo4jURL); err != nil {
			return err
		}
		neo.Process.Signal(syscall.SIGSTOP)
		rep.Stalled, err = load(base+"/today", heavy, closedConns, duration, appPID)
		neo.Process.Signal(syscall.SIGCONT)
		if err != nil {
			return err
		}
	}
	rep.Live.Changes = liveChanges
	if rep.Live.P50, rep.Live.P99, err = propagation(bin, dbURL, base); err != nil {
		return err
	}
	rep.RSSBytes = rss(appPID)
	if rep.Weight, err = weigh(base, heavy); err != nil {
		return err
	}
	errs := rep.print(duration)
	if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err == nil {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(outPath, b, 0o644); err != nil {
			return err
		}
		fmt.Printf("\nwritten to %s\n", outPath)
	}
	if errs > 0 {
		return fmt.Errorf("%d requests failed", errs)
	}
	return nil
}

// pacedNiced runs paced in a child process at a lower priority, as wrk
// runs for the closed loop: the generator shares the two cores with the
// server and its database, and should take as little of them as it can.
func pacedNiced(target, cookie string, rate int, d time.Duration) (*result, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	out, err := exec.Command("nice", "-n", "15", self, "-pace", target, "-cookie", cookie, "-rate", strconv.Itoa(rate), "-d", d.String()).Output()
	if err != nil {
		return nil, fmt.Errorf("open loop at %d/s: %w", rate, err)
	}
	var r result
	return &r, json.Unmarshal(out, &r)
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// print writes the table, marking each missed budget, and returns how many
// requests failed.
func (rep *report) print(duration time.Duration) int {
	fmt.Printf("closed loop: %d connections, %s per endpoint; the user has 10 daily habits with %d days of history,\n"+
		"goals, quests, purchases and a running focus session; %d other users with %d days each beside them\n"+
		"(CPU: time per request of the app process and of all PostgreSQL processes; open loop at half the page's\n"+
		"capacity, /healthz at the same rate beside it)\n\n", closedConns, duration, rep.Growth.HeavyDays, rep.Growth.OtherUsers, rep.Growth.LightDays)
	fmt.Printf("%-20s %8s %6s %9s %9s %9s %6s %9s %9s %9s %7s\n", "endpoint", "req/s", "ratio", "app CPU", "db CPU", "open at", "p50", "p99", "p99-hz", "", "errors")
	errs := 0
	miss := func(ok bool, what string) string {
		if ok {
			return ""
		}
		rep.Missed = append(rep.Missed, what)
		return " ✗"
	}
	row := func(name string, r *result, ratioMark, openMark string) {
		errs += r.Errors
		open := "-"
		p50, p99, over := "-", "-", "-"
		if r.OpenRate > 0 {
			open = fmt.Sprintf("%d/s", r.OpenRate)
			p50, p99 = r.OpenP50.Round(10*time.Microsecond).String(), r.OpenP99.Round(10*time.Microsecond).String()
			over = (r.OpenP99 - r.HealthzP99).Round(10 * time.Microsecond).String()
		}
		fmt.Printf("%-20s %8.0f %6s %9s %9s %9s %6s %9s %9s%-2s %7d%s\n", name, r.RPS, ratioOf(r, rep.Floor)+ratioMark,
			cpu(r.cpu.app), cpu(r.cpu.db), open, p50, p99, over, openMark, r.Errors, miss(r.Errors == 0, name+" errors"))
	}
	for _, path := range pagePaths {
		r := rep.Pages[path]
		row(path, r, miss(r.RPS >= capacityRatioBudget*rep.Floor.RPS, path+" capacity ratio"), miss(r.OpenP99-r.HealthzP99 <= openP99Budget, path+" open-loop p99"))
	}
	pal := rep.Palette
	row(fmt.Sprintf("palette, %d items", paletteItems), pal, miss(pal.RPS >= capacityRatioBudget*rep.Floor.RPS, "palette capacity ratio"), miss(pal.OpenP99-pal.HealthzP99 <= openP99Budget, "palette open-loop p99"))
	row(floorPath, rep.Floor, "", "")
	row("/healthz", rep.Healthz, "", "")
	if rep.Stalled != nil {
		row("/today Neo4j stalled", rep.Stalled, "", "")
	} else {
		fmt.Println("(Neo4j not run: set IGNITION_NEO4J_HOME, as `make bench` does, to measure /today with it stalled)")
	}
	g := rep.Growth
	fmt.Printf("\ngrowth of /today CPU per request: %d days of history %s, %d days %s: ratio %.2f%s\n", g.HeavyDays, cpu(g.Heavy), g.LightDays, cpu(g.Light), g.History, miss(g.History <= growthBudget, "history growth"))
	fmt.Printf("the %d-day user alone %s, beside %d users %s: ratio %.2f%s\n", g.LightDays, cpu(g.Alone), g.OtherUsers, cpu(g.Light), g.Crowd, miss(g.Crowd <= growthBudget, "crowd growth"))
	fmt.Printf("live updates across two app processes (a focus change posted to one, the event on the other's stream), %d changes: p50 %s, p99 %s%s\n",
		rep.Live.Changes, rep.Live.P50.Round(100*time.Microsecond), rep.Live.P99.Round(100*time.Microsecond), miss(rep.Live.P99 <= liveBudget, "live propagation"))
	fmt.Printf("app RSS after the run: %.1f MiB\n", float64(rep.RSSBytes)/(1<<20))
	w := rep.Weight
	fmt.Printf("first load of /today, compressed: HTML %d B, CSS %d B, JS %d B%s, total %d B\n", w.HTML, w.CSS, w.JS, miss(w.JS <= jsBudget, "JavaScript size"), w.HTML+w.CSS+w.JS)
	fmt.Printf("\nbudgets: capacity ratio ≥ %.2f, open-loop p99 ≤ /healthz's + %s, growth ≤ %.2f, no errors, JS ≤ %d B, live p99 ≤ %s\n", capacityRatioBudget, openP99Budget, growthBudget, jsBudget, liveBudget)
	if len(rep.Missed) == 0 {
		fmt.Println("every budget met")
	} else {
		fmt.Printf("missed (✗): %s\n", strings.Join(rep.Missed, ", "))
	}
	return errs
}

func ratioOf(r, floor *result) string {
	if floor == nil || floor.RPS == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", r.RPS/floor.RPS)
}

func cpu(d time.Duration) string {
	if d <= 0 {
		return "-" // not measured
	}
	return d.Round(time.Microsecond).String()
}

// rss reads the resident memory of process pid.
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if kb, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 10, 64)
			return n * 1024
		}
	}
	return 0
}

// syncAgain records one more action for the bench user and projects it.
func syncAgain(bin, dbURL, neo4jURL string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `INSERT INTO activity_events (user_id, action) SELECT id, 'focus:start' FROM users WHERE email = 'bench@example.com'`)
	if err != nil {
		return err
	}
	return graphSync(bin, dbURL, neo4jURL)
}

// graphSync runs `ignition graph-sync` once.
func graphSync(bin, dbURL, neo4jURL string) error {
	sync := exec.Command(bin, "graph-sync")
	sync.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "IGNITION_NEO4J_URL="+neo4jURL)
	if out, err := sync.CombinedOutput(); err != nil {
		return fmt.Errorf("graph-sync: %v\n%s", err, out)
	}
	return nil
}

// startNeo4j runs the Neo4j launcher `make neo4j` builds, when
// IGNITION_NEO4J_HOME names it, on a fresh data folder (dir) it returns
// for the caller to remove.
func startNeo4j() (url string, cmd *exec.Cmd, dir string, err error) {
	home := os.Getenv("IGNITION_NEO4J_HOME")
	if home == "" {
		return "", nil, "", nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, "", err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	dir, err = os.MkdirTemp("", "ignition-bench-neo4j-")
	if err != nil {
		return "", nil, "", err
	}
	cmd = exec.Command("java", "-Xmx512m", "-cp", home+"/launcher.jar:"+home+"/lib/*", "ignition.Launcher", dir, fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return "", nil, "", fmt.Errorf("neo4j: %w", err)
	}
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return fmt.Sprintf("bolt://127.0.0.1:%d", port), cmd, dir, nil
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	os.RemoveAll(dir)
	return "", nil, "", errors.New("neo4j did not start")
}

func startServer(bin, dbURL, neo4jURL string) (base string, pid int, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", 0, nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	base = fmt.Sprintf("http://localhost:%d", port)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "IGNITION_ENV=development", "IGNITION_NEO4J_URL="+neo4jURL,
		fmt.Sprintf("IGNITION_ADDR=127.0.0.1:%d", port), "IGNITION_BASE_URL="+base, "IGNITION_SIGNIN_RATE=1000")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	stop = func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, cmd.Process.Pid, stop, nil
			}
		}
	}
	stop()
	return "", 0, nil, fmt.Errorf("server did not become ready:\n%s", logs.String())
}

// seedOthers adds n users, each with a session and a month of one daily
// habit (completions, ledger, activity), for the measured users to be
// among: lookups then run against realistic indexes and statistics.
func seedOthers(dbURL string, n int) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, sql := range []string{
		`INSERT INTO users (email, name, status) SELECT 'other' || i || '@example.com', 'Other ' || i, 'approved' FROM generate_series(1, $1::int) AS i ON CONFLICT DO NOTHING`,
		`INSERT INTO sessions (id_hash, user_id, data, created_at, last_seen_at, idle_expires_at, expires_at)
		 SELECT sha256(convert_to(u.id::text, 'UTF8')), u.id, convert_to('{}', 'UTF8'), now(), now(), now() + interval '1 day', now() + interval '1 day'
		 FROM users u WHERE u.email LIKE 'other%@example.com' ON CONFLICT DO NOTHING`,
		`INSERT INTO habits (user_id, title, cadence, skill, created_at)
		 SELECT id, 'Habit', 'daily', 'proficiency', now() - interval '30 days' FROM users WHERE email LIKE 'other%@example.com'`,
		`INSERT INTO habit_completions (habit_id, user_id, day, created_at)
		 SELECT h.id, h.user_id, current_date - d, now() - make_interval(days => d)
		 FROM habits h JOIN users u ON u.id = h.user_id, generate_series(1, 30) AS d WHERE u.email LIKE 'other%@example.com'`,
		`INSERT INTO ledger_entries (user_id, key, reason, skill, xp, coins, created_at)
		 SELECT c.user_id, 'habit:' || c.id, 'Completed', 'proficiency', 10, 2, c.created_at
		 FROM habit_completions c JOIN users u ON u.id = c.user_id WHERE u.email LIKE 'other%@example.com'`,
		`INSERT INTO activity_events (user_id, action, occurred_at)
		 SELECT c.user_id, 'habit:' || c.habit_id, c.created_at FROM habit_completions c JOIN users u ON u.id = c.user_id
		 WHERE u.email LIKE 'other%@example.com' ORDER BY c.created_at`,
	} {
		var err error
		if strings.Contains(sql, "$1") {
			_, err = conn.Exec(ctx, sql, n)
		} else {
			_, err = conn.Exec(ctx, sql)
		}
		if err != nil {
			return fmt.Errorf("seed other users: %w", err)
		}
	}
	return nil
}

// seedExtras gives the user goals with milestones, claimed quests, items
// bought and worn, a running focus session, a vault with 300 ideas (of
// envelope-sized fields) and a planner of 500 repeating events (weekly,
// daily and monthly series begun a year ago) and 200 single ones, and 300
// workouts of 15 sets each, as a heavy user has.
func seedExtras(dbURL, email string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, sql := range []string{
		`INSERT INTO goals (user_id, title, category, deadline) SELECT id, 'Goal ' || i, 'creative', current_date + i FROM users, generate_series(1, 5) AS i WHERE email = $1`,
		`INSERT INTO goal_milestones (goal_id, user_id, title, position) SELECT g.id, g.user_id, 'Step ' || i, i FROM goals g JOIN users u ON u.id = g.user_id, generate_series(1, 6) AS i WHERE u.email = $1`,
		`INSERT INTO quest_progress (user_id, quest_id, period_start, manual, claimed_at)
		 SELECT u.id, q.id, current_date - d, q.target, now() - make_interval(days => d) FROM users u, quests q, generate_series(1, 60) AS d
		 WHERE u.email = $1 AND q.period = 'daily' AND q.metric = 'manual' ON CONFLICT DO NOTHING`,
		`INSERT INTO user_items (user_id, item_id) SELECT u.id, i.id FROM users u, market_items i WHERE u.email = $1 ON CONFLICT DO NOTHING`,
		`INSERT INTO user_equipped (user_id, kind, item_id) SELECT DISTINCT ON (i.kind) u.id, i.kind, i.id FROM users u, market_items i WHERE u.email = $1 ORDER BY i.kind, i.id ON CONFLICT DO NOTHING`,
		`INSERT INTO focus_sessions (user_id, kind, planned_seconds, started_at) SELECT id, 'focus', 1500, now() FROM users WHERE email = $1 ON CONFLICT DO NOTHING`,
		`INSERT INTO vaults (user_id, id, policy_version, kid, proof_hash) SELECT id, gen_random_uuid(), 1, 'k1', sha256(id::text::bytea) FROM users WHERE email = $1 ON CONFLICT DO NOTHING`,
		`INSERT INTO ideas (id, user_id, title, body, key_pitch, key_mode, bpm, moods, created_at)
		 SELECT gen_random_uuid(), u.id,
		        jsonb_build_object('v', 1, 'kid', 'k1', 'wdek', repeat('A', 80), 'iv', repeat('B', 16), 'ct', repeat('C', 60)),
		        jsonb_build_object('v', 1, 'kid', 'k1', 'wdek', repeat('A', 80), 'iv', repeat('B', 16), 'ct', repeat('D', 400)),
		        i % 12, CASE WHEN i % 2 = 0 THEN 'major' ELSE 'minor' END, 60 + i % 120, ARRAY['mood ' || i % 7],
		        now() - make_interval(hours => i)
		 FROM users u, generate_series(1, 300) AS i WHERE u.email = $1`,
		`INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone, rrule)
		 SELECT u.id, 'Series ' || i, (ARRAY['meeting', 'appointment', 'workout', 'other'])[1 + i % 4], false,
		        date_trunc('day', now()) - interval '1 year' + make_interval(hours => 8 + i % 10), date_trunc('day', now()) - interval '1 year' + make_interval(hours => 9 + i % 10),
		        'UTC', (ARRAY['FREQ=WEEKLY;BYDAY=MO,WE', 'FREQ=DAILY', 'FREQ=MONTHLY;BYMONTHDAY=15', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'])[1 + i % 4]
		 FROM users u, generate_series(1, 500) AS i WHERE u.email = $1`,
		`INSERT INTO planner_events (user_id, title, kind, all_day, starts_at, ends_at, time_zone)
		 SELECT u.id, 'Event ' || i, 'other', false, now() - interval '100 days' + make_interval(days => i), now() - interval '100 days' + make_interval(days => i, hours => 1), 'UTC'
		 FROM users u, generate_series(1, 200) AS i WHERE u.email = $1`,
		`INSERT INTO workout_templates (user_id, name) SELECT id, 'Template ' || i FROM users, generate_series(1, 5) AS i WHERE email = $1`,
		`INSERT INTO workout_sessions (user_id, name, started_at, finished_at)
		 SELECT id, 'Workout ' || i, now() - make_interval(days => i), now() - make_interval(days => i) + interval '1 hour' FROM users, generate_series(1, 300) AS i WHERE email = $1`,
		`INSERT INTO workout_sets (session_id, exercise_id, user_id, weight_g, reps, one_rm_g, created_at)
		 SELECT s.id, e.id, s.user_id, 60000 + n * 2500, 5, (60000 + n * 2500) * 35 / 30, s.started_at + make_interval(mins => n)
		 FROM workout_sessions s JOIN users u ON u.id = s.user_id, exercises e, generate_series(1, 5) AS n
		 WHERE u.email = $1 AND e.slug IN ('bench-press', 'back-squat', 'deadlift')`,
	} {
		if _, err := conn.Exec(ctx, sql, email); err != nil {
			return fmt.Errorf("seed extras: %w", err)
		}
	}
	return nil
}

// seedPaletteItems gives the user n habits and goals, three in five of
// them habits, for the palette to search.
func seedPaletteItems(dbURL, email string, n int) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	habits := n * 3 / 5
	for _, q := range []struct {
		sql   string
		count int
	}{
		{`INSERT INTO habits (user_id, title, cadence, skill) SELECT id, (ARRAY['Scales', 'Sight-reading', 'Stretch', 'Arpeggios', 'Ear training'])[1 + i % 5] || ' ' || i, 'daily', 'guts'
		  FROM users, generate_series(1, $2) AS i WHERE email = $1`, habits},
		{`INSERT INTO goals (user_id, title, category) SELECT id, (ARRAY['Finish the EP', 'Learn a scale', 'Play a show', 'Master a song'])[1 + i % 4] || ' ' || i, 'creative'
		  FROM users, generate_series(1, $2) AS i WHERE email = $1`, n - habits},
	} {
		if _, err := conn.Exec(ctx, q.sql, email, q.count); err != nil {
			return fmt.Errorf("seed palette items: %w", err)
		}
	}
	return nil
}

// seedHistory gives the user ten daily habits created days ago, each
// completed every day since, with the ledger entries, streaks, activity and
// skill totals the app would have written.
func seedHistory(dbURL, email string, days int) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var userID string
	if err := conn.QueryRow(ctx, "SELECT id FROM users WHERE email = $1", email).Scan(&userID); err != nil {
		return fmt.Errorf("seed history: %w", err)
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM habits WHERE user_id = $1", userID).Scan(&n); err != nil || n >= 10 {
		return err
	}
	for _, sql := range []string{
		`INSERT INTO habits (user_id, title, cadence, skill, created_at)
		 SELECT $1, 'Habit ' || i, 'daily', 'proficiency', now() - make_interval(days => $2) FROM generate_series(1, 10) AS i`,
		`INSERT INTO habit_completions (habit_id, user_id, day)
		 SELECT h.id, h.user_id, d::date FROM habits h, generate_series(now() - make_interval(days => $2), now() - interval '1 day', interval '1 day') AS d
		 WHERE h.user_id = $1`,
		`INSERT INTO ledger_entries (user_id, key, reason, skill, xp, coins, created_at)
		 SELECT c.user_id, 'habit:' || c.id, 'Completed “' || h.title || '”', 'proficiency', 10, 2, c.day
		 FROM habit_completions c JOIN habits h ON h.id = c.habit_id WHERE c.user_id = $1`,
		`UPDATE habits h SET completions = c.n, last_completed = c.last, streak_run = c.n, streak_end = c.last, streak_longest = c.n
		 FROM (SELECT habit_id, count(*) AS n, max(day) AS last FROM habit_completions WHERE user_id = $1 GROUP BY habit_id) c
		 WHERE c.habit_id = h.id`,
		`INSERT INTO activity_events (user_id, action, occurred_at)
		 SELECT c.user_id, 'habit:' || c.habit_id, c.day FROM habit_completions c WHERE c.user_id = $1 ORDER BY c.day, c.habit_id`,
		`INSERT INTO user_progress (user_id, xp, coins)
		 SELECT user_id, sum(xp), sum(coins) FROM ledger_entries WHERE user_id = $1 GROUP BY user_id
		 ON CONFLICT (user_id) DO UPDATE SET xp = excluded.xp, coins = excluded.coins`,
		`INSERT INTO user_skills (user_id, skill, xp)
		 SELECT user_id, skill, sum(xp) FROM ledger_entries WHERE user_id = $1 GROUP BY user_id, skill
		 ON CONFLICT (user_id, skill) DO UPDATE SET xp = excluded.xp`,
	} {
		args := []any{userID}
		if strings.Contains(sql, "$2") {
			args = append(args, days)
		}
		if _, err := conn.Exec(ctx, sql, args...); err != nil {
			return fmt.Errorf("seed history: %w", err)
		}
	}
	return nil
}

// settle vacuums, analyzes and checkpoints the freshly seeded database, so
// that the measurements do not pay for the bulk load's background work
// (autovacuum, dirty pages); a running system is past its bulk loads.
func settle(dbURL string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, sql := range []string{"VACUUM ANALYZE", "CHECKPOINT"} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			return fmt.Errorf("settle: %s: %w", sql, err)
		}
	}
	return nil
}

// signIn signs in as email through the development form and returns the
// Cookie header of the signed-in session.
func signIn(base, email string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + "/signin")
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return "", errors.New("no CSRF token on /signin")
	}
	form := url.Values{"email": {email}, "name": {"Bench"}, "_csrf": {string(m[1])}}
	resp, err = c.PostForm(base+"/signin/dev", form)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("sign-in answered %d", resp.StatusCode)
	}
	u, _ := url.Parse(base)
	var parts []string
	for _, ck := range jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; "), nil
}

// result is what one endpoint measured: in a closed loop (wrk), and in an
// open loop at a fixed rate (OpenRate, 0 for none).
type result struct {
	Requests   int           `json:"requests"`
	RPS        float64       `json:"rps"`
	P50        time.Duration `json:"p50_ns"`
	P99        time.Duration `json:"p99_ns"`
	Errors     int           `json:"errors"`
	cpu        usage         // per request
	AppCPU     time.Duration `json:"app_cpu_ns"`
	DBCPU      time.Duration `json:"db_cpu_ns"`
	OpenRate   int           `json:"open_rate,omitempty"`
	OpenP50    time.Duration `json:"open_p50_ns,omitempty"`
	OpenP99    time.Duration `json:"open_p99_ns,omitempty"`
	HealthzP99 time.Duration `json:"healthz_p99_at_open_rate_ns,omitempty"`
}

// load runs wrk against target with conns connections for duration, and
// works out the app's (process appPID) and Postgres's CPU time per request.
func load(target, cookie string, conns int, duration time.Duration, appPID int) (*result, error) {
	args := []string{"-t1", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", int(duration.Seconds())), "--latency",
		"-H", "Accept-Encoding: gzip"}
	if cookie != "" {
		args = append(args, "-H", "Cookie: "+cookie)
	}
	// The generator shares the machine's two cores with the server and
	// its database; at a lower priority it takes less of the CPU it measures.
	before := sample(appPID)
	out, err := exec.Command("nice", append([]string{"-n", "15", "wrk"}, append(args, target)...)...).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wrk: %v\n%s", err, out)
	}
	after := sample(appPID)
	r, err := parseWrk(string(out))
	if err != nil || r.Requests == 0 {
		return r, err
	}
	n := time.Duration(r.Requests)
	r.cpu = usage{app: (after.app - before.app) / n, db: (after.db - before.db) / n}
	r.AppCPU, r.DBCPU = r.cpu.app, r.cpu.db
	return r, nil
}

var (
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkP50      = regexp.MustCompile(`\s50%\s+([\d.]+(?:us|ms|s))`)
	wrkP99      = regexp.MustCompile(`\s99%\s+([\d.]+(?:us|ms|s))`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkSocket   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// parseWrk reads the summary wrk prints with --latency.
func parseWrk(out string) (*result, error) {
	r := &result{}
	m := wrkRequests.FindStringSubmatch(out)
	rps := wrkRPS.FindStringSubmatch(out)
	p50 := wrkP50.FindStringSubmatch(out)
	p99 := wrkP99.FindStringSubmatch(out)
	if m == nil || rps == nil || p50 == nil || p99 == nil {
		return nil, fmt.Errorf("unexpected wrk output:\n%s", out)
	}
	r.Requests, _ = strconv.Atoi(m[1])
	r.RPS, _ = strconv.ParseFloat(rps[1], 64)
	r.P50, _ = time.ParseDuration(p50[1])
	r.P99, _ = time.ParseDuration(p99[1])
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		n, _ := strconv.Atoi(m[1])
		r.Errors += n
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, v := range m[1:] {
			n, _ := strconv.Atoi(v)
			r.Errors += n
		}
	}
	return r, nil
}

// weight is the compressed bytes of a first page load.
type weight struct {
	HTML int `json:"html"`
	CSS  int `json:"css"`
	JS   int `json:"js"`
}

// weigh loads /today as a first visit would and adds up the compressed
// bytes of the page and the styles and scripts it references.
func weigh(base, cookie string) (weight, error) {
	get := func(path string) ([]byte, int, error) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd") // as Chromium asks: pages come gzipped, assets in brotli
		req.Header.Set("Cookie", cookie)
		resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return nil, 0, fmt.Errorf("%s answered %d", path, resp.StatusCode)
		}
		return raw, len(raw), err
	}
	var w weight
	raw, n, err := get("/today")
	if err != nil {
		return w, err
	}
	w.HTML = n
	html, err := gunzip(raw)
	if err != nil {
		return w, err
	}
	for _, m := range regexp.MustCompile(`(?:href|src)="(/assets/[^"]+)"`).FindAllStringSubmatch(string(html), -1) {
		_, n, err := get(m[1])
		if err != nil {
			return w, err
		}
		switch {
		case strings.HasSuffix(m[1], ".css"):
			w.CSS += n
		case strings.HasSuffix(m[1], ".js"):
			w.JS += n
		}
	}
	return w, nil
}
