package convert

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Stats counts what a visitor sees in a page body, for the before and
// after comparison of every operation.
type Stats struct {
	Links     int `json:"links"`
	Images    int `json:"images"`
	Tables    int `json:"tables"`
	ListItems int `json:"list_items"`
	Headings  int `json:"headings"`
	// Text is the visible text with every run of white space collapsed
	// into one space; it is compared, not reported.
	Text string `json:"-"`
}

// statsOf counts the visible content of doc. A link is a run of text
// nodes with the same link mark, so that one link split by other marks
// counts once; an image counts once, and its link too when it has one.
func statsOf(doc *tiptap.Node) Stats {
	return statsLike(doc, "")
}

// statsLike is [statsOf] for a document whose text is likely to be like
// (a result read back, like the text of its source): the text is
// compared with like as it is collected and copied only from where it
// differs, and when it is like, Text is like itself.
func statsLike(doc *tiptap.Node, like string) Stats {
	w := statsWalker{text: spaceCollapser{like: like}}
	if doc != nil {
		if like == "" {
			// The text is built, not compared: made at its final size
			// at once rather than grown.
			w.text.b.Grow(textBound(doc))
		}
		w.walk(doc)
	}
	w.s.Text = w.text.text()
	return w.s
}

// afterStats returns the [Stats] of back, a result read back, given
// before, the stats of doc, the document the result was written from.
// kept says that doc is the document the source was read as, which no
// rewrite has changed since before was counted. A result that reads back
// as that document ([tiptap.Equal]: the same documents, positions aside)
// shows what the source showed, and its stats are before's, without
// walking it again; any other result is counted.
func afterStats(doc, back *tiptap.Node, before Stats, kept bool) Stats {
	if kept && tiptap.Equal(back, doc) {
		return before
	}
	return statsLike(back, before.Text)
}

// textBound returns an upper bound on the length of the text that
// [statsOf] collects from n: the bytes of its texts and of its images'
// alternative texts, and one for each node. Collapsing white space only
// shortens a text, and a space is added only at a node (the end of a
// block, a hard break, either side of an image).
func textBound(n *tiptap.Node) int {
	size := 1 + len(n.Text)
	if n.Type == tiptap.TypeImage || n.Type == tiptap.TypeCardImage {
		size += 1 + len(n.AttrString("alt"))
	}
	for _, c := range n.Content {
		if c != nil {
			size += textBound(c)
		}
	}
	return size
}

// A statsWalker collects the [Stats] of a document in one walk.
type statsWalker struct {
	s        Stats
	text     spaceCollapser
	lastHref string // the href of the link the last text node was in
}

// walk visits n and its descendants in document order, each node as it
// is entered and the blocks again as they are left, with a stack of
// its own that is on the goroutine's stack for documents up to 32 deep.
func (w *statsWalker) walk(n *tiptap.Node) {
	type frame struct {
		n *tiptap.Node
		i int // next child to visit
	}
	var buf [32]frame
	stack := append(buf[:0], frame{n: n})
	w.enter(n)
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.i < len(top.n.Content) {
			c := top.n.Content[top.i]
			top.i++
			if c != nil {
				w.enter(c)
				stack = append(stack, frame{n: c})
			}
			continue
		}
		if isBlock(top.n) {
			w.text.space()
			w.lastHref = ""
		}
		stack = stack[:len(stack)-1]
	}
}

// enter counts n and collects its text.
func (w *statsWalker) enter(n *tiptap.Node) {
	s, text := &w.s, &w.text
	switch n.Type {
	case tiptap.TypeText:
		text.write(n.Text)
		href, linked := "", false
		for _, m := range n.Marks {
			if m.Type == tiptap.MarkLink {
				href, linked = m.AttrString("href"), true
			}
		}
		if linked && href != w.lastHref {
			s.Links++
		}
		if !linked {
			href = ""
		}
		w.lastHref = href
		return
	case tiptap.TypeHardBreak:
		text.space()
	case tiptap.TypeImage, tiptap.TypeCardImage:
		if n.Type == tiptap.TypeImage || n.AttrString("src") != "" {
			s.Images++
		}
		if n.AttrString("href") != "" {
			s.Links++
		}
		text.space()
		text.write(n.AttrString("alt"))
		text.space()
	case tiptap.TypeClickableCard:
		s.Links++
	case tiptap.TypeTable:
		s.Tables++
	case tiptap.TypeListItem, tiptap.TypeTaskItem:
		s.ListItems++
	case tiptap.TypeHeading:
		s.Headings++
	}
	w.lastHref = ""
}

