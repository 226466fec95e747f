package frontmatter_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

const page = "---\ntitle: About us # shown in the nav\npermalink: /about-us/\ndate: 2024-12-30\n---\nBody\n"

func mustParse(t *testing.T, src string) *frontmatter.Page {
	t.Helper()
	p, err := frontmatter.Parse([]byte(src))
	require.NoError(t, err)
	return p
}

// reparse checks that what a page writes parses back to what it reports.
func reparse(t *testing.T, p *frontmatter.Page) *frontmatter.Page {
	t.Helper()
	q, err := frontmatter.Parse(p.Bytes())
	require.NoError(t, err, "edited page:\n%s", p.Bytes())
	require.Equal(t, p.Keys(), q.Keys())
	for _, k := range p.Keys() {
		a, _ := p.Get(k)
		b, _ := q.Get(k)
		require.Equal(t, a, b)
	}
	return q
}

func TestSplitEdgeCases(t *testing.T) {
	tests := []struct {
		name, src          string
		fm                 bool
		yaml, body         string
		yamlLine, bodyLine int
	}{
		{"plain", "---\na: 1\n---\nbody", true, "a: 1\n", "body", 2, 4},
		{"crlf", "---\r\na: 1\r\n---\r\nbody\r\n", true, "a: 1\r\n", "body\r\n", 2, 4},
		{"bom", "\ufeff---\na: 1\n---\n", true, "a: 1\n", "", 2, 4},
		{"empty block", "---\n---\nbody", true, "", "body", 2, 3},
		{"dots", "---\na: 1\n...\nbody", true, "a: 1\n", "body", 2, 4},
		{"trailing blanks on delimiters", "--- \t\na: 1\n---  \nbody", true, "a: 1\n", "body", 2, 4},
		{"close at end of file", "---\na: 1\n---", true, "a: 1\n", "", 2, 3},
		{"no front matter", "# Title\n---\n", false, "", "# Title\n---\n", 0, 1},
		{"not on line 1", "\n---\na: 1\n---\n", false, "", "\n---\na: 1\n---\n", 0, 1},
		{"text after the dashes", "--- a\nb\n---\n", false, "", "--- a\nb\n---\n", 0, 1},
		{"four dashes", "----\na: 1\n---\n", false, "", "----\na: 1\n---\n", 0, 1},
		{"only dashes", "---", false, "", "---", 0, 1},
		{"empty", "", false, "", "", 0, 1},
		{"table in body", "---\na: 1\n---\n|a|b|\n|---|---|\n---\n", true, "a: 1\n", "|a|b|\n|---|---|\n---\n", 2, 4},
		{"indented dashes in yaml", "---\na: |\n  ---\n---\nx", true, "a: |\n  ---\n", "x", 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := frontmatter.Split([]byte(tt.src))
			require.NoError(t, err)
			assert.Equal(t, tt.fm, p.HasFrontMatter())
			assert.Equal(t, tt.yaml, string(p.YAML))
			assert.Equal(t, tt.body, string(p.Body))
			assert.Equal(t, tt.yamlLine, p.YAMLLine)
			assert.Equal(t, tt.bodyLine, p.BodyLine)
			assert.Equal(t, tt.src, string(p.Bytes()))
		})
	}
}

func TestSplitIsZeroCopy(t *testing.T) {
	src := []byte("---\na: 1\n---\nbody")
	p, err := frontmatter.Split(src)
	require.NoError(t, err)
	src[4] = 'b'
	assert.Equal(t, "b: 1\n", string(p.YAML), "Parts are views of src")
	// Appending to one part does not write into the next.
	_ = append(p.YAML, 'X')
	assert.Equal(t, "---\n", string(p.Close))
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src       string
		sentinel  error
		line, col int
	}{
		{"---\na: 1\n", frontmatter.ErrUnterminated, 1, 1},
		{"\ufeff---\na: 1\n", frontmatter.ErrUnterminated, 1, 1},
		{"---\na: 1\nb:\n\t- x\n---\n", frontmatter.ErrTab, 4, 1},
		{"---\na: ok\nb: x\x01y\n---\n", frontmatter.ErrControlChar, 3, 5},
		{"---\r\na: ok\r\nb: x\x01y\r\n---\r\n", frontmatter.ErrControlChar, 3, 5},
		{"---\na: \xc3\x28\n---\n", frontmatter.ErrEncoding, 2, 4},
		{"---\na: 1\nb: c: d\n---\n", frontmatter.ErrSyntax, 3, 0},
		{"---\n- a\n---\n", frontmatter.ErrNotMapping, 2, 1},
		{"---\na: &x [*x]\n---\n", frontmatter.ErrAliasLimit, 2, 8},
	}
	for _, tt := range tests {
		_, err := frontmatter.Parse([]byte(tt.src))
		require.Error(t, err, "%q", tt.src)
		assert.ErrorIs(t, err, tt.sentinel, "%q", tt.src)
		var pe *frontmatter.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, tt.line, pe.Pos.Line, "%q: %v", tt.src, err)
		assert.Equal(t, tt.col, pe.Pos.Column, "%q: %v", tt.src, err)
		assert.True(t, strings.HasPrefix(err.Error(), "frontmatter: line "), err.Error())
	}
}

