package tiptap

import (
	"bytes"
	"strconv"

	"github.com/tiptapmd/tiptapmd/tiptap/internal/layout"
)

// layoutCMS lays out src (getHTML output, see [renderSingleLine]) so that
// the CMS's next save gives the same bytes, wherever that keeps what a
// visitor sees.
//
// Most bodies come out of html@1.0.0 the same whichever way <a> and
// <mark> are read, and layoutCMS returns the plain [layout.Print] (the
// CMS's layout, which it makes first, gives the same bytes then: the
// body is laid out once). When a wrap
// falls right after the name of an <a> tag, or the body holds a <mark>,
// html@1.0.0 lays the element out as a block: on a line of its own, with
// the whitespace right after its closing tag dropped. layoutCMS then lays
// the body out as html@1.0.0 does, with one change: the space after such
// a </a> or </mark> is written as a no-break space (&nbsp;), which the
// layout keeps, so the text reads the same and the next save is a fixed
// point. The column of every later wrap moves with the longer entity, so
// this repeats until no space is dropped (at most maxLayoutPasses times);
// each pass lays out only what follows the first space the last one
// dropped (layout.PrintNoBreak), and the plain layout only what follows
// the first tag html@1.0.0 misreads (layout.PrintPlain). The result is used only when
// the editor would read it back as the same document (with the no-break
// spaces); otherwise (html@1.0.0 would put whitespace before a link that
// had none, or inside it) layoutCMS keeps the plain layout, which keeps
// the text, and the CMS's first save will change the page (see [Resave]).
//
// The check that the editor reads the CMS's layout as the body is a
// reading of it (see [fixedPoint]); it is not made when the layout
// itself shows that it fails: html@1.0.0 starts a link it lays out as a
// block on a new line right after text, where a browser then reads a
// space that the body does not have (layout.Trace.Spaced; on the
// corpus, 179 of the 186 bodies whose check fails).
func layoutCMS(src []byte) laidOut {
	return layoutCMSChecked(src, false)
}

// layoutCMSChecked is layoutCMS, reading every layout it checks when
// always is true, even one the trace shows to fail the check.
func layoutCMSChecked(src []byte, always bool) laidOut {
	// The CMS's layout first: where html@1.0.0 reads every tag as the
	// plain layout does, the two are the same bytes.
	out, tr := layout.PrintTrace(src, true)
	if !tr.Diverged {
		return laidOut{out: out}
	}
	compat, first := out, tr // src as the CMS lays it out
	plain := func() laidOut {
		return laidOut{out: layout.PrintPlain(src, first), diverged: true, compat: compat}
	}
	cur := src
	passes := min(maxLayoutPasses, 1+bytes.Count(src, []byte("</a>"))+bytes.Count(src, []byte("</mark>")))
	for pass := range passes {
		if pass > 0 {
			// cur with the spaces the last pass dropped written as
			// &nbsp;, laid out again.
			cur, out, tr = layout.PrintNoBreak(cur, tr)
		}
		if len(tr.Drops) == 0 {
			var read *readings
			if always || !tr.Spaced {
				read = fixedPoint(out, cur, out)
			}
			if read == nil {
				return plain()
			}
			// An inline element copied raw keeps the space after it, and
			// a block-laid link then starts a new line: "</a> \n<a". The
			// CMS writes "</a>\n<a" for the same text (the editor deletes
			// the newline on load and keeps no space), which browsers
			// show alike; write that where it holds.
			if bytes.Contains(out, []byte(" \n")) {
				trimmed := bytes.ReplaceAll(out, []byte(" \n"), []byte("\n"))
				if tread := fixedPoint(trimmed, cur, out); tread != nil {
					return laidOut{out: trimmed, diverged: true, read: tread}
				}
			}
			return laidOut{out: out, diverged: true, read: read}
		}
	}
	return plain()
}

// A laidOut is what [layoutCMS] made of a body's single line: the bytes,
// and what its checks learnt about them.
type laidOut struct {
	out []byte
	// diverged: html@1.0.0 misreads an <a> or <mark> of the body, so
	// that the CMS's save may lay it out otherwise than out.
	diverged bool
	// compat, when diverged and out is the plain layout, is the line as
	// the CMS lays it out (layout.PrintWith(line, true)): the save of a
	// document that renders as the line.
	compat []byte
	// read, when not nil, is out as [fixedPoint] read it: the CMS's save
	// of read.ed, autolink aside, gives out.
	read *readings
}

// readings are a body as a browser reads it (doc, what [ParseHTML]
// returns, without positions) and as the editor loads it (ed; doc itself
// when the two are the same document).
type readings struct {
	doc, ed *Node
}

// maxLayoutPasses bounds the layouts layoutCMS tries, so that its time
// stays linear in the body: each pass fixes every space the layout
// drops, and only the shifted wraps of later lines can drop more.
const maxLayoutPasses = 16

