package review

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/dom"
	"golang.org/x/net/html"
)

// The marks compare the two bodies' trees: the words of their text, and
// their elements, each as a sequence in document order, matched by
// their longest common subsequence. Words on one side only are marked
// removed or added; an element of the page before that has no match is
// marked unwrapped when all its words are still there and dropped
// otherwise; matched images whose size differs and matched links whose
// target differs are marked on both sides.

// maxCells bounds the table of a longest common subsequence: longer
// sequences (after their common start and end are set aside) are not
// matched word by word, and the whole stretch between is marked.
const maxCells = 1 << 21

// Classes of the marks, which the frames' style sheet and the legend
// show.
const (
	markDel    = "rv-del"    // words removed
	markAdd    = "rv-add"    // words added
	markDrop   = "rv-drop"   // element dropped with (some of) its content
	markUnwrap = "rv-unwrap" // element removed, its content kept
	markResize = "rv-resize" // image of another size
	markLink   = "rv-link"   // link to another target
)

// marks counts the marks made on a pair of bodies.
type marks struct {
	Deleted, Added, Dropped, Unwrapped, Resized, Links int
}

// word is one word of a text node.
type word struct {
	node       *html.Node
	start, end int // bytes of node.Data
	changed    bool
}

// inert reports whether the content of element n is not shown as text
// (it is boxed or dropped by the sanitizer).
func inert(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	tag := strings.ToLower(n.Data)
	return n.Namespace != "" || boxedElements[tag] || droppedElements[tag]
}

// collect returns the words and elements of the tree under n, in
// document order.
func collect(n *html.Node) (words []word, elems []*html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				words = appendWords(words, c)
			case html.ElementNode:
				elems = append(elems, c)
				if !inert(c) {
					walk(c)
				}
			}
		}
	}
	walk(n)
	return words, elems
}

func appendWords(words []word, n *html.Node) []word {
	s := n.Data
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
		case isWordRune(r):
			// A word: letters and digits, which element boundaries do
			// not split ("4567" in "<b>4567</b>." and in "4567.").
			j := i + w
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += w
			}
			words = append(words, word{node: n, start: i, end: j})
			w = j - i
		default: // punctuation and symbols, one by one
			words = append(words, word{node: n, start: i, end: i + w})
		}
		i += w
	}
	return words
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// elemKey names an element for matching: its tag, with the tags of the
// same look taken as one.
func elemKey(n *html.Node) string {
	tag := strings.ToLower(n.Data)
	switch tag {
	case "b":
		return "strong"
	case "i":
		return "em"
	case "strike", "del":
		return "s"
	}
	return tag
}

