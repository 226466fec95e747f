package frontmatter

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"go.yaml.in/yaml/v3"
)

// Limits on YAML aliases. Isomer front matter uses none; these only stop
// a hostile page from making a walk over its values expand without end.
const (
	maxAliases       = 100     // alias nodes in one front matter block
	maxExpandedNodes = 100_000 // nodes once every alias is expanded
)

// A block is the parsed YAML text of a front matter block.
type block struct {
	text      []byte
	firstLine int   // file line of the first line of text
	starts    []int // line starts of text, as YAML counts lines
	newlines  []int // offsets of the "\n" of text, for file positions
	doc       *yaml.Node
	root      *yaml.Node // the top-level mapping; nil when the block is empty
	entries   []entry
	// lines is false when the entries cannot be edited as spans of
	// lines (a flow mapping "{a: 1}"); edits then rewrite the block.
	lines bool
	dups  []tiptapmd.Note
	// lastByKey maps each key that has a name (see entry.named) to the
	// index of its last entry, so that lookups take constant time.
	lastByKey map[string]int
}

// An entry is one top-level key and its value.
type entry struct {
	key        string
	k, v       *yaml.Node
	start, end int // the entry's lines: from the start of the key's line to the end of its last line
	keyOff     int // offset of the key
	keyEnd     int // end of the key as written, or -1 when it cannot be kept as written
	valOff     int // offset of the value
}

// loadBlock parses the YAML text of a front matter block that starts on
// line firstLine of the page file.
func loadBlock(text []byte, firstLine int) (*block, error) {
	b := &block{text: text, firstLine: firstLine, lines: true}
	if off, r, invalid := checkChars(text); off >= 0 {
		line, col := filePos(text, firstLine, off)
		err := ErrControlChar
		if invalid {
			err = ErrEncoding
		}
		return nil, &ParseError{Pos: tiptapmd.Pos{Line: line, Column: col}, Err: err, Msg: describeRune(r, invalid) + " is not allowed in YAML"}
	}
	b.measure()
	var doc yaml.Node
	if err := unmarshal(text, &doc); err != nil {
		return nil, b.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return b, nil // empty, or comments only
	}
	if err := b.index(&doc); err != nil {
		return nil, err
	}
	return b, nil
}

// measure finds the line starts and the newlines of b.text. When "\n"
// is the only line break of the text (no "\r", U+0085, U+2028 or
// U+2029), the lines start after the newlines, found with
// bytes.IndexByte; otherwise [lineStarts] counts them as YAML does.
func (b *block) measure() {
	text := b.text
	b.newlines = make([]int, 0, 16)
	for at := 0; ; {
		i := bytes.IndexByte(text[at:], '\n')
		if i < 0 {
			break
		}
		b.newlines = append(b.newlines, at+i)
		at += i + 1
	}
	if bytes.IndexByte(text, '\r') >= 0 || bytes.Contains(text, []byte("\u0085")) || bytes.Contains(text, []byte("\u2028")) || bytes.Contains(text, []byte("\u2029")) {
		b.starts = lineStarts(text)
		return
	}
	b.starts = make([]int, 1, len(b.newlines)+1)
	for _, n := range b.newlines {
		b.starts = append(b.starts, n+1)
	}
}

