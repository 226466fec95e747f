package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
)

// siteFiles returns the pages and YAML files of each corpus site, by
// site and path.
func siteFiles(t *testing.T) map[string]map[string][]byte {
	t.Helper()
	dir := corpusDir(t)
	sites, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]byte{}
	for _, s := range sites {
		if !s.IsDir() {
			continue
		}
		fsys := os.DirFS(filepath.Join(dir, s.Name()))
		pages, err := Walk(fsys)
		if err != nil {
			t.Fatal(err)
		}
		data, err := WalkData(fsys)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, name := range append(pages, data...) {
			b, err := os.ReadFile(filepath.Join(dir, s.Name(), filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = b
		}
		out[s.Name()] = files
	}
	return out
}

// rewriteSiteFile rewrites one file of a site as the rewrite command does.
func rewriteSiteFile(name string, src []byte, fn rewrite.Func) ([]byte, []rewrite.Ref, error) {
	if rewrite.IsData(name) {
		return rewrite.Data(src, name, fn)
	}
	return rewrite.Page(src, rewrite.PageInfo{Path: name}, nil, fn)
}

// TestRewriteSiteCorpus rewrites every page and YAML file of every
// corpus site: the identity map changes no byte of any of them (front
// matter at depth, _data, _config.yml included); a real map,
// /images/ to /media/images/ (on root-relative, own-host and
// {{ site.baseurl }} URLs),
// changes only URL bytes: replacing "/media/images/" by "/images/" in
// the new file gives the old one back, byte for byte. With relative URLs
// resolved too, no reference is left under /images/.
func TestRewriteSiteCorpus(t *testing.T) {
	ident := rewrite.PrefixMap(map[string]string{"/images/": "/images/", "/files/": "/files/"})
	files, moved, refs := 0, 0, 0
	for site, all := range siteFiles(t) {
		hosts := configHost(os.DirFS(filepath.Join(corpusDir(t), site)))
		mv := rewrite.LiquidPaths(rewrite.HostPaths(rewrite.PrefixMap(map[string]string{"/images/": "/media/images/"}), hosts...))
		// Relative URLs resolved too: they become root-relative, so the
		// text cannot map them back, but nothing is left under /images/.
		mvAll := rewrite.Resolved(mv)
		for name, src := range all {
			same, found, err := rewriteSiteFile(name, src, ident)
			var pe interface{ Unwrap() error }
			if err != nil {
				if !errors.As(err, &pe) {
					t.Errorf("%s/%s: %v", site, name, err)
				}
				continue // a page whose front matter cannot be read
			}
			files++
			refs += len(found)
			if !bytes.Equal(same, src) {
				t.Errorf("%s/%s: the identity map changed the file", site, name)
			}
			if bytes.Contains(src, []byte("/media/images/")) {
				continue // cannot be mapped back by text
			}
			out, _, err := rewriteSiteFile(name, src, mv)
			if err != nil {
				t.Errorf("%s/%s: %v", site, name, err)
				continue
			}
			if !bytes.Equal(out, src) {
				moved++
			}
			if back := bytes.ReplaceAll(out, []byte("/media/images/"), []byte("/images/")); !bytes.Equal(back, src) {
				t.Errorf("%s/%s: bytes other than URLs changed", site, name)
			}
			// Nothing under /images/ is left among the references.
			all, _, err := rewriteSiteFile(name, src, mvAll)
			if err != nil {
				t.Errorf("%s/%s: %v", site, name, err)
				continue
			}
			_, after, err := rewriteSiteFile(name, all, nil)
			if err != nil {
				t.Errorf("%s/%s: the rewritten file does not read back: %v", site, name, err)
				continue
			}
			for _, r := range after {
				ref := r
				if u, err := rewrite.Chain(rewrite.StripBaseURL(), rewrite.OwnDomain(hosts...), rewrite.RootRelative())(ref); err == nil && strings.HasPrefix(u, "/images/") {
					t.Errorf("%s/%s:%s: %q still names /images/", site, name, r.Pos, r.URL)
				}
			}
		}
	}
	t.Logf("%d files, %d references; the map changed %d files", files, refs, moved)
	if moved == 0 {
		t.Error("the map changed nothing")
	}
}

func TestRewriteKindChange(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		refused  bool
	}{
		{"/a/", "/b/", false},
		{"https://www.x.gov.sg/a/", "/a/", false},
		{"images/a.png", "/media/images/a.png", false},
		{"{{ site.baseurl }}/a/", "/a/", false},
		{"/files/a.pdf", "https://cdn.x.sg/a.pdf", false},
		{"http://x.sg/a", "https://x.sg/a", false},
		{"//cdn.x.sg/a", "//cdn2.x.sg/a", false},
		{"https://x.sg/a", "//x.sg/a", false},
		{"/suppliers/a/", "//suppliers/a/", true},
		{"a.png", "//a.png", true},
		{"/a/", "mailto:a@b.c", true},
		{"/a/", "javascript:alert(1)", true},
		{"https://x.sg/a", "ftp://x.sg/a", true},
		{"/a/", "", true},
		{"/a/", "#top", true},
		{"mailto:a@b.c", "mailto:d@e.f", false},
	} {
		why := rewrite.KindChange(tc.old, tc.new)
		if (why != "") != tc.refused {
			t.Errorf("%q -> %q: %q", tc.old, tc.new, why)
		}
	}
}

