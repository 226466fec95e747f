package convert_test

import (
	"fmt"
	"log"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
)

// The verdict sums up what a visitor would see of a conversion; the
// entries that need review say what and where.
func ExampleReport_Verdict() {
	pages := []string{
		"---\ntitle: Plain\n---\nHello *world*.\n",
		"---\ntitle: Grid\n---\n<div class=\"row\">\n<div class=\"col\"><p>One</p></div>\n<div class=\"col\"><p>Two</p></div>\n</div>\n",
	}
	for _, p := range pages {
		_, r, err := convert.ToTiptap([]byte(p))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r.Verdict())
		for _, e := range r.Items {
			if e.Severity >= tiptapmd.Review {
				fmt.Println("  ", e)
			}
		}
	}
	// Output:
	// changed-invisibly
	// needs-review
	//    4:1: review: dropped-attr: <div>: dropped class "row": the column grid becomes one column, its columns stacked
	//    5:1: review: dropped-attr: <div>: dropped class "col": the column grid becomes one column, its columns stacked
	//    6:1: review: dropped-attr: <div>: dropped class "col": the column grid becomes one column, its columns stacked
}
