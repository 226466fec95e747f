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
//     height, style (nil)
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
// Each [Note] records, with its line and column, something the document
// does not hold: dropped elements, text, attributes and formatting,
// comments and scripts, unsafe URLs (javascript:, vbscript: and data:
// links are not kept as links), what runs script (event handlers,
// srcdoc, styles with expression(), rel="opener" on a link that opens a
// new tab), in-page anchors (id, <a name>) that links can no longer
// reach, and unwrapped elements. The dialect's own
// markup (wrapper divs, class="tight", the table's minWidth…) is not
// reported.
//
// Block nodes carry [Pos], where they start in the source; a node the
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
// sanitiser leaves them. Unlike the CMS it always keeps links inline, so
// it never drops the space after a link (the CMS's layout does when a
// wrap falls inside an <a> tag).
//
// For a page the CMS saved, Format reproduces the stored body byte for
// byte unless one of these links was wrapped, the page was edited outside
// the CMS, or it holds something the editor would drop; and Format is
// idempotent.
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
