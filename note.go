package tiptapmd

import (
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// A Pos is a position in a source file: Line and Column count from 1,
// Column in bytes. The zero Pos means the position is unknown, and a
// Column of 0 that only the line is known.
type Pos struct {
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
}

// IsValid reports whether p holds a known position (at least its line).
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "line:column", "line" when the column is unknown, or
// "-" for an unknown position.
func (p Pos) String() string {
	switch {
	case !p.IsValid():
		return "-"
	case p.Column <= 0:
		return strconv.Itoa(p.Line)
	}
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}

// A Severity ranks a [Note] by what a visitor of the page would see.
type Severity int

const (
	// Info: a change worth knowing that loses nothing a visitor sees,
	// such as a front matter key normalized, an attribute the editor
	// never keeps or markup that renders the same.
	Info Severity = iota
	// Review: something a person should look at, because a visitor sees
	// it (text, links, images, layout, sizes, styling or behaviour):
	// content the target variant cannot hold as it was, kept in another
	// form or dropped, or a difference between the page before and after.
	Review
	// Error: the operation could not be done as asked; the page is left
	// as it was.
	Error
)

var severities = enum.New[Severity]("tiptapmd.Severity", []string{Info: "info", Review: "review", Error: "error"})

// String returns "info", "review" or "error".
func (s Severity) String() string { return severities.String(s) }

// MarshalText encodes s as its name, for JSON and CSV reports.
func (s Severity) MarshalText() ([]byte, error) { return severities.MarshalText(s) }

// UnmarshalText decodes a name written by [Severity.MarshalText].
func (s *Severity) UnmarshalText(b []byte) error { return severities.UnmarshalText(b, s) }

// A Code classifies a [Note], in kebab case: "dropped-element", "liquid",
// "permalink-slashes". Each package that makes notes names its codes as
// constants.
type Code string

// A Note is one message about a page: something a reader, a writer, the
// front matter rules or a conversion could not carry over as it was, or
// changed, or wants a person to know. Its JSON form is
// {"code", "severity", "message", "line", "column"}, the position left
// out when it is unknown.
type Note struct {
	Code     Code     `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Pos is where the note is in its source. A package that reads a
	// part of a page (a body, a front matter block) counts from the
	// start of what it was given; package convert counts from the start
	// of the page file.
	Pos
}

// String formats n as "line:column: severity: code: message", leaving
// out the position when it is unknown (and the column alone when only
// the line is known).
func (n Note) String() string {
	var b strings.Builder
	if n.IsValid() {
		b.WriteString(n.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(n.Severity.String())
	b.WriteString(": ")
	b.WriteString(string(n.Code))
	b.WriteString(": ")
	b.WriteString(n.Message)
	return b.String()
}
