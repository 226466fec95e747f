package frontmatter

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestEmitterMatchesYAML2 compares the CMS style with what the npm yaml
// library, version 2.4.2, writes for the same data (testdata/yaml2, made
// by gen.js there). Cases holding a string that YAML 1.1 would type
// ("yes", "2024") are left out: there the CMS style quotes on purpose,
// where yaml@2 would not.
func TestEmitterMatchesYAML2(t *testing.T) {
	data, err := os.ReadFile("testdata/yaml2/stringify.json")
	require.NoError(t, err)
	var file struct {
		Cases []struct{ JSON, YAML string }
	}
	require.NoError(t, json.Unmarshal(data, &file))
	require.NotEmpty(t, file.Cases)
	compared := 0
	for _, c := range file.Cases {
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(c.JSON), &doc))
		if anyScalar(&doc, typedIn11) {
			continue
		}
		compared++
		em := &emitter{cms: true}
		assert.Equal(t, c.YAML, em.document(&doc), "data %s", c.JSON)
		assert.False(t, em.failed)
	}
	assert.Greater(t, compared, len(file.Cases)*9/10, "too few cases compared")
	t.Logf("%d of %d cases compared with yaml@2.4.2", compared, len(file.Cases))
}

func anyScalar(n *yaml.Node, f func(string) bool) bool {
	if n.Kind == yaml.ScalarNode && f(n.Value) {
		return true
	}
	for _, c := range n.Content {
		if anyScalar(c, f) {
			return true
		}
	}
	return false
}

func TestFoldLines(t *testing.T) {
	long := "Learn about the challenges that Singapore's enterprises face and how we help them grow"
	tests := []struct {
		name, text, indent string
		mode               foldMode
		ias                int
		want               string
	}{
		{"short", "short text", "  ", foldFlow, 7, "short text"},
		// The expected texts below are what yaml@2.4.2 writes.
		{"after key", long, "  ", foldFlow, len("description:") + 1,
			"Learn about the challenges that Singapore's enterprises face and\n  how we help them grow"},
		{"no space to fold at", strings.Repeat("x", 100), "  ", foldFlow, 7, strings.Repeat("x", 100)},
		{"double spaces are not folded", strings.Repeat("ab  ", 30), "  ", foldFlow, 7, strings.Repeat("ab  ", 30)},
		{"quoted, escaped break", `"` + strings.Repeat("y", 100) + `: z"`, "  ", foldQuoted, len("t:") + 1,
			`"` + strings.Repeat("y", 75) + "\\\n  " + strings.Repeat("y", 25) + `: z"`},
		{"long key moves the value down", "a value that is long enough to need folding somewhere along the way ok and more and more words", "  ", foldFlow, 72,
			"\n  a value that is long enough to need folding somewhere along the way ok and\n  more and more words"},
		{"fits in endStep", "a value that is long enough to need folding somewhere along the way ok and more", "  ", foldFlow, 72,
			"a value that is long enough to need folding somewhere along the way ok and more"},
		{"UTF-16 width", strings.Repeat("🐟", 36) + " tail words here", "  ", foldFlow, 7,
			strings.Repeat("🐟", 36) + "\n  tail words here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, foldLines(tt.text, tt.indent, tt.mode, tt.ias))
		})
	}
}

// TestEmitterKeepsData writes every page of a set of tricky blocks in both
// styles and checks that the result parses to the same data.
func TestEmitterKeepsData(t *testing.T) {
	blocks := []string{
		"a: &x [1, 2]\nb: *x\nc: !!str 2\nd: !custom value\n",
		"e: |\n  line one\n  line two\nf: >-\n  folded\n  text\n",
		"g: \"tab\\there\"\nh: 'it''s'\ni: \"\\u2028 line separator\"\nj: \"nel \\N end\"\n",
		"k:\n  - - nested\n    - list\n  - {x: 1}\n  - []\n  - {}\nl: ~\nm:\nn: 0x1F\n",
		"? complex\n: explicit key\n\"quoted key\": 1\n'single key': 2\n",
		"o: \"---starts like a marker\"\np: \"%percent\"\nq: \"  padded  \"\nr: \"trailing colon:\"\n",
		"s: " + strings.Repeat("word ", 40) + "\nt: \"" + strings.Repeat("x", 200) + "\"\n",
	}
	for _, src := range blocks {
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(src), &doc), src)
		for _, cms := range []bool{false, true} {
			em := &emitter{cms: cms}
			out := em.document(&doc)
			require.False(t, em.failed)
			var back yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte(out), &back), "cms=%v:\n%s", cms, out)
			assert.True(t, nodeEqual(doc.Content[0], back.Content[0]), "cms=%v: data changed:\n%s\n->\n%s", cms, src, out)
		}
	}
}
