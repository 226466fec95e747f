// Package markdown reads the Markdown body of an Isomer page into the
// document model of package tiptap, the way Jekyll with kramdown shows
// the page to a visitor.
//
//	doc, notes, err := markdown.Parse(body, markdown.Options{})
//
// Isomer sites are Jekyll sites, and Jekyll renders Markdown with
// kramdown (GFM input). kramdown is not CommonMark: raw HTML, lists,
// emphasis, links, tables and headings follow rules of their own, and
// pages written for it rely on syntax CommonMark lacks. Parse reads with
// kramdown's rules so that the document shows what the live page shows.
// A test checks this against real kramdown on the 2,342 Markdown pages
// of the shared corpus: visible text, link targets and image sources
// agree on more than 99% of them. [Render] writes a document back so
// that kramdown shows it the same, and Parse reads Render's Markdown
// back as the document: on the corpus, one cycle reaches a fixed point
// for every page.
//
// # How it works
//
// Parse uses goldmark's parser with kramdown's rules put in its place:
//
//   - raw HTML blocks: a line starting with a block-level tag is raw
//     HTML up to the element's closing tag, blank lines included, and the
//     Markdown inside is not parsed unless the element has markdown="1";
//     a span-level tag (a, img, span, br…) starts a paragraph; the HTML
//     is read and written back with kramdown's own HTML grammar, so that
//     what kramdown shows as text (a closing tag that closes nothing, a
//     block tag inside a paragraph) is text in the document too;
//   - kramdown's emphasis, links (destinations with spaces, kept
//     unencoded), lists (any item interrupts a paragraph, "1)" is no
//     item, lazy lines), ATX and Setext headings, tables (no leading pipe
//     or header needed, pipes in code and Liquid ignored) and
//     autolinks;
//   - kramdown's extensions: span and block inline attribute lists
//     ([x](y){:target="_blank"}, {: .class}), attribute list
//     definitions, {#id} on headings, {:toc}, footnotes, definition
//     lists, abbreviations, math, {::comment}, {::nomarkdown} and the
//     end-of-block marker "^";
//   - GFM strikethrough and task lists.
//
// The document is built straight from the parse tree for the blocks
// made of Markdown alone (paragraphs, headings, emphasis, code, links,
// quotes, lists, rules). Every block that holds HTML — raw HTML blocks,
// Markdown mixed with raw inline HTML, and what kramdown writes as HTML
// the dialect must judge (the dialect's tables and linked images,
// footnotes, definition lists, attribute lists) — is written as HTML
// shaped for the editor and read in place with [tiptap.ParseFragment],
// the HTML reader of [tiptap.ParseHTML], so that Markdown and raw HTML
// land in one model and HTML means one thing. Both paths give the same
// document. goldmark does not appear in the API. A line
// break shows as a space, also between two elements ("**A**⏎**B**",
// "<span>A</span>⏎<span>B</span>" in an HTML block), as kramdown's page
// shows it.
//
// # What the document cannot hold
//
// Constructs the Tiptap schema has no place for are converted to the
// closest form and reported as a note ([tiptapmd.Note]), never dropped
// silently:
// heading ids (kept nowhere; reported when explicit or when a link of
// the page targets them), the {:toc} table of contents (a list of links
// to the headings' ids), footnotes (superscript links and an ordered
// list at the end, as kramdown lays them out), definition lists (bold
// terms and their paragraphs), abbreviation definitions (removed, as
// kramdown removes them), math (text between MathJax's delimiters),
// the alignment of pipe-table columns (the editor's tables have none),
// attribute lists (but for start="N" on an ordered list and
// data-tight="true" on a list, which the document holds and [Render]
// writes), Liquid, and the HTML kramdown shows literally. The
// notes of the HTML reader (a <style> block dropped, a class attribute
// dropped…) come along.
//
// # Liquid
//
// Jekyll renders Liquid before kramdown runs. {{ site.baseurl }} is
// resolved to [Options.BaseURL] (by default "", what Isomer sites use),
// or kept with [Options.KeepBaseURL]. Every other {{ … }} and {% … %} is
// kept byte for byte as text: it is not read as Markdown (its pipes make
// no table, its underscores no emphasis), not escaped, not
// percent-encoded, and reported.
//
// Render writes Liquid as the document holds it, with one exception:
// Liquid that would output live HTML or a link to a script URL (text of a
// tiptap page such as {{ "&lt;script&gt;" }}, which Jekyll outputs there
// as text) is written with "&lt;" for the "<" of a tag and "]&#40;" for
// the "](" before a javascript:, vbscript: or data: URL, so that it stays
// text; a CodeLiquid note reports it.
//
// # Positions
//
// Notes and document nodes carry positions in the source given to
// Parse: 1-based lines (ended by "\n", "\r\n" or "\r") and byte columns.
// Markdown constructs and inline nodes point at their start; inside raw
// HTML, at the tag or text (exactly when kramdown's rewriting of the
// HTML keeps the line's length, else clamped to the line).
//
// [Read] gives Parse's document without positions and without notes,
// for less (on the Markdown that Render writes for the corpus's pages,
// about 80% of Parse's allocations and 85% of its time): the reading to
// compare with another document, such as a converted page read back to
// check what it shows.
//
// # Time and memory
//
// Parse and Render take time and memory linear in the size of their
// input, whatever its shape: a line of thousands of links or unclosed
// "[x](", "<a ", "{{" or "<!--", thousands of list markers on one line,
// elements with markdown="1" by the thousand, front matter of 100,000
// keys (see package frontmatter). Where kramdown's own rules would cost
// more, a documented bound applies: link destinations, tags and math
// spans run over at most 64 lines; emphasis has a work budget
// proportional to the text; elements with markdown="1" nest at most 16
// deep (deeper ones are read as raw HTML, with a note); and a page fails
// with a positioned *ParseError when it nests container blocks more than
// 510 deep ([tiptap.ErrTooDeep]) or holds more than 250,000 table cells
// ([tiptap.ErrTooLarge]), which the HTML reader could not take anyway.
// Tests check that ten times the input costs at most thirty times the
// allocations on each of these shapes.
//
// # Concurrency
//
// Parse and Read keep no state between calls and may be called from
// several goroutines at once.
package markdown
