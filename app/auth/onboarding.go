package auth

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"ignition/app/form"
	"ignition/app/store"
	"ignition/app/store/db"
	"ignition/app/web"
	views "ignition/views/auth"
)

// onStage answers with a redirect when the viewer is not at stage.
func onStage(c echo.Context, stage Stage) (bool, error) {
	if got := stageOf(web.CurrentViewer(c)); got != stage {
		return false, web.Redirect(c, got.Path())
	}
	return true, nil
}

func (h *Handler) ageShow(c echo.Context) error {
	if ok, err := onStage(c, StageAge); !ok {
		return err
	}
	return web.RenderBare(c, http.StatusOK, "Confirm your age", views.AgePage(views.AgeForm{}))
}

// ageSubmit checks the date of birth. At 16 or over the account goes on to
// the terms; under 16 the account and every trace of it are deleted and
// only a hash of each sign-in identity is kept, so it cannot sign up again.
// The date itself is never stored.
func (h *Handler) ageSubmit(c echo.Context) error {
	if ok, err := onStage(c, StageAge); !ok {
		return err
	}
	var f views.AgeForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	today := time.Now().UTC()
	birth, msg := parseBirthDate(f.BirthDate, today)
	if f.Errors = form.Validate(f); !f.Errors.Any() && msg != "" {
		f.Errors = form.Errors{"birth_date": msg}
	}
	if f.Errors.Any() {
		return web.RenderBare(c, http.StatusUnprocessableEntity, "Confirm your age", views.AgePage(f))
	}
	v := web.CurrentViewer(c)
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	if AgeOn(birth, today) < MinimumAge {
		if err := h.refuseUnderAge(c, v.ID); err != nil {
			return err
		}
		if err := h.EndSession(c); err != nil {
			return err
		}
		return web.RenderBare(c, http.StatusForbidden, "Too young to sign up", views.UnderAge(MinimumAge))
	}
	if err := h.q.SetAgeVerified(c.Request().Context(), v.ID); err != nil {
		return fmt.Errorf("auth: unable to record age of %s: %w", v.ID, err)
	}
	if err := h.sessions.Rotate(c.Request(), c.Response(), sess); err != nil {
		return err
	}
	return web.Redirect(c, StageTerms.Path())
}

// refuseUnderAge deletes the user, keeping a block record per identity.
func (h *Handler) refuseUnderAge(c echo.Context, userID uuid.UUID) error {
	ctx := c.Request().Context()
	return store.Tx(ctx, h.pool, func(q *db.Queries) error {
		identities, err := q.ListUserIdentities(ctx, userID)
		if err != nil {
			return fmt.Errorf("auth: unable to list identities: %w", err)
		}
		for _, id := range identities {
			err := q.InsertSignupBlock(ctx, db.InsertSignupBlockParams{IdentityHash: identityHash(id.Provider, id.Subject), Reason: "under_age"})
			if err != nil {
				return fmt.Errorf("auth: unable to record block: %w", err)
			}
		}
		if err := q.DeleteUser(ctx, userID); err != nil {
			return fmt.Errorf("auth: unable to delete under-age user: %w", err)
		}
		return nil
	})
}

// parseBirthDate reads a yyyy-mm-dd date and returns a message when it
// cannot be a date of birth.
func parseBirthDate(s string, today time.Time) (time.Time, string) {
	if s == "" {
		return time.Time{}, ""
	}
	d, err := time.Parse("2006-01-02", s)
	switch {
	case err != nil:
		return d, "Enter the date as year, month and day, like 2001-04-30."
	case d.After(today):
		return d, "The date of birth cannot be in the future."
	case d.Year() < 1900:
		return d, "Enter a date of birth after 1900."
	}
	return d, ""
}

func (h *Handler) termsShow(c echo.Context) error {
	if ok, err := onStage(c, StageTerms); !ok {
		return err
	}
	return web.RenderBare(c, http.StatusOK, "Terms", views.TermsPage(views.TermsForm{}, TermsVersion))
}

func (h *Handler) termsSubmit(c echo.Context) error {
	if ok, err := onStage(c, StageTerms); !ok {
		return err
	}
	var f views.TermsForm
	if err := form.Bind(c, &f); err != nil {
		return err
	}
	if f.Errors = form.Validate(f); f.Errors.Any() {
		return web.RenderBare(c, http.StatusUnprocessableEntity, "Terms", views.TermsPage(f, TermsVersion))
	}
	v := web.CurrentViewer(c)
	if err := h.q.AcceptTerms(c.Request().Context(), db.AcceptTermsParams{ID: v.ID, TermsVersion: TermsVersion}); err != nil {
		return fmt.Errorf("auth: unable to record terms of %s: %w", v.ID, err)
	}
	sess, err := h.session(c)
	if err != nil {
		return err
	}
	if err := h.sessions.Rotate(c.Request(), c.Response(), sess); err != nil {
		return err
	}
	return web.Redirect(c, "/")
}

func (h *Handler) pendingShow(c echo.Context) error {
	v := web.CurrentViewer(c)
	stage := stageOf(v)
	if stage != StagePending && stage != StageDenied {
		return web.Redirect(c, stage.Path())
	}
	return web.RenderBare(c, http.StatusOK, "Waiting for approval", views.Pending(stage == StageDenied, v.Email))
}
