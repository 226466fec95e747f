package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// diffSite is the corpus site the differential test runs the commands on.
const diffSite = "isomerpages__mse"

// diffFixture makes the files the differential test's commands read, under
// root: a site (site/: the corpus site diffSite, or, when small, a few
// pages, a _config.yml and a data file), two small sites for check's gate
// (grid/ with a page that needs review, missing/ with a missing asset), and
// loose pages of each kind (md.md, tt.md, good.md, bad.md with broken front
// matter).
func diffFixture(t testing.TB, root string, small bool) {
	require.NoError(t, os.RemoveAll(root))
	files := map[string]string{
		"grid/pages/plain.md":    plainPage,
		"grid/pages/gallery.md":  gridPage,
		"grid/images/logo.png":   "png",
		"missing/pages/plain.md": plainPage,
		"md.md":                  "---\ntitle: T\n---\n\"Quoted\" -- text...\n",
		"tt.md":                  "---\ntitle: T\nvariant: tiptap\n---\n<p>\"Straight\" -- as stored...</p>",
		"good.md":                plainPage,
		"bad.md":                 brokenPage,
	}
	if small {
		files["site/_config.yml"] = "title: MSE\nurl: https://www.mse.gov.sg\n"
		files["site/_data/navigation.yml"] = "- title: Agencies\n  url: /all-agencies/\n"
		files["site/pages/plain.md"] = plainPage
		files["site/pages/gallery.md"] = gridPage
		files["site/pages/links.md"] = "---\ntitle: Links\npermalink: /links/\nimage: /images/logo.png\n---\n" +
			"[Agencies]({{ site.baseurl }}/all-agencies/) and [home](https://www.mse.gov.sg/) ![x](../images/a.png)\n"
		files["site/pages/agencies.md"] = "---\ntitle: Agencies\npermalink: /all-agencies/\n---\nText.\n"
		files["site/pages/tt.md"] = "---\ntitle: T\nvariant: tiptap\n---\n<p>One <a href=\"/images/b.pdf\">b</a></p>"
		files["site/images/logo.png"] = "png"
		files["site/_layouts/page.html"] = "<img src=\"/images/theme.png\">\n"
	} else {
		require.NoError(t, os.CopyFS(filepath.Join(root, "site"), os.DirFS(filepath.Join(corpus.Dir(t), diffSite))))
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
}

// batchOutcome is all a batch command does that can be seen: its exit
// code, what it prints and the files it leaves under the fixture's root.
type batchOutcome struct {
	code           int
	stdout, stderr string
	tree           map[string]string
}

// runOn makes the fixture afresh under root (small: see diffFixture), runs fn on args (with $ROOT
// replaced by root) from within root, and returns what it did.
func runOn(t *testing.T, root string, small bool, fn func(string, []string, *strings.Reader, *bytes.Buffer, *bytes.Buffer) int, stdin string, args []string) batchOutcome {
	diffFixture(t, root, small)
	a := make([]string, len(args))
	for i, s := range args {
		a[i] = strings.ReplaceAll(s, "$ROOT", root)
	}
	var out, errb bytes.Buffer
	code := fn(a[0], a[1:], strings.NewReader(stdin), &out, &errb)
	return batchOutcome{code: code, stdout: out.String(), stderr: errb.String(), tree: readTree(t, root)}
}

// assertSameAsOld runs runBatch and oldRunBatch on the same fresh fixture
// and args, and asserts that they do the same.
func assertSameAsOld(t *testing.T, root string, small bool, stdin string, args []string) {
	t.Helper()
	oldFn := func(name string, args []string, in *strings.Reader, out, errb *bytes.Buffer) int {
		return oldRunBatch(name, args, in, out, errb)
	}
	newFn := func(name string, args []string, in *strings.Reader, out, errb *bytes.Buffer) int {
		return runBatch(name, args, in, out, errb)
	}
	want := runOn(t, root, small, oldFn, stdin, args)
	got := runOn(t, root, small, newFn, stdin, args)
	assert.Equal(t, want.code, got.code, "exit code of %q", args)
	assert.Equal(t, want.stdout, got.stdout, "standard output of %q", args)
	assert.Equal(t, want.stderr, got.stderr, "standard error of %q", args)
	assert.Equal(t, want.tree, got.tree, "files left by %q", args)
}

// diffCases are every flag combination the command's tests use, on the
// fixture's files, plus the usage errors and -h of each command.
var diffCases = []struct {
	stdin string
	args  []string
}{
	{"", []string{"convert", "-h"}},
	{"", []string{"normalize", "-h"}},
	{"", []string{"rewrite", "-h"}},
	{"", []string{"check", "-h"}},
	{"", []string{"convert", "x"}},
	{"", []string{"convert", "-to", "html", "x"}},
	{"", []string{"convert", "-to", "tiptap"}},
	{"", []string{"normalize"}},
	{"", []string{"normalize", "-", "x"}},
	{"", []string{"normalize", "-nosuchflag", "x"}},
	{"", []string{"normalize", "-o", "out", "-"}},
	{"", []string{"normalize", "-report", "r.txt", "x"}},
	{"", []string{"normalize", "-rules", "bogus", "x"}},
	{"", []string{"check", "-o", "out", "x"}},
	{"", []string{"rewrite", "x"}},
	{"", []string{"rewrite", "-map", "/a/", "x"}},
	{"", []string{"rewrite", "-map", "/a/=/b/", "-map", "/a/=/c/", "x"}},
	{"", []string{"rewrite", "-map", "/a/=/b/", "-to", "tiptap", "x"}},
	{"", []string{"convert", "-to", "markdown", "-page-memory", "x", "$ROOT/site"}},
	{gridPage, []string{"convert", "-to", "tiptap", "-"}},
	{plainPage, []string{"convert", "-to", "tiptap", "-"}},
	{"---\ntitle: T\nvariant: tiptap\n---\n<p>One</p>", []string{"convert", "-to", "markdown", "-"}},
	{plainPage, []string{"normalize", "-d", "-"}},
	{brokenPage, []string{"normalize", "-"}},
	{"not a page", []string{"normalize", "-"}},
	{gridPage, []string{"check", "-"}},
	{plainPage, []string{"convert", "-to", "tiptap", "-n", "-"}},
	{plainPage, []string{"convert", "-to", "tiptap", "-report", "$ROOT/r.json", "-review", "$ROOT/review.html", "-"}},
	{"", []string{"convert", "-to", "tiptap", "$ROOT/site"}},
	{"", []string{"convert", "-to", "markdown", "$ROOT/site"}},
	{"", []string{"convert", "-n", "-to", "tiptap", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-n", "-d", "$ROOT/site"}},
	{"", []string{"convert", "-to", "markdown", "-o", "$ROOT/out", "$ROOT/site"}},
	{"", []string{"convert", "-to", "markdown", "-o", "$ROOT/site/out", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-o", "$ROOT/out", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-o", "$ROOT/out", "$ROOT/nonexistent"}},
	{"", []string{"convert", "-to", "tiptap", "-o", "$ROOT/md.md/out", "$ROOT/site"}},
	{"", []string{"convert", "-to", "markdown", "-report", "$ROOT/r.csv", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-j", "1", "-page-timeout", "3s", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-v", "-j", "1", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-v", "-j", "1", "-o", "$ROOT/out", "$ROOT/site"}},
	{"", []string{"convert", "-to", "tiptap", "-v", "-d", "-n", "$ROOT/good.md", "$ROOT/bad.md"}},
	{"", []string{"convert", "-to", "tiptap", "-replace-read-only", "$ROOT/md.md"}},
	{"", []string{"convert", "-to", "tiptap", "-review", "$ROOT/review.html", "-j", "1", "$ROOT/grid"}},
	{"", []string{"convert", "-to", "tiptap", "-d", "-n", "$ROOT/md.md"}},
	{"", []string{"convert", "-to", "tiptap", "-typography=false", "-d", "-n", "$ROOT/md.md"}},
	{"", []string{"convert", "-to", "markdown", "-d", "-n", "$ROOT/tt.md"}},
	{"", []string{"convert", "-to", "markdown", "-typography=false", "-d", "-n", "$ROOT/tt.md"}},
	{"", []string{"convert", "-to", "markdown", "-link-targets", "-cms", "-sniff", "-rules", "none", "$ROOT/tt.md"}},
	{"", []string{"convert", "-to", "tiptap", "-max-size", "10", "-page-memory", "-1", "-page-timeout", "-1s", "$ROOT/md.md"}},
	{"", []string{"normalize", "-v", "$ROOT/good.md"}},
	{"", []string{"normalize", "$ROOT/bad.md", "$ROOT/good.md"}},
	{"", []string{"normalize", "-j", "1", "$ROOT/site"}},
	{"", []string{"normalize", "-rules", "trim,variant", "-cms", "-j", "1", "-o", "$ROOT/out", "$ROOT/site"}},
	{"", []string{"check", "$ROOT/grid"}},
	{"", []string{"check", "$ROOT/missing"}},
	{"", []string{"check", "-allow-missing", "$ROOT/missing"}},
	{"", []string{"check", "-allow-review", "$ROOT/grid"}},
	{"", []string{"check", "-j", "1", "$ROOT/site"}},
	{"", []string{"check", "-j", "1", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"check", "-allow-review", "-allow-missing", "-j", "1", "$ROOT/site"}},
	{"", []string{"check", "-allow-review", "-allow-missing", "-asset-roots", "media/images,files", "-j", "1", "$ROOT/site"}},
	{"", []string{"check", "-to", "tiptap", "-j", "1", "-review", "$ROOT/review.html", "$ROOT/site"}},
	{"", []string{"check", "-to", "markdown", "-allow-review", "-allow-missing", "-j", "1", "-report", "$ROOT/r.csv", "-review", "$ROOT/review.html", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-map", "/images/=/media/images/", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-strip-baseurl", "-map", "/images/=/media/images/", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-map", "/images/=//images/", "-report", "$ROOT/r.json", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-map", "https://www.mse.gov.sg=/", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-move", "/all-agencies/=/agencies/", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-own-domain", "www.mse.gov.sg", "-v", "$ROOT/site"}},
	{"", []string{"rewrite", "-j", "1", "-own-domain", "www.mse.gov.sg", "-fields", "permalink,image", "-n", "-d", "$ROOT/site"}},
	{"", []string{"rewrite", "-strip-baseurl", "-o", "$ROOT/out", "-overwrite", "$ROOT/good.md"}},
}

// TestRunBatchSameAsOld checks that runBatch does what it did before it
// was split, for every flag combination the command's tests use.
func TestRunBatchSameAsOld(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root")
	t.Chdir(t.TempDir())
	for _, c := range diffCases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			assertSameAsOld(t, root, false, c.stdin, c.args)
		})
	}
}

// fuzzWords are the words FuzzRunBatch builds command lines from: every
// flag of the batch commands, values of each kind, and the fixture's
// paths. A fuzzed byte picks a word; the fuzzed string is a word too.
var fuzzWords = []string{
	"-to", "tiptap", "markdown", "-o", "$ROOT/out", "-n", "-d", "-overwrite",
	"-replace-read-only", "-report", "$ROOT/r.json", "$ROOT/r.csv", "r.txt",
	"-review", "$ROOT/review.html", "-j", "1", "-max-size", "-1", "10",
	"-page-timeout", "3s", "-page-memory", "-v", "-cms", "-rules", "none",
	"trim,variant", "bogus", "-sniff", "-typography=false", "-link-targets",
	"-asset-roots", "images,files", "-allow-review", "-allow-missing", "-map",
	"/images/=/media/images/", "/a/", "-move", "/all-agencies/=/agencies/",
	"-own-domain", "www.mse.gov.sg", "-strip-baseurl", "-fields", "permalink",
	"-", "$ROOT/site", "$ROOT/grid", "$ROOT/missing", "$ROOT/md.md",
	"$ROOT/tt.md", "$ROOT/bad.md", "$ROOT/nonexistent", "-h", "--",
}

// FuzzRunBatch checks that runBatch does what oldRunBatch does on command
// lines made of the commands' flags and values, in any order, and a
// fuzzed word among them (a flag value, a path, a flag name), on a small
// site (the test over diffCases runs them on a corpus site).
func FuzzRunBatch(f *testing.F) {
	f.Add(uint8(0), []byte{0, 1, 44}, "x", plainPage)
	f.Add(uint8(1), []byte{3, 45}, "-x", "")
	f.Add(uint8(2), []byte{36, 255, 38, 1, 45}, "/img/=/i/", "")
	f.Add(uint8(3), []byte{17, 255, 45}, "2", "")
	f.Add(uint8(0), []byte{0, 2, 21, 255, 10, 13, 14, 44}, "1MB", gridPage)
	root := filepath.Join(f.TempDir(), "root")
	f.Fuzz(func(t *testing.T, cmd uint8, words []byte, word, stdin string) {
		if len(words) > 12 {
			words = words[:12]
		}
		// The fuzzed word never names a path outside the test's own
		// folders (the working directory is one): it would be read or
		// written.
		if strings.HasPrefix(word, "-") && strings.ContainsAny(word, "/\\") || strings.Contains(word, "..") {
			word = "x"
		}
		word = strings.TrimLeft(word, "/\\")
		args := []string{[]string{"convert", "normalize", "rewrite", "check"}[cmd%4]}
		for _, w := range words {
			if int(w) < len(fuzzWords) {
				args = append(args, fuzzWords[w])
			} else {
				args = append(args, word)
			}
		}
		t.Chdir(t.TempDir())
		assertSameAsOld(t, root, true, stdin, args)
	})
}
