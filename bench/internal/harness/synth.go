package harness

import (
	"bytes"
	"fmt"
	"strings"
)

// A Nesting is a construct that a synthetic input nests.
type Nesting int

// The constructs of the nesting inputs.
const (
	NestList  Nesting = iota // bullet lists
	NestQuote                // blockquotes
	NestDiv                  // HTML divs
)

// Nestings lists every Nesting, in order.
func Nestings() []Nesting { return []Nesting{NestList, NestQuote, NestDiv} }

// String returns "list", "quote" or "div".
func (n Nesting) String() string {
	switch n {
	case NestList:
		return "list"
	case NestQuote:
		return "quote"
	case NestDiv:
		return "div"
	}
	return fmt.Sprintf("Nesting(%d)", int(n))
}

// NestedMarkdown returns a Markdown body that nests n depth levels deep,
// written as compactly as Markdown allows, so that the input grows
// linearly with depth: "- - - … x" (a list in the first item of a list,
// …), ">>> … x", and for divs a raw HTML block "<div><div>…x…</div></div>".
func NestedMarkdown(n Nesting, depth int) []byte {
	switch n {
	case NestList:
		return []byte(strings.Repeat("- ", depth) + "x\n")
	case NestQuote:
		return []byte(strings.Repeat(">", depth) + " x\n")
	}
	return []byte(strings.Repeat("<div>", depth) + "x" + strings.Repeat("</div>", depth) + "\n")
}

// NestedHTML returns a Tiptap HTML body that nests n depth levels deep:
// each level of a list is an item with a paragraph and the next list,
// as the editor writes nested lists.
func NestedHTML(n Nesting, depth int) []byte {
	var open, text, close string
	switch n {
	case NestList:
		open, text, close = "<ul><li><p>x</p>", "", "</li></ul>"
	case NestQuote:
		open, text, close = "<blockquote>", "<p>x</p>", "</blockquote>"
	default:
		open, text, close = "<div>", "<p>x</p>", "</div>"
	}
	return []byte(strings.Repeat(open, depth) + text + strings.Repeat(close, depth))
}

// Repeat returns copies of unit, one after the other, until the result
// is at least size bytes long (at least one copy). For Markdown, unit
// should end with a blank line so that the copies are separate blocks.
func Repeat(unit []byte, size int) []byte {
	if len(unit) == 0 {
		return nil
	}
	n := max((size+len(unit)-1)/len(unit), 1)
	return bytes.Repeat(unit, n)
}