func TestPrefixMapJoin(t *testing.T) {
	fn := rewrite.PrefixMap(map[string]string{"https://www.x.gov.sg": "/", "https://old.x.gov.sg/": "/"})
	for in, want := range map[string]string{
		"https://www.x.gov.sg/suppliers/cpsr/": "/suppliers/cpsr/",
		"https://www.x.gov.sg":                 "/",
		"https://www.x.gov.sg/":                "/",
		"https://www.x.gov.sg?a=1":             "/?a=1",
		"https://old.x.gov.sg/a":               "/a",
		"https://www.x.gov.sg.evil.com/a":      "https://www.x.gov.sg.evil.com/a",
	} {
		if got, _ := fn(rewrite.Ref{URL: in}); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestResolvedLiquidAndHostPaths(t *testing.T) {
	m := rewrite.PrefixMap(map[string]string{"/images/": "/media/images/", "img/": "pictures/"})
	fn := rewrite.Resolved(rewrite.LiquidPaths(rewrite.HostPaths(m, "www.x.gov.sg")))
	page := rewrite.PageInfo{Path: "pages/a.md", Permalink: "/a/"}
	post := rewrite.PageInfo{Path: "_posts/2024-01-02-a.md"}
	for _, tc := range []struct {
		url  string
		page rewrite.PageInfo
		want string
	}{
		{"/images/a.png", page, "/media/images/a.png"},
		{"../images/a.png", page, "/media/images/a.png"},
		{"images/a.png", page, "images/a.png"}, // /a/images/a.png: not under /images/
		{"img/a.png", page, "pictures/a.png"},  // a relative key matches as written first
		{"../images/a.png", post, "../images/a.png"},
		{"https://www.x.gov.sg/images/a.png?v=1", page, "https://www.x.gov.sg/media/images/a.png?v=1"},
		{"http://x.gov.sg/images/a.png", page, "http://x.gov.sg/media/images/a.png"},
		{"https://other.sg/images/a.png", page, "https://other.sg/images/a.png"},
		{"../about/", page, "../about/"},
		{"{{site.baseurl}}/images/a.png", page, "{{site.baseurl}}/media/images/a.png"},
		{"{{ site.url }}{{ site.baseurl }}/images/a.png#x", page, "{{ site.url }}{{ site.baseurl }}/media/images/a.png#x"},
		{`{{- "/images/a.png" | absolute_url -}}`, page, `{{- "/media/images/a.png" | absolute_url -}}`},
		{`{{ 'images/a.png' | relative_url }}?v=1`, page, `{{ 'media/images/a.png' | relative_url }}?v=1`},
		{"{{ page.image }}", page, "{{ page.image }}"},
	} {
		got, err := fn(rewrite.Ref{URL: tc.url, Page: tc.page})
		if err != nil || got != tc.want {
			t.Errorf("%q in %s: got %q, %v; want %q", tc.url, tc.page.Path, got, err, tc.want)
		}
	}
}

// TestRewritePageFuncRefusesKindChange: a new URL of another kind is
// not written, and is reported for review at its position; the other
// URLs of the page are rewritten.
func TestRewritePageFuncRefusesKindChange(t *testing.T) {
	fn := RewritePageFunc(rewrite.PrefixMap(map[string]string{"https://www.x.gov.sg": "", "/images/": "/media/images/"}), nil)
	src := "---\ntitle: T\nsections:\n  - hero:\n      background: /images/b.png\n      url: https://www.x.gov.sg/suppliers/\n---\n[a](https://www.x.gov.sg//evil.com/)\n"
	out, rep, err := fn(PageFile{Path: "p.md", Name: "p.md"}, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(src, "/images/b.png", "/media/images/b.png", 1)
	want = strings.Replace(want, "url: https://www.x.gov.sg/suppliers/", "url: /suppliers/", 1)
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	var review []tiptapmd.Note
	for _, e := range rep.Items {
		if e.Severity == tiptapmd.Review {
			review = append(review, e)
		}
	}
	if len(review) != 1 || review[0].Code != convert.CodeKindChanged || review[0].Line != 8 || review[0].Column != 5 ||
		!strings.Contains(review[0].Message, `a link to the host "evil.com"`) {
		t.Errorf("review entries: %+v", review)
	}
}

// TestRewriteDataConfig: the site's own url in _config.yml is not a
// reference, and a file that is not YAML fails with its position.
func TestRewriteDataConfig(t *testing.T) {
	src := []byte("url: https://www.x.gov.sg\nlogo: https://www.x.gov.sg/images/l.png\n")
	out, refs, err := rewrite.Data(src, "_config.yml", rewrite.OwnDomain("www.x.gov.sg"))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "url: https://www.x.gov.sg\nlogo: /images/l.png\n" || len(refs) != 1 {
		t.Errorf("got %q, %d refs", out, len(refs))
	}
	if _, _, err := rewrite.Data([]byte("a: b\n  c: [\n"), "_data/x.yml", nil); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad YAML: %v", err)
	}
}

func TestInventoryPageURL(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"index.md", ""}:                         "/",
		{"pages/about.md", ""}:                   "/pages/about.html",
		{"pages/about.md", "/about-us/"}:         "/about-us/",
		{"pages/about.md", "about-us"}:           "/about-us",
		{"news/index.md", ""}:                    "/news/",
		{"_posts/2024-01-02-launch.md", ""}:      "/2024/01/02/launch.html",
		{"news/_posts/2024-01-02-launch.md", ""}: "/news/2024/01/02/launch.html",
		{"_about/a.md", ""}:                      "",
		{"_about/a.md", "/about/a/"}:             "/about/a/",
		{"pages/a.md", "/:categories/:title/"}:   "/pages/a.html",
		{"misc/search.html", ""}:                 "/misc/search.html",
	} {
		if got := pageURL(in[0], in[1]); got != want {
			t.Errorf("%s with permalink %q: got %q, want %q", in[0], in[1], got, want)
		}
	}
}

