package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// squeezeBytewise is the reference for squeezeNewlines: every byte goes
// through the loop, and the result is always a new slice.
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

// squeezeNewlinesCopy is the run-copying squeezeNewlines that wrote
// its result to a new slice, kept as a second reference for the one
// that works in place.
func squeezeNewlinesCopy(b []byte) []byte {
	var out []byte
	newlines, from, start := 0, 0, 0
	for {
		k := bytes.IndexByte(b[start:], '\n')
		if k < 0 {
			break
		}
		p := start + k
		if start > 0 && allSpaces(b[start:p]) {
			newlines++
		} else {
			newlines = 1
		}
		if newlines > 2 {
			if out == nil {
				out = make([]byte, 0, len(b))
			}
			out = append(out, b[from:start]...)
			from = p + 1
		}
		start = p + 1
	}
	if out == nil {
		return b
	}
	return append(out, b[from:]...)
}

// checkSqueeze compares squeezeNewlines, which copies runs in place,
// with the byte-wise reference and the copying one on b, and checks
// that its result is a prefix of b.
func checkSqueeze(t *testing.T, b []byte) {
	t.Helper()
	in := string(b)
	want := string(squeezeBytewise([]byte(in)))
	if got := string(squeezeNewlinesCopy([]byte(in))); got != want {
		t.Fatalf("squeezeNewlinesCopy(%q) = %q, want %q", in, got, want)
	}
	got := squeezeNewlines(b)
	if string(got) != want {
		t.Fatalf("squeezeNewlines(%q) = %q, want %q", in, got, want)
	}
	if len(got) > 0 && &got[0] != &b[0] {
		t.Fatalf("squeezeNewlines(%q) did not work in place", in)
	}
}

// TestSqueezeNewlinesTable compares squeezeNewlines with the byte-wise
// loop on chosen texts.
func TestSqueezeNewlinesTable(t *testing.T) {
	for _, s := range []string{
		"", "\n", "\n\n", "\n\n\n", "\n\n\n\n", " \n \n \n ", "a\n\n\nb",
		"a\n \n  \n   \nb  ", "  \n\n\n", "a\n\n", "a  \n\n  \n\nb\n\n\n",
		"x\n  y\n\n \n\n", "\n\n\na\n\n\n\n", "a b\nc d\n\n\n\ne f  ",
	} {
		checkSqueeze(t, []byte(s))
	}
}

// TestSqueezeNewlinesRandom compares squeezeNewlines with the byte-wise
// loop on random texts of spaces, newlines and letters.
func TestSqueezeNewlinesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(" \na")
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkSqueeze(t, b)
	}
}

// FuzzSqueezeNewlines compares squeezeNewlines with the byte-wise loop.
func FuzzSqueezeNewlines(f *testing.F) {
	for _, s := range []string{"a\n\n\nb", " \n \n \n ", "x\n  y\n\n \n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSqueeze(t, b)
	})
}

// dropTrailingBreaksRef is dropTrailingBreaks without its shortcut
// (hasTrailingBreak): the three searches, each over the whole text.
func dropTrailingBreaksRef(b []byte) []byte {
	for _, old := range [][]byte{[]byte("  \n\n"), []byte("  \n  \n"), []byte("  \n \n")} {
		if bytes.Contains(b, old) {
			b = bytes.ReplaceAll(b, old, []byte("\n\n"))
		}
	}
	return b
}

// checkDropTrailingBreaks compares dropTrailingBreaks with its reference
// on b.
func checkDropTrailingBreaks(t *testing.T, b []byte) {
	t.Helper()
	in := string(b)
	want := string(dropTrailingBreaksRef([]byte(in)))
	if got := string(dropTrailingBreaks([]byte(in))); got != want {
		t.Fatalf("dropTrailingBreaks(%q) = %q, want %q", in, got, want)
	}
}

// TestDropTrailingBreaks compares dropTrailingBreaks with the three
// searches it shortcuts, on chosen and random texts.
func TestDropTrailingBreaks(t *testing.T) {
	for _, s := range []string{
		"", "a  \nb", "a  \n\nb", "a   \n\n", "a  \n  \nb", "a  \n \nb", "a \n\n",
		"  \n", "   \n  b", "a  \n  \n\n", "x  \n   \n", " \n  \n",
	} {
		checkDropTrailingBreaks(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte(" \na")
	for range 20000 {
		b := make([]byte, r.IntN(14))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		checkDropTrailingBreaks(t, b)
	}
}

// FuzzDropTrailingBreaks compares dropTrailingBreaks with its reference.
func FuzzDropTrailingBreaks(f *testing.F) {
	f.Add([]byte("a  \n \nb  \n\nc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDropTrailingBreaks(t, b)
	})
}
