package markdown

import (
	"math/rand/v2"
	"testing"
)

// squeezeBytewise is squeezeNewlines without its shortcut: every byte
// goes through the loop.
func squeezeBytewise(b []byte) []byte {
	out := make([]byte, 0, len(b))
	newlines, spaces := 0, 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			newlines++
			if newlines <= 2 {
				out = append(out, b[i-spaces:i+1]...)
			}
			spaces = 0
		case ' ':
			spaces++
		default:
			newlines = 0
			out = append(out, b[i-spaces:i+1]...)
			spaces = 0
		}
	}
	return append(out, b[len(b)-spaces:]...)
}

// TestSqueezeNewlinesShortcut checks that the shortcut of
// squeezeNewlines (no run of three newlines: the text unchanged) gives
// what the byte-wise loop gives, on random texts of spaces, newlines and
// letters.
func TestSqueezeNewlinesShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(" \na")
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		want := string(squeezeBytewise(b))
		if got := string(squeezeNewlines(append([]byte(nil), b...))); got != want {
			t.Fatalf("squeezeNewlines(%q) = %q, want %q", b, got, want)
		}
	}
}
