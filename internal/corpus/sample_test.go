package corpus_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

var update = flag.Bool("update", false, "rewrite the in-repository sample (testdata/corpus) from the full corpus (needs TIPTAPMD_CORPUS=full)")

// The sample of the full corpus kept in the repository (testdata/corpus)
// is chosen by this file, from features every page is found to have:
// the nodes, marks and notes of the document read from it, the report
// codes of the three operations on it, kramdown extensions, Liquid tags,
// raw HTML tags and the shapes of its front matter. Each feature is
// covered by perPage pages (or all pages that have it, when fewer),
// taking the smallest first; every site keeps a few ordinary pages of
// each variant it has, and wholeSites are kept whole (every page, every
// site file and every asset placeholder) for the URL and batch tests.
// The other sites keep their site files (_config.yml, _data, every
// collection.yml, netlify.toml, LICENSE) and the placeholders of the
// assets their sampled pages or data files name.
const perPage = 2

var wholeSites = []string{"isomerpages__pa-ccc", "isomerpages__isomerpages-template"}

// portable reports whether a corpus path can be stored in a Go module
// and checked out on every system: csc-knowledge has names with ':' and
// '?', which are left out.
func portable(path string) bool {
	for _, r := range path {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("/-_.,+=@&()[]{}~!$# ", r):
		default:
			return false
		}
	}
	return true
}

var (
	reLiquidTag = regexp.MustCompile(`\{%-?\s*(\w+)`)
	reHTMLTag   = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)`)
	reFMKey     = regexp.MustCompile(`^([A-Za-z_][\w-]*)\s*:`)
	// kramdown syntax the document model reads in its own way.
	kramdownSyntax = map[string]*regexp.Regexp{
		"ial":          regexp.MustCompile(`\{:\s*[.#\w]`),
		"ald":          regexp.MustCompile(`(?m)^\{:\w+:`),
		"extension":    regexp.MustCompile(`\{::\w+`),
		"toc":          regexp.MustCompile(`\{:\s*\.?toc\}`),
		"footnote":     regexp.MustCompile(`\[\^[^\]]+\]`),
		"abbreviation": regexp.MustCompile(`(?m)^\*\[[^\]]+\]:`),
		"definition":   regexp.MustCompile(`(?m)^:\s`),
		"math":         regexp.MustCompile(`\$\$`),
		"markdown-1":   regexp.MustCompile(`markdown="1"`),
		"pipe-table":   regexp.MustCompile(`(?m)^\|.*\|\s*$`),
		"header-id":    regexp.MustCompile(`(?m)^#.*\{#[\w-]+\}`),
		"setext":       regexp.MustCompile(`(?m)^(===+|---+)\s*$`),
		"fenced-code":  regexp.MustCompile("(?m)^(```|~~~)"),
		"indent-code":  regexp.MustCompile(`(?m)^\n    \S`),
		"hard-break":   regexp.MustCompile(`\S  \n\S`),
		"autolink":     regexp.MustCompile(`<https?://`),
		"ref-link":     regexp.MustCompile(`(?m)^\s{0,3}\[[^\]^]+\]:\s`),
		"html-comment": regexp.MustCompile(`<!--`),
		"entity":       regexp.MustCompile(`&[a-zA-Z]+;|&#\d+;`),
		"escape":       regexp.MustCompile(`\\[*_\[\]|{}#\\]`),
		"task":         regexp.MustCompile(`(?m)^\s*[-*] \[[ xX]\]`),
		"nested-list":  regexp.MustCompile(`(?m)^(  |\t)+([-*+]|\d+\.) `),
	}
	frontMatterShapes = map[string]*regexp.Regexp{
		"comment":      regexp.MustCompile(`(?m)^\s*#`),
		"block-scalar": regexp.MustCompile(`(?m):\s*[|>][-+]?\s*$`),
		"list":         regexp.MustCompile(`(?m)^\s*- `),
		"flow-list":    regexp.MustCompile(`(?m):\s*\[`),
		"flow-map":     regexp.MustCompile(`(?m)^\{|:\s*\{`),
		"single-quote": regexp.MustCompile(`(?m):\s*'`),
		"double-quote": regexp.MustCompile(`(?m):\s*"`),
		"anchor":       regexp.MustCompile(`(?m):\s*[&*]\w`),
		"nested-map":   regexp.MustCompile(`(?m)^\s+[\w-]+:`),
		"empty-value":  regexp.MustCompile(`(?m):\s*$`),
		"folded-plain": regexp.MustCompile(`(?m)^\s+[^\s#-][^:]*$`),
		"date":         regexp.MustCompile(`(?m):\s*\d{4}-\d\d-\d\d`),
		"bool":         regexp.MustCompile(`(?m):\s*(true|false|yes|no)\s*$`),
		"tab":          regexp.MustCompile("\t"),
	}
)

