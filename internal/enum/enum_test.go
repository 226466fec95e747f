package enum

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type color int

const (
	red color = iota + 1
	green
)

var colors = New[color]("paint.Color", []string{red: "red", green: "green"})

func (c color) String() string                { return colors.String(c) }
func (c color) MarshalText() ([]byte, error)  { return colors.MarshalText(c) }
func (c *color) UnmarshalText(b []byte) error { return colors.UnmarshalText(b, c) }

func TestString(t *testing.T) {
	assert.Equal(t, "red", red.String())
	assert.Equal(t, "green", green.String())
	assert.Equal(t, "Color(0)", color(0).String(), "the unnamed 0 of an enumeration from 1")
	assert.Equal(t, "Color(3)", color(3).String())
	assert.Equal(t, "Color(-1)", color(-1).String())
}

func TestRoundTrip(t *testing.T) {
	for _, c := range []color{red, green} {
		b, err := json.Marshal(map[string]color{"c": c})
		require.NoError(t, err)
		var back map[string]color
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, c, back["c"], "%s", b)
	}
}

func TestErrors(t *testing.T) {
	_, err := json.Marshal(color(7))
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, &Error{Type: "paint.Color", Value: "7"}, e)
	assert.EqualError(t, e, "paint.Color: no value 7")

	c := green
	err = c.UnmarshalText([]byte("blue"))
	assert.EqualError(t, err, `paint.Color: no value "blue"`)
	assert.Equal(t, green, c, "left as it was")
	assert.Error(t, c.UnmarshalText(nil), "the empty name of the unnamed 0 is no name")
	assert.Equal(t, green, c)
}
