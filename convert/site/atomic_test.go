package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openRoot(t *testing.T, dir string) *os.Root {
	t.Helper()
	r, err := os.OpenRoot(dir)
	require.NoError(t, err)
	t.Cleanup(func() { r.Close() })
	return r
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	root := openRoot(t, dir)

	// A new file, in folders made on the way, with the mode asked.
	require.NoError(t, writeAtomic(root, "a/b/c.md", []byte("one"), 0o640, false, false))
	st, err := os.Stat(filepath.Join(dir, "a", "b", "c.md"))
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o640), st.Mode().Perm())

	// Not replaced unless asked; the same bytes are not an error.
	assert.ErrorIs(t, writeAtomic(root, "a/b/c.md", []byte("one"), 0o640, false, false), errSameContent)
	err = writeAtomic(root, "a/b/c.md", []byte("two"), 0o640, false, false)
	assert.ErrorIs(t, err, ErrOutputExists)
	assert.ErrorIs(t, err, fs.ErrExist)
	b, _ := os.ReadFile(filepath.Join(dir, "a", "b", "c.md"))
	assert.Equal(t, "one", string(b))

	// Replaced when asked, with the new mode.
	require.NoError(t, writeAtomic(root, "a/b/c.md", []byte("two"), 0o600, true, false))
	b, _ = os.ReadFile(filepath.Join(dir, "a", "b", "c.md"))
	assert.Equal(t, "two", string(b))
	st, _ = os.Stat(filepath.Join(dir, "a", "b", "c.md"))
	assert.Equal(t, fs.FileMode(0o600), st.Mode().Perm())

	entries, err := os.ReadDir(filepath.Join(dir, "a", "b"))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file is left")
}

func TestWriteAtomicStaysInRoot(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "out")
	outside := filepath.Join(base, "outside")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.MkdirAll(outside, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "target.md"), []byte("keep"), 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "escape")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "target.md"), filepath.Join(dir, "link.md")))
	require.NoError(t, os.Symlink("../outside", filepath.Join(dir, "rel")))
	root := openRoot(t, dir)

	for _, name := range []string{"../outside/x.md", "escape/x.md", "rel/x.md", "escape/new/x.md"} {
		err := writeAtomic(root, name, []byte("x"), 0o644, true, false)
		assert.Error(t, err, name)
	}
	err := writeAtomic(root, "link.md", []byte("x"), 0o644, true, false)
	assert.ErrorIs(t, err, ErrSymlink, "a link is never written through, nor replaced")

	entries, err := os.ReadDir(outside)
	require.NoError(t, err)
	require.Len(t, entries, 1, "nothing was written outside the root")
	b, _ := os.ReadFile(filepath.Join(outside, "target.md"))
	assert.Equal(t, "keep", string(b))
}

func TestTempName(t *testing.T) {
	n := tempName("pages/about.md")
	assert.True(t, strings.HasPrefix(n, "pages/.about.md"+tempMark), n)
	assert.True(t, isTempName(filepath.Base(n)))
	assert.False(t, isPageName(filepath.Base(n)))
	assert.NotEqual(t, n, tempName("pages/about.md"))

	long := strings.Repeat("é", 120) + ".md" // 243 bytes
	n = tempName(long)
	assert.LessOrEqual(t, len(n), 255, "the name fits in a file name")
	assert.True(t, isTempName(n))
	assert.True(t, strings.HasPrefix(n, "."+strings.Repeat("é", 100)+tempMark), "cut on a character boundary")

	// A long name works on the disk too.
	root := openRoot(t, t.TempDir())
	require.NoError(t, writeAtomic(root, long, []byte("x"), 0o644, false, false))
}

func TestWriteAtomicNotAFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "x.md"), 0o755))
	root := openRoot(t, dir)
	err := writeAtomic(root, "x.md", []byte("x"), 0o644, true, false)
	require.Error(t, err)
	assert.False(t, errors.Is(err, errSameContent))
}
