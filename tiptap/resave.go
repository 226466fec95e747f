package tiptap

import (
	"bytes"

	"github.com/tiptapmd/tiptapmd/tiptap/internal/layout"
)

// layoutCMS lays out src (getHTML output, see [renderSingleLine]) so that
// the CMS's next save gives the same bytes, wherever that keeps what a
// visitor sees.
//
// Most bodies come out of html@1.0.0 the same whichever way <a> and
// <mark> are read, and layoutCMS returns the plain [layout.Print]. When a wrap
// falls right after the name of an <a> tag, or the body holds a <mark>,
// html@1.0.0 lays the element out as a block: on a line of its own, with
// the whitespace right after its closing tag dropped. layoutCMS then lays
// the body out as html@1.0.0 does, with one change: the space after such
// a </a> or </mark> is written as a no-break space (&nbsp;), which the
// layout keeps, so the text reads the same and the next save is a fixed
// point. The column of every later wrap moves with the longer entity, so
// this repeats until no space is dropped (at most maxLayoutPasses times). The result is used only when
// the editor would read it back as the same document (with the no-break
// spaces); otherwise (html@1.0.0 would put whitespace before a link that
// had none, or inside it) layoutCMS keeps the plain layout, which keeps
// the text, and the CMS's first save will change the page (see [Resave]).
func layoutCMS(src []byte) []byte {
	plain, trace := layout.PrintTrace(src, false)
	if !trace.Diverged {
		return plain
	}
	cur := src
	passes := min(maxLayoutPasses, 1+bytes.Count(src, []byte("</a>"))+bytes.Count(src, []byte("</mark>")))
	for range passes {
		out, tr := layout.PrintTrace(cur, true)
		if len(tr.Drops) == 0 {
			if !fixedPoint(out, cur, out) {
				return plain
			}
			// An inline element copied raw keeps the space after it, and
			// a block-laid link then starts a new line: "</a> \n<a". The
			// CMS writes "</a>\n<a" for the same text (the editor deletes
			// the newline on load and keeps no space), which browsers
			// show alike; write that where it holds.
			if bytes.Contains(out, []byte(" \n")) {
				if trimmed := bytes.ReplaceAll(out, []byte(" \n"), []byte("\n")); fixedPoint(trimmed, cur, out) {
					return trimmed
				}
			}
			return out
		}
		cur = layout.NoBreakSpaces(cur, tr.Drops)
	}
	return plain
}

// maxLayoutPasses bounds the layouts layoutCMS tries, so that its time
// stays linear in the body: each pass fixes every space the layout
// drops, and only the shifted wraps of later lines can drop more.
const maxLayoutPasses = 16

// fixedPoint reports whether out, a layout of single (getHTML output),
// shows a visitor what single does (a browser reads it as the same
// document) and comes back byte for byte from the CMS's next save, Link's
// autolink aside.
//
// compat is single as the CMS lays it out (layout.PrintWith(single,
// true)), which layoutCMS has at hand. out is parsed once when the editor
// reads it as a browser does (see [parseHTMLMode]): the editor's document
// then renders as single, and the CMS's save gives compat.
func fixedPoint(out, single, compat []byte) bool {
	doc, _, differs, err := parseHTMLMode(out, false)
	if err != nil || !bytes.Equal(renderSingleLine(doc), single) {
		return false
	}
	if !differs {
		return bytes.Equal(compat, out)
	}
	ed, _, err := parseHTML(out, true)
	return err == nil && bytes.Equal(layout.PrintWith(renderSingleLine(ed), true), out)
}

// Resave returns body as IsomerCMS saves it when an editor opens the page
// and saves it without a change: the editor reads the body (as
// [ParseHTML] does), its Link extension turns the last word of the first
// text block into a link when that word is a web or e-mail address (its
// autolink runs when the content is set), getHTML() writes the document,
// and html@1.0.0 lays it out with its bugs: an <a> whose tag a wrap
// splits, and every <mark>, is laid out as a block, which drops the space
// after its closing tag and may put a line break (a space) before it.
//
// A body written by [RenderHTML] comes back byte for byte unless the
// first save changes what a visitor sees; Resave shows that change. The
// sanitiser the CMS's backend runs first is not reproduced: Resave
// assumes a body that holds nothing it would remove (scripts, event
// handlers).
func Resave(body []byte) ([]byte, error) {
	doc, _, err := parseHTML(body, true)
	if err != nil {
		return nil, err
	}
	return resaved(doc), nil
}

// resaved is what the CMS's save writes for ed, a document as the editor
// loaded it.
func resaved(ed *Node) []byte {
	return layout.PrintWith(renderSingleLine(autolinked(ed)), true)
}

// ParseResave returns what [ParseHTML] and [Resave] return for body: the
// document and notes of a browser's reading, and the body as the CMS's
// first save writes it. It shares their work: body is parsed once, unless
// the editor reads it as another document than a browser shows (a newline
// right after an inline element, which the editor deletes and a browser
// shows as a space), and then once more as the editor reads it. A caller
// that checks a body it wrote and also reports what the CMS's save will
// change needs both.
func ParseResave(body []byte) (doc *Node, notes []Note, saved []byte, err error) {
	doc, notes, differs, err := parseHTMLMode(body, false)
	if err != nil {
		return nil, nil, nil, err
	}
	ed := doc
	if differs {
		if ed, _, err = parseHTML(body, true); err != nil {
			return nil, nil, nil, err
		}
	}
	return doc, notes, resaved(ed), nil
}
