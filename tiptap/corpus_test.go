package tiptap

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/tiptap/internal/layout"
)

// tiptapPages returns the pages of the corpus whose front matter says
// variant: tiptap: the in-repository sample, or the full corpus with
// TIPTAPMD_CORPUS=full (see package internal/corpus).
func tiptapPages(tb testing.TB) []corpus.Page {
	tb.Helper()
	return corpus.Variant(corpus.Pages(tb), "tiptap")
}

// TestCorpus runs every tiptap page of the corpus through ParseHTML and
// Format and checks that
//   - every page parses;
//   - Format is idempotent on every page;
//   - as many pages as before come out byte for byte as stored, and every
//     page that does not has a known reason;
//   - the visible text of Format's output is that of the page, or the
//     notes report content that was dropped;
//   - notes and blocks carry positions.
func TestCorpus(t *testing.T) {
	pages := tiptapPages(t)
	if want := corpus.Pick(36, 329); len(pages) != want {
		t.Fatalf("found %d tiptap pages, want %d", len(pages), want)
	}
	same, idempotent, empty := 0, 0, 0
	reasons := map[string][]string{}
	for _, pg := range pages {
		body := pg.Body()
		if len(body) == 0 {
			empty++
		}
		doc, notes, err := ParseHTML(body)
		if err != nil {
			t.Errorf("%s: ParseHTML: %v", pg.Path, err)
			continue
		}
		out, err := RenderHTML(doc)
		if err != nil {
			t.Errorf("%s: RenderHTML: %v", pg.Path, err)
			continue
		}
		again, _, err := Format(out)
		if err != nil {
			t.Errorf("%s: Format(Format(x)): %v", pg.Path, err)
		} else if bytes.Equal(again, out) {
			idempotent++
		} else {
			t.Errorf("%s: Format is not idempotent:\n%s", pg.Path, firstDiff(out, again))
		}
		if bytes.Equal(out, body) {
			same++
		} else {
			r := mismatchReason(body, doc, out, notes)
			reasons[r] = append(reasons[r], pg.Path)
			if strings.HasPrefix(r, "unexplained") {
				t.Errorf("%s: Format differs from the stored body for no known reason:\n%s", pg.Path, firstDiff(body, out))
			}
		}
		if vb, vo := visibleText(body), visibleText(out); vb != vo && !dropsContent(notes) {
			t.Errorf("%s: visible text changed and no note says why:\n%s", pg.Path, firstWordDiff(vb, vo))
		}
		for _, n := range notes {
			if !n.Pos.IsValid() {
				t.Errorf("%s: note without a position: %v", pg.Path, n)
			}
		}
		for i, b := range doc.Content {
			trailing := i == len(doc.Content)-1 && b.Type == TypeParagraph && len(b.Content) == 0
			if !b.Pos.IsValid() && !trailing {
				t.Errorf("%s: block %d (%s) has no position", pg.Path, i, b.Type)
			}
		}
	}
	keys := make([]string, 0, len(reasons))
	for r := range reasons {
		keys = append(keys, r)
	}
	sort.Strings(keys)
	t.Logf("%d tiptap pages: %d (%.1f%%) reproduced byte for byte, %d idempotent; without the %d empty bodies: %d of %d (%.1f%%)",
		len(pages), same, 100*float64(same)/float64(len(pages)), idempotent,
		empty, same, len(pages)-empty, 100*float64(same)/float64(len(pages)-empty))
	for _, r := range keys {
		t.Logf("%d not reproduced: %s", len(reasons[r]), r)
		for _, p := range reasons[r] {
			t.Logf("    %s", p)
		}
	}
	// Empty bodies are files the CMS wrote without the editor; RenderHTML
	// writes them as the editor saves them, <p></p>.
	// Pages the CMS saved before it began to write referrerpolicy on
	// iframes differ by that attribute alone, which RenderHTML writes as
	// the CMS does today.
	policy := len(reasons[reasonPolicy])
	if 10*(same+policy) < 9*(len(pages)-empty) {
		t.Errorf("only %d of the %d non-empty pages reproduced byte for byte (%d more but for the iframe referrerpolicy); want at least 90%%", same, len(pages)-empty, policy)
	}
	if idempotent != len(pages) {
		t.Errorf("Format is idempotent on %d of %d pages; want all", idempotent, len(pages))
	}
}

// editorDoc reads body as the editor does.
func editorDoc(body []byte) *Node {
	doc, _, _ := parseHTML(body, true)
	return doc
}

// iframePolicy matches the referrerpolicy attribute the CMS has written
// on every iframe since 2026-01-27, first on disk.
var iframePolicy = regexp.MustCompile(`<iframe referrerpolicy="strict-origin-when-cross-origin" `)

const reasonPolicy = "iframe referrerpolicy: saved before 2026-01-27, when the CMS began to write it on every iframe"

// mismatchReason says why Format's output differs from a stored body.
func mismatchReason(body []byte, doc *Node, out []byte, notes []tiptapmd.Note) string {
	switch {
	case len(body) == 0:
		return "empty body: written without the editor, which saves an empty page as <p></p>"
	case bytes.Equal(iframePolicy.ReplaceAll(out, []byte("<iframe ")), body):
		return reasonPolicy
	case !bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")):
		return "not HTML: a Markdown body stored with variant: tiptap"
	case bytes.Equal(bytes.TrimRight(body, " \n"), out):
		return "trailing newline: the file was edited outside the CMS, which never writes one"
	case bytes.Equal(layout.PrintWith(renderSingleLine(doc), true), body):
		return "html@1.0.0 laid out a wrapped <a> as a block (isomer-tiptap.md §5.1) and changed the text; RenderHTML keeps links inline there"
	case visibleText(body) == visibleText(out) && !bytes.Equal(renderSingleLine(doc), renderSingleLine(editorDoc(body))):
		return "a newline after an inline element shows as a space: ParseHTML keeps it as one where the editor deletes it; the page shows the same"
	}
	var attrs []string
	for _, n := range notes {
		if n.Code == CodeDroppedAttr {
			attrs = append(attrs, n.Message)
		}
	}
	if len(attrs) > 0 {
		slices.Sort(attrs)
		return "attributes the editor drops: " + strings.Join(slices.Compact(attrs), "; ")
	}
	return "unexplained"
}

// dropsContent reports whether the notes say content was dropped.
func dropsContent(notes []tiptapmd.Note) bool {
	for _, n := range notes {
		switch n.Code {
		case CodeDroppedText, CodeDroppedElement, CodeDroppedScript:
			return true
		}
	}
	return false
}

// visibleText returns the text a browser would show for an HTML body,
// whitespace collapsed, with a space at every block boundary and line
// break.
func visibleText(src []byte) string {
	doc, err := html.Parse(bytes.NewReader(append([]byte("<body>"), src...)))
	if err != nil {
		return "<" + err.Error() + ">"
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "title", "head":
				return
			}
		}
		block := n.Type == html.ElementNode && (isBlockTag(n) || n.Data == "br" || n.Data == "td" || n.Data == "th" || n.Data == "tr" || n.Data == "summary" || n.Data == "details")
		if block {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	walk(doc)
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r < 0x80 && ascii.IsSpace(byte(r)) }), " ")
}

// firstDiff describes the first line where got differs from want.
func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(no difference)"
}

// firstWordDiff shows where two texts start to differ.
func firstWordDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-40)
	return fmt.Sprintf("  stored: …%s…\n  format: …%s…", a[lo:min(len(a), i+40)], b[lo:min(len(b), i+40)])
}
