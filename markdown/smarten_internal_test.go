package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
)

// TestSmartenShortcuts checks smarten, which skips the bytes that start
// nothing and copies a text only once it changes, against the byte-wise
// loop it replaced (below, as it was), on random texts of the bytes the
// rules look at.
func TestSmartenShortcuts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"'", `"`, "-", ".", "<", ">", " ", "\\", "&", "&amp;", "&#39;", "a", "s", "1", "_", "*", "(", "[", "\n", "é"}
	changed := 0
	for range 50000 {
		var b []byte
		for range r.IntN(14) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		lo := r.IntN(len(b) + 1)
		hi := lo + r.IntN(len(b)-lo+1)
		before := -1
		if r.IntN(2) == 0 {
			before = int(pieces[r.IntN(len(pieces))][0])
		}
		want, wok := smartenRef(b, lo, hi, before)
		got, gok := smarten(b, lo, hi, before)
		if gok != wok || gok && string(got) != string(want) {
			t.Fatalf("smarten(%q, %d, %d, %d) = %q, %v; want %q, %v", b, lo, hi, before, got, gok, want, wok)
		}
		if gok {
			changed++
		}
	}
	if changed < 1000 {
		t.Fatalf("only %d texts changed", changed)
	}
}

// smartenRef is smarten as it was before its shortcuts: it applies the
// substitutions to src[lo:hi]. before is the plain
// character before lo (or -1 when the text follows something else).
func smartenRef(src []byte, lo, hi int, before int) ([]byte, bool) {
	var out []byte
	changed := false
	i := lo
	// A quote right at lo may take the character before it into
	// account.
	if before >= 0 && lo < hi && isQuote(src[lo]) && before != '\\' {
		ctx := make([]byte, 0, 1+len(src)-lo)
		ctx = append(ctx, byte(before))
		ctx = append(ctx, src[lo:min(len(src), lo+8)]...)
		if n, repl := quoteRule(ctx, 0); n > 1 {
			out = append(out, repl[1:]...) // the character before is not ours
			i = lo + n - 1
			changed = true
		}
	}
	for i < hi {
		c := src[i]
		switch {
		case c == '\\' && i+1 < hi && isKramdownEscapable(src[i+1]):
			out = append(out, c, src[i+1])
			i += 2
			continue
		case c == '&':
			if n := htmlesc.RefLen(src, i); n > 0 && i+n <= hi {
				out = append(out, src[i:i+n]...)
				i += n
				continue
			}
		}
		// Smart quotes start one character early.
		if isQuote(c) || i+1 < hi && isQuote(src[i+1]) && c != '\\' && !isSymStartRef(src, i, hi) {
			n, repl := quoteRule(src, i)
			if n > 0 && i+n <= hi {
				out = append(out, repl...)
				i += n
				changed = true
				continue
			}
		}
		if n, repl := typoSymRef(src, i, hi); n > 0 {
			out = append(out, repl...)
			i += n
			changed = true
			continue
		}
		out = append(out, c)
		i++
	}
	return out, changed
}

// isSymStartRef (isSymStart as it was) reports whether a typographic symbol starts at i (kramdown
// tries smart quotes first, but a symbol starting earlier wins the
// scan).
func isSymStartRef(src []byte, i, hi int) bool {
	n, _ := typoSymRef(src, i, hi)
	return n > 0
}

// typoSymRef (typoSym as it was) matches kramdown's typographic symbols at src[i].
func typoSymRef(src []byte, i, hi int) (int, []byte) {
	has := func(s string) bool {
		return i+len(s) <= hi && string(src[i:i+len(s)]) == s
	}
	switch {
	case has("---"):
		return 3, []byte("—")
	case has("--"):
		return 2, []byte("–")
	case has("..."):
		return 3, []byte("…")
	case has(`\<<`):
		return 3, []byte("&lt;&lt;")
	case has(`\>>`):
		return 3, []byte("&gt;&gt;")
	case has("<< "):
		return 3, []byte("«\u00a0")
	case has(" >>"):
		return 3, []byte("\u00a0»")
	case has("<<"):
		return 2, []byte("«")
	case has(">>"):
		return 2, []byte("»")
	}
	return 0, nil
}

// nextTypoStartRef is the byte-wise test nextTypoStart replaced: the
// first index from i on where something may start.
func nextTypoStartRef(src []byte, i, hi int) int {
	for ; i < hi; i++ {
		c := src[i]
		if typoByte(c) || i+1 < hi && (isQuote(src[i+1]) || c == ' ' && src[i+1] == '>') {
			return i
		}
	}
	return hi
}

// FuzzSmarten compares smarten with its byte-wise reference, and
// nextTypoStart with the test it replaced, on every start and end.
func FuzzSmarten(f *testing.F) {
	for _, s := range []string{`"a 'b' c" -- d... <<e>> f >`, `x \'y' &amp; 'z`, "a >b\n'c"} {
		f.Add([]byte(s), -1)
	}
	f.Fuzz(func(t *testing.T, b []byte, before int) {
		if len(b) > 64 {
			b = b[:64]
		}
		if before < -1 || before > 255 {
			before = -1
		}
		for lo := 0; lo <= len(b); lo++ {
			for hi := lo; hi <= len(b); hi++ {
				if got, want := nextTypoStart(b, lo, hi), nextTypoStartRef(b, lo, hi); got != want {
					t.Fatalf("nextTypoStart(%q, %d, %d) = %d, want %d", b, lo, hi, got, want)
				}
				want, wok := smartenRef(b, lo, hi, before)
				got, gok := smarten(b, lo, hi, before)
				if gok != wok || gok && string(got) != string(want) {
					t.Fatalf("smarten(%q, %d, %d, %d) = %q, %v; want %q, %v", b, lo, hi, before, got, gok, want, wok)
				}
			}
		}
	})
}

// TestByteSets checks the byte tables against the functions they were
// built from, on every byte.
func TestByteSets(t *testing.T) {
	for c := range 256 {
		if typoBytes[c] != typoByte(byte(c)) {
			t.Errorf("typoBytes[%#x] = %v", c, typoBytes[c])
		}
		if markTextBytes[c] != markTextSpecial(byte(c)) {
			t.Errorf("markTextBytes[%#x] = %v", c, markTextBytes[c])
		}
	}
}

// byteSetChars are the characters of the sets the scanners look for,
// to compare Set.Index with bytes.IndexAny.
var byteSetChars = []struct {
	set   *ascii.Set
	chars string
}{
	{&angleBytes, "<>"},
	{&htmlBytes, "<&>"},
}

// TestIndexIn compares Set.Index with bytes.IndexAny on random texts.
func TestIndexIn(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	alphabet := []byte("<>&a /\n\r\t\f\x00\xff")
	for range 20000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		for _, s := range byteSetChars {
			if got, want := s.set.Index(b), bytes.IndexAny(b, s.chars); got != want {
				t.Fatalf("Index(%q) of the set of %q = %d, want %d", b, s.chars, got, want)
			}
		}
	}
}

// FuzzIndexIn compares Set.Index with bytes.IndexAny.
func FuzzIndexIn(f *testing.F) {
	f.Add([]byte("a <b> &c/"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, s := range byteSetChars {
			if got, want := s.set.Index(b), bytes.IndexAny(b, s.chars); got != want {
				t.Fatalf("Index(%q) of the set of %q = %d, want %d", b, s.chars, got, want)
			}
		}
	})
}
