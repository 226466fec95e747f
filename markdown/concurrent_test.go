package markdown_test

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
	"golang.org/x/tools/txtar"
)

// TestParseConcurrent parses the golden inputs from several goroutines at
// once (run it with -race): Parse shares no mutable state between calls
// (the goldmark parser all calls share is never changed once built).
func TestParseConcurrent(t *testing.T) {
	paths, err := filepath.Glob("testdata/parse/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var inputs [][]byte
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if f.Name == "in.md" {
				inputs = append(inputs, f.Data)
			}
		}
	}
	opts := markdown.Options{Typographer: true}
	want := make([][]byte, len(inputs))
	for i, in := range inputs {
		doc, _, err := markdown.Parse(in, opts)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = docJSON(t, doc)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				doc, _, err := markdown.Parse(in, opts)
				if err != nil {
					t.Error(err)
					return
				}
				if got := docJSON(t, doc); !bytes.Equal(got, want[i]) {
					t.Errorf("input %d parsed differently in a goroutine", i)
				}
			}
		}()
	}
	wg.Wait()
}
