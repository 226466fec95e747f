package frontmatter

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// setEdits are the edits the equivalence checks make to each page: the
// variant a conversion sets both ways, keys a rule sets, and a new key.
var setEdits = [][2]string{
	{"variant", "tiptap"},
	{"variant", "markdown"},
	{"layout", "contact_us"},
	{"permalink", "/a/b/"},
	{"title", "A title: with a colon"},
	{"zz-new", "value"},
}

// checkSet sets key to value on a page parsed from src and checks that
// the block is exactly the one parsing its new text gives: every node
// (values, tags, styles, comments, lines and columns), every entry and
// offset, and the duplicate-key warnings. It reports whether the edit
// shared the other entries' nodes (the line was parsed alone).
func checkSet(t *testing.T, name string, src []byte, key, value string) (spliced bool) {
	t.Helper()
	p, err := Parse(src)
	if err != nil || p.fm == nil {
		return false
	}
	old := p.fm
	warned := len(p.Warnings())
	p.Set(key, value)
	if p.fm == old {
		require.Greater(t, len(p.Warnings()), warned, "%s: setting %s changed nothing and said nothing", name, key)
		return false
	}
	full, err := loadBlock(p.fm.text, p.fm.firstLine)
	require.NoError(t, err, "%s: setting %s", name, key)
	require.True(t, reflect.DeepEqual(full, p.fm), "%s: setting %s to %q: the block differs from the parse of its text", name, key, value)
	// Set writes invalid UTF-8 as U+FFFD.
	key, value = strings.ToValidUTF8(key, "\uFFFD"), strings.ToValidUTF8(value, "\uFFFD")
	v, ok := p.String(key)
	require.True(t, ok, name)
	require.Equal(t, value, v, name)
	if p.fm.lines {
		// The nodes the one-line path builds for this line, where it
		// builds them, are the parser's.
		e := p.fm.entries[p.fm.last(key)]
		checkPlainEntry(t, string(p.fm.text[e.start:e.keyOff]), key, value)
	}
	for _, e := range old.entries {
		if e.key != key {
			for _, ne := range p.fm.entries {
				if ne.k == e.k {
					return true
				}
			}
		}
	}
	return false
}

// TestSetLineCorpus checks on every page of the corpus that an edit of
// one line gives the block that parsing the whole new text gives.
func TestSetLineCorpus(t *testing.T) {
	spliced, total := 0, 0
	for _, pg := range corpus.Pages(t) {
		for _, e := range setEdits {
			total++
			if checkSet(t, pg.Path, pg.Data, e[0], e[1]) {
				spliced++
			}
		}
	}
	t.Logf("%d of %d edits parsed the edited line alone", spliced, total)
	assert.Positive(t, spliced, "no edit took the one-line path")
}