// features returns the features of a page, sorted.
func features(t testing.TB, c *convert.Converter, p corpus.Page) []string {
	set := map[string]bool{}
	add := func(f string) { set[f] = true }
	ext := strings.ToLower(filepath.Ext(p.Path))
	variant := p.Variant()
	kind := "md"
	if variant == "tiptap" {
		kind = "tt"
	}
	add("ext:" + ext)
	add("variant:" + variant)
	if bytes.HasPrefix(p.Data, []byte("\xef\xbb\xbf")) {
		add("bom")
	}
	if bytes.Contains(p.Data, []byte("\r\n")) {
		add("crlf")
	}
	parts, err := frontmatter.Split(p.Data)
	switch {
	case err != nil:
		add("fm:split-error")
	case parts.Open == nil:
		add("fm:none")
	default:
		fm := string(parts.YAML)
		if strings.TrimSpace(fm) == "" {
			add("fm:empty")
		}
		if strings.HasPrefix(strings.TrimSpace(string(parts.Close)), "...") {
			add("fm:dots")
		}
		for name, re := range frontMatterShapes {
			if re.MatchString(fm) {
				add("fm:" + name)
			}
		}
		for _, line := range strings.Split(fm, "\n") {
			if m := reFMKey.FindStringSubmatch(line); m != nil {
				add("fm-key:" + m[1])
			}
		}
		if _, err := frontmatter.Parse(p.Data); err != nil {
			add("fm:parse-error")
		}
	}
	body := p.Body()
	for _, m := range reLiquidTag.FindAllSubmatch(body, -1) {
		add("liquid:" + string(m[1]))
	}
	if bytes.Contains(body, []byte("{{")) {
		add("liquid:output")
	}
	if bytes.Contains(body, []byte("{%-")) || bytes.Contains(body, []byte("-%}")) {
		add("liquid:trim")
	}
	for _, m := range reHTMLTag.FindAllSubmatch(body, -1) {
		add(kind + "-html:" + strings.ToLower(string(m[1])))
	}
	var doc *tiptap.Node
	if kind == "md" {
		for name, re := range kramdownSyntax {
			if re.Match(body) {
				add("kramdown:" + name)
			}
		}
		d, notes, err := markdown.Parse(body, markdown.Options{})
		if err != nil {
			add("md:parse-error")
		}
		for _, n := range notes {
			add("md-note:" + string(n.Code))
		}
		doc = d
	} else {
		d, notes, err := tiptap.ParseHTML(body)
		if err != nil {
			add("tt:parse-error")
		}
		for _, n := range notes {
			add("tt-note:" + string(n.Code))
		}
		doc = d
	}
	var walk func(n *tiptap.Node, parent string)
	walk = func(n *tiptap.Node, parent string) {
		if n == nil {
			return
		}
		add(kind + "-node:" + n.Type)
		add(kind + "-in:" + parent + ">" + n.Type)
		for _, m := range n.Marks {
			add(kind + "-mark:" + m.Type)
		}
		for _, ch := range n.Content {
			walk(ch, n.Type)
		}
	}
	walk(doc, "")
	for _, op := range []convert.Op{convert.OpNormalize, convert.OpToTiptap, convert.OpToMarkdown} {
		_, r, err := c.Convert(op, p.Path, p.Data)
		if err != nil {
			add("op:" + op.String() + ":error")
			continue
		}
		for _, e := range r.Items {
			add(fmt.Sprintf("op:%s:%s:%s", op, e.Code, e.Severity))
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// pick chooses the sample's pages from all pages of the full corpus and
// returns, for each chosen path, why it was chosen.
func pick(t testing.TB, pages []corpus.Page) map[string][]string {
	c, err := convert.New()
	require.NoError(t, err)
	feats := map[string][]string{} // page path → features
	has := map[string][]corpus.Page{}
	for _, p := range pages {
		if !portable(p.Path) {
			continue
		}
		fs := features(t, c, p)
		feats[p.Path] = fs
		for _, f := range fs {
			has[f] = append(has[f], p)
		}
	}
	why := map[string][]string{}
	for _, site := range wholeSites {
		for _, p := range pages {
			if p.Site == site {
				why[p.Path] = append(why[p.Path], "site:"+site)
			}
		}
	}
	// Every site's homepage: its front matter names the site's banners and
	// section images, which the URL tests follow across a whole site.
	for _, p := range pages {
		if p.Path == p.Site+"/index.md" {
			why[p.Path] = append(why[p.Path], "homepage:"+p.Site)
		}
	}
	// A few ordinary pages of each site and variant, in the order of the
	// hashes of their paths (a fixed, unbiased order).
	bySiteVariant := map[string][]corpus.Page{}
	for _, p := range pages {
		if portable(p.Path) {
			k := p.Site + " " + p.Variant()
			bySiteVariant[k] = append(bySiteVariant[k], p)
		}
	}
	for k, ps := range bySiteVariant {
		sort.Slice(ps, func(i, j int) bool { return hash(ps[i].Path) < hash(ps[j].Path) })
		for _, p := range ps[:min(3, len(ps))] {
			why[p.Path] = append(why[p.Path], "typical:"+strings.ReplaceAll(k, " ", ":"))
		}
	}
	// Rarest features first, each covered by the smallest pages that
	// have it.
	names := make([]string, 0, len(has))
	for f := range has {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(has[names[i]]) != len(has[names[j]]) {
			return len(has[names[i]]) < len(has[names[j]])
		}
		return names[i] < names[j]
	})
	for _, f := range names {
		ps := has[f]
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].Data) != len(ps[j].Data) {
				return len(ps[i].Data) < len(ps[j].Data)
			}
			return ps[i].Path < ps[j].Path
		})
		covered := 0
		for _, p := range ps {
			if covered < perPage && len(why[p.Path]) > 0 {
				why[p.Path] = append(why[p.Path], f)
				covered++
			}
		}
		for _, p := range ps {
			if covered >= perPage {
				break
			}
			if len(why[p.Path]) == 0 {
				why[p.Path] = append(why[p.Path], f)
				covered++
			}
		}
	}
	return why
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func isPage(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".html":
		return true
	}
	return false
}