// TestBatchDataFiles: a batch with DataFiles hands the site's YAML files
// to the rewrite; one that is not YAML fails alone, with its line, and
// the others are rewritten. Without DataFiles they are not part of the
// batch.
func TestBatchDataFiles(t *testing.T) {
	site := fstest.MapFS{
		"_config.yml":           {Data: []byte("url: https://x.sg\nfavicon: /images/f.ico\n")},
		"_data/navigation.yml":  {Data: []byte("logo: /images/l.png\nlinks:\n  - url: [\n")},
		"_data/footer.yaml":     {Data: []byte("faq: /images/faq.png\n")},
		"_about/collection.yml": {Data: []byte("collections:\n  about:\n    output: true\n")},
		"_about/deep/x.yml":     {Data: []byte("a: /images/no.png\n")},
		"index.md":              {Data: []byte("---\nimage: /images/i.png\n---\n")},
		"_layouts/default.html": {Data: []byte("<img src=\"/images/t.png\">")},
	}
	for _, data := range []bool{false, true} {
		b := &Batch{Page: RewritePageFunc(rewrite.PrefixMap(map[string]string{"/images/": "/media/"}), nil), DryRun: true, DataFiles: data}
		got := map[string]string{}
		_, err := b.RunFS(context.Background(), site, func(r *PageResult) error {
			got[r.Path] = r.Status.String()
			if r.Err != nil {
				got[r.Path] += ": " + r.Err.Error()
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"index.md": "changed"}
		if data {
			want["_config.yml"] = "changed"
			want["_data/footer.yaml"] = "changed"
			want["_about/collection.yml"] = "unchanged"
			want["_data/navigation.yml"] = "failed: _data/navigation.yml:4: YAML: invalid yaml: did not find expected node content"
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("DataFiles %v:\n got %v\nwant %v", data, got, want)
		}
	}
}
