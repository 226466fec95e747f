package frontmatter

import (
	"bytes"
	"maps"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// applyLine is [Page.apply] for an edit that replaces text[from:to] of
// the block, one whole line holding one top-level entry (or nothing,
// to add an entry), with line, one line holding the entry key: want[key].
// When the block is plain enough for the line to be read on its own
// (see [block.spliceLine]), only the line is read (its nodes built by
// [plainEntry], or the line parsed) and the tree of the block is the old
// one with the line's entry in place: what parsing the whole new text
// gives, without parsing the other keys again. Otherwise the whole text
// is parsed and checked, as apply does.
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
// the indentation of the top-level keys, and nothing in the block can tie
// one line to another beyond its entry ([plainYAML]): no comments (whose
// owner depends on their neighbours), no anchors or aliases, no tags or
// directives, no document markers, no byte order mark, no block scalar
// (one kept with "+" takes in the blank lines after it, up to the next
// line with content), and a line that is a complete entry by itself. An entry of other lines may then go on over several lines
// (a folded plain or quoted scalar, a list, a mapping): what ends it is
// the next line with content at the indentation of the top-level keys,
// and the line edited, a key at that indentation, is such a line before
// and after the edit; the line ends its own value, since the next line
// with content is the next key (or there is none). The last entry is
// one line, and only blank lines follow it ([block.endsClean]): the
// parser reads the mapping up to a line less indented than its keys and
// ignores what follows, and that text, which is not blank, is counted
// in the last entry. Lines and columns of the other entries do not move,
// so their nodes are shared. The result is checked as [Page.apply]
// checks it: the key holds want, and the other entries are the old ones;
// the entries' offsets and the line starts are the old ones moved
// ([block.shifted]).
func (b *block) spliceLine(from, to int, line, key string, want *yaml.Node) *block {
	if b == nil || !b.lines || b.root == nil || want == nil || len(b.entries) == 0 {
		return nil
	}
	if !plainYAML(b.text) || !plainYAML([]byte(line)) || !b.endsClean() {
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
	lineNo := 1 + sort.SearchInts(b.newlines, from) // the newlines before from
	k, v, ok := builtEntry(line, key, want)
	if !ok {
		if k, v = parseEntry(line); k == nil {
			return nil
		}
	}
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

	return b.shifted(from, to, line, i, k, v, &nd)
}

// shifted returns the block whose text is b's with text[from:to] (one
// whole line, or nothing at a line start) replaced by line (one line),
// whose document is doc, and whose entry i is the line's, k: v (a new
// last entry when i is len(b.entries)), where [block.spliceLine] allows
// the edit. What [block.measure] and [block.index] would find in the new
// text is known from b: lines start and end where they did before from,
// and delta bytes further on from to, delta being how much longer the
// line is than the text it replaces; the other entries keep their nodes,
// lines and columns, and their offsets move by delta after the line; the
// entry before the line still ends at from and the line's own ends with
// it (the lines after it up to the next key are the blank lines that
// ended the entry it replaces, or that follow the last entry). No
// comment, alias or repeated key comes in: plainYAML refused "#" and
// "*" where a comment or an alias may start, and a key is replaced by the same key, or added when it is
// missing, so the line-comment fixes and the alias check find nothing,
// and the duplicate warnings are b's, unless b has some (positions of
// the edited key may move then: they are found again). The tests
// compare every spliced block with the parse of its text (DeepEqual).
func (b *block) shifted(from, to int, line string, i int, k, v *yaml.Node, doc *yaml.Node) *block {
	delta := len(line) - (to - from)
	nb := &block{text: splice(b.text, from, to, line), firstLine: b.firstLine, lines: true, doc: doc, root: doc.Content[0]}

	// Line starts: those up to from, then those from to on, moved. An
	// added line (from == to) gives from twice, the second time moved
	// to the start of the line after it.
	nb.starts = make([]int, 0, len(b.starts)+btoi(from == to))
	nb.newlines = make([]int, 0, len(b.newlines)+btoi(from == to))
	for _, s := range b.starts {
		if s <= from {
			nb.starts = append(nb.starts, s)
		}
	}
	for _, s := range b.starts {
		if s >= to {
			nb.starts = append(nb.starts, s+delta)
		}
	}
	for _, n := range b.newlines {
		if n < from {
			nb.newlines = append(nb.newlines, n)
		}
	}
	nb.newlines = append(nb.newlines, from+len(line)-1)
	for _, n := range b.newlines {
		if n >= to {
			nb.newlines = append(nb.newlines, n+delta)
		}
	}

	nb.entries = make([]entry, 0, len(b.entries)+btoi(i == len(b.entries)))
	nb.entries = append(nb.entries, b.entries[:i]...)
	ne := entry{key: keyString(k), k: k, v: v, start: from, end: from + len(line)}
	ne.keyOff = offsetOf(nb.text, nb.starts, k.Line, k.Column)
	ne.valOff = offsetOf(nb.text, nb.starts, v.Line, v.Column)
	ne.keyEnd = keyEnd(nb.text, ne.start, ne.keyOff, ne.end)
	nb.entries = append(nb.entries, ne)
	if i < len(b.entries) {
		for _, e := range b.entries[i+1:] {
			nb.entries = append(nb.entries, e.moved(delta))
		}
		nb.lastByKey = b.lastByKey // the same keys at the same indexes; never written after index
	} else {
		nb.lastByKey = maps.Clone(b.lastByKey)
		nb.lastByKey[ne.key] = i
	}
	if len(b.dups) > 0 {
		nb.findDuplicates()
	}
	return nb
}

// cutOffsets returns the offsets of a text, in order, after text[from:to]
// is cut from it: those before from as they are, those in the cut left
// out, and those after it moved back by its length.
func cutOffsets(offs []int, from, to int) []int {
	out := make([]int, 0, len(offs))
	for _, o := range offs {
		if o < from {
			out = append(out, o)
		} else if o >= to {
			out = append(out, o-(to-from))
		}
	}
	return out
}

// moved returns e with its offsets moved by delta bytes, for an edit
// of the text before it.
func (e entry) moved(delta int) entry {
	e.start += delta
	e.end += delta
	e.keyOff += delta
	e.valOff += delta
	if e.keyEnd >= 0 {
		e.keyEnd += delta
	}
	return e
}

// cutEntry returns the block without its entry i, or nil when that
// cannot be done without parsing the whole text again. It can when the
// block is one that [block.spliceLine] edits (plainYAML, the last entry
// one line followed by blank lines), its keys are all different, and
// entry i is one line that is neither the first (the mapping starts
// there) nor the last one after an entry of several lines (which would
// become last). What ended the entry before it, the next line with
// content at the indentation of the keys, is then the next key, or the
// end of the text: the other entries read as before, one line higher
// after the cut, and end where they did, since only blank lines lay
// between them and the line cut. The tests compare every cut block with
// the parse of its text.
func (b *block) cutEntry(i int) *block {
	if b == nil || !b.lines || b.root == nil || i < 1 || i >= len(b.entries) || len(b.dups) > 0 ||
		len(b.lastByKey) != len(b.entries) || !plainYAML(b.text) || !b.endsClean() {
		return nil
	}
	e := b.entries[i]
	if !oneLine(b.text[e.start:e.end]) {
		return nil
	}
	if i == len(b.entries)-1 {
		if p := b.entries[i-1]; !oneLine(b.text[p.start:p.end]) {
			return nil
		}
	}
	from, to := e.start, e.end
	delta := from - to
	nb := &block{text: splice(b.text, from, to, ""), firstLine: b.firstLine, lines: true}
	nb.starts = cutOffsets(b.starts, from, to)
	nb.newlines = cutOffsets(b.newlines, from, to)
	root := *b.root
	root.Content = make([]*yaml.Node, 0, len(b.root.Content)-2)
	root.Content = append(root.Content, b.root.Content[:2*i]...)
	for _, n := range b.root.Content[2*i+2:] {
		root.Content = append(root.Content, lineUp(n))
	}
	doc := *b.doc
	doc.Content = []*yaml.Node{&root}
	nb.doc, nb.root = &doc, &root
	nb.entries = make([]entry, 0, len(b.entries)-1)
	nb.entries = append(nb.entries, b.entries[:i]...)
	for j, e := range b.entries[i+1:] {
		e.k, e.v = root.Content[2*(i+j)], root.Content[2*(i+j)+1]
		nb.entries = append(nb.entries, e.moved(delta))
	}
	nb.lastByKey = make(map[string]int, len(nb.entries))
	for j, e := range nb.entries {
		nb.lastByKey[e.key] = j // every key is named: b.lastByKey held them all
	}
	return nb
}

// lineUp returns a copy of the node tree n with every line one less.
func lineUp(n *yaml.Node) *yaml.Node {
	c := *n
	c.Line--
	if len(n.Content) > 0 {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, x := range n.Content {
			c.Content[i] = lineUp(x)
		}
	}
	return &c
}

// parseEntry returns the key and the value of the one entry that line
// holds, as the YAML parser reads the line alone, or nils when the line
// is not one entry of a block mapping.
func parseEntry(line string) (k, v *yaml.Node) {
	var doc yaml.Node
	if unmarshal([]byte(line), &doc) != nil || len(doc.Content) != 1 {
		return nil, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 || len(m.Content) != 2 {
		return nil, nil
	}
	return m.Content[0], m.Content[1]
}

// builtEntry returns the nodes of the entry line holds without parsing
// it, when the line is indent+key+": "+want.Value and a line break, for
// a string want, and [plainEntry] knows them. What the nodes are then
// does not depend on the rest of the block: see [block.spliceLine] for
// when it may be read alone.
func builtEntry(line, key string, want *yaml.Node) (k, v *yaml.Node, ok bool) {
	if want.Kind != yaml.ScalarNode || want.Tag != "!!str" || want.Style != 0 || want.Anchor != "" {
		return nil, nil, false
	}
	body, ok := strings.CutSuffix(line, "\n")
	body = strings.TrimSuffix(body, "\r")
	body, ok1 := strings.CutSuffix(body, want.Value)
	body, ok2 := strings.CutSuffix(body, ": ")
	indent, ok3 := strings.CutSuffix(body, key)
	if !ok || !ok1 || !ok2 || !ok3 {
		return nil, nil, false
	}
	return plainEntry(indent, key, want.Value)
}

// maxPlainKey is the length of the longest key plainEntry builds. The
// YAML parser reads a key without "?" only when its ":" follows within
// 1024 characters of its start.
const maxPlainKey = 1000

// plainEntry returns the nodes the YAML parser gives for the entry
// indent+key+": "+value, on line 1, read alone as a block mapping,
// when indent is spaces and both key and value are valid UTF-8 (as
// [Page.Set] makes them) and written plain by [encodeKey] and
// [encodeString] (then [plainSafe] holds for both, and the key does not
// look like a document marker), and neither starts with a sign, a dot
// or a digit ([mayResolve]). A plain scalar is read as its text when it
// has no leading or trailing blanks, no line break, no ": " and no " #"
// inside, and does not start with an indicator: plainSafe checks all
// that. Its tag is the one go.yaml.in/yaml/v3 resolves it to: a plain
// scalar that starts with none of "+-.0123456789" is a string unless it
// is one of the names of its resolve table (true, false, null, ~, <<
// and their capitalized forms), which [typedIn11], and so plainSafe,
// refuses. Columns count characters from 1. A plain scalar has no
// comment, anchor or tag of its own. ok is false when the entry is not
// such a line; the tests compare the nodes with the parser's on every
// edit they make, and on fuzzed keys and values.
func plainEntry(indent, key, value string) (k, v *yaml.Node, ok bool) {
	if len(key) > maxPlainKey || strings.Trim(indent, " ") != "" || !utf8.ValidString(key) || !utf8.ValidString(value) ||
		!plainSafe(key) || docMarker(key) || !plainSafe(value) || mayResolve(key) || mayResolve(value) {
		return nil, nil, false
	}
	k = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: 1, Column: len(indent) + 1}
	v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value, Line: 1, Column: k.Column + utf8.RuneCountInString(key) + 2}
	return k, v, true
}

// mayResolve reports whether the YAML library may give the plain scalar
// s a type other than string after looking at more than its whole text:
// it parses a scalar that starts with a sign, a dot or a digit as a
// number or a timestamp, by rules broader than [typedIn11]'s ("0e_0" is
// a float to it).
func mayResolve(s string) bool {
	return s == "" || strings.IndexByte("+-.0123456789", s[0]) >= 0
}

// endsClean reports whether the last entry of b is one line and the
// lines after it are blank. Between two keys the parser reads, all is
// the first one's value (or blank lines, or comments); after the last
// key's value it may have stopped reading, at a line less indented than
// the keys (a stray "]" below "  a: 1"): a key put after that line would
// not be read.
func (b *block) endsClean() bool {
	e := b.entries[len(b.entries)-1]
	return oneLine(b.text[e.start:e.end]) && len(bytes.TrimLeft(b.text[e.end:], " \t\r\n")) == 0
}

// plainYAML reports whether text holds nothing that can tie a line of a
// block mapping to its neighbours beyond its entry, nor any line break
// but "\n" and "\r\n" (see [block.spliceLine]): no comment, anchor,
// alias, tag, directive or block scalar indicator ("#&*!%|>" at the
// start of the text or after a blank, a line break or one of ",[]{}:"),
// none of U+FEFF, U+0085, U+2028, U+2029, no "\r" not followed by "\n",
// and no line starting with "---" or "...". One of "#&*!%|>" right after
// another character ("Q&A", "C#", "a>b") is part of a scalar: YAML
// starts a comment only after white space, and a node's properties and
// block indicators only where the node starts, after white space or a
// flow indicator (this errs on the side of refusing: ":" or "]" before
// them refuses, in a plain scalar or not). It looks at each byte once:
// those characters are the UTF-8 sequences EF BB BF, C2 85, E2 80 A8
// and E2 80 A9, whose first bytes never continue another sequence, so
// they are found the same way in any text, valid UTF-8 or not.
func plainYAML(text []byte) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '#', '&', '*', '!', '%', '|', '>':
			if i == 0 || nodeStartAfter[text[i-1]] {
				return false
			}
		case '\r':
			if i+1 == len(text) || text[i+1] != '\n' {
				return false
			}
		case '-', '.':
			if (i == 0 || text[i-1] == '\n') && i+2 < len(text) && text[i+1] == text[i] && text[i+2] == text[i] {
				return false
			}
		case 0xC2, 0xE2:
			if unicodeBreak(text, i) > 0 {
				return false
			}
		case 0xEF:
			if i+2 < len(text) && text[i+1] == 0xBB && text[i+2] == 0xBF {
				return false
			}
		}
	}
	return true
}

// nodeStartAfter holds the bytes after which YAML may start a comment, a
// node's properties or a block scalar (see [plainYAML]).
var nodeStartAfter = [256]bool{' ': true, '\t': true, '\r': true, '\n': true, ',': true, '[': true, ']': true, '{': true, '}': true, ':': true}

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
