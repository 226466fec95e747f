package convert

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

func seeds(t *testing.T) map[string][]byte {
	t.Helper()
	dir := filepath.Join(filepath.Dir(corpus.Dir(t)), "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 2, "the two seed pages")
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[filepath.Base(f)] = b
	}
	return out
}

// lossy returns the entries of r that say something a visitor sees
// changed.
func lossy(r *Report) []tiptapmd.Note {
	var out []tiptapmd.Note
	for _, e := range r.Items {
		if e.Code == CodeTextChanged || e.Code == CodeCountChanged {
			out = append(out, e)
		}
	}
	return out
}

func TestSeedsConvertBothWaysWithoutLoss(t *testing.T) {
	c, err := New()
	require.NoError(t, err)
	for name, src := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			tt, r1, err := c.ToTiptap(src)
			require.NoError(t, err)
			assert.Empty(t, lossy(r1), "to tiptap")
			md, r2, err := c.ToMarkdown(tt)
			require.NoError(t, err)
			assert.Empty(t, lossy(r2), "back to markdown")
			tt2, r3, err := c.ToTiptap(md)
			require.NoError(t, err)
			assert.Empty(t, lossy(r3), "to tiptap again")
			assert.Equal(t, string(tt), string(tt2), "a round trip reaches a fixed point")
			assert.Equal(t, r1.Before, r3.After, "what a visitor sees is the same after the round trip")

			p, err := frontmatter.Parse(tt)
			require.NoError(t, err)
			assert.Equal(t, "tiptap", p.Variant())
			p, err = frontmatter.Parse(md)
			require.NoError(t, err)
			assert.Equal(t, "markdown", p.Variant())
		})
	}
}

func TestErrorsCarryPositions(t *testing.T) {
	c, err := New()
	require.NoError(t, err)

	_, _, err = c.Convert(OpToTiptap, "a.md", []byte("---\ntitle: x\n\tbad: tab\n---\nbody\n"))
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, "a.md", e.Path)
	assert.Equal(t, 3, e.Pos.Line)
	assert.True(t, errors.Is(err, frontmatter.ErrTab))
	assert.True(t, strings.HasPrefix(err.Error(), "a.md:3:1: "), err.Error())

	_, _, err = c.Convert(OpToMarkdown, "b.md", []byte("---\ntitle: x\nvariant: wysiwyg\n---\nbody\n"))
	require.True(t, errors.As(err, &e), "%v", err)
	assert.True(t, errors.Is(err, ErrVariant))
	assert.Equal(t, 3, e.Pos.Line)

	_, _, err = c.Convert(OpToMarkdown, "c.md", []byte("---\ntitle: x\nvariant: tiptap\n---\n"+strings.Repeat("<div>", 600)))
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, 5, e.Pos.Line, "the position of the too-deep element, in the page file")
}

func TestOptionsAreChecked(t *testing.T) {
	_, err := New(WithFrontMatterRules(frontmatter.Rule(1 << 30)))
	assert.Error(t, err)
}

func TestVariantAndNormalize(t *testing.T) {
	src := []byte("---\ntitle: T\npermalink: /a\n---\n# Hello\n\nSome *text*.\n")
	out, r, err := Normalize(src)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: T\npermalink: /a/\nvariant: markdown\n---\n# Hello\n\nSome *text*.\n", string(out),
		"normalizing a Markdown page keeps its body as written")
	assert.True(t, r.Changed)
	assert.Equal(t, Markdown, r.From)
	assert.Equal(t, Markdown, r.To)

	out, r, err = ToTiptap(src)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: T\npermalink: /a/\nvariant: tiptap\n---\n<h1>Hello</h1>\n<p>Some <em>text</em>.</p>", string(out))
	assert.Equal(t, Tiptap, r.To)
	assert.Empty(t, lossy(r))

	again, r, err := ToTiptap(out)
	require.NoError(t, err)
	assert.Equal(t, string(out), string(again), "converting to the variant a page has normalizes it")
	assert.False(t, r.Changed)

	out, _, err = ToMarkdown(out)
	require.NoError(t, err)
	assert.Contains(t, string(out), "variant: markdown\n---\n# Hello\n\nSome *text*.\n")
}

