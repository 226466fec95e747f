package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// binPath is the tiptapmd command built by TestMain for the tests that
// run it as a process.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tiptapmd-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binPath = filepath.Join(dir, "tiptapmd")
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintf(os.Stderr, "the tests build the command with the go tool: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	if out, err := exec.Command(goTool, "build", "-o", binPath, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building tiptapmd: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCmd runs the command in this process.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// runBin runs the built command as a process.
func runBin(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	}
	require.NoError(t, err)
	return 0, out.String(), errb.String()
}

// copySite copies the corpus site called name into a new temporary
// folder (from the sample or the full corpus; see internal/corpus).
func copySite(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.CopyFS(dst, os.DirFS(filepath.Join(corpus.Dir(t), name))))
	return dst
}

// readTree returns every file under dir by slash-separated path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		tree[filepath.ToSlash(rel)] = string(b)
		return err
	}))
	return tree
}

// jsonReport is a report file written with -report FILE.json.
type jsonReport struct {
	Pages []struct {
		Path   string      `json:"path"`
		Output string      `json:"output"`
		Status site.Status `json:"status"`
		Error  *struct {
			Message string `json:"message"`
			Line    int    `json:"line"`
			Column  int    `json:"column"`
		} `json:"error"`
		Verdict convert.Verdict `json:"verdict"`
		Report  *struct {
			Entries []tiptapmd.Note `json:"items"`
		} `json:"report"`
	} `json:"pages"`
	Summary site.Summary `json:"summary"`
}

func readReport(t *testing.T, path string) jsonReport {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var r jsonReport
	require.NoError(t, json.Unmarshal(b, &r))
	return r
}

const brokenPage = "---\ntitle: Broken\n\tpermalink: /broken/\n---\nBody.\n"

func TestNoArgumentsRunsOnExamples(t *testing.T) {
	code, out, errs := runCmd(t, "")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	assert.Contains(t, out, "converting the 3 example pages built into the tool to tiptap")
	assert.Contains(t, out, "== community.md: changed (markdown -> tiptap)")
	assert.Contains(t, out, "== second-level-b.md: changed (markdown -> tiptap)")
	assert.Contains(t, out, "== smart-nation-2.md:")
	assert.Contains(t, out, "-variant: markdown\n+variant: tiptap\n", "the diffs are shown")
	assert.Contains(t, out, "second-level-b.md:7: info: legacy-keys:", "entries name the file and line")
	assert.Contains(t, out, "== 3 pages:")
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"convert", "x"}, 2, "-to is required"},
		{[]string{"convert", "-to", "html", "x"}, 2, `-to "html"`},
		{[]string{"convert", "-to", "tiptap"}, 2, "no PATH"},
		{[]string{"normalize"}, 2, "no PATH"},
		{[]string{"normalize", "-", "x"}, 2, "cannot be mixed"},
		{[]string{"normalize", "-o", "out", "-"}, 2, "-o cannot be used with -"},
		{[]string{"normalize", "-report", "r.txt", "x"}, 2, ".json or .csv"},
		{[]string{"normalize", "-rules", "bogus", "x"}, 2, "-rules"},
		{[]string{"normalize", "-nosuchflag", "x"}, 2, "flag provided but not defined"},
		{[]string{"check", "-o", "out", "x"}, 2, "flag provided but not defined"},
		{[]string{"rewrite", "x"}, 2, "nothing to rewrite"},
		{[]string{"rewrite", "-map", "/a/", "x"}, 2, "is not OLD=NEW"},
		{[]string{"rewrite", "-map", "/a/=/b/", "-map", "/a/=/c/", "x"}, 2, "mapped twice"},
		{[]string{"rewrite", "-map", "/a/=/b/", "-to", "tiptap", "x"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, _, errs := runCmd(t, "", tt.args...)
		assert.Equal(t, tt.code, code, "%v", tt.args)
		assert.Contains(t, errs, tt.err, "%v", tt.args)
	}
	for _, cmd := range []string{"convert", "normalize", "rewrite", "check"} {
		code, _, errs := runCmd(t, "", cmd, "-h")
		assert.Equal(t, 0, code)
		assert.Contains(t, errs, "usage: tiptapmd "+cmd)
		assert.Contains(t, errs, "-report FILE")
	}
	code, out, _ := runCmd(t, "", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "tiptapmd convert -to tiptap|markdown")
}

