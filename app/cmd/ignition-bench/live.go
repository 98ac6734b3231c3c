package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// liveChanges is how many focus changes the propagation is measured over.
const liveChanges = 20

// propagation measures the live updates across app processes: a second
// process on the same database holds the user's stream while focus pauses
// and resumes are posted to the first; each change counts from its POST to
// its event on the stream.
func propagation(bin, dbURL, first string) (p50, p99 time.Duration, err error) {
	second, _, stop, err := startServer(bin, dbURL, "")
	if err != nil {
		return 0, 0, err
	}
	defer stop()
	poster, err := signIn(first, "live@example.com")
	if err != nil {
		return 0, 0, err
	}
	listener, err := signIn(second, "live@example.com")
	if err != nil {
		return 0, 0, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := stream(ctx, second+"/live", listener)
	if err != nil {
		return 0, 0, err
	}
	token, err := csrfToken(first+"/focus", poster)
	if err != nil {
		return 0, 0, err
	}
	post := func(path string, form url.Values) error {
		form.Set("_csrf", token)
		req, _ := http.NewRequest(http.MethodPost, first+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", poster)
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("POST %s answered %d", path, res.StatusCode)
		}
		return nil
	}
	wait := func() error {
		select {
		case <-events:
			return nil
		case <-time.After(10 * time.Second):
			return errors.New("no live event within 10 s")
		}
	}
	if err := post("/focus/start", url.Values{"kind": {"focus"}}); err != nil {
		return 0, 0, err
	}
	if err := wait(); err != nil {
		return 0, 0, err
	}
	var took []time.Duration
	for i := range liveChanges {
		path := "/focus/pause"
		if i%2 == 1 {
			path = "/focus/resume"
		}
		start := time.Now()
		if err := post(path, url.Values{}); err != nil {
			return 0, 0, err
		}
		if err := wait(); err != nil {
			return 0, 0, err
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	return took[len(took)/2], took[len(took)-1], nil
}

// stream opens an event stream and reports each event's arrival.
func stream(ctx context.Context, target, cookie string) (<-chan time.Time, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	req.Header.Set("Cookie", cookie)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return nil, fmt.Errorf("GET %s answered %d", target, res.StatusCode)
	}
	out := make(chan time.Time, 64)
	go func() {
		defer res.Body.Close()
		for sc := bufio.NewScanner(res.Body); sc.Scan(); {
			if strings.HasPrefix(sc.Text(), "data: ") {
				out <- time.Now()
			}
		}
	}()
	return out, nil
}

// csrfToken reads the CSRF token a signed-in page carries.
func csrfToken(page, cookie string) (string, error) {
	req, _ := http.NewRequest(http.MethodGet, page, nil)
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`name="csrf-token" content="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("no CSRF token on %s", page)
	}
	return string(m[1]), nil
}
