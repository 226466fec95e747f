package corpus

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPages(t *testing.T) {
	pages := Pages(t)
	require.Equal(t, Pick(209, 2671), len(pages), "the full corpus has 2,671 pages (SOURCES.md), the sample 209 (SAMPLE.txt)")
	assert.Equal(t, Pick(34, 329), len(Variant(pages, "tiptap")))
	assert.Equal(t, Pick(175, 2342), len(Variant(pages, "markdown")))
}

func TestSplit(t *testing.T) {
	p := Page{Data: []byte("\ufeff---\r\nvariant: tiptap\r\n---\r\n<p>x</p>")}
	assert.Equal(t, "tiptap", p.Variant())
	assert.Equal(t, "<p>x</p>", string(p.Body()))
	p = Page{Data: []byte("no front matter")}
	assert.Equal(t, "", p.Variant())
	assert.Equal(t, "no front matter", string(p.Body()))
}
