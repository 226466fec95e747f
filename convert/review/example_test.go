package review_test

import (
	"bytes"
	"fmt"
	"log"
	"regexp"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/review"
)

// A run of two pages: one that needs review, shown before and after,
// and one that changed in no way a visitor sees, listed.
func ExampleWrite() {
	src := []byte("---\ntitle: Contact\n---\n\nCall <span style=\"color: red\">6123 4567</span>.\n")
	out := []byte("---\ntitle: Contact\nvariant: tiptap\n---\n<p>Call 6123 4567.</p>")
	run := &review.Run{
		Title: "tiptapmd check -to tiptap site",
		Pages: []review.Page{
			{
				Path: "site/contact.md", Op: "to-tiptap", From: convert.Markdown, To: convert.Tiptap,
				Verdict: convert.VerdictReview,
				Entries: []tiptapmd.Note{{Code: "dropped-attr", Severity: tiptapmd.Review,
					Message: "<span>: dropped style (color: red): colours change", Pos: tiptapmd.Pos{Line: 5, Column: 6}}},
				Source: src, Output: out,
			},
			{Path: "site/about.md", Verdict: convert.VerdictInvisible},
		},
	}
	var page bytes.Buffer
	if err := review.Write(&page, run); err != nil {
		log.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`data-count="([a-z-]+)">(\d+)<|<p class="marks">([^<]*?) <|<iframe sandbox=""`).FindAllStringSubmatch(page.String(), -1) {
		switch {
		case m[1] != "":
			fmt.Printf("%s: %s\n", m[1], m[2])
		case m[3] != "":
			fmt.Println(m[3])
		default:
			fmt.Println("a sandboxed frame")
		}
	}
	// Output:
	// pages: 2
	// needs-review: 1
	// failed: 0
	// changed-invisibly: 1
	// unchanged: 0
	// skipped: 0
	// missing-assets: 0
	// unreferenced-assets: 0
	// broken-links: 0
	// 0 words removed, 0 added, 0 elements dropped, 1 unwrapped, 0 images resized, 0 links changed
	// a sandboxed frame
	// a sandboxed frame
}
