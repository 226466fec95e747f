package markdown

import (
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/yuin/goldmark/ast"
)

// With Options.Typographer, Markdown text gets kramdown's typographic
// substitutions: its smart-quote rules (a port of RubyPants' heuristics,
// which look at the characters around each quote in the source) and its
// symbols ("---" em dash, "--" en dash, "..." ellipsis, "<<" and ">>"
// guillemets). Code, raw HTML, Liquid, URLs and image alt text are left
// alone, as kramdown leaves them.
//
// kramdown decides a quote's shape from the source around it, and from
// whether the character before it was plain text (the rules may then
// take it into account) or ended some other element (an emphasis
// delimiter, an entity, a link): the pass below tracks both.

// typography computes the substituted text of the Text nodes of an
// inline container.
func (st *state) typography(n ast.Node, src []byte) {
	if st.typo == nil {
		st.typo = make(map[*ast.Text][]byte)
	}
	var prev ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			before := -1 // no plain character before
			if p, ok := prev.(*ast.Text); ok && !st.delimText[p] {
				switch {
				case p.SoftLineBreak() || p.HardLineBreak():
					before = '\n'
				case p.Segment.Stop == t.Segment.Start && p.Segment.Len() > 0:
					before = int(src[p.Segment.Stop-1])
				}
			}
			if !st.delimText[t] {
				if out, changed := smarten(src, t.Segment.Start, t.Segment.Stop, before); changed {
					st.typo[t] = out
				}
			}
		case *ast.CodeSpan, *ast.Image, *rawInline, *liquidNode, *literalInline:
		default:
			if c.HasChildren() {
				st.typography(c, src)
			}
		}
		prev = c
	}
}

// smarten applies the substitutions to src[lo:hi]. before is the plain
// character before lo (or -1 when the text follows something else). The
// text is copied only when something changes.
func smarten(src []byte, lo, hi int, before int) ([]byte, bool) {
	var out []byte
	changed := false
	// src[done:i] is unchanged text not yet copied to out.
	done := lo
	subst := func(i, n int, repl []byte) {
		if !changed {
			out = make([]byte, 0, hi-lo+8)
			changed = true
		}
		out = append(out, src[done:i]...)
		out = append(out, repl...)
		done = i + n
	}
	i := lo
	// A quote right at lo may take the character before it into
	// account.
	if before >= 0 && lo < hi && isQuote(src[lo]) && before != '\\' {
		ctx := make([]byte, 0, 9)
		ctx = append(ctx, byte(before))
		ctx = append(ctx, src[lo:min(len(src), lo+8)]...)
		if n, repl := quoteRule(ctx, 0); n > 1 {
			subst(lo, n-1, repl[1:]) // the character before is not ours
			i = lo + n - 1
		}
	}
	for i < hi {
		// Skip to where something may start.
		if i = nextTypoStart(src, i, hi); i >= hi {
			break
		}
		c := src[i]
		switch {
		case c == '\\' && i+1 < hi && isKramdownEscapable(src[i+1]):
			i += 2
			continue
		case c == '&':
			if n := htmlesc.RefLen(src, i); n > 0 && i+n <= hi {
				i += n
				continue
			}
		}
		// Smart quotes start one character early.
		if isQuote(c) || i+1 < hi && isQuote(src[i+1]) && c != '\\' && !isSymStart(src, i, hi) {
			n, repl := quoteRule(src, i)
			if n > 0 && i+n <= hi {
				subst(i, n, repl)
				i += n
				continue
			}
		}
		if n, repl := typoSym(src, i, hi); n > 0 {
			subst(i, n, repl)
			i += n
			continue
		}
		i++
	}
	if changed {
		out = append(out, src[done:hi]...)
	}
	return out, changed
}

func isQuote(c byte) bool { return c == '"' || c == '\'' }

// typoByte reports whether c may start an escape, a reference, a quote
// or a symbol (besides " >>" and a character before a quote).
func typoByte(c byte) bool {
	switch c {
	case '\\', '&', '"', '\'', '-', '.', '<', '>':
		return true
	}
	return false
}

// typoBytes holds the bytes for which typoByte is true.
var typoBytes = ascii.SetWhere(typoByte)

// The sets markdown's scanners look for.
var (
	angleBytes = ascii.SetOf("<>")
	htmlBytes  = ascii.SetOf("<&>")
)

// nextTypoStart returns the first index from i on (hi when there is
// none) where something may start in src[:hi]: a byte typoByte accepts,
// a byte before a quote, or a space before '>'. Quotes and '>' are
// typoBytes, so it looks for the first of those and steps back one when
// the byte before it starts something.
func nextTypoStart(src []byte, i, hi int) int {
	j := i
	for j < hi && !typoBytes[src[j]] {
		j++
	}
	if j < hi && j > i && (isQuote(src[j]) || src[j] == '>' && src[j-1] == ' ') {
		return j - 1
	}
	return j
}

// isSymStart reports whether a typographic symbol starts at i (kramdown
// tries smart quotes first, but a symbol starting earlier wins the
// scan).
func isSymStart(src []byte, i, hi int) bool {
	n, _ := typoSym(src, i, hi)
	return n > 0
}

