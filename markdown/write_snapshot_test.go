package markdown_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/golden"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// allRenderOptions are every combination of RenderOptions.
func allRenderOptions() []markdown.RenderOptions {
	var all []markdown.RenderOptions
	for i := range 8 {
		all = append(all, markdown.RenderOptions{LinkTargets: i&1 != 0, EscapeTypography: i&2 != 0, DropEmptyParagraphs: i&4 != 0})
	}
	return all
}

// diffDocs returns the documents of the snapshot test: the tiptap
// pages of the corpus, the documents Parse reads from its Markdown
// pages, the golden files' documents and random documents.
func diffDocs(t *testing.T) (names []string, docs []*tiptap.Node) {
	for _, p := range writerCorpus(t, "tiptap") {
		doc, _, err := tiptap.ParseHTML(p.Body())
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		names, docs = append(names, p.Path), append(docs, doc)
	}
	for _, p := range writerCorpus(t, "markdown") {
		doc, _, err := markdown.Parse(p.Body(), readOptions)
		if err != nil {
			continue // the Parse tests report it
		}
		names, docs = append(names, p.Path), append(docs, doc)
	}
	paths, _ := filepath.Glob("testdata/write/*.txtar")
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range a.Files {
			var doc *tiptap.Node
			switch s.Name {
			case "in.json":
				doc, err = tiptap.ParseJSON(s.Data)
			case "in.html":
				doc, _, err = tiptap.ParseHTML(s.Data)
			default:
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			names, docs = append(names, p+":"+s.Name), append(docs, doc)
		}
	}
	for _, dir := range []string{"testdata/fuzz/FuzzRender", "testdata/fuzz/FuzzRenderMarkdown", "../tiptap/testdata/fuzz/FuzzParseHTML", "testdata/fuzz/FuzzParse"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			src, ok := fuzzInput(b)
			if !ok {
				continue
			}
			var doc *tiptap.Node
			if strings.HasSuffix(dir, "FuzzParse") || strings.HasSuffix(dir, "Markdown") {
				doc, _, err = markdown.Parse(src, readOptions)
			} else {
				doc, _, err = tiptap.ParseHTML(src)
			}
			if err == nil {
				names, docs = append(names, filepath.Join(dir, e.Name())), append(docs, doc)
			}
		}
	}
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	for i := 0; i < 600; i++ {
		if doc := g.doc(); doc != nil {
			names, docs = append(names, fmt.Sprintf("random document %d", i)), append(docs, doc)
		}
	}
	// Documents as an API may build them: not read back through the
	// editor's HTML, so with text nodes of the same marks side by side,
	// white space of every kind, task lists and breaks with marks.
	g = &gen{r: rand.New(rand.NewPCG(5, 6))}
	for i := 0; i < 1200; i++ {
		doc := &tiptap.Node{Type: tiptap.TypeDoc, Content: g.blocks(0, 1+g.r.IntN(5))}
		roughen(g, doc)
		if tiptap.Check(doc) == nil {
			names, docs = append(names, fmt.Sprintf("raw document %d", i)), append(docs, doc)
		}
	}
	return names, docs
}

// roughen puts white space into the text of doc, turns some bullet
// lists into task lists and gives some hard breaks the marks of the
// text before them.
func roughen(g *gen, n *tiptap.Node) {
	spaces := []string{"\t", "\n", "  ", "\r\n", " \t ", "\n\n", " "}
	if n.Type == tiptap.TypeBulletList && g.r.IntN(3) == 0 {
		n.Type = tiptap.TypeTaskList
		for _, item := range n.Content {
			item.Type = tiptap.TypeTaskItem
			item.SetAttr("checked", g.r.IntN(2) == 0)
		}
	}
	for i, c := range n.Content {
		switch {
		case c.Type == tiptap.TypeText && g.r.IntN(2) == 0:
			k := g.r.IntN(len(c.Text) + 1)
			c.Text = c.Text[:k] + g.pick(spaces) + c.Text[k:]
		case c.Type == tiptap.TypeHardBreak && i > 0 && g.r.IntN(2) == 0:
			c.Marks = n.Content[i-1].Marks
		}
		roughen(g, c)
	}
}

// fuzzInput reads the first []byte or string value of a fuzz corpus
// file.
func fuzzInput(b []byte) ([]byte, bool) {
	for _, line := range strings.Split(string(b), "\n")[1:] {
		line = strings.TrimSpace(line)
		for _, pre := range []string{"[]byte(", "string("} {
			if v, ok := strings.CutPrefix(line, pre); ok {
				var s string
				if _, err := fmt.Sscanf(strings.TrimSuffix(v, ")"), "%q", &s); err == nil {
					return []byte(s), true
				}
			}
		}
	}
	return nil, false
}

// snapshotFile records a hash of Render's output (under every option
// set, with its notes) for each document of diffDocs, as
// the html-to-markdown writer wrote it: the printer that replaced it
// must keep writing the same bytes. Random documents are recorded by
// kind, in one hash each. Rewrite it with -update (with
// TIPTAPMD_CORPUS=full for the pages of the full corpus).
const snapshotFile = "testdata/write/render.snapshot"

// outputHash returns the hash of Render's outputs of doc under every
// option set, with its notes (in any order) and errors.
func outputHash(h hash.Hash, render func(*tiptap.Node, markdown.RenderOptions) ([]byte, []tiptapmd.Note, error), doc *tiptap.Node) {
	for _, opts := range allRenderOptions() {
		md, notes, err := render(doc, opts)
		fmt.Fprintf(h, "%+v\x00%s\x00%v\x00", opts, md, err)
		var ns []string
		for _, n := range notes {
			// The form the snapshot was recorded in: the old note's
			// "line:column: code: message" and whether it is visible.
			pos := "-"
			if n.Pos.IsValid() {
				pos = fmt.Sprintf("%d:%d", n.Line, n.Column)
			}
			ns = append(ns, fmt.Sprintf("%s: %s: %s %v", pos, n.Code, n.Message, n.Severity == tiptapmd.Review))
		}
		slices.Sort(ns)
		fmt.Fprintf(h, "%q\x00", ns)
	}
}

// TestRenderSnapshot: Render writes what the snapshot records.
func TestRenderSnapshot(t *testing.T) {
	names, docs := diffDocs(t)
	got := map[string]string{}
	groups := map[string]hash.Hash{}
	for i, doc := range docs {
		name := names[i]
		if kind, _, ok := strings.Cut(name, " document "); ok {
			if groups[kind] == nil {
				groups[kind] = sha256.New()
			}
			outputHash(groups[kind], markdown.Render, doc)
			continue
		}
		h := sha256.New()
		outputHash(h, markdown.Render, doc)
		got[name] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	for kind, h := range groups {
		got[kind+" documents"] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	want := map[string]string{}
	if b, err := os.ReadFile(snapshotFile); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if name, h, ok := strings.Cut(line, "\t"); ok {
				want[name] = h
			}
		}
	} else if !golden.Updating() {
		t.Fatal(err)
	}
	if golden.Updating() {
		maps.Copy(want, got)
		var b strings.Builder
		for _, name := range slices.Sorted(maps.Keys(want)) {
			b.WriteString(name + "\t" + want[name] + "\n")
		}
		if err := os.WriteFile(snapshotFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	bad := 0
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: not in %s (run with -update)", name, snapshotFile)
		} else if w != got[name] {
			if bad++; bad <= 20 {
				t.Errorf("%s: Render writes otherwise than recorded", name)
			}
		}
	}
	t.Logf("%d documents, %d hashes checked, %d differ", len(docs), len(got), bad)
}
