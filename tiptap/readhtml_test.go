package tiptap

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestReadHTML checks that ReadHTML reads every tiptap page of the
// corpus, and bodies that ParseHTML refuses, as ParseHTML does,
// positions aside.
func TestReadHTML(t *testing.T) {
	bodies := [][]byte{
		[]byte("<p>Visit <a href=\"https://example.com\">example</a>\n<em>now</em></p>"),
		[]byte("<p>a <mark>marked</mark> word</p>"),
		[]byte(""),
		[]byte("<p>\xff\xfe</p>"),
		[]byte(strings.Repeat("<div>\n", 10000) + "x"),
	}
	for _, p := range tiptapPages(t) {
		bodies = append(bodies, p.Body())
	}
	refused := 0
	for _, body := range bodies {
		got, err := ReadHTML(body)
		want, _, wantErr := ParseHTML(body)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("ReadHTML(%.80q): error %v, ParseHTML's %v", body, err, wantErr)
			continue
		}
		if err != nil {
			refused++
		} else if !reflect.DeepEqual(got, withoutPos(want)) {
			t.Errorf("ReadHTML(%.80q): the document differs from ParseHTML's", body)
		}
	}
	if refused == 0 {
		t.Error("no body was refused")
	}
}

func ExampleReadHTML() {
	saved, _ := Resave([]byte("<p>Find us at trackAIanswers.com</p>\n<p>More.</p>"))
	doc, err := ReadHTML(saved)
	if err != nil {
		panic(err)
	}
	fmt.Println(doc.Content[0].Content[1].Marks[0].AttrString("href"))
	// Output:
	// http://trackAIanswers.com
}
