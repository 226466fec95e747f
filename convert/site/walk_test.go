package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

func TestWalkSite(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("---\n---\n")}
	fsys := fstest.MapFS{
		"index.md":                         file,
		"pages/about.md":                   file,
		"pages/About Us.MD":                file,
		"pages/old.markdown":               file,
		"pages/notes.txt":                  file,
		"pages/_partial.md":                file,
		"pages/#autosave.md":               file,
		"pages/about.md~":                  file,
		"pages/.about.md.swp":              file,
		"_posts/2020-01-01-a.md":           file,
		"_drafts/b.md":                     file,
		"_about-us/Our team.md":            file,
		"news/press/_posts/2021-x.md":      file,
		"misc/404.html":                    file,
		"resources/index.HTML":             file,
		"images/x.png":                     file,
		"_layouts/page.html":               file,
		"_includes/footer.md":              file,
		"_sass/x.md":                       file,
		"_site/about/index.html":           file,
		"node_modules/pkg/README.md":       file,
		"vendor/bundle/gems/x/README.md":   file,
		".github/ISSUE_TEMPLATE.md":        file,
		".git/x.md":                        file,
		"deep/.hidden/page.md":             file,
		"deep/er/page.md":                  file,
		"pages/.a.md.tiptapmd-01.tmp":      file,
		"pages/sub/.b.md.tiptapmd-0ff.tmp": file,
	}
	got, err := Walk(fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"_about-us/Our team.md",
		"_drafts/b.md",
		"_posts/2020-01-01-a.md",
		"deep/er/page.md",
		"index.md",
		"misc/404.html",
		"news/press/_posts/2021-x.md",
		"pages/About Us.MD",
		"pages/about.md",
		"pages/old.markdown",
		"resources/index.HTML",
	}, got)

	var temps []string
	walkSite(fsys, ".", func(name string, kind walkKind, err error) {
		if kind == walkTemp {
			temps = append(temps, name)
		}
	})
	assert.Equal(t, []string{"pages/.a.md.tiptapmd-01.tmp", "pages/sub/.b.md.tiptapmd-0ff.tmp"}, temps)
}

// errFS is an fs.FS whose folder "locked" cannot be read.
type errFS struct{ fstest.MapFS }

var errLocked = errors.New("locked")

func (e errFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "locked" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errLocked}
	}
	return e.MapFS.ReadDir(name)
}

func TestWalkSiteUnreadableFolder(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("---\n---\n")}
	fsys := errFS{fstest.MapFS{"a.md": file, "locked/b.md": file, "z/c.md": file}}
	got, err := Walk(fsys)
	assert.Equal(t, []string{"a.md", "z/c.md"}, got, "the walk goes on past a folder it cannot read")
	require.ErrorIs(t, err, errLocked)
	var pe *fs.PathError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "locked", pe.Path)
}

func TestWalkSiteSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "b", "p.md"), []byte("---\n---\n"), 0o644))
	require.NoError(t, os.Symlink("..", filepath.Join(dir, "a", "b", "up")))
	require.NoError(t, os.Symlink(dir, filepath.Join(dir, "a", "root")))
	require.NoError(t, os.Symlink("p.md", filepath.Join(dir, "a", "b", "q.md")))
	got, err := Walk(os.DirFS(dir))
	require.NoError(t, err)
	assert.Equal(t, []string{"a/b/p.md"}, got)
}

// TestWalkSiteCorpus checks that the walk finds every page of the corpus
// (all of which have front matter and live outside the folders it
// leaves out) and nothing else.
func TestWalkSiteCorpus(t *testing.T) {
	dir := corpus.Dir(t)
	want := map[string]bool{}
	for _, p := range corpus.Pages(t) {
		want[p.Path] = true
	}
	got, err := Walk(os.DirFS(dir))
	require.NoError(t, err)
	n := 0
	for _, p := range got {
		if !strings.Contains(p, "/") {
			continue // SOURCES.md, notes about the corpus
		}
		assert.True(t, want[p], "%s is not a corpus page", p)
		n++
	}
	assert.Equal(t, len(want), n)
	assert.Equal(t, corpus.Pick(214, 2671), n)
}
