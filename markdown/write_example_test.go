package markdown_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The editor's HTML of a tiptap page becomes Markdown that kramdown
// renders as the same page.
func ExampleRender() {
	body := []byte(`<h2>Opening hours</h2>
<p>We are open <strong>daily</strong> | see the <a target="_blank" rel="noopener noreferrer nofollow" href="/visit/">visitor guide</a>.</p>
<ul data-tight="true" class="tight">
<li><p>Weekdays: 9am–6pm</p></li>
<li><p>Weekends: 10am–4pm</p></li>
</ul>
<p></p>`)
	doc, _, err := tiptap.ParseHTML(body)
	if err != nil {
		panic(err)
	}
	md, notes, err := markdown.Render(doc, markdown.RenderOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(md))
	fmt.Println(len(notes), "notes")
	// Output:
	// ## Opening hours
	//
	// We are open **daily** \| see the [visitor guide](/visit/).
	//
	// - Weekdays: 9am–6pm
	// - Weekends: 10am–4pm
	// 0 notes
}

// What has no Markdown form is written as the editor's HTML, which
// kramdown passes through; the notes say so.
func ExampleRender_notes() {
	body := []byte(`<p>Watch:</p>
<div class="iframe-wrapper"><iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe></div>`)
	doc, _, err := tiptap.ParseHTML(body)
	if err != nil {
		panic(err)
	}
	md, notes, err := markdown.Render(doc, markdown.RenderOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(md))
	for _, n := range notes {
		fmt.Println(n)
	}
	// Output:
	// Watch:
	//
	// <div class="iframe-wrapper">
	// <iframe height="315" width="560" allowfullscreen="true" frameborder="0" src="https://www.youtube.com/embed/x"></iframe>
	// </div>
	// 2:29: info: written-as-html: an iframe is written as HTML
}

// With LinkTargets, links keep their target in a kramdown attribute
// list.
func ExampleRender_linkTargets() {
	doc, _, err := tiptap.ParseHTML([]byte(`<p>Read the <a target="_blank" href="https://example.com/">report</a>.</p>`))
	if err != nil {
		panic(err)
	}
	md, _, err := markdown.Render(doc, markdown.RenderOptions{LinkTargets: true})
	if err != nil {
		panic(err)
	}
	fmt.Print(string(md))
	// Output:
	// Read the [report](https://example.com/){:target="_blank"}.
}

// With EscapeTypography, kramdown leaves quotes and dashes as they are.
func ExampleRender_escapeTypography() {
	doc, _, err := tiptap.ParseHTML([]byte(`<p>"Quoted" -- as typed...</p>`))
	if err != nil {
		panic(err)
	}
	for _, escape := range []bool{false, true} {
		md, _, err := markdown.Render(doc, markdown.RenderOptions{EscapeTypography: escape})
		if err != nil {
			panic(err)
		}
		fmt.Print(string(md))
	}
	// Output:
	// "Quoted" -- as typed...
	// \"Quoted\" \-\- as typed\.\.\.
}

// The editor's empty spacer paragraphs are <p></p>, unless
// DropEmptyParagraphs leaves them out.
func ExampleRender_dropEmptyParagraphs() {
	doc, _, err := tiptap.ParseHTML([]byte(`<p>One</p><p></p><p>Two</p>`))
	if err != nil {
		panic(err)
	}
	for _, drop := range []bool{false, true} {
		md, _, err := markdown.Render(doc, markdown.RenderOptions{DropEmptyParagraphs: drop})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%q\n", md)
	}
	// Output:
	// "One\n\n<p></p>\n\nTwo\n"
	// "One\n\nTwo\n"
}
