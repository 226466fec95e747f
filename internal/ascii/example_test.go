package ascii_test

import (
	"fmt"

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
