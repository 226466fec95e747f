package convert

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestSpaceCollapser checks the collapser against its definition,
// strings.Fields with unicode.IsSpace joined by single spaces, on random
// texts of spaces (ASCII and not), letters and invalid UTF-8; and, given
// a text to be like, that it gives the same text, which is like itself
// when equal.
func TestSpaceCollapser(t *testing.T) {
	alphabet := []string{" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "a", "é", "字", "\xff", "\xe2\x80"}
	var r *rand.Rand
	var prev string
	same := 0
	for i := range 4000 {
		// Even rounds draw a new text; odd rounds draw it again (the
		// same seed), to be collected like the text of the round before.
		r = rand.New(rand.NewPCG(uint64(i/2), 2))
		var parts []string
		var c spaceCollapser
		if i%2 == 1 {
			c.like = prev // the text of the last round, or a prefix of it
			if pick := rand.New(rand.NewPCG(uint64(i), 3)); pick.IntN(3) == 0 && prev != "" {
				c.like = prev[:pick.IntN(len(prev))]
			}
		}
		for range r.IntN(4) {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			parts = append(parts, b.String())
			if r.IntN(3) == 0 {
				parts = append(parts, " ")
				c.write(b.String())
				c.space()
				continue
			}
			c.write(b.String())
		}
		want := strings.Join(strings.FieldsFunc(strings.Join(parts, ""), unicode.IsSpace), " ")
		got := c.text()
		if got != want {
			t.Fatalf("%q (like %q): got %q, want %q", parts, c.like, got, want)
		}
		if got != "" && got == c.like && !c.copying {
			same++
		}
		prev = want
	}
	if same < 500 {
		t.Errorf("%d texts found equal to the one they were like, uncopied; want at least 500", same)
	}
}
