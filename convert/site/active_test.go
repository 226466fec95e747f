package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/kramdown"
	"github.com/tiptapmd/tiptapmd/internal/xss"
)

// The active-content suite: every vector of internal/xss, as the body of
// a Markdown page and of a tiptap page, through ToTiptap, ToMarkdown and
// Normalize. What a visitor's browser would run is measured on the page
// as Jekyll serves it (Liquid run, then kramdown for a Markdown body; a
// tiptap body as the HTML it is), with a checker of its own that shares
// no code with the converters. No result may run anything its source did
// not, and a tiptap result runs nothing at all.

// xLiquid runs the Liquid this suite uses as Jekyll would: string
// outputs, assign, capture, and the strip filter.
var xLiquidRE = regexp.MustCompile(`(?s)\{\{-?\s*(.*?)\s*-?\}\}|\{%-?\s*(\w+)(.*?)-?%\}`)

func xLiquid(s string) string {
	vars := map[string]string{}
	var out strings.Builder
	var capture *strings.Builder
	captureName := ""
	w := func(t string) {
		if capture != nil {
			capture.WriteString(t)
		} else {
			out.WriteString(t)
		}
	}
	value := func(expr string) string {
		expr = strings.TrimSpace(strings.SplitN(expr, "|", 2)[0])
		if len(expr) >= 2 && (expr[0] == '"' || expr[0] == '\'') && expr[len(expr)-1] == expr[0] {
			return expr[1 : len(expr)-1]
		}
		return vars[expr]
	}
	last := 0
	for _, m := range xLiquidRE.FindAllStringSubmatchIndex(s, -1) {
		w(s[last:m[0]])
		last = m[1]
		if m[2] >= 0 {
			w(value(s[m[2]:m[3]]))
			continue
		}
		tag, rest := s[m[4]:m[5]], s[m[6]:m[7]]
		switch tag {
		case "assign":
			if k, v, ok := strings.Cut(rest, "="); ok {
				vars[strings.TrimSpace(k)] = value(v)
			}
		case "capture":
			capture, captureName = &strings.Builder{}, strings.TrimSpace(rest)
		case "endcapture":
			if capture != nil {
				vars[captureName] = capture.String()
				capture = nil
			}
		}
	}
	w(s[last:])
	return out.String()
}

// xPage is one page of the suite: its variant and body.
type xPage struct {
	variant convert.Variant
	body    string
}

func xMake(v convert.Variant, body string) []byte {
	return []byte("---\ntitle: Vector\nvariant: " + string(v) + "\n---\n" + body + "\n")
}