// fixedPoint reports whether out, a layout of single (getHTML output),
// shows a visitor what single does (a browser reads it as the same
// document) and comes back byte for byte from the CMS's next save, Link's
// autolink aside: it returns how it read out when it does, nil when not.
//
// compat is single as the CMS lays it out (layout.PrintWith(single,
// true)), which layoutCMS has at hand. out is parsed once when the editor
// reads it as a browser does (see [parseHTMLMode]): the editor's document
// then renders as single, and the CMS's save gives compat.
func fixedPoint(out, single, compat []byte) *readings {
	doc, _, differs, err := parseHTMLMode(out, false, false)
	if err != nil || !bytes.Equal(renderLine(doc, len(single)), single) {
		return nil
	}
	if !differs {
		if !bytes.Equal(compat, out) {
			return nil
		}
		return &readings{doc: doc, ed: doc}
	}
	ed, _, _, err := parseHTMLMode(out, true, false)
	if err != nil || !bytes.Equal(layout.PrintWith(renderLine(ed, len(single)), true), out) {
		return nil
	}
	return &readings{doc: doc, ed: ed}
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
	doc, _, _, err := parseHTMLMode(body, true, false)
	if err != nil {
		return nil, err
	}
	return resaved(autolinked(doc)), nil
}

// resaved is what the CMS's save writes for ed, a document as the editor
// loaded it and as its Link extension autolinked it.
func resaved(ed *Node) []byte {
	return layout.PrintWith(renderSingleLine(ed), true)
}

// readBoth reads body as a browser and as the editor does, without
// positions. body is parsed once, unless the editor reads it as another
// document than a browser shows (a newline right after an inline
// element, which the editor deletes and a browser shows as a space), and
// then once more as the editor reads it.
func readBoth(body []byte) (*readings, error) {
	doc, _, differs, err := parseHTMLMode(body, false, false)
	if err != nil {
		return nil, err
	}
	r := &readings{doc: doc, ed: doc}
	if differs {
		if r.ed, _, _, err = parseHTMLMode(body, true, false); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// A Written is a body [Write] wrote: its HTML, and what reading it back
// can reuse of the work of writing it.
type Written struct {
	// HTML is the body, byte for byte what [RenderHTML] writes.
	HTML []byte

	doc    *Node   // the document written
	single []byte  // its getHTML() line
	lay    laidOut // how the line was laid out
}

// Write is [RenderHTML], returning the body as a [Written], from which
// [Written.ReadBack] reads it back for less than [ParseHTML] and
// [Resave] cost apart. The Written refers to doc, which must not be
// modified until it is read back.
func Write(doc *Node) (*Written, error) {
	if err := check(theSchema(), doc); err != nil {
		return nil, err
	}
	single := renderSingleLine(doc)
	lay := layoutCMS(single)
	if elementsBeyond(lay.out, maxElements) >= 0 {
		e := &SchemaError{Err: ErrTooLarge, Detail: "the HTML would hold more than " + strconv.Itoa(maxElements) + " tags"}
		var path []int
		if n := nodeBeyond(doc, maxElements, new(int), &path); n != nil {
			e.Path, e.Type, e.Pos = contentPath(path), n.Type, n.Pos
		}
		return nil, e
	}
	return &Written{HTML: lay.out, doc: doc, single: single, lay: lay}, nil
}

// ReadBack returns the document [ParseHTML] reads from w.HTML, without
// positions (they would point into w.HTML, not into a source), and what
// [Resave] returns, the body as the CMS's first save writes it: the check
// that a body reads back as what was written, and what the CMS will
// change, from one reading. Its error is ParseHTML's. It reuses what
// writing the body learnt: where the layout was checked against the
// editor's reading (a link the CMS lays out as a block), that reading;
// where the document reads back as the one written and the CMS lays it
// out as RenderHTML does, the save is the body itself, which is not laid
// out again; and where it lays it out otherwise, the save is the CMS's
// layout that writing made. Every call returns the same document; its nodes are
// not to be modified. A nil or zero Written is an empty body; one built
// by hand is read as ParseHTML and Resave read its HTML.
func (w *Written) ReadBack() (doc *Node, saved []byte, err error) {
	if w == nil {
		w = &Written{}
	}
	r := w.lay.read
	known := r != nil // the CMS's save of r.ed, autolink aside, gives w.HTML
	if r == nil {
		if r, err = readBoth(w.HTML); err != nil {
			return nil, nil, err
		}
	}
	ed := autolinked(r.ed)
	switch {
	case ed != r.ed:
		// The Link extension links a word: the save is laid out anew.
	case known:
		return r.doc, w.HTML, nil
	case !w.lay.diverged:
		// The CMS lays out single as RenderHTML does: the save is the
		// body when the document read back renders as single, as it
		// does when it is the document written.
		return r.doc, w.savedAs(ed, w.HTML), nil
	case w.lay.compat != nil:
		// The CMS's layout of single, which writing the body made, is
		// the save when the document read back renders as single.
		return r.doc, w.savedAs(ed, w.lay.compat), nil
	}
	return r.doc, resaved(ed), nil
}

// savedAs returns the CMS's save of ed: same, the save of w.single,
// when ed renders as w.single (as it does when it is the document
// written), or the save laid out anew.
func (w *Written) savedAs(ed *Node, same []byte) []byte {
	if Equal(ed, w.doc) {
		return same
	}
	line := renderLine(ed, len(w.single))
	if bytes.Equal(line, w.single) {
		return same
	}
	return layout.PrintWith(line, true)
}
