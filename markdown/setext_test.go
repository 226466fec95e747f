package markdown_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// TestSetextAfterLinkDefinition checks a "-" line under a paragraph that
// goldmark takes for a link definition. The Setext parser gives the line
// up and goldmark reads it again with the other parsers (here as an empty
// list item); it used to consume the line first, and goldmark then
// panicked on the next line (found by FuzzParse). kramdown reads these
// two lines as a heading ("<h2>[L]: x</h2>"); this reader keeps the
// definition and the list item, a known difference on input that no
// corpus page has.
func TestSetextAfterLinkDefinition(t *testing.T) {
	for _, src := range []string{
		"[L]: x\n- \nplain\n",
		"[L]: x\n- \n^\n",
		"[L]: x\n- \n# h\n",
		"[L]:\x00\n- \n^\n-\x00",
	} {
		doc, _, err := markdown.Parse([]byte(src), markdown.Options{})
		require.NoError(t, err, "%q", src)
		require.NotEmpty(t, doc.Content, "%q", src)
		assert.Equal(t, tiptap.TypeBulletList, doc.Content[0].Type, "%q: the - line is a list item", src)
	}
}
