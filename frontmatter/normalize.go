package frontmatter

import (
	"bytes"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"github.com/tiptapmd/tiptapmd"
	"go.yaml.in/yaml/v3"
)

// A Rule is a normalization rule, or a set of rules combined with |.
// [Page.Normalize] applies the rules of a set in the order of the
// constants below, whatever order they are combined in.
type Rule uint32

// The rules. Each reports every change it makes as a [Change] whose Rule
// field is the rule's name (given in quotes).
const (
	// RuleDuplicateKeys ("duplicate-keys") removes the earlier
	// occurrences of a repeated top-level key, keeping the last one, the
	// one YAML readers used with Jekyll keep.
	RuleDuplicateKeys Rule = 1 << iota
	// RuleLegacyKeys ("legacy-keys") removes the keys Isomer's V2
	// template migration removes and that Isomer no longer reads:
	// last-updated, last_updated and collection_name.
	RuleLegacyKeys
	// RuleLegacyLayouts ("legacy-layouts") removes the layouts of Isomer's
	// V1 template (leftnav-page, leftnav-page-content, simple-page), as
	// the V2 template migration does, so that the site's default layout
	// applies.
	RuleLegacyLayouts
	// RuleContactUsLayout ("contact-us-layout") renames the layout
	// contact-us to contact_us, the V2 template's name for it.
	RuleContactUsLayout
	// RuleThirdNavTitle ("third-nav-title") renames second_nav_title to
	// third_nav_title, or removes it when third_nav_title is already set.
	RuleThirdNavTitle
	// RuleUnescapeEntities ("unescape-entities") turns the HTML entities
	// &amp; &lt; &gt; &quot; and &#39; in string values back into
	// characters, as the CMS does on every read and save (lodash's
	// _.unescape). Only these five, as in the CMS; other entities such as
	// &nbsp; stay. Unescaping repeats until none is left ("&amp;lt;"
	// becomes "<"), which is what repeated saves in the CMS converge to
	// and what makes the rule idempotent.
	RuleUnescapeEntities
	// RuleCollapseLines ("collapse-lines") replaces each line break in a
	// string value (\r\n, \n, \r, \v, \f, U+0085, U+2028, U+2029) with a
	// space, as the CMS does when it saves. Folded values, which YAML
	// already reads as one line, do not change.
	RuleCollapseLines
	// RuleTrim ("trim") removes leading and trailing white space from
	// string values, as JavaScript's String.prototype.trim does in the
	// CMS.
	RuleTrim
	// RulePermalinkFileLink ("permalink-file-link") removes the
	// permalink of a page with layout file or link, as the CMS does: such
	// a resource item links to a file or another site and has no page of
	// its own.
	RulePermalinkFileLink
	// RulePermalinkSlashes ("permalink-slashes") gives the permalink a
	// leading and a trailing "/", after trimming white space and stray
	// quotes around it; the CMS stores every permalink that way. It leaves
	// alone an empty permalink, a full URL ("https://…"), and a permalink
	// that names a file ("/404.html"), to which a slash would give a
	// different URL.
	RulePermalinkSlashes
	// RulePermalinkLowercase ("permalink-lowercase") lower-cases the
	// permalink, as the CMS requires of new permalinks (Amplify serves
	// URLs case-sensitively). It changes URLs, so it is not a default
	// rule: links to the page must be rewritten with it.
	RulePermalinkLowercase
	// RuleVariant ("variant") adds "variant: markdown" after the last key
	// when the page has no variant: a page without one is a Markdown page,
	// and the CMS adds the key there when it saves the page. A page
	// without front matter is left alone (adding a block would turn a
	// file that Jekyll copies as it is into a rendered page).
	RuleVariant

	ruleEnd // the first unused bit

	// AllRules selects every rule.
	AllRules = ruleEnd - 1
	// DefaultRules is the set [NormalizeOptions] selects when its Rules
	// field is zero: every rule except [RulePermalinkLowercase].
	DefaultRules = AllRules &^ RulePermalinkLowercase
	// NoRules selects no rule, for normalizing to the CMS style alone
	// (a zero Rules field means DefaultRules).
	NoRules Rule = 1 << 31
)

