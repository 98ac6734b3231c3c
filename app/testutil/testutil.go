// Package testutil holds small helpers the test harnesses share.
package testutil

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// SyncBuffer is a bytes.Buffer safe for a process writing while a test
// reads.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// WaitHTTP polls url until it answers 200 OK or timeout passes.
func WaitHTTP(url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready after %s: %w", url, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Listens reports whether process pid has a socket listening on TCP port
// (Linux: /proc/net/tcp and tcp6). Polling the port is not enough to know a
// server started: when two tests pick the same free port, one server fails
// to bind and the other answers for both.
func Listens(pid, port int) bool {
	sockets := map[string]bool{}
	suffix := fmt.Sprintf(":%04X", port) // local_address is HEXADDR:HEXPORT
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			// State 0A is LISTEN.
			if len(f) < 10 || f[3] != "0A" || !strings.HasSuffix(f[1], suffix) {
				continue
			}
			sockets["socket:["+f[9]+"]"] = true
		}
	}
	if len(sockets) == 0 {
		return false
	}
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	for _, fd := range fds {
		if link, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name())); err == nil && sockets[link] {
			return true
		}
	}
	return false
}

// Process is a started command whose end can be awaited by many.
type Process struct {
	Cmd    *exec.Cmd
	Exited chan struct{} // closed once the process has ended
	Err    error         // how it ended, once Exited is closed
}

// StartProcess starts cmd and watches for its end.
func StartProcess(cmd *exec.Cmd) (*Process, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{Cmd: cmd, Exited: make(chan struct{})}
	go func() {
		p.Err = cmd.Wait()
		close(p.Exited)
	}()
	return p, nil
}

// WaitListening waits until the process listens on port, and fails when it
// ends first or timeout passes.
func (p *Process) WaitListening(port int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for !Listens(p.Cmd.Process.Pid, port) {
		select {
		case <-p.Exited:
			return fmt.Errorf("it ended before listening on port %d: %v", port, p.Err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not listening on port %d after %s", port, timeout)
		}
	}
	return nil
}