// index makes doc, the YAML document that b.text holds (not empty), the
// block's tree and finds its entries.
func (b *block) index(doc *yaml.Node) error {
	text := b.text
	b.doc = doc
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		line, col := b.pos(root)
		return &ParseError{Pos: tiptapmd.Pos{Line: line, Column: col}, Err: ErrNotMapping, Msg: "it holds a " + describeNode(root) + "; front matter must be key: value lines"}
	}
	if err := b.checkAliases(root); err != nil {
		return err
	}
	b.root = root
	b.lines = root.Style&yaml.FlowStyle == 0
	b.entries = make([]entry, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		e := entry{key: keyString(k), k: k, v: v, keyEnd: -1}
		e.keyOff = offsetOf(text, b.starts, k.Line, k.Column)
		e.valOff = offsetOf(text, b.starts, v.Line, v.Column)
		if k.Line >= 1 && k.Line <= len(b.starts) {
			e.start = b.starts[k.Line-1]
		}
		b.entries = append(b.entries, e)
	}
	for i := range b.entries {
		e := &b.entries[i]
		end := len(text)
		if i+1 < len(b.entries) {
			end = b.entries[i+1].start
		}
		if end <= e.keyOff {
			b.lines = false // two keys on one line: not a block mapping
			break
		}
		e.end = b.trimTrailing(e.k.Line, end)
		e.keyEnd = keyEnd(text, e.start, e.keyOff, e.end)
	}
	b.lastByKey = make(map[string]int, len(b.entries))
	for i, e := range b.entries {
		if e.named(e.key) {
			b.lastByKey[e.key] = i
		}
	}
	b.fixLineComments()
	if len(b.lastByKey) < len(b.entries) {
		// Otherwise every entry has a key of its own: none repeats.
		b.findDuplicates()
	}
	return nil
}

// fixLineComments moves line comments that the YAML parser attached to
// the wrong key back where they were written. After a value that is only
// a tag or an anchor ("key: !t  # note"), the parser gives the comment to
// the next key; written back, it would wander one line down each time.
func (b *block) fixLineComments() {
	if !b.lines {
		return
	}
	for i := 1; i < len(b.entries); i++ {
		e, prev := &b.entries[i], &b.entries[i-1]
		c := e.k.LineComment
		if c == "" || e.k.Line < 1 || e.k.Line > len(b.starts) {
			continue
		}
		lineEnd := len(b.text)
		if e.k.Line < len(b.starts) {
			lineEnd = b.starts[e.k.Line]
		}
		if bytes.Contains(b.text[e.start:lineEnd], []byte(c)) {
			continue
		}
		if !bytes.Contains(b.text[prev.start:prev.end], []byte(c)) {
			continue
		}
		e.k.LineComment = ""
		target := prev.v
		if prev.v.Kind == yaml.MappingNode || prev.v.Kind == yaml.SequenceNode {
			target = prev.k
		}
		target.LineComment = joinComments(target.LineComment, c)
	}
}

// unmarshal runs the YAML parser. The parser is a port of libyaml and
// reports problems as errors; should it panic on some input all the same,
// that is reported as a syntax error rather than crashing the caller.
//
// The parser is given the text with CRLF line ends turned into LF: it
// attaches comments differently after a CR (a comment right above the
// first key becomes the document's, as if a blank line followed it).
// Lines and columns stay the same, since a CR only ever ends a line.
func unmarshal(text []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed: %v", r)
		}
	}()
	if bytes.Contains(text, []byte("\r\n")) {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	}
	return yaml.Unmarshal(text, n)
}

// yamlError turns an error of the YAML library into a *ParseError with a
// position in the file.
func (b *block) yamlError(err error) *ParseError {
	line, problem := yamlErrorLine(err.Error())
	if line == 0 {
		if name, ok := strings.CutPrefix(problem, "unknown anchor '"); ok {
			name, _, _ = strings.Cut(name, "'")
			if i := bytes.Index(b.text, []byte("*"+name)); i >= 0 {
				l, c := filePos(b.text, b.firstLine, i)
				return &ParseError{Pos: tiptapmd.Pos{Line: l, Column: c}, Err: ErrSyntax, Msg: problem}
			}
		}
		return &ParseError{Pos: tiptapmd.Pos{Line: b.firstLine}, Err: ErrSyntax, Msg: problem}
	}
	line = min(line, len(b.starts))
	// A tab where YAML wants indentation gives one of several messages;
	// look for it on the reported line and its neighbours.
	for _, l := range []int{line, line - 1, line + 1} {
		if off := b.indentTab(l); off >= 0 {
			fl, fc := filePos(b.text, b.firstLine, off)
			return &ParseError{Pos: tiptapmd.Pos{Line: fl, Column: fc}, Err: ErrTab, Msg: "YAML indents with spaces only (" + problem + ")"}
		}
	}
	off := b.starts[line-1]
	fl, _ := filePos(b.text, b.firstLine, off)
	return &ParseError{Pos: tiptapmd.Pos{Line: fl}, Err: ErrSyntax, Msg: problem}
}

