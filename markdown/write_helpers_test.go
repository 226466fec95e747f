package markdown_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	ikramdown "github.com/tiptapmd/tiptapmd/internal/kramdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Helpers of the tests of Render. Every name starts with "w" (the
// package's tests share one namespace with those of Parse).

// sharedDir returns the directory sub beside the corpus the tests run on
// (testdata/sub in the repository for the sample, ../shared/sub for the
// full corpus; see internal/corpus).
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	return filepath.Join(filepath.Dir(corpus.Dir(t)), sub)
}

// writerCorpus returns the corpus pages of a variant ("tiptap" or
// "markdown"), of the sample or the full corpus (see internal/corpus).
func writerCorpus(t testing.TB, variant string) []corpus.Page {
	t.Helper()
	pages := corpus.Variant(corpus.Pages(t), variant)
	if len(pages) == 0 {
		t.Fatalf("the corpus holds no %s pages", variant)
	}
	return pages
}

// kramdownHTML converts Markdown texts to HTML with real kramdown (see
// internal/kramdown); a text kramdown fails on gives "KRAMDOWN ERROR: "
// and the message.
func kramdownHTML(t testing.TB, srcs []string) []string {
	t.Helper()
	res := ikramdown.Convert(t, srcs)
	htmls := make([]string, len(res))
	for i, r := range res {
		htmls[i] = r.HTML
		if r.Error != "" {
			htmls[i] = "KRAMDOWN ERROR: " + r.Error
		}
	}
	return htmls
}

// docNorm says which differences normalize removes. Always removed are
// the differences Render's documentation names, which no Markdown can
// avoid:
//   - white space at the edge of bold, italic and strike runs, and those
//     marks on text of white space only (Markdown emphasis can neither
//     start nor end with a space) and on hard breaks;
//   - white space at the end of a line (before a hard break or at the end
//     of a block's text), which Markdown trims;
//   - a link's attributes other than href (kramdown writes none; the
//     editor adds its defaults);
//   - an image's missing alt, which is alt="" in Markdown;
//   - a paragraph of white space only, which is an empty one.
type docNorm struct {
	// kramdown removes what reading kramdown's HTML back adds:
	//   - task lists, which kramdown writes as lists of checkboxes that
	//     the editor reads as bullet lists, are bullet lists;
	//   - the non-breaking space kramdown writes in an empty table cell;
	//   - Liquid, which Jekyll runs before kramdown, is replaced by the
	//     same token in the document and in the Markdown (see
	//     liquidTokens).
	kramdown bool
	// typography undoes kramdown's typographic substitutions (quotes,
	// dashes, ellipsis, guillemets), in the document and in kramdown's
	// HTML alike, for Markdown written without EscapeTypography.
	typography bool
	// liquid maps Liquid to its token (kramdown only).
	liquid map[string]string
	// decodeURLs percent-decodes link and image URLs (for documents
	// whose URLs Render had to encode, reported in its notes).
	decodeURLs bool
	// inertLiquid writes the Liquid of texts as Render writes Liquid that
	// would output live HTML (for documents where it did, reported in
	// its notes as CodeLiquid).
	inertLiquid bool
}

var straightTypography = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "--", "—", "---", "…", "...", "«", "<<", "»", ">>")

// normalize returns a copy of doc without the differences n names.
func normalize(doc *tiptap.Node, n docNorm) *tiptap.Node {
	doc = doc.Clone()
	var walk func(x *tiptap.Node)
	walk = func(x *tiptap.Node) {
		switch x.Type {
		case tiptap.TypeTaskList:
			if n.kramdown {
				x.Type, x.Attrs = tiptap.TypeBulletList, map[string]any{"tight": true}
			}
		case tiptap.TypeTaskItem:
			if n.kramdown {
				x.Type, x.Attrs = tiptap.TypeListItem, nil
			}
		case tiptap.TypeImage:
			if x.Attrs["alt"] == nil {
				x.SetAttr("alt", "")
			}
			for _, k := range []string{"src", "alt", "title", "href"} {
				if s, ok := x.Attrs[k].(string); ok {
					if k == "src" && n.decodeURLs {
						s = unescapeURL(s)
					}
					x.Attrs[k] = liquidTokens(n.liquid, s)
				}
			}
		case tiptap.TypeTableCell, tiptap.TypeTableHeader:
			if n.kramdown && len(x.Content) == 1 && len(x.Content[0].Content) == 1 && x.Content[0].Content[0].Text == "\u00a0" {
				x.Content[0].Content = nil
			}
		case tiptap.TypeText:
			if n.inertLiquid && !x.HasMark(tiptap.MarkCode) {
				x.Text = liquidRE.ReplaceAllStringFunc(x.Text, inertLiquidText)
			}
			x.Text = liquidTokens(n.liquid, x.Text)
			if n.typography && !x.HasMark(tiptap.MarkCode) {
				x.Text = straightTypography.Replace(x.Text)
			}
		}
		for i, m := range x.Marks {
			if m.Type == tiptap.MarkLink {
				href := m.AttrString("href")
				if n.decodeURLs {
					href = unescapeURL(href)
				}
				x.Marks[i] = tiptap.Mark{Type: tiptap.MarkLink, Attrs: map[string]any{"href": liquidTokens(n.liquid, href)}}
			}
		}
		for _, c := range x.Content {
			walk(c)
		}
		x.Content = normalizeInline(x.Content)
	}
	walk(doc)
	return doc
}

