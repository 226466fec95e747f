package frontmatter

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"go.yaml.in/yaml/v3"
)

// A Page is a page file split into its front matter, parsed, and its body.
// Its front matter can be read and edited key by key; edits change only
// the lines of the keys they touch, so comments, key order, quoting and
// formatting elsewhere stay as they were, and a page that is not edited
// writes back byte for byte ([Page.Bytes]).
//
// Front matter written as a flow mapping ("{title: x, …}") has no lines
// to edit one by one: the first edit rewrites it in block style.
//
// Edits re-parse the block and check that every key they were not asked
// to change still holds the same value. An edit that would break the
// block (say, deleting the key that defines an anchor another key uses)
// is not made and is reported by [Page.Warnings] instead.
//
// A Page is not safe for concurrent use; distinct pages are independent.
type Page struct {
	bom      bool
	open     []byte // nil when the page has no front matter
	close    []byte
	body     []byte
	eol      string          // the page's line ending, for new lines
	fm       *block          // nil when the page has no front matter
	warnings []tiptapmd.Note // warnings other than duplicate keys
}

// Parse splits src into front matter and body and parses the front matter.
// A page without front matter is not an error (see [Split]); errors are
// [*ParseError] values wrapping one of the Err* sentinels, with the line
// and column in src. The page keeps its own copy of src.
func Parse(src []byte) (*Page, error) {
	parts, err := Split(bytes.Clone(src))
	if err != nil {
		return nil, err
	}
	p := &Page{bom: parts.BOM, body: parts.Body}
	if !parts.HasFrontMatter() {
		p.eol = lineEnding(parts.Body)
		if w, ok := missingOpen(parts.Body); ok {
			p.warnings = append(p.warnings, w)
		}
		return p, nil
	}
	p.open, p.close = parts.Open, parts.Close
	p.eol = lineEnding(parts.Open)
	if p.fm, err = loadBlock(parts.YAML, parts.YAMLLine); err != nil {
		return nil, err
	}
	return p, nil
}

// lineEnding returns "\r\n" when the first line of b ends that way, "\n"
// otherwise.
func lineEnding(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i > 0 && b[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// missingOpen spots a page whose front matter lacks its opening "---": it
// starts with a "key:" line, and a "---" line follows some lines later.
func missingOpen(body []byte) (tiptapmd.Note, bool) {
	first, rest, ok := cutLine(body)
	if !ok || !looksLikeKeyLine(first) {
		return tiptapmd.Note{}, false
	}
	line := 2
	for len(rest) > 0 && line <= 200 {
		var l []byte
		l, rest, _ = cutLine(rest)
		if isDelimiter(l, "---") {
			return tiptapmd.Note{
				Pos: tiptapmd.Pos{Line: 1, Column: 1}, Code: WarnMissingOpen, Severity: tiptapmd.Review,
				Message: fmt.Sprintf(`the page has no opening "---" line, but it starts with %q and line %d is "---": the lines before it look like front matter that Jekyll will not read as such`, strings.TrimRight(string(first), "\r\n"), line),
			}, true
		}
		line++
	}
	return tiptapmd.Note{}, false
}

// looksLikeKeyLine reports whether line starts with a YAML-like key
// ("title:" followed by a space or the end of the line).
func looksLikeKeyLine(line []byte) bool {
	line = bytes.TrimRight(line, "\r\n")
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] == '-' || isDigit(line[i]) || line[i]|0x20 >= 'a' && line[i]|0x20 <= 'z') {
		i++
	}
	return i > 0 && i < len(line) && line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ')
}

// HasFrontMatter reports whether the page has a front matter block (which
// may be empty).
func (p *Page) HasFrontMatter() bool { return p != nil && p.fm != nil }

// Body returns the body of the page: everything after the front matter.
// The slice belongs to the page; do not modify it.
func (p *Page) Body() []byte {
	if p == nil {
		return nil
	}
	return p.body
}

