package markdown_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/markdown"
)

// Elements with markdown="1" nested beyond the sub-parse limit are read
// as raw HTML, with a note at each of them; the page used to loop
// forever on the first one.
func TestNestedMarkdownDivs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		notes     []string
	}{
		{
			name:  "unclosed",
			src:   strings.Repeat(`<div markdown="1">`, 18) + "x\n",
			notes: []string{"1:289", "1:307"},
		},
		{
			name:  "closed",
			src:   strings.Repeat("<div markdown=\"1\">\n", 18) + "**b**\n\n" + strings.Repeat("</div>\n", 18),
			notes: []string{"17:1", "18:1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, notes, err := markdown.Parse([]byte(tc.src), markdown.Options{})
			require.NoError(t, err)
			var at []string
			for _, n := range notes {
				if n.Code == markdown.CodeNestedMarkdown {
					at = append(at, n.Pos.String())
					assert.Contains(t, n.Message, "raw HTML")
				}
			}
			assert.Equal(t, tc.notes, at)
			text := doc.TextContent()
			if tc.name == "closed" {
				assert.Equal(t, "**b**", strings.TrimSpace(text), "the Markdown of the deepest elements shows as written")
			}
		})
	}
	// Sixteen levels are still read as Markdown.
	src := strings.Repeat("<div markdown=\"1\">\n", 16) + "**b**\n\n" + strings.Repeat("</div>\n", 16)
	doc, notes, err := markdown.Parse([]byte(src), markdown.Options{})
	require.NoError(t, err)
	for _, n := range notes {
		assert.NotEqual(t, markdown.CodeNestedMarkdown, n.Code, "%v", n)
	}
	assert.Equal(t, "b", strings.TrimSpace(doc.TextContent()))
}