// TestPipe runs the command as a filter: - reads a page from standard
// input and writes the result on standard output.
func TestPipe(t *testing.T) {
	md := "---\ntitle: T\npermalink: /t/\n---\n## Hello\n\nSome *text*.\n"
	code, tt, errs := runBin(t, []byte(md), "convert", "-to", "tiptap", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "---\ntitle: T\npermalink: /t/\nvariant: tiptap\n---\n<h2>Hello</h2>\n<p>Some <em>text</em>.</p>", tt)

	code, back, errs := runBin(t, []byte(tt), "convert", "-to", "markdown", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "---\ntitle: T\npermalink: /t/\nvariant: markdown\n---\n## Hello\n\nSome *text*.\n", back)

	code, diff, errs := runBin(t, []byte(md), "normalize", "-d", "-")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "--- -\n+++ -\n@@ -1,6 +1,7 @@\n ---\n title: T\n permalink: /t/\n+variant: markdown\n ---\n ## Hello\n \n", diff)

	code, out, errs := runBin(t, []byte(brokenPage), "convert", "-to", "tiptap", "-")
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "-:3:1: front matter: tab character")

	notPage := "just text, no front matter\n"
	code, out, errs = runBin(t, []byte(notPage), "convert", "-to", "tiptap", "-")
	assert.Equal(t, 0, code, errs)
	assert.Equal(t, notPage, out, "a file that is not a page goes through as it is")
}

// TestConvertSite converts a copy of a corpus site to tiptap and back to
// Markdown with the command, with a broken page among the others.
func TestConvertSite(t *testing.T) {
	siteDir := copySite(t, "isomerpages__spf-spom")
	broken := filepath.Join(siteDir, "pages", "broken.md")
	require.NoError(t, os.WriteFile(broken, []byte(brokenPage), 0o644))
	names, err := site.Walk(os.DirFS(siteDir))
	require.NoError(t, err)
	orig := readTree(t, siteDir)
	report := filepath.Join(t.TempDir(), "report.json")

	// A dry run writes nothing, but says what it would do.
	code, out, errs := runBin(t, nil, "convert", "-to", "tiptap", "-n", "-d", siteDir)
	assert.Equal(t, 1, code, "the broken page fails")
	assert.Contains(t, out, "+variant: tiptap")
	assert.Contains(t, errs, "dry run, nothing written")
	assert.Equal(t, orig, readTree(t, siteDir), "a dry run writes nothing")

	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", "-report", report, siteDir)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, broken+":3:1: front matter: tab character", "the error names the file, line and column")
	rep := readReport(t, report)
	require.Len(t, rep.Pages, len(names), "the report accounts for every page")
	assert.Equal(t, len(names), rep.Summary.Pages)
	assert.Equal(t, 1, rep.Summary.Failed)
	for _, p := range rep.Pages {
		if p.Status == site.StatusFailed {
			assert.Equal(t, broken, p.Path)
			require.NotNil(t, p.Error)
			assert.Equal(t, 3, p.Error.Line)
			assert.Equal(t, 1, p.Error.Column)
		}
	}
	after := readTree(t, siteDir)
	assert.Equal(t, brokenPage, after["pages/broken.md"], "the broken page is left as it was")
	for _, n := range names {
		if n != "pages/broken.md" && !strings.HasSuffix(n, ".html") {
			assert.Contains(t, after[n], "\nvariant: tiptap\n", n)
		}
	}
	assert.Positive(t, rep.Summary.Changed)
	assert.Equal(t, rep.Summary.Changed, rep.Summary.Written)

	// Running again changes nothing.
	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", siteDir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, ": 0 converted,")
	assert.Equal(t, after, readTree(t, siteDir))

	// And back to Markdown, into another folder first, then in place.
	out1 := filepath.Join(t.TempDir(), "out")
	code, _, errs = runBin(t, nil, "convert", "-to", "markdown", "-o", out1, siteDir)
	assert.Equal(t, 1, code, errs)
	assert.Equal(t, after, readTree(t, siteDir), "-o leaves the site alone")
	code, _, errs = runBin(t, nil, "convert", "-to", "markdown", siteDir)
	assert.Equal(t, 1, code, errs)
	md := readTree(t, siteDir)
	for _, n := range names {
		if n != "pages/broken.md" && !strings.HasSuffix(n, ".html") {
			assert.Contains(t, md[n], "\nvariant: markdown\n", n)
		}
	}
	outTree := readTree(t, out1)
	for name, data := range outTree {
		assert.Equal(t, md[name], data, "-o and in place give the same bytes: %s", name)
	}
	code, _, errs = runBin(t, nil, "convert", "-to", "markdown", siteDir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, ": 0 converted,", "a second run changes nothing")
	assert.Equal(t, md, readTree(t, siteDir))

	// -o again: outputs that hold the result are fine, an output edited
	// since is not replaced without -overwrite.
	edited := filepath.Join(out1, filepath.FromSlash(names[0]))
	require.NoError(t, os.WriteFile(edited, []byte("edited by hand\n"), 0o644))
	code, _, errs = runBin(t, nil, "convert", "-to", "markdown", "-o", out1, siteDir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "output file exists")
	assert.Equal(t, 2, strings.Count("\n"+errs, "\n/"), "two failures (the broken page and the edited output):\n%s", errs)
	b, _ := os.ReadFile(edited)
	assert.Equal(t, "edited by hand\n", string(b))
	code, _, errs = runBin(t, nil, "convert", "-to", "markdown", "-o", out1, "-overwrite", siteDir)
	assert.Equal(t, 1, code, errs)
	b, _ = os.ReadFile(edited)
	assert.Equal(t, md[names[0]], string(b))
}

