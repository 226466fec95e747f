package tiptap_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/tiptapmd/tiptapmd/tiptap"
)

func ExampleParseHTML() {
	src := []byte(`<h3 id="intro">Intro</h3>
<p>Read the <a href="/files/guide.pdf" title="PDF">guide</a>.</p>
<center>Centred</center>
<script>track()</script>`)
	doc, notes, err := tiptap.ParseHTML(src)
	if err != nil {
		panic(err)
	}
	for _, b := range doc.Content {
		fmt.Printf("%s at %v: %q\n", b.Type, b.Pos, b.TextContent())
	}
	for _, n := range notes {
		fmt.Println(n) // severity review: a visitor sees the change
	}
	// Output:
	// heading at 1:1: "Intro"
	// paragraph at 2:1: "Read the guide."
	// paragraph at 3:9: "Centred"
	// 1:1: info: dropped-anchor: <h3>: in-page anchor "intro" dropped: no link of this page points to it (links from other pages to #intro, if any, would no longer jump here)
	// 2:13: info: dropped-attr: <a>: dropped title
	// 3:1: review: unwrapped: <center> is not part of the dialect; its content is kept, but it is no longer centred
	// 4:1: review: dropped-script: <script> dropped
}

func ExampleParseHTML_json() {
	doc, _, err := tiptap.ParseHTML([]byte(`<p>Hello <strong>world</strong></p>`))
	if err != nil {
		panic(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "type": "doc",
	//   "content": [
	//     {
	//       "type": "paragraph",
	//       "content": [
	//         {
	//           "type": "text",
	//           "text": "Hello "
	//         },
	//         {
	//           "type": "text",
	//           "marks": [
	//             {
	//               "type": "bold"
	//             }
	//           ],
	//           "text": "world"
	//         }
	//       ]
	//     }
	//   ]
	// }
}

func ExampleRenderHTML() {
	text := func(s string, marks ...tiptap.Mark) *tiptap.Node {
		return &tiptap.Node{Type: tiptap.TypeText, Text: s, Marks: marks}
	}
	doc := &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
		{Type: tiptap.TypeHeading, Attrs: map[string]any{"level": 3}, Content: []*tiptap.Node{text("Contact")}},
		{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{
			text("Write to "),
			text("the team", tiptap.Mark{Type: tiptap.MarkLink, Attrs: map[string]any{"href": "mailto:team@example.gov.sg"}}),
			text(" for a copy of the guidelines for this year, which we publish every April."),
		}},
		{Type: tiptap.TypeImage, Attrs: map[string]any{"src": "/images/team photo.jpg", "alt": "The team"}},
	}}
	out, err := tiptap.RenderHTML(doc)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// <h3>Contact</h3>
	// <p>Write to <a href="mailto:team@example.gov.sg" rel="noopener noreferrer nofollow" target="_blank">the team</a> for
	// a copy of the guidelines for this year, which we publish every April.</p>
	// <div class="isomer-image-wrapper">
	// <img style="width: 100%" height="auto" width="100%" alt="The team" src="/images/team photo.jpg">
	// </div>
	// <p></p>
}

func ExampleRenderHTML_schemaError() {
	doc := &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
		{Type: tiptap.TypeBulletList, Content: []*tiptap.Node{
			{Type: tiptap.TypeListItem, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: "loose"}}},
		}},
	}}
	_, err := tiptap.RenderHTML(doc)
	var se *tiptap.SchemaError
	if errors.As(err, &se) {
		fmt.Println(se.Path, se.Type, errors.Is(err, tiptap.ErrInvalidContent))
	}
	fmt.Println(err)
	// Output:
	// /content/0/content/0/content/0 text true
	// tiptap: /content/0/content/0/content/0 (text): content does not fit the schema: text cannot go here in listItem
}

func ExampleCheck() {
	doc := &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
		{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{
			{Type: tiptap.TypeText, Text: "run", Marks: []tiptap.Mark{{Type: tiptap.MarkLink, Attrs: map[string]any{"href": "javascript:alert(1)"}}}},
		}},
	}}
	err := tiptap.Check(doc)
	_, renderErr := tiptap.RenderHTML(doc)
	fmt.Println(errors.Is(err, tiptap.ErrInvalidAttr), err.Error() == renderErr.Error())
	// Output:
	// true true
}

func ExampleFormat() {
	// A body saved in January 2024, on one line, with attributes in
	// Tiptap's order.
	src := []byte(`<p>Download the <a target="_blank" rel="noopener noreferrer nofollow" href="/files/form.pdf">form</a>.</p><ul class="tight" data-tight="true"><li><p>Fill it in</p></li></ul><p></p>`)
	out, notes, err := tiptap.Format(src)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Println(len(notes), "notes")
	// Output:
	// <p>Download the <a href="/files/form.pdf" rel="noopener noreferrer nofollow" target="_blank">form</a>.</p>
	// <ul data-tight="true" class="tight">
	// <li>
	// <p>Fill it in</p>
	// </li>
	// </ul>
	// <p></p>
	// 0 notes
}

