package htmlesc

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAppend(t *testing.T) {
	for _, tc := range []struct {
		s    string
		m    Mode
		want string
	}{
		{"", 0, ""},
		{"plain", 0, "plain"},
		{`a < b > c & d "e" 'f'`, 0, `a &lt; b &gt; c &amp; d "e" 'f'`},
		{`"q"`, Quot, `&quot;q&quot;`},
		{"a\u00a0b", 0, "a\u00a0b"},
		{"a\u00a0b", NBSP, "a&nbsp;b"},
		{"\u00a0\u00a0", NBSP, "&nbsp;&nbsp;"},
		{"\xc2", NBSP, "\xc2"},                  // a lone lead byte stays
		{"\xc2<", NBSP, "\xc2&lt;"},             //
		{"Â é", NBSP, "Â é"},                    // other two-byte runes stay
		{"&amp; &lt;", 0, "&amp;amp; &amp;lt;"}, // code keeps no reference
		{"&amp; &lt;", KeepRefs, "&amp; &lt;"},
		{"&#38; &#x26; &#X26;", KeepRefs, "&#38; &#x26; &amp;#X26;"},
		{"&#; &#x; &; & ;", KeepRefs, "&amp;#; &amp;#x; &amp;; &amp; ;"},
		{"&nbsp &copy;", KeepRefs, "&amp;nbsp &copy;"},
		{"&made-up.name:x;", KeepRefs, "&made-up.name:x;"}, // any name, as kramdown
		{"&:x; &-x;", KeepRefs, "&:x; &amp;-x;"},
		{"&é;", KeepRefs, "&é;"},
		{"&amp", KeepRefs, "&amp;amp"},
		{`<a href="x?a=1&b=2">`, Quot | KeepRefs, `&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;`},
		{"\"&nbsp;\u00a0<", Quot | NBSP, "&quot;&amp;nbsp;&nbsp;&lt;"},
		{"x&", KeepRefs, "x&amp;"},
	} {
		assert.Equal(t, tc.want, string(Append(nil, tc.s, tc.m)), "Append(%q, %b)", tc.s, tc.m)
		assert.Equal(t, "pre"+tc.want, string(Append([]byte("pre"), []byte(tc.s), tc.m)), "Append([]byte(%q), %b)", tc.s, tc.m)
	}
}

func TestRefLen(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		want int
	}{
		{"&amp;", 0, 5},
		{"x&lt;y", 1, 4},
		{"&#160;", 0, 6},
		{"&#xA0;", 0, 6},
		{"&#xa0;", 0, 6},
		{"&#XA0;", 0, 0}, // kramdown's "x" is lower case
		{"&#x;", 0, 0},
		{"&#;", 0, 0},
		{"&#12a;", 0, 0},
		{"&;", 0, 0},
		{"&", 0, 0},
		{"&amp", 0, 0},
		{"&a b;", 0, 0},
		{"&_x;", 0, 4},
		{"&:x;", 0, 4},
		{"&x-y.z:w;", 0, 9},
		{"&-x;", 0, 0},
		{"&.x;", 0, 0},
		{"&é;", 0, 4},
		{"&\xff;", 0, 0},
	} {
		assert.Equal(t, tc.want, RefLen([]byte(tc.s), tc.i), "RefLen(%q, %d)", tc.s, tc.i)
	}
}

// ref is RefLen's grammar as a regular expression, anchored at the "&".
var ref = regexp.MustCompile(`^&(?:#[0-9]+;|#x[0-9a-fA-F]+;|[\p{L}\p{Nd}\p{M}\p{Pc}:][\p{L}\p{Nd}\p{M}\p{Pc}:.\-]*;)`)

// escapeByReplace is Append written with strings.Replacer, for modes
// without KeepRefs.
func escapeByReplace(s string, m Mode) string {
	pairs := []string{"&", "&amp;", "<", "&lt;", ">", "&gt;"}
	if m&Quot != 0 {
		pairs = append(pairs, `"`, "&quot;")
	}
	if m&NBSP != 0 {
		pairs = append(pairs, "\u00a0", "&nbsp;")
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

func FuzzAppend(f *testing.F) {
	for _, s := range []string{"a<b>&c\"d", "&amp; &#38; &#x26; &x", "\u00a0\xc2\xa0\xc2", "&é; &:x; &-x;"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(Quot|NBSP|KeepRefs))
	}
	f.Fuzz(func(t *testing.T, s string, mode uint8) {
		m := Mode(mode) & (Quot | NBSP | KeepRefs)
		got := string(Append(nil, s, m))
		if got != string(Append(nil, []byte(s), m)) {
			t.Fatalf("Append(%q, %b) differs between string and []byte", s, m)
		}
		if m&KeepRefs == 0 {
			if want := escapeByReplace(s, m); got != want {
				t.Fatalf("Append(%q, %b) = %q, want %q", s, m, got, want)
			}
			return
		}
		// With KeepRefs: every "&" that RefLen accepts stays, every
		// other one is escaped, and the rest is as without KeepRefs.
		var want strings.Builder
		last := 0
		for i := 0; i < len(s); i++ {
			if s[i] != '&' {
				continue
			}
			n := RefLen([]byte(s), i)
			if n != len(ref.FindString(s[i:])) {
				t.Fatalf("RefLen(%q, %d) = %d, want %d", s, i, n, len(ref.FindString(s[i:])))
			}
			want.WriteString(escapeByReplace(s[last:i], m))
			if n > 0 {
				want.WriteByte('&')
			} else {
				want.WriteString("&amp;")
			}
			last = i + 1
		}
		want.WriteString(escapeByReplace(s[last:], m))
		if got != want.String() {
			t.Fatalf("Append(%q, %b) = %q, want %q", s, m, got, want.String())
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	text := strings.Repeat(`Rates & charges for <b>2026</b>: see "Annex A" &amp; the FAQ's note.`+"\u00a0", 20)
	for _, bc := range []struct {
		name string
		m    Mode
	}{{"code", 0}, {"kramdown", Quot | KeepRefs}, {"browser", Quot | NBSP}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var dst []byte
			for b.Loop() {
				dst = Append(dst[:0], text, bc.m)
			}
		})
	}
}