// TestRewriteSite rewrites the URLs of a copy of a corpus site with the
// command: the Liquid base URL goes, /images/ moves, and nothing else
// changes.
func TestRewriteSite(t *testing.T) {
	site := copySite(t, "isomerpages__isomerpages-template")
	orig := readTree(t, site)
	report := filepath.Join(t.TempDir(), "rewrite.csv")
	code, _, errs := runBin(t, nil, "rewrite", "-strip-baseurl", "-map", "/images/=/media/images/", "-report", report, site)
	require.Equal(t, 0, code, errs)
	// 76 pages and 14 YAML files: _config.yml, _data/*.yml and the
	// collection.yml files.
	assert.Contains(t, errs, "tiptapmd rewrite: 90 pages: ")
	after := readTree(t, site)
	changed := 0
	for name, data := range after {
		if data == orig[name] {
			continue
		}
		changed++
		assert.NotContains(t, data, "](/images/", name)
		assert.NotContains(t, data, "]({{site.baseurl}}/images/", name)
		// Only URLs changed: the lines that differ held one of /images/
		// or Liquid (the base URL, site.url, absolute_url) before.
		a, b := strings.Split(orig[name], "\n"), strings.Split(data, "\n")
		require.Equal(t, len(a), len(b), name)
		for i := range a {
			if a[i] != b[i] {
				assert.True(t, strings.Contains(a[i], "/images/") || strings.Contains(a[i], "{{"), "%s:%d: %q", name, i+1, a[i])
			}
		}
	}
	assert.Positive(t, changed)
	rows, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.Contains(t, string(rows), ",info,rewritten,")

	code, _, errs = runBin(t, nil, "rewrite", "-strip-baseurl", "-map", "/images/=/media/images/", site)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, ": 0 changed,", "a second run changes nothing")
	assert.Equal(t, after, readTree(t, site))
}

func TestCheckWritesNothing(t *testing.T) {
	site := copySite(t, "isomerpages__pa-ccc")
	// A case-only mismatch: the page asks for GMAIL.png, the site has
	// gmail.png; and a file that nothing uses.
	grid := filepath.Join(site, "images", "grid")
	require.NoError(t, os.Rename(filepath.Join(grid, "GMAIL.png"), filepath.Join(grid, "gmail.png")))
	require.NoError(t, os.WriteFile(filepath.Join(site, "images", "unused.png"), []byte("png"), 0o644))
	orig := readTree(t, site)
	report := filepath.Join(t.TempDir(), "check.csv")
	code, out, errs := runBin(t, nil, "check", "-report", report, site)
	assert.Equal(t, 1, code, "pages need review and assets are missing: %s", errs)
	assert.Equal(t, orig, readTree(t, site))
	assert.Contains(t, errs, ": review: ", "review items are listed")
	assert.Contains(t, errs, "tiptapmd check: 24 pages")
	// The asset inventory: a case-only mismatch with the page and position
	// that uses it, and a file no page uses.
	assert.Contains(t, out, "case-mismatch: asset /images/grid/GMAIL.png (the site has /images/grid/gmail.png)\n    "+
		filepath.Join(site, "pages", "access-my-email.md")+":9:54: image \"/images/grid/GMAIL.png\"")
	assert.Contains(t, out, "unreferenced: asset /images/unused.png")
	// Each listed status is true of the tree.
	assert.Positive(t, checkInventoryLines(t, site, out), "no asset lines")
	// The pages build image paths with Liquid: the list is uncertain.
	assert.Contains(t, out, "could not be resolved: the unreferenced list is uncertain, and is not a list of files to delete")
	b, err := os.ReadFile(report)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "path,status,verdict,output,severity,code,line,column,message\n"))
}

