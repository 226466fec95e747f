package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTypographyFlag: kramdown's typography is kept by default, and
// -typography=false turns it off both ways.
func TestTypographyFlag(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "md.md")
	require.NoError(t, os.WriteFile(md, []byte("---\ntitle: T\n---\n\"Quoted\" -- text...\n"), 0o644))

	code, out, errs := runBin(t, nil, "convert", "-to", "tiptap", "-d", "-n", md)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "+<p>“Quoted” – text…</p>", "kramdown shows curly quotes, a dash and an ellipsis")

	code, out, errs = runBin(t, nil, "convert", "-to", "tiptap", "-typography=false", "-d", "-n", md)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "+<p>\"Quoted\" -- text...</p>")

	tt := filepath.Join(dir, "tt.md")
	require.NoError(t, os.WriteFile(tt, []byte("---\ntitle: T\nvariant: tiptap\n---\n<p>\"Straight\" -- as stored...</p>"), 0o644))
	code, out, errs = runBin(t, nil, "convert", "-to", "markdown", "-d", "-n", tt)
	require.Equal(t, 0, code, errs)
	assert.NotContains(t, out, "+\"Straight\" -- as stored...", "escaped so that kramdown shows the straight characters")
	code, out, errs = runBin(t, nil, "convert", "-to", "markdown", "-typography=false", "-d", "-n", tt)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "+\"Straight\" -- as stored...")
}
