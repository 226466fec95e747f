package diff

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

func TestDiffExamples(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"from empty", "", "a\nb\n", "--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"to empty", "a\n", "", "--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n"},
		{"one line changed", "a\nb\nc\n", "a\nx\nc\n", "--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+x\n c\n"},
		{"no final newline", "a\nb", "a\nb\n", "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"crlf", "a\r\nb\r\n", "a\r\nc\r\n", "--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
		{
			"two hunks",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n",
			"1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nY\n15\n",
			"--- old\n+++ new\n@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5\n@@ -11,5 +11,5 @@\n 11\n 12\n 13\n-14\n+Y\n 15\n",
		},
		{
			"close changes share a hunk",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n",
			"--- old\n+++ new\n@@ -1,10 +1,10 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+Y\n 10\n",
		},
		{"insertion in the middle", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nnew\ne\nf\ng\nh\n", "--- old\n+++ new\n@@ -2,6 +2,7 @@\n b\n c\n d\n+new\n e\n f\n g\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff("old", []byte(tt.old), "new", []byte(tt.new))
			assert.Equal(t, tt.want, string(got))
			if tt.want != "" {
				checkDiff(t, []byte(tt.old), []byte(tt.new), got)
			}
		})
	}
}

// checkDiff checks that d turns old into new and is minimal.
func checkDiff(t testing.TB, old, new, d []byte) {
	t.Helper()
	require.NoError(t, Check(old, new, d))
}

func TestDiffRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	text := func() []byte {
		var b bytes.Buffer
		for range r.IntN(30) {
			fmt.Fprintf(&b, "%c\n", 'a'+r.IntN(4))
		}
		if r.IntN(4) == 0 {
			b.WriteString("end")
		}
		return b.Bytes()
	}
	for range 2000 {
		old, new := text(), text()
		checkDiff(t, old, new, Diff("a", old, "b", new))
	}
}

// TestDiffCorpus diffs corpus pages against edited copies of themselves
// and against other pages.
func TestDiffCorpus(t *testing.T) {
	pages := corpus.Pages(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < len(pages); i += 37 {
		old := pages[i].Data
		lines := splitLines(old)
		for range 3 {
			if len(lines) == 0 {
				break
			}
			k := r.IntN(len(lines))
			lines = append(lines[:k:k], append([]string{"edited\n"}, lines[k+1:]...)...)
		}
		edited := []byte(strings.Join(lines, ""))
		checkDiff(t, old, edited, Diff("a", old, "b", edited))
		other := pages[(i*7+11)%len(pages)].Data
		checkDiff(t, old, other, Diff("a", old, "b", other))
	}
}

func FuzzDiff(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nc\nd"))
	f.Add([]byte(""), []byte("\n"))
	f.Add([]byte("x\r\ny"), []byte("x\ny\r\n"))
	seeds, _ := filepath.Glob(filepath.Join("testdata", "batch", "*.txtar"))
	for i := 0; i+1 < len(seeds); i++ {
		a, errA := os.ReadFile(seeds[i])
		b, errB := os.ReadFile(seeds[i+1])
		if errA == nil && errB == nil {
			f.Add(a, b)
		}
	}
	f.Fuzz(func(t *testing.T, old, new []byte) {
		checkDiff(t, old, new, Diff("a", old, "b", new))
	})
}

func BenchmarkDiff(b *testing.B) {
	pages := corpus.Pages(b)
	var biggest corpus.Page
	for _, p := range pages {
		if len(p.Data) > len(biggest.Data) {
			biggest = p
		}
	}
	old := biggest.Data
	lines := splitLines(old)
	for i := 0; i < len(lines); i += 10 {
		lines[i] = "changed\n"
	}
	edited := []byte(strings.Join(lines, ""))
	b.ReportAllocs()
	for b.Loop() {
		Diff("a", old, "b", edited)
	}
}

// TestDiffLarge diffs texts too large and too different for a minimal
// diff within the budget: the diff is coarser but correct, and it comes
// in a time proportional to the texts (an LCS table would have 2.5
// billion cells).
func TestDiffLarge(t *testing.T) {
	var a, b, c, d strings.Builder
	for k := range 50_000 {
		fmt.Fprintf(&a, "line %d\n", k)
		switch {
		case k%3 == 0:
			fmt.Fprintf(&b, "changed %d\n", k)
		case k%7 == 0:
			fmt.Fprintf(&b, "line %d\nadded %d\n", k, k)
		default:
			fmt.Fprintf(&b, "line %d\n", k)
		}
		// No line occurs once: nothing to anchor on.
		c.WriteString("a\nb\n")
		d.WriteString("b\nc\n")
	}
	for _, p := range [][2]string{{a.String(), b.String()}, {c.String(), d.String()}, {a.String(), d.String()}} {
		old, new := []byte(p[0]), []byte(p[1])
		checkDiff(t, old, new, Diff("a", old, "b", new))
	}
}

// TestHostileNamesInDiff: a file name with a newline cannot forge lines
// of a diff: the header quotes it.
func TestHostileNamesInDiff(t *testing.T) {
	d := string(Diff("a\n+++ b.md", []byte("x\n"), "ok.md", []byte("y\n")))
	assert.True(t, strings.HasPrefix(d, "--- \"a\\n+++ b.md\"\n+++ ok.md\n"), d)
}
