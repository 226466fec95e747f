package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/convert/rewrite"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// inventoryLine matches the lines of check that give an asset's status.
var inventoryLine = regexp.MustCompile(`(?m)^(ok|missing|case-mismatch|encoding-mismatch|unreferenced): asset (.*?)(?: \(the site has (.*)\))?$`)

// checkInventoryLines checks each asset status that check printed for
// site against its files: a missing asset is no file, a mismatch names
// a file that exists instead of the one asked for, an unreferenced file
// exists and no reference of a page or YAML file resolves to it.
// It returns the number of asset lines checked.
func checkInventoryLines(t *testing.T, site, out string) int {
	t.Helper()
	exists := func(p string) bool {
		_, err := os.Stat(filepath.Join(site, filepath.FromSlash(p)))
		return err == nil
	}
	named := map[string]string{}
	for _, r := range siteRefs(t, site) {
		named[r.path] = r.file
	}
	n := 0
	for _, m := range inventoryLine.FindAllStringSubmatch(out, -1) {
		n++
		status, p, actual := m[1], m[2], m[3]
		switch status {
		case "missing":
			assert.False(t, exists(p), "%s is listed missing but exists", p)
		case "case-mismatch", "encoding-mismatch":
			assert.False(t, exists(p), "%s is listed as a %s but exists", p, status)
			assert.True(t, exists(actual), "%s: the file named, %s, does not exist", p, actual)
		case "unreferenced":
			assert.True(t, exists(p), "%s is listed unreferenced but does not exist", p)
			if f, ok := named[p]; ok {
				t.Errorf("%s is listed unreferenced but %s refers to it", p, f)
			}
		}
	}
	return n
}

// A siteRef is a reference of a page or YAML file of a site, with the
// root-relative path it names (relative URLs resolved, the site's own
// absolute URLs made root-relative, query and fragment cut off).
type siteRef struct {
	file, url, path string
}

// siteRefs returns the references of the pages and YAML files of site.
func siteRefs(t *testing.T, siteDir string) []siteRef {
	t.Helper()
	fsys := os.DirFS(siteDir)
	pages, err := site.Walk(fsys)
	require.NoError(t, err)
	data, err := site.WalkData(fsys)
	require.NoError(t, err)
	resolve := rewrite.Chain(rewrite.StripBaseURL(), rewrite.OwnDomain(siteHosts([]string{siteDir})...), rewrite.RootRelative())
	var out []siteRef
	for _, name := range append(pages, data...) {
		src, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(name)))
		require.NoError(t, err)
		var refs []rewrite.Ref
		if strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml") {
			_, refs, err = rewrite.Data(src, name, nil)
		} else {
			_, refs, err = rewrite.Page(src, rewrite.PageInfo{Path: name}, nil, nil)
		}
		if err != nil {
			continue // a page no command can read
		}
		for _, r := range refs {
			u, err := resolve(r)
			if err != nil {
				u = r.URL
			}
			p, _, _ := strings.Cut(strings.TrimSpace(u), "?")
			p, _, _ = strings.Cut(p, "#")
			if dec, err := url.PathUnescape(p); err == nil {
				p = dec
			}
			out = append(out, siteRef{file: fmt.Sprintf("%s:%d:%d", name, r.Pos.Line, r.Pos.Column), url: r.URL, path: p})
		}
	}
	return out
}

