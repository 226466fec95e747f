package tiptap

import (
	"errors"
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

// TestReadFragment checks that ReadFragment reads every tiptap page of
// the corpus, its halves (fragments that leave elements open or start
// inside them) and fragments that ParseFragment refuses as
// ParseFragment does, positions aside, with the same errors but for
// their positions.
func TestReadFragment(t *testing.T) {
	frags := [][]byte{
		[]byte("<p>Visit <a href=\"#top\">the top</a>\n<em>now</em></p><h2 id=\"top\">Top</h2>"),
		[]byte("<div><p>open"),
		[]byte("text</b> after</div>"),
		[]byte(""),
		[]byte("<p>\xff\xfe</p>"),
		[]byte(strings.Repeat("<div>\n", 10000) + "x"),
		[]byte("<table>" + strings.Repeat("<tr><td>a</td></tr>", 90000) + "</table>"),
	}
	for _, p := range tiptapPages(t) {
		b := p.Body()
		frags = append(frags, b, b[:len(b)/2], b[len(b)/2:])
	}
	refused := 0
	for _, src := range frags {
		got, err := ReadFragment(src)
		want, _, wantErr := ParseFragment(src, []string{"top"})
		if (err == nil) != (wantErr == nil) {
			t.Errorf("ReadFragment(%.80q): error %v, ParseFragment's %v", src, err, wantErr)
			continue
		}
		if err != nil {
			var pe, wpe *ParseError
			if !errors.As(err, &pe) || !errors.As(wantErr, &wpe) || pe.Err != wpe.Err {
				t.Errorf("ReadFragment(%.80q): error %v, ParseFragment's %v", src, err, wantErr)
			}
			refused++
			continue
		}
		for _, n := range want {
			withoutPos(n)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("ReadFragment(%.80q): the blocks differ from ParseFragment's", src)
		}
	}
	if refused == 0 {
		t.Error("no fragment was refused")
	}
}

func ExampleReadFragment() {
	blocks, err := ReadFragment([]byte("<div>\n<p>Open <b>daily</b></p>\n<p>Closed on <em>Sundays</em>"))
	if err != nil {
		panic(err)
	}
	for _, b := range blocks {
		fmt.Println(b.Type, b.Pos.IsValid(), len(b.Content))
	}
	// Output:
	// paragraph false 2
	// paragraph false 2
}