// TestCheckReadOnlyTree checks that check gives the same answer on a
// read-only tree as on a writable one: it never writes, so files it
// could not replace are no failure of its.
func TestCheckReadOnlyTree(t *testing.T) {
	site := copySite(t, "isomerpages__pa-ccc")
	code, out, errs := runBin(t, nil, "check", site)
	require.NoError(t, filepath.WalkDir(site, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chmod(path, 0o444)
	}))
	codeRO, outRO, errsRO := runBin(t, nil, "check", site)
	assert.NotContains(t, errsRO, "read-only")
	assert.Equal(t, code, codeRO)
	assert.Equal(t, out, outRO)
	assert.Equal(t, errs, errsRO)
	// convert -n predicts what a real run would do: it would fail on
	// read-only pages it has to change.
	_, _, errsN := runBin(t, nil, "convert", "-n", "-to", "tiptap", site)
	assert.Contains(t, errsN, "read-only")
}

func TestNormalizeInPlace(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	bad := filepath.Join(dir, "bad.md")
	require.NoError(t, os.WriteFile(good, []byte("---\ntitle: T\npermalink: /a\n---\nbody"), 0o640))
	require.NoError(t, os.WriteFile(bad, []byte(brokenPage), 0o644))

	code, out, errs := runCmd(t, "", "normalize", bad, good)
	assert.Equal(t, 1, code, "a failing page makes the exit code 1")
	assert.Empty(t, out)
	assert.Contains(t, errs, bad+":3:1: ", "the error names file, line and column")
	got, err := os.ReadFile(good)
	require.NoError(t, err)
	assert.Equal(t, "---\ntitle: T\npermalink: /a/\nvariant: markdown\n---\nbody", string(got), "the good page is still written")
	st, err := os.Stat(good)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "mode kept")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary files left behind")

	code, _, errs = runCmd(t, "", "normalize", "-v", good)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "unchanged "+good)
}

// TestWholeCorpus converts all of the shared corpus with the command
// into another folder, and checks that the report accounts for every
// page. With -short, one site only.
func TestWholeCorpus(t *testing.T) {
	root := corpus.Dir(t)
	all := corpus.Pages(t)
	src := root
	if testing.Short() {
		src = filepath.Join(root, "isomerpages__enterprisesg-seeds")
	}
	out := filepath.Join(t.TempDir(), "out")
	report := filepath.Join(t.TempDir(), "report.json")
	code, _, errs := runBin(t, nil, "convert", "-to", "tiptap", "-o", out, "-report", report, src)
	rep := readReport(t, report)
	t.Logf("%+v", rep.Summary)

	seen := map[string]int{}
	for _, p := range rep.Pages {
		rel, err := filepath.Rel(root, p.Path)
		require.NoError(t, err)
		seen[filepath.ToSlash(rel)]++
	}
	n := 0
	for _, p := range all {
		if strings.HasPrefix(filepath.Join(root, p.Path), src) {
			n++
			assert.Equal(t, 1, seen[p.Path], "%s is in the report once", p.Path)
		}
	}
	assert.Equal(t, rep.Summary.Pages, len(rep.Pages))
	assert.Equal(t, n, rep.Summary.Pages-rep.Summary.Skipped, "every page and nothing else, but notes like SOURCES.md")
	if testing.Short() {
		assert.Equal(t, 0, code, errs)
		return
	}
	// The one corpus page whose front matter lost its opening "---" is
	// the one failure.
	assert.Equal(t, 1, code, errs)
	require.Equal(t, 1, rep.Summary.Failed, errs)
	for _, p := range rep.Pages {
		if p.Status == site.StatusFailed {
			assert.Contains(t, p.Path, "2022-01-10-written-reply-to-pq-on-cck-town-centre-hawker-centre.md")
			assert.Equal(t, 1, p.Error.Line)
		}
	}
	assert.Equal(t, corpus.Pick(214, 2671), n)
	assert.Equal(t, rep.Summary.Changed+rep.Summary.Unchanged, rep.Summary.Written, "every page that went through is in -o")
}
