package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

func TestLocalPath(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/today": "/today", "/settings?x=1": "/settings?x=1", "": "/f", "today": "/f",
		"//evil.example": "/f", "/\\evil.example": "/f", "https://evil.example": "/f", "/a\nb": "/f",
	}
	for in, want := range tests {
		if got := LocalPath(in, "/f"); got != want {
			t.Errorf("LocalPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestServeDrainsInFlightRequests cancels the server while a request is in
// flight: the request completes and Serve returns cleanly.
func TestServeDrainsInFlightRequests(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, "127.0.0.1:0", handler, 5*time.Second, slog.New(slog.DiscardHandler), func(a net.Addr) { addrc <- a })
	}()
	addr := <-addrc
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr.String() + "/")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	if body := <-got; body != "done" {
		t.Fatalf("in-flight request got %q", body)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve = %v", err)
	}
	if _, err := http.Get("http://" + addr.String() + "/"); err == nil {
		t.Error("server still accepts requests after shutdown")
	}
}

// FuzzLocalPath checks that no input leads a redirect off-site.
func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{"/today", "//x", "/\\x", "https://x", "/a?b=//c", "\x00", "/\t/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := LocalPath(in, "/")
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("LocalPath(%q) = %q leaves the site", in, got)
		}
	})
}

func TestRedirect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, htmx, boosted, url string
		status                   int
		location, hxRedirect     string
	}{
		{"plain request", "", "", "/habits", http.StatusSeeOther, "/habits", ""},
		{"htmx request", "true", "", "/habits", http.StatusNoContent, "", "/habits"},
		{"boosted request", "true", "true", "/habits", http.StatusSeeOther, "/habits", ""},
		{"boosted, to a fragment", "true", "true", "/habits#habit-form-card", http.StatusNoContent, "", "/habits#habit-form-card"},
	}
	e := echo.New()
	for _, tc := range tests {
		req := httptest.NewRequest(http.MethodPost, "/today/picks", nil)
		if tc.htmx != "" {
			req.Header.Set("HX-Request", tc.htmx)
		}
		if tc.boosted != "" {
			req.Header.Set("HX-Boosted", tc.boosted)
		}
		rec := httptest.NewRecorder()
		if err := Redirect(e.NewContext(req, rec), tc.url); err != nil {
			t.Fatal(err)
		}
		if rec.Code != tc.status || rec.Header().Get("Location") != tc.location || rec.Header().Get("HX-Redirect") != tc.hxRedirect {
			t.Errorf("%s: status %d, Location %q, HX-Redirect %q; want %d, %q, %q", tc.name, rec.Code,
				rec.Header().Get("Location"), rec.Header().Get("HX-Redirect"), tc.status, tc.location, tc.hxRedirect)
		}
	}
}
