package rewrite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/kramdown"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// kramdownHTML converts srcs with real kramdown (see internal/kramdown);
// a text kramdown fails on gives an HTML comment with the error.
func kramdownHTML(t *testing.T, srcs []string) []string {
	t.Helper()
	res := kramdown.Convert(t, srcs)
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.HTML
		if r.Error != "" {
			out[i] = "<!-- error: " + r.Error + " -->"
		}
	}
	return out
}

// kramdownURLs returns the URL attributes of kramdown's HTML, in
// order, as "attr=value", leaving out the footnote links kramdown makes.
func kramdownURLs(out string) []string {
	var urls []string
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return urls
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		seen := map[string]bool{}
		generated := false
		for _, a := range tok.Attr {
			if a.Key == "class" && (a.Val == "footnote" || a.Val == "reversefootnote") ||
				a.Key == "id" && strings.HasPrefix(a.Val, "markdown-toc-") {
				generated = true // footnote and table of contents links
			}
		}
		for _, a := range tok.Attr {
			if seen[a.Key] || generated {
				continue
			}
			seen[a.Key] = true
			if urlAttr(tok.Data, a.Key, tok.Attr) {
				urls = append(urls, a.Key+"="+strings.Trim(a.Val, " \t\n\f\r"))
			}
		}
	}
}

// hideLiquid replaces each Liquid tag and output of s by a word
// ("tmdliquid7q"), since Jekyll runs Liquid before kramdown reads the
// page, and returns the Liquid replaced.
func hideLiquid(s string) (string, []string) {
	var b strings.Builder
	var found []string
	for i := 0; i < len(s); i++ {
		if e := liquid.End(s, i); e > 0 {
			fmt.Fprintf(&b, "tmdliquid%dq", len(found))
			found = append(found, s[i:e])
			i = e - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String(), found
}

// showLiquid puts the Liquid hidden by hideLiquid back.
func showLiquid(s string, liquid []string) string {
	for i := len(liquid) - 1; i >= 0; i-- {
		s = strings.ReplaceAll(s, fmt.Sprintf("tmdliquid%dq", i), liquid[i])
	}
	return s
}

// TestRewriteKramdownOracle checks the references found in the Markdown
// pages of the corpus and the Markdown inputs of the golden archives
// against real kramdown: the URLs of links, images
// and iframes in the HTML kramdown makes of each body must be the URLs
// Markdown finds, in the same order (Markdown links and images
// become <a href> and <img src>; raw HTML goes through). Liquid is
// replaced by a word before kramdown reads the page, as Jekyll renders
// it first.
func TestRewriteKramdownOracle(t *testing.T) {
	var bodies, paths []string
	var hidden [][]string
	for _, p := range corpusPages(t) {
		fm, err := frontmatter.Parse(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		if isHTMLPage(fm, PageInfo{Path: p.Path}) || len(bytes.TrimSpace(fm.Body())) == 0 {
			continue
		}
		body, liquid := hideLiquid(string(fm.Body()))
		bodies = append(bodies, body)
		hidden = append(hidden, liquid)
		paths = append(paths, p.Path)
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "rewrite", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		a, err := txtar.ParseFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name == "in.md" {
				body, liquid := hideLiquid(string(f.Data))
				bodies = append(bodies, body)
				hidden = append(hidden, liquid)
				paths = append(paths, g)
			}
		}
	}
	outs := kramdownHTML(t, bodies)
	same, reordered, refs := 0, 0, 0
	for i, body := range bodies {
		want := kramdownURLs(outs[i])
		for j := range want {
			want[j] = showLiquid(want[j], hidden[i])
		}
		body = showLiquid(body, hidden[i])
		_, found, err := Markdown([]byte(body), PageInfo{Path: paths[i]}, nil)
		if err != nil {
			t.Errorf("%s: %v", paths[i], err)
			continue
		}
		var got []string
		for _, r := range found {
			switch {
			case r.Field == "" && r.Kind == KindImage:
				got = append(got, "src="+strings.Trim(r.URL, " \t\n\f\r"))
			case r.Field == "":
				got = append(got, "href="+strings.Trim(r.URL, " \t\n\f\r"))
			case r.Kind != KindSrcset && r.Field != "style":
				got = append(got, r.Field+"="+r.URL)
			}
		}
		refs += len(got)
		if strings.Join(got, "\n") == strings.Join(want, "\n") {
			same++
			continue
		}
		if sameModuloDefinitions(got, want, definitions(t, body)) {
			// The same references, in another order (an image inside a
			// link comes first in the source, second in the HTML) or
			// with reference definitions (one ref where a definition is
			// written, a link wherever it is used, nothing when unused).
			same++
			reordered++
			continue
		}
		t.Errorf("%s: the refs differ from kramdown's HTML\n%s\nfound:\n%s\nkramdown:\n%s", paths[i], firstDiff(got, want), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	t.Logf("%d of %d Markdown texts (%d references) match kramdown (%d in another order)", same, len(bodies), refs, reordered)
}

// definitions returns the URLs of the reference definitions of a
// Markdown body.
func definitions(t *testing.T, body string) map[string]bool {
	refs, err := markdown.Refs([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	defs := make(map[string]bool)
	for _, r := range refs {
		if r.Kind == markdown.RefLinkDefinition || r.Kind == markdown.RefImageDefinition {
			defs[decodeMdRefs(r.URL)] = true
		}
	}
	return defs
}

// sameModuloDefinitions reports whether got and want hold the same
// URLs in any order, but for the URLs of definitions, which may be in
// either any number of times.
func sameModuloDefinitions(got, want []string, defs map[string]bool) bool {
	strip := func(a []string) []string {
		var out []string
		for _, s := range a {
			if _, u, _ := strings.Cut(s, "="); !defs[u] {
				out = append(out, s)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(strip(got), strip(want))
}

func firstDiff(got, want []string) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("ref %d: found    %q\n        kramdown %q", i, g, w)
		}
	}
	return ""
}
