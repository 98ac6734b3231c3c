// Package graphtest runs a real Neo4j Community server on loopback for the
// tests (the launcher `make neo4j` builds), and can pause it to play a
// stalled server.
package graphtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ignition/app/testutil"
)

// Server is a running Neo4j.
type Server struct {
	URL  string
	proc *testutil.Process
	logs *testutil.SyncBuffer
}

// Home is where `make neo4j` puts the server.
func Home() string {
	if h := os.Getenv("IGNITION_NEO4J_HOME"); h != "" {
		return h
	}
	cache, _ := os.UserCacheDir()
	return filepath.Join(cache, "ignition", "neo4j-5.26.12")
}

// Start runs Neo4j on a free loopback port until the test ends. A port
// another process takes first is given up for a new one.
func Start(t testing.TB) *Server {
	t.Helper()
	home := Home()
	if _, err := os.Stat(filepath.Join(home, "launcher.jar")); err != nil {
		t.Fatalf("Neo4j is not built (run `make neo4j`): %v", err)
	}
	var failures []string
	for attempt := 0; attempt < 3; attempt++ {
		s, err := start(t, home)
		if err == nil {
			return s
		}
		failures = append(failures, err.Error())
	}
	t.Fatalf("Neo4j did not start:\n%s", strings.Join(failures, "\n"))
	return nil
}

func start(t testing.TB, home string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &Server{URL: fmt.Sprintf("bolt://127.0.0.1:%d", port), logs: &testutil.SyncBuffer{}}
	cmd := exec.Command("java", "-Xmx512m", "-cp", filepath.Join(home, "launcher.jar")+":"+filepath.Join(home, "lib", "*"),
		"ignition.Launcher", t.TempDir(), fmt.Sprint(port))
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if s.proc, err = testutil.StartProcess(cmd); err != nil {
		return nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGCONT)
		cmd.Process.Kill()
		<-s.proc.Exited
	}
	if err := s.proc.WaitListening(port, 90*time.Second); err != nil {
		stop()
		return nil, fmt.Errorf("%v\n%s", err, s.logs.String())
	}
	t.Cleanup(stop)
	return s, nil
}

// Pause freezes the server (SIGSTOP): connections stay open, nothing answers.
func (s *Server) Pause(t testing.TB) {
	if err := s.proc.Cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
}

// Resume wakes a paused server.
func (s *Server) Resume(t testing.TB) {
	if err := s.proc.Cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
}