// indentTab returns the offset of a tab among the leading blanks of YAML
// line l (1-based), or -1.
func (b *block) indentTab(l int) int {
	if l < 1 || l > len(b.starts) {
		return -1
	}
	for i := b.starts[l-1]; i < len(b.text); i++ {
		switch b.text[i] {
		case ' ':
			continue
		case '\t':
			return i
		}
		break
	}
	return -1
}

// pos returns the file position of a node.
func (b *block) pos(n *yaml.Node) (line, col int) {
	off := min(max(offsetOf(b.text, b.starts, n.Line, n.Column), 0), len(b.text))
	// As filePos, in time logarithmic in the size of the block.
	k := sort.SearchInts(b.newlines, off) // the newlines before off
	lineStart := 0
	if k > 0 {
		lineStart = b.newlines[k-1] + 1
	}
	return b.firstLine + k, off - lineStart + 1
}

// trimTrailing moves end, a line start (or the end of the text), back
// over blank lines and lines that start with "#", which belong between
// entries rather than to the entry above; it stops at the line after
// keyLine.
func (b *block) trimTrailing(keyLine, end int) int {
	floor := len(b.text)
	if keyLine < len(b.starts) {
		floor = b.starts[keyLine]
	}
	j := sort.SearchInts(b.starts, end) // index of the line starting at end
	for end > floor && j > 0 {
		ls := b.starts[j-1]
		if ls < floor {
			break
		}
		line := b.text[ls:end]
		if len(bytes.TrimLeft(line, " \t\r\n")) != 0 && line[0] != '#' {
			break
		}
		end = ls
		j--
	}
	return end
}

// keyEnd returns the end of a key written at off (on a line starting at
// start) when the key is a plain or quoted scalar alone at the start of
// its line followed by ":", and -1 otherwise (an explicit "? key", for
// example).
func keyEnd(text []byte, start, off, limit int) int {
	if off >= limit || len(bytes.Trim(text[start:off], " ")) != 0 {
		return -1
	}
	i := off
	switch text[i] {
	case '"':
		for i++; i < limit && text[i] != '"' && text[i] != '\n'; i++ {
			if text[i] == '\\' {
				i++
			}
		}
		if i >= limit || text[i] != '"' {
			return -1
		}
		i++
	case '\'':
		for i++; i < limit; i++ {
			if text[i] == '\n' {
				return -1
			}
			if text[i] == '\'' {
				if i+1 < limit && text[i+1] == '\'' {
					i++
					continue
				}
				break
			}
		}
		if i >= limit {
			return -1
		}
		i++
	default:
		for ; i < limit && text[i] != '\n'; i++ {
			if text[i] == ':' && (i+1 == limit || strings.IndexByte(" \t\r\n", text[i+1]) >= 0) {
				break
			}
		}
		if i >= limit || text[i] != ':' {
			return -1
		}
		for i > off && (text[i-1] == ' ' || text[i-1] == '\t') {
			i--
		}
		return i
	}
	j := i
	for j < limit && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= limit || text[j] != ':' {
		return -1
	}
	return i
}