// summaryCount returns the count before label in check's asset summary
// line ("…: 421 assets: 237 ok, 6 missing, …").
func summaryCount(t *testing.T, out, label string) int {
	t.Helper()
	m := regexp.MustCompile(`(\d+) ` + regexp.QuoteMeta(label) + `[,:\n]`).FindStringSubmatch(out)
	require.NotNil(t, m, "no %q in the summary:\n%s", label, out)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// TestMoveImagesAcceptance moves images/ to media/images/ in copies of
// three corpus sites (one with relative and own-host image URLs, one
// with {{ site.baseurl }} URLs and many data files) and rewrites them with the command: check then finds
// no more missing assets than before, no page, _config.yml or _data file
// names /images/ any more (code blocks and HTML comments, which are not
// references, aside), and the homepage's banner, named only in its
// sections, is never listed as unreferenced.
func TestMoveImagesAcceptance(t *testing.T) {
	for _, tc := range []struct{ name, banner string }{
		{"isomerpages__enterprisesg-seeds", "/images/Web_Banner_Sample.jpg"},
		{"isomerpages__mse", "/images/images_mse_home_banner_2024.png"},
		{"isomerpages__isomerpages-template", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t, tc.name)
			// A page of mse lost its opening "---": it fails every command,
			// and only it.
			code, before, errs := runBin(t, nil, "check", "-allow-review", "-allow-missing", site)
			failed := summaryCount(t, errs, "failed")
			require.Equal(t, min(failed, 1), code, errs)
			require.LessOrEqual(t, failed, 1, errs)
			if tc.banner != "" {
				assert.NotContains(t, before, "unreferenced: asset "+tc.banner+"\n")
				assert.Contains(t, readTree(t, site)["index.md"], "background: "+tc.banner)
			}
			assert.Positive(t, checkInventoryLines(t, site, before), "no asset lines")
			missingBefore := summaryCount(t, before, "missing")
			if tc.banner != "" {
				// The banner is referenced from the homepage's sections.
				n := 0
				for _, r := range siteRefs(t, site) {
					if r.path == tc.banner && strings.HasPrefix(r.file, "index.md:") {
						n++
					}
				}
				assert.Equal(t, 1, n)
			}

			require.NoError(t, os.MkdirAll(filepath.Join(site, "media"), 0o755))
			require.NoError(t, os.Rename(filepath.Join(site, "images"), filepath.Join(site, "media", "images")))
			code, _, errs = runBin(t, nil, "rewrite", "-map", "/images/=/media/images/", site)
			require.Equal(t, min(failed, 1), code, errs)
			assert.Equal(t, failed, summaryCount(t, errs, "failed"), errs)

			code, after, errs := runBin(t, nil, "check", "-allow-review", "-allow-missing", site)
			require.Equal(t, min(failed, 1), code, errs)
			checkInventoryLines(t, site, after)
			assert.LessOrEqual(t, summaryCount(t, after, "missing"), missingBefore, "more missing assets after the move")
			if tc.banner != "" {
				assert.NotContains(t, after, "asset "+tc.banner)
			}
			// With the new folder as an asset root, the inventory is the
			// one before the move.
			code, moved, errs := runBin(t, nil, "check", "-allow-review", "-allow-missing", "-asset-roots", "media/images,files", site)
			require.Equal(t, min(failed, 1), code, errs)
			for _, label := range []string{"assets", "ok", "missing", "case-only mismatches", "encoding-only mismatches", "unreferenced"} {
				assert.Equal(t, summaryCount(t, before, label), summaryCount(t, moved, label), label)
			}
			if tc.banner != "" {
				assert.NotContains(t, moved, "unreferenced: asset /media"+tc.banner+"\n")
			}

			// No reference of a page or YAML file names /images/, and no
			// YAML file has it even as text.
			refs := siteRefs(t, site)
			require.NotEmpty(t, refs)
			for _, r := range refs {
				if strings.HasPrefix(r.path, "/images/") {
					t.Errorf("%s: %q still names %s", r.file, r.url, r.path)
				}
			}
			tree := readTree(t, site)
			for name, data := range tree {
				if name == "_config.yml" || strings.HasPrefix(name, "_data/") {
					assert.NotRegexp(t, `(^|[^a])/images/`, data, name)
				}
			}
		})
	}
}

// TestRewriteOwnDomain maps the site's own absolute URLs to "/" with a
// prefix map and with -own-domain: both give root-relative URLs, never
// "//path" (a link to a host named path), and the same files.
func TestRewriteOwnDomain(t *testing.T) {
	a := copySite(t, "isomerpages__mse")
	b := copySite(t, "isomerpages__mse")
	orig := readTree(t, a)
	// One page of mse lost its opening "---" and fails: exit code 1.
	code, _, errs := runBin(t, nil, "rewrite", "-map", "https://www.mse.gov.sg=/", a)
	require.Equal(t, 1, code, errs)
	assert.Contains(t, errs, ", 1 failed,")
	code, _, errs = runBin(t, nil, "rewrite", "-own-domain", "www.mse.gov.sg", "-v", b)
	require.Equal(t, 1, code, errs)
	assert.Contains(t, errs, `rewritten to "/`)
	for _, site := range []string{a, b} {
		changed := 0
		for name, data := range readTree(t, site) {
			if data == orig[name] {
				continue
			}
			changed++
			for _, bad := range []string{"](//", `="//`, `: //`} {
				assert.Equal(t, strings.Count(orig[name], bad), strings.Count(data, bad), "%s: %q", name, bad)
			}
		}
		assert.Positive(t, changed)
	}
	// No reference of either names the host any more, nor starts with
	// "//" (text that only looks like a link, in a Markdown link inside
	// an HTML block, say, is not a reference and stays).
	for _, site := range []string{a, b} {
		for _, r := range siteRefs(t, site) {
			assert.NotContains(t, r.url, "https://www.mse.gov.sg", r.file)
			if strings.HasPrefix(r.url, "//") {
				t.Errorf("%s: %q", r.file, r.url)
			}
		}
	}
}

