package auth

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/auth"
)

// devSignInSubmit signs in by email alone, creating the account on first
// use. Its route exists only where the development sign-in is enabled.
func (h *Handler) devSignInSubmit(c echo.Context) error {
	var f views.DevSignInForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		if web.IsFragmentRequest(c) {
			return web.RenderBare(c, http.StatusUnprocessableEntity, "Sign in", f.Render())
		}
		return web.RenderBare(c, http.StatusUnprocessableEntity, "Sign in", views.SignIn(views.SignInData{Providers: h.providerButtons(f.Next), Passkeys: h.cfg.PasskeysEnabled(), Dev: true, Form: f, Notice: ""}))
	}
	user, err := h.q.UpsertDevUser(c.Request().Context(), db.UpsertDevUserParams{Email: f.Email, Name: f.Name})
	if err != nil {
		return fmt.Errorf("auth: unable to find or create user: %w", err)
	}
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	if err := h.SignIn(c, sess, user.ID, ByDev); err != nil {
		return err
	}
	return web.Redirect(c, web.LocalPath(f.Next, "/today"))
}
