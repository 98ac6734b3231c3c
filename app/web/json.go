package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ErrJSON is a body that is not one JSON value of the expected shape.
var ErrJSON = errors.New("web: malformed JSON")

// BindJSON reads the request's JSON body into dst: 413 past max bytes,
// ErrJSON for anything but one JSON value of dst's shape (no unknown
// fields).
func BindJSON(c echo.Context, dst any, max int64) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, max+1))
	if err != nil {
		return err
	}
	if int64(len(body)) > max {
		return echo.ErrStatusRequestEntityTooLarge
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil || dec.More() {
		return ErrJSON
	}
	return nil
}

// Problem answers a script with a message it shows.
func Problem(c echo.Context, status int, message string) error {
	return c.JSON(status, map[string]string{"error": message})
}

// ProblemOf answers ErrJSON with 400 and a too large body with 413; other
// errors are the caller's (done is false).
func ProblemOf(c echo.Context, err error) (done bool, answer error) {
	switch {
	case errors.Is(err, ErrJSON):
		return true, Problem(c, http.StatusBadRequest, "The request could not be read.")
	case errors.Is(err, echo.ErrStatusRequestEntityTooLarge):
		return true, Problem(c, http.StatusRequestEntityTooLarge, "The request is too large.")
	}
	return false, nil
}
