package frontmatter

import (
	"bytes"

	"go.yaml.in/yaml/v3"
)

// applyLine is [Page.apply] for an edit that replaces text[from:to] of
// the block, one whole line holding one top-level entry (or nothing,
// to add an entry), with line, one line holding the entry key: want[key].
// When the block is plain enough for the line to be read on its own
// (see [block.spliceLine]), only the line is parsed and the tree of the
// block is the old one with the line's entry in place: what parsing the
// whole new text gives, without parsing the other keys again. Otherwise
// the whole text is parsed and checked, as apply does.
func (p *Page) applyLine(from, to int, line string, want map[string]*yaml.Node, key, what string) bool {
	if nb := p.fm.spliceLine(from, to, line, key, want[key]); nb != nil {
		p.fm = nb
		return true
	}
	return p.apply(splice(p.fm.text, from, to, line), want, key, what)
}

// spliceLine returns the block with text[from:to] replaced by line, or
// nil when that cannot be done without parsing the whole text again.
//
// Parsing the new text would give the old tree with the line's entry in
// place of the old one when the edit changes one line into one line at
// the indentation of the top-level keys, every entry is one line, and
// nothing in the block can tie one line to another beyond its entry: no
// comments (whose owner depends on their neighbours), no anchors or
// aliases, no tags or directives, no document markers, no byte order
// mark, and a line that is a complete entry by itself, with no block
// scalar indicator (whose value would take in the blank lines after it). Lines and columns of
// the other entries do not move, so their nodes are shared. The result
// is checked as [Page.apply] checks it: the key holds want (the other
// entries are the old ones), and the entries, positions and duplicate
// warnings are found by the same code as for a parsed block.
func (b *block) spliceLine(from, to int, line, key string, want *yaml.Node) *block {
	if b == nil || !b.lines || b.root == nil || want == nil || len(b.entries) == 0 {
		return nil
	}
	if !plainYAML(b.text) || !plainYAML([]byte(line)) || bytes.ContainsAny([]byte(line), "|>") || !b.singleLines() {
		return nil
	}
	if !oneLine([]byte(line)) {
		return nil
	}
	// The entry replaced, or the place of a new last one.
	i := len(b.entries)
	if from != to {
		i = -1
		for j, e := range b.entries {
			if e.start == from && e.end == to {
				i = j
				break
			}
		}
		if i < 0 || !oneLine(b.text[from:to]) {
			return nil
		}
	} else if from != b.appendAt() || from == 0 || b.text[from-1] != '\n' {
		return nil
	}

	// The line alone, moved to its line of the block.
	lineNo := 1 + bytes.Count(b.text[:from], []byte("\n"))
	var doc yaml.Node
	if unmarshal([]byte(line), &doc) != nil || len(doc.Content) != 1 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 || len(m.Content) != 2 {
		return nil
	}
	k, v := m.Content[0], m.Content[1]
	if k.Kind != yaml.ScalarNode || keyString(k) != key || k.Column != b.entries[0].k.Column || !nodeEqual(want, v) ||
		v.Kind != yaml.ScalarNode || v.Line != 1 || k.Line != 1 {
		return nil
	}
	k.Line += lineNo - 1
	v.Line += lineNo - 1

	content := make([]*yaml.Node, 0, len(b.root.Content)+2)
	content = append(content, b.root.Content[:2*i]...)
	content = append(content, k, v)
	if 2*i+2 <= len(b.root.Content) {
		content = append(content, b.root.Content[2*i+2:]...)
	}
	root := *b.root
	root.Content = content
	nd := *b.doc
	nd.Content = []*yaml.Node{&root}

	nb := &block{text: splice(b.text, from, to, line), firstLine: b.firstLine, lines: true}
	nb.measure()
	if nb.index(&nd) != nil || !nb.lines || len(nb.entries) != len(b.entries)+btoi(from == to) {
		return nil
	}
	return nb
}

// singleLines reports whether every entry of b is one line, and the
// lines between them blank: no value goes on over the lines below its key
// (YAML reads a plain value on over lines that are not indented under the
// key, and would read a line put after it as part of it).
func (b *block) singleLines() bool {
	at := 0
	for _, e := range b.entries {
		if len(bytes.TrimLeft(b.text[at:e.start], " \t\r\n")) != 0 || !oneLine(b.text[e.start:e.end]) {
			return false
		}
		at = e.end
	}
	return len(bytes.TrimLeft(b.text[at:], " \t\r\n")) == 0
}

// plainYAML reports whether text holds nothing that can tie a line of a
// block mapping to its neighbours beyond its entry, nor any line break
// but "\n" and "\r\n" (see [block.spliceLine]).
func plainYAML(text []byte) bool {
	if bytes.ContainsAny(text, "#&*!%\ufeff\u0085\u2028\u2029") {
		return false
	}
	for i, c := range text {
		if c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
			return false
		}
		if i == 0 || text[i-1] == '\n' {
			if r := text[i:]; bytes.HasPrefix(r, []byte("---")) || bytes.HasPrefix(r, []byte("...")) {
				return false
			}
		}
	}
	return true
}

// oneLine reports whether s is one line ending with its line break.
func oneLine(s []byte) bool {
	return bytes.IndexByte(s, '\n') == len(s)-1
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
