package markdown_test

import (
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// TestHTMLKramdown holds the HTML of markdown.HTML to kramdown's (its
// recorded answers, or real kramdown with TIPTAPMD_KRAMDOWN=live) for the
// Markdown pages of the corpus: the same visible text, links and images,
// in order, with kramdown's typography.
func TestHTMLKramdown(t *testing.T) {
	pages := markdownPages(t)
	inputs := make([]string, len(pages))
	for i, p := range pages {
		inputs[i], _ = liquidWords(string(p.Body()))
	}
	kd := kramdown(t, inputs)
	pass := 0
	for i, p := range pages {
		if strings.HasPrefix(kd[i], "\x00") {
			t.Logf("%s: %s", p.Path, kd[i][1:])
			continue
		}
		want, err := htmlFacts(kd[i])
		if err != nil {
			t.Fatalf("%s: kramdown HTML: %v", p.Path, err)
		}
		out, err := markdown.HTML([]byte(inputs[i]), markdown.Options{Typographer: true})
		if err != nil {
			t.Logf("%s: %v", p.Path, err)
			continue
		}
		got, err := htmlFacts(string(out))
		if err != nil {
			t.Fatalf("%s: HTML unreadable: %v", p.Path, err)
		}
		if class, detail := difference(got, want); class != "" {
			t.Logf("%s: %s: %s", p.Path, class, detail)
			continue
		}
		pass++
	}
	// The figures achieved: all 178 pages of the sample, all 2,342 of
	// the full corpus.
	t.Logf("%d of %d pages show kramdown's text, links and images", pass, len(pages))
	if want := corpus.Pick(178, 2342); pass < want {
		t.Errorf("%d pages match kramdown, want at least %d", pass, want)
	}
}