func keyString(k *yaml.Node) string {
	switch k.Kind {
	case yaml.ScalarNode:
		return k.Value
	case yaml.AliasNode:
		if k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			return k.Alias.Value
		}
	}
	return ""
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value (" + n.ShortTag() + ")"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// checkAliases refuses too many aliases, aliases that expand to too many
// nodes, and aliases that refer to a value containing themselves.
func (b *block) checkAliases(root *yaml.Node) error {
	var aliases []*yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			aliases = append(aliases, n)
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	if len(aliases) == 0 {
		return nil
	}
	fail := func(n *yaml.Node, msg string) error {
		line, col := b.pos(n)
		return &ParseError{Pos: tiptapmd.Pos{Line: line, Column: col}, Err: ErrAliasLimit, Msg: msg}
	}
	if len(aliases) > maxAliases {
		return fail(aliases[maxAliases], fmt.Sprintf("more than %d aliases", maxAliases))
	}
	const inProgress = -1
	sizes := map[*yaml.Node]int{}
	cycle := false
	var size func(n *yaml.Node) int
	size = func(n *yaml.Node) int {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil {
				return 1
			}
			n = n.Alias
		}
		if s, ok := sizes[n]; ok {
			if s == inProgress {
				cycle = true
				return maxExpandedNodes + 1
			}
			return s
		}
		sizes[n] = inProgress
		total := 1
		for _, c := range n.Content {
			total = min(total+size(c), maxExpandedNodes+1)
		}
		sizes[n] = total
		return total
	}
	if size(root) > maxExpandedNodes {
		if cycle {
			return fail(aliases[0], "an alias refers to a value that contains it")
		}
		return fail(aliases[0], fmt.Sprintf("the aliases expand to more than %d values", maxExpandedNodes))
	}
	return nil
}

// findDuplicates records a warning for each top-level key that repeats an
// earlier one.
func (b *block) findDuplicates() {
	seen := make(map[string]int, len(b.entries))
	for i, e := range b.entries {
		if e.k.Kind != yaml.ScalarNode {
			continue
		}
		if j, ok := seen[e.key]; ok {
			prev, _ := b.pos(b.entries[j].k)
			line, col := b.pos(e.k)
			b.dups = append(b.dups, tiptapmd.Note{
				Pos: tiptapmd.Pos{Line: line, Column: col}, Code: WarnDuplicateKey, Severity: tiptapmd.Review,
				Message: fmt.Sprintf("key %q on line %d repeats the one on line %d; the last one wins", e.key, line, prev),
			})
		}
		seen[e.key] = i
	}
}

// named reports whether the entry's key is key. A key that is a list or a
// mapping has no name.
func (e entry) named(key string) bool {
	return e.key == key && e.k.Kind != yaml.MappingNode && e.k.Kind != yaml.SequenceNode
}

// last returns the index of the last entry with key, or -1.
func (b *block) last(key string) int {
	if b == nil {
		return -1
	}
	if i, ok := b.lastByKey[key]; ok {
		return i
	}
	return -1
}

// raw returns the text of entry e's value as written, trimmed, without a
// trailing comment.
func (b *block) raw(e entry) string {
	if !b.lines || e.valOff >= e.end {
		if !b.lines {
			em := &emitter{}
			return strings.TrimSpace(em.node(e.v, ectx{indent: "  ", ias: -1}, false))
		}
		return ""
	}
	s := string(bytes.TrimRight(b.text[e.valOff:e.end], " \t\r\n"))
	if e.v.Kind == yaml.ScalarNode || e.v.Kind == yaml.AliasNode {
		for _, c := range []string{e.v.LineComment, e.k.LineComment} {
			if c != "" && strings.HasSuffix(s, c) {
				s = strings.TrimRight(strings.TrimSuffix(s, c), " \t")
			}
		}
	}
	if strings.HasPrefix(s, "#") {
		return "" // an empty value followed by a comment
	}
	return s
}

// nodeEqual reports whether two nodes hold the same data: kinds, tags,
// values, anchors and aliases, ignoring style, comments and positions.
func nodeEqual(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		return a.Value == b.Value && a.ShortTag() == b.ShortTag()
	case yaml.AliasNode:
		return a.Value == b.Value
	}
	if a.ShortTag() != b.ShortTag() {
		return false
	}
	for i := range a.Content {
		if !nodeEqual(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// cloneNode copies a node tree, aliases included as aliases (their
// targets are not copied).
func cloneNode(n *yaml.Node) *yaml.Node {
	c := *n
	if len(n.Content) > 0 {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, x := range n.Content {
			c.Content[i] = cloneNode(x)
		}
	}
	return &c
}
