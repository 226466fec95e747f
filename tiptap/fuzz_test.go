package tiptap

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// addSeeds adds the in.html sections of the parse goldens and the first
// tiptap pages of the corpus to f.
func addSeeds(f *testing.F) {
	paths, err := filepath.Glob("testdata/parse/*.txtar")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden files to seed from: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "in.html" {
				f.Add(s.Data)
			}
		}
	}
	n := 0
	for _, pg := range tiptapPages(f) {
		if body := pg.Body(); len(body) > 0 && n < 40 {
			f.Add(body)
			n++
		}
	}
}

// FuzzParseHTML checks that ParseHTML never panics, that what it returns
// renders, and that the rendered HTML reads back as the same document.
func FuzzParseHTML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, notes, err := ParseHTML(src)
		if err != nil {
			var pe *ParseError
			if !errors.Is(err, ErrTooDeep) || !errors.As(err, &pe) || !pe.Pos.IsValid() {
				t.Fatalf("ParseHTML error %v; want a *ParseError with ErrTooDeep and a position", err)
			}
			return
		}
		for _, n := range notes {
			if n.Code == "" || n.Message == "" {
				t.Fatalf("empty note %+v", n)
			}
		}
		out, err := RenderHTML(doc)
		if errors.Is(err, ErrTooDeep) {
			return // the HTML would nest more deeply than the input did
		}
		if err != nil {
			t.Fatalf("RenderHTML of a parsed document: %v\n%s", err, docJSON(t, doc))
		}
		back, _, err := ParseHTML(out)
		if err != nil {
			t.Fatalf("ParseHTML(RenderHTML(doc)): %v", err)
		}
		want, got := docJSON(t, doc), docJSON(t, back)
		if !bytes.Equal(want, got) {
			t.Fatalf("rendered HTML reads back as another document\nHTML:\n%s\nwant:\n%s\ngot:\n%s", out, want, got)
		}
		again, err := RenderHTML(back)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("Format is not idempotent:\n%s\n---\n%s", out, again)
		}
		fromJSON, err := ParseJSON(want)
		if err != nil {
			t.Fatalf("ParseJSON of the document's JSON: %v", err)
		}
		if got := docJSON(t, fromJSON); !bytes.Equal(got, want) {
			t.Fatalf("JSON reads back as another document:\n%s", got)
		}
	})
}

// FuzzParseJSON checks that ParseJSON and RenderHTML never panic, that
// RenderHTML reports a bad document as a *SchemaError, and that the HTML of
// a good one reads back.
func FuzzParseJSON(f *testing.F) {
	paths, _ := filepath.Glob("testdata/render/*.txtar")
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "in.json" {
				f.Add(s.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseJSON(data)
		if err != nil {
			return
		}
		out, err := RenderHTML(doc)
		if err != nil {
			var se *SchemaError
			if !errors.As(err, &se) {
				t.Fatalf("RenderHTML error %T %v; want *SchemaError", err, err)
			}
			return
		}
		if _, _, err := Format(out); err != nil && !errors.Is(err, ErrTooDeep) {
			t.Fatalf("Format(RenderHTML(doc)): %v", err)
		}
	})
}