func TestTooManyAliases(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a x\n")
	for i := range 101 {
		b.WriteString("k")
		b.WriteString(strings.Repeat("x", i+1))
		b.WriteString(": *a\n")
	}
	b.WriteString("---\n")
	_, err := frontmatter.Parse([]byte(b.String()))
	assert.ErrorIs(t, err, frontmatter.ErrAliasLimit)
}

func TestGetKeepsValuesAsWritten(t *testing.T) {
	p := mustParse(t, "---\ndate: 2024-12-30\nversion: 1.10\ndraft: no\ntitle: \"Q: A\"\nempty:\nlist:\n  - a\nmap:\n  k: v\n---\n")
	v, ok := p.Get("date")
	require.True(t, ok)
	assert.Equal(t, frontmatter.Value{Key: "date", Kind: frontmatter.Scalar, Str: "2024-12-30", Tag: "!!timestamp", Raw: "2024-12-30", Pos: tiptapmd.Pos{Line: 2, Column: 7}}, v)
	s, _ := p.String("version")
	assert.Equal(t, "1.10", s)
	s, _ = p.String("draft")
	assert.Equal(t, "no", s)
	v, _ = p.Get("title")
	assert.Equal(t, "Q: A", v.Str)
	assert.Equal(t, `"Q: A"`, v.Raw)
	s, ok = p.String("empty")
	assert.True(t, ok)
	assert.Equal(t, "", s)
	_, ok = p.String("list")
	assert.False(t, ok, "a list has no string value")
	v, _ = p.Get("map")
	assert.Equal(t, frontmatter.Mapping, v.Kind)
	assert.Equal(t, "k: v", v.Raw)
	_, ok = p.Get("missing")
	assert.False(t, ok)
	assert.Equal(t, []string{"date", "version", "draft", "title", "empty", "list", "map"}, p.Keys())
}

func TestSetReadsBack(t *testing.T) {
	values := []string{
		"plain", "yes", "no", "2024-12-30", "1.10", "null", "~", "", " padded ", "a: b", "#x",
		"it's", `say "hi"`, "line\nbreak", "tab\there", "é🐟", "\x00", "-", "[x]", "%x", "@x",
		strings.Repeat("long value ", 30), "bad \xff utf-8",
	}
	for _, v := range values {
		for _, key := range []string{"title", "new_key"} {
			p := mustParse(t, page)
			p.Set(key, v)
			assert.Empty(t, p.Warnings())
			want := strings.ToValidUTF8(v, "\uFFFD")
			got, ok := p.String(key)
			assert.True(t, ok)
			assert.Equal(t, want, got, "Set(%q, %q)", key, v)
			q := reparse(t, p)
			got, _ = q.String(key)
			assert.Equal(t, want, got)
			d, _ := q.Get("date")
			assert.Equal(t, "!!timestamp", d.Tag, "other keys are untouched")
			assert.Contains(t, string(p.Bytes()), "date: 2024-12-30\n")
		}
	}
}

func TestSetKeepsPlaceStyleAndComment(t *testing.T) {
	p := mustParse(t, page)
	p.Set("title", "Who we are")
	assert.Equal(t, "---\ntitle: Who we are # shown in the nav\npermalink: /about-us/\ndate: 2024-12-30\n---\nBody\n", string(p.Bytes()))

	p = mustParse(t, "---\ntitle: 'Single'\nd: \"Double\"\n---\n")
	p.Set("title", "Still single")
	p.Set("d", "Still double")
	assert.Equal(t, "---\ntitle: 'Still single'\nd: \"Still double\"\n---\n", string(p.Bytes()))

	p = mustParse(t, page)
	p.Set("variant", "tiptap")
	assert.Equal(t, []string{"title", "permalink", "date", "variant"}, p.Keys(), "a new key goes last")
}

