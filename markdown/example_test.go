package markdown_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// linkOf returns the href and target of the first link in n.
func linkOf(n *tiptap.Node) (href, target string) {
	_ = tiptap.Walk(n, func(c *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		for _, m := range c.Marks {
			if m.Type == tiptap.MarkLink && href == "" {
				href, target = m.AttrString("href"), m.AttrString("target")
				return tiptap.WalkStop, nil
			}
		}
		return tiptap.WalkContinue, nil
	})
	return href, target
}

func ExampleParse() {
	src := []byte(`# Annual report

Read the [report](/files/Annual Report 2024.pdf){:target="_blank"} (PDF).
`)
	doc, notes, err := markdown.Parse(src, markdown.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range doc.Content {
		fmt.Printf("%s: %s\n", n.Type, n.TextContent())
	}
	fmt.Println(linkOf(doc))
	fmt.Println(len(notes), "notes")
	// Output:
	// heading: Annual report
	// paragraph: Read the report (PDF).
	// /files/Annual Report 2024.pdf _blank
	// 0 notes
}

// Raw HTML follows kramdown's rules: inside a block-level element the
// Markdown is not parsed (unless the element has markdown="1"), and a
// <p> holds raw text.
func ExampleParse_rawHTML() {
	src := []byte(`<div class="note">
**Not bold**: kramdown leaves Markdown inside HTML blocks alone.
</div>

<div markdown="1">
**Bold**: but not here.
</div>
`)
	doc, _, err := markdown.Parse(src, markdown.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range doc.Content {
		bold := n.Content[0].HasMark(tiptap.MarkBold)
		fmt.Printf("%q bold=%v\n", n.TextContent(), bold)
	}
	// Output:
	// "**Not bold**: kramdown leaves Markdown inside HTML blocks alone." bold=false
	// "Bold: but not here." bold=true
}

// Liquid is kept as text and reported, except {{ site.baseurl }}, which
// resolves to Options.BaseURL ("" by default, as on Isomer sites).
func ExampleParse_liquid() {
	src := []byte(`Get [the form]({{ site.baseurl }}/files/form.pdf).

Hello {{ page.title }}!
`)
	doc, notes, err := markdown.Parse(src, markdown.Options{})
	if err != nil {
		log.Fatal(err)
	}
	href, _ := linkOf(doc)
	fmt.Println(href)
	fmt.Println(doc.Content[1].TextContent())
	for _, n := range notes {
		fmt.Println(n)
	}
	// Output:
	// /files/form.pdf
	// Hello {{ page.title }}!
	// 3:7: review: liquid: Liquid output {{ page.title }} kept as text
}

func ExampleOptions_keepBaseURL() {
	src := []byte("[Form]({{ site.baseurl }}/files/form.pdf)\n")
	doc, _, err := markdown.Parse(src, markdown.Options{KeepBaseURL: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(linkOf(doc))
	// Output:
	// {{ site.baseurl }}/files/form.pdf _blank
}

func ExampleOptions_typographer() {
	src := []byte(`"Smart" quotes -- it's what Jekyll shows...` + "\n")
	for _, opts := range []markdown.Options{{}, {Typographer: true}} {
		doc, _, err := markdown.Parse(src, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(doc.TextContent())
	}
	// Output:
	// "Smart" quotes -- it's what Jekyll shows...
	// “Smart” quotes – it’s what Jekyll shows…
}

// Constructs the document cannot hold are converted to the closest form
// and reported.
func ExampleParse_notes() {
	src := []byte(`## Scope {#scope}

See the note.[^1]

[^1]: Footnotes become a list at the end.
`)
	doc, notes, err := markdown.Parse(src, markdown.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range doc.Content {
		fmt.Printf("%s %q\n", n.Type, n.TextContent())
	}
	for _, n := range notes {
		fmt.Println(n.Pos, n.Code)
	}
	// Output:
	// heading "Scope"
	// paragraph "See the note.1"
	// orderedList "Footnotes become a list at the end. ↩"
	// paragraph ""
	// 1:1 heading-id
	// 5:1 footnote
}

func ExampleParseError() {
	_, _, err := markdown.Parse([]byte("caf\xe9\n"), markdown.Options{})
	var pe *markdown.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Pos, errors.Is(err, markdown.ErrInvalidUTF8))
	}
	fmt.Println(err)
	// Output:
	// 1:4 true
	// markdown: 1:4: invalid UTF-8
}

// HTML shows a page as kramdown does: raw HTML as written, Liquid as
// text.
func ExampleHTML() {
	src := []byte(`## Opening hours

Open *daily*, see [the map]({{ site.baseurl }}/map/).

<div class="note">Closed on <b>public holidays</b>.</div>
`)
	out, err := markdown.HTML(src, markdown.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(out))
	// Output:
	// <h2>Opening hours</h2>
	// <p>Open <em>daily</em>, see <a href="/map/">the map</a>.</p>
	// <div class="note">Closed on <b>public holidays</b>.</div>
}
