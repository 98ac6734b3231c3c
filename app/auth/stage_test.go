package auth

import (
	"testing"
	"time"
)

func TestStageOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		age, terms bool
		status     string
		want       Stage
	}{
		{false, false, "approved", StageAge},
		{false, true, "approved", StageAge},
		{true, false, "approved", StageTerms},
		{true, true, "pending", StagePending},
		{true, true, "denied", StageDenied},
		{true, true, "approved", StageActive},
		{true, true, "", StagePending},
	}
	for _, tt := range tests {
		if got := StageOf(tt.age, tt.terms, tt.status); got != tt.want {
			t.Errorf("StageOf(%v, %v, %q) = %v, want %v", tt.age, tt.terms, tt.status, got, tt.want)
		}
	}
}

func TestAgeOn(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		birth, day string
		want       int
	}{
		{"2010-11-27", "2026-11-27", 16},
		{"2010-11-28", "2026-11-27", 15},
		{"2010-12-01", "2026-11-27", 15},
		{"2010-01-01", "2026-11-27", 16},
		{"2008-02-29", "2024-02-28", 15},
		{"2008-02-29", "2024-02-29", 16},
		{"2008-02-29", "2025-03-01", 17},
		{"1950-06-15", "2026-11-27", 76},
	}
	for _, tt := range tests {
		if got := AgeOn(d(tt.birth), d(tt.day)); got != tt.want {
			t.Errorf("AgeOn(%s, %s) = %d, want %d", tt.birth, tt.day, got, tt.want)
		}
	}
}

func TestTenantIssuer(t *testing.T) {
	t.Parallel()
	const common = "https://login.microsoftonline.com/common/v2.0"
	tests := []struct{ issuer, tid, want string }{
		{common, "9188040d-6c67-4c5b-b112-36a304b66dad", "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"},
		{"https://login.microsoftonline.com/organizations/v2.0", "abc", "https://login.microsoftonline.com/abc/v2.0"},
		{common, "", ""},
		{common, "evil/../x", ""},
	}
	for _, tt := range tests {
		if got := tenantIssuer(tt.issuer, tt.tid); got != tt.want {
			t.Errorf("tenantIssuer(%q, %q) = %q, want %q", tt.issuer, tt.tid, got, tt.want)
		}
	}
}
