package convert

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// TestSavedBlocks checks savedBlocks, which reads only the top-level
// blocks the CMS's save changed, each on its own, against reading the
// whole save, on the tiptap body of every page of the corpus (a
// Markdown page converted) and on pages whose link the CMS's layout
// moves at every wrap position: the blocks must be the same documents.
// It also checks that topElements splits every such body into as many
// elements as its reading has blocks, each read on its own as the whole
// body reads it.
func TestSavedBlocks(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var bodies [][]byte
	for n := 1; n <= 75; n++ {
		bodies = append(bodies, []byte("<p>Intro.</p>\n<p>The meter "+strings.Repeat("x", n)+
			".<a href=\"#notes\">1</a> Showing the rest.</p>\n<ul><li><p>a <mark>b</mark> c</p></li></ul>\n<hr>\n<p></p>"))
	}
	for _, p := range corpus.Pages(t) {
		out, _, err := c.ToTiptap(p.Data)
		if err != nil {
			continue // the report test covers refused pages
		}
		page, err := frontmatter.Parse(out)
		if err != nil {
			t.Fatal(err)
		}
		if body := page.Body(); len(body) > 0 {
			bodies = append(bodies, body)
		}
	}
	changed, partly := 0, 0
	for _, out := range bodies {
		back, err := tiptap.ReadHTML(out)
		if err != nil {
			t.Fatal(err)
		}
		saved, err := tiptap.Resave(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, body := range [][]byte{out, saved} {
			doc, err := tiptap.ReadHTML(body)
			if err != nil {
				t.Fatal(err)
			}
			els := topElements(body)
			if len(els) != len(doc.Content) {
				t.Errorf("topElements(%.80q): %d elements, %d blocks", body, len(els), len(doc.Content))
				continue
			}
			for i, el := range els {
				one, err := tiptap.ReadHTML(el)
				if err != nil || !tiptap.Equal(one.Content[0], doc.Content[i]) {
					t.Errorf("block %d of %.80q, %.80q, reads otherwise on its own", i, body, el)
				}
			}
		}
		if bytes.Equal(saved, out) {
			continue
		}
		changed++
		got, err := savedBlocks(back, out, saved)
		want, wantErr := readBlocks(saved)
		if err != nil || wantErr != nil {
			t.Fatalf("savedBlocks: %v; readBlocks: %v", err, wantErr)
		}
		if !tiptap.Equal(&tiptap.Node{Type: tiptap.TypeDoc, Content: got}, &tiptap.Node{Type: tiptap.TypeDoc, Content: want}) {
			t.Errorf("savedBlocks(%.80q) differs from reading the whole save", saved)
		}
		for i, b := range got {
			if b == back.Content[i] {
				partly++
				break
			}
		}
	}
	if changed == 0 || partly == 0 {
		t.Errorf("%d bodies changed by the save, %d of them read in part; want some", changed, partly)
	}
	t.Logf("%d bodies, %d changed by the save, %d read in part", len(bodies), changed, partly)
}
