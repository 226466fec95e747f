package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/convert/site"
)

// TestFullDisk runs the command with a file size limit (ulimit -f) that
// the converted large page cannot fit in: writing it fails as it would on
// a full disk (EFBIG rather than ENOSPC, from the same write), the page
// is left as it was, no temporary file stays behind, the small page is
// converted all the same, and the command exits 1 naming the page.
func TestFullDisk(t *testing.T) {
	sh, err := exec.LookPath("sh")
	require.NoError(t, err, "the test sets the limit with the shell's ulimit")
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	require.NoError(t, os.MkdirAll(pages, 0o755))
	var big strings.Builder
	big.WriteString("---\ntitle: Big\n---\n")
	for i := range 3000 {
		fmt.Fprintf(&big, "Paragraph %d, with enough text to make the page long.\n\n", i)
	}
	require.NoError(t, os.WriteFile(filepath.Join(pages, "big.md"), []byte(big.String()), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(pages, "small.md"), []byte("---\ntitle: Small\n---\nHello *world*\n"), 0o644))
	before := readTree(t, dir)

	// 100 blocks: 51,200 bytes (512-byte blocks) or 102,400 (1 KB
	// blocks), depending on the shell; the big page is 160 KB.
	cmd := exec.Command(sh, "-c", `ulimit -f 100 && exec "$0" "$@"`, binPath, "convert", "-to", "tiptap", dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "the command fails: %s", out)
	assert.Equal(t, 1, ee.ExitCode(), "%s", out)
	assert.Contains(t, string(out), "big.md: write ")
	assert.Contains(t, string(out), "file too large")

	after := readTree(t, dir)
	assert.Equal(t, before["pages/big.md"], after["pages/big.md"], "the page that could not be written is left as it was")
	assert.Contains(t, after["pages/small.md"], "variant: tiptap", "the other page is converted")
	assert.Len(t, after, 2, "no temporary file is left: %v", keys(after))
}

func keys(m map[string]string) []string {
	var k []string
	for name := range m {
		k = append(k, name)
	}
	return k
}

// hostilePages are pages that once hung the command, took gigabytes of
// memory or could not be read, by name in a site's pages/hostile/.
func hostilePages() map[string][]byte {
	fm := "---\ntitle: T\n---\n"
	var links strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&links, "[a%d](/p%d/) ", i, i)
	}
	var table strings.Builder
	for range 300 {
		table.WriteString("|" + strings.Repeat("c|", 300) + "\n")
	}
	var keys strings.Builder
	keys.WriteString("---\n")
	for i := range 80000 {
		fmt.Fprintf(&keys, "k%d: v\n", i)
	}
	keys.WriteString("---\nbody\n")
	return map[string][]byte{
		"nest.md":     []byte(fm + strings.Repeat(`<div markdown="1">`, 18) + "x\n"),
		"deep.md":     []byte(fm + strings.Repeat("<div>", 2000) + "x" + strings.Repeat("</div>", 2000) + "\n"),
		"script.md":   []byte(fm + strings.Repeat("x <script> ", 40000) + "\n"),
		"links.md":    []byte(fm + links.String() + "\n"),
		"table.md":    []byte(fm + table.String()),
		"dashes.md":   []byte(fm + strings.Repeat("- ", 100000) + "\n"),
		"brackets.md": []byte(fm + strings.Repeat("[ (](", 80000) + "\n"),
		"keys.md":     []byte(keys.String()),
		"utf8.md":     []byte(fm + "bad \xff\n"),
	}
}

