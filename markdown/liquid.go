package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Jekyll renders Liquid ({{ output }}, {% tag %}) before kramdown reads
// the page. We cannot run Liquid, so we keep it byte for byte as text:
// no Markdown inside it is parsed (a pipe in a filter is not a table
// cell, an underscore is not emphasis), no typography touches it, and it
// is never escaped or percent-encoded. Every occurrence is reported.

// liquidEnd returns the offset past a Liquid tag or output starting at
// s[i] == '{', or -1. Liquid may not span lines here.
func liquidEnd(s []byte, i int) int {
	if i+1 >= len(s) || s[i] != '{' {
		return -1
	}
	var close string
	switch s[i+1] {
	case '{':
		close = "}}"
	case '%':
		close = "%}"
	default:
		return -1
	}
	rest := s[i+2:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	j := bytes.Index(rest, []byte(close))
	if j < 0 {
		return -1
	}
	return i + 2 + j + 2
}

// liquidMemo remembers, for "{{" and "{%", a span of one source line
// (absolute offsets [from, stop)) that holds no "}}" or "%}": Liquid
// that starts in it does not end on its line, when read from text that
// ends at lim. A line of thousands of unclosed "{{" is then read in
// linear time.
type liquidMemo struct{ from, stop, lim [2]int }

// end is liquidEnd(s, i), where s[0] is at offset base of the source.
func (m *liquidMemo) end(s []byte, i, base int) int {
	if i+1 >= len(s) || s[i] != '{' || s[i+1] != '{' && s[i+1] != '%' {
		return -1
	}
	k := 0
	if s[i+1] == '%' {
		k = 1
	}
	at := base + i + 2
	if at >= m.from[k] && at < m.stop[k] && base+len(s) == m.lim[k] {
		return -1
	}
	e := liquidEnd(s, i)
	if e < 0 {
		stop := len(s)
		if nl := bytes.IndexByte(s[i+2:], '\n'); nl >= 0 {
			stop = i + 2 + nl
		}
		m.from[k], m.stop[k], m.lim[k] = at, base+stop, base+len(s)
	}
	return e
}

// liquidNode is Liquid kept as text.
type liquidNode struct {
	ast.BaseInline
	seg text.Segment
}

func (n *liquidNode) Kind() ast.NodeKind         { return 0 }
func (n *liquidNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type liquidParser struct{ st *state }

func (p *liquidParser) Trigger() []byte { return []byte{'{'} }

func (p *liquidParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := p.st.liquid.end(line, 0, seg.Start-seg.Padding)
	if end < 0 {
		return nil
	}
	block.Advance(end)
	return &liquidNode{seg: text.NewSegment(seg.Start, seg.Start+end)}
}

// liquidNotes reports every Liquid tag and output of the source.
func (st *state) liquidNotes(s []byte) {
	var m liquidMemo
	for i := 0; i < len(s); i++ {
		j := bytes.IndexByte(s[i:], '{')
		if j < 0 {
			return
		}
		i += j
		end := m.end(s, i, 0)
		if end < 0 {
			continue
		}
		what := "output"
		if s[i+1] == '%' {
			what = "tag"
		}
		st.note(i, CodeLiquid, "Liquid %s %s kept as text", what, s[i:end])
		i = end - 1
	}
}
