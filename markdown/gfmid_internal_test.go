package markdown

import "testing"

// gfmID must give what gfmIDRunes, the rune by rune loop it had before
// its ASCII path, gives, on any text.
func checkGfmID(t *testing.T, s string) {
	t.Helper()
	if got, want := gfmID(s), gfmIDRunes(s); got != want {
		t.Fatalf("gfmID(%q) = %q, want %q", s, got, want)
	}
}

func TestGfmIDASCII(t *testing.T) {
	for _, s := range []string{"", "Hello World", "A-b_c 1.2\t3", "Ünïcode héading", "x\x00y\x7f!@#$%^&*()[]{}", "ǅ Σ ß İ", "\xff bad", "MiXeD  Case--_"} {
		checkGfmID(t, s)
	}
	for c := 0; c < 128; c++ {
		checkGfmID(t, string(rune(c)))
	}
}

func FuzzGfmID(f *testing.F) {
	f.Add("Hello World")
	f.Add("Ünïcode héading 1")
	f.Fuzz(func(t *testing.T, s string) {
		checkGfmID(t, s)
	})
}
