// Package objectstest runs a real S3-compatible server, versitygw (posix
// backend, one account), on loopback for the tests that store files.
package objectstest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"ignition/app/testutil"
)

// The test store's credentials.
const (
	AccessKey = "ignition-test"
	SecretKey = "ignition-test-secret"
)

// Binary returns the path of the versitygw binary the Makefile builds.
func Binary() string {
	if p := os.Getenv("IGNITION_VERSITYGW"); p != "" {
		return p
	}
	cache, _ := os.UserCacheDir()
	return filepath.Join(cache, "ignition", "versitygw-v1.8.0", "versitygw")
}

// Server is a running versitygw.
type Server struct {
	URL  string // http://127.0.0.1:port
	Dir  string // where it keeps the objects: bucket/key as files
	port int
	cmd  *exec.Cmd
	proc *testutil.Process
	logs *testutil.SyncBuffer
}

// Start runs a server with its data in dir until Stop.
func Start(dir string) (*Server, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if _, err := os.Stat(Binary()); err != nil {
		return nil, fmt.Errorf("versitygw is not built (run `make versitygw`): %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), Dir: dir, port: port, logs: &testutil.SyncBuffer{}}
	return s, s.run()
}

func (s *Server) run() error {
	s.cmd = exec.Command(Binary(), "-q", "--access", AccessKey, "--secret", SecretKey, "--port", "127.0.0.1:"+strconv.Itoa(s.port), "posix", s.Dir)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	proc, err := testutil.StartProcess(s.cmd)
	if err != nil {
		return err
	}
	s.proc = proc
	if err := proc.WaitListening(s.port, 10*time.Second); err != nil {
		s.Stop()
		return fmt.Errorf("versitygw did not start: %v\n%s", err, s.logs.String())
	}
	return nil
}

// Stop kills the server, as a crash would.
func (s *Server) Stop() {
	if s.proc == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.proc.Exited
	s.proc = nil
}

// Restart starts it again on the same port and data.
func (s *Server) Restart() error {
	if s.proc != nil {
		return errors.New("objectstest: still running")
	}
	return s.run()
}

// StartT runs a server for t, with its data in t's temporary folder.
func StartT(t testing.TB) *Server {
	t.Helper()
	s, err := Start(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Env is the settings that point the app at this server.
func (s *Server) Env() map[string]string {
	return map[string]string{"IGNITION_S3_ENDPOINT": s.URL, "IGNITION_S3_ACCESS_KEY": AccessKey, "IGNITION_S3_SECRET_KEY": SecretKey}
}
