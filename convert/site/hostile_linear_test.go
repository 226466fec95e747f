package site

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// linearCases are the pages of issue #15 that took quadratic time or
// memory, or never ended: each must convert or fail alone, with a
// position, in time and memory linear in its size.
func linearCases() []hostileCase {
	const front = "---\ntitle: T\n---\n"
	keys := func(n int, distinct bool) []byte {
		var b bytes.Buffer
		b.WriteString("---\ntitle: Keys\n")
		for i := range n {
			if distinct {
				fmt.Fprintf(&b, "k%d: v\n", i)
			} else {
				b.WriteString("k: v\n")
			}
		}
		b.WriteString("---\nBody\n")
		return b.Bytes()
	}
	return []hostileCase{
		{
			// 18 nested <div markdown="1">: the reader went back to the
			// same tag forever, eating memory.
			name: "nested-markdown-divs.md", data: []byte(front + strings.Repeat(`<div markdown="1">`, 18) + "x\n"),
			status: StatusChanged, codes: []string{string(markdown.CodeNestedMarkdown)},
			check: func(t *testing.T, out []byte) { assert.Contains(t, string(out), "<p>x</p>") },
		},
		{
			// Each element with markdown="1" used to read the rest of
			// the page again.
			name: "sequential-markdown-divs.md", data: []byte(front + strings.Repeat("<div markdown=\"1\">\n*x*\n</div>\n\n", 5000)),
			status: StatusChanged,
			check: func(t *testing.T, out []byte) {
				assert.Equal(t, 5000, bytes.Count(out, []byte("<em>x</em>")), "the Markdown of every element is read")
			},
		},
		{
			name: "links-per-line.md", data: []byte(front + strings.Repeat("[a](b) ", 20000) + "\n"),
			status: StatusChanged,
			check: func(t *testing.T, out []byte) {
				assert.Equal(t, 20000, bytes.Count(out, []byte(`<a href="b"`)), "every link is kept")
			},
		},
		{
			name: "unclosed-destinations.md", data: []byte(front + strings.Repeat("[ (](", 80000) + "\n"),
			status: StatusChanged,
			check: func(t *testing.T, out []byte) {
				// The stored layout breaks lines at spaces.
				text := bytes.ReplaceAll(out, []byte("\n"), []byte(" "))
				assert.Equal(t, 80000, bytes.Count(text, []byte("[ (](")), "the text is kept")
			},
		},
		{
			name: "list-markers.md", data: []byte(front + strings.Repeat("- ", 100000) + "x\n"),
			err: tiptap.ErrTooDeep, line: 4, column: 511,
		},
		{
			name: "dashes.md", data: []byte(front + strings.Repeat("- ", 100000) + "\n"),
			status: StatusChanged,
			check:  func(t *testing.T, out []byte) { assert.Contains(t, string(out), "<hr>") },
		},
		{
			name: "script-tags.md", data: []byte(front + strings.Repeat("x <script> ", 40000) + "\n"),
			status: StatusChanged,
		},
		{
			name: "wide-table.md", data: []byte(front + strings.Repeat(strings.Repeat("a|", 600)+"\n", 600)),
			err: tiptap.ErrTooLarge, line: 420, column: 801,
		},
		{
			// Few enough tags to read, too many once each cell has its
			// paragraph: the writer refuses it, at the cell.
			name: "table-too-large-to-write.md", data: []byte(front + strings.Repeat(strings.Repeat("a|", 400)+"\n", 400)),
			err: tiptap.ErrTooLarge, line: 315, column: 485,
		},
		{
			name: "many-keys.md", data: keys(80000, true),
			status: StatusChanged,
		},
		{
			name: "repeated-keys.md", data: keys(80000, false),
			status: StatusChanged, codes: []string{"duplicate-keys"},
			check: func(t *testing.T, out []byte) {
				assert.Equal(t, 1, bytes.Count(out, []byte("\nk: v\n")), "one key is left")
			},
		},
	}
}