// TestSetLine checks the one-line path on the blocks it takes and on
// those it must leave to a full parse.
func TestSetLine(t *testing.T) {
	cases := []struct {
		name, src, key, value string
		spliced               bool
	}{
		{"replace", "---\ntitle: a\nvariant: markdown\npermalink: /a/\n---\nbody\n", "variant", "tiptap", true},
		{"append", "---\ntitle: a\n\n---\nbody\n", "variant", "tiptap", true},
		{"first", "---\ntitle: a\nb: c\n---\n", "title", "b", true},
		{"crlf", "---\r\ntitle: a\r\nvariant: markdown\r\n---\r\n", "variant", "tiptap", true},
		{"indented", "---\n  title: a\n  variant: x\n---\n", "variant", "tiptap", true},
		{"repeated", "---\nvariant: a\nt: x\nvariant: b\n---\n", "variant", "tiptap", true},
		{"repeated, explicit key moved", "---\nvariant: a\nt: x\n? variant : b\n---\n", "variant", "tiptap", true},
		{"repeated, appended before blank lines", "---\nt: a\nt: b\n\n\n---\n", "variant", "tiptap", true},
		{"characters of scalars", "---\ntitle: Q&A on C#, x>y|z 50%!\nvariant: x\n---\n", "variant", "tiptap", true},
		{"comment after a value", "---\ntitle: a #t\nvariant: x\n---\n", "variant", "tiptap", false},
		{"alias in a list", "---\na: &x 1\nl: [1,*x]\nvariant: x\n---\n", "variant", "tiptap", false},
		{"tag in a flow mapping", "---\nm: {a:!t b}\nvariant: x\n---\n", "variant", "tiptap", false},
		{"comment", "---\ntitle: a # t\nvariant: markdown\n---\n", "variant", "tiptap", false},
		{"anchor", "---\na: &x 1\nvariant: *x\n---\n", "variant", "tiptap", false},
		{"multiline", "---\nvariant: a\n  b\nc: d\n---\n", "variant", "tiptap", false},
		{"after a folded value", "---\ntitle: a\n  b\nvariant: x\n---\n", "variant", "tiptap", true},
		{"after a folded quoted value", "---\ntitle: \"a\n\n  b\"\nvariant: x\n---\n", "variant", "tiptap", true},
		{"before a folded value", "---\nvariant: x\ntitle: a\n  b\nc: d\n---\n", "variant", "tiptap", true},
		{"before a folded last value", "---\nvariant: x\ntitle: a\n  b\n---\n", "variant", "tiptap", false},
		{"append after a folded value", "---\ntitle: a\n  b\n \n\n---\n", "variant", "tiptap", false},
		{"append after a list", "---\ntags:\n- a\n- b\nc: d\n\n---\n", "variant", "tiptap", true},
		{"append after a mapping", "---\n  m:\n    a: 1\n    b: [1,\n      2]\n  c: d\n---\n", "variant", "tiptap", true},
		{"append after a stray line", "---\n  a: 1\n]\n---\n", "variant", "tiptap", false},
		{"replace before a stray line", "---\n  variant: a\n  m: [1,\n    2]\n  a: 1\n]\n---\n", "variant", "tiptap", false},
		{"replace before a list", "---\nvariant: a\ntags:\n- a\n- b\nc: d\n\n---\n", "variant", "tiptap", true},
		{"append after a kept literal", "---\na: |+\n\n\n---\n", "variant", "tiptap", false},
		{"append after a kept folded", "---\nb: c\na: >+\n  x\n\n---\n", "variant", "tiptap", false},
		{"block scalar", "---\nvariant: |\n  a\nc: d\n---\n", "variant", "tiptap", false},
		{"flow", "---\n{variant: a}\n---\n", "variant", "tiptap", false},
		{"no newline", "---\ntitle: a---\n", "variant", "tiptap", false},
		{"empty", "---\n---\n", "variant", "tiptap", false},
		{"value with a pipe", "---\nvariant: a\n---\n", "variant", "a | b", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.spliced, checkSet(t, c.name, []byte(c.src), c.key, c.value))
		})
	}
}

// FuzzSetLine checks that setting a key gives the block that parsing
// its new text gives, whichever way the edit was made.
func FuzzSetLine(f *testing.F) {
	f.Add([]byte("---\ntitle: a\nvariant: markdown\n---\n"), "variant", "tiptap")
	f.Add([]byte("---\ntitle: a\n\n\n---\n"), "variant", "tiptap")
	f.Add([]byte("---\n  a: 1\n  b: [1, 2]\n---\n"), "b", "x y")
	f.Add([]byte("---\na: 'x\n\n  y'\nb: \"q\"\n---\n"), "a", "- z")
	f.Add([]byte("---\r\na: 1\r\nb: 2\r\n---\r\n"), "c", "yes")
	f.Fuzz(func(t *testing.T, src []byte, key, value string) {
		checkSet(t, "fuzz", src, key, value)
	})
}

// checkPlainEntry checks that plainEntry gives the nodes the YAML parser
// gives for the line it stands for, ended by "\n" or "\r\n", where it
// gives nodes, and that builtEntry finds them in that line. It reports
// whether plainEntry gave nodes.
func checkPlainEntry(t *testing.T, indent, key, value string) bool {
	t.Helper()
	k, v, ok := plainEntry(indent, key, value)
	if !ok {
		require.Nil(t, k)
		require.Nil(t, v)
		return false
	}
	want := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
	for _, eol := range []string{"\n", "\r\n"} {
		line := indent + key + ": " + value + eol
		pk, pv := parseEntry(line)
		require.NotNil(t, pk, "%q does not parse as one entry", line)
		require.Equal(t, pk, k, "the key of %q", line)
		require.Equal(t, pv, v, "the value of %q", line)
		bk, bv, ok := builtEntry(line, key, want)
		require.True(t, ok, "builtEntry does not find the entry in %q", line)
		require.Equal(t, k, bk)
		require.Equal(t, v, bv)
	}
	return true
}