// A spaceCollapser builds a text with every run of white space (as
// unicode.IsSpace has it) turned into one space, and none at either end.
// As long as the text is a prefix of like (its first n bytes), it is not
// copied.
type spaceCollapser struct {
	b       strings.Builder
	pending bool // a space is due before the next character
	like    string
	n       int  // bytes of like matched, while not copying
	copying bool // the text is in b
}

// space adds white space.
func (c *spaceCollapser) space() { c.pending = c.len() > 0 }

// len is the length of the text so far.
func (c *spaceCollapser) len() int {
	if c.copying {
		return c.b.Len()
	}
	return c.n
}

// emit appends s to the text.
func (c *spaceCollapser) emit(s string) {
	if !c.copying {
		if len(c.like)-c.n >= len(s) && c.like[c.n:c.n+len(s)] == s {
			c.n += len(s)
			return
		}
		c.copying = true
		if c.like != "" {
			// The text is likely to be about as long as like.
			c.b.Grow(len(c.like) + len(c.like)/8 + len(s))
		}
		c.b.WriteString(c.like[:c.n])
	}
	c.b.WriteString(s)
}

// text returns the text.
func (c *spaceCollapser) text() string {
	if !c.copying {
		return c.like[:c.n]
	}
	return c.b.String()
}

// write adds s, copying each run of characters at once that collapsing
// keeps as it is: characters that are not white space, with single
// spaces between them.
func (c *spaceCollapser) write(s string) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			if b := s[j]; b < utf8.RuneSelf {
				if b > ' ' {
					j = plainASCII(s, j+1)
					continue
				}
				if b == ' ' && j > i && j+1 < len(s) && ' ' < s[j+1] && s[j+1] < utf8.RuneSelf {
					j += 2 // a single space between two characters
					continue
				}
				if asciiSpace(b) {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if j > i {
			if c.pending {
				c.emit(" ")
				c.pending = false
			}
			c.emit(s[i:j])
			i = j
			continue
		}
		size := 1
		if s[i] >= utf8.RuneSelf {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		c.space()
		i += size
	}
}

// plainASCII returns the end of the text of s from j on, eight bytes at
// a time, that write takes into a run as it is: printable ASCII in which
// each space is single and followed by a character. The byte before j is
// a character that is not white space.
func plainASCII(s string, j int) int {
	const ones, lows, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	for j+8 <= len(s) {
		x := uint64(s[j]) | uint64(s[j+1])<<8 | uint64(s[j+2])<<16 | uint64(s[j+3])<<24 |
			uint64(s[j+4])<<32 | uint64(s[j+5])<<40 | uint64(s[j+6])<<48 | uint64(s[j+7])<<56
		if x&highs != 0 || (x-ones*' ')&^x&highs != 0 {
			break // a byte that is not ASCII, or a control byte
		}
		y := x ^ ones*' '                   // a zero byte for each space
		sp := ^((y&lows + lows) | y | lows) // the high bit of each space
		if sp&(sp>>8) != 0 || sp>>63 != 0 {
			break // two spaces in a row, or a space last
		}
		j += 8
	}
	return j
}

func isBlock(n *tiptap.Node) bool {
	return n.Type != tiptap.TypeText && n.Type != tiptap.TypeHardBreak
}

// compareStats reports every difference between before and after.
func compareStats(r *Report, before, after Stats) {
	counts := []struct {
		what string
		b, a int
	}{
		{"links", before.Links, after.Links},
		{"images", before.Images, after.Images},
		{"tables", before.Tables, after.Tables},
		{"list items", before.ListItems, after.ListItems},
		{"headings", before.Headings, after.Headings},
	}
	for _, c := range counts {
		if c.b != c.a {
			r.add(tiptapmd.Note{Code: CodeCountChanged, Severity: tiptapmd.Review,
				Message: fmt.Sprintf("the page had %d %s and now has %d", c.b, c.what, c.a)})
		}
	}
	if before.Text != after.Text {
		r.add(tiptapmd.Note{Code: CodeTextChanged, Severity: tiptapmd.Review,
			Message: "the visible text changed: " + firstDifference(before.Text, after.Text)})
	}
}

// firstDifference describes where a and b first differ, with a little
// context on each side.
func firstDifference(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	excerpt := func(r []rune) string {
		from, to := max(0, i-20), min(len(r), i+40)
		s := string(r[from:to])
		if from > 0 {
			s = "…" + s
		}
		if to < len(r) {
			s += "…"
		}
		return s
	}
	return fmt.Sprintf("was %q, now %q", excerpt(ra), excerpt(rb))
}

// asciiSpace reports whether c is white space to unicode.IsSpace.
func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}
