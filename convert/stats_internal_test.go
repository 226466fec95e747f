package convert

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestSpaceCollapser checks the collapser against its definition,
// strings.Fields with unicode.IsSpace joined by single spaces, on random
// texts of spaces (ASCII and not), letters and invalid UTF-8.
func TestSpaceCollapser(t *testing.T) {
	alphabet := []string{" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "a", "é", "字", "\xff", "\xe2\x80"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var parts []string
		var c spaceCollapser
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
		if got := string(c.b); got != want {
			t.Fatalf("%q: got %q, want %q", parts, got, want)
		}
	}
}