func unescapeURL(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// normalizeInline applies normalize's rules to inline content.
func normalizeInline(nodes []*tiptap.Node) []*tiptap.Node {
	if len(nodes) == 0 {
		return nodes
	}
	for _, x := range nodes {
		if x.Type != tiptap.TypeText && x.Type != tiptap.TypeHardBreak {
			return nodes
		}
	}
	// Split text at the white space at either end.
	var seq []*tiptap.Node
	for _, x := range nodes {
		if x.Type != tiptap.TypeText {
			seq = append(seq, x)
			continue
		}
		core := strings.Trim(x.Text, " ")
		if core == "" {
			seq = append(seq, x)
			continue
		}
		lead := strings.Index(x.Text, core)
		for _, part := range []string{x.Text[:lead], core, x.Text[lead+len(core):]} {
			if part != "" {
				c := x.Clone()
				c.Text = part
				seq = append(seq, c)
			}
		}
	}
	blank := func(x *tiptap.Node) bool { return x.Type == tiptap.TypeText && strings.Trim(x.Text, " ") == "" }
	emphasis := []string{tiptap.MarkBold, tiptap.MarkItalic, tiptap.MarkStrike}
	for _, x := range seq {
		if blank(x) || x.Type == tiptap.TypeHardBreak {
			x.Marks = deleteMarks(x.Marks, emphasis)
		}
	}
	// White space at the end of a line.
	var kept []*tiptap.Node
	for i, x := range seq {
		if blank(x) && (i == len(seq)-1 || seq[i+1].Type == tiptap.TypeHardBreak) {
			continue
		}
		kept = append(kept, x)
	}
	// Merge text with the same marks.
	var out []*tiptap.Node
	for _, x := range kept {
		if len(x.Marks) == 0 {
			x.Marks = nil
		}
		if k := len(out) - 1; k >= 0 && x.Type == tiptap.TypeText && out[k].Type == tiptap.TypeText && marksAlike(out[k].Marks, x.Marks) {
			out[k].Text += x.Text
			continue
		}
		out = append(out, x)
	}
	return out
}

func deleteMarks(marks []tiptap.Mark, types []string) []tiptap.Mark {
	var out []tiptap.Mark
	for _, m := range marks {
		keep := true
		for _, t := range types {
			if m.Type == t {
				keep = false
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

func marksAlike(a, b []tiptap.Mark) bool {
	key := func(ms []tiptap.Mark) string {
		var ks []string
		for _, m := range ms {
			ks = append(ks, m.Type+"="+m.AttrString("href"))
		}
		sort.Strings(ks)
		return strings.Join(ks, ",")
	}
	return key(a) == key(b)
}

var liquidRE = regexp.MustCompile(`\{\{[^\n]*?\}\}|\{%[^\n]*?%\}`)

// liquidTokens replaces the Liquid in s by tokens, the same token for
// the same Liquid (m records them; nil leaves s alone). Jekyll runs
// Liquid before kramdown reads the page, so Liquid never reaches
// kramdown; the token is a word kramdown leaves alone.
func liquidTokens(m map[string]string, s string) string {
	if m == nil {
		return s
	}
	return liquidRE.ReplaceAllStringFunc(s, func(l string) string {
		tok, ok := m[l]
		if !ok {
			tok = "zliquid" + strconv.Itoa(len(m)) + "z"
			m[l] = tok
		}
		return tok
	})
}

// liquidMarkdown replaces in md the Liquid of the document (its texts,
// attributes and link targets) by the tokens liquidTokens gives it.
func liquidMarkdown(m map[string]string, doc *tiptap.Node, md string) string {
	var found []string
	add := func(s string) { found = append(found, liquidRE.FindAllString(s, -1)...) }
	_ = tiptap.Walk(doc, func(x *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if entering {
			add(x.Text)
			for _, v := range x.Attrs {
				if s, ok := v.(string); ok {
					add(s)
				}
			}
			for _, mk := range x.Marks {
				add(mk.AttrString("href"))
			}
		}
		return tiptap.WalkContinue, nil
	})
	sort.Slice(found, func(i, j int) bool { return len(found[i]) > len(found[j]) })
	for _, l := range found {
		md = strings.ReplaceAll(md, l, liquidTokens(m, l))
		// Liquid that would output live HTML is written inert (see
		// TestRenderGolden/liquid_inert); it is the same Liquid.
		md = strings.ReplaceAll(md, inertLiquidText(l), liquidTokens(m, l))
	}
	return md
}

var (
	liquidTagRE  = regexp.MustCompile(`<([A-Za-z/!?])`)
	liquidLinkRE = regexp.MustCompile(`(?i)\]\(([ <]*(?:javascript|vbscript|data):)`)
)

// inertLiquidText is Liquid l as the writer writes it inert: "&lt;" for the
// "<" of a tag, "]&#40;" before a script URL.
func inertLiquidText(l string) string {
	l = liquidTagRE.ReplaceAllString(l, "&lt;$1")
	return liquidLinkRE.ReplaceAllString(l, "]&#40;$1")
}

// docJSONText returns the document as indented JSON, for comparing and for
// showing differences.
func docJSONText(doc *tiptap.Node) string {
	b, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return string(b)
}

// textDiff shows where two texts first differ, with a few lines of
// context.
func textDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-4)
	var s strings.Builder
	fmt.Fprintf(&s, "first difference at line %d\n--- want\n", i+1)
	for _, l := range a[lo:min(len(a), i+5)] {
		fmt.Fprintf(&s, "  %.200s\n", l)
	}
	s.WriteString("--- got\n")
	for _, l := range b[lo:min(len(b), i+5)] {
		fmt.Fprintf(&s, "  %.200s\n", l)
	}
	return s.String()
}

// hasNote reports whether notes hold one of code.
func hasNote(notes []tiptapmd.Note, code tiptapmd.Code) bool {
	for _, n := range notes {
		if n.Code == code {
			return true
		}
	}
	return false
}
