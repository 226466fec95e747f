package markdown

import (
	"slices"
	"testing"
)

// lineOffsetsRef is lineOffsets as newPosMap had it, byte by byte: the
// reference the faster one is held to.
func lineOffsetsRef(h []byte) []int {
	lines := []int{0}
	for i, c := range h {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

func TestLineOffsets(t *testing.T) {
	for _, h := range []string{"", "\n", "a", "a\n", "\na", "<p>a</p>\n<p>b\nc</p>\n\n", "\n\n\n", "é\n\r\nx"} {
		if got, want := lineOffsets([]byte(h)), lineOffsetsRef([]byte(h)); !slices.Equal(got, want) {
			t.Errorf("lineOffsets(%q) = %v, want %v", h, got, want)
		}
	}
}

func FuzzLineOffsets(f *testing.F) {
	f.Add([]byte("<p>a</p>\n<p>b\nc</p>\n\n"))
	f.Fuzz(func(t *testing.T, h []byte) {
		if got, want := lineOffsets(h), lineOffsetsRef(h); !slices.Equal(got, want) {
			t.Errorf("lineOffsets(%q) = %v, want %v", h, got, want)
		}
	})
}
