package tiptapmd_test

import (
	"encoding/json"
	"fmt"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Every package reports in notes of one shape: the notes of a reader,
// here tiptap.ParseHTML, are those a convert.Report holds, with the
// same severities and the same JSON form.
func ExampleNote() {
	_, notes, err := tiptap.ParseHTML([]byte("<p>Hello</p>\n<center>there</center>\n<!-- a comment -->"))
	if err != nil {
		panic(err)
	}
	for _, n := range notes {
		fmt.Println(n)
		if n.Severity >= tiptapmd.Review {
			fmt.Printf("  a visitor sees it, at line %d\n", n.Line)
		}
	}
	b, _ := json.Marshal(notes[0])
	fmt.Println(string(b))
	// Output:
	// 2:1: review: unwrapped: <center> is not part of the dialect; its content is kept, but it is no longer centred
	//   a visitor sees it, at line 2
	// 3:1: info: dropped-comment: comment <!--a comment--> dropped
	// {"code":"unwrapped","severity":"review","message":"\u003ccenter\u003e is not part of the dialect; its content is kept, but it is no longer centred","line":2,"column":1}
}

func ExamplePos() {
	fmt.Println(tiptapmd.Pos{Line: 12, Column: 5}, tiptapmd.Pos{Line: 3}, tiptapmd.Pos{})
	// Output: 12:5 3 -
}

func ExampleSeverity() {
	var s tiptapmd.Severity
	err := s.UnmarshalText([]byte("review"))
	fmt.Println(s, err, s > tiptapmd.Info)
	fmt.Println(s.UnmarshalText([]byte("warning")))
	// Output:
	// review <nil> true
	// tiptapmd.Severity: no value "warning"
}
