package ascii_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
)

func ExampleCollapseSpace() {
	fmt.Printf("%q\n", ascii.CollapseSpace("Opening\n  hours:\tdaily"))
	// Output: "Opening hours: daily"
}
