package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeSite writes the files of a small site into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	return dir
}

const (
	plainPage = "---\ntitle: Plain\n---\nHello *world*.\n\n<img src=\"/images/logo.png\" alt=\"Logo\" width=\"120\">\n"
	gridPage  = "---\ntitle: Gallery\n---\n" +
		`<div class="row">` + "\n" +
		`<div class="col" style="width:33%"><p>One</p></div>` + "\n" +
		`<div class="col" style="width:33%"><p>Two</p></div>` + "\n" +
		`<div class="col" style="width:33%"><p>Three</p></div>` + "\n" +
		"</div>\n"
)

// TestCheckGate checks that check exits with 1 on a site with a page that
// needs review or a missing asset, with 0 on a clean site, and that its
// flags relax the gate.
func TestCheckGate(t *testing.T) {
	clean := writeSite(t, map[string]string{"pages/plain.md": plainPage, "images/logo.png": "png"})
	code, _, errs := runBin(t, nil, "check", clean)
	assert.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "no page needs review")

	missing := writeSite(t, map[string]string{"pages/plain.md": plainPage})
	code, out, errs := runBin(t, nil, "check", missing)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, out, "missing: asset /images/logo.png")
	code, _, errs = runBin(t, nil, "check", "-allow-missing", missing)
	assert.Equal(t, 0, code, errs)

	grid := writeSite(t, map[string]string{"pages/plain.md": plainPage, "pages/gallery.md": gridPage, "images/logo.png": "png"})
	code, out, errs = runBin(t, nil, "check", grid)
	assert.Equal(t, 1, code, errs)
	gallery := filepath.Join(grid, "pages", "gallery.md")
	assert.Contains(t, errs, gallery+":4:1: review: dropped-attr: <div>: dropped class \"row\": the column grid becomes one column",
		"review entries go to standard error, as convert's do")
	assert.NotContains(t, out, ": review: ")
	assert.True(t, strings.HasSuffix(errs, "needs review: "+gallery+"\n"), "the closing line names the page: %s", errs)
	code, _, errs = runBin(t, nil, "check", "-allow-review", grid)
	assert.Equal(t, 0, code, errs)
}

// TestPipeReview checks that a page read from standard input gets its
// review entries and a closing line naming it on standard error, and the
// page alone on standard output.
func TestPipeReview(t *testing.T) {
	code, out, errs := runBin(t, []byte(gridPage), "convert", "-to", "tiptap", "-")
	assert.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "---\ntitle: Gallery\nvariant: tiptap\n---\n<p>One</p>"), out)
	assert.Contains(t, errs, "-:4:1: review: dropped-attr: <div>: dropped class \"row\"")
	assert.Contains(t, errs, "-:5:1: review: dropped-attr: <div>: dropped class \"col\", style (width: 33%): the column grid becomes one column, its columns stacked; sizes change")
	assert.True(t, strings.HasSuffix(errs, "\nneeds review: -\n"), errs)

	code, _, errs = runBin(t, []byte(plainPage), "convert", "-to", "tiptap", "-")
	assert.Equal(t, 0, code, errs)
	assert.NotContains(t, errs, "review:")
	assert.True(t, strings.HasSuffix(errs, "\nno page needs review\n"), errs)
}

// TestOutputPapercuts checks the output folder's errors: a path that does
// not exist makes no -o folder; outputs that exist are hinted at -overwrite
// once; a folder that cannot be made is named, not the page.
func TestOutputPapercuts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	code, _, errs := runBin(t, nil, "convert", "-to", "tiptap", "-o", out, filepath.Join(dir, "nonexistent"))
	assert.Equal(t, 1, code, errs)
	assert.NoDirExists(t, out, "a path that does not exist makes no output folder")

	site := writeSite(t, map[string]string{"pages/a.md": plainPage, "pages/b.md": gridPage})
	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", "-o", out, site)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "needs review: "+filepath.Join(site, "pages", "b.md")+"\n")
	for _, name := range []string{"a.md", "b.md"} {
		require.NoError(t, os.WriteFile(filepath.Join(out, "pages", name), []byte("edited\n"), 0o644))
	}
	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", "-o", out, site)
	assert.Equal(t, 1, code, errs)
	assert.Equal(t, 2, strings.Count(errs, "output file exists"), errs)
	assert.Equal(t, 1, strings.Count(errs, "-overwrite"), "one hint: %s", errs)
	assert.Contains(t, errs, "2 output files exist and were left alone: -overwrite replaces them")

	blocked := filepath.Join(dir, "blocked")
	require.NoError(t, os.MkdirAll(blocked, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(blocked, "pages"), []byte("a file where a folder should be"), 0o644))
	code, _, errs = runBin(t, nil, "convert", "-to", "tiptap", "-o", blocked, site)
	assert.Equal(t, 1, code, errs)
	assert.Contains(t, errs, filepath.Join(site, "pages", "a.md")+": mkdirat "+filepath.Join(blocked, "pages")+": ",
		"the error names the folder that cannot be made")
	assert.NotContains(t, errs, filepath.Join(blocked, "pages", "a.md"))
}