// SetBody replaces the body of the page with a copy of b.
func (p *Page) SetBody(b []byte) {
	if p == nil {
		return
	}
	p.body = bytes.Clone(b)
	if len(p.body) > 0 && p.fm != nil && !bytes.HasSuffix(p.close, []byte("\n")) {
		p.close = append(slices.Clip(p.close), p.eol...)
	}
}

// BodyLine returns the 1-based line of the page file on which the body
// starts, as [Page.Bytes] writes the page.
func (p *Page) BodyLine() int {
	if p == nil || p.fm == nil {
		return 1
	}
	line := p.fm.firstLine + bytes.Count(p.fm.text, []byte("\n"))
	if bytes.HasSuffix(p.close, []byte("\n")) {
		line++
	}
	return line
}

// Keys returns the top-level keys of the front matter in the order they
// are written. A repeated key is listed once, at its first place (as a
// Ruby hash keeps it); its value is the last one ([Page.Get]). Keys that
// are themselves lists or mappings, which YAML allows and Jekyll cannot
// use, are not listed.
func (p *Page) Keys() []string {
	if p == nil || p.fm == nil {
		return nil
	}
	keys := make([]string, 0, len(p.fm.entries))
	seen := make(map[string]bool, len(p.fm.entries))
	for _, e := range p.fm.entries {
		if e.k.Kind == yaml.MappingNode || e.k.Kind == yaml.SequenceNode {
			continue
		}
		if !seen[e.key] {
			seen[e.key] = true
			keys = append(keys, e.key)
		}
	}
	return keys
}

// Get returns the value of a top-level key. When the key is repeated, the
// last one is returned, as YAML readers used with Jekyll keep it.
func (p *Page) Get(key string) (Value, bool) { return p.get(key, true) }

// get is Get, leaving the Value's Raw empty unless raw is set.
func (p *Page) get(key string, raw bool) (Value, bool) {
	if p == nil {
		return Value{}, false
	}
	i := p.fm.last(key)
	if i < 0 {
		return Value{}, false
	}
	e := p.fm.entries[i]
	v := Value{Key: e.key}
	if raw {
		v.Raw = p.fm.raw(e)
	}
	v.Pos.Line, v.Pos.Column = p.fm.pos(e.v)
	n := e.v
	switch n.Kind {
	case yaml.ScalarNode:
		v.Kind = Scalar
	case yaml.SequenceNode:
		v.Kind = Sequence
	case yaml.MappingNode:
		v.Kind = Mapping
	case yaml.AliasNode:
		v.Kind = Alias
		n = n.Alias
	}
	if n != nil {
		v.Tag = n.ShortTag()
		if n.Kind == yaml.ScalarNode {
			v.Str = n.Value
		}
	}
	return v, true
}

