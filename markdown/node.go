package markdown

import "github.com/yuin/goldmark/ast"

// inlineNode, blockNode and rawBlock give the package's own goldmark
// node types what ast.Node asks of them; each type embeds one. Our node
// types are told apart by their Go type: they register no goldmark
// NodeKind, which would need goldmark's global registry.
type inlineNode struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *inlineNode) Kind() ast.NodeKind { return 0 }

// Dump implements ast.Node.
func (n *inlineNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// blockNode is a block whose lines goldmark parses for inlines.
type blockNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *blockNode) Kind() ast.NodeKind { return 0 }

// Dump implements ast.Node.
func (n *blockNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// rawBlock is a block whose lines are not parsed for inlines.
type rawBlock struct{ blockNode }

// IsRaw implements ast.Node.
func (n *rawBlock) IsRaw() bool { return true }