func ExampleParseJSON() {
	doc, err := tiptap.ParseJSON([]byte(`{"type":"doc","content":[
		{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"From JSON"}]},
		{"type":"orderedList","attrs":{"start":3},"content":[
			{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"third"}]}]}]}]}`))
	if err != nil {
		panic(err)
	}
	level, _ := doc.Content[0].AttrInt("level")
	fmt.Printf("level %d (%T)\n", level, doc.Content[0].Attrs["level"])
	out, err := tiptap.RenderHTML(doc)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// level 2 (int)
	// <h2>From JSON</h2>
	// <ol start="3" data-tight="true" class="tight">
	// <li>
	// <p>third</p>
	// </li>
	// </ol>
	// <p></p>
}

func ExampleParseError() {
	deep := make([]byte, 0, 6000)
	for range 600 {
		deep = append(deep, "<div>"...)
	}
	_, _, err := tiptap.ParseHTML(deep)
	var pe *tiptap.ParseError
	fmt.Println(errors.Is(err, tiptap.ErrTooDeep), errors.As(err, &pe), pe.Pos)
	fmt.Println(err)
	// Output:
	// true true 1:2551
	// tiptap: line 1, column 2551: elements nested too deeply
}

// Resave shows what IsomerCMS writes when an editor opens a page and
// saves it: here its Link extension links the last word of the first
// paragraph, which RenderHTML does not do.
func ExampleResave() {
	body := []byte("<p>Find us at trackAIanswers.com</p>\n<p>More.</p>")
	saved, err := tiptap.Resave(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(saved))
	// Output:
	// <p>Find us at <a href="http://trackAIanswers.com" rel="noopener noreferrer nofollow" target="_blank">trackAIanswers.com</a>
	// </p>
	// <p>More.</p>
}

func ExampleParseFragment() {
	// A raw HTML block of a Markdown page: its blocks take their place
	// among the page's other blocks, without the empty paragraph that
	// ParseHTML ends a document with.
	blocks, notes, err := tiptap.ParseFragment([]byte(`<hr>
<div id="contact" class="note"><p>Call <b>6123 4567</b>.</p></div>`), []string{"contact"})
	if err != nil {
		panic(err)
	}
	for _, b := range blocks {
		fmt.Printf("%s at %s: %q\n", b.Type, b.Pos, b.TextContent())
	}
	for _, n := range notes {
		fmt.Println(n)
	}
	// Output:
	// horizontalRule at 1:1: ""
	// paragraph at 2:32: "Call 6123 4567."
	// 2:1: review: dropped-anchor: <div>: in-page anchor "contact" dropped: the links of this page to #contact will no longer jump to this place
	// 2:1: review: dropped-attr: <div>: dropped class "note": the look that the site's CSS gives the class is lost (the tool cannot see the site's CSS)
}

func ExampleDefaultAttrs() {
	// A document built in code takes the defaults the editor would give.
	img := &tiptap.Node{Type: tiptap.TypeImage, Attrs: tiptap.DefaultAttrs(tiptap.TypeImage)}
	img.SetAttr("src", "/images/map.png")
	img.SetAttr("alt", "Map of the park")
	out, err := tiptap.RenderHTML(&tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{img}})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Println(tiptap.DefaultAttrs(tiptap.MarkLink)["rel"])
	// Output:
	// <div class="isomer-image-wrapper">
	// <img style="width: 100%" height="auto" width="100%" alt="Map of the park" src="/images/map.png">
	// </div>
	// <p></p>
	// noopener noreferrer nofollow
}

// Write a document, then read it back: the document a browser reads
// from the body, and the body the CMS's first save writes.
func ExampleWritten_ReadBack() {
	doc, _, err := tiptap.ParseHTML([]byte("<p>Find us at trackAIanswers.com</p><p>More.</p>"))
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := tiptap.Write(doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, saved, err := w.ReadBack()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tiptap.Equal(back, doc))
	fmt.Println(string(w.HTML))
	fmt.Println(string(saved))
	// Output:
	// true
	// <p>Find us at trackAIanswers.com</p>
	// <p>More.</p>
	// <p>Find us at <a href="http://trackAIanswers.com" rel="noopener noreferrer nofollow" target="_blank">trackAIanswers.com</a>
	// </p>
	// <p>More.</p>
}

func ExampleMergeText() {
	bold := []tiptap.Mark{{Type: tiptap.MarkBold}}
	nodes := tiptap.MergeText([]*tiptap.Node{
		{Type: tiptap.TypeText, Text: "Opening "},
		{Type: tiptap.TypeText, Text: "hours"},
		{Type: tiptap.TypeText, Text: ": ", Marks: bold},
		{Type: tiptap.TypeText, Text: "daily", Marks: bold},
	})
	for _, n := range nodes {
		fmt.Printf("%q %d marks\n", n.Text, len(n.Marks))
	}
	// Output:
	// "Opening hours" 0 marks
	// ": daily" 1 marks
}