// TestRewriteRefusesKindChange asks for a map whose results would be
// scheme-relative: nothing is written, and each URL is listed for
// review.
func TestRewriteRefusesKindChange(t *testing.T) {
	site := copySite(t, "isomerpages__pa-ccc")
	orig := readTree(t, site)
	report := filepath.Join(t.TempDir(), "rewrite.csv")
	code, _, errs := runBin(t, nil, "rewrite", "-map", "/images/=//images/", "-report", report, site)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, ": 0 changed,")
	assert.Equal(t, orig, readTree(t, site))
	rows, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.Contains(t, string(rows), ",review,url-kind-changed,")
	assert.Contains(t, string(rows), `which a browser reads as a link to the host`)
}

// TestRewriteReportsTheme: the theme's references to a moved folder are
// listed for review, and the theme is left as it was.
func TestRewriteReportsTheme(t *testing.T) {
	site := copySite(t, "isomerpages__pa-ccc")
	layout := "<link rel=\"icon\" href=\"/images/favicon-isomer.ico\">\n<img src=\"{{ site.baseurl }}/files/x.pdf\">\n"
	require.NoError(t, os.MkdirAll(filepath.Join(site, "_layouts"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(site, "_layouts", "default.html"), []byte(layout), 0o644))
	code, out, errs := runBin(t, nil, "rewrite", "-map", "/images/=/media/images/", site)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, filepath.Join(site, "_layouts", "default.html")+`:1:24: review: theme: "/images/favicon-isomer.ico" is not rewritten to "/media/images/favicon-isomer.ico"`)
	assert.NotContains(t, out, "x.pdf")
	b, err := os.ReadFile(filepath.Join(site, "_layouts", "default.html"))
	require.NoError(t, err)
	assert.Equal(t, layout, string(b))
	// check counts the theme's use: the favicon is not unreferenced.
	_, out, _ = runBin(t, nil, "check", site)
	assert.NotContains(t, out, "unreferenced: asset /images/favicon-isomer.ico\n")
}

// TestRewriteMovePage moves the links to a page with -move (in bodies,
// the homepage's sections and the navigation); check then reports the
// links to the new URL as broken, with where they are, until the page's
// permalink is changed too.
func TestRewriteMovePage(t *testing.T) {
	site := copySite(t, "isomerpages__pa-ccc")
	code, _, errs := runBin(t, nil, "rewrite", "-move", "/all-agencies/=/agencies/", site)
	require.Equal(t, 0, code, errs)
	moved := 0
	for _, r := range siteRefs(t, site) {
		assert.NotEqual(t, "/all-agencies/", r.path, r.file)
		if r.path == "/agencies/" {
			moved++
		}
	}
	assert.Greater(t, moved, 2)
	tree := readTree(t, site)
	assert.Contains(t, tree["_data/navigation.yml"], "url: /agencies/\n")
	assert.Contains(t, tree["pages/all-agencies.md"], "permalink: /all-agencies/\n", "the page's own permalink is not a link")
	_, out, _ := runBin(t, nil, "check", site)
	assert.Contains(t, out, "broken link: no page at /agencies/ (closest: ")
	assert.Contains(t, out, filepath.Join(site, "_data", "navigation.yml")+`:15:10: front-matter "/agencies/"`)

	// With the permalink moved too, no link is broken.
	page := filepath.Join(site, "pages", "all-agencies.md")
	require.NoError(t, os.WriteFile(page, []byte(strings.Replace(tree["pages/all-agencies.md"], "permalink: /all-agencies/", "permalink: /agencies/", 1)), 0o644))
	_, out, _ = runBin(t, nil, "check", site)
	assert.NotContains(t, out, "broken link")
	assert.Contains(t, out, ", 0 links to missing pages")
}
