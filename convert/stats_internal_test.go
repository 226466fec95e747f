package convert

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
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

// walkStats is the definition of statsOf written with tiptap.Walk and
// strings.FieldsFunc, as the oracle of TestStatsCorpus.
func walkStats(doc *tiptap.Node) Stats {
	var s Stats
	var text strings.Builder
	lastHref := ""
	_ = tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if !entering {
			if isBlock(n) {
				text.WriteByte(' ')
				lastHref = ""
			}
			return tiptap.WalkContinue, nil
		}
		switch n.Type {
		case tiptap.TypeText:
			text.WriteString(n.Text)
			href, linked := "", false
			for _, m := range n.Marks {
				if m.Type == tiptap.MarkLink {
					href, linked = m.AttrString("href"), true
				}
			}
			if linked && href != lastHref {
				s.Links++
			}
			if !linked {
				href = ""
			}
			lastHref = href
			return tiptap.WalkContinue, nil
		case tiptap.TypeHardBreak:
			text.WriteByte(' ')
		case tiptap.TypeImage, tiptap.TypeCardImage:
			if n.Type == tiptap.TypeImage || n.AttrString("src") != "" {
				s.Images++
			}
			if n.AttrString("href") != "" {
				s.Links++
			}
			text.WriteString(" " + n.AttrString("alt") + " ")
		case tiptap.TypeClickableCard:
			s.Links++
		case tiptap.TypeTable:
			s.Tables++
		case tiptap.TypeListItem, tiptap.TypeTaskItem:
			s.ListItems++
		case tiptap.TypeHeading:
			s.Headings++
		}
		lastHref = ""
		return tiptap.WalkContinue, nil
	})
	s.Text = strings.Join(strings.FieldsFunc(text.String(), unicode.IsSpace), " ")
	return s
}

// TestStatsCorpus checks statsOf and statsLike against walkStats on the
// document of every page of the corpus.
func TestStatsCorpus(t *testing.T) {
	n := 0
	for _, pg := range corpus.Pages(t) {
		page, err := frontmatter.Parse(pg.Data)
		if err != nil {
			continue
		}
		var doc *tiptap.Node
		if page.Variant() == string(Tiptap) {
			doc, _, err = tiptap.ParseHTML(page.Body())
		} else {
			doc, _, err = markdown.Parse(page.Body(), markdown.Options{Typographer: true})
		}
		if err != nil {
			continue
		}
		want := walkStats(doc)
		if got := statsOf(doc); got != want {
			t.Fatalf("%s: statsOf = %+v, want %+v", pg.Path, got, want)
		}
		if bound := textBound(doc); len(want.Text) > bound {
			t.Fatalf("%s: text of %d bytes, over its bound %d", pg.Path, len(want.Text), bound)
		}
		if got := statsLike(doc, want.Text); got != want {
			t.Fatalf("%s: statsLike = %+v, want %+v", pg.Path, got, want)
		}
		if got := statsLike(doc, want.Text[:len(want.Text)/2]); got != want {
			t.Fatalf("%s: statsLike with half the text = %+v, want %+v", pg.Path, got, want)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no page read")
	}
}

// TestAfterStatsCorpus checks afterStats against walkStats on what the
// page API reads back: the document of every page of the corpus written
// in the other variant and read back, with and without the shortcut for
// a result that reads back as the document written.
func TestAfterStatsCorpus(t *testing.T) {
	pages, same := 0, 0
	for _, pg := range corpus.Pages(t) {
		page, err := frontmatter.Parse(pg.Data)
		if err != nil {
			continue
		}
		var doc, back *tiptap.Node
		if page.Variant() == string(Tiptap) {
			if doc, _, err = tiptap.ParseHTML(page.Body()); err != nil {
				continue
			}
			out, _, err := markdown.Render(doc, markdown.RenderOptions{})
			if err != nil {
				continue
			}
			back, err = markdown.Read(out, markdown.Options{})
			require.NoError(t, err, pg.Path)
		} else {
			if doc, _, err = markdown.Parse(page.Body(), markdown.Options{}); err != nil {
				continue
			}
			w, err := tiptap.Write(doc)
			if err != nil {
				continue
			}
			back, _, err = w.ReadBack()
			require.NoError(t, err, pg.Path)
		}
		before, want := statsOf(doc), walkStats(back)
		for _, kept := range []bool{true, false} {
			if got := afterStats(doc, back, before, kept); got != want {
				t.Fatalf("%s: afterStats (kept %v) = %+v, want %+v", pg.Path, kept, got, want)
			}
		}
		pages++
		if tiptap.Equal(back, doc) {
			same++
		}
	}
	if pages == 0 || same == 0 {
		t.Fatalf("%d pages read back, %d as the document written: the shortcut is not tested", pages, same)
	}
	t.Logf("%d pages read back, %d as the document written", pages, same)
}

// FuzzStats checks statsOf against walkStats, and the text against its
// bound, on the documents of fuzzed HTML and Markdown bodies.
func FuzzStats(f *testing.F) {
	f.Add("<p>Opening  hours <a href=\"/a\">daily</a><br>9\u00a0am</p><img src=\"x.png\" alt=\" a  logo \">", false)
	f.Add("# Title\n\n- one *two*\n- [three](/3)\n\n![alt text](/x.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", true)
	f.Fuzz(func(t *testing.T, src string, md bool) {
		var doc *tiptap.Node
		var err error
		if md {
			doc, _, err = markdown.Parse([]byte(src), markdown.Options{Typographer: true})
		} else {
			doc, _, err = tiptap.ParseHTML([]byte(src))
		}
		if err != nil {
			return
		}
		want := walkStats(doc)
		if got := statsOf(doc); got != want {
			t.Fatalf("statsOf = %+v, want %+v", got, want)
		}
		if bound := textBound(doc); len(want.Text) > bound {
			t.Fatalf("text of %d bytes, over its bound %d", len(want.Text), bound)
		}
	})
}

// FuzzSpaceCollapser checks the collapser against its definition on
// texts written in parts, each collected alone and like the whole.
func FuzzSpaceCollapser(f *testing.F) {
	f.Add("The quick brown fox jumps over the lazy dog.", "  and  then\tsome\u00a0more text here ")
	f.Add("abcdefgh ijklmnop", "q\x7frstuvw xyz\x01 é")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Join(strings.FieldsFunc(a+b, unicode.IsSpace), " ")
		for _, like := range []string{"", want, want[:len(want)/2]} {
			c := spaceCollapser{like: like}
			c.write(a)
			c.write(b)
			if got := c.text(); got != want {
				t.Fatalf("%q + %q (like %q): got %q, want %q", a, b, like, got, want)
			}
		}
	})
}

// BenchmarkStats collects the stats of the document of every page of the
// corpus, as the page API does before (statsOf) and after (statsLike,
// with the text of before).
func BenchmarkStats(b *testing.B) {
	var docs []*tiptap.Node
	var like []string
	for _, pg := range corpus.Pages(b) {
		page, err := frontmatter.Parse(pg.Data)
		if err != nil || page.Variant() == string(Tiptap) {
			continue
		}
		doc, _, err := markdown.Parse(page.Body(), markdown.Options{})
		if err != nil {
			continue
		}
		docs = append(docs, doc)
		like = append(like, statsOf(doc).Text)
	}
	b.Run("statsOf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, doc := range docs {
				statsOf(doc)
			}
		}
	})
	b.Run("statsLike", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, doc := range docs {
				statsLike(doc, like[i])
			}
		}
	})
}