// TestHostileBatchAcceptance: a batch over a real site with the hostile
// pages mixed in, under a 3 GB cap on the process's memory, ends: every
// page of the site is converted, each hostile page is converted or fails
// alone (over its budget, with its line), the report is whole, valid
// JSON that lists every page, and no lock or temporary file is left.
func TestHostileBatchAcceptance(t *testing.T) {
	sh, err := exec.LookPath("sh")
	require.NoError(t, err, "the test sets the memory cap with the shell's ulimit")
	siteDir := copySite(t, "isomerpages__enterprisesg-seeds")
	good, err := site.Walk(os.DirFS(siteDir))
	require.NoError(t, err)
	hostile := hostilePages()
	require.NoError(t, os.MkdirAll(filepath.Join(siteDir, "pages", "hostile"), 0o755))
	for name, data := range hostile {
		require.NoError(t, os.WriteFile(filepath.Join(siteDir, "pages", "hostile", name), data, 0o644))
	}
	report := filepath.Join(t.TempDir(), "report.json")

	cmd := exec.Command(sh, "-c", `ulimit -v 3000000 && exec "$0" "$@"`, binPath,
		"convert", "-to", "tiptap", "-j", "2", "-page-timeout", "3s", "-report", report, siteDir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "pages fail: %s", out)
	require.Equal(t, 1, ee.ExitCode(), "the command ends on its own, exit 1 for the pages that failed: %s", out)
	assert.NotContains(t, string(out), "stopped before the end")

	var rep struct {
		Pages []struct {
			Path   string `json:"path"`
			Status string `json:"status"`
			Error  *struct {
				Message string `json:"message"`
				Line    int    `json:"line"`
			} `json:"error"`
		} `json:"pages"`
		Summary site.Summary `json:"summary"`
	}
	data, err := os.ReadFile(report)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &rep), "the report is valid JSON")
	require.Len(t, rep.Pages, len(good)+len(hostile), "every page is in the report")
	assert.Equal(t, len(rep.Pages), rep.Summary.Pages)
	statuses := map[string]string{}
	for _, p := range rep.Pages {
		rel, err := filepath.Rel(siteDir, p.Path)
		require.NoError(t, err)
		rel = filepath.ToSlash(rel)
		statuses[rel] = p.Status
		if name, ok := strings.CutPrefix(rel, "pages/hostile/"); ok {
			if p.Status == "failed" {
				require.NotNil(t, p.Error, name)
				assert.Positive(t, p.Error.Line, "%s fails at a line: %s", name, p.Error.Message)
				t.Logf("%s: %d: %s", name, p.Error.Line, p.Error.Message)
			} else {
				t.Logf("%s: %s", name, p.Status)
			}
		}
	}
	for _, p := range good {
		assert.Contains(t, []string{"changed", "unchanged"}, statuses[p], p)
	}
	assert.Equal(t, "failed", statuses["pages/hostile/utf8.md"])
	assert.Equal(t, "failed", statuses["pages/hostile/deep.md"])

	var left []string
	require.NoError(t, filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") && (strings.Contains(d.Name(), "tiptapmd") || d.Name() == site.LockName) {
			left = append(left, p)
		}
		return err
	}))
	assert.Empty(t, left, "no lock or temporary file is left")
}

