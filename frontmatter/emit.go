package frontmatter

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// An emitter writes YAML nodes as block-style YAML text, with "\n" line
// endings and two-space indentation, laid out as the npm yaml@2 library
// lays out a document: sequences indented under their key, the items of
// a mapping in a sequence aligned after "- ".
//
// In the CMS style (cms set) it also chooses quotes and folds long
// scalars the way yaml@2.4.2's stringify does with its default options,
// which is how IsomerCMS saves front matter. Otherwise it keeps the style
// each scalar was written in (plain, single or double quotes) and never
// folds. Either way a scalar keeps its meaning: a plain scalar that is not
// a string (a number, a date, a boolean, null) is written as it was
// written, and a string that a YAML 1.1 reader such as Jekyll's would
// take for something else is quoted. That is where the CMS style departs
// from the CMS, which would write "yes" as yes and 1.10 as 1.1.
//
// Comments attached to nodes are written where they belong; blank lines
// are not kept.
type emitter struct {
	cms bool
	// changed holds the scalars an edit gave a new value: their style is
	// chosen afresh instead of kept.
	changed map[*yaml.Node]bool
	// failed is set when a node cannot be written (a mapping or sequence
	// used as a key); the caller must not use the output then.
	failed bool
}

// An ectx is the position at which a node is written.
type ectx struct {
	indent string // indentation of continuation lines
	// ias is the column at which a scalar value starts as yaml@2 counts
	// it (the length of "key:" plus one, whatever the indentation of the
	// key), or -1 when unknown.
	ias int
}

// document writes the whole front matter block for doc, a document node
// whose content is a mapping. The text ends with a line break.
func (e *emitter) document(doc *yaml.Node) string {
	if doc == nil || len(doc.Content) == 0 {
		return ""
	}
	root := doc.Content[0]
	var lines []string
	if doc.HeadComment != "" {
		lines = appendComment(lines, doc.HeadComment)
		lines = append(lines, "")
	}
	lines = appendComment(lines, root.HeadComment)
	lines = append(lines, e.node(root, ectx{ias: -1}, false))
	lines = appendComment(lines, root.FootComment)
	if doc.FootComment != "" {
		lines = append(lines, "")
		lines = appendComment(lines, doc.FootComment)
	}
	return joinLines(lines, "") + "\n"
}

// entry writes one top-level key and its value, ending with a line break.
// Comments before the key are not included (they sit outside the entry's
// span in the text); a foot comment is included when keepFoot is set.
func (e *emitter) entry(k, v *yaml.Node, keepFoot bool) string {
	lines := []string{e.pair(k, v, ectx{ias: -1})}
	if keepFoot {
		lines = appendComment(lines, v.FootComment)
		lines = appendComment(lines, k.FootComment)
	}
	return joinLines(lines, "") + "\n"
}

func (e *emitter) node(n *yaml.Node, c ectx, key bool) string {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value
	case yaml.ScalarNode:
		props := props(n)
		if props == "" {
			return e.scalar(n, c, key)
		}
		c.ias = max(c.ias, 0) + len(props) + 1
		return props + " " + e.scalar(n, c, key)
	case yaml.MappingNode, yaml.SequenceNode:
		if key {
			e.failed = true
			return ""
		}
		var s string
		if n.Kind == yaml.MappingNode {
			s = e.mapping(n, c)
		} else {
			s = e.sequence(n, c)
		}
		props := props(n)
		switch {
		case props == "":
			return s
		case s[0] == '{' || s[0] == '[':
			return props + " " + s
		}
		return props + "\n" + c.indent + s
	}
	e.failed = true
	return ""
}

// props returns the anchor and the explicit tag of n, as written before
// its value.
func props(n *yaml.Node) string {
	var p []string
	if n.Anchor != "" {
		p = append(p, "&"+n.Anchor)
	}
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "" {
		p = append(p, n.Tag)
	}
	return strings.Join(p, " ")
}

func (e *emitter) mapping(n *yaml.Node, c ectx) string {
	var lines []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		lines = appendComment(lines, k.HeadComment)
		lines = append(lines, e.pair(k, v, c))
		lines = appendComment(lines, v.FootComment)
		lines = appendComment(lines, k.FootComment)
	}
	if len(lines) == 0 {
		return "{}"
	}
	return joinLines(lines, c.indent)
}

