package markdown

import (
	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// RenderOptions configures [Render]. The zero value writes Markdown that
// kramdown (Jekyll's Markdown converter, with its GFM input) renders as
// the document, with kramdown's typography and without link targets.
type RenderOptions struct {
	// LinkTargets writes a kramdown attribute list {:target="…"} after
	// every link that has a target, so that the rendered page opens it
	// in a new tab as the editor's page did. The default is false: the
	// editor puts target="_blank" on every link, whether the author
	// meant it or not, so the attribute carries no intent and only
	// clutters the Markdown.
	LinkTargets bool

	// EscapeTypography writes straight quotes, "--", "---" and "..." with
	// backslash escapes (\", \', \-\-, \.\.\.) so that kramdown shows
	// them as the document has them ("<<" and ">>" are always written as
	// character references). The default is false: they are written
	// plainly, and Jekyll shows them as curly quotes, dashes and an
	// ellipsis, as it does on every Markdown page (Parse with its default
	// Options reads them back as written either way). Package convert
	// turns it on by default, so that a converted page shows what the
	// tiptap page showed.
	EscapeTypography bool

	// DropEmptyParagraphs leaves out the empty paragraphs that the
	// editor uses as spacers. Markdown has no empty paragraph, so by
	// default each is written as a <p></p> HTML block, which keeps the
	// document intact. A list item whose first paragraph is empty keeps
	// it either way.
	DropEmptyParagraphs bool
}

// Codes of the notes that [Render] returns.
const (
	// CodeWrittenAsHTML: a node that has no Markdown form was written as
	// a raw HTML block in the editor's HTML, which kramdown passes
	// through: a card grid, an accordion, an iframe, an Instagram embed,
	// an image with a link, a code block whose language a fence cannot
	// carry (or, in a list item, with a line that starts with a tab), or
	// a table that a pipe table cannot hold (no header row, merged
	// cells, set column widths, several blocks in a cell, or only a
	// header row).
	CodeWrittenAsHTML tiptapmd.Code = "written-as-html"
	// CodeLinkAttributes: a link's rel or class (or, without
	// [RenderOptions.LinkTargets], a target other than the editor's
	// "_blank") is not written; kramdown's links get none.
	CodeLinkAttributes tiptapmd.Code = "link-attributes"
	// CodeURLEncoded: a link or image URL that no Markdown destination
	// holds as it is (one with "<" or ">" that also has unbalanced
	// parentheses, white space before a quote or at an end, or a line
	// break) was percent-encoded where it had to be.
	CodeURLEncoded tiptapmd.Code = "url-encoded"
)

// Render writes a document as kramdown Markdown, the Markdown of Isomer
// pages (variant: markdown): what Jekyll shows from it is what the
// editor shows from the document. The result is a page body, the text
// that follows the front matter.
//
// The document is printed directly, one function per node and mark
// (print.go), with the escaping rules in one place (writer.unescape);
// white space in text collapses as a browser collapses it, so that the
// Markdown shows what the editor shows:
//
//   - text: Markdown and kramdown specials are escaped where they would
//     mean something ("|" everywhere, since kramdown makes a table row
//     of any line with one; "{", which starts attribute lists; "$$";
//     ":" at a line start; "*" unless between spaces; "~~", backticks
//     and a lone "^" line as character references); Liquid
//     ({{ … }}, {% … %}) is written verbatim, for Jekyll to run;
//     non-breaking and other non-ASCII spaces are character references;
//   - paragraphs; ATX headings ("#"); "**" bold, "*" italic (<em> where
//     it opens with bold), "~~" strike; code spans with as many backticks
//     as they need; hard breaks as two trailing spaces (<br /> where a
//     line cannot end so); "* * *" rules; "> " quotes; fenced code;
//   - underline and highlight as the editor's HTML (<u>, <mark>), with
//     HTML inside (kramdown reads no Markdown in them); superscript and
//     subscript as <sup>, <sub> around Markdown;
//   - lists with "-" and "1."; tight lists stay tight and loose lists
//     loose by kramdown's rules, with {: data-tight="true"} on a tight
//     list whose items hold more than a paragraph and lists, and
//     {: start="N"} for an ordered list's start (kramdown ignores the
//     first number); "- [ ]" and "- [x]" task lists; lists of one kind
//     that follow each other are kept apart by an HTML comment;
//   - links as [text](url), images as ![alt](src "title") with an
//     attribute list for a size other than the editor's default; URLs
//     with spaces in <…>;
//   - pipe tables, for tables whose first row is a header and whose
//     cells each hold one paragraph and span one cell;
//   - everything else as raw HTML blocks in the editor's own HTML (that
//     of [tiptap.RenderHTML]), never indented by four spaces and with no
//     blank line in them: card grids, accordions, iframes, Instagram
//     embeds, images with a link, code whose language a fence cannot
//     carry, and the other tables;
//   - empty paragraphs as <p></p> (see [RenderOptions]).
//
// The output ends with exactly one newline, or is empty for an empty
// document. An empty paragraph at the end, after a block that is not a
// paragraph, is left out: the editor adds it back when it loads a page.
//
// Some differences remain that Markdown cannot express; kramdown and
// Parse give the document back with them:
//   - white space at the edge of bold, italic and strike text moves out
//     of the mark, and those marks are not kept on text of white space
//     only or on hard breaks (Markdown emphasis can neither start nor end
//     with a space);
//   - white space at the end of a line (before a hard break or at the
//     end of a paragraph) is trimmed;
//   - links lose rel and class (reported in the notes) and get the
//     editor's defaults back; a URL no Markdown holds as it is is
//     percent-encoded (reported too);
//   - an image's missing alt becomes alt="" (Markdown images always have
//     one);
//   - kramdown renders task lists as lists of checkboxes, and an empty
//     pipe-table cell as a non-breaking space;
//   - unless [RenderOptions].EscapeTypography is set, kramdown makes
//     quotes, dashes and ellipses typographic.
//
// The notes list what was written as HTML, link attributes left out and
// URLs that had to be encoded, each with the position of its node (or,
// for inline nodes, of their block).
//
// Render checks the document against the editor's schema first, with
// [tiptap.Check] (the check of [tiptap.RenderHTML], without writing the
// HTML), and returns its *[tiptap.SchemaError] for a document that does
// not fit.
func Render(doc *tiptap.Node, opts RenderOptions) ([]byte, []tiptapmd.Note, error) {
	if err := tiptap.Check(doc); err != nil {
		return nil, nil, err
	}
	return printDoc(doc, opts)
}
