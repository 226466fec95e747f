package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"go.yaml.in/yaml/v3"
)

// ErrNotSettable reports a string value that [Page.SetString] or
// [Data.SetString] cannot set without changing something else: the new
// text cannot be written in the value's place so that the YAML reads back
// the same everywhere else, or the value is no longer what it was.
var ErrNotSettable = errors.New("the value cannot be set in place")

// A StringValue is one string value of a YAML document at any depth: a value
// of the top-level mapping, of a nested mapping, or an item of a list.
// Keys are not values; numbers, booleans, dates and nulls are left out,
// and so are values reached only through an alias.
type StringValue struct {
	// Path names the value: the keys that lead to it joined by ".", and
	// "[i]" for the i-th item of a list (from 0):
	// "sections[0].hero.background", "redirect_from[1]", "logo".
	Path string
	// Key is the key of the mapping entry the value belongs to: its own
	// key, or for an item of a list, the key of the list ("" when there
	// is none, as for a list at the top of a data file).
	Key string
	// Str is the text of the value, unquoted and folded as YAML reads it.
	Str string
	// Pos is where the value starts as written (its opening quote or
	// block indicator), in the page file or the data file.
	Pos tiptapmd.Pos

	idx int // its place among the document's string values
}

// Find returns the position (in src, the page file or data file that s
// was read from) of the first occurrence of text at or after the byte
// offset from of src, or at or after the start of s (its Pos) when from
// is 0 or less; next is the offset after the first byte of the
// occurrence, from which to find the next one, and ok is true. When text
// is empty or not there, Find returns the position of s, ok false, and
// next the offset where the search started (from, or the offset of s).
func (s StringValue) Find(src []byte, from int, text string) (pos tiptapmd.Pos, next int, ok bool) {
	if text == "" {
		return s.Pos, from, false
	}
	if from <= 0 {
		off := 0
		for l := 1; l < s.Pos.Line; l++ {
			i := bytes.IndexByte(src[off:], '\n')
			if i < 0 {
				return s.Pos, from, false
			}
			off += i + 1
		}
		from = off + s.Pos.Column - 1
	}
	if from < 0 || from > len(src) {
		return s.Pos, from, false
	}
	i := bytes.Index(src[from:], []byte(text))
	if i < 0 {
		return s.Pos, from, false
	}
	at := from + i
	ls := bytes.LastIndexByte(src[:at], '\n') + 1
	return tiptapmd.Pos{Line: 1 + bytes.Count(src[:at], []byte("\n")), Column: at - ls + 1}, at + 1, true
}

// A scalarNode is a StringValue with its node and offset in the YAML text.
type scalarNode struct {
	StringValue
	n   *yaml.Node
	off int
}

// collectScalars walks the tree under n in document order.
func collectScalars(n *yaml.Node, path, key string, out *[]*yaml.Node, paths, keys *[]string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			collectScalars(c, path, key, out, paths, keys)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := keyString(n.Content[i])
			p := k
			if path != "" {
				p = path + "." + k
			}
			collectScalars(n.Content[i+1], p, k, out, paths, keys)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			collectScalars(c, path+"["+strconv.Itoa(i)+"]", key, out, paths, keys)
		}
	case yaml.ScalarNode:
		if n.ShortTag() == "!!str" {
			*out = append(*out, n)
			*paths = append(*paths, path)
			*keys = append(*keys, key)
		}
	}
}

// yamlScalars returns the string values of the document doc parsed from
// text, which starts on line firstLine of its file.
func yamlScalars(doc *yaml.Node, text []byte, starts []int, firstLine int) []scalarNode {
	if doc == nil {
		return nil
	}
	var nodes []*yaml.Node
	var paths, keys []string
	collectScalars(doc, "", "", &nodes, &paths, &keys)
	out := make([]scalarNode, len(nodes))
	for i, n := range nodes {
		off := offsetOf(text, starts, n.Line, n.Column)
		line, col := filePos(text, firstLine, off)
		out[i] = scalarNode{StringValue: StringValue{Path: paths[i], Key: keys[i], Str: n.Value, Pos: tiptapmd.Pos{Line: line, Column: col}, idx: i}, n: n, off: off}
	}
	return out
}