func (e *emitter) sequence(n *yaml.Node, c ectx) string {
	ic := ectx{indent: c.indent + "  ", ias: c.ias}
	var lines []string
	for _, item := range n.Content {
		lines = appendComment(lines, item.HeadComment)
		s := e.node(item, ic, false)
		if item.LineComment != "" {
			s += " " + item.LineComment
		}
		lines = append(lines, "- "+s)
		lines = appendComment(lines, item.FootComment)
	}
	if len(lines) == 0 {
		return "[]"
	}
	return joinLines(lines, c.indent)
}

func (e *emitter) pair(k, v *yaml.Node, c ectx) string {
	pc := ectx{indent: c.indent + "  ", ias: c.ias}
	str := e.node(k, pc, true) + ":"
	collection := v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode
	keyComment, valueComment := k.LineComment, v.LineComment
	if collection {
		keyComment = joinComments(keyComment, valueComment)
		valueComment = ""
	} else {
		valueComment = joinComments(keyComment, valueComment)
		keyComment = ""
		pc.ias = u16len(str) + 1
	}
	if keyComment != "" {
		str += " " + keyComment
	}
	value := e.node(v, pc, false)
	ws := " "
	switch {
	case keyComment != "" || v.HeadComment != "":
		ws = "\n"
		if v.HeadComment != "" {
			ws += joinLines(appendComment(nil, v.HeadComment), pc.indent) + "\n"
		}
		if value != "" {
			ws += pc.indent
		}
	case collection:
		if value != "{}" && value != "[]" && !propsLine(value) {
			ws = "\n" + pc.indent
		}
	case value == "" || value[0] == '\n':
		ws = ""
	}
	str += ws + value
	if valueComment != "" {
		str += " " + valueComment
	}
	return str
}

// propsLine reports whether a collection's text starts with a line of its
// own holding only its anchor or tag ("&a\n  - x"), which then stays on
// the key's line.
func propsLine(s string) bool {
	if s == "" || (s[0] != '&' && s[0] != '!') {
		return false
	}
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return false
	}
	sp := strings.IndexByte(s, ' ')
	if s[0] == '&' && sp >= 0 && sp < nl && s[sp+1] == '!' {
		if j := strings.IndexByte(s[sp+1:], ' '); j >= 0 {
			sp += 1 + j
		} else {
			sp = -1
		}
	}
	return sp < 0 || nl < sp
}

// scalar writes a scalar's value (without its anchor and tag).
func (e *emitter) scalar(n *yaml.Node, c ectx, key bool) string {
	s := n.Value
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
	block := n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if !e.changed[n] && !quoted && !block {
		// Written plain: keep it plain, so that its meaning to any reader
		// stays what it was.
		if n.ShortTag() != "!!str" {
			return s
		}
		if plainGrammarOK(s) && (!key || !docMarker(s)) {
			if key || !e.cms {
				return s
			}
			return foldLines(s, c.indent, foldFlow, c.ias)
		}
	}
	if e.cms {
		return cmsString(s, c, key)
	}
	if key {
		return encodeKey(s)
	}
	return encodeString(s, n.Style&yaml.DoubleQuotedStyle != 0, n.Style&yaml.SingleQuotedStyle != 0)
}

// cmsString writes a string the way yaml@2 chooses for a string value of
// a plain JavaScript object (its "plainString" path), with two safety
// additions: strings that YAML 1.1 would type are quoted, and a multi-line
// string, which yaml@2 would write as a block scalar, is double-quoted.
func cmsString(s string, c ectx, key bool) string {
	if forceDouble(s) {
		return cmsDouble(s, c, key)
	}
	nl := strings.Contains(s, "\n")
	switch {
	case key && nl:
		return cmsQuoted(s, c, key)
	case !plainGrammarOK(s):
		if key || !nl {
			return cmsQuoted(s, c, key)
		}
		return cmsDouble(s, c, key)
	case key && docMarker(s):
		return cmsQuoted(s, c, key)
	case typedIn11(s):
		return cmsQuoted(s, c, key)
	case key:
		return s
	}
	return foldLines(s, c.indent, foldFlow, c.ias)
}

