// Package tiptap holds the document model of tiptapmd and reads and writes
// the HTML dialect that the IsomerCMS Tiptap editor stores in page bodies
// (pages with variant: tiptap).
//
// A document is a tree of [Node] values in the shape of Tiptap's JSON
// (editor.getJSON()), so it marshals to and from that JSON with
// encoding/json ([ParseJSON] reads it back). [ParseHTML] reads HTML into a
// document as the editor loads a page; [RenderHTML] writes a document as
// the CMS saves it; [Format] does both.
//
//	doc, notes, err := tiptap.ParseHTML(body) // notes: what the dialect cannot hold
//	out, err := tiptap.RenderHTML(doc)        // the body as the CMS would save it
//
// # The schema
//
// The node types are the Type* constants, the mark types the Mark*
// constants; [MarkOrder] gives the order in which marks nest. Node content
// follows the editor's schema: the doc holds blocks; a list item starts
// with a paragraph; table cells, blockquotes and accordion contents hold
// blocks; a card grid holds cards, a card an optional image and a body, a
// body an optional title, description and link text (plain text each); an
// accordion group holds details, each a summary and a content.
//
// Attribute values are Go strings, ints, bools, []int (a cell's colwidth)
// or nil, under Tiptap's names and with its defaults, so that the JSON
// matches getJSON(). Documents read by ParseHTML carry every attribute of
// a node:
//
//   - heading: level (1–6)
//   - bulletList: tight (true; tight lists are written with class="tight")
//   - orderedList: tight, start (1)
//   - taskItem: checked (false)
//   - codeBlock: language (nil)
//   - image: src, alt (nil), title (nil), width ("100%"), height
//     ("auto"), style ("width: 100%"), href (nil; the link of an
//     a.isomer-image-wrapper around the image)
//   - iframe: src, frameborder (0), allowfullscreen (true), width,
//     height, style (nil), referrerpolicy
//     ("strict-origin-when-cross-origin")
//   - tableHeader, tableCell: colspan (1), rowspan (1), colwidth (nil)
//   - isomerclickablecard: href, rel ("noopener noreferrer nofollow")
//   - detailGroup: backgroundColor ("white" or "gray")
//   - instagram: html, the embed's blockquote as HTML (whitespace
//     normalised, without what the CMS's sanitiser removes: scripts,
//     event handlers, script URLs, srcdoc, frames, objects, forms),
//     otherwise kept opaque; RenderHTML writes it back with Isomer's
//     wrapper and embed script
//   - the link mark: href, target ("_blank"), rel ("noopener noreferrer
//     nofollow"), class (nil)
//
// RenderHTML uses the default for a missing attribute and leaves out an
// attribute that is nil. Whole numbers are ints in documents this package
// builds (ParseJSON turns JSON's whole numbers into ints too).
//
// Three attributes of the editor's schema are not in the model: the class
// of the card and accordion nodes and the data-type of the accordion group,
// which the editor always writes with the same values.
//
// # Reading
//
// ParseHTML follows the editor: the HTML is parsed as a browser parses
// it, then read against the schema with ProseMirror's algorithm (every
// element becomes a node or a mark, or is unwrapped, or is dropped; nodes
// that cannot stand where they are get the wrappers the schema requires;
// whitespace collapses). It reads every layout the CMS has used (the
// single line of late 2023, the indented form of January 2024 and the
// html@1.0.0 form since), attributes in any order, tables with and without
// a colgroup, the accordion class variants, plain and clickable cards,
// linked images, and also HTML from anywhere else (Word and Google Docs
// pastes, <center>, <font>, <span style>): CSS declarations that the
// editor maps to marks (bold, italic, underline, strike, super- and
// subscript) become marks.
//
// Each note ([tiptapmd.Note]) records, with its line and column and a
// severity (Review for what a visitor sees, Info otherwise), something
// the document does not hold: dropped elements, text, attributes and formatting,
// comments and scripts, unsafe URLs (javascript:, vbscript: and data:
// links are not kept as links), what runs script (event handlers,
// srcdoc, styles with expression(), rel="opener" on a link that opens a
// new tab), in-page anchors (id, <a name>) that links can no longer
// reach, and unwrapped elements. The dialect's own
// markup (wrapper divs, class="tight", the table's minWidth…) is not
// reported.
//
// Block nodes carry a [tiptapmd.Pos], where they start in the source; a
// node the
// parser added (a wrapper, or a required child it filled in) carries the
// position of what caused it.
//
// # Writing
//
// RenderHTML produces what the editor's getHTML() gives (Tiptap's render
// shapes: links with target and rel, lists with data-tight, a <p> in every
// list item and table cell, a minWidth style and a colgroup on tables,
// Isomer's image, iframe, card and accordion wrappers), laid out as the
// CMS saves it: html@1.0.0 with indent_size -1 (one block tag per line,
// text wrapped at 70 UTF-16 units, never indented, no blank lines, no
// trailing newline), then each tag's attributes reversed, as the CMS's
// sanitiser leaves them.
//
// # Surviving the CMS
//
// After a migration, editors open the pages in IsomerCMS and save them;
// whatever that first save changes is a change the migration caused.
// RenderHTML therefore writes what the CMS would write wherever that keeps
// the page as it is, so that opening and saving it gives the same bytes:
//
//   - an empty document as <p></p>, as the editor saves an empty page;
//   - every iframe with referrerpolicy="strict-origin-when-cross-origin",
//     which the deployed CMS has written on every iframe it saves since
//     January 2026 (it is also the browsers' default policy, so visitors
//     see no difference); a policy a page has is kept;
//   - tables repaired as the editor repairs them on load (prosemirror-
//     tables' fixTables): a row with fewer cells than the widest gets
//     empty cells, and the colgroup and minWidth follow (ParseHTML
//     repairs them the same way, as the editor does on load; a cell
//     that collides with one spanning down from above is cut short,
//     which the editor does again on every load, so such a table never
//     settles);
//   - links laid out as html@1.0.0 lays them out, bugs included. When its
//     70-column wrap falls inside an <a> tag (and for every <mark>), it
//     puts the element on a line of its own and drops the space after its
//     closing tag ("Singapore</a>on"). RenderHTML lays the link out the
//     same way but writes that space as a no-break space, which the
//     layout keeps ("Singapore</a>&nbsp;on"): the text reads the same
//     and the next save is a fixed point. This was chosen over keeping
//     every link inline (which never loses a space, but which the CMS's
//     first save would then break) and over copying the CMS's output
//     (which loses the space).
//
// Two changes cannot be prevented that way, and RenderHTML does not copy
// them: where html@1.0.0 would put a line break (a space) before a link
// that had no whitespace before it ("meter.[1]"), RenderHTML keeps the
// link inline; and the editor's Link extension turns the last word of
// the first text block into a link when it reads as a web or e-mail
// address. [Resave] returns the body as the CMS's first save writes it,
// so that a caller can tell exactly which pages it will change (package
// convert reports them as cms-resave). A caller that writes a body and
// checks it, as convert does, calls [Write] and [Written.ReadBack]: the
// document read back and the CMS's save from one reading of the body,
// reusing what writing it learnt.
//
// For a page the CMS saved, Format reproduces the stored body byte for
// byte unless the page was written without the editor (an empty body),
// saved before the CMS began to write referrerpolicy, edited outside the
// CMS, or holds something the editor would drop; and Format is
// idempotent. Normalizing never changes what a page shows: a newline
// after an inline element that a browser shows as a space (which the
// editor deletes on load) is read as a space.
//
// # Errors
//
// ParseHTML fails only on input nested more than 510 elements deep
// ([ErrTooDeep], in a *[ParseError] with the position). RenderHTML fails on
// a document that does not fit the schema, with a *[SchemaError] that names
// the offending node by its JSON path; it refuses ([ErrInvalidAttr]) the
// attributes that would make the HTML run script: a javascript:,
// vbscript: or data: URL in a link, image, iframe or card, a style with
// expression() or a script URL, an Instagram embed that is not one
// <blockquote> or holds a script, an event handler or a script URL.
// Neither panics, whatever the input.
//
// # Concurrency
//
// The package has no mutable global state: the functions are safe for
// concurrent use. A [Node] is plain data owned by its caller.
package tiptap
