package testutil

import (
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestListens(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	if !Listens(os.Getpid(), port) {
		t.Errorf("this process listens on %d but Listens says no", port)
	}
	if Listens(1, port) {
		t.Errorf("another process is said to listen on %d", port)
	}
	ln.Close()
	if Listens(os.Getpid(), port) {
		t.Errorf("a closed listener still counts on %d", port)
	}
}

func TestWaitListeningNoticesAnEndedProcess(t *testing.T) {
	t.Parallel()
	// Something else listens on the port; the process meant to fails.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	p, err := StartProcess(exec.Command("sh", "-c", "exit 3"))
	if err != nil {
		t.Fatal(err)
	}
	err = p.WaitListening(ln.Addr().(*net.TCPAddr).Port, 10*time.Second)
	if err == nil || !strings.Contains(err.Error(), "ended before listening") {
		t.Errorf("WaitListening = %v, want the process's end", err)
	}
}
