package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