func xSplit(t *testing.T, page []byte) xPage {
	p, err := frontmatter.Parse(page)
	require.NoError(t, err)
	v, _ := p.String("variant")
	return xPage{convert.Variant(v), string(p.Body())}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestActiveContentVectors runs the suite: no result is more active than
// its source, a tiptap result is not active at all, and a result that
// lost active content has an entry for review.
func TestActiveContentVectors(t *testing.T) {
	vectors := xss.All()
	require.GreaterOrEqual(t, len(vectors), 166)
	type run struct {
		name     string
		src, out xPage
		report   *convert.Report
	}
	var runs []run
	ops := []struct {
		name string
		fn   func([]byte, ...convert.Option) ([]byte, *convert.Report, error)
	}{{"ToTiptap", convert.ToTiptap}, {"ToMarkdown", convert.ToMarkdown}, {"Normalize", convert.Normalize}}
	for _, vec := range vectors {
		for _, v := range []convert.Variant{convert.Markdown, convert.Tiptap} {
			body := vec.Body
			if v == convert.Tiptap && !strings.HasPrefix(body, "<") {
				body = "<p>" + body + "</p>" // a tiptap body is HTML
			}
			src := xMake(v, body)
			for _, op := range ops {
				name := fmt.Sprintf("%s/%s/%s", vec.Name, v, op.name)
				out, r, err := op.fn(src)
				if err != nil {
					// Refusing a page would be safe, but every vector
					// is a page that converts.
					var ce *convert.Error
					assert.True(t, errors.As(err, &ce), "%s: error %v is not an *Error", name, err)
					t.Errorf("%s: %v", name, err)
					continue
				}
				require.NotNil(t, r, name)
				runs = append(runs, run{name, xPage{v, body}, xSplit(t, out), r})
			}
		}
	}
	// What a browser gets: Liquid run, then kramdown for Markdown.
	var mds []string
	index := map[string]int{}
	served := func(p xPage) string {
		s := xLiquid(p.body)
		if p.variant == convert.Markdown {
			if _, ok := index[s]; !ok {
				index[s] = len(mds)
				mds = append(mds, s)
			}
		}
		return s
	}
	for _, r := range runs {
		served(r.src)
		served(r.out)
	}
	htmls := kramdown.Convert(t, mds)
	features := func(p xPage) map[string]int {
		s := xLiquid(p.body)
		if p.variant == convert.Markdown {
			s = htmls[index[s]].HTML
		}
		return xss.Features(s)
	}
	activeSources, tiptapOut := 0, 0
	for _, r := range runs {
		before, after := features(r.src), features(r.out)
		if len(before) > 0 {
			activeSources++
		}
		for kind, n := range after {
			assert.LessOrEqual(t, n, before[kind], "%s: the result has %d %s where the source has %d\nsource:\n%s\nresult:\n%s", r.name, n, kind, before[kind], r.src.body, r.out.body)
		}
		if total(after) < total(before) && r.report.Max() != tiptapmd.Review {
			t.Errorf("%s: active content removed without a review entry\nsource:\n%s\nresult:\n%s\nreport:\n%v", r.name, r.src.body, r.out.body, r.report.Items)
		}
		if r.out.variant == convert.Tiptap {
			tiptapOut++
			assert.Empty(t, after, "%s: a tiptap result runs script\n%s", r.name, r.out.body)
			// Also as stored, before Jekyll runs its Liquid.
			assert.Empty(t, xss.Features(r.out.body), "%s: a tiptap result runs script\n%s", r.name, r.out.body)
		}
	}
	t.Logf("%d vectors, %d conversions (%d sources active as served, %d tiptap results)", len(vectors), len(runs), activeSources, tiptapOut)
	assert.Greater(t, activeSources, len(runs)/2, "the checker finds the vectors active")
}

// TestInstagramSanitized: an Instagram embed keeps its caption and
// placeholder and loses, with review entries, what the CMS removes.
func TestInstagramSanitized(t *testing.T) {
	src := xMake(convert.Tiptap, `<div class="instagram-wrapper"><blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/" data-instgrm-version="14" onmouseover="alert(1)"><div><img src=x onerror="alert(1)"><script>alert(1)</script><a href="javascript:alert(1)">x</a><iframe srcdoc="<script>alert(1)</script>"></iframe></div><p><a href="https://www.instagram.com/p/abc/">A caption</a></p></blockquote><script async="true" src="//www.instagram.com/embed.js"></script></div>`)
	for _, op := range []func([]byte, ...convert.Option) ([]byte, *convert.Report, error){convert.Normalize, convert.ToMarkdown} {
		out, r, err := op(src)
		require.NoError(t, err)
		s := string(out)
		assert.Contains(t, s, `<a href="https://www.instagram.com/p/abc/">A caption</a>`)
		assert.Contains(t, s, `src="//www.instagram.com/embed.js"`)
		for _, bad := range []string{"onmouseover", "onerror", "alert", "srcdoc", "javascript:"} {
			assert.NotContains(t, s, bad)
		}
		codes := map[tiptapmd.Code]tiptapmd.Severity{}
		for _, e := range r.Items {
			codes[e.Code] = max(codes[e.Code], e.Severity)
		}
		for _, c := range []tiptapmd.Code{"active-content", "dropped-script", "unsafe-url", "dropped-element"} {
			assert.Equal(t, tiptapmd.Review, codes[c], "entry %s", c)
		}
	}
}

// TestMarkdownBodyOfTiptapPage: a variant: tiptap page whose body is
// Markdown is read as Markdown, with an entry; in the corpus exactly one
// of the 329 tiptap pages is such a page, and converting it to Markdown
// keeps its body as written.
func TestMarkdownBodyOfTiptapPage(t *testing.T) {
	src := xMake(convert.Tiptap, "Intro.\n\n## Heading\n\n- item **bold**\n")
	out, r, err := convert.Normalize(src)
	require.NoError(t, err)
	assert.Contains(t, string(out), "<h2>Heading</h2>")
	assert.Contains(t, string(out), "<strong>bold</strong>")
	require.NotEmpty(t, r.Items)
	assert.Equal(t, tiptapmd.Note{Code: convert.CodeMarkdownBody, Severity: tiptapmd.Review, Pos: tiptapmd.Pos{Line: 5, Column: 1}, Message: r.Items[0].Message}, r.Items[0])

	out, _, err = convert.ToMarkdown(src)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: Vector\nvariant: markdown\n---\nIntro.\n\n## Heading\n\n- item **bold**\n\n", string(out), "the body is kept as written")

	// Real tiptap HTML is never taken for Markdown.
	for _, body := range []string{"", "\n", "<p>x</p>", "\n  <p>## not a heading</p>", "<!-- c -->\n<p>x</p>"} {
		_, r, err := convert.Normalize(xMake(convert.Tiptap, body))
		require.NoError(t, err)
		for _, e := range r.Items {
			assert.NotEqual(t, convert.CodeMarkdownBody, e.Code, "%q", body)
		}
	}

	pages := corpus.Variant(corpus.Pages(t), "tiptap")
	require.NotEmpty(t, pages)
	var found []string
	for _, p := range pages {
		_, r, err := convert.Normalize(p.Data)
		require.NoError(t, err, p.Path)
		for _, e := range r.Items {
			if e.Code == convert.CodeMarkdownBody {
				found = append(found, p.Path)
				fp, err := frontmatter.Parse(p.Data)
				require.NoError(t, err)
				assert.NotRegexp(t, `<[A-Za-z]`, string(fp.Body()), "%s: a body with HTML tags taken for Markdown", p.Path)
			}
		}
	}
	sort.Strings(found)
	t.Logf("%d tiptap pages, %d with a Markdown body: %q", len(pages), len(found), found)
	// The one such page of the full corpus is in the sample too.
	require.Len(t, found, 1, "pages taken for Markdown: %q", found)
	assert.Contains(t, found[0], "SEEDS appoints 13 new partners")
}

// TestRewriteRefusesScriptURL: a rewrite never writes a javascript:,
// vbscript: or data: URL, in a Markdown body, in a document or in front
// matter; a URL the page already had is kept.
func TestRewriteRefusesScriptURL(t *testing.T) {
	evil := rewrite.PrefixMap(map[string]string{"/old/": "javascript:alert(1)//"})
	pages := map[string][]byte{
		"markdown":    []byte("---\ntitle: T\n---\n[x](/old/a)\n"),
		"tiptap":      []byte("---\ntitle: T\nvariant: tiptap\n---\n<p><a href=\"/old/a\">x</a></p>"),
		"frontmatter": []byte("---\ntitle: T\npermalink: /old/a/\n---\nBody\n"),
	}
	for name, src := range pages {
		for _, op := range []convert.Op{convert.OpNormalize, convert.OpToTiptap, convert.OpRewrite} {
			c, err := convert.New(convert.WithRewrite(evil), convert.WithRewriteFields("permalink"))
			require.NoError(t, err)
			out, r, err := c.Convert(op, name+".md", src)
			if op == convert.OpRewrite {
				// A rewrite alone refuses a URL of another kind (a new
				// scheme) by leaving it as it was, with a review entry.
				require.NoError(t, err, "%s %v", name, op)
				assert.NotContains(t, string(out), "javascript:", "%s %v", name, op)
				assert.True(t, slices.ContainsFunc(r.Items, func(e tiptapmd.Note) bool {
					return e.Code == convert.CodeKindChanged && e.Severity == tiptapmd.Review
				}), "%s %v: no %s entry in %v", name, op, convert.CodeKindChanged, r.Items)
				continue
			}
			require.Error(t, err, "%s %v: wrote %s", name, op, out)
			assert.ErrorIs(t, err, rewrite.ErrUnsafeURL, "%s %v", name, op)
			var re *rewrite.Error
			if assert.ErrorAs(t, err, &re) {
				assert.True(t, re.Ref.Pos.IsValid(), "%s %v: no position", name, op)
			}
		}
	}
	// A script URL that was there is no reason to fail the page.
	keep := func(r rewrite.Ref) (string, error) { return r.URL, nil }
	_, _, err := rewrite.Markdown([]byte("[x](javascript:alert(1))\n"), rewrite.PageInfo{Path: "p.md"}, keep)
	assert.NoError(t, err)
}

// TestActiveContentBatch mixes every vector, in both variants, into a
// copy of a real site and converts the site to tiptap and back in place:
// every page converts, the JSON report is valid and names every page, and
// no tiptap page of the site runs script afterwards.
func TestActiveContentBatch(t *testing.T) {
	site := "isomerpages__pa-ccc"
	dir := t.TempDir()
	n := 0
	for _, p := range corpus.Pages(t) {
		if p.Site != site {
			continue
		}
		dst := filepath.Join(dir, filepath.FromSlash(p.Path))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, p.Data, 0o644))
		n++
	}
	require.NotZero(t, n, "corpus site %s", site)
	vecDir := filepath.Join(dir, site, "pages", "vectors")
	require.NoError(t, os.MkdirAll(vecDir, 0o755))
	vectors := xss.All()
	for i, vec := range vectors {
		for _, v := range []convert.Variant{convert.Markdown, convert.Tiptap} {
			body := vec.Body
			if v == convert.Tiptap && !strings.HasPrefix(body, "<") {
				body = "<p>" + body + "</p>"
			}
			name := fmt.Sprintf("v%03d-%s.md", i, v)
			require.NoError(t, os.WriteFile(filepath.Join(vecDir, name), xMake(v, body), 0o644))
		}
	}
	for _, op := range []convert.Op{convert.OpToTiptap, convert.OpToMarkdown} {
		var buf bytes.Buffer
		rw := NewReportWriter(&buf, ReportJSON)
		failed := 0
		b := &Batch{Page: Convert(newConverter(t), op)}
		sum, err := b.Run(context.Background(), []string{filepath.Join(dir, site)}, func(r *PageResult) error {
			if r.Status == StatusFailed && strings.Contains(r.Path, "vectors") {
				failed++
				t.Errorf("%v %s: %v", op, r.Path, r.Err)
			}
			return rw.Write(r)
		})
		require.NoError(t, err)
		require.NoError(t, rw.Close(sum))
		var report struct {
			Pages []struct {
				Path string `json:"path"`
			} `json:"pages"`
		}
		require.NoError(t, json.Unmarshal(buf.Bytes(), &report), "the report is valid JSON")
		assert.Equal(t, sum.Pages, len(report.Pages))
		assert.GreaterOrEqual(t, sum.Pages, n+2*len(vectors))
		assert.Zero(t, failed)
		if op == convert.OpToTiptap {
			tree := readTree(t, vecDir)
			require.Len(t, tree, 2*len(vectors))
			for name, data := range tree {
				p := xSplit(t, []byte(data))
				assert.Empty(t, xss.Features(p.body), "%s runs script after the batch", name)
			}
		}
	}
}
