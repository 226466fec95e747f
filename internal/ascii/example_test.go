package ascii_test

import (
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
)

func ExampleCollapseSpace() {
	fmt.Printf("%q\n", ascii.CollapseSpace("Opening\n  hours:\tdaily"))
	// Output: "Opening hours: daily"
}

func ExampleSet() {
	tagEnds := ascii.SetOf(" />")
	src := []byte("img src=x>")
	fmt.Println(string(src[:tagEnds.Index(src)]))
	// Output: img
}

func ExampleTagName() {
	var buf [16]byte
	name, ok := ascii.TagName([]byte(`</TD>`), buf[:])
	fmt.Println(string(name), ok)
	name, ok = ascii.TagName([]byte(`<Img SRC="a.png"/>`), buf[:])
	fmt.Println(string(name), ok)
	// Output:
	// td true
	// img true
}

func ExampleWriteCollapsed() {
	var b strings.Builder
	var parts []string
	for _, s := range []string{"Opening\n  hours", "daily", "9 am\tto 5 pm"} {
		start := b.Len()
		if ascii.WriteCollapsed(&b, s) {
			s = b.String()[start:] // a part of the builder's string
		}
		parts = append(parts, s)
	}
	fmt.Printf("%q\n", parts)
	// Output: ["Opening hours" "daily" "9 am to 5 pm"]
}

func ExampleLineStarts() {
	src := []byte("<p>\n  Opening hours\n</p>\n")
	starts := ascii.LineStarts(src)
	fmt.Println(starts)
	fmt.Printf("%q\n", src[starts[1]:starts[2]])
	// Output:
	// [0 4 20 25]
	// "  Opening hours\n"
}