// ruleNames are the names of the rules, in bit order.
func ruleNames() []string {
	return []string{
		"duplicate-keys", "legacy-keys", "legacy-layouts", "contact-us-layout",
		"third-nav-title", "unescape-entities", "collapse-lines", "trim",
		"permalink-file-link", "permalink-slashes", "permalink-lowercase", "variant",
	}
}

// CMSStyleRule is the Rule name of the changes that the CMS style of
// [NormalizeOptions] makes.
const CMSStyleRule = "cms-style"

// String returns the name of a rule, or the names of the rules of a set
// joined by "|"; "none" for NoRules or zero.
func (r Rule) String() string {
	if r&AllRules == 0 {
		return "none"
	}
	names := ruleNames()
	var out []string
	for i := range names {
		if r&(1<<i) != 0 {
			out = append(out, names[i])
		}
	}
	return strings.Join(out, "|")
}

// ParseRules reads a set of rules written as names separated by commas or
// "|" ("trim,variant"). The names "default", "all" and "none" stand for
// DefaultRules, AllRules and NoRules.
func ParseRules(s string) (Rule, error) {
	var r Rule
	names := ruleNames()
	for f := range strings.FieldsFuncSeq(s, func(c rune) bool { return c == ',' || c == '|' || unicode.IsSpace(c) }) {
		switch f {
		case "default":
			r |= DefaultRules
			continue
		case "all":
			r |= AllRules
			continue
		case "none":
			r |= NoRules
			continue
		}
		found := false
		for i, n := range names {
			if n == f {
				r |= 1 << i
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("frontmatter: unknown rule %q (known: %s, default, all, none)", f, strings.Join(names, ", "))
		}
	}
	if r == 0 {
		return 0, fmt.Errorf("frontmatter: no rule named in %q", s)
	}
	return r, nil
}

// NormalizeOptions selects what [Page.Normalize] does. The zero value
// applies [DefaultRules] and keeps the page's own layout of the YAML.
type NormalizeOptions struct {
	// Rules are the rules to apply. Zero means DefaultRules; NoRules
	// means none.
	Rules Rule
	// CMSStyle rewrites the whole front matter the way IsomerCMS writes it
	// (the npm yaml@2.4.2 library with its default options): two-space
	// indentation, lists indented under their key, block style for lists
	// and mappings, plain scalars where possible, double quotes otherwise
	// (single quotes for a string with a double quote and no single
	// quote), long scalars folded at 80 columns with a two-space
	// continuation, "---" delimiter lines, and no blank lines (except one
	// after a comment that heads the block). Comments are kept.
	//
	// Unlike the CMS, it never changes what a value means: numbers, dates,
	// booleans and nulls stay as written (the CMS writes 1.10 as 1.1 and an
	// empty value as null), strings that Jekyll's YAML 1.1 reader would
	// take for something else ("yes", "2024-12-30") stay quoted, and a
	// string with line breaks, which the CMS never saves, is written
	// double-quoted rather than as a block scalar. A block without keys is
	// left as it is. The CMS style runs after the rules.
	CMSStyle bool
}

// A Change is one change that normalization made.
type Change struct {
	Rule string // the rule's name, e.g. "permalink-slashes", or CMSStyleRule
	// Key is the top-level key changed, with a path for a value nested
	// in it ("locations[0].address[2]"); "" for a change to the block as
	// a whole (the CMS style's delimiter lines and blank lines).
	Key string
	// Old and New are the value before and after: the text of a scalar,
	// the YAML as written for a list or a mapping, "" for a value that is
	// absent. For a renamed key they are the old and the new key; for the
	// CMS style, the key's lines as written before and after (or the
	// delimiter line, with an empty Key).
	Old, New string
	Why      string // why the rule made the change
	// Pos is the line of the value in the page file as it stood when
	// the change was made: before the change, or after it for an added
	// key (its Column is 0: only the line is known). Rules run one after
	// the other, so a rule that removes a line shifts the lines that
	// later rules report.
	Pos tiptapmd.Pos
}

// Normalize parses src, normalizes its front matter with opts (see
// [Page.Normalize]) and returns the page with the changes made. A page
// without front matter comes back unchanged.
func Normalize(src []byte, opts NormalizeOptions) ([]byte, []Change, error) {
	p, err := Parse(src)
	if err != nil {
		return nil, nil, err
	}
	changes := p.Normalize(opts)
	return p.Bytes(), changes, nil
}

// Normalize applies the rules opts selects, then the CMS style if asked,
// and returns the changes made, in order. Normalizing a normalized page
// changes nothing. A page without front matter is left alone. Rules that
// change string values (unescape-entities, collapse-lines, trim) reach
// into lists and mappings too; a nested change rewrites the lines of its
// top-level key the way the CMS style lays them out (without folding),
// other keys stay as they were.
func (p *Page) Normalize(opts NormalizeOptions) []Change {
	if p == nil || p.fm == nil {
		return nil
	}
	rules := opts.Rules
	if rules == 0 {
		rules = DefaultRules
	}
	n := &normalizer{p: p}
	refused := len(p.warnings)
	n.rules(rules)
	if opts.CMSStyle {
		n.rule = CMSStyleRule
		n.cmsStyle()
		if len(p.warnings) > refused {
			// An edit was refused, and the CMS style may have rewritten
			// the lines that stood in its way: try the rules once more.
			n.rules(rules)
			n.rule = CMSStyleRule
			n.cmsStyle()
		}
	}
	return n.changes
}

// rules applies a set of rules in order.
func (n *normalizer) rules(rules Rule) {
	steps := []func(){
		n.duplicateKeys, n.legacyKeys, n.legacyLayouts, n.contactUsLayout,
		n.thirdNavTitle, n.unescapeEntities, n.collapseLines, n.trim,
		n.permalinkFileLink, n.permalinkSlashes, n.permalinkLowercase, n.variant,
	}
	names := ruleNames()
	for r := rules & AllRules; r != 0; r &= r - 1 {
		i := bits.TrailingZeros32(uint32(r))
		n.rule = names[i]
		steps[i]()
	}
}

// A normalizer is the state of one Normalize call.
type normalizer struct {
	p       *Page
	rule    string
	changes []Change
}

func (n *normalizer) report(key, old, new, why string, line int) {
	n.changes = append(n.changes, Change{Rule: n.rule, Key: key, Old: old, New: new, Why: why, Pos: tiptapmd.Pos{Line: line}})
}

// keyLine returns the file line of the last occurrence of key, or 0.
func (n *normalizer) keyLine(key string) int {
	i := n.p.fm.last(key)
	if i < 0 {
		return 0
	}
	line, _ := n.p.fm.pos(n.p.fm.entries[i].k)
	return line
}

// text returns a value for a Change: the scalar's text, or the YAML as
// written.
func (n *normalizer) text(key string) string {
	v, ok := n.p.Get(key)
	switch {
	case !ok:
		return ""
	case v.Kind == Scalar && v.Tag != "!!null":
		return v.Str
	case v.Kind == Scalar:
		return ""
	}
	return v.Raw
}

func (n *normalizer) remove(key, why string) {
	line, old := n.keyLine(key), n.text(key)
	if n.p.Delete(key) {
		n.report(key, old, "", why, line)
	}
}

func (n *normalizer) duplicateKeys() {
	fm := n.p.fm
	type dup struct {
		key, old     string
		line, winner int
	}
	var dups []dup
	var cuts []span
	want := map[string]*yaml.Node{}
	for i := len(fm.entries) - 1; i >= 0; i-- {
		e := fm.entries[i]
		last := fm.last(e.key)
		if last == i || e.k.Kind != yaml.ScalarNode {
			continue
		}
		old := fm.raw(e)
		if e.v.Kind == yaml.ScalarNode {
			old = e.v.Value
		}
		line, _ := fm.pos(e.k)
		winner, _ := fm.pos(fm.entries[last].k)
		dups = append(dups, dup{e.key, old, line, winner})
		want[e.key] = fm.entries[last].v
		if fm.lines {
			cuts = append(cuts, span{e.start, e.end})
		}
	}
	if len(dups) == 0 {
		return
	}
	ok := false
	if fm.lines {
		ok = n.p.apply(cut(fm.text, cuts), want, dups[0].key, "removing repeated keys")
	} else {
		ok = n.p.rewrite(func(root *yaml.Node) []*yaml.Node {
			var kept []*yaml.Node
			for i := 0; i+1 < len(root.Content); i += 2 {
				if fm.last(keyString(root.Content[i])) == i/2 || root.Content[i].Kind != yaml.ScalarNode {
					kept = append(kept, root.Content[i], root.Content[i+1])
				}
			}
			root.Content = kept
			return nil
		}, want, dups[0].key, "removing repeated keys")
	}
	if !ok {
		return
	}
	for i := len(dups) - 1; i >= 0; i-- {
		d := dups[i]
		n.report(d.key, d.old, "", fmt.Sprintf("repeated on line %d, the one that counts", d.winner), d.line)
	}
}

func (n *normalizer) legacyKeys() {
	fm := n.p.fm
	if fm.last("last-updated") < 0 && fm.last("last_updated") < 0 && fm.last("collection_name") < 0 {
		return // none to remove (Keys would list every key to find out)
	}
	for _, k := range n.p.Keys() {
		switch k {
		case "last-updated", "last_updated", "collection_name":
			n.remove(k, "legacy key that Isomer no longer reads; Isomer's V2 template migration removes it")
		}
	}
}

func (n *normalizer) legacyLayouts() {
	switch layout, _ := n.p.String("layout"); layout {
	case "leftnav-page", "leftnav-page-content", "simple-page":
		n.remove("layout", "layout of Isomer's V1 template; the V2 template migration removes it so that the site's default layout applies")
	}
}

func (n *normalizer) contactUsLayout() {
	if layout, _ := n.p.String("layout"); layout == "contact-us" {
		n.set("layout", "contact_us", "the V2 template names the contact page layout contact_us")
	}
}

// set sets a top-level key and reports the change if it was made.
func (n *normalizer) set(key, value, why string) {
	old := n.text(key)
	n.p.Set(key, value)
	if v, ok := n.p.String(key); ok && v == value {
		n.report(key, old, value, why, n.keyLine(key))
	}
}

func (n *normalizer) thirdNavTitle() {
	const old, new = "second_nav_title", "third_nav_title"
	if n.p.fm.last(old) < 0 {
		return
	}
	if n.p.fm.last(new) >= 0 {
		n.remove(old, "third_nav_title is already set; second_nav_title is its old name")
		return
	}
	line := n.keyLine(old)
	if n.p.Rename(old, new) {
		n.report(old, old, new, "Isomer's V2 template calls the subcollection title third_nav_title", line)
	}
}

func (n *normalizer) unescapeEntities() {
	n.strings(unescapeEntities, "HTML entities unescaped, as the CMS unescapes them")
}

func (n *normalizer) collapseLines() {
	n.strings(collapseLines, "line breaks replaced by spaces, as the CMS saves strings on one line")
}

func (n *normalizer) trim() {
	n.strings(trimJS, "surrounding white space removed, as the CMS trims every string")
}

// strings applies fn to every string value of the front matter, nested
// ones included, and reports each change.
func (n *normalizer) strings(fn func(string) string, why string) {
	for i := 0; i < len(n.p.fm.entries); i++ {
		fm := n.p.fm
		e := fm.entries[i]
		if fm.last(e.key) != i {
			continue // a repeated key: only the last one counts
		}
		switch e.v.Kind {
		case yaml.ScalarNode:
			if e.v.ShortTag() == "!!str" {
				if s := fn(e.v.Value); s != e.v.Value {
					n.set(e.key, s, why)
				}
			}
		case yaml.MappingNode, yaml.SequenceNode:
			n.nested(i, fn, why)
		}
	}
}

// nested applies fn to the strings inside the value of entry i and, if
// any changes, rewrites the entry.
func (n *normalizer) nested(i int, fn func(string) string, why string) {
	fm := n.p.fm
	e := fm.entries[i]
	v := cloneNode(e.v)
	changed := map[*yaml.Node]bool{}
	type edit struct {
		path, old, new string
		line           int
	}
	var edits []edit
	var walk func(x *yaml.Node, path string)
	walk = func(x *yaml.Node, path string) {
		switch x.Kind {
		case yaml.ScalarNode:
			if x.ShortTag() == "!!str" {
				if s := fn(x.Value); s != x.Value {
					line, _ := fm.pos(x)
					edits = append(edits, edit{path, x.Value, s, line})
					x.Value = s
					changed[x] = true
				}
			}
		case yaml.SequenceNode:
			for j, c := range x.Content {
				walk(c, path+"["+strconv.Itoa(j)+"]")
			}
		case yaml.MappingNode:
			for j := 0; j+1 < len(x.Content); j += 2 {
				walk(x.Content[j+1], path+"."+keyString(x.Content[j]))
			}
		}
	}
	walk(v, e.key)
	if len(edits) == 0 {
		return
	}
	var text []byte
	if fm.lines {
		em := &emitter{changed: changed}
		s := em.entry(e.k, v, footInSpan(fm, e))
		if em.failed {
			return
		}
		text = splice(fm.text, e.start, e.end, fixEOL(s, n.p.eol))
	} else {
		doc := cloneNode(fm.doc)
		doc.Content[0].Style &^= yaml.FlowStyle
		doc.Content[0].Content[2*i+1] = v
		em := &emitter{changed: changed}
		s := em.document(doc)
		if em.failed {
			return
		}
		text = []byte(fixEOL(s, n.p.eol))
	}
	if !n.p.apply(text, map[string]*yaml.Node{e.key: v}, e.key, "changing "+e.key) {
		return
	}
	for _, ed := range edits {
		n.report(ed.path, ed.old, ed.new, why, ed.line)
	}
}

// footInSpan reports whether the foot comment of entry e is written
// within the entry's lines (indented), rather than after them.
func footInSpan(b *block, e entry) bool {
	for _, c := range []string{e.v.FootComment, e.k.FootComment} {
		if c == "" {
			continue
		}
		first, _, _ := strings.Cut(c, "\n")
		if bytes.Contains(b.text[e.start:e.end], []byte(first)) {
			return true
		}
	}
	return false
}

func (n *normalizer) permalinkFileLink() {
	if layout, _ := n.p.String("layout"); (layout == "file" || layout == "link") && n.p.fm.last("permalink") >= 0 {
		n.remove("permalink", "a resource item with layout "+layout+" has no page of its own; the CMS removes its permalink")
	}
}

func (n *normalizer) permalinkSlashes() {
	v, ok := n.p.get("permalink", false)
	if !ok || v.Kind != Scalar || v.Tag == "!!null" {
		return
	}
	s := fixPermalink(v.Str)
	if s != v.Str {
		n.set("permalink", s, "the CMS stores permalinks with a leading and a trailing slash")
	}
}

// fixPermalink trims a permalink and gives it its slashes.
func fixPermalink(s string) string {
	t := strings.TrimSpace(s)
	for len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	if t == "" || hasScheme(t) {
		return s
	}
	if !strings.HasPrefix(t, "/") {
		t = "/" + t
	}
	if !strings.HasSuffix(t, "/") && !namesFile(t) {
		t += "/"
	}
	return t
}

// hasScheme reports whether s starts with a URL scheme ("https:").
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// namesFile reports whether the last segment of a path ends in a file
// extension: a dot, a letter, and up to four more letters or digits
// ("/404.html", "/feed.xml"; not "/release-1.0").
func namesFile(s string) bool {
	last := s[strings.LastIndexByte(s, '/')+1:]
	dot := strings.LastIndexByte(last, '.')
	if dot <= 0 {
		return false
	}
	ext := last[dot+1:]
	if len(ext) == 0 || len(ext) > 5 || !(ext[0]|0x20 >= 'a' && ext[0]|0x20 <= 'z') {
		return false
	}
	for i := 0; i < len(ext); i++ {
		if c := ext[i]; !(c|0x20 >= 'a' && c|0x20 <= 'z' || isDigit(c)) {
			return false
		}
	}
	return true
}

func (n *normalizer) permalinkLowercase() {
	v, ok := n.p.get("permalink", false)
	if !ok || v.Kind != Scalar || v.Tag == "!!null" || hasScheme(v.Str) {
		return
	}
	if s := strings.ToLower(v.Str); s != v.Str {
		n.set("permalink", s, "the CMS requires lower-case permalinks (Amplify serves URLs case-sensitively); links to the page must change too")
	}
}

func (n *normalizer) variant() {
	if n.p.fm.last("variant") >= 0 {
		return
	}
	n.set("variant", "markdown", "a page without variant is a Markdown page; the CMS adds the key, last, when it saves the page")
}

// cmsStyle rewrites the block in the CMS's style. A block without keys
// (empty, or comments only) is left as it is.
func (n *normalizer) cmsStyle() {
	p := n.p
	fm := p.fm
	if fm.doc != nil {
		em := &emitter{cms: true}
		text := []byte(fixEOL(em.document(fm.doc), p.eol))
		if !em.failed && !bytes.Equal(text, fm.text) && p.apply(text, nil, "", "writing the CMS style") {
			for i, e := range fm.entries {
				ne := p.fm.entries[i]
				old, new := entryText(fm, e), entryText(p.fm, ne)
				if old != new {
					line, _ := fm.pos(e.k)
					n.report(e.key, old, new, "written as the CMS writes front matter (yaml@2 style, folded at 80 columns)", line)
				}
			}
			if !bytes.Equal(gaps(fm), gaps(p.fm)) {
				n.report("", "", "", "comments and blank lines between keys laid out as the CMS writes them", fm.firstLine)
			}
		}
	}
	delim := "---" + p.eol
	if string(p.open) != delim {
		n.report("", strings.TrimRight(string(p.open), "\r\n"), "---", "opening delimiter line written as the CMS writes it", 1)
		p.open = []byte(delim)
	}
	if string(p.close) != delim {
		closeLine := p.fm.firstLine + bytes.Count(p.fm.text, []byte("\n"))
		n.report("", strings.TrimRight(string(p.close), "\r\n"), "---", "closing delimiter line written as the CMS writes it", closeLine)
		p.close = []byte(delim)
	}
}

// entryText returns the lines of an entry, without the final line break.
func entryText(b *block, e entry) string {
	if !b.lines {
		return (&emitter{}).entry(e.k, e.v, false)
	}
	return strings.TrimRight(string(b.text[e.start:e.end]), "\r\n")
}

// gaps returns the text of a block outside its entries.
func gaps(b *block) []byte {
	if !b.lines {
		return nil
	}
	var out []byte
	at := 0
	for _, e := range b.entries {
		out = append(out, b.text[at:e.start]...)
		at = e.end
	}
	return append(out, b.text[at:]...)
}

// unescapeEntities replaces &amp; &lt; &gt; &quot; and &#39; with the
// characters they stand for, until none is left.
func unescapeEntities(s string) string {
	for strings.Contains(s, "&") {
		t := entityReplacer(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

func entityReplacer(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		replaced := false
		for _, e := range [...]struct{ name, char string }{
			{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#39;", "'"},
		} {
			if strings.HasPrefix(s, e.name) {
				b.WriteString(e.char)
				s = s[len(e.name):]
				replaced = true
				break
			}
		}
		if !replaced {
			b.WriteByte('&')
			s = s[1:]
		}
	}
	b.WriteString(s)
	return b.String()
}

// collapseLines replaces each line break with a space.
func collapseLines(s string) string {
	if !hasLineBreak(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", " ")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\n', '\v', '\f', 0x85, 0x2028, 0x2029:
			return ' '
		}
		return r
	}, s)
}

// hasLineBreak reports whether s holds a line break that collapseLines
// replaces: "\r", "\n", "\v", "\f", U+0085, U+2028 or U+2029 (in
// UTF-8: C2 85, E2 80 A8, E2 80 A9). It looks at the bytes once, where
// strings.ContainsAny decodes every rune of s against a set that is not
// ASCII.
func hasLineBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\r', '\n', '\v', '\f':
			return true
		case 0xC2, 0xE2:
			if unicodeBreak(s, i) > 0 {
				return true
			}
		}
	}
	return false
}

// trimJS trims the characters JavaScript's String.prototype.trim trims:
// Unicode white space and line terminators, and U+FEFF, but not U+0085.
func trimJS(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == 0xfeff || (unicode.IsSpace(r) && r != 0x85)
	})
}
