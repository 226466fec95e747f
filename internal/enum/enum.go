// Package enum writes the text forms of the library's enumerations the
// same way for all of them: one table of names per type, from which its
// String, MarshalText and UnmarshalText methods are one line each.
package enum

import (
	"fmt"
	"strconv"
)

// A Table names the values of an integer enumeration E. It is built once,
// by [New], and only read afterwards.
type Table[E ~int] struct {
	typ   string   // the qualified type name, as in "convert.Verdict"
	names []string // names[v] is the name of value v; "" for no value
}

// New returns the table of the enumeration typ (its qualified name, such
// as "convert.Verdict", for errors and for values without a name), whose
// value v is named names[v]. An empty name marks an index that is not a
// value (the 0 of an enumeration that starts at 1). Names must be
// distinct.
func New[E ~int](typ string, names []string) Table[E] {
	return Table[E]{typ: typ, names: names}
}

// name returns the name of v, and whether v has one.
func (t Table[E]) name(v E) (string, bool) {
	if v < 0 || int(v) >= len(t.names) || t.names[v] == "" {
		return "", false
	}
	return t.names[v], true
}

// String returns the name of v, or "Type(v)" (the type's name without
// its package) for a value without a name.
func (t Table[E]) String(v E) string {
	if n, ok := t.name(v); ok {
		return n
	}
	typ := t.typ
	for i := len(typ) - 1; i >= 0; i-- {
		if typ[i] == '.' {
			typ = typ[i+1:]
			break
		}
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

// MarshalText returns the name of v; it fails for a value without a
// name, which could not be read back.
func (t Table[E]) MarshalText(v E) ([]byte, error) {
	if n, ok := t.name(v); ok {
		return []byte(n), nil
	}
	return nil, &Error{Type: t.typ, Value: strconv.Itoa(int(v))}
}

// UnmarshalText sets *v to the value named text; for a text that names
// no value it returns an [*Error] and leaves *v as it was.
func (t Table[E]) UnmarshalText(text []byte, v *E) error {
	for i, n := range t.names {
		if n != "" && n == string(text) {
			*v = E(i)
			return nil
		}
	}
	return &Error{Type: t.typ, Value: strconv.Quote(string(text))}
}

// An Error reports a value of an enumeration that has no name, or a name
// that no value of it has.
type Error struct {
	Type  string // the enumeration, as in "convert.Verdict"
	Value string // the value in decimal, or the name quoted
}

// Error returns "TYPE: no value VALUE".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: no value %s", e.Type, e.Value)
}
