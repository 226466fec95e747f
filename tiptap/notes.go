package tiptap

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd"
)

// These are the codes of the notes ([tiptapmd.Note]) that [ParseHTML]
// records. Each names
// something in the source that the document does not hold, or holds
// differently.
const (
	// CodeDroppedElement: an element and everything in it were dropped,
	// because the dialect has no node for it (<video>, <input>, an inline
	// data: image) or because its node cannot go where it stands (an image
	// inside a card title).
	CodeDroppedElement tiptapmd.Code = "dropped-element"
	// CodeDroppedText: text was dropped because no node can hold it where
	// it stands (a second text in a card title, text inside a card image).
	CodeDroppedText tiptapmd.Code = "dropped-text"
	// CodeDroppedAttr: attributes, or style declarations, that no node or
	// mark holds were dropped (id, class, style on a paragraph, an
	// iframe's title, a link's title…).
	CodeDroppedAttr tiptapmd.Code = "dropped-attr"
	// CodeDroppedMark: formatting was dropped because the place cannot
	// hold it (bold in a code block or an accordion summary, a link around
	// an image that is not an Isomer image link) or because inline code
	// excludes every other mark.
	CodeDroppedMark tiptapmd.Code = "dropped-mark"
	// CodeDroppedComment: an HTML comment was dropped.
	CodeDroppedComment tiptapmd.Code = "dropped-comment"
	// CodeDroppedScript: a <script> element was dropped. (Other content
	// the editor ignores, <style>, <noscript>, <template>, <object> and
	// <title>, is reported as CodeDroppedElement.)
	CodeDroppedScript tiptapmd.Code = "dropped-script"
	// CodeUnsafeURL: a javascript:, vbscript: or data: URL was not kept.
	// A link keeps its text; an image or iframe is dropped.
	CodeUnsafeURL tiptapmd.Code = "unsafe-url"
	// CodeActiveContent: an attribute that runs script (an event handler
	// such as onclick, a srcdoc, a style with expression()) was removed,
	// as the CMS's sanitiser removes it.
	CodeActiveContent tiptapmd.Code = "active-content"
	// CodeDroppedAnchor: an in-page anchor (an id or an <a name>) was
	// dropped because the dialect cannot hold it there: links to it no
	// longer jump to it.
	CodeDroppedAnchor tiptapmd.Code = "dropped-anchor"
	// CodeUnwrapped: an element the dialect has no node or mark for
	// (<center>, <section>, <font>, <thead>, <dl>…), or a node that cannot
	// go where it stands, was removed but its content kept.
	CodeUnwrapped tiptapmd.Code = "unwrapped"
)

// ErrTooDeep reports elements nested more deeply than the parser allows
// (510 levels below <body>, the limit of golang.org/x/net/html). Real
// pages nest a few dozen levels at most; the limit bounds the time and
// memory that hostile input can take. RenderHTML reports it too, for a
// document whose HTML would nest more deeply than ParseHTML can read back.
var ErrTooDeep = errors.New("elements nested too deeply")

// ErrTooLarge reports HTML with more elements than the parser accepts
// (250,000 start tags). The largest real pages have a few thousand;
// each element costs the conversion about a kilobyte of memory and some
// microseconds, so the limit bounds what a hostile page (a table of a
// million two-byte cells) can take, and the page fails alone with a
// position instead of running the process out of memory.
var ErrTooLarge = errors.New("too many elements")

// These are the errors that [RenderHTML] can return in [SchemaError.Err].
var (
	ErrUnknownType    = errors.New("unknown node type")
	ErrUnknownMark    = errors.New("unknown mark type")
	ErrInvalidContent = errors.New("content does not fit the schema")
	ErrInvalidAttr    = errors.New("invalid attribute")
	ErrInvalidMark    = errors.New("mark not allowed here")
)

// maxDepth is the deepest element nesting below <body> that
// golang.org/x/net/html accepts (its open-element stack holds at most 512
// elements, two of them <html> and <body>).
const maxDepth = 510

// A ParseError reports input that [ParseHTML] or [ParseJSON] refuses. Pos
// is where the problem is in the source (line and column, the column
// counting bytes). Err is [ErrTooDeep] or [ErrTooLarge] from ParseHTML,
// the encoding/json error from ParseJSON.
type ParseError struct {
	Pos tiptapmd.Pos
	Err error
}

// Error returns "tiptap: line L, column C: message".
func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	if !e.Pos.IsValid() {
		return fmt.Sprintf("tiptap: %v", e.Err)
	}
	return fmt.Sprintf("tiptap: line %d, column %d: %v", e.Pos.Line, e.Pos.Column, e.Err)
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// A SchemaError reports a document that does not fit the schema, found by
// [RenderHTML] or [ParseJSON]. Path locates the offending node as a JSON
// pointer into the document's JSON form ("" for the root,
// "/content/2/content/0" for the first child of the third block); Type is
// that node's type.
type SchemaError struct {
	Path   string
	Type   string
	Err    error  // one of the Err* values of this package
	Detail string // what exactly is wrong
	// Pos is the Pos of the node at Path, for ErrTooLarge (the zero Pos
	// otherwise, or when the node has none).
	Pos tiptapmd.Pos
}

// Error returns "tiptap: PATH (TYPE): ERR: DETAIL".
func (e *SchemaError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString("tiptap: ")
	if e.Path == "" {
		b.WriteString("/")
	} else {
		b.WriteString(e.Path)
	}
	if e.Type != "" {
		b.WriteString(" (" + e.Type + ")")
	}
	b.WriteString(": ")
	fmt.Fprint(&b, e.Err)
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *SchemaError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
