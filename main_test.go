package tiptapmd_test

import (
	"flag"
	"os"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// TestMain says, in one line, which opt-in suites (the full corpus, live
// kramdown, the live CMS oracle, the long tests, the browser tests) the
// run leaves out and how to ask for them; see internal/corpus and
// README.md.
func TestMain(m *testing.M) {
	flag.Parse()
	corpus.PrintLeftOut(testing.Verbose())
	os.Exit(m.Run())
}