// String returns the text of a top-level scalar value (see [Value.Str]),
// and false when the key is missing or its value is a list or a mapping.
// A null value (written as nothing, ~ or null) gives "".
func (p *Page) String(key string) (string, bool) {
	v, ok := p.get(key, false)
	if !ok || (v.Kind != Scalar && !(v.Kind == Alias && v.Tag != "!!seq" && v.Tag != "!!map")) {
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return v.Str, true
}

// Set sets a top-level key to a string value. An existing key keeps its
// place and its trailing comment, and its quoting style when the new
// value allows it; when the key is repeated, the last one (the one that
// counts) is set and the earlier ones are left alone. A new key is added
// after the last one. A page without front matter gets a block.
//
// The value is written plain when YAML 1.1 and 1.2 readers both read it
// back as the same string, and double-quoted otherwise: "yes", "no",
// "on", "off", "2024-12-30", "1.10", "null", "~", "" and strings starting
// or ending with special characters are quoted. Invalid UTF-8 in key or
// value is replaced by U+FFFD, since YAML text is Unicode.
func (p *Page) Set(key, value string) {
	if p == nil {
		return
	}
	key = strings.ToValidUTF8(key, "\uFFFD")
	value = strings.ToValidUTF8(value, "\uFFFD")
	want := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
	if p.fm == nil {
		p.create(encodeKey(key) + ": " + encodeString(value, false, false))
		return
	}
	i := p.fm.last(key)
	if !p.fm.lines {
		p.rewrite(func(root *yaml.Node) []*yaml.Node {
			v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
			if i >= 0 {
				root.Content[2*i+1] = v
				return []*yaml.Node{v}
			}
			k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
			root.Content = append(root.Content, k, v)
			return []*yaml.Node{k, v}
		}, map[string]*yaml.Node{key: want}, key, "setting "+key)
		return
	}
	if i < 0 {
		at := p.fm.appendAt()
		line := p.fm.indent() + encodeKey(key) + ": " + encodeString(value, false, false) + p.eol
		p.applyLine(at, at, line, map[string]*yaml.Node{key: want}, key, "setting "+key)
		return
	}
	e := p.fm.entries[i]
	style := yaml.Style(0)
	if e.v.Kind == yaml.ScalarNode {
		style = e.v.Style
	}
	var b strings.Builder
	if e.keyEnd >= 0 {
		b.Write(p.fm.text[e.start:e.keyEnd])
	} else {
		b.WriteString(encodeKey(key))
	}
	b.WriteString(": ")
	b.WriteString(encodeString(value, style&yaml.DoubleQuotedStyle != 0, style&yaml.SingleQuotedStyle != 0))
	if c := joinComments(e.k.LineComment, e.v.LineComment); c != "" {
		b.WriteString(" ")
		b.WriteString(c)
	}
	b.WriteString(p.eol)
	p.applyLine(e.start, e.end, b.String(), map[string]*yaml.Node{key: want}, key, "setting "+key)
}

// create gives a page without front matter a block holding line.
func (p *Page) create(line string) {
	text := []byte(line + p.eol)
	b, err := loadBlock(text, 2)
	if err != nil {
		p.refuse(0, "adding front matter", err)
		return
	}
	p.open = []byte("---" + p.eol)
	p.close = []byte("---" + p.eol)
	p.fm = b
}

// Delete removes a top-level key (every occurrence of a repeated key) and
// its value, and reports whether it did. Comments written above the key
// stay.
func (p *Page) Delete(key string) bool {
	if p == nil {
		return false
	}
	if p.fm.last(key) < 0 {
		return false
	}
	if !p.fm.lines {
		return p.rewrite(func(root *yaml.Node) []*yaml.Node {
			var kept []*yaml.Node
			for i := 0; i+1 < len(root.Content); i += 2 {
				if keyString(root.Content[i]) != key {
					kept = append(kept, root.Content[i], root.Content[i+1])
				}
			}
			root.Content = kept
			return nil
		}, map[string]*yaml.Node{key: nil}, key, "deleting "+key)
	}
	if nb := p.fm.cutEntry(p.fm.last(key)); nb != nil {
		p.fm = nb
		return true
	}
	var cuts []span
	for i := len(p.fm.entries) - 1; i >= 0; i-- {
		if e := p.fm.entries[i]; e.named(key) {
			cuts = append(cuts, span{e.start, e.end})
		}
	}
	return p.apply(cut(p.fm.text, cuts), map[string]*yaml.Node{key: nil}, key, "deleting "+key)
}

// Rename renames a top-level key, keeping its place, its value and its
// formatting, and reports whether it did. It does nothing and returns
// false when old is missing or new already exists. When old is repeated,
// the earlier occurrences are removed, so that the key is really gone.
func (p *Page) Rename(old, new string) bool {
	if p == nil {
		return false
	}
	new = strings.ToValidUTF8(new, "\uFFFD")
	i := p.fm.last(old)
	if i < 0 || p.fm.last(new) >= 0 {
		return old == new && i >= 0
	}
	val := p.fm.entries[i].v
	want := map[string]*yaml.Node{old: nil, new: val}
	if !p.fm.lines {
		return p.rewrite(func(root *yaml.Node) []*yaml.Node {
			var kept []*yaml.Node
			nk := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: new}
			for j := 0; j+1 < len(root.Content); j += 2 {
				k := root.Content[j]
				switch {
				case j/2 == i:
					k = nk
				case keyString(k) == old:
					continue
				}
				kept = append(kept, k, root.Content[j+1])
			}
			root.Content = kept
			return []*yaml.Node{nk}
		}, want, old, "renaming "+old+" to "+new)
	}
	text := p.fm.text
	e := p.fm.entries[i]
	if e.keyEnd >= 0 {
		text = splice(text, e.keyOff, e.keyEnd, encodeKey(new))
	} else {
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: new}
		em := &emitter{changed: map[*yaml.Node]bool{k: true}}
		s := em.entry(k, e.v, false)
		if em.failed {
			p.refuse(i, "renaming "+old+" to "+new, fmt.Errorf("the value cannot be written back"))
			return false
		}
		text = splice(text, e.start, e.end, fixEOL(s, p.eol))
	}
	var cuts []span
	for j := i - 1; j >= 0; j-- {
		if e := p.fm.entries[j]; e.named(old) {
			cuts = append(cuts, span{e.start, e.end})
		}
	}
	// The earlier occurrences all lie before the key just replaced.
	return p.apply(cut(text, cuts), want, old, "renaming "+old+" to "+new)
}

