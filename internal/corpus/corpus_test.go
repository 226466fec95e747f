package corpus

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPages(t *testing.T) {
	pages := Pages(t)
	require.Equal(t, Pick(214, 2671), len(pages), "the full corpus has 2,671 pages (SOURCES.md), the sample 214 (SAMPLE.txt)")
	assert.Equal(t, Pick(36, 329), len(Variant(pages, "tiptap")))
	assert.Equal(t, Pick(178, 2342), len(Variant(pages, "markdown")))
}

func TestSplit(t *testing.T) {
	p := Page{Data: []byte("\ufeff---\r\nvariant: tiptap\r\n---\r\n<p>x</p>")}
	assert.Equal(t, "tiptap", p.Variant())
	assert.Equal(t, "<p>x</p>", string(p.Body()))
	p = Page{Data: []byte("no front matter")}
	assert.Equal(t, "", p.Variant())
	assert.Equal(t, "no front matter", string(p.Body()))
}

func TestLeftOut(t *testing.T) {
	for _, s := range Suites() {
		t.Setenv(s.Env, "")
	}
	assert.Equal(t, "tiptapmd: this run left out full corpus, live kramdown, live CMS oracle, long tests, browser tests; "+
		"to run them: TIPTAPMD_CORPUS=full TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR TIPTAPMD_LONG=1 TIPTAPMD_BROWSER=/usr/bin/chromium go test ./... (see README.md)", LeftOut())
	assert.False(t, Full())
	assert.False(t, Long())
	assert.Equal(t, "sample", Pick("sample", "full"))
	assert.Equal(t, SampleDir(t), Dir(t))

	t.Setenv(EnvCorpus, "full")
	t.Setenv(EnvLong, "1")
	assert.True(t, Full())
	assert.True(t, Long())
	assert.Equal(t, "full", Pick("sample", "full"))
	assert.Equal(t, "tiptapmd: this run left out live kramdown, live CMS oracle, browser tests; "+
		"to run them: TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR TIPTAPMD_BROWSER=/usr/bin/chromium go test ./... (see README.md)", LeftOut())

	t.Setenv(EnvCorpus, t.TempDir())
	t.Setenv(EnvKramdown, "live")
	t.Setenv(EnvCMS, "1")
	t.Setenv(EnvBrowser, "/usr/bin/chromium")
	assert.True(t, Full())
	assert.Equal(t, os.Getenv(EnvCorpus), Dir(t), "a path names the full corpus")
	assert.Empty(t, LeftOut(), "nothing left out")

	t.Setenv(EnvLong, "0")
	assert.False(t, Long(), "0 does not ask")
}
