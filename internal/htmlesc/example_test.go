package htmlesc_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
)

func ExampleAppend() {
	s := "Fish &amp; chips <b>\u00a0\"hot\""
	// Code keeps no reference:
	fmt.Printf("%q\n", htmlesc.Append(nil, s, 0))
	// kramdown writes an attribute value keeping its references:
	fmt.Printf("%q\n", htmlesc.Append(nil, s, htmlesc.Quot|htmlesc.KeepRefs))
	// the browser serialises text with &nbsp;:
	fmt.Printf("%q\n", htmlesc.Append(nil, s, htmlesc.NBSP))
	// Output:
	// "Fish &amp;amp; chips &lt;b&gt;\u00a0\"hot\""
	// "Fish &amp; chips &lt;b&gt;\u00a0&quot;hot&quot;"
	// "Fish &amp;amp; chips &lt;b&gt;&nbsp;\"hot\""
}
