package frontmatter

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

func TestTypedIn11(t *testing.T) {
	typed := []string{
		"", "~", "null", "NULL", "yes", "No", "ON", "off", "y", "N", "true", "False",
		"1", "-1", "+12", "010", "0o17", "-0o17", "0x1F", "0X1f", "0b101", "1_000", "1,000",
		"1.10", ".5", "1.", "1e5", "1.5E-3", ".inf", "-.Inf", ".nan", "190:20:30", "1:30.5",
		"2024-12-30", "2001-12-14t21:59:43.10-05:00", "2024-1-2 10:00", "<<", "=", ".",
		"0e_0", "1e1_0", "1_0e-_1", "._5", "-_1",
	}
	for _, s := range typed {
		assert.True(t, typedIn11(s), "%q reads as a non-string in YAML 1.1 or 1.2", s)
	}
	strs := []string{
		"hello", "Yes please", "nope", "1.2.3a", "e5", "v1.10", "2024-12", "12-30", "2024/12/30",
		"/about-us/", "0xZZ", "-", "+", "infinity", "NaN", "tiptap", "markdown",
	}
	for _, s := range strs {
		assert.False(t, typedIn11(s), "%q is a string", s)
	}
}

// TestEncodeStringReadsBack writes strings as values and keys and reads
// them back with the YAML library.
func TestEncodeStringReadsBack(t *testing.T) {
	values := []string{
		"", " ", "plain", "yes", "no", "On", "2024-12-30", "1.10", "010", "null", "~",
		"a: b", "a #b", "a#b", "#hash", "- dash", "-", "? q", "?", ":colon", "trailing:",
		" lead", "trail ", "tab\tinside", "line\nbreak", "cr\rhere", "bell\a", "del\x7f",
		"nel\u0085x", "ls\u2028x", "nbsp\u00a0x", "bom\ufeffx", `"quoted"`, "it's", `both "' quotes`,
		"[flow]", "{flow}", "*alias", "&anchor", "!tag", "|block", ">folded", "%dir", "@at", "`tick`",
		"---", "--- x", "...", "é🐟—’", `back\slash`, "\x00nul", "\U0010FFFF", "\uFFFE",
		strings.Repeat("long words ", 20),
	}
	for _, v := range values {
		for _, style := range []struct{ double, single bool }{{false, false}, {true, false}, {false, true}} {
			enc := encodeString(v, style.double, style.single)
			assert.NotContains(t, enc, "\n", "one line for %q", v)
			var doc yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte("k: "+enc+"\n"), &doc), "value %q written as %s", v, enc)
			n := doc.Content[0].Content[1]
			assert.Equal(t, "!!str", n.ShortTag(), "value %q written as %s", v, enc)
			assert.Equal(t, v, n.Value, "value %q written as %s", v, enc)
			if !style.double && !style.single && plainSafe(v) {
				assert.Equal(t, v, enc, "a safe plain value is written plain")
			}
		}
		key := encodeKey(v)
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(key+": x\n"), &doc), "key %q written as %s", v, key)
		assert.Equal(t, v, doc.Content[0].Content[0].Value, "key %q written as %s", v, key)
	}
}

// FuzzEncodeString writes any string as a value and as a key, reads it
// back with the YAML library, and wants the same string, tagged as one.
func FuzzEncodeString(f *testing.F) {
	for _, s := range []string{"plain", "yes", "0e_0", "1_000", "a: b", "#x", "é🐟", "line\nbreak", "2024-12-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		v = strings.ToValidUTF8(v, "\uFFFD") // as Page.Set makes it
		for _, style := range []struct{ double, single bool }{{false, false}, {true, false}, {false, true}} {
			enc := encodeString(v, style.double, style.single)
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte("k: "+enc+"\n"), &doc); err != nil {
				t.Fatalf("value %q written as %s: %v", v, enc, err)
			}
			if n := doc.Content[0].Content[1]; n.ShortTag() != "!!str" || n.Value != v {
				t.Fatalf("value %q written as %s reads back as %s %q", v, enc, n.ShortTag(), n.Value)
			}
		}
		key := encodeKey(v)
		if utf8.RuneCountInString(key) > 1000 {
			return // YAML reads an implicit key only when it is shorter than 1024 characters as written
		}
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(key+": x\n"), &doc); err != nil {
			t.Fatalf("key %q written as %s: %v", v, key, err)
		}
		if k := doc.Content[0].Content[0]; k.Value != v {
			t.Fatalf("key %q written as %s reads back as %q", v, key, k.Value)
		}
	})
}

func TestPlainSafe(t *testing.T) {
	for _, s := range []string{"Contact Us", "/about-us/", "https://example.com/#x", "Q&A", "a:b", "50% off", "C#", "tiptap"} {
		assert.True(t, plainSafe(s), s)
	}
	for _, s := range []string{"", "yes", "a: b", "a #b", "#a", " a", "a ", "a:", "'a", "\"a", "%a", "@a", "- a", "a\tb", "a\nb", "1"} {
		assert.False(t, plainSafe(s), s)
	}
}

func TestQuoteDouble(t *testing.T) {
	assert.Equal(t, `"a\"b\\c\n\t\x03\x7f\L\P\N\0é"`, quoteDouble("a\"b\\c\n\t\x03\x7f\u2028\u2029\u0085\x00é"))
	assert.Equal(t, `'it''s'`, quoteSingle("it's"))
}

func TestU16Len(t *testing.T) {
	assert.Equal(t, 3, u16len("abc"))
	assert.Equal(t, 1, u16len("’"))
	assert.Equal(t, 2, u16len("🐟"))
}