// sampleFiles returns the files of the sample (slash paths relative to
// the corpus root) other than its pages: the root's SOURCES.md, every
// site's site files, and the asset placeholders kept.
func sampleFiles(t testing.TB, full string, chosen map[string][]string) []string {
	files := []string{"SOURCES.md"}
	text := map[string]*strings.Builder{}
	for path := range chosen {
		site, _, _ := strings.Cut(path, "/")
		if text[site] == nil {
			text[site] = &strings.Builder{}
		}
		data, err := os.ReadFile(filepath.Join(full, filepath.FromSlash(path)))
		require.NoError(t, err)
		text[site].Write(data)
	}
	entries, err := os.ReadDir(full)
	require.NoError(t, err)
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		site := e.Name()
		whole := false
		for _, w := range wholeSites {
			whole = whole || w == site
		}
		var assets []string
		if text[site] == nil {
			text[site] = &strings.Builder{}
		}
		err := filepath.WalkDir(filepath.Join(full, site), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(full, path)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if isPage(rel) || !portable(rel) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Size() > 0 {
				files = append(files, rel) // a site file: configuration, data, licence
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				text[site].Write(data)
				return nil
			}
			if whole {
				files = append(files, rel)
			} else {
				assets = append(assets, rel)
			}
			return nil
		})
		require.NoError(t, err)
		// Named in any letter case, so that the sample keeps the files of
		// references that differ from them in case only.
		all := strings.ToLower(text[site].String())
		for _, a := range assets {
			_, inSite, _ := strings.Cut(strings.ToLower(a), "/")
			if strings.Contains(all, inSite) || strings.Contains(all, (&url.URL{Path: inSite}).EscapedPath()) {
				files = append(files, a)
			}
		}
	}
	sort.Strings(files)
	return files
}

// manifest is the text of testdata/corpus/SAMPLE.txt: one line per page
// of the sample, its path then the features it was chosen for.
func manifest(chosen map[string][]string) string {
	paths := make([]string, 0, len(chosen))
	for p := range chosen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("# The pages of the sample of the corpus and why each was chosen (the features it covers;\n")
	b.WriteString("# see internal/corpus/sample_test.go). Every file here is copied byte for byte from the\n")
	b.WriteString("# shared corpus; SOURCES.md gives each site's repository, commit and licence, and each\n")
	b.WriteString("# site folder keeps its LICENSE. Written by\n")
	b.WriteString("#   TIPTAPMD_CORPUS=full go test ./internal/corpus -run TestSample -update\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "%s\t%s\n", p, strings.Join(chosen[p], " "))
	}
	return b.String()
}