func TestSetOnRepeatedKeySetsTheLast(t *testing.T) {
	p := mustParse(t, "---\ntitle: first\ntitle: second\n---\n")
	p.Set("title", "third")
	assert.Equal(t, "---\ntitle: first\ntitle: third\n---\n", string(p.Bytes()))
	s, _ := p.String("title")
	assert.Equal(t, "third", s)
}

func TestSetCreatesFrontMatter(t *testing.T) {
	p := mustParse(t, "Body\r\nmore\r\n")
	assert.False(t, p.HasFrontMatter())
	p.SetVariant("tiptap")
	assert.True(t, p.HasFrontMatter())
	assert.Equal(t, "---\r\nvariant: tiptap\r\n---\r\nBody\r\nmore\r\n", string(p.Bytes()), "the page's line endings are used")
	assert.Equal(t, 4, p.BodyLine())

	p = mustParse(t, "\ufeffBody")
	p.Set("title", "x")
	assert.Equal(t, "\ufeff---\ntitle: x\n---\nBody", string(p.Bytes()), "the byte order mark stays first")
}

func TestDeleteAndRename(t *testing.T) {
	p := mustParse(t, "---\n# about the page\ntitle: A\nsecond_nav_title: B\ntitle: C\n---\n")
	assert.True(t, p.Delete("title"))
	assert.Equal(t, "---\n# about the page\nsecond_nav_title: B\n---\n", string(p.Bytes()), "every occurrence goes; comments stay")
	assert.False(t, p.Delete("title"))
	assert.True(t, p.Rename("second_nav_title", "third_nav_title"))
	assert.Equal(t, "---\n# about the page\nthird_nav_title: B\n---\n", string(p.Bytes()))
	assert.False(t, p.Rename("missing", "x"))
	p.Set("other", "y")
	assert.False(t, p.Rename("other", "third_nav_title"), "no rename onto an existing key")
	assert.True(t, p.Rename("other", "other"))
	reparse(t, p)

	p = mustParse(t, "body only")
	assert.False(t, p.Delete("x"))
	assert.False(t, p.Rename("x", "y"))
}

func TestRefusedEdit(t *testing.T) {
	src := "---\nlogo: &logo /images/logo.png\nimage: *logo\n---\n"
	p := mustParse(t, src)
	assert.False(t, p.Delete("logo"), "image refers to logo's anchor")
	p.Set("logo", "/images/other.png")
	assert.Equal(t, src, string(p.Bytes()), "refused edits leave the page as it was")
	ws := p.Warnings()
	require.Len(t, ws, 2)
	for _, w := range ws {
		assert.Equal(t, frontmatter.WarnEditRefused, w.Code)
		assert.Equal(t, 2, w.Line)
	}
	assert.Contains(t, ws[0].Message, "unknown anchor")
}

func TestWarnings(t *testing.T) {
	p := mustParse(t, "---\ntitle: a\npermalink: /a/\ntitle: b\ntitle: c\n---\n")
	ws := p.Warnings()
	require.Len(t, ws, 2)
	assert.Equal(t, tiptapmd.Note{Pos: tiptapmd.Pos{Line: 4, Column: 1}, Code: frontmatter.WarnDuplicateKey, Severity: tiptapmd.Review,
		Message: `key "title" on line 4 repeats the one on line 2; the last one wins`}, ws[0])
	assert.Contains(t, ws[1].Message, "line 5 repeats the one on line 4")
	s, _ := p.String("title")
	assert.Equal(t, "c", s)
	assert.Equal(t, []string{"title", "permalink"}, p.Keys())
}

func TestSetBody(t *testing.T) {
	p := mustParse(t, "---\ntitle: x\n---")
	p.SetBody([]byte("new body\n"))
	assert.Equal(t, "---\ntitle: x\n---\nnew body\n", string(p.Bytes()))
	assert.Equal(t, "new body\n", string(p.Body()))
	assert.Equal(t, 4, p.BodyLine())
}

func TestVariant(t *testing.T) {
	assert.Equal(t, "markdown", mustParse(t, "no front matter").Variant())
	assert.Equal(t, "markdown", mustParse(t, "---\nvariant:\n---\n").Variant())
	assert.Equal(t, "tiptap", mustParse(t, "---\nvariant: tiptap\n---\n").Variant())
}