// forceDouble reports whether yaml@2 forces double quotes on s (control
// characters other than tab and line feed, DEL and C1 controls), or s
// holds a character that only double quotes can escape.
func forceDouble(s string) bool {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n':
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0x2028, r == 0x2029, !yamlPrintable(r):
			return true
		}
	}
	return false
}

// cmsQuoted picks yaml@2's quotes: single quotes when s holds a double
// quote and no single quote, double quotes otherwise.
func cmsQuoted(s string, c ectx, key bool) string {
	if strings.Contains(s, `"`) && !strings.Contains(s, "'") {
		return cmsSingle(s, c, key)
	}
	return cmsDouble(s, c, key)
}

func cmsSingle(s string, c ectx, key bool) string {
	if (key && strings.Contains(s, "\n")) || spaceAroundNewline(s) {
		return cmsDouble(s, c, key)
	}
	indent := c.indent
	if indent == "" && containsDocMarker(s) {
		indent = "  "
	}
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			b.WriteString("''")
		case '\n':
			// A run of line breaks gets one more, and the indent.
			j := i
			for j < len(s) && s[j] == '\n' {
				j++
			}
			b.WriteString(s[i:j])
			b.WriteByte('\n')
			b.WriteString(indent)
			i = j - 1
		default:
			b.WriteByte(s[i])
		}
	}
	b.WriteByte('\'')
	if key {
		return b.String()
	}
	return foldLines(b.String(), indent, foldFlow, c.ias)
}

func spaceAroundNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		if i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
			return true
		}
		if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
			return true
		}
	}
	return false
}

// containsDocMarker reports whether a line of s starts with "%", "---" or
// "...".
func containsDocMarker(s string) bool {
	for line := range strings.SplitSeq(s, "\n") {
		if docMarker(line) {
			return true
		}
	}
	return false
}

// cmsDouble writes s double-quoted as yaml@2 does: escaped like JSON, a
// line break in a long string written as a real line break (doubled, as
// YAML folding needs), and the result folded at 80 columns.
func cmsDouble(s string, c ectx, key bool) string {
	var q strings.Builder
	q.WriteByte('"')
	writeEscaped(&q, s)
	q.WriteByte('"')
	json := q.String()
	indent := c.indent
	if indent == "" && containsDocMarker(s) {
		indent = "  "
	}
	at := func(i int) byte {
		if i < len(json) {
			return json[i]
		}
		return 0
	}
	short := u16len(json) < 40
	var b strings.Builder
	start := 0
	for i := 0; i < len(json); i++ {
		ch := json[i]
		if ch == ' ' && at(i+1) == '\\' && at(i+2) == 'n' {
			// A space before a line break is escaped, or folding would
			// eat it.
			b.WriteString(json[start:i])
			b.WriteString(`\ `)
			i++
			start = i
			ch = '\\'
		}
		if ch != '\\' {
			continue
		}
		switch at(i + 1) {
		case 'n':
			if key || at(i+2) == '"' || short {
				i++
				continue
			}
			b.WriteString(json[start:i])
			b.WriteString("\n\n")
			for at(i+2) == '\\' && at(i+3) == 'n' && at(i+4) != '"' {
				b.WriteByte('\n')
				i += 2
			}
			b.WriteString(indent)
			if at(i+2) == ' ' {
				b.WriteByte('\\')
			}
			i++
			start = i + 1
		default:
			i++
		}
	}
	str := json
	if start > 0 {
		str = b.String() + json[start:]
	}
	if key {
		return str
	}
	return foldLines(str, indent, foldQuoted, c.ias)
}

// appendComment appends the lines of a comment as the YAML library keeps
// it ("# a\n# b"), if any.
func appendComment(lines []string, comment string) []string {
	if comment == "" {
		return lines
	}
	for l := range strings.SplitSeq(comment, "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	return lines
}

func joinComments(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// joinLines joins lines with a line break and indent; empty lines get no
// indent.
func joinLines(lines []string, indent string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
			if l != "" {
				b.WriteString(indent)
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