// TestPlainEntry checks the nodes built for an entry against the
// parser's, on keys and values written plain and on those the parser
// would read otherwise (numbers, booleans, dates, nulls, indicators,
// long keys), which must not be built.
func TestPlainEntry(t *testing.T) {
	long := strings.Repeat("k", maxPlainKey)
	cases := []struct {
		indent, key, value string
		built              bool
	}{
		{"", "variant", "tiptap", true},
		{"  ", "variant", "markdown", true},
		{"", "title", "A title with spaces  inside", true},
		{"", "permalink", "/a/b/", true},
		{"", "zz-new", "value", true},
		{"", "été", "日本語 ✓ 😀 text", true},
		{"", "a:b", "c:d", true},
		{"", "a", "x#y", true},
		{"", "a", "a | b > c", true},
		{"", "a", "-x", false},
		{"", "a", "?x", true},
		{"", "a", ":x", true},
		{"", "a", "a [b] {c}, d", true},
		{"", "a", "a&b*c!d%e", true},
		{"", long, "v", true},
		{"", long + "k", "v", false},
		{"", "a", "1", false},
		{"", "a", "1.10", false},
		{"", "a", "0x1F", false},
		{"", "a", ".inf", false},
		{"", "a", "-.5e3", false},
		{"", "a", "0e_0", false},
		{"", "a", "1a", false},
		{"", "a", ".x", false},
		{"", "a", "+x", false},
		{"", "a", "Yes", false},
		{"", "a", "TRUE", false},
		{"", "a", "Nope", true},
		{"", "a", "offline", true},
		{"", "1a", "x", false},
		{"", "-a", "x", false},
		{"", "a", "1_000", false},
		{"", "a", "1:30", false},
		{"", "a", "true", false},
		{"", "a", "yes", false},
		{"", "a", "No", false},
		{"", "a", "on", false},
		{"", "a", "null", false},
		{"", "a", "~", false},
		{"", "a", "2024-12-30", false},
		{"", "a", "2024-1-3 10:00", false},
		{"", "a", "<<", false},
		{"", "a", "=", false},
		{"", "a", "", false},
		{"", "a", " x", false},
		{"", "a", "x ", false},
		{"", "a", "a: b", false},
		{"", "a", "a #b", false},
		{"", "a", "#a", false},
		{"", "a", "- a", false},
		{"", "a", "-", false},
		{"", "a", "'a'", false},
		{"", "a", `"a"`, false},
		{"", "a", "[a]", false},
		{"", "a", "{a}", false},
		{"", "a", "&a", false},
		{"", "a", "*a", false},
		{"", "a", "!a", false},
		{"", "a", "|", false},
		{"", "a", ">", false},
		{"", "a", "@a", false},
		{"", "a", "`a`", false},
		{"", "a", "%a", false},
		{"", "a", "a\tb", false},
		{"", "a", "a\nb", false},
		{"", "a", "a\u0085b", false},
		{"", "a", "a\u2028b", false},
		{"", "a", "x:", false},
		{"", "yes", "x", false},
		{"", "1", "x", false},
		{"", "null", "x", false},
		{"", "a: b", "x", false},
		{"", "---", "x", false},
		{"", "...", "x", false},
		{"", "%a", "x", false},
		{"", "", "x", false},
		{"\t", "a", "x", false},
		{" \t", "a", "x", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.built, checkPlainEntry(t, c.indent, c.key, c.value), "%q %q %q", c.indent, c.key, c.value)
	}
}

// FuzzPlainEntry compares the nodes built for an entry with the
// parser's.
func FuzzPlainEntry(f *testing.F) {
	f.Add(0, "variant", "tiptap")
	f.Add(2, "title", "A: title")
	f.Add(0, "a", "2024-12-30")
	f.Add(0, "é", "x y 😀")
	f.Fuzz(func(t *testing.T, indent int, key, value string) {
		checkPlainEntry(t, strings.Repeat(" ", indent&7), key, value)
	})
}

