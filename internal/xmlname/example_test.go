package xmlname_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/xmlname"
)

func ExampleScan() {
	tag := []byte(`<svg:use xlink:href="#a">`)
	end := xmlname.Scan(tag, 1)
	fmt.Printf("%s\n", tag[1:end])
	fmt.Println(xmlname.Valid([]byte("data-src")), xmlname.Valid([]byte("1st")))
	// Output:
	// svg:use
	// true false
}