// Variant returns the page's variant: the value of its "variant" key, or
// "markdown" when the key is missing or empty, as IsomerCMS reads it.
func (p *Page) Variant() string {
	if v, ok := p.String("variant"); ok && v != "" {
		return v
	}
	return "markdown"
}

// SetVariant sets the "variant" key. When the page has none, it is added
// after the last key, where the CMS adds it.
func (p *Page) SetVariant(v string) { p.Set("variant", v) }

// Warnings returns what parsing and editing the page noticed: duplicate
// keys (one warning per repeat, naming both lines), a missing opening
// delimiter, and edits that were refused. They are ordered by line.
func (p *Page) Warnings() []tiptapmd.Note {
	if p == nil {
		return nil
	}
	var out []tiptapmd.Note
	out = append(out, p.warnings...)
	if p.fm != nil {
		out = append(out, p.fm.dups...)
	}
	slices.SortStableFunc(out, func(a, b tiptapmd.Note) int { return a.Line - b.Line })
	return out
}

// Bytes returns the page file: byte for byte what was parsed when nothing
// was changed, and otherwise the same text with only the edited keys
// rewritten. The byte order mark and the line endings of the original are
// kept.
func (p *Page) Bytes() []byte {
	if p == nil {
		return nil
	}
	n := len(p.body)
	if p.bom {
		n += len(bom)
	}
	if p.fm != nil {
		n += len(p.open) + len(p.fm.text) + len(p.close)
	}
	out := make([]byte, 0, n)
	if p.bom {
		out = append(out, bom...)
	}
	if p.fm != nil {
		out = append(out, p.open...)
		out = append(out, p.fm.text...)
		out = append(out, p.close...)
	}
	return append(out, p.body...)
}

// indent returns the indentation of the top-level keys: "" unless the
// whole mapping is indented.
func (b *block) indent() string {
	if len(b.entries) == 0 {
		return ""
	}
	e := b.entries[len(b.entries)-1]
	ind := b.text[e.start:e.keyOff]
	if len(bytes.Trim(ind, " ")) != 0 {
		return ""
	}
	return string(ind)
}

// appendAt returns the offset at which a new key goes: after the last
// entry, or at the end of a block without entries.
func (b *block) appendAt() int {
	if len(b.entries) == 0 {
		return len(b.text)
	}
	return b.entries[len(b.entries)-1].end
}

// apply makes text the new YAML text of the block if it parses, every key
// in want has the value want gives (nil: the key is gone), and every other
// key keeps its value and order. Otherwise it records a warning naming key
// and leaves the page as it was.
func (p *Page) apply(text []byte, want map[string]*yaml.Node, key, what string) bool {
	nb, err := loadBlock(text, p.fm.firstLine)
	if pe, ok := err.(*ParseError); ok {
		err = fmt.Errorf("the front matter would not parse (%s)", pe.Msg)
	}
	if err == nil {
		err = sameData(p.fm, nb, want)
	}
	if err != nil {
		p.refuse(p.fm.last(key), what, err)
		return false
	}
	p.fm = nb
	return true
}

