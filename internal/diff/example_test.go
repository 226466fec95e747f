package diff_test

import (
	"fmt"

	"github.com/tiptapmd/tiptapmd/internal/diff"
)

func ExampleDiff() {
	old := []byte("---\ntitle: A\n---\nOne.\n")
	new := []byte("---\ntitle: A\nvariant: markdown\n---\nOne.\n")
	fmt.Printf("%s", diff.Diff("a.md", old, "a.md (normalized)", new))
	// Output:
	// --- a.md
	// +++ a.md (normalized)
	// @@ -1,4 +1,5 @@
	//  ---
	//  title: A
	// +variant: markdown
	//  ---
	//  One.
}
