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
	// The line of a default run, as each build prints it: the browser
	// tests are left out unless built with -tags browser.
	noTag := "tiptapmd: this run left out full corpus, live kramdown, live CMS oracle, long tests, browser tests; " +
		"to run them: TIPTAPMD_CORPUS=full TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR TIPTAPMD_LONG=1 go test -tags browser ./... " +
		"(TIPTAPMD_BROWSER=PATH instead of chromium from PATH; see README.md)"
	tag := "tiptapmd: this run left out full corpus, live kramdown, live CMS oracle, long tests; " +
		"to run them: TIPTAPMD_CORPUS=full TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR TIPTAPMD_LONG=1 go test -tags browser ./... (see README.md)"
	assert.Equal(t, map[bool]string{false: noTag, true: tag}[browserBuilt], LeftOut())
	assert.Equal(t, noTag, leftOut(withBrowser(false)))
	assert.Equal(t, tag, leftOut(withBrowser(true)))
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
		"to run them: TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR go test -tags browser ./... "+
		"(TIPTAPMD_BROWSER=PATH instead of chromium from PATH; see README.md)", leftOut(withBrowser(false)))
	assert.Equal(t, "tiptapmd: this run left out live kramdown, live CMS oracle; "+
		"to run them: TIPTAPMD_KRAMDOWN=live TIPTAPMD_CMS_ORACLE=DIR go test -tags browser ./... (see README.md)", leftOut(withBrowser(true)))

	t.Setenv(EnvCorpus, t.TempDir())
	t.Setenv(EnvKramdown, "live")
	t.Setenv(EnvCMS, "1")
	assert.True(t, Full())
	assert.Equal(t, os.Getenv(EnvCorpus), Dir(t), "a path names the full corpus")
	assert.Empty(t, leftOut(withBrowser(true)), "nothing left out")
	assert.Equal(t, "tiptapmd: this run left out browser tests; to run them: go test -tags browser ./... "+
		"(TIPTAPMD_BROWSER=PATH instead of chromium from PATH; see README.md)", leftOut(withBrowser(false)),
		"the browser tests are asked for by the tag, not by the variable")
	t.Setenv(EnvBrowser, "/usr/bin/chromium")
	assert.Equal(t, "tiptapmd: this run left out browser tests; to run them: go test -tags browser ./... "+
		"(TIPTAPMD_BROWSER=PATH instead of chromium from PATH; see README.md)", leftOut(withBrowser(false)),
		"the variable alone does not build them")
	assert.Empty(t, leftOut(withBrowser(true)), "nothing left out")

	t.Setenv(EnvLong, "0")
	assert.False(t, Long(), "0 does not ask")
}

// TestCheck: the browser tests asked for by half, with TIPTAPMD_BROWSER
// but without the tag, are an error that says how to build them.
func TestCheck(t *testing.T) {
	t.Setenv(EnvBrowser, "")
	for _, built := range []bool{false, true} {
		for _, s := range withBrowser(built) {
			assert.NoError(t, s.Check(), "%s: nothing set", s.Name)
		}
	}
	for _, v := range []string{"/usr/bin/chromium", "chromium", "1"} {
		t.Setenv(EnvBrowser, v)
		b := withBrowser(false)[len(Suites())-1]
		require.Equal(t, "browser tests", b.Name)
		assert.EqualError(t, b.Check(), "TIPTAPMD_BROWSER="+v+" is set, but the browser tests are not built: "+
			"build with -tags browser (go test -tags browser ./...)")
		b.Built = true
		assert.NoError(t, b.Check(), "built")
	}
	t.Setenv(EnvBrowser, "0")
	assert.NoError(t, withBrowser(false)[len(Suites())-1].Check(), "0 does not ask")
	t.Setenv(EnvCorpus, "full")
	t.Setenv(EnvLong, "1")
	for _, s := range withBrowser(false)[:len(Suites())-1] {
		assert.NoError(t, s.Check(), "%s: no tag, nothing to build", s.Name)
	}
}

// withBrowser returns the suites as the build with (built) or without
// the tag browser sees them.
func withBrowser(built bool) []Suite {
	suites := Suites()
	for i := range suites {
		if suites[i].Tag == "browser" {
			suites[i].Built = built
		}
	}
	return suites
}