func TestFlowMappingEdits(t *testing.T) {
	p := mustParse(t, "---\n{title: x, tags: [a, b]}\n---\nbody")
	p.Set("title", "yes")
	p.Set("permalink", "/p/")
	assert.Equal(t, "---\ntitle: \"yes\"\ntags:\n  - a\n  - b\npermalink: /p/\n---\nbody", string(p.Bytes()))
	reparse(t, p)
}

func TestRules(t *testing.T) {
	assert.Equal(t, "trim|variant", (frontmatter.RuleTrim | frontmatter.RuleVariant).String())
	assert.Equal(t, "none", frontmatter.NoRules.String())
	assert.NotContains(t, frontmatter.DefaultRules.String(), "permalink-lowercase")
	assert.Contains(t, frontmatter.AllRules.String(), "permalink-lowercase")
	r, err := frontmatter.ParseRules("trim, variant|permalink-slashes")
	require.NoError(t, err)
	assert.Equal(t, frontmatter.RuleTrim|frontmatter.RuleVariant|frontmatter.RulePermalinkSlashes, r)
	r, err = frontmatter.ParseRules("default")
	require.NoError(t, err)
	assert.Equal(t, frontmatter.DefaultRules, r)
	r, err = frontmatter.ParseRules(frontmatter.AllRules.String())
	require.NoError(t, err)
	assert.Equal(t, frontmatter.AllRules, r, "String and ParseRules round-trip")
	_, err = frontmatter.ParseRules("trim,nope")
	assert.ErrorContains(t, err, `unknown rule "nope"`)
	_, err = frontmatter.ParseRules(" ")
	assert.Error(t, err)
}

func TestNormalizeOptions(t *testing.T) {
	src := []byte("---\ntitle: \"  x  \"\npermalink: about\n---\n")
	out, ch, err := frontmatter.Normalize(src, frontmatter.NormalizeOptions{Rules: frontmatter.NoRules})
	require.NoError(t, err)
	assert.Empty(t, ch)
	assert.Equal(t, src, out)

	out, ch, err = frontmatter.Normalize(src, frontmatter.NormalizeOptions{Rules: frontmatter.RuleTrim})
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: \"x\"\npermalink: about\n---\n", string(out))
	require.Len(t, ch, 1)
	assert.Equal(t, frontmatter.Change{Rule: "trim", Key: "title", Old: "  x  ", New: "x",
		Why: "surrounding white space removed, as the CMS trims every string", Pos: tiptapmd.Pos{Line: 2}}, ch[0])

	out, _, err = frontmatter.Normalize(src, frontmatter.NormalizeOptions{Rules: frontmatter.RuleTrim, CMSStyle: true})
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: x\npermalink: about\n---\n", string(out))

	_, _, err = frontmatter.Normalize([]byte("---\nbroken"), frontmatter.NormalizeOptions{})
	assert.True(t, errors.Is(err, frontmatter.ErrUnterminated))
}

func TestPermalinkSlashes(t *testing.T) {
	tests := map[string]string{
		"about":                   "/about/",
		"/about":                  "/about/",
		"/about/":                 "/about/",
		"  /a/b  ":                "/a/b/",
		`"'/quoted/'"`:            "/quoted/",
		"/404.html":               "/404.html",
		"404.html":                "/404.html",
		"http://example.com/x":    "http://example.com/x",
		"/":                       "/",
		"/v1.2/":                  "/v1.2/",
		"/a/release-1.0":          "/a/release-1.0/",
		"/files/report.final.pdf": "/files/report.final.pdf",
	}
	for in, want := range tests {
		p := mustParse(t, "---\npermalink: x\n---\n")
		p.Set("permalink", in)
		p.Normalize(frontmatter.NormalizeOptions{Rules: frontmatter.RulePermalinkSlashes})
		got, _ := p.String("permalink")
		assert.Equal(t, want, got, "permalink %q", in)
	}
}

func TestNormalizeLeavesPageWithoutFrontMatter(t *testing.T) {
	src := []byte("title: looks like yaml\n---\nbody\n")
	out, ch, err := frontmatter.Normalize(src, frontmatter.NormalizeOptions{Rules: frontmatter.AllRules, CMSStyle: true})
	require.NoError(t, err)
	assert.Empty(t, ch)
	assert.Equal(t, src, out)
}
