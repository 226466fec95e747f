package rewrite

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// corpusPages returns the pages of the corpus: the in-repository
// sample, or the full corpus (see package internal/corpus).
func corpusPages(t testing.TB) []corpus.Page {
	t.Helper()
	return corpus.Pages(t)
}

// variant names the variant of a corpus page for counts: "tiptap",
// "markdown", or "none" when the front matter has no variant key.
func variant(p corpus.Page) string {
	if v := p.Variant(); v != "" {
		return v
	}
	return "none"
}

func keep(r Ref) (string, error) { return r.URL, nil }

func appendX(r Ref) (string, error) { return r.URL + "x", nil }

// TestRewriteCorpusIdentity checks that rewriting every page of the
// corpus with a Func that keeps every URL changes no byte, and
// logs how many references of each kind were found in each variant.
func TestRewriteCorpusIdentity(t *testing.T) {
	pages := corpusPages(t)
	counts := make(map[string]map[Kind]int)
	total := 0
	for _, p := range pages {
		out, refs, err := Page(p.Data, PageInfo{Path: p.Path}, nil, keep)
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		if !bytes.Equal(out, p.Data) {
			t.Errorf("%s: the identity rewrite changed the page", p.Path)
		}
		v := variant(p)
		if counts[v] == nil {
			counts[v] = make(map[Kind]int)
		}
		for _, r := range refs {
			counts[v][r.Kind]++
			if r.Page.Path != p.Path {
				t.Fatalf("%s: ref with page %q", p.Path, r.Page.Path)
			}
		}
		total += len(refs)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d pages, %d refs\n%-10s", len(pages), total, "variant")
	for k := KindLink; k <= KindResource; k++ {
		fmt.Fprintf(&b, " %12s", k)
	}
	var vs []string
	for v := range counts {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	for _, v := range vs {
		fmt.Fprintf(&b, "\n%-10s", v)
		for k := KindLink; k <= KindResource; k++ {
			fmt.Fprintf(&b, " %12d", counts[v][k])
		}
	}
	t.Log(b.String())
	// corpus-stats.md §5.2 counts the tiptap bodies of the full corpus
	// with a regular expression: 466 a@href, 706 img@src, 31 iframe@src;
	// those of the sample have 142, 152 and 6.
	want := corpus.Pick([3]int{158, 150, 5}, [3]int{466, 706, 31})
	if tt := counts["tiptap"]; [3]int{tt[KindLink] + tt[KindCardLink], tt[KindImage], tt[KindIframe]} != want {
		t.Errorf("tiptap bodies: %d links, %d images, %d iframes; want %v",
			tt[KindLink]+tt[KindCardLink], tt[KindImage], tt[KindIframe], want)
	}
}

// withoutSpans returns src without the bytes of the sites.
func withoutSpans(src []byte, sites []refSite) []byte {
	var out []byte
	last := 0
	for _, s := range sites {
		if s.start < last {
			continue
		}
		out = append(out, src[last:s.start]...)
		last = s.end
	}
	return append(out, src[last:]...)
}

// widenChanged widens the sites whose change goes beyond the URL, so
// that the comparison of what is around URLs counts them as URL bytes:
// attribute values that were unquoted and gained quotes, and autolinks
// that became inline links.
func widenChanged(src []byte, old, neu []refSite) {
	for i := range old {
		if i >= len(neu) {
			return
		}
		switch o, n := &old[i], &neu[i]; {
		case o.ctx == ctxAttr && o.quote == 0 && n.quote != 0:
			n.start--
			n.end++
		case (o.ctx == ctxMdAutolink || o.ctx == ctxMdEmail) && n.ctx != o.ctx:
			text := mdText(string(src[o.start:o.end]))
			o.start--
			o.end++
			n.start -= len("[" + text + "](")
			n.end++
			if o.start > 0 && src[o.start-1] == '!' && !escaped(src, o.start-1) {
				o.start-- // "!" became "\!"
				n.start -= 2
			}
		}
	}
}

// bodySites returns the sites of a page body.
func bodySites(t *testing.T, body []byte, html bool) []refSite {
	t.Helper()
	if html {
		sites := scanHTML(body, 0, len(body), nil)
		sortSites(sites)
		return sites
	}
	sites, err := markdownSites(body)
	if err != nil {
		t.Fatal(err)
	}
	return sites
}

// TestRewriteCorpusURLBytesOnly rewrites every URL of every page (an
// "x" appended) and checks that only the bytes of URLs changed: with the
// URLs of the old and the new body cut out, the rest is the same, and
// the new body has as many references. In the front matter, only the
// values change.
func TestRewriteCorpusURLBytesOnly(t *testing.T) {
	for _, p := range corpusPages(t) {
		out, refs, err := Page(p.Data, PageInfo{Path: p.Path}, nil, appendX)
		if err != nil {
			t.Errorf("%s: %v", p.Path, err)
			continue
		}
		before, err := frontmatter.Parse(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		after, err := frontmatter.Parse(out)
		if err != nil {
			t.Errorf("%s: the rewritten page does not parse: %v", p.Path, err)
			continue
		}
		isHTML := isHTMLPage(before, PageInfo{Path: p.Path})
		old, neu := bodySites(t, before.Body(), isHTML), bodySites(t, after.Body(), isHTML)
		if len(old) != len(neu) {
			t.Errorf("%s: %d refs before, %d after", p.Path, len(old), len(neu))
			continue
		}
		for i := range old {
			if neu[i].url != old[i].url+"x" {
				t.Errorf("%s: ref %d reads back as %q, want %q", p.Path, i, neu[i].url, old[i].url+"x")
				break
			}
		}
		widenChanged(before.Body(), old, neu)
		if !bytes.Equal(withoutSpans(before.Body(), old), withoutSpans(after.Body(), neu)) {
			t.Errorf("%s: bytes other than URLs changed in the body", p.Path)
		}
		// Front matter: the new block is the old one with an "x" after
		// each URL, and nothing else.
		fmOld, fmNew := p.Data[:len(p.Data)-len(before.Body())], out[:len(out)-len(after.Body())]
		fmRefs := 0
		for _, r := range refs {
			if r.Pos.Line < before.BodyLine() {
				fmRefs++
			}
		}
		if n, ok := onlyInserted(fmOld, fmNew, 'x'); !ok || n != fmRefs {
			t.Errorf("%s: the front matter changed other than by an x after each of its %d URLs (%d x, %v):\n%s", p.Path, fmRefs, n, ok, fmNew)
		}
	}
}

// onlyInserted reports whether b is a with bytes c inserted, and how
// many.
func onlyInserted(a, b []byte, c byte) (int, bool) {
	i, n := 0, 0
	for j := 0; j < len(b); j++ {
		if i < len(a) && a[i] == b[j] {
			i++
			continue
		}
		if b[j] != c {
			return n, false
		}
		n++
	}
	return n, i == len(a)
}

// TestRewriteScannerMatchesTokenizer checks, on every tiptap body and
// every raw HTML page of the corpus, that the HTML scanner reads the
// same attribute values as golang.org/x/net/html's tokenizer for the
// attributes it reports (pages with Liquid inside tags, which the
// tokenizer does not know, are left out).
func TestRewriteScannerMatchesTokenizer(t *testing.T) {
	checked := 0
	for _, p := range corpusPages(t) {
		fm, err := frontmatter.Parse(p.Data)
		if err != nil {
			t.Fatal(err)
		}
		if !isHTMLPage(fm, PageInfo{Path: p.Path}) || bytes.Contains(fm.Body(), []byte("{{")) || bytes.Contains(fm.Body(), []byte("{%")) {
			continue
		}
		body := fm.Body()
		var want []string
		z := html.NewTokenizer(bytes.NewReader(body))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				if seen[a.Key] {
					continue
				}
				seen[a.Key] = true
				if urlAttr(tok.Data, a.Key, tok.Attr) {
					want = append(want, tok.Data+"@"+a.Key+"="+strings.Trim(a.Val, " \t\n\f\r"))
				}
			}
		}
		var got []string
		s := &htmlScanner{src: body, end: len(body)}
		s.scan(0)
		for _, x := range s.sites {
			if x.ctx == ctxAttr {
				got = append(got, x.field+"="+x.url)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: scanner found %d URL attributes, tokenizer %d", p.Path, len(got), len(want))
			continue
		}
		for i := range got {
			if _, v, _ := strings.Cut(want[i], "@"); v != got[i] {
				t.Errorf("%s: attribute %d: scanner %q, tokenizer %q", p.Path, i, got[i], want[i])
				break
			}
		}
		checked++
	}
	t.Logf("%d HTML pages checked", checked)
	if want := corpus.Pick(44, 368); checked < want {
		t.Errorf("only %d HTML pages checked, want %d", checked, want)
	}
}

// urlAttr is the table of htmlScanner.element, for the comparison
// with the tokenizer (srcset and style are left out: they are split
// further).
func urlAttr(tag, key string, attrs []html.Attribute) bool {
	switch tag + "@" + key {
	case "a@href", "area@href", "form@action", "button@formaction", "input@formaction",
		"img@src", "source@src", "iframe@src", "frame@src", "embed@src", "object@data",
		"video@src", "video@poster", "audio@src", "track@src", "script@src", "link@href":
		return true
	case "input@src":
		for _, a := range attrs {
			if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "image") {
				return true
			}
		}
	}
	return false
}
