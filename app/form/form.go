// Package form binds submitted forms into structs and validates them by
// struct tags, so every form reports field errors the same way.
//
// Fields are read by their `form:"name"` tag, named in messages by their
// `label:"…"` tag and checked by their `validate:"…"` rules:
// required, email, max=N (characters), oneof=a b c, and oneof=@name for
// a set of values defined once in Go and registered with Choices.
package form

import (
	"fmt"
	"net/mail"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/labstack/echo/v4"
)

// sets are the named sets of values oneof=@name accepts.
var sets sync.Map

// Choices registers the values a oneof=@name rule accepts: an enumeration
// defined once in Go (and checked against the database's constraints).
func Choices(name string, values ...string) { sets.Store(name, slices.Clone(values)) }

// Errors maps a field's form name to the message shown beside it.
type Errors map[string]string

// Any reports whether there is at least one error.
func (e Errors) Any() bool { return len(e) > 0 }

// Get returns the message for the field, or "".
func (e Errors) Get(field string) string { return e[field] }

// Bind copies the request's form values into the fields of dst (a pointer
// to a struct) that carry a form tag: a string field takes the first value,
// trimmed; a []string field takes every value (for check boxes).
func Bind(c echo.Context, dst any) error {
	values, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(400, "malformed form")
	}
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("form")
		if name == "" || name == "-" {
			continue
		}
		switch f := v.Field(i); {
		case f.Kind() == reflect.String:
			f.SetString(strings.TrimSpace(values.Get(name)))
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			f.Set(reflect.ValueOf(append([]string(nil), values[name]...)))
		}
	}
	return nil
}

// Validate checks every tagged field of v (a struct or a pointer to one)
// and returns the first failing rule's message for each field.
func Validate(v any) Errors {
	rv := reflect.Indirect(reflect.ValueOf(v))
	t := rv.Type()
	errs := Errors{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		rules := f.Tag.Get("validate")
		name := f.Tag.Get("form")
		if rules == "" || name == "" || f.Type.Kind() != reflect.String {
			continue
		}
		label := f.Tag.Get("label")
		if label == "" {
			label = name
		}
		if msg := check(rv.Field(i).String(), label, rules); msg != "" {
			errs[name] = msg
		}
	}
	return errs
}

func check(value, label, rules string) string {
	for _, rule := range strings.Split(rules, ",") {
		key, arg, _ := strings.Cut(rule, "=")
		switch key {
		case "required":
			if value == "" {
				return label + " is required."
			}
		case "email":
			if value != "" && !IsEmail(value) {
				return "Enter an email address like name@example.com."
			}
		case "max":
			n, err := strconv.Atoi(arg)
			if err != nil {
				panic("form: bad max rule " + rule)
			}
			if utf8.RuneCountInString(value) > n {
				return fmt.Sprintf("%s must be at most %d characters.", label, n)
			}
		case "oneof":
			allowed := strings.Fields(arg)
			if name, ok := strings.CutPrefix(arg, "@"); ok {
				set, known := sets.Load(name)
				if !known {
					panic("form: no choices registered as " + name)
				}
				allowed = set.([]string)
			}
			if value != "" && !slices.Contains(allowed, value) {
				return "Choose one of the offered options for " + strings.ToLower(label) + "."
			}
		default:
			panic("form: unknown rule " + rule)
		}
	}
	return ""
}

// IsEmail reports whether s is a single bare address (no display name).
func IsEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}
