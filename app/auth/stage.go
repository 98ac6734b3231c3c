package auth

import "time"

// Stage is where a signed-in user stands on the way into the app.
type Stage int

// The stages, in the order a new account passes them.
const (
	StageAge     Stage = iota // must confirm their age
	StageTerms                // must accept the terms
	StagePending              // waits for an administrator
	StageDenied               // was refused by an administrator
	StageActive               // may use the app
)

// TermsVersion is the version of the terms a user accepts today.
const TermsVersion = "2026-01"

// The account statuses: waiting for an administrator, or decided.
const (
	StatusPending  = "pending"
	StatusApproved = "approved"
	StatusDenied   = "denied"
)

// Statuses lists the account statuses.
var Statuses = []string{StatusPending, StatusApproved, StatusDenied}

// MinimumAge is the youngest age allowed to hold an account.
const MinimumAge = 16

// StageOf returns the stage of a user from their onboarding and approval.
func StageOf(ageVerified, termsAccepted bool, status string) Stage {
	switch {
	case !ageVerified:
		return StageAge
	case !termsAccepted:
		return StageTerms
	case status == StatusApproved:
		return StageActive
	case status == StatusDenied:
		return StageDenied
	default:
		return StagePending
	}
}

// Path is the page a user at this stage is sent to.
func (s Stage) Path() string {
	switch s {
	case StageAge:
		return "/onboarding/age"
	case StageTerms:
		return "/onboarding/terms"
	case StagePending, StageDenied:
		return "/pending"
	default:
		return "/today"
	}
}

// AgeOn returns how many whole years old someone born on birth is on day.
func AgeOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}
