package markdown

import (
	"bytes"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Jekyll renders Liquid ({{ output }}, {% tag %}) before kramdown reads
// the page. We cannot run Liquid, so we keep it byte for byte as text:
// no Markdown inside it is parsed (a pipe in a filter is not a table
// cell, an underscore is not emphasis), no typography touches it, and it
// is never escaped or percent-encoded. Every occurrence is reported.

// liquidNode is Liquid kept as text.
type liquidNode struct {
	inlineNode
	seg text.Segment
}

type liquidParser struct{}

func (p *liquidParser) Trigger() []byte { return []byte{'{'} }

func (p *liquidParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	end := st.liquid.End(line, 0, seg.Start-seg.Padding)
	if end < 0 {
		return nil
	}
	block.Advance(end)
	return &liquidNode{seg: text.NewSegment(seg.Start, seg.Start+end)}
}

// liquidNotes reports every Liquid tag and output of the source.
func (st *state) liquidNotes(s []byte) {
	var m liquid.Memo
	for i := 0; i < len(s); i++ {
		j := bytes.IndexByte(s[i:], '{')
		if j < 0 {
			return
		}
		i += j
		end := m.End(s, i, 0)
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
