package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// fenceParser is goldmark's fenced code parser with kramdown's rule that
// a fence without its closing fence opens no code block: the lines are
// then a paragraph.
type fenceParser struct{ parser.BlockParser }

func (p fenceParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	c := line[pos]
	n := 0
	for pos+n < len(line) && line[pos+n] == c {
		n++
	}
	if (c != '`' && c != '~') || n < 3 || !hasClosingFence(reader.Source(), seg.Stop, c, n) {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// hasClosingFence reports whether a line after offset from closes a
// fence of n characters c: at most three spaces (after any block quote
// markers), at least n of c, then only white space.
func hasClosingFence(src []byte, from int, c byte, n int) bool {
	for off := from; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := bytes.TrimLeft(src[off:off+end], "> \t")
		k := 0
		for k < len(line) && line[k] == c {
			k++
		}
		if k >= n && isBlankBytes(line[k:]) {
			return true
		}
		off += end + 1
	}
	return false
}
