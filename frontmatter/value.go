package frontmatter

import (
	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/enum"
)

// A Kind is the kind of a front matter value.
type Kind int

// The kinds of [Value].
const (
	Scalar   Kind = iota + 1 // a string, number, boolean, date or null
	Sequence                 // a list
	Mapping                  // a nested mapping
	Alias                    // a YAML alias (*name) to an anchored value
)

var kinds = enum.New[Kind]("frontmatter.Kind", []string{Scalar: "scalar", Sequence: "sequence", Mapping: "mapping", Alias: "alias"})

// String returns "scalar", "sequence", "mapping" or "alias".
func (k Kind) String() string { return kinds.String(k) }

// A Value is one top-level value of a page's front matter, as written. It
// is a snapshot: later edits of the page do not change it.
type Value struct {
	Key  string
	Kind Kind
	// Str is the text of a scalar after YAML has unquoted and folded it,
	// and before any typing: "2024-12-30" for a date, "1.10" for the
	// number written 1.10, "no" for no. It is "" for an empty value and
	// for sequences and mappings. For an alias to a scalar it is the
	// scalar's text.
	Str string
	// Tag is the YAML tag the value resolves to: "!!str", "!!int",
	// "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map", or
	// an explicit tag as written. YAML 1.2 rules apply, so "no" and "yes"
	// are "!!str" here, although Jekyll's YAML 1.1 reader takes them for
	// booleans.
	Tag string
	// Raw is the value exactly as written in the file: quotes, escapes,
	// anchors and tags included, line breaks of multi-line values kept,
	// surrounding spaces and a trailing comment left out. (For front
	// matter written as a flow mapping, "{title: x}", it is the value as
	// this package writes it in block style.)
	Raw string
	// Pos is where the value starts, counted from the start of the page
	// file.
	Pos tiptapmd.Pos
}
