package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// paced sends GET target at a fixed rate for duration, each request at its
// own scheduled time whether or not earlier ones have answered (an open
// loop), and measures each from that scheduled time, so a stall is not
// hidden by requests that were never sent. Below the server's capacity it
// shows what a request takes when nothing queues for the CPU.
func paced(target, cookie string, rate int, duration time.Duration) (*result, error) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: 256, DisableCompression: true,
	}}
	n := int(duration.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	latencies := make([]time.Duration, n)
	failed := make([]bool, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			req.Header.Set("Cookie", cookie)
			resp, err := client.Do(req)
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				failed[i] = err != nil || resp.StatusCode != http.StatusOK
			} else {
				failed[i] = true
			}
			latencies[i] = time.Since(at)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	r := &result{Requests: n, RPS: float64(n) / elapsed.Seconds()}
	for _, f := range failed {
		if f {
			r.Errors++
		}
	}
	if n == 0 {
		return r, fmt.Errorf("paced: no requests at %d/s for %s", rate, duration)
	}
	slices.Sort(latencies)
	r.P50, r.P99 = latencies[n/2], latencies[n*99/100]
	return r, nil
}
