package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// usage is the CPU time (user + system) the app server and the PostgreSQL
// server's processes have used so far. Divided by the requests a load run
// served, it is what one request costs each, whatever the concurrency:
// throughput, and so latency at a fixed number of connections, follow from
// it on a machine of two cores.
type usage struct{ app, db time.Duration }

// total is the time of both.
func (u usage) total() time.Duration { return u.app + u.db }

// clockTick is the unit of the CPU times in /proc/<pid>/stat (USER_HZ,
// 100 on Linux).
const clockTick = 10 * time.Millisecond

// sample reads the CPU time of the process appPID and of every process
// named postgres. For those it adds the time of their children that have
// exited (backends, autovacuum workers), which the server's main process
// has collected, so the sum only grows.
func sample(appPID int) usage {
	var u usage
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open {
			continue
		}
		pid, _ := strconv.Atoi(strings.TrimSpace(s[:open]))
		comm := s[open+1 : end]
		if pid != appPID && comm != "postgres" {
			continue
		}
		f := strings.Fields(s[end+1:]) // from field 3 (state) on
		if len(f) < 15 {
			continue
		}
		ticks := func(i int) time.Duration { n, _ := strconv.ParseInt(f[i], 10, 64); return time.Duration(n) * clockTick }
		if pid == appPID {
			u.app += ticks(11) + ticks(12) // utime, stime
		} else {
			u.db += ticks(11) + ticks(12) + ticks(13) + ticks(14) // and cutime, cstime
		}
	}
	return u
}
