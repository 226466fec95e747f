package convert

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVariantEntryLine checks that the variant entry points at the
// variant key, or where the key is added.
func TestVariantEntryLine(t *testing.T) {
	for _, c := range []struct {
		name     string
		page     string
		line     int
		column   int
		toTiptap bool
	}{
		{"key", "---\ntitle: A\nvariant: markdown\nlayout: page\n---\ntext\n", 3, 10, true},
		{"no key", "---\ntitle: A\nlayout: page\n---\ntext\n", 4, 0, true},
		{"to markdown", "---\nvariant: tiptap\n---\n<p>text</p>", 2, 10, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r *Report
			var err error
			if c.toTiptap {
				_, r, err = ToTiptap([]byte(c.page))
			} else {
				_, r, err = ToMarkdown([]byte(c.page))
			}
			require.NoError(t, err)
			found := false
			for _, e := range r.Items {
				if e.Code == CodeVariant {
					found = true
					assert.Equal(t, c.line, e.Line, e.String())
					assert.Equal(t, c.column, e.Column, e.String())
				}
			}
			assert.True(t, found, "no variant entry in %v", r.Items)
		})
	}
}
