package markdown_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// readOptionSets are the Options Read is compared with Parse under:
// the default, the converter's (typography applied) and the round
// trips' (the baseurl kept as Liquid).
var readOptionSets = []markdown.Options{{}, {Typographer: true}, {KeepBaseURL: true, Typographer: true}, {BaseURL: "/base"}}

// checkRead fails t when Read(src, opts) is not Parse(src, opts)'s
// document without positions, or fails otherwise. It reports whether
// Parse refused src.
func checkRead(t *testing.T, what string, src []byte, opts markdown.Options) bool {
	t.Helper()
	got, err := markdown.Read(src, opts)
	want, _, wantErr := markdown.Parse(src, opts)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Errorf("%s (%+v): Read's error %v, Parse's %v", what, opts, err, wantErr)
		return wantErr != nil
	}
	if wantErr != nil {
		if got != nil {
			t.Errorf("%s (%+v): Read fails with a document", what, opts)
		}
		return true
	}
	if !tiptap.Equal(got, want) {
		t.Errorf("%s (%+v): Read's document differs from Parse's", what, opts)
	} else if !reflect.DeepEqual(got, withoutPos(want)) {
		t.Errorf("%s (%+v): Read's document is Equal to Parse's but not the same", what, opts)
	}
	return false
}

// withoutPos returns a copy of n with every position cleared.
func withoutPos(n *tiptap.Node) *tiptap.Node {
	if n == nil {
		return nil
	}
	c := *n
	c.Pos.Line, c.Pos.Column = 0, 0
	if n.Content != nil {
		c.Content = make([]*tiptap.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = withoutPos(k)
		}
	}
	return &c
}

// TestRead checks that Read reads what Parse reads, positions and notes
// aside, with the same errors: every Markdown page of the corpus, the
// Markdown that Render writes for every page (what the converter reads
// back), and pages that Parse refuses.
func TestRead(t *testing.T) {
	refused := 0
	bodies := map[string][]byte{
		"empty":                      nil,
		"invalid UTF-8":              []byte("a\n\n<p>\xff\xfe</p>\n"),
		"deep HTML":                  []byte("text\n\n" + strings.Repeat("<div>\n", 10000) + "x\n"),
		"deep HTML inline":           []byte("text " + strings.Repeat("<span>", 10000) + "x\n"),
		"deep inline HTML block":     []byte("x\n\n" + strings.Repeat("<b>", 600) + "x\n"),
		"many HTML elements":         []byte("x\n\n<table>" + strings.Repeat("<tr><td>a</td></tr>", 90000) + "</table>\n"),
		"deep quotes":                []byte(strings.Repeat("> ", 10000) + "x\n"),
		"deep markdown=1":            []byte(strings.Repeat("<div markdown=\"1\">\n", 40) + "*x*\n" + strings.Repeat("</div>\n", 40)),
		"many cells":                 []byte("|" + strings.Repeat(" a |", 300) + "\n" + strings.Repeat("|"+strings.Repeat(" b |", 300)+"\n", 400)),
		"HTML around Markdown, CRLF": []byte("<div>\r\n<p>one</p>\r\n</div>\r\n\r\n*two* {{ site.baseurl }}/x\r\n"),
		"footnote and liquid":        []byte("Text[^1] {% include x.html %}\n\n[^1]: note\n"),
		"scripts as HTML":            []byte("a<sup>1</sup> b<sub>2</sub> [<sup>3</sup>](#n) *x<sup>y*</sup> <sup>open\n\n<sup><sub>z</sub></sup> <sup><sup>w</sup></sup> <sup> </sup> <sup></sup>v <sup>a<br />b</sup> <sup>![i](j)</sup>\n\n- <sup>k</sup>\n\n<sup class=\"c\">l</sup> <SUP>m</SUP> <sup>n</sub>\n"),
		"ampersands in images":       []byte("![a & b](/x%20&%20y.png \"t & u\")\n\n![&amp;](/a&amp;b.png) ![&#38;](/&#x26;) ![&copy](/&copy) ![x](/&notit;) ![y](/a&b=c)\n\n[![&](/&)](/&)\n"),
		"line breaks as HTML":        []byte("a<br />b<br/>c <br> d\n\n<br /><br />\n*e*<br />\n\n*f<br />g* [h<br />i](j) `k`<br />\n\n- l<br />\n\n> m<br>\n\nn<br />\n\n<br>\n\na <BR> b<br class=\"x\"> c<br></br>d  \ne<br />  \nf\n"),
	}
	for what, b := range bodies {
		for _, opts := range readOptionSets {
			if checkRead(t, what, b, opts) {
				refused++
			}
		}
	}
	if refused == 0 {
		t.Error("no page was refused")
	}
	for _, p := range markdownPages(t) {
		for _, opts := range readOptionSets {
			checkRead(t, p.Path, p.Body(), opts)
		}
	}
	written := 0
	for _, p := range writerCorpus(t, "markdown") {
		doc, _, err := markdown.Parse(p.Body(), markdown.Options{Typographer: true})
		if err == nil {
			written += checkReadWritten(t, p.Path, doc)
		}
	}
	for _, p := range writerCorpus(t, "tiptap") {
		doc, _, err := tiptap.ParseHTML(p.Body())
		if err == nil {
			written += checkReadWritten(t, p.Path, doc)
		}
	}
	t.Logf("Read is Parse on %d written results", written)
}

// checkReadWritten checks Read against Parse on the Markdown Render
// writes for doc, as the converter writes and reads it back; it returns
// the number of results checked.
func checkReadWritten(t *testing.T, path string, doc *tiptap.Node) int {
	t.Helper()
	n := 0
	for _, ro := range []markdown.RenderOptions{{EscapeTypography: true}, {}} {
		md, _, err := markdown.Render(doc, ro)
		if err != nil {
			continue // Render's tests cover its errors
		}
		checkRead(t, path+" written", md, markdown.Options{Typographer: true})
		n++
	}
	return n
}

// FuzzRead checks that Read gives Parse's document, positions aside, and
// Parse's errors.
func FuzzRead(f *testing.F) {
	addParseSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, opts := range []markdown.Options{{}, {Typographer: true, KeepBaseURL: true}} {
			checkRead(t, "input", src, opts)
		}
	})
}

func ExampleRead() {
	written := []byte("Visit *our* [office](/contact/) today.\n\n<div>\n  <p>Open <b>daily</b></p>\n</div>\n")
	doc, err := markdown.Read(written, markdown.Options{})
	if err != nil {
		panic(err)
	}
	parsed, _, _ := markdown.Parse(written, markdown.Options{})
	fmt.Println(tiptap.Equal(doc, parsed), doc.Content[0].Pos.IsValid(), parsed.Content[0].Pos.IsValid())
	fmt.Println(doc.Content[0].Content[3].Marks[0].AttrString("href"))
	// Output:
	// true false true
	// /contact/
}
