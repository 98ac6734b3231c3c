package form

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

type signup struct {
	Email string `form:"email" label:"Email" validate:"required,email,max=30"`
	Name  string `form:"name" label:"Name" validate:"max=5"`
	Plan  string `form:"plan" label:"Plan" validate:"oneof=free pro"`
	Note  string `form:"note"`
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   signup
		want Errors
	}{
		{signup{Email: "a@b.co"}, Errors{}},
		{signup{}, Errors{"email": "Email is required."}},
		{signup{Email: "nope"}, Errors{"email": "Enter an email address like name@example.com."}},
		{signup{Email: "Ann <a@b.co>"}, Errors{"email": "Enter an email address like name@example.com."}},
		{signup{Email: "a@localhost"}, Errors{"email": "Enter an email address like name@example.com."}},
		{signup{Email: "a@b.co", Name: "Ørjan"}, Errors{}},
		{signup{Email: "a@b.co", Name: "Ørjans"}, Errors{"name": "Name must be at most 5 characters."}},
		{signup{Email: "a@b.co", Plan: "gold"}, Errors{"plan": "Choose one of the offered options for plan."}},
		{signup{Email: strings.Repeat("a", 30) + "@b.co"}, Errors{"email": "Email must be at most 30 characters."}},
	}
	for _, tt := range tests {
		got := Validate(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Validate(%+v) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("Validate(%+v)[%s] = %q, want %q", tt.in, k, got[k], v)
			}
		}
	}
}

func TestBindTrimsAndIgnoresUntagged(t *testing.T) {
	t.Parallel()
	e := echo.New()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("email=+a%40b.co+&name=Al&plan=pro&note=hi&extra=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var f signup
	if err := Bind(e.NewContext(req, httptest.NewRecorder()), &f); err != nil {
		t.Fatal(err)
	}
	if f != (signup{Email: "a@b.co", Name: "Al", Plan: "pro", Note: "hi"}) {
		t.Errorf("bound %+v", f)
	}
}