// rewrite edits a copy of the node tree with fn and writes the whole
// block anew. It is how a block whose keys are not on lines of their own
// (a flow mapping) is edited. fn returns the nodes it made, whose style
// the emitter must choose.
func (p *Page) rewrite(fn func(root *yaml.Node) (added []*yaml.Node), want map[string]*yaml.Node, key, what string) bool {
	doc := &yaml.Node{Kind: yaml.DocumentNode}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if p.fm.doc != nil {
		doc = cloneNode(p.fm.doc)
		root = doc.Content[0]
		root.Style &^= yaml.FlowStyle
	} else {
		doc.Content = []*yaml.Node{root}
	}
	em := &emitter{changed: map[*yaml.Node]bool{}}
	for _, n := range fn(root) {
		em.changed[n] = true
	}
	s := em.document(doc)
	if em.failed {
		p.refuse(p.fm.last(key), what, fmt.Errorf("the block cannot be written back"))
		return false
	}
	return p.apply([]byte(fixEOL(s, p.eol)), want, key, what)
}

// refuse records that an edit was not made.
func (p *Page) refuse(entry int, what string, err error) {
	w := tiptapmd.Note{Pos: tiptapmd.Pos{Line: 1, Column: 1}, Code: WarnEditRefused, Severity: tiptapmd.Review}
	if p.fm != nil {
		w.Line = p.fm.firstLine
		if entry >= 0 && entry < len(p.fm.entries) {
			w.Line, w.Column = p.fm.pos(p.fm.entries[entry].k)
		}
	}
	w.Message = what + " was not done: " + err.Error()
	p.warnings = append(p.warnings, w)
}

// sameData checks the result of an edit against what it should be.
func sameData(old, nb *block, want map[string]*yaml.Node) error {
	for key, n := range want {
		i := nb.last(key)
		switch {
		case n == nil && i >= 0:
			return fmt.Errorf("key %q is still there", key)
		case n != nil && i < 0:
			return fmt.Errorf("key %q is missing", key)
		case n != nil && !nodeEqual(n, nb.entries[i].v):
			return fmt.Errorf("key %q does not read back as the value set", key)
		}
	}
	var a, b []entry
	for _, e := range old.entries {
		if _, ok := want[e.key]; !ok {
			a = append(a, e)
		}
	}
	for _, e := range nb.entries {
		if _, ok := want[e.key]; !ok {
			b = append(b, e)
		}
	}
	if len(a) != len(b) {
		return fmt.Errorf("other keys would change")
	}
	for i := range a {
		if a[i].key != b[i].key || !nodeEqual(a[i].v, b[i].v) {
			return fmt.Errorf("the value of %q would change", a[i].key)
		}
	}
	return nil
}

// splice returns a new slice: text with text[from:to] replaced by s.
func splice(text []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(text)-(to-from)+len(s))
	out = append(out, text[:from]...)
	out = append(out, s...)
	return append(out, text[to:]...)
}

// A span is a range of offsets [start, end) of a text.
type span struct{ start, end int }

// cut returns text without the spans, which are disjoint and sorted in
// decreasing order, in one pass over the text (removing them one at a
// time would copy the text once per span). It returns text itself when
// there is nothing to cut.
func cut(text []byte, spans []span) []byte {
	if len(spans) == 0 {
		return text
	}
	out := make([]byte, 0, len(text))
	prev := 0
	for k := len(spans) - 1; k >= 0; k-- {
		out = append(out, text[prev:spans[k].start]...)
		prev = spans[k].end
	}
	return append(out, text[prev:]...)
}

// fixEOL turns the "\n" line endings of emitted text into eol.
func fixEOL(s, eol string) string {
	if eol == "\n" {
		return s
	}
	return strings.ReplaceAll(s, "\n", eol)
}