// nodeOffsets returns the offsets in text of every node of the tree
// under n, sorted.
func nodeOffsets(n *yaml.Node, text []byte, starts []int) []int {
	var offs []int
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind != yaml.DocumentNode {
			offs = append(offs, offsetOf(text, starts, n.Line, n.Column))
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	sort.Ints(offs)
	return offs
}

// setString returns text with the string value s set to value, changing
// as few bytes as it can: the run of bytes around the change that holds
// no white space is replaced in place, so that quoting, folding,
// comments and everything else stay as written. When that cannot be
// done, a value written on one line or quoted is written anew in double
// quotes. The result is parsed again and must hold the same data but for
// the value; otherwise setString fails with ErrNotSettable.
func setString(text []byte, firstLine int, doc *yaml.Node, s StringValue, value string) ([]byte, error) {
	starts := lineStarts(text)
	list := yamlScalars(doc, text, starts, firstLine)
	fail := func(why string) error {
		return fmt.Errorf("frontmatter: line %d, column %d: setting %s: %s: %w", s.Pos.Line, s.Pos.Column, s.Path, why, ErrNotSettable)
	}
	if s.idx < 0 || s.idx >= len(list) || list[s.idx].Path != s.Path || list[s.idx].Str != s.Str {
		return nil, fail("the document has changed")
	}
	if value == s.Str {
		return text, nil
	}
	sn := list[s.idx]
	if sn.n.Anchor != "" {
		return nil, fail("it is anchored, and aliases would change with it")
	}
	want := cloneNode(doc)
	var wn []*yaml.Node
	var wp, wk []string
	collectScalars(want, "", "", &wn, &wp, &wk)
	wn[s.idx].Value = value
	check := func(out []byte) bool {
		var nd yaml.Node
		if err := unmarshal(out, &nd); err != nil {
			return false
		}
		return nodeEqual(want, &nd)
	}

	// The span the value can reach: up to the next node.
	offs := nodeOffsets(doc, text, starts)
	limit := len(text)
	if i := sort.SearchInts(offs, sn.off+1); i < len(offs) {
		limit = offs[i]
	}
	for _, run := range changedRuns(s.Str, value) {
		from, to := encodeRun(run[0], sn.n.Style), encodeRun(run[1], sn.n.Style)
		if from == "" {
			continue
		}
		for at := sn.off; at < limit; {
			i := bytes.Index(text[at:limit], []byte(from))
			if i < 0 {
				break
			}
			i += at
			out := splice(text, i, i+len(from), to)
			if check(out) {
				return out, nil
			}
			at = i + 1
		}
	}
	// Write the whole value anew.
	if end := scalarEnd(text, sn.off, limit, sn.n.Style); end > sn.off {
		out := splice(text, sn.off, end, quoteDouble(value))
		if check(out) {
			return out, nil
		}
	}
	return nil, fail("the new value cannot be written in its place")
}

// changedRuns returns the ways to cut the change from old to new: the
// part of old that differs and what new has in its place, then the
// same widened by more and more bytes on each side, up to the run of
// bytes without white space around it (which YAML never folds).
func changedRuns(old, new string) [][2]string {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(new)-p && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	lo, hi := p, len(old)-s
	for lo > 0 && !isSpace(old[lo-1]) {
		lo--
	}
	for hi < len(old) && !isSpace(old[hi]) {
		hi++
	}
	var runs [][2]string
	for w := 0; ; w = max(1, 2*w) {
		a, b := max(lo, p-w), min(hi, len(old)-s+w)
		runs = append(runs, [2]string{old[a:b], new[a : len(new)-(len(old)-b)]})
		if a == lo && b == hi {
			return runs
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// encodeRun writes a run of a value's text as it appears inside a
// scalar of the given style.
func encodeRun(s string, style yaml.Style) string {
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		q := quoteDouble(s)
		return q[1 : len(q)-1]
	case style&yaml.SingleQuotedStyle != 0:
		return strings.ReplaceAll(s, "'", "''")
	}
	return s
}

// scalarEnd returns the end of the scalar written at text[off:], which
// cannot reach past limit: the closing quote of a quoted one, the end of
// the line (before a comment) of a plain one on one line; -1 otherwise.
func scalarEnd(text []byte, off, limit int, style yaml.Style) int {
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		for i := off + 1; i < limit; i++ {
			switch text[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case style&yaml.SingleQuotedStyle != 0:
		for i := off + 1; i < limit; i++ {
			if text[i] == '\'' {
				if i+1 < limit && text[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
	case style&(yaml.LiteralStyle|yaml.FoldedStyle|yaml.FlowStyle) == 0:
		end := off
		for end < limit && text[end] != '\n' && text[end] != '\r' {
			if (text[end] == '#' && end > off && (text[end-1] == ' ' || text[end-1] == '\t')) ||
				text[end] == ',' || text[end] == ']' || text[end] == '}' {
				break
			}
			end++
		}
		// A plain value that goes on to the next lines is not on one line.
		rest := bytes.TrimSpace(text[end:limit])
		if len(rest) > 0 && rest[0] != '#' && rest[0] != '-' && end < limit && text[end] != ',' && text[end] != ']' && text[end] != '}' {
			if !bytes.Contains(rest, []byte(":")) {
				return -1
			}
		}
		return off + len(bytes.TrimRight(text[off:end], " \t"))
	}
	return -1
}

// Scalars returns the string values of the front matter at any depth, in
// the order they are written (see [StringValue]). The top-level values are
// among them.
func (p *Page) Strings() []StringValue {
	if p == nil || p.fm == nil || p.fm.doc == nil {
		return nil
	}
	return publicScalars(yamlScalars(p.fm.doc, p.fm.text, p.fm.starts, p.fm.firstLine))
}

// SetString sets the string value s, which [Page.Strings] returned, to
// value. Only the bytes that must change do: the value keeps its quoting,
// its folding over lines and the comments around it, and nothing else of
// the page changes. When the new text cannot be written in the old
// style, a value that is quoted or on one line is written double-quoted
// instead. The edit is checked by parsing the front matter again; an
// error wrapping [ErrNotSettable] (with the value's line and column)
// leaves the page as it was. Call Strings again after a change: the
// positions of the values after it may have moved.
func (p *Page) SetString(s StringValue, value string) error {
	if p == nil || p.fm == nil || p.fm.doc == nil {
		return fmt.Errorf("frontmatter: setting %s: the page has no front matter: %w", s.Path, ErrNotSettable)
	}
	out, err := setString(p.fm.text, p.fm.firstLine, p.fm.doc, s, value)
	if err != nil {
		return err
	}
	nb, err := loadBlock(out, p.fm.firstLine)
	if err != nil {
		return fmt.Errorf("frontmatter: line %d, column %d: setting %s: %w", s.Pos.Line, s.Pos.Column, s.Path, ErrNotSettable)
	}
	p.fm = nb
	return nil
}

func publicScalars(list []scalarNode) []StringValue {
	out := make([]StringValue, len(list))
	for i, s := range list {
		out[i] = s.StringValue
	}
	return out
}

// A Data is a YAML file of a Jekyll site that is not a page, such as
// _config.yml or a file of _data/, parsed so that its string values can
// be read and set in place ([Data.Strings], [Data.SetString]). A Data
// that is not edited writes back byte for byte ([Data.Bytes]).
//
// A Data is not safe for concurrent use; distinct ones are independent.
type Data struct {
	bom    bool
	text   []byte
	starts []int
	doc    *yaml.Node // nil for an empty file
}

// ParseData parses the YAML file src. Its top-level value may be a
// mapping, a list or a scalar; an empty file is an empty Data. Errors
// are [*ParseError] values with the line and column in src, as for
// [Parse]: invalid UTF-8, control characters, YAML syntax, too many
// aliases. The Data keeps its own copy of src.
func ParseData(src []byte) (*Data, error) {
	d := &Data{}
	if bytes.HasPrefix(src, []byte(bom)) {
		d.bom = true
		src = src[len(bom):]
	}
	d.text = bytes.Clone(src)
	b := &block{text: d.text, firstLine: 1}
	if off, r, invalid := checkChars(d.text); off >= 0 {
		line, col := filePos(d.text, 1, off)
		err := ErrControlChar
		if invalid {
			err = ErrEncoding
		}
		return nil, &ParseError{Pos: tiptapmd.Pos{Line: line, Column: col}, Err: err, Msg: describeRune(r, invalid) + " is not allowed in YAML"}
	}
	d.starts = lineStarts(d.text)
	b.starts = d.starts
	var doc yaml.Node
	if err := unmarshal(d.text, &doc); err != nil {
		return nil, b.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return d, nil
	}
	if err := b.checkAliases(doc.Content[0]); err != nil {
		return nil, err
	}
	d.doc = &doc
	return d, nil
}

// Bytes returns the file, with the edits made.
func (d *Data) Bytes() []byte {
	if d == nil {
		return nil
	}
	var out []byte
	if d.bom {
		out = append(out, bom...)
	}
	return append(out, d.text...)
}

// Scalars returns the string values of the file at any depth, in the
// order they are written (see [StringValue]).
func (d *Data) Strings() []StringValue {
	if d == nil || d.doc == nil {
		return nil
	}
	return publicScalars(yamlScalars(d.doc, d.text, d.starts, 1))
}

// SetString sets the string value s, which [Data.Strings] returned, to
// value, as [Page.SetString] does in front matter.
func (d *Data) SetString(s StringValue, value string) error {
	if d == nil || d.doc == nil {
		return fmt.Errorf("frontmatter: setting %s: the file is empty: %w", s.Path, ErrNotSettable)
	}
	out, err := setString(d.text, 1, d.doc, s, value)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := unmarshal(out, &doc); err != nil {
		return fmt.Errorf("frontmatter: line %d, column %d: setting %s: %w", s.Pos.Line, s.Pos.Column, s.Path, ErrNotSettable)
	}
	d.text, d.starts, d.doc = out, lineStarts(out), &doc
	return nil
}

// A StringEdit is a change of one string value for [Page.SetStrings] and
// [Data.SetStrings].
type StringEdit struct {
	// Value is the value to change, as Strings returned it.
	Value StringValue
	// Steps are the texts the value goes through, each differing from
	// the one before (Value.Str for the first) in one place, the last
	// being the new value: one step per URL of an HTML value, say, so
	// that only the bytes of each change. One step is the new value.
	Steps []string
}

// A SetError reports the edit of [Page.SetStrings] or [Data.SetStrings]
// that could not be made; it wraps [ErrNotSettable].
type SetError struct {
	Edit int    // the index of the edit
	Err  error  // the error of SetString, wrapping ErrNotSettable
	Path string // the path of the value
}

// Error returns the message of Err.
func (e *SetError) Error() string {
	if e == nil || e.Err == nil {
		return "frontmatter: value not set"
	}
	return e.Err.Error()
}

// Unwrap returns e.Err.
func (e *SetError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// maxEditWork bounds the bytes that edits made one at a time may parse
// again (the size of the YAML times the number of steps): a file with
// very many values to change is edited in one pass or not at all.
const maxEditWork = 1 << 30

// setStrings makes the edits in one pass over text: each step is
// replaced at the first place it can be in its value, and the result is
// parsed once and must hold the new values and nothing else new. It
// returns nil when that fails.
func setStrings(text []byte, firstLine int, doc *yaml.Node, edits []StringEdit) []byte {
	if doc == nil || len(edits) == 0 {
		return nil
	}
	starts := lineStarts(text)
	list := yamlScalars(doc, text, starts, firstLine)
	offs := nodeOffsets(doc, text, starts)
	want := cloneNode(doc)
	var wn []*yaml.Node
	var wp, wk []string
	collectScalars(want, "", "", &wn, &wp, &wk)
	type rep struct {
		from, to int
		s        string
	}
	var reps []rep
	for _, e := range edits {
		s := e.Value
		if s.idx < 0 || s.idx >= len(list) || list[s.idx].Path != s.Path || list[s.idx].Str != s.Str || len(e.Steps) == 0 {
			return nil
		}
		sn := list[s.idx]
		if sn.n.Anchor != "" {
			return nil
		}
		wn[s.idx].Value = e.Steps[len(e.Steps)-1]
		limit := len(text)
		if i := sort.SearchInts(offs, sn.off+1); i < len(offs) {
			limit = offs[i]
		}
		prev, at := s.Str, sn.off
		for _, step := range e.Steps {
			runs := changedRuns(prev, step)
			from, to := encodeRun(runs[0][0], sn.n.Style), encodeRun(runs[0][1], sn.n.Style)
			for k := 1; from == "" && k < len(runs); k++ {
				from, to = encodeRun(runs[k][0], sn.n.Style), encodeRun(runs[k][1], sn.n.Style)
			}
			i := -1
			if from != "" && at <= limit {
				i = bytes.Index(text[at:limit], []byte(from))
			}
			if i < 0 {
				return nil
			}
			reps = append(reps, rep{at + i, at + i + len(from), to})
			at += i + len(from)
			prev = step
		}
	}
	sort.SliceStable(reps, func(i, j int) bool { return reps[i].from < reps[j].from })
	var out []byte
	last := 0
	for _, r := range reps {
		if r.from < last {
			return nil
		}
		out = append(out, text[last:r.from]...)
		out = append(out, r.s...)
		last = r.to
	}
	out = append(out, text[last:]...)
	var nd yaml.Node
	if err := unmarshal(out, &nd); err != nil || !nodeEqual(want, &nd) {
		return nil
	}
	return out
}

// SetStrings makes the edits, each as [Page.SetString] would, but in
// one pass: the page is parsed once more, not once per edit. When that
// pass cannot make them all, they are made one step at a time, unless
// the page is so large and the edits so many that this would take too
// long; an edit that cannot be made is a [*SetError], and the edits
// before it stay made.
func (p *Page) SetStrings(edits []StringEdit) error {
	if len(edits) == 0 {
		return nil
	}
	if p == nil || p.fm == nil || p.fm.doc == nil {
		return &SetError{Path: edits[0].Value.Path, Err: fmt.Errorf("frontmatter: setting %s: the page has no front matter: %w", edits[0].Value.Path, ErrNotSettable)}
	}
	if out := setStrings(p.fm.text, p.fm.firstLine, p.fm.doc, edits); out != nil {
		if nb, err := loadBlock(out, p.fm.firstLine); err == nil {
			p.fm = nb
			return nil
		}
	}
	return editOneByOne(len(p.fm.text), edits, p.Strings, p.SetString)
}

// SetStrings makes the edits in one pass, as [Page.SetStrings] does.
func (d *Data) SetStrings(edits []StringEdit) error {
	if len(edits) == 0 {
		return nil
	}
	if d == nil || d.doc == nil {
		return &SetError{Path: edits[0].Value.Path, Err: fmt.Errorf("frontmatter: setting %s: the file is empty: %w", edits[0].Value.Path, ErrNotSettable)}
	}
	if out := setStrings(d.text, 1, d.doc, edits); out != nil {
		var doc yaml.Node
		if err := unmarshal(out, &doc); err == nil {
			d.text, d.starts, d.doc = out, lineStarts(out), &doc
			return nil
		}
	}
	return editOneByOne(len(d.text), edits, d.Strings, d.SetString)
}

// editOneByOne makes the edits a step at a time with set, reading the
// values again with get after each.
func editOneByOne(size int, edits []StringEdit, get func() []StringValue, set func(StringValue, string) error) error {
	steps := 0
	for _, e := range edits {
		steps += len(e.Steps)
	}
	for i, e := range edits {
		if size*steps > maxEditWork {
			return &SetError{Edit: i, Path: e.Value.Path, Err: fmt.Errorf("frontmatter: line %d, column %d: setting %s: too many values to set one by one in %d bytes: %w", e.Value.Pos.Line, e.Value.Pos.Column, e.Value.Path, size, ErrNotSettable)}
		}
		cur := e.Value
		for _, step := range e.Steps {
			if err := set(cur, step); err != nil {
				return &SetError{Edit: i, Path: e.Value.Path, Err: err}
			}
			list := get()
			if cur.idx >= len(list) {
				return &SetError{Edit: i, Path: e.Value.Path, Err: fmt.Errorf("frontmatter: setting %s: %w", e.Value.Path, ErrNotSettable)}
			}
			cur = list[cur.idx]
		}
	}
	return nil
}
