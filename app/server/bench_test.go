package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"ignition/app/apptest"
)

// BenchmarkSignedInPage runs the whole middleware chain and the Today page
// for a signed-in user against the real database, in-process.
func BenchmarkSignedInPage(b *testing.B) {
	env := apptest.New(b)
	c := env.SignIn("bench@example.com", "Bench")
	cookie := c.CookieHeader()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodGet, "/today", nil)
			req.Header.Set("Cookie", cookie)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			env.App.Handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}