func readManifest(t testing.TB, dir string) map[string][]string {
	data, err := os.ReadFile(filepath.Join(dir, "SAMPLE.txt"))
	require.NoError(t, err)
	out := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, why, ok := strings.Cut(line, "\t")
		require.True(t, ok, "SAMPLE.txt: %q", line)
		out[path] = strings.Fields(why)
	}
	return out
}

// essential reports whether a feature is one the sample must keep
// covering whatever the code does: the node and mark types, kramdown
// syntax, Liquid, front matter shapes, variants and file kinds. The
// other features (notes and report codes) change with the code; they
// choose pages but are not checked.
func essential(f string) bool {
	for _, p := range []string{"tt-node:", "tt-mark:", "md-node:", "md-mark:", "kramdown:", "liquid:", "fm:", "variant:", "ext:", "bom", "crlf"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// sampleFeatures returns the features of the sample's pages: for each
// feature, how many pages have it.
func sampleFeatures(t testing.TB, pages []corpus.Page) map[string]int {
	c, err := convert.New()
	require.NoError(t, err)
	out := map[string]int{}
	for _, p := range pages {
		for _, f := range features(t, c, p) {
			out[f]++
		}
	}
	return out
}

// TestSample checks the in-repository sample of the corpus. On the
// sample (the default), it checks that the sample holds exactly the
// pages its manifest (SAMPLE.txt) lists and that the essential features
// its pages were chosen for are still found in them. With the full
// corpus (TIPTAPMD_CORPUS=full), it checks that every essential feature
// of the full corpus is in the sample; with -update it writes the
// sample anew from the full corpus.
func TestSample(t *testing.T) {
	sample := corpus.SampleDir(t)
	if !corpus.Full() {
		require.False(t, *update, "-update writes the sample from the full corpus: set TIPTAPMD_CORPUS=full")
		want := readManifest(t, sample)
		pages := corpus.Pages(t)
		have := sampleFeatures(t, pages)
		got := map[string]bool{}
		for _, p := range pages {
			got[p.Path] = true
			assert.Contains(t, want, p.Path, "%s is in the sample but not in SAMPLE.txt", p.Path)
		}
		checked := 0
		for p, why := range want {
			assert.True(t, got[p], "%s is in SAMPLE.txt but not in the sample", p)
			for _, f := range why {
				if essential(f) {
					checked++
					assert.NotZero(t, have[f], "%s was chosen for %s, which no page of the sample has any more", p, f)
				}
			}
		}
		t.Logf("sample: %d pages, %d features, %d essential choices checked", len(pages), len(have), checked)
		return
	}
	full := corpus.Dir(t)
	pages := corpus.Pages(t)
	if *update {
		chosen := pick(t, pages)
		files := sampleFiles(t, full, chosen)
		require.NoError(t, os.RemoveAll(sample))
		copyFile := func(rel string) {
			data, err := os.ReadFile(filepath.Join(full, filepath.FromSlash(rel)))
			require.NoError(t, err)
			dst := filepath.Join(sample, filepath.FromSlash(rel))
			require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
			require.NoError(t, os.WriteFile(dst, data, 0o644))
		}
		for p := range chosen {
			copyFile(p)
		}
		for _, f := range files {
			copyFile(f)
		}
		require.NoError(t, os.WriteFile(filepath.Join(sample, "SAMPLE.txt"), []byte(manifest(chosen)), 0o644))
		t.Logf("sample written: %d pages and %d other files", len(chosen), len(files))
	}
	var portablePages, samplePages []corpus.Page
	want := readManifest(t, sample)
	for _, p := range pages {
		if portable(p.Path) {
			portablePages = append(portablePages, p)
		}
		if _, ok := want[p.Path]; ok {
			samplePages = append(samplePages, p)
		}
	}
	assert.Len(t, samplePages, len(want), "every page of SAMPLE.txt is a page of the full corpus")
	inSample := sampleFeatures(t, samplePages)
	var missing []string
	for f := range sampleFeatures(t, portablePages) {
		if essential(f) && inSample[f] == 0 {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "features of the full corpus missing from the sample: run go test ./internal/corpus -run TestSample -update with TIPTAPMD_CORPUS=full")
}