// TestHostileNamesPrinted: a file name with a newline in it cannot forge
// a line of the command's output: it is printed quoted, in the list of
// -v, in entries, in errors and in diffs.
func TestHostileNamesPrinted(t *testing.T) {
	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	require.NoError(t, os.MkdirAll(pages, 0o755))
	evil := "a\nchanged forged.md"
	require.NoError(t, os.WriteFile(filepath.Join(pages, evil+".md"), []byte("---\ntitle: T\n---\nHello <u>x</u>\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(pages, evil+" bad.md"), []byte("---\ntitle: T\n---\nbad \xff\n"), 0o644))

	code, stdout, stderr := runBin(t, nil, "convert", "-to", "tiptap", "-v", "-d", "-n", dir)
	assert.Equal(t, 1, code, stderr)
	for _, line := range strings.Split(stdout+stderr, "\n") {
		assert.False(t, strings.HasPrefix(line, "changed forged.md"), "a forged line: %q", line)
	}
	quoted := strconv.Quote(filepath.Join(pages, evil+".md"))
	assert.Contains(t, stderr, "changed "+quoted, "the -v list")
	assert.Contains(t, stderr, quoted+":3: info: variant:", "an entry")
	assert.Contains(t, stderr, strconv.Quote(filepath.Join(pages, evil+" bad.md"))+":4:5: markdown body: invalid UTF-8", "an error")
	assert.Contains(t, stdout, "--- "+quoted, "a diff")
}

// TestHostileReportAtomic: the report file is written whole whatever way
// the run ends: interrupted (SIGINT once the first page is written), or
// stopped by another run's lock. Until then the old report stays as it
// was.
func TestHostileReportAtomic(t *testing.T) {
	siteDir := copySite(t, "isomerpages__csc-knowledge")
	pages, err := site.Walk(os.DirFS(siteDir))
	require.NoError(t, err)
	report := filepath.Join(t.TempDir(), "report.json")
	require.NoError(t, os.WriteFile(report, []byte("old"), 0o644))

	validJSON := func() site.Summary {
		t.Helper()
		var rep struct {
			Pages   []json.RawMessage `json:"pages"`
			Summary site.Summary      `json:"summary"`
		}
		data, err := os.ReadFile(report)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(data, &rep), "%s", data)
		assert.Len(t, rep.Pages, rep.Summary.Pages)
		return rep.Summary
	}

	cmd := exec.Command(binPath, "convert", "-to", "tiptap", "-v", "-j", "1", "-report", report, siteDir)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	var log bytes.Buffer
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if strings.HasSuffix(sc.Text(), "(written)") {
			b, err := os.ReadFile(report)
			require.NoError(t, err)
			assert.Equal(t, "old", string(b), "the old report stays until the new one is whole")
			require.NoError(t, cmd.Process.Signal(os.Interrupt))
			break
		}
	}
	rest, _ := io.ReadAll(stderr)
	log.Write(rest)
	err = cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, log.String())
	assert.Equal(t, 1, ee.ExitCode(), log.String())
	assert.Contains(t, log.String(), "stopped before the end")
	sum := validJSON()
	assert.Positive(t, sum.Written)
	assert.Less(t, sum.Pages, len(pages), "the run stopped before its end")

	// Locked by another run: the report says so, whole.
	require.NoError(t, os.WriteFile(filepath.Join(siteDir, site.LockName), []byte("pid 1 on elsewhere, since 2026-01-01T00:00:00Z\n"), 0o644))
	code, _, errOut := runBin(t, nil, "convert", "-to", "markdown", "-report", report, siteDir)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "locked by pid 1 on elsewhere")
	assert.Zero(t, validJSON().Pages)
}

// TestHostileOtherFlags: -replace-read-only and -page-memory reach the
// batch.
func TestHostileOtherFlags(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "ro.md")
	require.NoError(t, os.WriteFile(page, []byte("---\ntitle: T\n---\nHello\n"), 0o444))
	code, _, stderr := runBin(t, nil, "convert", "-to", "tiptap", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "ro.md: write "+page+": read-only file")
	code, _, stderr = runBin(t, nil, "convert", "-to", "tiptap", "-replace-read-only", dir)
	assert.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	assert.Contains(t, string(b), "variant: tiptap")

	code, _, stderr = runBin(t, nil, "convert", "-to", "markdown", "-page-memory", "x", dir)
	assert.Equal(t, 2, code, stderr)
}

// TestHostileOutInsideSite: -o inside the site folder is not silently
// part of the walk or left out of it: it has a line of its own, skipped,
// that says how many page files it holds, and a second run does not
// convert the results again.
func TestHostileOutInsideSite(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	require.NoError(t, os.MkdirAll(filepath.Join(site, "pages"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(site, "pages", "a.md"), []byte("---\ntitle: T\n---\nHello\n"), 0o644))
	out := filepath.Join(site, "out")
	for i, held := range []string{"(0)", "(1)"} {
		code, _, stderr := runBin(t, nil, "convert", "-to", "tiptap", "-v", "-o", out, site)
		assert.Equal(t, 0, code, stderr)
		assert.Contains(t, stderr, out+": skipped: the batch's output folder, inside the site: left out of the walk, with the page files in it "+held, "run %d", i+1)
		assert.Contains(t, stderr, "1 converted, 0 unchanged, 0 failed, 1 skipped", "run %d", i+1)
	}
}