// typoSym matches kramdown's typographic symbols at src[i].
func typoSym(src []byte, i, hi int) (int, []byte) {
	// Every symbol starts with one of these pairs of bytes.
	if i+1 >= hi {
		return 0, nil
	}
	switch c, d := src[i], src[i+1]; {
	case c == '-' && d == '-', c == '.' && d == '.', c == '\\' && (d == '<' || d == '>'),
		c == '<' && d == '<', c == '>' && d == '>', c == ' ' && d == '>':
	default:
		return 0, nil
	}
	has := func(s string) bool {
		return i+len(s) <= hi && string(src[i:i+len(s)]) == s
	}
	switch {
	case has("---"):
		return 3, []byte("—")
	case has("--"):
		return 2, []byte("–")
	case has("..."):
		return 3, []byte("…")
	case has(`\<<`):
		return 3, []byte("&lt;&lt;")
	case has(`\>>`):
		return 3, []byte("&gt;&gt;")
	case has("<< "):
		return 3, []byte("«\u00a0")
	case has(" >>"):
		return 3, []byte("\u00a0»")
	case has("<<"):
		return 2, []byte("«")
	case has(">>"):
		return 2, []byte("»")
	}
	return 0, nil
}

const (
	ldquo = "“"
	rdquo = "”"
	lsquo = "‘"
	rsquo = "’"
)

func openQuote(q byte) string {
	if q == '"' {
		return ldquo
	}
	return lsquo
}

func closeQuote(q byte) string {
	if q == '"' {
		return rdquo
	}
	return rsquo
}

// isWordByte is Ruby's \w (ASCII).
func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSQPunct(c byte) bool {
	for _, p := range []byte(`!"#$%'()*+,-./:;<=>?@[\]^_` + "`{|}~") {
		if c == p {
			return true
		}
	}
	return false
}

// quoteRule applies kramdown's smart-quote rules (SQ_RULES, in order) at
// t[i], which is a quote or the character before one. It returns how
// many bytes the rule consumed and what they become.
func quoteRule(t []byte, i int) (int, []byte) {
	at := func(k int) byte {
		if i+k < len(t) && i+k >= 0 {
			return t[i+k]
		}
		return 0
	}
	end := func(k int) bool { return i+k >= len(t) }
	c0 := at(0)
	// 1: a quote before emphasis: opening.
	if isQuote(c0) && (at(1) == '_' || at(1) == '*') && !end(2) && !isRubySpace(at(2)) {
		return 1, []byte(openQuote(c0))
	}
	// 2: a quote before punctuation (not "..") and no word: closing.
	if isQuote(c0) && isSQPunct(at(1)) && !(at(2) == '.' && at(3) == '.') {
		// \B after the punctuation: both sides word characters, or both
		// not ("_" is a word character).
		if isWordByte(at(1)) == (!end(2) && isWordByte(at(2))) {
			return 1, []byte(closeQuote(c0))
		}
	}
	// 3–5: an optional space, then "' or '" before a word, or ' before
	// a decade ("'80s").
	sp := 0
	if isRubySpace(c0) {
		sp = 1
	}
	q1, q2 := at(sp), at(sp+1)
	if q1 == '"' && q2 == '\'' && isWordByte(at(sp+2)) {
		return sp + 2, append(append(append([]byte{}, t[i:i+sp]...), ldquo...), lsquo...)
	}
	if q1 == '\'' && q2 == '"' && isWordByte(at(sp+2)) {
		return sp + 2, append(append(append([]byte{}, t[i:i+sp]...), lsquo...), ldquo...)
	}
	if q1 == '\'' && isDigit(at(sp+1)) && isDigit(at(sp+2)) && at(sp+3) == 's' {
		return sp + 1, append(append([]byte{}, t[i:i+sp]...), rsquo...)
	}
	// 6: a space, then a quote before a word: opening.
	if isRubySpace(c0) && isQuote(at(1)) && isWordByte(at(2)) {
		return 2, append([]byte{c0}, openQuote(at(1))...)
	}
	// 7: a quote after a character that does not open: closing.
	if !end(0) && !isRubySpace(c0) && c0 != '\\' && c0 != '[' && c0 != '{' && c0 != '(' && c0 != '-' && isQuote(at(1)) {
		return 2, append([]byte{c0}, closeQuote(at(1))...)
	}
	// 8: a quote before a space, an "s" ending a word, or the line's end:
	// closing.
	if isQuote(c0) && (end(1) || isRubySpace(at(1)) || at(1) == 's' && (end(2) || !isWordByte(at(2)))) {
		return 1, []byte(closeQuote(c0))
	}
	// 9, 10: anything else opens; the character before the quote, if
	// any, is text (even a quote).
	for _, q := range []byte{'\'', '"'} {
		if !end(1) && at(1) == q {
			return 2, append([]byte{c0}, openQuote(q)...)
		}
		if c0 == q {
			return 1, []byte(openQuote(q))
		}
	}
	return 0, nil
}