// common matches two sequences of length n and m, whose items i and j
// are equal when eq(i, j): it returns, for each item, whether it is in
// the longest common subsequence found (pairs of matched indexes are
// given to pair in order). Beyond maxCells the items between the common
// start and end are all left unmatched.
func common(n, m int, eq func(i, j int) bool, pair func(i, j int)) (ka, kb []bool) {
	ka, kb = make([]bool, n), make([]bool, m)
	lo := 0
	for lo < n && lo < m && eq(lo, lo) {
		ka[lo], kb[lo] = true, true
		pair(lo, lo)
		lo++
	}
	hn, hm := n, m
	var tail [][2]int
	for hn > lo && hm > lo && eq(hn-1, hm-1) {
		hn--
		hm--
		ka[hn], kb[hm] = true, true
		tail = append(tail, [2]int{hn, hm})
	}
	rn, rm := hn-lo, hm-lo
	if rn > 0 && rm > 0 && rn*rm <= maxCells {
		// t[i][j]: length of the LCS of a[lo+i:hn] and b[lo+j:hm].
		w := rm + 1
		t := make([]int32, (rn+1)*w)
		for i := rn - 1; i >= 0; i-- {
			for j := rm - 1; j >= 0; j-- {
				switch {
				case eq(lo+i, lo+j):
					t[i*w+j] = t[(i+1)*w+j+1] + 1
				case t[(i+1)*w+j] >= t[i*w+j+1]:
					t[i*w+j] = t[(i+1)*w+j]
				default:
					t[i*w+j] = t[i*w+j+1]
				}
			}
		}
		for i, j := 0, 0; i < rn && j < rm; {
			switch {
			case eq(lo+i, lo+j):
				ka[lo+i], kb[lo+j] = true, true
				pair(lo+i, lo+j)
				i++
				j++
			case t[(i+1)*w+j] >= t[i*w+j+1]:
				i++
			default:
				j++
			}
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		pair(tail[k][0], tail[k][1])
	}
	return ka, kb
}

// mark compares the bodies before and after and marks both, in place.
func mark(before, after *html.Node) marks {
	var m marks
	wa, ea := collect(before)
	wb, eb := collect(after)
	text := func(ws []word, i int) string { w := ws[i]; return w.node.Data[w.start:w.end] }
	ka, kb := common(len(wa), len(wb), func(i, j int) bool { return text(wa, i) == text(wb, j) }, func(int, int) {})
	for i := range wa {
		if !ka[i] {
			wa[i].changed = true
			m.Deleted++
		}
	}
	for j := range wb {
		if !kb[j] {
			wb[j].changed = true
			m.Added++
		}
	}

	// Words still there, by text node, for the unwrapped elements.
	lost := map[*html.Node]bool{}
	for _, w := range wa {
		if w.changed {
			lost[w.node] = true
		}
	}
	matched, _ := common(len(ea), len(eb), func(i, j int) bool { return elemKey(ea[i]) == elemKey(eb[j]) }, func(i, j int) {
		a, b := ea[i], eb[j]
		switch elemKey(a) {
		case "img":
			if imgSize(a) != imgSize(b) {
				addClass(a, markResize)
				addClass(b, markResize)
				dom.SetAttr(b, "title", "was "+imgSize(a)+", now "+imgSize(b))
				dom.SetAttr(a, "title", "now "+imgSize(b)+", was "+imgSize(a))
				m.Resized++
			}
		case "a":
			if ha, hb := dom.Attr(a, "href"), dom.Attr(b, "href"); ha != hb {
				addClass(a, markLink)
				addClass(b, markLink)
				dom.SetAttr(b, "title", "was "+ha)
				dom.SetAttr(a, "title", "now "+hb)
				m.Links++
			}
		}
	})
	for i, e := range ea {
		if matched[i] {
			continue
		}
		if losesText(e, lost) {
			addClass(e, markDrop)
			m.Dropped++
		} else {
			addClass(e, markUnwrap)
			m.Unwrapped++
		}
	}
	wrapWords(wa, markDel)
	wrapWords(wb, markAdd)
	return m
}

// imgSize describes the size an image is shown at.
func imgSize(n *html.Node) string {
	s := size(dom.Attr(n, "width"), dom.Attr(n, "height"), dom.Attr(n, "style"))
	if s == "" {
		return "its own size"
	}
	return strings.TrimSuffix(strings.NewReplacer(";", ", ", ":", " ").Replace(s), ", ")
}

// losesText reports whether element e holds a text node with words
// that are gone (or is an element that shows no text, as an image).
func losesText(e *html.Node, lost map[*html.Node]bool) bool {
	if inert(e) || e.FirstChild == nil {
		return true
	}
	found := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if lost[c] {
				found = true
			}
			walk(c)
		}
	}
	walk(e)
	return found
}

// wrapWords puts the changed words of each text node, runs of them with
// the space between, into <span class="class">.
func wrapWords(ws []word, class string) {
	for i := 0; i < len(ws); {
		n := ws[i].node
		j := i
		for j < len(ws) && ws[j].node == n {
			j++
		}
		splitText(ws[i:j], class)
		i = j
	}
}

func splitText(ws []word, class string) {
	some := false
	for _, w := range ws {
		some = some || w.changed
	}
	if !some {
		return
	}
	n := ws[0].node
	parent := n.Parent
	s := n.Data
	at := 0
	emit := func(text string, changed bool) {
		if text == "" {
			return
		}
		t := &html.Node{Type: html.TextNode, Data: text}
		if changed {
			span := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "class", Val: class}}}
			span.AppendChild(t)
			t = span
		}
		parent.InsertBefore(t, n)
	}
	for i := 0; i < len(ws); {
		if !ws[i].changed {
			i++
			continue
		}
		j := i
		for j+1 < len(ws) && ws[j+1].changed {
			j++
		}
		emit(s[at:ws[i].start], false)
		emit(s[ws[i].start:ws[j].end], true)
		at = ws[j].end
		i = j + 1
	}
	emit(s[at:], false)
	parent.RemoveChild(n)
}
