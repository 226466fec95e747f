package markdown

import (
	"errors"
	"fmt"

	"github.com/tiptapmd/tiptapmd"
)

// Options configures [Parse]. The zero value reads a page as an Isomer
// site renders it (baseurl "", Liquid kept), except that typography is
// left as written; see Typographer.
type Options struct {
	// BaseURL is what {{ site.baseurl }} resolves to, as Jekyll's Liquid
	// pass resolves it before kramdown runs. The default "" removes the
	// tag, which is what Isomer sites (baseurl: "") render.
	BaseURL string

	// KeepBaseURL keeps {{ site.baseurl }} as text instead of resolving
	// it; it is then reported like any other Liquid. The default is
	// false.
	KeepBaseURL bool

	// Typographer applies kramdown's typographic substitutions to
	// Markdown text, as Jekyll does on the live site: straight quotes
	// become curly ones (“ ” ‘ ’) by kramdown's rules, "--" and "---" en
	// and em dashes, "..." an ellipsis, "<<" and ">>" guillemets. Code,
	// raw HTML, Liquid, URLs and alt text are never changed. The default
	// is false: the text keeps the characters it was written with, as the
	// CMS's own Markdown conversion keeps them. Package convert turns it
	// on by default, so that a converted page shows what Jekyll showed.
	Typographer bool
}

// severity is the severity of a note whose change a visitor sees
// (visible) or not: Review or Info.
func severity(visible bool) tiptapmd.Severity {
	if visible {
		return tiptapmd.Review
	}
	return tiptapmd.Info
}

// Codes of the notes that Parse adds to those of [tiptap.ParseHTML].
//
// A note ([tiptapmd.Note]) of Parse records something of the source that
// the document cannot hold as written and that Parse converted, kept in
// another form or dropped: Liquid kept as text, a heading id or footnote
// the schema has no place for, HTML that kramdown shows as text, and
// everything [tiptap.ParseHTML] reports (a <style> block or a class
// attribute dropped). Nothing is dropped without a note. Notes are sorted
// by position. Their Pos is the position in the source passed to Parse;
// see the package documentation for its precision. Their Code is one of
// the Code* constants of this package or of package tiptap; their
// Severity is Review when a visitor sees the change, Info otherwise.
const (
	// CodeLiquid: a Liquid tag or output ({% %}, {{ }}) kept as text.
	CodeLiquid tiptapmd.Code = "liquid"
	// CodeHeadingID: a heading's id (kramdown's automatic id, or one set
	// with {#id} or an attribute list) that an in-page link targets, or
	// an explicit id; the document cannot hold ids, so such links no
	// longer resolve.
	CodeHeadingID tiptapmd.Code = "heading-id"
	// CodeAttributes: attributes that a block attribute list ({: .class}
	// on the line after a block) sets and the document cannot hold. The
	// attributes of span lists ({:target="_blank"} after a link) go into
	// the HTML, and tiptap.ParseHTML reports those it drops.
	CodeAttributes tiptapmd.Code = "kramdown-attributes"
	// CodeFootnote: footnotes, converted to superscript links and an
	// ordered list at the end of the document, as kramdown lays them out;
	// the anchors they link to do not exist in the document.
	CodeFootnote tiptapmd.Code = "footnote"
	// CodeTOC: a kramdown table of contents ({:toc}), converted to a
	// list of links to the headings' ids, which the document cannot
	// hold.
	CodeTOC tiptapmd.Code = "toc"
	// CodeDefinitionList: a definition list, converted to paragraphs
	// (terms in bold).
	CodeDefinitionList tiptapmd.Code = "definition-list"
	// CodeAbbreviation: an abbreviation definition (*[ABBR]: text); the
	// definition is not shown, and the document cannot hold the titles.
	CodeAbbreviation tiptapmd.Code = "abbreviation"
	// CodeMath: a kramdown math block or span, kept as text between
	// MathJax delimiters.
	CodeMath tiptapmd.Code = "math"
	// CodeLiteralHTML: HTML that kramdown shows as text rather than
	// markup (a closing tag without its element, a block tag inside a
	// paragraph, a tag its grammar does not accept), kept as text.
	CodeLiteralHTML tiptapmd.Code = "literal-html"
	// CodeUnclosedHTML: an HTML element without its closing tag; kramdown
	// closes it at the end of the page, so everything after it is raw
	// HTML.
	CodeUnclosedHTML tiptapmd.Code = "unclosed-html"
	// CodeTableAlignment: a pipe table's separator line centres or
	// right-aligns columns (":-:", "-:"), which kramdown shows; the
	// document's tables have no alignment, so those columns show
	// left-aligned.
	CodeTableAlignment tiptapmd.Code = "table-alignment"
	// CodeNestedMarkdown: an element with a markdown attribute nested in
	// more than 16 others that have one; its content is read as raw HTML
	// (kramdown would read it as Markdown), so its Markdown shows as
	// written.
	CodeNestedMarkdown tiptapmd.Code = "nested-markdown"
	// CodeExtension: a kramdown extension ({::comment}, {::nomarkdown},
	// {::options}) applied or removed.
	CodeExtension tiptapmd.Code = "kramdown-extension"
)

// ErrInvalidUTF8 is the error in a [ParseError] when the source is not
// valid UTF-8; kramdown rejects such input as well.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

// A ParseError reports input that Parse cannot read. Pos is the position
// in the source passed to Parse. Err is [ErrInvalidUTF8],
// [tiptap.ErrTooDeep] for HTML (or Markdown, such as blockquote markers
// and list items) nested more deeply than the HTML reader accepts, or
// [tiptap.ErrTooLarge] for a page that makes more elements than it
// accepts (a table of a million cells).
type ParseError struct {
	Pos tiptapmd.Pos
	Err error
}

// Error returns "markdown: LINE:COLUMN: message".
func (e *ParseError) Error() string {
	if e == nil {
		return "<nil>"
	}
	if !e.Pos.IsValid() {
		return fmt.Sprintf("markdown: %v", e.Err)
	}
	return fmt.Sprintf("markdown: %s: %v", e.Pos, e.Err)
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
