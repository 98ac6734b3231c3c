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
	"syscall"
	"testing"
	"time"

	"ignition/app/testutil"
)

// Server is a running Neo4j.
type Server struct {
	URL  string
	cmd  *exec.Cmd
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

// Start runs Neo4j on a free loopback port until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	home := Home()
	if _, err := os.Stat(filepath.Join(home, "launcher.jar")); err != nil {
		t.Fatalf("Neo4j is not built (run `make neo4j`): %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &Server{URL: fmt.Sprintf("bolt://127.0.0.1:%d", port), logs: &testutil.SyncBuffer{}}
	s.cmd = exec.Command("java", "-Xmx512m", "-cp", filepath.Join(home, "launcher.jar")+":"+filepath.Join(home, "lib", "*"),
		"ignition.Launcher", t.TempDir(), fmt.Sprint(port))
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.cmd.Process.Signal(syscall.SIGCONT)
		s.cmd.Process.Kill()
		s.cmd.Wait()
	})
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second); err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("Neo4j did not start:\n%s", s.logs.String())
		}
	}
}

// Pause freezes the server (SIGSTOP): connections stay open, nothing answers.
func (s *Server) Pause(t testing.TB) {
	if err := s.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
}

// Resume wakes a paused server.
func (s *Server) Resume(t testing.TB) {
	if err := s.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
}