// deleteEdits are the keys the equivalence checks delete from each page:
// those the rules delete, and others.
var deleteEdits = []string{"layout", "permalink", "last_updated", "variant", "title", "description", "third_nav_title"}

// checkDelete deletes key from a page parsed from src and checks that
// the block is exactly the one parsing its new text gives, as checkSet
// does. It reports whether the line was cut without parsing.
func checkDelete(t *testing.T, name string, src []byte, key string) (cut bool) {
	t.Helper()
	p, err := Parse(src)
	if err != nil || p.fm == nil {
		return false
	}
	old := p.fm
	i := old.last(key)
	quick := old.cutEntry(i) != nil
	warned := len(p.warnings)
	deleted := p.Delete(key)
	if !deleted {
		require.False(t, quick, "%s: deleting %s", name, key)
		if i >= 0 {
			require.Greater(t, len(p.warnings), warned, "%s: deleting %s failed and said nothing", name, key)
		}
		return false
	}
	require.GreaterOrEqual(t, i, 0, "%s: deleted %s, which was not there", name, key)
	full, err := loadBlock(p.fm.text, p.fm.firstLine)
	require.NoError(t, err, "%s: deleting %s", name, key)
	require.True(t, reflect.DeepEqual(full, p.fm), "%s: deleting %s: the block differs from the parse of its text", name, key)
	_, ok := p.Get(key)
	require.False(t, ok, "%s: %s is still there", name, key)
	return quick
}

// TestDeleteLineCorpus checks on every page of the corpus that cutting
// the line of a key gives the block that parsing the new text gives.
func TestDeleteLineCorpus(t *testing.T) {
	quick, total := 0, 0
	for _, pg := range corpus.Pages(t) {
		for _, key := range deleteEdits {
			total++
			if checkDelete(t, pg.Path, pg.Data, key) {
				quick++
			}
		}
	}
	t.Logf("%d of %d deletions cut the line without parsing", quick, total)
	assert.Positive(t, quick, "no deletion took the one-line path")
}

// TestDeleteLine checks the one-line path of Delete on the blocks it
// takes and on those it leaves to a full parse.
func TestDeleteLine(t *testing.T) {
	cases := []struct {
		name, src, key string
		cut            bool
	}{
		{"middle", "---\ntitle: a\nlayout: x\npermalink: /a/\n---\n", "layout", true},
		{"last", "---\ntitle: a\nlayout: x\n\n---\n", "layout", true},
		{"after a list", "---\nt:\n- a\n- b\nlayout: x\nv: y\n---\n", "layout", true},
		{"before a mapping", "---\nt: a\nlayout: x\nm:\n  a: [1,\n    2]\n  b: 'c\n\n    d'\nz: 1\n---\n", "layout", true},
		{"blank lines around", "---\nt: a\n\nlayout: x\n\nv: y\n---\n", "layout", true},
		{"crlf", "---\r\nt: a\r\nlayout: x\r\nv: y\r\n---\r\n", "layout", true},
		{"first", "---\nlayout: x\nt: a\n---\n", "layout", false},
		{"last after a folded value", "---\nt: a\n  b\nlayout: x\n---\n", "layout", false},
		{"several lines", "---\nt: a\nlayout: x\n  y\nv: z\n---\n", "layout", false},
		{"repeated", "---\nt: a\nlayout: x\nlayout: y\n---\n", "layout", false},
		{"comment", "---\nt: a # c\nlayout: x\n---\n", "layout", false},
		{"only", "---\nlayout: x\n---\n", "layout", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.cut, checkDelete(t, c.name, []byte(c.src), c.key))
		})
	}
}

// FuzzDeleteLine checks that deleting a key gives the block that parsing
// its new text gives, whichever way the deletion was made.
func FuzzDeleteLine(f *testing.F) {
	f.Add([]byte("---\ntitle: a\nlayout: x\nvariant: markdown\n---\n"), "layout")
	f.Add([]byte("---\nt:\n- a\nlayout: x\n\n---\n"), "layout")
	f.Add([]byte("---\n  a: 1\n  b: [1,\n    2]\n  c: d\n---\n"), "b")
	f.Add([]byte("---\r\na: 1\r\nb: 2\r\n\r\n---\r\n"), "b")
	f.Fuzz(func(t *testing.T, src []byte, key string) {
		checkDelete(t, "fuzz", src, key)
	})
}