func TestSniffHTML(t *testing.T) {
	src := []byte("---\ntitle: T\n---\n<p>Hello <strong>there</strong></p>\n<ul><li>one</li></ul>\n")
	_, r, err := ToMarkdown(src, WithSniffHTML(true))
	require.NoError(t, err)
	assert.Equal(t, Tiptap, r.From)
	_, r, err = ToMarkdown(src)
	require.NoError(t, err)
	assert.Equal(t, Markdown, r.From)
	assert.False(t, plainlyHTML([]byte("<p>x</p>\n\n# heading\n")))
	assert.False(t, plainlyHTML([]byte("text <b>x</b>")))
}

// TestCorpus runs the three operations on every page of the corpus: none
// fails or panics, every lossy difference is in the report (by
// construction: the report is made from the comparison), and converting
// the result again changes nothing.
func TestCorpus(t *testing.T) {
	pages := corpus.Pages(t)
	c, err := New()
	require.NoError(t, err)
	if testing.Short() {
		pages = pages[:len(pages)/10]
	}
	var failed, lossyPages, unstable [3]int
	for _, p := range pages {
		for i, op := range []Op{OpNormalize, OpToTiptap, OpToMarkdown} {
			out, r, err := c.Convert(op, p.Path, p.Data)
			if err != nil {
				failed[i]++
				var e *Error
				assert.True(t, errors.As(err, &e), "%s: %s: untyped error %v", p.Path, op, err)
				continue
			}
			if len(lossy(r)) > 0 {
				lossyPages[i]++
			}
			if r.Before != r.After {
				assert.NotEmpty(t, lossy(r), "%s: %s: a difference without a report entry", p.Path, op)
			}
			again, _, err := c.Convert(op, p.Path, out)
			if !assert.NoError(t, err, "%s: %s: the result does not convert again", p.Path, op) {
				continue
			}
			if string(again) != string(out) {
				unstable[i]++
				t.Logf("%s: %s: not idempotent", p.Path, op)
			}
		}
	}
	t.Logf("corpus: %d pages; failed %v, with review entries for loss %v, not idempotent %v (normalize, to-tiptap, to-markdown)",
		len(pages), failed, lossyPages, unstable)
	assert.Equal(t, [3]int{}, failed, "every page converts")
	assert.Equal(t, [3]int{}, unstable, "converting a result again changes nothing")
}

func TestRewriteDuringConversion(t *testing.T) {
	move := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/"})
	src := []byte("---\ntitle: T\nimage: /images/og.png\nvariant: markdown\n---\n![A cat](/images/cat%20one.png)\n\n[Doc](/files/x.pdf) and <img src=\"/images/raw.png\" alt=\"raw\">\n")

	out, _, err := ToTiptap(src, WithRewrite(move))
	require.NoError(t, err)
	s := string(out)
	assert.Contains(t, s, "image: /media/images/og.png\n")
	assert.Contains(t, s, `src="/media/images/cat%20one.png"`)
	assert.Contains(t, s, `src="/media/images/raw.png"`)
	assert.Contains(t, s, `href="/files/x.pdf"`)

	// Normalizing a Markdown page rewrites only the bytes of the URLs.
	out, _, err = Normalize(src, WithRewrite(move), WithFrontMatterRules(frontmatter.NoRules))
	require.NoError(t, err)
	want := strings.NewReplacer("/images/", "/media/images/").Replace(string(src))
	assert.Equal(t, want, string(out))

	// A failing hook stops the page with the position of the reference.
	fail := func(r rewrite.Ref) (string, error) {
		if strings.Contains(r.URL, "x.pdf") {
			return "", errors.New("no such file")
		}
		return r.URL, nil
	}
	_, _, err = ToMarkdown(src, WithRewrite(fail))
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	var re *rewrite.Error
	require.True(t, errors.As(err, &re))
	assert.Equal(t, 8, e.Pos.Line)

	_, err = New(WithRewrite(nil))
	assert.Error(t, err)
}
